"""Every blueprint of the API, in one list: the app registers them, the OpenAPI document reads them."""

from chalicelib.account_routes import account
from chalicelib.claim_routes import claims
from chalicelib.combination_routes import combinations
from chalicelib.health_routes import public
from chalicelib.ndc_routes import ndc
from chalicelib.reference_routes import reference

BLUEPRINTS = (public, ndc, account, reference, combinations, claims)
