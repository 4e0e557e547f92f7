"""Where a running local stack leaves what the other commands read: how to reach it, its metrics
and its clock setting (override the folder with MAINECARE_LOCAL_STATE)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE_FILE = Path(os.environ.get("MAINECARE_LOCAL_STATE") or ROOT / ".local" / "stack.json")
METRICS_FILE = STATE_FILE.parent / "metrics.jsonl"  # the EMF lines of this run (local/metrics_tap.py)
CLOCK_FILE = STATE_FILE.parent / "clock.json"  # the clock setting (local/clock_setting.py)
