"""Members (Health Homes, issue 4): the MaineCare eligibility inquiry, the Health Home eligibility
check, and service starts (which apply the duplication-of-services rule). Every lookup is audited.

Both lookups answer only a member the caller identifies as a 270 search does: the member id with
?date_of_birth=YYYY-MM-DD or ?last_name= (or both); a mismatch answers 404 like an unknown id."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.errors import ApiError
from chalicelib.query import calendar_date_param, date_param, query_param
from chalicelib.routing import api_route
from mainecare.domain.permissions import ELIGIBILITY_READ, HEALTH_HOME_RECORD_SERVICES

ServiceSpan = deferred("mainecare.domain.health_homes.members", "ServiceSpan")
MemberSearch = deferred("mainecare.domain.members.search", "MemberSearch")
(CoverageSpanView, EligibilityResponse, EnrollmentOnDate, HealthHomeEligibilityResponse, NoticeView,
 ServiceRecordedResponse, ServiceStartCreate) = deferred(
    "mainecare.models.health_homes", "CoverageSpanView", "EligibilityResponse", "EnrollmentOnDate",
    "HealthHomeEligibilityResponse", "NoticeView", "ServiceRecordedResponse", "ServiceStartCreate")
(sees_all_sites, sees_partner_health_homes) = deferred(
    "mainecare.services.access", "sees_all_sites", "sees_partner_health_homes")
eligibility_inquiry = deferred_module("mainecare.services.health_homes.eligibility_inquiry")
panel_changes = deferred_module("mainecare.services.health_homes.panel_changes")
reason_views = deferred("mainecare.services.health_homes.views", "reason_views")

eligibility = Blueprint(__name__)
TAG = "Members"


LAST_NAME_MAX = 60


def _search() -> MemberSearch:
    """?date_of_birth= and/or ?last_name=: at least one, as a 270 search needs."""
    last_name = query_param(eligibility, "last_name")
    if query_param(eligibility, "date_of_birth") is None and last_name is None:
        raise ApiError(400, "MEMBER_SEARCH_INCOMPLETE",
                       "Send date_of_birth=YYYY-MM-DD or last_name= with the member id.")
    if last_name is not None and len(last_name) > LAST_NAME_MAX:
        raise ApiError(400, "INVALID_QUERY", f"last_name must be at most {LAST_NAME_MAX} characters.")
    return MemberSearch(date_of_birth=calendar_date_param(eligibility, "date_of_birth"), last_name=last_name)


def _span(view) -> CoverageSpanView:
    return CoverageSpanView(code=view.code, description=view.description, full=view.full, start=view.start,
                            end=view.end)


@api_route(eligibility, "/v1/members/{member_id}/eligibility", "GET",  tag=TAG, permission=ELIGIBILITY_READ,
           query=("date", "date_of_birth", "last_name"),
           summary="MaineCare eligibility on a date (?date=YYYY-MM-DD, default today) of the member matching "
                   "?date_of_birth=YYYY-MM-DD or ?last_name= (a mismatch answers 404): coverage code, full or "
                   "limited, coverage history, Health Home and PCCM enrollment. Audited.",
           response_model=EligibilityResponse)
def member_eligibility(identity, member_id):
    on, search = date_param(eligibility), _search()
    answer = eligibility_inquiry.inquire(identity, member_id, on, search)
    member, inquiry, home = answer.member, answer.inquiry, answer.health_home
    home_site_visible = home is not None and sees_partner_health_homes(identity, home.trading_partner_id)
    return EligibilityResponse(
        member_id=member.member_id, first_name=member.first_name, last_name=member.last_name,
        birth_date=member.birth_date, date=on, eligible=inquiry.covered,
        coverage=_span(inquiry.current) if inquiry.current else None,
        full_coverage=bool(inquiry.current and inquiry.current.full),
        history=[_span(v) for v in inquiry.history],
        health_home=EnrollmentOnDate(enrolled=home is not None, since=home.assigned_on if home else None,
                                     site_id=home.site_id if home_site_visible else None),
        pccm=EnrollmentOnDate(enrolled=inquiry.pccm is not None,
                              site_id=inquiry.pccm.provider_id if inquiry.pccm else None,
                              since=inquiry.pccm.start if inquiry.pccm else None),
        dual_eligible=member.dual_eligible,
    )


@api_route(eligibility, "/v1/members/{member_id}/health-home-eligibility", "GET",  tag=TAG,
           query=("date", "date_of_birth", "last_name"),
           permission=ELIGIBILITY_READ, summary="Stage A Health Home eligibility on a date of the member matching "
           "?date_of_birth= or ?last_name= (a mismatch answers 404), with reasons as codes (confidential "
           "behavioral-health reasons show as STAGE_A_EXCLUDED). Audited.",
           response_model=HealthHomeEligibilityResponse)
def health_home_eligibility(identity, member_id):
    on, search = date_param(eligibility), _search()
    decision, shown = eligibility_inquiry.health_home_check(identity, member_id, on, search)
    staff = sees_all_sites(identity)
    return HealthHomeEligibilityResponse(member_id=member_id, date=on, stage="A", eligible=decision.eligible,
                                         reasons=reason_views(shown, staff),
                                         overridable=decision.overridable if staff else None)


@api_route(eligibility, "/v1/members/{member_id}/services", "POST", tag=TAG,
           permission=HEALTH_HOME_RECORD_SERVICES,
           summary="Record that a member started a service; a duplicative one (TCM, Community Integration ...) "
                   "disenrolls a Stage A member without CCT services, or notifies both providers",
           request_model=ServiceStartCreate, response_model=ServiceRecordedResponse)
def service_start(identity, body, member_id):
    service = ServiceSpan(start=body.start_date, end=body.end_date, section=body.section,
                          provider_id=body.provider_id)
    outcome = panel_changes.record_service(identity, member_id, service)
    return ServiceRecordedResponse(
        member_id=member_id, section=body.section, duplicative=outcome.duplicative, outcome=outcome.outcome,
        request_id=outcome.request_id,
        notices=[NoticeView(notice_id=n["notice_id"], provider_id=n["provider_id"], section=n["section"],
                            service_start=n["service_start"], request_id=n["request_id"], text=n["text"])
                 for n in outcome.notices])
