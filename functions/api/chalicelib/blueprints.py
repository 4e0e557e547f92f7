"""Every blueprint of the API, in one list: the app registers them, the OpenAPI document reads them."""

from chalicelib.account_routes import account
from chalicelib.attestation_routes import month_routes
from chalicelib.audit_routes import audit_routes
from chalicelib.authorization_routes import authorization_routes
from chalicelib.cct_routes import cct
from chalicelib.claim_routes import claims
from chalicelib.combination_routes import combinations
from chalicelib.docs_routes import docs
from chalicelib.edi_file_routes import edi_files
from chalicelib.eligibility_routes import eligibility
from chalicelib.health_home_routes import health_homes
from chalicelib.health_routes import public
from chalicelib.member_portal_routes import portal
from chalicelib.member_services_routes import member_calls
from chalicelib.message_routes import message_routes
from chalicelib.ndc_routes import ndc
from chalicelib.panel_routes import panels
from chalicelib.provider_routes import provider_routes
from chalicelib.reference_routes import reference
from chalicelib.report_routes import report_routes
from chalicelib.user_admin_routes import users

# The order is the OpenAPI document's order of paths.
BLUEPRINTS = (public, docs, ndc, account, reference, combinations, claims, edi_files, portal,
              health_homes, panels, month_routes, report_routes, cct, member_calls, eligibility, provider_routes,
              users, audit_routes, message_routes, authorization_routes)
