"""Reference data routes: which crosswalk files are loaded."""

from __future__ import annotations

from chalice import Blueprint
from pydantic import BaseModel

from chalicelib.routing import api_route
from mainecare.domain.permissions import REFERENCE_READ
from mainecare.stores import reference_artifacts

reference = Blueprint(__name__)


class LoadedCrosswalk(BaseModel):
    source: str
    version: str
    source_key: str
    rows_read: int
    rows_skipped: int
    loaded_at: str


class LoadedCrosswalks(BaseModel):
    crosswalks: list[LoadedCrosswalk]


@api_route(reference, "/v1/reference/crosswalks", "GET", summary="Loaded ASP and PDAC crosswalk "
           "versions, their source files and row counts", tag="Reference", permission=REFERENCE_READ,
           response_model=LoadedCrosswalks)
def crosswalks(identity):
    entries = sorted(reference_artifacts.list_loaded(), key=lambda e: (e["source"], e["version"]))
    return LoadedCrosswalks(crosswalks=[LoadedCrosswalk(**e) for e in entries])
