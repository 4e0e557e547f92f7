"""Sample 837 files and error-injected variants of them, shared by the X12 tests.

Samples live outside the repo (../shared/samples/x12 beside the repo, or $X12_SAMPLES); tests that need them
skip when they are absent. The lfh files say 005010X222A2 / 005010X223A3, versions neither we
nor pyx12 accept, so `relabel` turns them into the A1 / A2 guides their content follows.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

# The BRIEF section 3 minimal 837P (one claim, one NDC line).
BRIEF_837P = (Path(__file__).resolve().parents[3] / "events" / "edi" / "brief_837p_ndc.txt").read_text()

SAMPLES = Path(os.environ.get("X12_SAMPLES") or Path(__file__).resolve().parents[4] / "shared" / "samples" / "x12")


def sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.glob("*/*") if p.is_file() and p.suffix != ".md")


def relabel(text: str) -> str:
    return text.replace("005010X222A2", "005010X222A1").replace("005010X223A3", "005010X223A2")


def read_sample(name: str) -> str:
    return relabel((SAMPLES / name).read_text(encoding="latin-1"))


@cache
def base_texts() -> dict[str, str]:
    """Bases pyx12 accepts: two subscribers 837P, the TR3 drug example (5 NDC lines), an 837I."""
    institutional = read_sample("lfh/demo.837i")
    # demo.837i breaks three X223A2 rules; fix them so the base is clean in pyx12 too.
    for old, new in (
        ("N4*CENTERVILLE*PA*17111~\nREF*EI", "N4*CENTERVILLE*PA*171110000~\nREF*EI"),  # 2010AA: ZIP+4
        ("CLM*756048Q*89.93***14:A:1*Y*A*Y*Y", "CLM*756048Q*89.93***14:A:1**A*Y*Y"),  # CLM06 not used
    ):
        institutional = institutional.replace(old, new)
    institutional = institutional.replace("DTP*434*D8*19960911", "DTP*434*RD8*19960911-19960911")
    return {
        "P": read_sample("databricks/837p.txt"),
        "PD": read_sample("lfh/demo.drug.example10.2.837"),
        "I": institutional,
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
    "se_count": ("P", replace("SE*", "SE*41*", "SE*40*"), True),
    "se_control": ("P", replace("SE*", "*1239", "*1240"), True),
    "swap_st_controls": ("P", two_sets(swap_controls=True), False),
    "duplicate_st_control": ("P", lambda s: [x.replace("*9998", "*1239") for x in two_sets(False)(s)], False),
    "bad_date_dmg": ("P", replace("DMG*", "19570111", "19570231"), False),
    "bad_date_short": ("P", replace("DTP*472", "20151124", "2015112"), False),
    "bad_rd8_no_range": ("PD", replace("DTP*472", "20040201-20040207", "20040201"), False),
    "bad_rd8_end": ("PD", replace("DTP*472", "-20040207", "-20041307", 1), False),
    "bad_date_qualifier": ("P", replace("DTP*472", "*D8*", "*D9*"), False),
    "bad_i_dtp434_format": ("I", replace("DTP*434", "*RD8*19960911-19960911", "*D8*19960911"), False),
    "unknown_nm1_entity": ("P", replace("NM1*85", "NM1*85", "NM1*8Z"), False),
    "bad_nm108": ("P", replace("NM1*85", "*XX*", "*ZZ*"), False),
    "bad_hl03": ("P", replace("HL*3", "*22*", "*24*"), False),
    "bad_hl04": ("P", replace("HL*2", "*22*0", "*22*5"), False),
    "bad_sv103_unit": ("P", replace("SV1*", "*UN*", "*XX*"), False),
    "bad_ctp_unit": ("PD", replace("CTP*", "*UN", "*KG"), False),
    "bad_lin02": ("PD", replace("LIN*", "*N4*", "*ZZ*"), False),
    "bad_state_2010ba": ("P", replace("N4*CHICAGO*IL*606129998", "*IL*", "*XX*"), False),
    "bad_gender": ("P", replace("DMG*", "*M", "*X"), False),
    "bad_clm05_qualifier": ("P", replace("CLM*", "19:B:1", "19:Z:1"), False),
    "bad_clm05_pos": ("P", replace("CLM*", "19:B:1", "98:B:1"), False),
    "unknown_sbr01": ("P", replace("SBR*", "SBR*P", "SBR*Q"), False),
    "bad_hi_qualifier": ("P", replace("HI*", "HI*ABK", "HI*ZZZ"), False),
    "hi_code_missing": ("P", replace("HI*", "HI*ABK:I10", "HI*ABK"), False),
    "amount_not_numeric": ("P", replace("CLM*", "*140*", "*1A0*"), False),
    "line_charge_not_numeric": ("P", replace("SV1*", "*140*", "*14X*"), False),
    "units_not_numeric": ("P", replace("SV1*", "*UN*1*", "*UN*A*"), False),
    "ctp_quantity_not_numeric": ("PD", replace("CTP*", "7.00", "7.0A"), False),
    "lx_not_numeric": ("P", replace("LX*", "LX*1", "LX*A"), False),
    "nm109_too_long": ("P", replace("NM1*IL", "1234567890", "1" * 81), False),
    "postal_code_too_short": ("P", replace("N4*", "606739999", "60"), False),
    "claim_id_too_long": ("P", replace("CLM*", "1000A", "X" * 39), False),
    "too_many_elements_dtp": ("P", replace("DTP*472", "20151124", "20151124*X"), False),
    "not_used_clm03": ("P", replace("CLM*", "*140***", "*140*5**"), False),
    "not_used_nm104_1000b": ("P", replace("NM1*40", "RECEIVER**", "RECEIVER*JOHN*"), False),
    "too_many_components_clm05": ("P", replace("CLM*", "19:B:1", "19:B:1:9"), False),
    "ref_ei_twice": ("P", insert_after("REF*EI", "REF*EI*123456789"), False),
    "two_2410_in_a_line": ("PD", insert_after("CTP*", "LIN**N4*00004196501~CTP****7.00*UN"), False),
    "n3_n4_swapped": ("P", swap_next("N3*"), False),
    "garbage_segment": ("P", insert_after("HI*", "ZZZ*1"), False),
    "lowercase_segment_id": ("P", replace("N3*", "N3*", "n3*"), False),
    "hl01_out_of_sequence": ("P", replace("HL*3", "HL*3", "HL*4"), False),
    "hl02_unknown_parent": ("P", replace("HL*2", "HL*2*1", "HL*2*7"), False),
    "lx01_out_of_sequence": ("PD", replace("LX*3", "LX*3", "LX*7"), False),
    # X12 syntax notes: PER P0506 (a communication qualifier without its number); NM1 P0809 on the
    # subscriber (an id qualifier without the id, which the TR3 requires too: one IK4, not two);
    # N4 E0207 and C0704 (a country subdivision beside a state, and without its country).
    "syntax_per05_without_per06": ("P", replace("PER*", "*4805551212", "*4805551212*EM"), False),
    "syntax_nm108_without_nm109": ("P", replace("NM1*IL", "*MI*1234567890", "*MI"), False),
    "syntax_n407_without_n404": ("P", replace("N4*CHICAGO*IL*606129998", "606129998", "606129998****ON"), False),
    # Segments we place but do not read are checked element by element too.
    "bad_per03_qualifier": ("P", replace("PER*", "*TE*", "*XX*"), False),
    "ref_ei_too_long": ("P", replace("REF*EI", "999999999", "9" * 51), False),
    "n3_address_too_long": ("P", replace("N3*", "N3*", "N3*" + "A" * 56), False),
    "prv_taxonomy_qualifier": ("I", replace("PRV*BI", "*PXC*", "*ZZZ*"), False),
    # BHT04 is a DT and BHT05 a TM data element: read as dates and times of their own.
    "bht_date_not_a_date": ("P", replace("BHT*", "20170617", "20170631"), False),
    "bht_date_short": ("P", replace("BHT*", "20170617", "2017061"), False),
    "bht_time_not_a_time": ("P", replace("BHT*", "*1741*", "*1761*"), False),
    "ge_count": ("P", replace("GE*", "GE*1*", "GE*2*"), False),
    "ge_control": ("P", replace("GE*", "*101", "*102"), False),
    "iea_control": ("P", replace("IEA*", "000000101", "000000102"), False),
    "iea_count": ("P", replace("IEA*", "IEA*1", "IEA*2"), False),
}


def ndc_variants() -> dict[str, tuple[str, Mutation, str, str, str]]:
    """MaineCare rejections pyx12 does not make: name -> (base, mutation, segment, IK4 element, IK403)."""
    return {
        "ndc_10_digits": ("PD", replace("LIN*", "00004196501", "0004196501"), "LIN", "3", "7"),
        "ndc_not_numeric": ("PD", replace("LIN*", "00004196501", "0000419650X"), "LIN", "3", "6"),
        "ndc_with_hyphens": ("PD", replace("LIN*", "00004196501", "00004-1965-01"), "LIN", "3", "6"),
        "lin02_upc_not_ndc": ("PD", replace("LIN*", "*N4*", "*UP*"), "LIN", "2", "I6"),
        "ctp04_zero": ("PD", replace("CTP*", "7.00", "0"), "CTP", "4", "I12"),
        "ctp04_negative": ("PD", replace("CTP*", "7.00", "-2"), "CTP", "4", "I12"),
        "claim_total_mismatch": ("P", replace("CLM*", "*140*", "*150*"), "CLM", "2", "I12"),
    }


def build(base: str, mutation: Mutation, keep_se: bool = False) -> str:
    segments = mutation(split(base_texts()[base]))
    return join(segments if keep_se else fix_se_count(segments))
