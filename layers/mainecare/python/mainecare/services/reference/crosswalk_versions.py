"""Use case: which crosswalk files are loaded, in a stable order."""

from __future__ import annotations

from mainecare.stores import reference_artifacts


def loaded_crosswalks() -> list[dict]:
    return sorted(reference_artifacts.list_loaded(), key=lambda e: (e["source"], e["version"]))
