"""Settings come from the environment without pydantic, so a function that takes no JSON contract
does not pay for it at its cold start (README, Cold start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "mainecare" / "python"


def test_settings_read_the_environment_and_name_a_bad_number(monkeypatch):
    from mainecare.config import DEFAULT_MAIL_FROM, reset_settings, settings

    monkeypatch.setenv("REFERENCE_REFRESH_SECONDS", "45")
    monkeypatch.delenv("MAIL_FROM", raising=False)
    reset_settings()
    try:
        assert settings().reference_refresh_seconds == 45
        assert settings().mail_from == DEFAULT_MAIL_FROM
        assert settings() is settings(), "read once, then cached"
        monkeypatch.setenv("REFERENCE_REFRESH_SECONDS", "soon")
        reset_settings()
        with pytest.raises(ValueError, match="REFERENCE_REFRESH_SECONDS must be a whole number"):
            settings()
    finally:
        monkeypatch.undo()
        reset_settings()


def test_only_the_api_loads_pydantic_at_import():
    handlers = sorted(p for p in (ROOT / "functions").glob("*/handler.py"))
    assert len(handlers) >= 9, "every plain function is checked"
    code = f"""
import importlib.util, sys
sys.path[:0] = [{str(LAYER)!r}]
loaded = []
for path in {[str(p) for p in handlers]!r}:
    spec = importlib.util.spec_from_file_location("fn_" + path.split("/")[-2], path)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    if "pydantic" in sys.modules:
        loaded.append(path.split("/")[-2])
        break
print(",".join(loaded))
"""
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"AWS_DEFAULT_REGION": "us-east-1", "PATH": "/usr/bin:/bin"}).stdout.strip()
    assert found == "", f"{found} loads pydantic at import"
