"""CDK app for MaineCare Serverless: builds the stack from infra/ and checks it with cdk-nag.

`python app.py` (or `npx cdk synth`) synthesizes offline into cdk.out/. Synthesis fails with
ValidationFailed if AwsSolutions or HIPAA.Security finds anything not acknowledged with a reason.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# chalice.cdk imports functions/api/app.py, which imports the shared layer's `mainecare`.
for path in (ROOT / "functions" / "api", ROOT / "layers" / "mainecare" / "python", ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")  # chalice packaging needs a region
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from aws_cdk import App, Validations  # noqa: E402  (jsii reads the variables above on import)
from cdk_nag import AwsSolutionsChecks, HIPAASecurityChecks  # noqa: E402

from infra.stack import MaineCareStack  # noqa: E402

STACK_NAME = "MaineCare"
# Feature flags this app relies on, here rather than in cdk.json so tests synthesize the same way.
CONTEXT = {
    "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True,
    "@aws-cdk/aws-iam:minimizePolicies": True,
    "@aws-cdk/aws-lambda:recognizeLayerVersion": True,
    "@aws-cdk/core:enablePartitionLiterals": True,
}


def build_app(outdir: str = "cdk.out") -> App:
    """The app with its stack and cdk-nag packs registered; call `.synth()` to check and write."""
    app = App(outdir=str(outdir), context=CONTEXT)
    MaineCareStack(app, STACK_NAME,
                   description="MaineCare Serverless: Medicaid claims and Health Home back end")
    Validations.of(app).add_plugins(
        # Acknowledgements are copied into each resource's Metadata (cdk_nag) as an audit trail.
        AwsSolutionsChecks(app, write_suppressions_to_cloud_formation=True),
        HIPAASecurityChecks(app),
    )
    return app


if __name__ == "__main__":
    build_app(os.environ.get("CDK_OUTDIR", "cdk.out")).synth()
