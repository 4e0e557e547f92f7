"""Shared test set-up: environment first (nothing reads it at import), then moto in process."""

from __future__ import annotations

import gzip
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT / "layers" / "mainecare" / "python", ROOT / "functions" / "api", ROOT):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
    "POWERTOOLS_METRICS_NAMESPACE": "MaineCareTest", "POWERTOOLS_SERVICE_NAME": "mainecare-test",
    "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
})
os.environ.pop("MAINECARE_AWS_ENDPOINT_URL", None)


@pytest.fixture(scope="session")
def moto_jwks_url():
    """moto signs Cognito tokens with a key it ships; serve its public half over loopback HTTP.

    PyJWKClient fetches only http(s) URLs, as in production, so the tests verify signatures the
    same way the deployed API does.
    """
    import http.server
    import threading

    import moto.cognitoidp

    packed = Path(moto.cognitoidp.__file__).parent / "resources" / "jwks-public.json.gz"
    document = gzip.decompress(packed.read_bytes())

    class Jwks(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()


def _moto_private_jwk() -> dict:
    import json

    import moto.cognitoidp

    packed = Path(moto.cognitoidp.__file__).parent / "resources" / "jwks-private.json.gz"
    return json.loads(gzip.decompress(packed.read_bytes()))


@dataclass
class MotoAws:
    session: object
    pool_id: str
    client_id: str
    queue_urls: dict

    def token(self, email: str) -> str:
        from local.cognito import id_token

        return id_token(self.session.client("cognito-idp"), self.pool_id, self.client_id, email)

    def sub(self, email: str) -> str:
        """The Cognito user's immutable id: the key of their account."""
        from local.cognito import sub_of

        return sub_of(self.session.client("cognito-idp"), self.pool_id, email)

    def forge(self, **overrides) -> str:
        """A token signed with moto's own key (so the signature verifies), claims as asked; by
        default those of admin@downeast.example's real ID token (None drops a claim)."""
        import time

        import jwt

        now = int(time.time())
        claims = {"sub": self.sub("admin@downeast.example"), "email": "admin@downeast.example",
                  "email_verified": True, "token_use": "id",
                  "aud": self.client_id, "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{self.pool_id}",
                  "iat": now, "exp": now + 3600, **overrides}
        claims = {k: v for k, v in claims.items() if v is not None}
        key = jwt.PyJWK(_moto_private_jwk())
        return jwt.encode(claims, key.key, algorithm="RS256", headers={"kid": _moto_private_jwk()["kid"]})

    def auth(self, email: str) -> dict:
        return {"Authorization": f"Bearer {self.token(email)}", "Content-Type": "application/json"}

    def deliver(self, queue_logical_id: str) -> int:
        """Hand everything waiting on a queue to its consumer, as the SQS event source would."""
        from local.dispatch import drain_once
        from mainecare.resources import CATALOGUE

        queue = CATALOGUE.queue(queue_logical_id)
        sqs = self.session.client("sqs")
        url = self.queue_urls[queue_logical_id]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        total = 0
        while (seen := drain_once(sqs, queue, url, arn, "us-east-1", wait_seconds=0)):
            total += seen
        return total


@pytest.fixture
def aws(monkeypatch, moto_jwks_url):
    """Every catalogue resource in moto, demo accounts and users, nothing loaded yet."""
    import boto3
    from moto import mock_aws

    from local import cognito, demo
    from local.provision import environment, provision
    from mainecare.config import reset_settings
    from mainecare.services.reference import index as reference_index
    from mainecare.stores.aws import reset_clients

    with mock_aws():
        session = boto3.Session(region_name="us-east-1")
        created = provision(session)
        pool_id, client_id = cognito.create_pool(session.client("cognito-idp"))
        env = {**environment(created["state_machines"]),
               **cognito.cognito_environment(pool_id, client_id, "us-east-1", moto_jwks_url),
               "REFERENCE_REFRESH_SECONDS": "0"}
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        reset_settings()
        reset_clients()
        reference_index.forget()
        demo.seed_accounts(session.client("cognito-idp"), pool_id)
        moto_aws = MotoAws(session, pool_id, client_id, created["queue_urls"])
        for queue_id in created["queue_urls"]:
            moto_aws.deliver(queue_id)  # S3's test events from configuring notifications
        yield moto_aws
        reset_clients()
        reset_settings()
        reference_index.forget()


@pytest.fixture
def loaded(aws):
    """The demo crosswalks dropped in the reference bucket and ingested by the real handler."""
    from local import demo

    demo.drop_reference_files()
    aws.deliver("ReferenceIngestQueue")
    return aws


@pytest.fixture
def api():
    from local.gateway import ProjectTestClient
    from local.handlers import load_module

    with ProjectTestClient(load_module("api").app) as client:  # gateway answers as the local server's
        yield client
