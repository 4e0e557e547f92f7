"""CDK constructs for MaineCare Serverless, one module per capability.

Every name, key, queue and schedule comes from `mainecare.resources.CATALOGUE`; the modules here
decide only how each resource is protected (encryption, logging, least privilege) and wired.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
