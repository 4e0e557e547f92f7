"""MaineCareStack: the capabilities wired together, in dependency order."""

from __future__ import annotations

from aws_cdk import Stack
from constructs import Construct

from infra.api import Api
from infra.data import Data
from infra.functions import Functions
from infra.layer import Layers
from infra.observability import Observability
from infra.queues import Queues
from infra.schedules import Schedules
from infra.security import Security
from infra.workflows import Workflows
from mainecare.resources import CATALOGUE, COGNITO_ENV, USER_POOL_ACTIONS


class MaineCareStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = Security(self, "Security").key
        queues = Queues(self, "Queues", key=key)
        data = Data(self, "Data", key=key, queues=queues.queues)
        layers = Layers(self, "Layers")
        functions = Functions(self, "Functions", key=key, tables=data.tables, buckets=data.buckets,
                              queues=queues, layers=layers)
        workflows = Workflows(self, "Workflows", key=key, tables=data.tables, buckets=data.buckets,
                              functions=functions.functions)
        self.schedules = Schedules(self, "Schedules", functions=functions)
        api = Api(self, "Api", key=key, tables=data.tables, buckets=data.buckets,
                  state_machines=workflows.state_machines, layers=layers)
        for spec in CATALOGUE.functions:  # functions that administer users get the API's pool
            if spec.user_pool:
                function = functions.functions[spec.name]
                function.add_environment(COGNITO_ENV["user_pool_id"], api.user_pool.user_pool_id)
                api.user_pool.grant(function, *USER_POOL_ACTIONS)
        monitored = {name: fn.function_name for name, fn in functions.functions.items()}
        monitored.update({f"api_{logical_id}": ref for logical_id, ref in api.function_refs.items()})
        dead_letter_queues = {f"{name}Dlq": q for name, q in queues.dead_letter_queues.items()}
        dead_letter_queues.update({f"{name}AsyncDlq": q
                                   for name, q in functions.async_dead_letter_queues.items()})
        Observability(self, "Observability", key=key, functions=monitored,
                      dead_letter_queues=dead_letter_queues, api_name=api.api_name,
                      api_stage=api.stage_name, state_machines=workflows.state_machines)
        self.key, self.data, self.functions, self.workflows, self.api = key, data, functions, workflows, api
