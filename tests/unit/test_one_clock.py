"""One clock: nothing but mainecare/clock.py reads the system time, so every rule's "today" is a
Maine date and the local stack's `clock set` reaches everything. Monotonic timers (timeouts,
back-off) are not the time of day and stay allowed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("layers", "functions", "local")
THE_CLOCK = ROOT / "layers" / "mainecare" / "python" / "mainecare" / "clock.py"
SKIPPED_PARTS = {"node_modules", ".venv", "cdk.out", ".chalice", "__pycache__", "vendor"}

# module -> names whose reading is a read of the system time of day
SYSTEM_TIME = {
    "datetime": {"datetime.now", "datetime.utcnow", "datetime.today", "date.today"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"},
}


def _qualified(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def system_time_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for every read of the system time of day in the source."""
    tree = ast.parse(source)
    aliases: dict[str, str] = {}  # local name -> what it stands for, module-qualified
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for name in node.names:
                aliases[name.asname or name.name] = name.name
        elif isinstance(node, ast.ImportFrom) and node.module in SYSTEM_TIME:
            for name in node.names:
                aliases[name.asname or name.name] = f"{node.module}.{name.name}"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute | ast.Name) and not isinstance(getattr(node, "ctx", None), ast.Store):
            text = _qualified(node)
            if text is None:
                continue
            head, _, rest = text.partition(".")
            full = ".".join(filter(None, [aliases.get(head, ""), rest]))
            module, _, name = full.partition(".")
            if name in SYSTEM_TIME.get(module, ()):
                found.append((node.lineno, text))
    return sorted(set(found))


def _sources() -> list[Path]:
    return [path for folder in SCANNED for path in sorted((ROOT / folder).rglob("*.py"))
            if not SKIPPED_PARTS.intersection(path.relative_to(ROOT).parts)]


def test_only_the_clock_reads_the_system_time():
    offenders = [f"{path.relative_to(ROOT)}:{line}: {what}"
                 for path in _sources() if path != THE_CLOCK
                 for line, what in system_time_reads(path.read_text(encoding="utf-8"))]
    assert not offenders, "read the time through mainecare.clock instead:\n" + "\n".join(offenders)


def test_the_scan_covers_the_code_and_the_clock_is_where_it_says():
    scanned = {p.relative_to(ROOT).parts[0] for p in _sources()}
    assert scanned == set(SCANNED)
    assert system_time_reads(THE_CLOCK.read_text()) == [(THE_CLOCK.read_text().splitlines().index(
        "    return datetime.now(UTC)") + 1, "datetime.now")]


@pytest.mark.parametrize("source", [
    "from datetime import date\nx = date.today()",
    "from datetime import datetime, UTC\nx = datetime.now(UTC)",
    "import datetime\nx = datetime.datetime.utcnow()",
    "import datetime as dt\nx = dt.date.today()",
    "from datetime import datetime as moment\nx = moment.now()",
    "import time\nx = time.time()",
    "from time import time\nx = time()",
    "from time import time_ns as ns\nx = ns()",
    "import time\nclock = time.time",  # a reference is a read too, once called
])
def test_the_scan_finds_each_way_of_reading_the_system_time(source):
    assert system_time_reads(source)


@pytest.mark.parametrize("source", [
    "import time\nx = time.monotonic(); time.sleep(1); y = time.perf_counter()",
    "from mainecare import clock\nx = clock.today(); y = clock.now()",
    "from datetime import date\nx = date.fromisoformat('2026-03-21')",
    "def f(today=None):\n    return today",
])
def test_the_scan_leaves_monotonic_timers_and_the_clock_alone(source):
    assert system_time_reads(source) == []
