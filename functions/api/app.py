"""MaineCare API: the Chalice app. Routes live in chalicelib blueprints; this file wires them.

Every route verifies the caller's Cognito token in code (chalicelib/routing.py), so the same
checks run under the local stack, the test client and Lambda.
"""

from chalice import Chalice

from chalicelib.account_routes import account
from chalicelib.health_routes import public
from chalicelib.ndc_routes import ndc
from chalicelib.reference_routes import reference

app = Chalice(app_name="mainecare-api")
app.experimental_feature_flags.update(["BLUEPRINTS"])

for blueprint in (public, ndc, account, reference):
    app.register_blueprint(blueprint)
