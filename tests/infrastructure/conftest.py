"""Synthesize the CDK app once per session; tests read the template and the construct tree."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACK_NAME = "MaineCare"
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


def _cdk_app_module():
    # Loaded by path under its own name: `import app` means the Chalice app (functions/api).
    spec = importlib.util.spec_from_file_location("mainecare_cdk_app", ROOT / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DATA_SERVICES = ("dynamodb:", "s3:")


@dataclass
class Synthesized:
    outdir: Path
    stack: Any  # infra.stack.MaineCareStack, for mapping catalogue entries to logical ids
    template: dict

    @staticmethod
    def listify(value) -> list:
        return value if isinstance(value, list) else [value]

    @staticmethod
    def same(left, right) -> bool:
        """Equal as multisets of CloudFormation values (lists of dicts compared unordered)."""
        return sorted(map(json.dumps, left)) == sorted(map(json.dumps, right))

    @property
    def resources(self) -> dict[str, dict]:
        return self.template["Resources"]

    def of_type(self, resource_type: str) -> dict[str, dict]:
        return {k: v for k, v in self.resources.items() if v["Type"] == resource_type}

    def logical_id(self, construct) -> str:
        """Logical id of an L2 construct's (or an L1's own) CloudFormation resource."""
        cfn = construct.node.default_child or construct
        return self.stack.resolve(cfn.logical_id)

    def ref(self, construct) -> dict:
        return {"Ref": self.logical_id(construct)}

    def arn(self, construct) -> dict:
        return {"Fn::GetAtt": [self.logical_id(construct), "Arn"]}

    def props(self, construct) -> dict:
        return self.resources[self.logical_id(construct)]["Properties"]

    def policy_documents(self, role_logical_id: str) -> list[dict]:
        """Every policy document that applies to a role: inline ones and attached managed ones."""
        role = self.resources[role_logical_id]["Properties"]
        documents = [p["PolicyDocument"] for p in role.get("Policies", [])]
        for arn in role.get("ManagedPolicyArns", []):
            if isinstance(arn, dict) and "Ref" in arn:
                documents.append(self.resources[arn["Ref"]]["Properties"]["PolicyDocument"])
        for policy in self.of_type("AWS::IAM::Policy").values():
            if {"Ref": role_logical_id} in policy["Properties"].get("Roles", []):
                documents.append(policy["Properties"]["PolicyDocument"])
        return documents

    def data_wildcards(self, role_logical_id: str) -> list[tuple]:
        """(action, resource) pairs where the role may use a DynamoDB or S3 action on '*'."""
        return [(action, resource)
                for doc in self.policy_documents(role_logical_id) for st in doc["Statement"]
                if st["Effect"] == "Allow"
                for action in self.listify(st["Action"]) for resource in self.listify(st["Resource"])
                if action.startswith(DATA_SERVICES) and (action.endswith("*") or resource == "*")]

    def dependency_cycle(self) -> list[str] | None:
        """A cycle among resources (Ref, GetAtt, Sub, DependsOn), which CloudFormation rejects."""
        graph = {name: self._references(resource) for name, resource in self.resources.items()}
        state: dict[str, int] = {}

        def visit(name: str, path: list[str]) -> list[str] | None:
            state[name] = 1
            for target in graph[name]:
                if state.get(target) == 1:
                    return [*path, target]
                if target not in state and (cycle := visit(target, [*path, target])):
                    return cycle
            state[name] = 2
            return None

        return next((c for n in graph if n not in state and (c := visit(n, [n]))), None)

    def _references(self, node) -> set[str]:
        found: set[str] = set()
        if isinstance(node, list):
            for item in node:
                found |= self._references(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "Ref" and isinstance(value, str):
                    found.add(value)
                elif key == "Fn::GetAtt":
                    found.add(value[0] if isinstance(value, list) else value.split(".")[0])
                elif key == "Fn::Sub":
                    text = value if isinstance(value, str) else value[0]
                    found |= {m.split(".")[0] for m in re.findall(r"\$\{([^}!]+)\}", text)}
                if key == "DependsOn":
                    found |= set(self.listify(value))
                elif key != "Metadata":
                    found |= self._references(value)
        return found & set(self.resources)


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory) -> Synthesized:
    outdir = tmp_path_factory.mktemp("cdk.out")
    app = _cdk_app_module().build_app(str(outdir))
    assembly = app.synth()  # raises ValidationFailed on any unacknowledged cdk-nag finding
    template = json.loads((outdir / assembly.get_stack_by_name(STACK_NAME).template_file).read_text())
    return Synthesized(outdir=outdir, stack=app.node.find_child(STACK_NAME), template=template)


@pytest.fixture(scope="session")
def template(synthesized):
    from aws_cdk.assertions import Template

    return Template.from_json(synthesized.template)
