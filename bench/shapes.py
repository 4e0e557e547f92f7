"""Claim shapes for the benchmarks: the simple claim and a realistic mix built from the TR3's examples.

`simple` is bench/edi.py's generated claim (13 segments, an office visit and one drug line).
`realistic` cycles through three shapes taken from the project's fake fixtures (tests/fixtures/x12,
each valid for pyx12), with every claim's member, names, claim number and NDCs varied so that no
two claims are alike (the claim body's compression dictionary was made from those fixtures, and
a benchmark that fed them back verbatim would flatter it):
- `drug`: the TR3 drug example (837P, 6 service lines, 5 with LIN/CTP/REF*XZ, a rendering provider
  on the claim and an ordering provider on each line, RD8 dates), half the mix;
- `cob`: MaineCare as secondary (837P, a patient under the subscriber, 2320/2330 other-payer loops,
  2420A line rendering, 2430 line adjudication with CAS), a quarter;
- `institutional`: an outpatient 837I (CL1, occurrence/value/condition codes, attending provider,
  a COB loop, SV2 revenue-code lines) in its own functional group, a quarter.
Drug lines bill J9035 with NDCs on the demo crosswalks and service dates in 2026Q2, so the claims
pass MaineCare's edits and are stored, as most real claims are.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "x12"
NDCS = ("50242006101", "50242006001")  # J9035 (bevacizumab) on the demo ASP file, PDAC and rebate list
SHAPES = ("simple", "realistic")
REALISTIC_MIX = ("drug", "cob", "drug", "institutional")
CLAIMS_PER_SET = 5_000
_TEMPLATES = {"drug": "837p_drug_lines.txt", "cob": "837p_cob_patient.txt", "institutional": "837i_outpatient.txt"}
_DATES = (("RD8*20260202-20260206", "RD8*20260406-20260410"), ("D8*20260130", "D8*20260403"),
          ("D8*20260212", "D8*20260410"), ("RD8*20260210-20260210", "RD8*20260410-20260410"),
          ("D8*20260210", "D8*20260410"), ("D8*20260301", "D8*20260420"))
_FIRST_NAMES = ("ALEX", "JORDAN", "SAM", "TAYLOR", "CASEY", "MORGAN", "RILEY", "JAMIE", "AVERY", "QUINN")


def _segments(name: str) -> list[str]:
    text = (FIXTURES / name).read_bytes().decode("latin-1")
    return [s.strip("\r\n") for s in text.split("~") if s.strip("\r\n")]


@cache
def _template(name: str) -> tuple[list[str], list[str]]:
    """The set's header after ST (submitter to billing provider) and the claim's loops (from the
    subscriber's HL to the last segment before SE)."""
    segments = _segments(name)
    start = next(i for i, s in enumerate(segments) if s.startswith("ST*"))
    first_subscriber = next(i for i, s in enumerate(segments) if s.startswith("HL*") and s.endswith("*22*0")
                            or s.startswith("HL*") and s.endswith("*22*1"))
    end = next(i for i, s in enumerate(segments) if s.startswith("SE*"))
    header = [s.replace("FAKESUBMIT02", "SUBMITTERID").replace("FAKESUBMIT03", "SUBMITTERID")
              .replace("FAKESUBMIT04", "SUBMITTERID") for s in segments[start + 1:first_subscriber]]
    return header, segments[first_subscriber:end]


def _varied(loops: list[str], n: int, first_hl: int) -> list[str]:
    """The template's claim as claim number n: its own member, names, claim number, NDCs and HL ids."""
    out, hl, ndc = [], first_hl, 0
    member_seen = False
    for segment in loops:
        for old, new in _DATES:
            segment = segment.replace(old, new)
        parts = segment.split("*")
        if parts[0] == "HL":
            parts[1], parts[2] = str(hl), "1" if parts[3] == "22" else str(hl - 1)
            hl += 1
        elif parts[0] == "NM1" and parts[1] == "IL" and not member_seen:
            parts[3], parts[4], parts[9] = f"PATIENT{n % 9973}", _FIRST_NAMES[n % 10], f"A{n:08d}"
            member_seen = True
        elif parts[0] in ("NM1",) and parts[1] == "QC":
            parts[3], parts[4] = f"PATIENT{n % 9973}", _FIRST_NAMES[(n + 3) % 10]
        elif parts[0] == "CLM":
            parts[1] = f"PCN{n:09d}"
        elif parts[0] == "SV1" and parts[1].startswith(("HC:S5000", "HC:J3490")):
            parts[1] = "HC:J9035"
        elif parts[0] == "LIN":
            parts[3] = NDCS[(n + ndc) % len(NDCS)]
            ndc += 1
        elif parts[0] == "REF" and parts[1] == "XZ":
            parts[2] = f"RX{n:07d}{ndc}"
        elif parts[0] == "N3" and parts[1].endswith("SAMPLE LANE"):
            parts[1] = f"{n % 500 + 1} {('PINE', 'OAK', 'ELM', 'MAPLE')[n % 4]} ST"
        out.append("*".join(parts))
    return out


def realistic_kind(n: int) -> str:
    return REALISTIC_MIX[n % len(REALISTIC_MIX)]


def write_realistic_837(path: Path, claims: int) -> None:
    """The realistic mix: an 837P group (drug and COB claims) and an 837I group (institutional)."""
    by_guide = {"005010X222A1": [n for n in range(claims) if realistic_kind(n) != "institutional"],
                "005010X223A2": [n for n in range(claims) if realistic_kind(n) == "institutional"]}
    with path.open("w", encoding="latin-1", newline="") as out:
        out.write("ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*MAINECARE      *260415*1030*^*00501"
                  "*000000101*0*T*:~\n")
        groups, sets = 0, 0
        for guide, numbers in by_guide.items():
            if not numbers:
                continue
            groups += 1
            out.write(f"GS*HC*SUBMITTERID*MAINECARE*20260415*1030*{100 + groups}*X*{guide}~\n")
            group_sets = 0
            for first in range(0, len(numbers), CLAIMS_PER_SET):
                sets += 1
                group_sets += 1
                _write_set(out, f"{sets:04d}", guide, numbers[first:first + CLAIMS_PER_SET])
            out.write(f"GE*{group_sets}*{100 + groups}~\n")
        out.write(f"IEA*{groups}*000000101~\n")


def _write_set(out, control: str, guide: str, numbers: list[int]) -> None:
    header = _template(_TEMPLATES["drug" if guide == "005010X222A1" else "institutional"])[0]
    segments = [f"ST*837*{control}*{guide}", f"BHT*0019*00*BATCH{control}*20260415*1030*CH", *header[1:]]
    written, hl = 0, 2
    for n in numbers:
        loops = _template(_TEMPLATES[realistic_kind(n)])[1]
        claim = _varied(loops, n, hl)
        hl += sum(1 for s in claim if s.startswith("HL*"))
        segments += claim
        if len(segments) > 2_000:  # write as we go: the generator holds one chunk, not the file
            out.write("".join(s + "~\n" for s in segments))
            written += len(segments)
            segments = []
    written += len(segments) + 1
    out.write("".join(s + "~\n" for s in segments) + f"SE*{written}*{control}~\n")


def members_of_realistic(claims: int) -> list[str]:
    """Every member the realistic file bills for (one per claim)."""
    return [f"A{n:08d}" for n in range(claims)]
