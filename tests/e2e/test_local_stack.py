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


def _local(env, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "local", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_submit_837_follows_the_file_and_answers_stay_under_its_id(stack, tmp_path):
    _, env, _ = stack
    result = _local(env, "submit-837", "events/edi/two_claims_one_bad_ndc.txt", "--trading-partner", "DOWNEAST",
                    "--out", str(tmp_path / "first"))
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(p.name for p in (tmp_path / "first").iterdir())
    assert names == sorted(f"two_claims_one_bad_ndc.txt{s}" for s in
                           (".999", ".277ca", ".rejections.json", ".rejections.csv"))
    report = json.loads((tmp_path / "first" / "two_claims_one_bad_ndc.txt.rejections.json").read_text())
    assert [r["patient_control_number"] for r in report] == ["PCN0002"]
    progress = result.stderr.splitlines()
    assert progress[0] == "uploaded DOWNEAST/two_claims_one_bad_ndc.txt"  # steps between are as fast as the poll
    assert any(line.startswith("answered: 2 claims, 1 accepted, 1 rejected") for line in progress)
    file_id = next(line.split()[-1] for line in progress if line.startswith("file id "))

    # The same name again, corrected (another ISA13, no bad line): a new id, the first answers kept.
    corrected = tmp_path / "two_claims_one_bad_ndc.txt"
    corrected.write_bytes((ROOT / "events/edi/brief_837p_ndc.txt").read_bytes().replace(b"000000101", b"000000991"))
    again = _local(env, "submit-837", str(corrected), "--trading-partner", "DOWNEAST", "--out", str(tmp_path / "2"))
    assert again.returncode == 0, again.stderr
    assert json.loads((tmp_path / "2" / "two_claims_one_bad_ndc.txt.rejections.json").read_text()) == []
    fetched = _local(env, "answers", file_id, "--out", str(tmp_path / "later"))
    assert fetched.returncode == 0, fetched.stderr
    later = json.loads((tmp_path / "later" / "two_claims_one_bad_ndc.txt.rejections.json").read_text())
    assert [r["patient_control_number"] for r in later] == ["PCN0002"]


def test_submit_837_fails_at_once_with_the_reason(stack, tmp_path):
    _, env, _ = stack
    unknown = _local(env, "submit-837", "events/edi/brief_837p_ndc.txt", "--trading-partner", "NOSUCH",
                     "--out", str(tmp_path), timeout=60)
    assert unknown.returncode == 1 and "NOSUCH is not an active trading partner" in unknown.stderr
    missing = _local(env, "submit-837", "nope.txt", "--trading-partner", "DOWNEAST", "--out", str(tmp_path))
    assert missing.returncode == 2 and missing.stderr.strip() == "no such file: nope.txt"
    refused = tmp_path / "refused.txt"
    refused.write_text("not an interchange")
    answer = _local(env, "submit-837", str(refused), "--trading-partner", "DOWNEAST", "--out", str(tmp_path / "r"))
    assert answer.returncode == 1 and "refused (024)" in answer.stderr
    assert [p.name for p in (tmp_path / "r").iterdir()] == ["refused.txt.ta1"]
    crosswalk = _local(env, "load-crosswalk", "no-such.csv")
    assert crosswalk.returncode == 2 and crosswalk.stderr.strip() == "no such file: no-such.csv"


def test_docs_page_serves_swagger_ui_offline(stack):
    base, _, _ = stack
    with urllib.request.urlopen(f"{base}/docs") as page:
        html = page.read().decode()
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert 'src="docs/swagger-ui-bundle.js"' in html and "http" not in html.split("<body>")[1]
    with urllib.request.urlopen(f"{base}/docs/swagger-ui-bundle.js") as script:
        assert script.headers["Content-Type"].startswith("application/javascript") and len(script.read()) > 500_000
    with urllib.request.urlopen(f"{base}/docs/start.js") as start:
        assert "v1/openapi.json" in start.read().decode()


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


def test_a_secure_message_sends_a_notice_the_outbox_shows_and_the_dashboard_counts_requests(stack):
    base, env, _ = stack
    token = _token(env, "admin@downeast.example")
    status, sent = _call(f"{base}/v1/sites/DOWNEAST-MACHIAS/messages",
                         {"to_site_id": "DOWNEAST-ELLSWORTH", "subject": "Care plan", "body": "See the plan."},
                         token)
    assert status == 201, sent
    outbox = json.loads(_local(env, "outbox").stdout)
    notices = [m for m in outbox if m["to"] == ["admin@downeast.example"]]
    assert notices and "Care plan" not in json.dumps(notices) and "DOWNEAST-ELLSWORTH" in notices[-1]["body"]
    drawn = json.loads(_local(env, "dashboard", "--json", "--minutes", "30").stdout)
    api_errors = next(w for w in drawn if w["title"] == "API errors")
    assert [r["metric"] for r in api_errors["rows"]] == ["5XXError", "4XXError"]
    latency = next(w for w in drawn if w["title"] == "API latency p99 (ms)")["rows"][0]
    assert latency["value"] is not None and latency["value"] > 0  # this stack's requests were measured


def test_ctrl_c_stops_cleanly(stack):
    _, env, process = stack
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert not Path(env["MAINECARE_LOCAL_STATE"]).exists()
