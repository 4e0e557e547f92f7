"""The quarterly auto-assignment's resources in the synthesized template (issue 10)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.infra


def test_the_quarterly_assignment_maps_over_shards_read_from_the_shard_bucket(synthesized):
    """Issue 10: a Distributed Map whose ItemReader reads the run's shard list in ClaimLineShards,
    started by the quarterly_assignment function; the claims stream feeds the shard writer."""
    from infra.workflows import DEFINITIONS

    definition = json.loads((DEFINITIONS / "quarterly_assignment.asl.json").read_text())
    for state, worker, action in (("CountShards", "CountShard", "count_shard"),
                                  ("AssignMembers", "AssignChunk", "assign_chunk")):
        mapped = definition["States"][state]
        assert mapped["ItemProcessor"]["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
        assert mapped["ItemReader"]["Resource"] == "arn:aws:states:::s3:getObject"
        assert mapped["ItemReader"]["Parameters"]["Bucket"] == "${ClaimLineShardsBucketName}"
        assert mapped["ItemProcessor"]["States"][worker]["Parameters"]["Payload"]["action"] == action
    function = synthesized.props(synthesized.stack.functions.functions["quarterly_assignment"])
    assert "QUARTERLY_ASSIGNMENT_STATE_MACHINE" in function["Environment"]["Variables"]
    (mapping,) = [m["Properties"] for m in synthesized.of_type("AWS::Lambda::EventSourceMapping").values()
                  if "StreamArn" in json.dumps(m["Properties"].get("EventSourceArn", ""))]
    assert mapping["StartingPosition"] == "TRIM_HORIZON" and mapping["BisectBatchOnFunctionError"] is True
    assert "INSERT" in json.dumps(mapping["FilterCriteria"])
    claims = synthesized.props(synthesized.stack.data.tables["Claims"])
    assert claims["StreamSpecification"] == {"StreamViewType": "NEW_IMAGE"}
