"""MaineCare API: the Chalice app. Routes live in chalicelib blueprints; this file wires them."""

from chalice import Chalice

app = Chalice(app_name="mainecare-api")


@app.route("/v1/health", methods=["GET"])
def health():
    return {"status": "ok"}
