"""An event EventBridge cannot take is logged with ids only and counted for the alarm."""

from __future__ import annotations

import json

from mainecare.stores import events


class _Refusing:
    def __init__(self, answer=None, error=None):
        self.answer, self.error = answer, error

    def put_events(self, Entries):  # noqa: N803 - boto3's parameter name
        if self.error:
            raise self.error
        return self.answer


def _emf_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith('{"_aws"')]


def test_an_unreachable_bus_is_counted_not_raised(monkeypatch, capsys):
    monkeypatch.setattr(events, "client", lambda name: _Refusing(error=ConnectionError("no route")))
    assert events.publish("PanelMemberTerminated", {"request_id": "R1", "member_id": "M-SECRET"}) is False
    out = capsys.readouterr().out
    [metric] = _emf_lines(out)
    assert metric[events.NOT_SENT_METRIC] == [1.0]
    assert "M-SECRET" not in out  # the member id is in the detail, never in the log


def test_a_refused_entry_is_counted(monkeypatch, capsys):
    answer = {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "InternalFailure"}]}
    monkeypatch.setattr(events, "client", lambda name: _Refusing(answer=answer))
    assert events.publish("MemberRequestPending", {"request_id": "R2"}) is False
    assert [m[events.NOT_SENT_METRIC] for m in _emf_lines(capsys.readouterr().out)] == [[1.0]]


def test_an_accepted_event_counts_nothing(monkeypatch, capsys):
    monkeypatch.setattr(events, "client", lambda name: _Refusing(answer={"FailedEntryCount": 0, "Entries": [{}]}))
    assert events.publish("MemberRequestPending", {"request_id": "R3"}) is True
    assert _emf_lines(capsys.readouterr().out) == []
