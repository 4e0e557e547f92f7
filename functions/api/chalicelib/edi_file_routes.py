"""837 files by receipt: status, counts and links to every answer, a page at a time."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.query import one_of, optional_date, page_params, params
from chalicelib.routing import api_route
from mainecare.domain.permissions import CLAIMS_READ, CLAIMS_READ_ALL

(EdiAnswerLink, EdiFileList, EdiFileOut) = deferred(
    "mainecare.models.edi_files", "EdiAnswerLink", "EdiFileList", "EdiFileOut")
edi_file_status = deferred_module("mainecare.services.claims.edi_file_status")

edi_files = Blueprint(__name__)
TAG = "837 files"


def _out(receipt, with_links: bool) -> EdiFileOut:
    links = [EdiAnswerLink(name=a.name, kind=a.kind, url=a.url)
             for a in edi_file_status.answers(receipt)] if with_links else []
    return EdiFileOut(file_id=receipt.file_id, file_name=receipt.file_name,
                      trading_partner_id=receipt.trading_partner_id, object_version=receipt.object_version,
                      received_at=receipt.received_at, updated_at=receipt.updated_at, status=receipt.status,
                      interchange_control_number=receipt.interchange_control_number, refusal=receipt.refusal,
                      counts=receipt.counts, answers=links)


@api_route(edi_files, "/v1/edi/files", "GET", tag=TAG, permission=CLAIMS_READ, also=(CLAIMS_READ_ALL,),
           response_model=EdiFileList,
           query=("from", "to", "status", "trading_partner", "limit", "next_token"),
           summary="The partner's 837 files, newest first, a page at a time: received time (Maine), ISA13, "
                   "status, claim counts and answer links. from/to are Maine dates of receipt; staff name "
                   "the partner with ?trading_partner=")
def list_files(identity):
    query = params(edi_files)
    limit, token = page_params(edi_files)
    found, next_token = edi_file_status.files_page(
        identity, optional_date(query, "from"), optional_date(query, "to"),
        one_of(query, "status", edi_file_status.STATUSES), query.get("trading_partner"), limit=limit, token=token)
    return EdiFileList(files=[_out(r, with_links=True) for r in found], count=len(found), next_token=next_token)


@api_route(edi_files, "/v1/edi/files/{file_id}", "GET", tag=TAG, permission=CLAIMS_READ, also=(CLAIMS_READ_ALL,),
           response_model=EdiFileOut, query=("trading_partner",),
           summary="One 837 file by its id: status as it walks RECEIVED -> VALIDATING -> EDITING (n of N) -> "
                   "ANSWERED or REFUSED, counts, and short-lived links to its 999, 277CA, TA1 and rejection "
                   "report. Another partner's file answers 404")
def get_file(identity, file_id):
    query = params(edi_files)
    receipt = edi_file_status.file_receipt(identity, file_id, query.get("trading_partner"))
    return _out(receipt, with_links=True)
