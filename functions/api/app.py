"""MaineCare API: the Chalice app. Routes live in chalicelib blueprints; this file wires them.

Every route verifies the caller's Cognito token in code (chalicelib/routing.py), so the same
checks run under the local stack, the test client and Lambda.
"""

from chalice import Chalice

from chalicelib.answer_guard import guard_answers
from chalicelib.blueprints import BLUEPRINTS

app = Chalice(app_name="mainecare-api")
app.api.binary_types.append("application/pdf")  # letters and reports travel as bytes
app.api.binary_types.append("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # Excel reports
app.register_middleware(guard_answers, "http")  # security headers and the error envelope on every answer

for blueprint in BLUEPRINTS:
    app.register_blueprint(blueprint)
