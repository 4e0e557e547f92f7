"""Project 837 fixtures and error-injected variants of them, shared by the X12 tests.

The bases are the project's own files in tests/fixtures/x12 (see its README), so the variants,
the pyx12 oracle on them and the property tests run on a bare clone. The external sample corpus
(tests/corpus.py says where) is read only by the tests that cross-check it; its lfh files say
005010X222A2 / 005010X223A3, versions neither we nor pyx12 accept, so `relabel` turns them into
the A1 / A2 guides their content follows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from tests.corpus import corpus_files, corpus_path, fixture

# The BRIEF section 3 minimal 837P (one claim, one NDC line).
BRIEF_837P = (Path(__file__).resolve().parents[3] / "events" / "edi" / "brief_837p_ndc.txt").read_text()


def sample_files() -> list[Path]:
    """Every file of the external corpus (none when it is absent)."""
    return corpus_files()


def relabel(text: str) -> str:
    return text.replace("005010X222A2", "005010X222A1").replace("005010X223A3", "005010X223A2")


def read_sample(name: str) -> str:
    """A corpus file relabelled; skips the calling test when the corpus is absent."""
    return relabel(corpus_path(name).read_text(encoding="latin-1"))


@cache
def base_texts() -> dict[str, str]:
    """Bases pyx12 and we accept: two subscribers 837P (LF), the TR3 drug example shape (6 lines,
    5 with LIN/CTP/REF, CRLF), an outpatient 837I with a COB loop (no line breaks)."""
    return {
        "P": fixture("837p_two_subscribers.txt"),
        "PD": fixture("837p_drug_lines.txt"),
        "I": fixture("837i_outpatient.txt"),
    }


def split(text: str) -> list[str]:
    return [s.strip("\r\n") for s in text.split("~") if s.strip()]


def join(segments: list[str]) -> str:
    return "~\n".join(segments) + "~\n"


def fix_se_count(segments: list[str]) -> list[str]:
    """Keep SE01 right after a drop/insert, so the variant shows only the error it was made for."""
    out = list(segments)
    start = None
    for i, seg in enumerate(out):
        if seg.startswith("ST*"):
            start = i
        elif seg.startswith("SE*") and start is not None:
            out[i] = f"SE*{i - start + 1}*{seg.split('*')[2]}"
            start = None
    return out


def _index(segments: list[str], prefix: str, nth: int) -> int:
    found = [i for i, s in enumerate(segments) if s.startswith(prefix)]
    return found[nth]


def drop(prefix: str, nth: int = 0) -> Callable[[list[str]], list[str]]:
    def apply(segments: list[str]) -> list[str]:
        out = list(segments)
        del out[_index(out, prefix, nth)]
        return out

    return apply


def replace(prefix: str, old: str, new: str, nth: int = 0) -> Callable[[list[str]], list[str]]:
    """Replace `old` by `new` in the nth segment starting with `prefix`."""

    def apply(segments: list[str]) -> list[str]:
        out = list(segments)
        i = _index(out, prefix, nth)
        assert old in out[i], (prefix, old, out[i])
        out[i] = out[i].replace(old, new, 1)
        return out

    return apply


def insert_after(prefix: str, new: str, nth: int = 0) -> Callable[[list[str]], list[str]]:
    def apply(segments: list[str]) -> list[str]:
        out = list(segments)
        at = _index(out, prefix, nth) + 1
        out[at:at] = new.split("~")
        return out

    return apply


def swap_next(prefix: str, nth: int = 0) -> Callable[[list[str]], list[str]]:
    def apply(segments: list[str]) -> list[str]:
        out = list(segments)
        i = _index(out, prefix, nth)
        out[i], out[i + 1] = out[i + 1], out[i]
        return out

    return apply


def two_sets(swap_controls: bool) -> Callable[[list[str]], list[str]]:
    """Repeat the base's transaction set with a new ST02; optionally swap the two ST02s."""

    def apply(segments: list[str]) -> list[str]:
        st, se = _index(segments, "ST*", 0), _index(segments, "SE*", 0)
        first = segments[st : se + 1]
        control = first[0].split("*")[2]
        second = [s.replace(f"*{control}", "*9998", 1) if s.startswith(("ST*", "SE*")) else s for s in first]
        if swap_controls:
            first = [second[0], *first[1:]]
            second = [segments[st], *second[1:]]
        ge = _index(segments, "GE*", 0)
        group = segments[ge].split("*")
        trailer = f"GE*2*{group[2]}"
        return segments[:st] + first + second + [trailer] + segments[ge + 1 :]

    return apply


Mutation = Callable[[list[str]], list[str]]

# Variants pyx12 judges too: name -> (base, mutation, keep SE01 as the mutation left it)
PYX12_VARIANTS: dict[str, tuple[str, Mutation, bool]] = {
    "drop_HI": ("P", drop("HI*"), False),
    "drop_second_HI": ("P", drop("HI*", 1), False),
    "drop_SV1": ("P", drop("SV1*"), False),
    "drop_last_DTP472": ("P", drop("DTP*472", 1), False),
    "drop_NM1_85": ("P", drop("NM1*85"), False),
    "drop_N3_2010AA": ("P", drop("N3*"), False),
    "drop_N4_2010AA": ("P", drop("N4*"), False),
    "drop_REF_EI": ("P", drop("REF*EI"), False),
    "drop_NM1_40": ("P", drop("NM1*40"), False),
    "drop_NM1_IL": ("P", drop("NM1*IL"), False),
    "drop_NM1_PR": ("P", drop("NM1*PR"), False),
    "drop_SBR": ("P", drop("SBR*"), False),
    "drop_LX": ("P", drop("LX*"), False),
    "drop_CTP": ("PD", drop("CTP*", 2), False),
    "drop_LIN": ("PD", drop("LIN*"), False),
    "drop_I_DTP434": ("I", drop("DTP*434"), False),
    "drop_I_CL1": ("I", drop("CL1*"), False),
    "drop_I_SV2": ("I", drop("SV2*", 1), False),
    "se_count": ("P", replace("SE*", "SE*35*", "SE*34*"), True),
    "se_control": ("P", replace("SE*", "*2001", "*2002"), True),
    "swap_st_controls": ("P", two_sets(swap_controls=True), False),
    "duplicate_st_control": ("P", lambda s: [x.replace("*9998", "*2001") for x in two_sets(False)(s)], False),
    "bad_date_dmg": ("P", replace("DMG*", "19800115", "19800231"), False),
    "bad_date_short": ("P", replace("DTP*472", "20260220", "2026022"), False),
    "bad_rd8_no_range": ("PD", replace("DTP*472", "20260202-20260206", "20260202"), False),
    "bad_rd8_end": ("PD", replace("DTP*472", "-20260206", "-20261306", 1), False),
    "bad_date_qualifier": ("P", replace("DTP*472", "*D8*", "*D9*"), False),
    "bad_i_dtp434_format": ("I", replace("DTP*434", "*RD8*20260210-20260210", "*D8*20260210"), False),
    "unknown_nm1_entity": ("P", replace("NM1*85", "NM1*85", "NM1*8Z"), False),
    "bad_nm108": ("P", replace("NM1*85", "*XX*", "*ZZ*"), False),
    "bad_hl03": ("P", replace("HL*3", "*22*", "*24*"), False),
    "bad_hl04": ("P", replace("HL*2", "*22*0", "*22*5"), False),
    "bad_sv103_unit": ("P", replace("SV1*", "*UN*", "*XX*"), False),
    "bad_ctp_unit": ("PD", replace("CTP*", "*UN", "*KG"), False),
    "bad_lin02": ("PD", replace("LIN*", "*N4*", "*ZZ*"), False),
    "bad_state_2010ba": ("P", replace("N4*AUGUSTA*ME*043300002", "*ME*", "*XX*"), False),
    "bad_gender": ("P", replace("DMG*", "*F", "*X"), False),
    "bad_clm05_qualifier": ("P", replace("CLM*", "11:B:1", "11:Z:1"), False),
    "bad_clm05_pos": ("P", replace("CLM*", "11:B:1", "98:B:1"), False),
    "unknown_sbr01": ("P", replace("SBR*", "SBR*P", "SBR*Q"), False),
    "bad_hi_qualifier": ("P", replace("HI*", "HI*ABK", "HI*ZZZ"), False),
    "hi_code_missing": ("P", replace("HI*", "HI*ABK:Z0000", "HI*ABK"), False),
    "amount_not_numeric": ("P", replace("CLM*", "*125*", "*1A5*"), False),
    "line_charge_not_numeric": ("P", replace("SV1*", "*125*", "*12X*"), False),
    "units_not_numeric": ("P", replace("SV1*", "*UN*1*", "*UN*A*"), False),
    "ctp_quantity_not_numeric": ("PD", replace("CTP*", "7.00", "7.0A"), False),
    "lx_not_numeric": ("P", replace("LX*", "LX*1", "LX*A"), False),
    "nm109_too_long": ("P", replace("NM1*IL", "FAKE000001", "1" * 81), False),
    "postal_code_too_short": ("P", replace("N4*", "043300001", "04"), False),
    "claim_id_too_long": ("P", replace("CLM*", "FAKECLM001", "X" * 39), False),
    "too_many_elements_dtp": ("P", replace("DTP*472", "20260220", "20260220*X"), False),
    "not_used_clm03": ("P", replace("CLM*", "*125***", "*125*5**"), False),
    "not_used_nm104_1000b": ("P", replace("NM1*40", "MAINECARE**", "MAINECARE*TEST*"), False),
    "too_many_components_clm05": ("P", replace("CLM*", "11:B:1", "11:B:1:9"), False),
    "ref_ei_twice": ("P", insert_after("REF*EI", "REF*EI*123456789"), False),
    "two_2410_in_a_line": ("PD", insert_after("CTP*", "LIN**N4*99999000101~CTP****7.00*UN"), False),
    "n3_n4_swapped": ("P", swap_next("N3*"), False),
    "garbage_segment": ("P", insert_after("HI*", "ZZZ*1"), False),
    "lowercase_segment_id": ("P", replace("N3*", "N3*", "n3*"), False),
    "hl01_out_of_sequence": ("P", replace("HL*3", "HL*3", "HL*4"), False),
    "hl02_unknown_parent": ("P", replace("HL*2", "HL*2*1", "HL*2*7"), False),
    "lx01_out_of_sequence": ("PD", replace("LX*3", "LX*3", "LX*7"), False),
    # X12 syntax notes: PER P0506 (a communication qualifier without its number); NM1 P0809 on the
    # subscriber (an id qualifier without the id, which the TR3 requires too: one IK4, not two);
    # N4 E0207 and C0704 (a country subdivision beside a state, and without its country).
    "syntax_per05_without_per06": ("P", replace("PER*", "*2075550199", "*2075550199*EM"), False),
    "syntax_nm108_without_nm109": ("P", replace("NM1*IL", "*MI*FAKE000001", "*MI"), False),
    "syntax_n407_without_n404": ("P", replace("N4*AUGUSTA*ME*043300002", "043300002", "043300002****ON"), False),
    # Segments we place but do not read are checked element by element too.
    "bad_per03_qualifier": ("P", replace("PER*", "*TE*", "*XX*"), False),
    "ref_ei_too_long": ("P", replace("REF*EI", "990000001", "9" * 51), False),
    "n3_address_too_long": ("P", replace("N3*", "N3*", "N3*" + "A" * 56), False),
    "prv_taxonomy_qualifier": ("I", replace("PRV*BI", "*PXC*", "*ZZZ*"), False),
    # BHT04 is a DT and BHT05 a TM data element: read as dates and times of their own.
    "bht_date_not_a_date": ("P", replace("BHT*", "20260301", "20260231"), False),
    "bht_date_short": ("P", replace("BHT*", "20260301", "2026030"), False),
    "bht_time_not_a_time": ("P", replace("BHT*", "*0915*", "*0975*"), False),
    "ge_count": ("P", replace("GE*", "GE*1*", "GE*2*"), False),
    "ge_control": ("P", replace("GE*", "*201", "*202"), False),
    "iea_control": ("P", replace("IEA*", "000000201", "000000202"), False),
    "iea_count": ("P", replace("IEA*", "IEA*1", "IEA*2"), False),
}


def ndc_variants() -> dict[str, tuple[str, Mutation, str, str, str]]:
    """MaineCare rejections pyx12 does not make: name -> (base, mutation, segment, IK4 element, IK403)."""
    return {
        "ndc_10_digits": ("PD", replace("LIN*", "99999000101", "9999000101"), "LIN", "3", "7"),
        "ndc_not_numeric": ("PD", replace("LIN*", "99999000101", "9999900010X"), "LIN", "3", "6"),
        "ndc_with_hyphens": ("PD", replace("LIN*", "99999000101", "99999-0001-01"), "LIN", "3", "6"),
        "lin02_upc_not_ndc": ("PD", replace("LIN*", "*N4*", "*UP*"), "LIN", "2", "I6"),
        "ctp04_zero": ("PD", replace("CTP*", "7.00", "0"), "CTP", "4", "I12"),
        "ctp04_negative": ("PD", replace("CTP*", "7.00", "-2"), "CTP", "4", "I12"),
        "claim_total_mismatch": ("P", replace("CLM*", "*125*", "*135*"), "CLM", "2", "I12"),
    }


def build(base: str, mutation: Mutation, keep_se: bool = False) -> str:
    segments = mutation(split(base_texts()[base]))
    return join(segments if keep_se else fix_se_count(segments))
