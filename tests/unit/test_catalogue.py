"""The resource catalogue is the one description CDK and the local stack build from: keep it whole."""

from pathlib import Path

from local.handlers import load_module
from mainecare.resources import API_READ_BUCKETS, API_TABLES, API_WRITE_BUCKETS, CATALOGUE

ROOT = Path(__file__).resolve().parents[2]


def test_every_function_has_a_handler_folder():
    for function in CATALOGUE.functions:
        module, _, name = function.handler.partition(".")
        source = ROOT / "functions" / function.name / f"{module}.py"
        assert source.exists(), source
        assert callable(getattr(load_module(function.name), name, None)), source


def test_references_between_resources_resolve():
    function_names = {f.name for f in CATALOGUE.functions}
    table_ids = {t.logical_id for t in CATALOGUE.tables}
    bucket_ids = {b.logical_id for b in CATALOGUE.buckets}
    assert {q.consumer for q in CATALOGUE.queues} <= function_names
    assert {s.function for s in CATALOGUE.schedules} <= function_names
    assert {b.notify_queue for b in CATALOGUE.buckets if b.notify_queue} <= {q.logical_id for q in CATALOGUE.queues}
    for function in CATALOGUE.functions:
        assert set(function.tables) <= table_ids
        assert set(function.read_buckets) | set(function.write_buckets) <= bucket_ids
    assert set(API_TABLES) <= table_ids
    assert set(API_READ_BUCKETS) | set(API_WRITE_BUCKETS) <= bucket_ids
    for machine in CATALOGUE.state_machines:
        assert (ROOT / "infra" / "statemachines" / machine.definition_file).exists()


def test_names_and_environment_variables_are_unique():
    everything = [*CATALOGUE.tables, *CATALOGUE.buckets, *CATALOGUE.queues, *CATALOGUE.state_machines]
    assert len({r.env_var for r in everything}) == len(everything)
    assert len({r.local_name for r in everything}) == len(everything)
