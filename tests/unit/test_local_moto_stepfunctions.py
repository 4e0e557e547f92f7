"""The local stack's Step Functions: a stop asked for before moto's worker thread started waits for it."""

from __future__ import annotations

import threading
import time

from local.moto_stepfunctions import stop_after_start


class _Environment:
    def __init__(self):
        self.stopped = []

    def set_stop(self, stop_date, cause, error):
        self.stopped.append((stop_date, cause, error))


def test_a_stop_before_the_worker_started_waits_for_it_instead_of_failing():
    from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

    stop_after_start()
    worker = object.__new__(ExecutionWorker)
    worker.env = None
    environment = _Environment()

    def start_later():
        time.sleep(0.1)
        worker.env = environment

    threading.Thread(target=start_later).start()
    ExecutionWorker.stop(worker, stop_date="now", error=None, cause="member opted in")
    assert environment.stopped == [("now", "member opted in", None)]
