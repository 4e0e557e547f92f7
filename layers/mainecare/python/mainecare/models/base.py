"""The base of the API's models: each model's validator is built when it is first used, not at import.

pydantic builds a model's core schema when its class is created unless `defer_build` is set. The
API function imports every route's models at a cold start, yet one request validates a handful
of them: deferring moves that work from every cold start to the first request that needs each
model (bench/coldstart.py measures the import).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ApiModel(BaseModel):
    model_config = ConfigDict(defer_build=True)
