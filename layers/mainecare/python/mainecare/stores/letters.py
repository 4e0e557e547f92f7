"""Member letters (PDF) in the MemberLetters bucket: letters/<letter date>/<request id>.pdf."""

from __future__ import annotations

import hashlib
from datetime import date

from mainecare.config import settings
from mainecare.stores.aws import client


def letter_key(letter_date: date, request_id: str) -> str:
    return f"letters/{letter_date.isoformat()}/{request_id}.pdf"


def put_letter(letter_date: date, request_id: str, pdf: bytes) -> str:
    key = letter_key(letter_date, request_id)
    client("s3").put_object(
        Bucket=settings().bucket("MemberLetters"), Key=key, Body=pdf, ContentType="application/pdf",
        Metadata={"request-id": request_id, "sha256": hashlib.sha256(pdf).hexdigest()},
    )
    return key


def get_letter(key: str) -> bytes:
    return client("s3").get_object(Bucket=settings().bucket("MemberLetters"), Key=key)["Body"].read()
