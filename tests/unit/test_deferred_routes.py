"""The API's cold start loads the routes' declarations, not their services (chalicelib/deferred.py)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from chalicelib.deferred import Deferred, deferred, deferred_calls, deferred_module, loaded

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_service(monkeypatch):
    module = types.ModuleType("fake_service_for_deferred")
    module.double = lambda n: 2 * n
    module.LIMIT = 7
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


def test_a_deferred_function_calls_its_target(fake_service):
    double = deferred(fake_service.__name__, "double")
    assert isinstance(double, Deferred)
    assert double(21) == 42


def test_a_deferred_module_reads_its_attributes(fake_service):
    service = deferred_module(fake_service.__name__)
    assert service.LIMIT == 7
    assert loaded(service) is fake_service


def test_each_use_looks_the_name_up_again_so_a_patched_service_is_seen(fake_service, monkeypatch):
    double = deferred(fake_service.__name__, "double")
    assert double(1) == 2
    monkeypatch.setattr(fake_service, "double", lambda n: -n)
    assert double(1) == -1


def test_several_names_come_back_in_order(fake_service):
    double, limit = deferred(fake_service.__name__, "double", "LIMIT")
    assert (loaded(double)(2), loaded(limit)) == (4, 7)


def test_loaded_leaves_anything_else_alone():
    assert loaded(int) is int
    assert loaded(None) is None


def test_a_missing_service_fails_when_used_not_when_named():
    missing = deferred("mainecare.services.no_such_module", "run")
    with pytest.raises(ModuleNotFoundError):
        missing()


PROBE = """
import json, sys
sys.path[:0] = [{layer!r}, {api!r}]
import app
ours = sorted(m for m in sys.modules if m.startswith("mainecare."))
from chalicelib.routing import ROUTES
claims = next(s for s in ROUTES if s.path == "/v1/claims" and s.method == "POST")
claims.request_model.model_json_schema()
print(json.dumps({{"at_import": ours, "after_use": "mainecare.models.claims_json" in sys.modules}}))
"""


def test_importing_the_api_loads_the_token_check_but_no_route_services():
    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1"}
    code = PROBE.format(layer=str(ROOT / "layers" / "mainecare" / "python"), api=str(ROOT / "functions" / "api"))
    answer = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                       env=env, cwd=ROOT / "functions" / "api").stdout)
    loaded_at_import = set(answer["at_import"])
    assert "mainecare.services.accounts.authenticate" in loaded_at_import  # every request checks its token
    route_services = {"mainecare.services.claims.submit_claim", "mainecare.services.health_homes.reports",
                      "mainecare.models.claims_json", "mainecare.models.health_homes", "mainecare.documents.tables"}
    assert not loaded_at_import & route_services
    assert answer["after_use"], "the route's contract loads when it is first used"


def _deferred_names() -> list[tuple[str, str, str | None]]:
    found = []
    for path in sorted((ROOT / "functions" / "api" / "chalicelib").glob("*.py")):
        for module, names in deferred_calls(path.read_text(encoding="utf-8")):
            found += [(path.name, module, name) for name in names] or [(path.name, module, None)]
    return found


def test_every_name_a_route_defers_exists():
    """A misspelt deferred name would otherwise fail only at its route's first request."""
    names = _deferred_names()
    assert len(names) > 50
    missing = []
    for where, module, name in names:
        try:
            target = importlib.import_module(module)
        except ModuleNotFoundError:
            missing.append(f"{where}: {module}")
            continue
        if name is not None and not hasattr(target, name):
            missing.append(f"{where}: {module}.{name}")
    assert missing == []
