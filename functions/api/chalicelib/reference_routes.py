"""Reference data routes: which crosswalk files are loaded."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred
from chalicelib.paging import page_of
from chalicelib.routing import api_route
from mainecare.domain.permissions import REFERENCE_READ

LoadedCrosswalk, LoadedCrosswalks = deferred("mainecare.models.reference", "LoadedCrosswalk", "LoadedCrosswalks")
loaded_crosswalks = deferred("mainecare.services.reference.crosswalk_versions", "loaded_crosswalks")

reference = Blueprint(__name__)


@api_route(reference, "/v1/reference/crosswalks", "GET", summary="Loaded ASP and PDAC crosswalk "
           "versions, their source files and row counts", tag="Reference", permission=REFERENCE_READ,
           response_model=LoadedCrosswalks, query=("limit", "next_token"))
def crosswalks(identity):
    found, next_token = page_of(reference, loaded_crosswalks(),
                                lambda e: f"{e['source']}#{e['version']}#{e['loaded_at']}", "crosswalks")
    return LoadedCrosswalks(crosswalks=[LoadedCrosswalk(**e) for e in found], next_token=next_token)
