"""Lambda layers: the shared `mainecare` package, and its pinned third-party dependencies.

`make layer` fills build/layer-deps/python with manylinux wheels for Python 3.11 from
requirements.txt and compiles them to bytecode (unchecked-hash .pyc, valid whatever timestamps the
asset zip gives the sources): Lambda's /opt is read-only, so a layer without bytecode is compiled
again at every cold start (edi_ingest's import measured 2.5 s from source against 0.7 s from
bytecode). Our own code (the shared layer and the functions) ships as source: a bytecode copy built
apart from the source could deploy stale code, and compiling it costs about 0.2 s of that
2.5 s. Synthesis works without it (tests, cdk-nag), but a deploy would ship an empty
layer, so a missing directory is created and flagged with a warning on the construct.
"""

from __future__ import annotations

from aws_cdk import Annotations
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra import REPO

# Pinned with the dependency layer: its wheels are built with --python-version 3.11.
RUNTIME = lambda_.Runtime.PYTHON_3_11
# Our source folders: the .pyc files there are the developer's own (timestamp-checked), never shipped.
ASSET_EXCLUDES = ["**/__pycache__", "**/*.pyc", "**/.pytest_cache"]
# The dependency layer keeps the bytecode `make layer` compiled.
DEPS_EXCLUDES = ["**/.pytest_cache"]
SHARED_DIR = REPO / "layers" / "mainecare"
DEPS_DIR = REPO / "build" / "layer-deps"


class Layers(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.shared = lambda_.LayerVersion(
            self, "Shared",
            code=lambda_.Code.from_asset(str(SHARED_DIR), exclude=ASSET_EXCLUDES),
            compatible_runtimes=[RUNTIME],
            description="mainecare package (domain, models, stores, services, observability) and the x12 engine",
        )
        if not (DEPS_DIR / "python").is_dir() or not any((DEPS_DIR / "python").iterdir()):
            (DEPS_DIR / "python").mkdir(parents=True, exist_ok=True)
            Annotations.of(self).add_warning_v2(
                "mainecare:layer-deps-missing",
                f"{DEPS_DIR} is empty: run `make layer` before `cdk deploy`, or the functions "
                "deploy without pydantic, pynamodb, Powertools and PyJWT.",
            )
        self.dependencies = lambda_.LayerVersion(
            self, "Dependencies",
            code=lambda_.Code.from_asset(str(DEPS_DIR), exclude=DEPS_EXCLUDES),
            compatible_runtimes=[RUNTIME],
            description="Pinned third-party packages from requirements.txt (make layer)",
        )

    @property
    def all(self) -> list[lambda_.ILayerVersion]:
        return [self.shared, self.dependencies]
