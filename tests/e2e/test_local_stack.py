"""End to end: start the local stack as a user would, get a token, call the API over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _call(url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "PORT": str(port),
           "MAINECARE_LOCAL_STATE": str(tmp_path_factory.mktemp("stack") / "stack.json")}
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "MOTO_PORT"):
        env.pop(key, None)  # the stack must set up its own
    process = subprocess.Popen([sys.executable, "-m", "local", "run", "--moto-port", str(_free_port())],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"local stack exited early:\n{process.stdout.read()}")
        try:
            if _call(f"{base}/v1/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("local stack did not answer /v1/health in 90 s")
    yield base, env, process
    if process.poll() is None:
        process.kill()


def _token(env, email: str) -> str:
    result = subprocess.run([sys.executable, "-m", "local", "token", email], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.strip()


def test_health_shows_the_demo_crosswalks(stack):
    base, _, _ = stack
    status, body = _call(f"{base}/v1/health")
    assert status == 200
    assert body["reference"] == {"asp": ["2025Q4", "2026Q2"], "pdac": "2026-11-01"}


def test_validate_an_ndc_over_http_with_a_real_token(stack):
    base, env, _ = stack
    token = _token(env, "admin@downeast.example")
    status, body = _call(f"{base}/v1/ndc/validate",
                         {"ndc": "50242-0060-01", "hcpcs": "J9035", "date_of_service": "2026-04-10"}, token)
    assert status == 200
    assert body["ndc11"] == "50242006001"
    assert body["pair_valid"] is True
    assert body["matched"] == [{"source": "ASP", "version": "2026Q2"}]


def test_no_token_is_401_and_wrong_partner_is_404_over_http(stack):
    base, env, _ = stack
    status, body = _call(f"{base}/v1/ndc/validate", {"ndc": "00703-5145-01"})
    assert status == 401 and body["error"]["code"] == "UNAUTHENTICATED"
    token = _token(env, "admin@pinetree.example")
    request = urllib.request.Request(f"{base}/v1/trading-partners/DOWNEAST",
                                     headers={"Authorization": f"Bearer {token}"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert raised.value.code == 404


def test_load_crosswalk_and_invoke_commands_reach_the_running_stack(stack):
    base, env, _ = stack
    loaded = subprocess.run([sys.executable, "-m", "local", "load-crosswalk",
                             "events/reference/asp_2026_april.csv", "--version", "2026Q3"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert json.loads(loaded.stdout)["version"] == "2026Q3"
    invoked = subprocess.run([sys.executable, "-m", "local", "invoke", "license_sync",
                              "--event", "events/eventbridge/license_sync.json"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert invoked.returncode == 0, invoked.stderr
    # events/eventbridge/license_sync.json fired 2026-11-30T06:00Z: 01:00 on Monday in Maine
    synced = json.loads(invoked.stdout)
    assert (synced["job"], synced["run_date"], synced["status"]) == ("license_sync", "2026-11-30", "DONE")
    # the demo export (local/demo_providers.py): one renewal, one Title 5 review, one new licence number
    assert ([u["license_number"] for u in synced["updated"]], [s["reason"] for s in synced["skipped"]],
            [c["license_number"] for c in synced["cases_opened"]]) == (["MD-DEMO-1"], ["TITLE_5_REVIEW"],
                                                                       ["RN-DEMO-3"])
    job = subprocess.run([sys.executable, "-m", "local", "job", "license_sync", "--date", "2026-03-02"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert job.returncode == 0, job.stderr
    assert json.loads(job.stdout)["run_date"] == "2026-03-02"
    unknown = subprocess.run([sys.executable, "-m", "local", "job", "no_such_job"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    deadline = time.monotonic() + 10
    while _call(f"{base}/v1/health")[1]["reference"]["asp"] != ["2025Q4", "2026Q2", "2026Q3"]:
        assert time.monotonic() < deadline, "the loaded quarter never showed in /v1/health"
        time.sleep(0.5)


def test_submit_837_collects_the_answers(stack, tmp_path):
    _, env, _ = stack
    result = subprocess.run([sys.executable, "-m", "local", "submit-837", "events/edi/two_claims_one_bad_ndc.txt",
                             "--trading-partner", "DOWNEAST", "--out", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"two_claims_one_bad_ndc.txt{s}" for s in
                           (".999", ".277ca", ".rejections.json", ".rejections.csv"))
    report = json.loads((tmp_path / "two_claims_one_bad_ndc.txt.rejections.json").read_text())
    assert [r["patient_control_number"] for r in report] == ["PCN0002"]


def test_load_members_reports_counts_and_skipped_rows_and_a_missing_file_is_one_line(stack, tmp_path):
    _, env, _ = stack
    members = tmp_path / "members_update.csv"
    members.write_text("member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to\n"
                       "E2E-0001,Testrow,Eve,1980-01-01,ACS,2026-01-01,\n"
                       "E2E-0002,Hiddenname,Al,1980-02-31,ACS,2026-01-01,\n")
    result = subprocess.run([sys.executable, "-m", "local", "load-members", str(members)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert (report["members_loaded"], report["rows_skipped"]) == (1, 1)
    assert report["skipped"] == [{"row": 3, "column": "date_of_birth", "reason": "INVALID_DATE"}]
    assert "Hiddenname" not in result.stdout
    missing = subprocess.run([sys.executable, "-m", "local", "load-members", str(tmp_path / "nope.csv")],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "Traceback" not in missing.stderr


def _clock(env, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "local", "clock", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def _date_answered(url: str, token: str, expected: str) -> None:
    deadline = time.monotonic() + 10  # the stack looks at the setting at most once a second
    while (answer := _call(url, token=token))[1].get("date") != expected:
        assert time.monotonic() < deadline, f"the stack still answers {answer}, not {expected}"
        time.sleep(0.3)


def test_clock_set_moves_the_running_stacks_today_and_reset_brings_it_back(stack):
    base, env, _ = stack
    token = _token(env, "staff@mainecare.example")
    # without ?date= it judges today
    url = f"{base}/v1/members/DEMO-0001/health-home-eligibility?date_of_birth=1970-03-04"
    status, before = _call(url, token=token)
    assert status == 200, before
    moved_to = "2026-03-21" if before["date"] != "2026-03-21" else "2026-03-22"
    assert _clock(env, "set", moved_to)["today"] == moved_to
    _date_answered(url, token, moved_to)
    assert _clock(env)["set"] is True
    assert _clock(env, "reset")["set"] is False
    _date_answered(url, token, before["date"])


def test_ctrl_c_stops_cleanly(stack):
    _, env, process = stack
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert not Path(env["MAINECARE_LOCAL_STATE"]).exists()
