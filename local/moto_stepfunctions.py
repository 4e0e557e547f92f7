"""moto's Step Functions can be asked to stop an execution before its worker thread has started it.

moto runs each execution's program on a thread of its own and builds the execution's environment
when that thread starts; StopExecution called before then fails inside moto (AttributeError, a
500 that AWS never gives: a real StopExecution may come a millisecond after StartExecution). An
opt-in right after the request that started the member's 28-day timer does exactly that once the
local DynamoDB answers quickly. Stopping here waits, briefly, for the worker to have started.
"""

from __future__ import annotations

import time

_WAIT_SECONDS = 5.0


def stop_after_start() -> None:
    """Make moto's execution worker wait for its own start before stopping (idempotent)."""
    from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

    original = ExecutionWorker.stop
    if getattr(original, "waits", False):
        return

    def stop(self, stop_date, error, cause):
        deadline = time.monotonic() + _WAIT_SECONDS
        while self.env is None and time.monotonic() < deadline:
            time.sleep(0.005)
        return original(self, stop_date, error, cause)

    stop.waits = True
    ExecutionWorker.stop = stop
