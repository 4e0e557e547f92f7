"""Regex text for the clean patterns (clean_grammar.py): dates that exist, and code lists.

Dates: D8 accepts a day 29-31 only in the months that always have it (Feb 29 and anything
unusual go to the slow path, which knows the calendar); RD8, DT and TM follow from it.
"""

from __future__ import annotations

import re

_D8 = (
    "(?:18|19|20)[0-9]{2}(?:(?:0[1-9]|1[0-2])(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])(?:29|30)"
    "|(?:0[13578]|1[02])31)"
)
_HHMM = "(?:[01][0-9]|2[0-3])[0-5][0-9]"
DATE_PATTERNS = {"D8": _D8, "RD8": f"{_D8}-{_D8}", "DT": f"{_D8}(?:{_HHMM})?", "TM": f"{_HHMM}(?:[0-5][0-9])?"}


def alternatives(codes) -> str:
    """One pattern for a code list, shaped as a trie (common prefixes written once), so a value
    costs a few character tests however long the list (states, countries, places of service)."""
    trie: dict = {}
    for code in codes:
        node = trie
        for ch in code:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy: the longer code is tried first, the shorter one after (the pattern that follows a
    # value, a separator or terminator, decides).
    return f"(?:{body})?" if ends_here else body
