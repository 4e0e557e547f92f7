"""Starts the local stack: moto server, every catalogue resource, demo data, the API on localhost."""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass

import boto3

from local.state_files import METRICS_FILE, ROOT, STATE_FILE

REGION = "us-east-1"
LISTEN_BACKLOG = 128
log = logging.getLogger("local")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MotoSession:
    """A boto3 session whose clients all talk to the moto server."""

    def __init__(self, endpoint: str, region: str = REGION):
        self.endpoint = endpoint
        self.region_name = region
        self._session = boto3.Session(region_name=region)

    def client(self, service: str):
        return self._session.client(service, endpoint_url=self.endpoint)


def fake_credentials() -> None:
    # moto accepts any credentials; these keep boto3 from looking for real ones.
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION,
                       "AWS_REGION": REGION}.items():
        os.environ[key] = value


@dataclass
class RunningStack:
    api_url: str
    moto_endpoint: str
    pool_id: str
    client_id: str
    stop_callbacks: list

    def close(self) -> None:
        from local.clock_setting import setting_file
        from mainecare import clock

        for callback in reversed(self.stop_callbacks):
            try:
                callback()
            except Exception:
                log.exception("while stopping")
        STATE_FILE.unlink(missing_ok=True)
        clock.clear_setting(setting_file())  # a set clock lasts for this run only, like its data


def _start_moto(port: int):
    from moto.server import ThreadedMotoServer

    from local.moto_dynamodb import serialize_dynamodb

    serialize_dynamodb()
    os.environ["MOTO_PORT"] = str(port)  # Step Functions' service integrations call this port
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    config = json.dumps({"stepfunctions": {"execute_state_machine": True},
                         "lambda": {"use_docker": False}}).encode()
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/config", data=config,
                                                  headers={"Content-Type": "application/json"}))
    return server, endpoint


def _serve_api(host: str, port: int):
    from chalice.config import Config

    from local.gateway import local_server
    from local.handlers import load_module

    app = load_module("api").app
    config = Config.create(chalice_stage="dev", app_name=app.app_name,
                           project_dir=str(ROOT / "functions" / "api"))
    server = local_server(app, config, host, port)  # unknown paths 404 in the envelope, never echoing
    # http.server listens with a backlog of 5, short for 20 clients that open a connection per
    # request: bench/load.py saw connection errors for requests the server never received.
    server.server.socket.listen(LISTEN_BACKLOG)
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="chalice-local")
    thread.start()
    return server


def _wait_for_reference(keys: list[str], timeout: float = 60.0) -> None:
    from mainecare.stores.member_files import get_report, is_member_file
    from mainecare.stores.reference_artifacts import list_loaded

    member_keys = [k for k in keys if is_member_file(k)]
    crosswalks = len(keys) - len(member_keys)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(list_loaded()) >= crosswalks and all(get_report(k) for k in member_keys):
            return
        time.sleep(0.2)
    raise RuntimeError("demo reference data did not load in time; see the log above")


def start(api_port: int = 8000, moto_port: int | None = None, host: str = "127.0.0.1",
          seed: bool = True) -> RunningStack:
    from local import cognito, demo
    from local.clock_setting import point_clock_at_setting
    from local.dispatch import Dispatcher
    from local.provision import environment, provision
    from mainecare.config import reset_settings
    from mainecare.stores.aws import reset_clients

    fake_credentials()
    moto_port = moto_port or int(os.environ.get("MOTO_PORT") or free_port())
    server, endpoint = _start_moto(moto_port)
    stops = [server.stop]
    session = MotoSession(endpoint)
    created = provision(session)
    pool_id, client_id = cognito.create_pool(session.client("cognito-idp"))
    os.environ.update(environment(created["state_machines"]))
    os.environ.update(cognito.cognito_environment(
        pool_id, client_id, REGION, f"{endpoint}/{pool_id}/.well-known/jwks.json"))
    os.environ["MAINECARE_AWS_ENDPOINT_URL"] = endpoint
    point_clock_at_setting()  # every route, consumer and schedule of this stack reads `clock set`
    os.environ.setdefault("REFERENCE_REFRESH_SECONDS", "2")  # a loaded file shows at once
    reset_settings()
    reset_clients()

    from local import metrics_tap

    metrics_tap.install(METRICS_FILE)
    stops.append(metrics_tap.uninstall)
    dispatcher = Dispatcher(session, created["queue_urls"])
    dispatcher.start()
    stops.append(dispatcher.close)
    if seed:
        demo.seed_accounts(session.client("cognito-idp"), pool_id)
        from local import demo_health_homes, demo_providers

        _wait_for_reference(demo.drop_reference_files())  # crosswalks and the members file, through the ingest
        demo_health_homes.seed(members_loaded=True)  # Health Home practices, sites, data and two auto-assign batches
        demo_providers.seed()  # two providers' licences and an ALMS export for the licence sync
        from mainecare.stores import rebate_list

        rebate_list.put_incoming("mdrp_products_demo.csv",  # the CMS rebate list, through the ingest
                                 (ROOT / "events" / "reference" / "mdrp_products_demo.csv").read_bytes())
    api = _serve_api(host, api_port)
    stops.append(api.server.shutdown)
    stack = RunningStack(f"http://{host}:{api_port}", endpoint, pool_id, client_id, stops)
    STATE_FILE.parent.mkdir(exist_ok=True)
    STATE_FILE.write_text(json.dumps({"api_url": stack.api_url, "moto_endpoint": endpoint,
                                      "pool_id": pool_id, "client_id": client_id, "region": REGION,
                                      "pid": os.getpid()}, indent=2))
    return stack


def running_state() -> dict:
    if not STATE_FILE.exists():
        raise SystemExit("The local stack is not running: start it with `make run` first.")
    return json.loads(STATE_FILE.read_text())


def attach(state: dict) -> MotoSession:
    """Point this process's settings at a running stack (for token, load-crosswalk, invoke)."""
    from local.clock_setting import point_clock_at_setting
    from local.cognito import cognito_environment
    from local.provision import environment
    from mainecare.config import reset_settings
    from mainecare.stores.aws import reset_clients

    fake_credentials()
    session = MotoSession(state["moto_endpoint"], state["region"])
    machines = {m["name"]: m["stateMachineArn"]
                for m in session.client("stepfunctions").list_state_machines()["stateMachines"]}
    from mainecare.resources import CATALOGUE

    os.environ.update(environment({m.logical_id: machines.get(m.local_name, "")
                                   for m in CATALOGUE.state_machines}))
    os.environ.update(cognito_environment(state["pool_id"], state["client_id"], state["region"],
                                          f"{state['moto_endpoint']}/{state['pool_id']}/.well-known/jwks.json"))
    os.environ["MAINECARE_AWS_ENDPOINT_URL"] = state["moto_endpoint"]
    point_clock_at_setting()  # an invoked handler judges dates as the stack's own do
    reset_settings()
    reset_clients()
    return session
