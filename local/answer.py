"""A command's answer on stdout, everything else on stderr.

The handlers a command runs write Powertools log lines and EMF metrics with print(), to stdout,
because that is where Lambda reads them. A command such as `python -m local load-crosswalk ... | jq`
must still print exactly one answer there, so while a command runs stdout is sent to stderr and
only `show` writes to the real stdout."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

_answer_stream = None


def show(text: object) -> None:
    print(text, file=_answer_stream or sys.stdout, flush=True)


@contextlib.contextmanager
def everything_else_to_stderr() -> Iterator[None]:
    global _answer_stream
    previous, _answer_stream = _answer_stream, sys.stdout
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        _answer_stream = previous


def progress(text: str) -> None:
    """A step of a long command, on stderr, so stdout keeps only the answer."""
    print(text, file=sys.stderr, flush=True)
