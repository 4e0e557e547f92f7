"""`python -m local COMMAND` prints its answer alone on stdout: log lines and EMF metrics that the
handlers print (to stdout, where Lambda reads them) go to stderr while a command runs."""

from __future__ import annotations

import json

from local.answer import everything_else_to_stderr, show
from mainecare.observability import count_now


def test_only_the_answer_reaches_stdout(capsys):
    with everything_else_to_stderr():
        print("a handler's log line")
        count_now("ClaimsReceived")  # an EMF document, printed by Powertools
        show(json.dumps({"version": "2026Q3"}))
    out, err = capsys.readouterr()
    assert json.loads(out) == {"version": "2026Q3"}
    assert "a handler's log line" in err and "ClaimsReceived" in err


def test_outside_a_command_show_is_plain_stdout(capsys):
    show("hello")
    assert capsys.readouterr().out == "hello\n"
