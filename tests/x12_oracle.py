"""pyx12 4.0.0 as the judge of the X12 documents we send (TA1, 999, 277CA).

pyx12 validates an interchange against the map its GS08 names (999.5010X231.A1.xml for the 999,
277.5010.X214.xml for the 277CA) and the ISA/GS/TA1 control map (x12.control.00501.xml), and
writes its findings as a JSON error tree. `judge` flattens that tree into readable lines and
counts what pyx12 actually walked, so a test can insist both on "no errors" and on "pyx12 saw
every set we wrote" (a document pyx12 could not open at all must not pass as clean).
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field

import pytest

pyx12_params = pytest.importorskip("pyx12.params")
pyx12_document = pytest.importorskip("pyx12.x12n_document")


@dataclass
class Verdict:
    errors: list[str] = field(default_factory=list)  # "where: code message [value]", one per finding
    interchanges: int = 0
    groups: list[str] = field(default_factory=list)  # GS08 of every group pyx12 walked
    sets: list[str] = field(default_factory=list)  # "ST01/ST02 ack-code" of every set pyx12 walked


def judge(text: str) -> Verdict:
    """Run pyx12 on one outbound document; raises AssertionError when pyx12 cannot process it."""
    errors_json = io.StringIO()
    logging.disable(logging.CRITICAL)  # pyx12 logs every finding too; the JSON tree is what we read
    try:
        pyx12_document.x12n_document(
            pyx12_params.params(), io.StringIO(text), io.StringIO(), None, None, errors_json
        )
    except Exception as error:  # noqa: BLE001 - a map pyx12 cannot find is a failed check, reported
        raise AssertionError(f"pyx12 could not validate the document: {error!r}") from error
    finally:
        logging.disable(logging.NOTSET)
    if not errors_json.getvalue():
        raise AssertionError("pyx12 wrote no verdict for the document")
    return _flatten(json.loads(errors_json.getvalue()))


def _flatten(document: dict) -> Verdict:
    verdict = Verdict()
    for interchange in document["interchanges"]:
        verdict.interchanges += 1
        verdict.errors += [f"ISA: {e['err_cde']} {e['err_str']}" for e in interchange["errors"]]
        for group in interchange["groups"]:
            verdict.groups.append(group["vriic"])
            where = f"GS {group['gs_control_num']}"
            verdict.errors += [f"{where}: {e['err_cde']} {e['err_str']}" for e in group["errors"]]
            for transaction in group["transactions"]:
                set_name = f"{transaction['trn_set_id']}/{transaction['trn_set_control_num']}"
                verdict.sets.append(f"{set_name} {transaction['ack_code']}")
                verdict.errors += [f"{set_name}: {e['err_cde']} {e['err_str']}" for e in transaction["errors"]]
                for segment in transaction["segments"]:
                    verdict.errors += _segment_errors(set_name, segment)
    return verdict


def _segment_errors(set_name: str, segment: dict) -> list[str]:
    where = f"{set_name} {segment['seg_id'].strip()}#{segment['seg_count']}"
    found = [f"{where}: {e['err_cde']} {e['err_str']} [{e['err_val'] or ''}]" for e in segment["errors"]]
    for element in segment["elements"]:
        position = f"{element['ele_pos']}" + (f"-{element['subele_pos']}" if element["subele_pos"] else "")
        found += [
            f"{where}.{position}: {e['err_cde']} {e['err_str']} [{e['err_val'] or ''}]" for e in element["errors"]
        ]
    return found


def assert_valid(text: str, *, sets: int | None = None, version: str | None = None) -> Verdict:
    """pyx12 finds nothing wrong, walked `sets` transaction sets and (when given) only groups of
    `version`; returns the verdict for further checks."""
    verdict = judge(text)
    assert verdict.errors == [], "\n".join(verdict.errors)
    assert verdict.interchanges == 1
    if sets is not None:
        assert len(verdict.sets) == sets, verdict.sets
    if version is not None:
        assert verdict.groups and set(verdict.groups) == {version}, verdict.groups
    return verdict
