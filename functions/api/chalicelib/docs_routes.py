"""GET /docs: Swagger UI over this API's own OpenAPI document, served from a vendored copy of
swagger-ui-dist (chalicelib/swagger_ui, see its VERSION) so it works with no internet.

Every URL in the page is relative ("docs/...", "v1/openapi.json"), so it also works under an API
Gateway stage prefix (/prod/docs). The page's scripts are files of this API, never inline, so the
Content-Security-Policy allows scripts from this origin only; "Authorize" takes a bearer token
(`python -m local token ...`) and "Try it out" calls this same origin.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from chalice import Blueprint, Response

from chalicelib.deferred import deferred
from chalicelib.errors import not_found
from chalicelib.routing import api_route

docs = Blueprint(__name__)
ASSETS = Path(__file__).resolve().parent / "swagger_ui"
TAG = "Health"
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>MaineCare Serverless API</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script src="docs/start.js"></script>
</body>
</html>
"""

# Relative to the page, so it follows a stage prefix; the bearer token stays in the browser tab.
START = """window.ui = SwaggerUIBundle({
  url: new URL("v1/openapi.json", document.baseURI).href,
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: false,
  tryItOutEnabled: false
});
"""

TextDocument = deferred("mainecare.models.health", "TextDocument")

MEDIA_TYPES = {"swagger-ui-bundle.js": "application/javascript; charset=utf-8",
               "swagger-ui.css": "text/css; charset=utf-8", "start.js": "application/javascript; charset=utf-8"}


@cache
def _asset(name: str) -> str:
    return START if name == "start.js" else (ASSETS / name).read_text(encoding="utf-8")


def _answer(body: str, media_type: str, cache_seconds: int) -> Response:
    headers = {"Content-Type": media_type, "Content-Security-Policy": CONTENT_SECURITY_POLICY}
    if cache_seconds:
        headers["Cache-Control"] = f"public, max-age={cache_seconds}"
    return Response(body, status_code=200, headers=headers)


@api_route(docs, "/docs", "GET", tag=TAG, permission=None, response_model=TextDocument, content_types=("text/html",),
           summary="This API in Swagger UI (works offline): browse every route, paste a bearer token under "
                   "Authorize and try it")
def docs_page():
    return _answer(PAGE, "text/html; charset=utf-8", 0)


@api_route(docs, "/docs/{asset}", "GET", tag=TAG, permission=None, response_model=TextDocument,
           content_types=("application/javascript", "text/css"),
           summary="The Swagger UI page's script and style sheet")
def docs_asset(asset):
    if asset not in MEDIA_TYPES:
        raise not_found("document")
    return _answer(_asset(asset), MEDIA_TYPES[asset], 3600)
