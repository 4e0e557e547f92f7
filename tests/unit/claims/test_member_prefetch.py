"""An 837's members are read a hundred at a time before their claims are edited, not one by one."""

from __future__ import annotations

from mainecare.services.claims import context as edit_contexts


def test_prefetched_members_are_answered_without_another_read(monkeypatch):
    calls = {"batch": [], "single": []}
    monkeypatch.setattr(edit_contexts.members, "get_coverages",
                        lambda ids: calls["batch"].append(list(ids)) or {m: (("span", m),) for m in ids})
    monkeypatch.setattr(edit_contexts.members, "get_coverage", lambda m: calls["single"].append(m) or None)
    coverage = edit_contexts.MemberCoverage()
    coverage.prefetch(["A1", "A2", "A1", ""])
    assert coverage("A1") == (("span", "A1"),) and coverage("A2") == (("span", "A2"),)
    assert coverage("B9") is None  # not prefetched: read on its own, and remembered
    assert coverage("B9") is None
    coverage.prefetch(["A1", "B9"])  # all known: no read
    assert calls == {"batch": [["A1", "A2"]], "single": ["B9"]}


def test_the_memory_of_members_is_bounded(monkeypatch):
    monkeypatch.setattr(edit_contexts.members, "get_coverages", lambda ids: dict.fromkeys(ids, ()))
    coverage = edit_contexts.MemberCoverage()
    coverage.LIMIT = 10
    coverage.prefetch([f"M{n}" for n in range(8)])
    coverage.prefetch([f"N{n}" for n in range(8)])
    assert len(coverage._known) == 8
