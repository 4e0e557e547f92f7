"""The dependency layer ships bytecode: Lambda's /opt is read-only, so a layer without it is
compiled again at every cold start (infra/layer.py says what that costs)."""

from __future__ import annotations

import re
from pathlib import Path

from infra.layer import ASSET_EXCLUDES, DEPS_EXCLUDES

ROOT = Path(__file__).resolve().parents[2]


def _layer_recipe() -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(r"^layer:.*?(?=^\S|\Z)", makefile, re.M | re.S).group(0)


def test_make_layer_compiles_the_dependencies_to_bytecode_valid_in_any_zip():
    recipe = _layer_recipe()
    assert "compileall" in recipe and "build/layer-deps/python" in recipe.split("compileall", 1)[1]
    # Timestamp-checked .pyc would be stale against the times an asset zip gives the sources.
    assert "--invalidation-mode unchecked-hash" in recipe


def test_the_dependency_layer_keeps_its_bytecode_and_our_source_folders_do_not_ship_theirs():
    assert not any("pyc" in pattern or "__pycache__" in pattern for pattern in DEPS_EXCLUDES)
    assert {"**/__pycache__", "**/*.pyc"} <= set(ASSET_EXCLUDES)
