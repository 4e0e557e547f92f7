"""Pages of lists a service answers whole (one partition's items: a site's requests, a provider's
cases, the loaded crosswalks). Store-backed lists that can grow without bound (claims, 837 files)
page in DynamoDB instead (stores/claim_pages.py, stores/edi_receipts.py).

The order is the service's (stable: each list sorts by date and id); the token names the last item
answered and the list it was cut from, so a token of another list (another site's) is refused and
items added at the front of a newest-first list do not shift the next page.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import TypeVar

from chalicelib.errors import ApiError
from chalicelib.query import page_params

T = TypeVar("T")


def _list_tag(list_id: str) -> str:
    return hashlib.sha256(list_id.encode()).hexdigest()[:12]


def _refused() -> ApiError:
    return ApiError(400, "NEXT_TOKEN_INVALID", "next_token is not one this list answered; start again without it.")


def page_of(blueprint, items: Sequence[T], item_id: Callable[[T], str], list_id: str) -> tuple[list[T], str | None]:
    """One page of `items` per ?limit= and ?next_token=, and the next page's token (None at the end)."""
    limit, token = page_params(blueprint)
    start = 0
    if token:
        try:
            plain = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            tag, after = plain["l"], plain["a"]
        except (ValueError, TypeError, KeyError) as error:
            raise _refused() from error
        ids = [item_id(item) for item in items]
        if tag != _list_tag(list_id) or after not in ids:
            raise _refused()
        start = ids.index(after) + 1
    chunk = list(items[start:start + limit])
    if start + limit >= len(items) or not chunk:
        return chunk, None
    cut = json.dumps({"l": _list_tag(list_id), "a": item_id(chunk[-1])}, separators=(",", ":"))
    return chunk, base64.urlsafe_b64encode(cut.encode()).decode().rstrip("=")
