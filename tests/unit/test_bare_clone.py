"""A bare clone passes: the X12 and claim tests need nothing outside the repo.

The external sample corpus (../shared/samples/x12) is only an extra cross-check. This runs the
test files that used to read it with the corpus pointed at a folder that does not exist: they
must pass, and the corpus cross-checks must be reported as skipped with the reason.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from tests.corpus import ROOT

CORPUS_READERS = [
    "tests/unit/x12/test_pyx12_oracle.py",
    "tests/unit/x12/test_x12_clean_scan.py",
    "tests/unit/x12/test_x12_claims837.py",
    "tests/unit/x12/test_x12_reader.py",
    "tests/unit/x12/test_x12_structure.py",
    "tests/unit/claims/test_claims_from_837.py",
    "tests/unit/claims/test_claims_json.py",
    "tests/property/test_x12_fast_path.py",
]
# pyx12 on each of the ~90 injected variants takes over a minute; the variants are built from the
# same fixtures the selected tests read (and the whole suite runs them all on a bare clone too).
SLOW = "not test_injected_errors_agree_with_pyx12 and not test_mainecare_rejections_pyx12_misses"


def test_corpus_tests_skip_with_their_reason_and_the_rest_pass(tmp_path):
    env = {**os.environ, "X12_SAMPLES": str(tmp_path / "no-corpus-here")}
    report = tmp_path / "report.xml"
    command = [sys.executable, "-m", "pytest", *CORPUS_READERS, "-k", SLOW, "-p", "no:cacheprovider",
               f"--junitxml={report}"]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    cases = ElementTree.parse(report).getroot().iter("testcase")
    outcomes = [(case.get("name"), [(child.tag, child.get("message", "")) for child in case]) for case in cases]
    skipped = [(name, found[0][1]) for name, found in outcomes if found and found[0][0] == "skipped"]
    passed = [name for name, found in outcomes if not found]
    assert len(passed) > 100 and len(skipped) >= 10, (len(passed), skipped)
    assert all("external corpus cross-check skipped" in reason for _, reason in skipped), skipped
    assert {"test_every_sample_gives_a_report_or_a_format_error[corpus-absent]",
            "test_sample_corpus_agrees_with_pyx12[corpus-absent]"} <= {name for name, _ in skipped}  # fmt: skip


def test_only_tests_corpus_py_works_out_where_the_corpus_is():
    # Another module building the ../shared path itself would read the corpus in CI and fail on
    # a bare clone, which the run above (X12_SAMPLES set) could not see.
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("tests", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if path.name not in ("corpus.py", Path(__file__).name)
        and re.search(r"""["']shared["']|samples/x12|X12_SAMPLES""", path.read_text())
    ]
    assert offenders == [], offenders
