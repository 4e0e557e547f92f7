"""Documents attached to authorization requests: uploaded straight to S3 with a presigned POST whose
policy fixes the key, the media type and the size range, so the API never carries the bytes and
S3 itself refuses a file of another type or size."""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores.aws import presigning_s3

UPLOAD_SECONDS = 900


def upload_form(key: str, content_type: str, max_bytes: int) -> dict:
    return presigning_s3().generate_presigned_post(
        Bucket=settings().bucket("Attachments"), Key=key, Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
        ExpiresIn=UPLOAD_SECONDS)
