"""Runs the functions' own handler code, as Lambda would, with a Lambda-like context."""

from __future__ import annotations

import importlib.util
import sys
import time
import uuid
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ROOT / "functions"


class LambdaContext:
    def __init__(self, function_name: str, timeout_seconds: int = 60, memory_mb: int = 512):
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = memory_mb
        self.invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self._timeout_ms = timeout_seconds * 1000

    def get_remaining_time_in_millis(self) -> int:
        return self._timeout_ms


def function_names() -> list[str]:
    return sorted(p.name for p in FUNCTIONS.iterdir() if (p / "handler.py").exists() or p.name == "api")


@cache
def load_module(name: str) -> ModuleType:
    if name == "api":
        api_dir = str(FUNCTIONS / "api")
        if api_dir not in sys.path:
            sys.path.insert(0, api_dir)
        import app as api_app  # the Chalice app is itself the Lambda handler

        return api_app
    path = FUNCTIONS / name / "handler.py"
    if not path.exists():
        raise SystemExit(f"no such function: {name} (have: {', '.join(function_names())})")
    spec = importlib.util.spec_from_file_location(f"mainecare_fn_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def invoke(name: str, event: dict):
    from local.metrics_tap import record_invocation

    module = load_module(name)
    entry = module.app if name == "api" else module.handler
    started, failed = time.monotonic(), True
    try:
        answer = entry(event, LambdaContext(name))
        failed = False
        return answer
    finally:
        record_invocation(name, time.monotonic() - started, failed)
