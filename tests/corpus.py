"""Where the X12 test files are: the project's own fixtures, and the external sample corpus.

The suite needs only `tests/fixtures/x12/` (written here, fake data, valid for pyx12). The public
sample corpus (../shared/samples/x12 beside the repo, or $X12_SAMPLES) is an extra cross-check:
tests that read it skip, with `ABSENT` as the reason, when it is not there. Nothing else in the
tests may work out that location.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "x12"

_OVERRIDE = os.environ.get("X12_SAMPLES")
X12_SAMPLES = Path(_OVERRIDE) if _OVERRIDE else ROOT.parent / "shared" / "samples" / "x12"
ABSENT = (
    f"X12_SAMPLES={_OVERRIDE} does not exist: external corpus cross-check skipped"
    if _OVERRIDE
    else "../shared/samples/x12 not beside the repo: external corpus cross-check skipped"
)


def fixture(name: str) -> str:
    """A project fixture byte for byte (latin-1, line endings kept: some files test CRLF)."""
    return (FIXTURES / name).read_bytes().decode("latin-1")


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.txt"))


def corpus_available() -> bool:
    return X12_SAMPLES.is_dir()


def corpus_files() -> list[Path]:
    if not corpus_available():
        return []
    return sorted(p for p in X12_SAMPLES.glob("*/*") if p.is_file() and p.suffix != ".md")


def require_corpus() -> Path:
    """The corpus folder, or skip the calling test (with the reason) when it is absent."""
    if not corpus_available():
        pytest.skip(ABSENT)
    return X12_SAMPLES


def corpus_path(name: str) -> Path:
    """A corpus file (`name` relative to the corpus folder); skips like require_corpus."""
    return require_corpus() / name


def corpus_params(files: list[Path] | None = None) -> list:
    """Parameters for a test run once per corpus file: one skipped parameter when there is none,
    so an absent corpus is reported as skipped with its reason, not as an empty parametrization."""
    files = corpus_files() if files is None else files
    if files:
        return [pytest.param(p, id=f"{p.parent.name}/{p.name}") for p in files]
    return [pytest.param(None, id="corpus-absent", marks=pytest.mark.skip(reason=ABSENT))]


needs_corpus = pytest.mark.skipif(not corpus_available(), reason=ABSENT)
