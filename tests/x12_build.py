"""837P interchanges built from the project's own samples (events/edi), for the tests that judge
our answers: several sets and groups, and one fault at a time in a named TR3 loop."""

from __future__ import annotations

from pathlib import Path

EDI = Path(__file__).resolve().parent.parent / "events" / "edi"
BRIEF = (EDI / "brief_837p_ndc.txt").read_text()
TWO_CLAIMS = (EDI / "two_claims_one_bad_ndc.txt").read_text()


def pieces(text: str) -> list[str]:
    """The segments of a file written with "~" terminators, line breaks dropped."""
    return [s.strip() for s in text.split("~") if s.strip()]


def set_segments(text: str) -> list[str]:
    """ST..SE of the first set of a one-set file."""
    found = pieces(text)
    ids = [p[:3] for p in found]
    return found[ids.index("ST*") : ids.index("SE*") + 1]


def _with_set_control(segments: list[str], control: str) -> list[str]:
    """One set renumbered, with SE01 recounted so only the intended fault remains."""
    body = segments[1:-1]
    st = segments[0].split("*")
    return ["*".join([st[0], st[1], control, *st[3:]]), *body, f"SE*{len(body) + 2}*{control}"]


def interchange(groups: list[list[list[str]]], isa13: str = "000000201") -> str:
    """An 837P interchange (the sample's ISA and GS) from sets of ST..SE segments, grouped;
    set, group and interchange control numbers and counts are written to match."""
    isa, gs = pieces(BRIEF)[0], pieces(BRIEF)[1].split("*")
    out = [isa.replace("000000101", isa13)]
    for g, sets in enumerate(groups, start=1):
        out.append("*".join([*gs[:6], str(100 + g), *gs[7:]]))
        out += [seg for n, segments in enumerate(sets, start=1) for seg in _with_set_control(segments, f"{n:04d}")]
        out.append(f"GE*{len(sets)}*{100 + g}")
    out.append(f"IEA*{len(groups)}*{isa13}")
    return "".join(s + "~\n" for s in out)


def swap(segments: list[str], old: str, new: str) -> list[str]:
    changed = [s.replace(old, new, 1) if old in s else s for s in segments]
    assert changed != segments, f"{old!r} not found"
    return changed


CLEAN = set_segments(BRIEF)
# One fault per variant, each in a loop whose TR3 name does not fit IK303's four characters.
FAULTS = {
    "1000A lower-case segment id": lambda s: swap(s, "PER*IC", "pER*IC"),
    "2010AA unknown entity": lambda s: swap(s, "NM1*85*2", "NM1*8Z*2"),
    "2010BA impossible birth date": lambda s: swap(s, "DMG*D8*19700101", "DMG*D8*19700231"),
    "2010BB bad id qualifier": lambda s: swap(s, "NM1*PR*2*MAINECARE*****PI", "NM1*PR*2*MAINECARE*****ZZ"),
    "2300 missing HI": lambda s: [x for x in s if not x.startswith("HI*")],
    "2300 claim id too long": lambda s: swap(s, "CLM*PCN0001", "CLM*" + "P" * 39),
    "2400 bad unit code": lambda s: swap(s, "SV1*HC:96413*400*UN", "SV1*HC:96413*400*XX"),
    "2410 CTP quantity missing": lambda s: swap(s, "CTP****16*ML", "CTP*****ML"),
    "unknown segment": lambda s: [*s[:12], "ZZZ*1", *s[12:]],
    "HL02 unknown parent": lambda s: swap(s, "HL*2*1*22*0", "HL*2*9*22*0"),
}
