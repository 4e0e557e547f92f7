"""The house rules of the layout, read from the source (AST), so a new module cannot break them quietly.

- x12 is a general X12 engine: it imports nothing of MaineCare; valueobjects (the records both
  build on) imports neither.
- Imports run one way: handlers and routes -> services -> domain and stores. The domain is pure
  (no services, stores, models, AWS SDK); stores never call services; only the API function
  uses its route package, chalicelib.
- No import cycle among the modules of mainecare and x12.
- Small files with one job: no module over 300 lines (generated tables exempt by name).
- One data-access style: stores reach DynamoDB through pynamodb models (stores/transactions.py),
  never through the low-level client, but for the modules named in LOW_LEVEL_DYNAMODB.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chalicelib.deferred import deferred_calls

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "mainecare" / "python"
SKIPPED_PARTS = {"node_modules", ".venv", "cdk.out", ".chalice", "__pycache__", "vendor"}
MAX_LINES = 300
# Generated tables are data transcribed from the TR3 maps (see x12/__init__.py): exempt by name.
GENERATED_SUFFIXES = ("_elements.py",)
# Hand-written modules over the limit: none (clean_grammar.py was split into its loop builder and
# clean_elements.py). A module passing MAX_LINES fails the test.
KNOWN_LONG: set[str] = set()
# The local tool's `openapi` command renders the API's own document from its route declarations;
# the local server's gateway answers what API Gateway answers before a route runs (unknown path,
# body too large) with the API's own envelope and headers.
CHALICELIB_USERS_OUTSIDE_THE_API = {"local/__main__.py", "local/gateway.py"}
# Stores that still call the boto3 DynamoDB client: Powertools' idempotency layer owns its own
# items (it takes a boto3 client). Every other store writes through pynamodb models.
LOW_LEVEL_DYNAMODB = {"idempotency.py"}


def _python_files(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.rglob("*.py")) if not SKIPPED_PARTS.intersection(path.parts)]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(LAYER).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(source: str) -> set[str]:
    """Every module name an import statement names, anywhere in the source (late and deferred imports
    too). `from a.b import c` yields a.b and a.b.c: c may be a module or a name, the caller decides."""
    names = set()
    for module, deferred_names in deferred_calls(source):  # the API's `from a.b import c`, loaded at first use
        names.update([module, *(f"{module}.{name}" for name in deferred_names)])
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def _sources(folder: Path) -> dict[str, set[str]]:
    """Repo-relative path -> the names its imports name."""
    return {str(path.relative_to(ROOT)): imported_names(path.read_text(encoding="utf-8"))
            for path in _python_files(folder)}


def _offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{path}: {name}" for path, names in _sources(folder).items() for name in sorted(names)
            if any(name == prefix or name.startswith(prefix + ".") for prefix in forbidden)]


def test_x12_imports_nothing_of_mainecare():
    assert _sources(LAYER / "x12"), "the x12 package is where the scan looks"
    assert not _offenders(LAYER / "x12", ("mainecare",)), "x12 is general: MaineCare code imports it, not back"


def test_valueobjects_imports_nothing_of_ours():
    assert _sources(LAYER / "valueobjects"), "the valueobjects package is where the scan looks"
    assert not _offenders(LAYER / "valueobjects", ("mainecare", "x12")), "valueobjects is general: both use it"


def test_the_domain_is_pure():
    forbidden = ("mainecare.services", "mainecare.stores", "mainecare.models", "mainecare.resources",
                 "mainecare.config", "boto3", "botocore", "pynamodb", "chalice", "chalicelib")
    assert not _offenders(LAYER / "mainecare" / "domain", forbidden)


def test_stores_never_call_services():
    assert not _offenders(LAYER / "mainecare" / "stores", ("mainecare.services",))


def dynamodb_client_users(folder: Path) -> set[str]:
    """Modules that call client("dynamodb") or import boto3's DynamoDB type (de)serializers."""
    found = set()
    for path in _python_files(folder):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            calls_client = (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
                            == "client" and any(isinstance(a, ast.Constant) and a.value == "dynamodb"
                                                for a in node.args))
            imports_types = isinstance(node, ast.ImportFrom) and (node.module or "").startswith("boto3.dynamodb")
            if calls_client or imports_types:
                found.add(path.name)
    return found


def test_stores_use_pynamodb_models_not_the_low_level_client(tmp_path):
    assert dynamodb_client_users(LAYER / "mainecare" / "stores") == LOW_LEVEL_DYNAMODB
    (tmp_path / "raw.py").write_text('from mainecare.stores.aws import client\nclient("dynamodb").put_item()\n')
    (tmp_path / "typed.py").write_text("from boto3.dynamodb.types import TypeSerializer\n")
    (tmp_path / "s3.py").write_text('from mainecare.stores.aws import client\nclient("s3").put_object()\n')
    assert dynamodb_client_users(tmp_path) == {"raw.py", "typed.py"}


def test_only_the_api_function_imports_its_routes():
    found = {path for folder in ("layers", "functions", "local") for path, names in _sources(ROOT / folder).items()
             if any(_top(name) == "chalicelib" for name in names)}
    outside = {path for path in found if not path.startswith("functions/api/")}
    assert outside == CHALICELIB_USERS_OUTSIDE_THE_API
    assert any(path.startswith("functions/api/") for path in found)


def import_graph() -> dict[str, set[str]]:
    """module -> the modules of mainecare and x12 it imports. `from a.b import c` is an import of
    a.b.c when c is a module, else of a.b (c is a name defined there)."""
    modules = {_module_name(path): path for top in ("mainecare", "x12", "valueobjects")
               for path in _python_files(LAYER / top)}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets.update(f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules
                               else node.module for alias in node.names)
        graph[name] = {target for target in targets if target in modules and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_among_mainecare_and_x12():
    graph = import_graph()
    assert {"x12.reader", "mainecare.stores.claims", "mainecare.clock"} <= graph["mainecare.services.claims.ingest_edi"]
    assert not cycles(graph)


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
])
def test_cycles_finds_what_loops_and_nothing_else(graph, expected):
    assert cycles(graph) == expected


def test_no_module_over_300_lines_but_generated_tables_and_the_known_ones():
    lengths = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
               for folder in ("layers", "functions", "local") for path in _python_files(ROOT / folder)
               if not path.name.endswith(GENERATED_SUFFIXES)}
    too_long = {path: lines for path, lines in lengths.items() if lines > MAX_LINES}
    assert not {p: n for p, n in too_long.items() if p not in KNOWN_LONG}, "split the new long module by its jobs"
    assert KNOWN_LONG <= set(too_long), "a known long module was split or shortened: drop it from KNOWN_LONG"


def test_routes_call_services_never_stores():
    """Routes parse, authorize, call a service and respond; a store is a service's business."""
    assert not _offenders(ROOT / "functions" / "api" / "chalicelib", ("mainecare.stores",))


def test_a_deferred_name_counts_as_an_import():
    source = 'rows = deferred("mainecare.stores.claims", "put_claim")\nstore = deferred_module("mainecare.stores.x")\n'
    assert imported_names(source) == {"mainecare.stores.claims", "mainecare.stores.claims.put_claim",
                                      "mainecare.stores.x"}


HTTP_STATUS_WORDS = ("status=4", "status=5", "ApiError", "status_code")


def http_status_mentions(folder: Path) -> list[str]:
    """Services and the domain raise refusals by kind (domain/errors.py); the API's one table
    (chalicelib/error_map.py) chooses the status. Lines in them that name one are listed."""
    found = []
    for path in _python_files(folder):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if any(word in code for word in HTTP_STATUS_WORDS):
                found.append(f"{path.name}:{number}: {line.strip()}")
    return found


def test_services_and_the_domain_never_name_an_http_status(tmp_path):
    for room in ("services", "domain"):
        assert http_status_mentions(LAYER / "mainecare" / room) == []
    (tmp_path / "bad.py").write_text("raise HealthHomeError(status=409, code='X')\n")
    assert len(http_status_mentions(tmp_path)) == 1


def test_response_models_live_in_models_not_in_route_modules():
    defined = [f"{path}: {node.name}" for path in _python_files(ROOT / "functions" / "api" / "chalicelib")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") in ("BaseModel", "StrictRequest")
                                                         or getattr(b, "attr", "") == "BaseModel" for b in node.bases)]
    assert defined == []
