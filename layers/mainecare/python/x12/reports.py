"""What validate_structure found, shaped like the 999 and TA1 that will carry it.

One InterchangeReport per file; one GroupReport per GS/GE (an AK1..AK9 999); one SetReport per
ST/SE (an AK2..IK5 loop) holding SegmentErrors (IK3) with their ElementErrors (IK4). Codes are
the 005010X231A1 code sets, listed below so a reader of a report can look them up.
"""

from __future__ import annotations

from dataclasses import field

from valueobjects import record

# IK304 segment syntax error codes
IK304_CODES = {
    "1": "Unrecognized segment ID",
    "2": "Unexpected segment",
    "3": "Required segment missing",
    "4": "Loop occurs over maximum times",
    "5": "Segment exceeds maximum use",
    "6": "Segment not in defined transaction set",
    "7": "Segment not in proper sequence",
    "8": "Segment has data element errors",
    "I4": "Implementation 'not used' segment present",
    "I6": "Implementation dependent segment missing",
    "I7": "Implementation loop occurs under minimum times",
    "I8": "Implementation segment below minimum use",
    "I9": "Implementation dependent 'not used' segment present",
}
# IK403 element syntax error codes
IK403_CODES = {
    "1": "Required data element missing",
    "2": "Conditional required data element missing",
    "3": "Too many data elements",
    "4": "Data element too short",
    "5": "Data element too long",
    "6": "Invalid character in data element",
    "7": "Invalid code value",
    "8": "Invalid date",
    "9": "Invalid time",
    "10": "Exclusion condition violated",
    "12": "Too many repetitions",
    "13": "Too many components",
    "I6": "Code value not used in implementation",
    "I9": "Implementation dependent data element missing",
    "I10": "Implementation 'not used' data element present",
    "I11": "Implementation too few repetitions",
    "I12": "Implementation pattern match failure",
    "I13": "Implementation dependent 'not used' data element present",
}
# IK502..IK506 transaction set syntax error codes we produce
IK502_CODES = {
    "1": "Transaction set not supported",
    "2": "Transaction set trailer missing",
    "3": "Transaction set control number in header and trailer do not match",
    "4": "Number of included segments does not match actual count",
    "5": "One or more segments in error",
    "6": "Missing or invalid transaction set identifier",
    "7": "Missing or invalid transaction set control number",
    "23": "Transaction set control number not unique within the functional group",
    "I6": "Implementation convention not supported",
}
# AK905..AK909 functional group syntax error codes we produce
AK905_CODES = {
    "1": "Functional group not supported",
    "2": "Functional group version not supported",
    "3": "Functional group trailer missing",
    "4": "Group control number in the functional group header and trailer do not agree",
    "5": "Number of included transaction sets does not match actual count",
    "6": "Group control number violates syntax",
    "19": "Functional group control number not unique within interchange",
}
# TA105 interchange note codes we produce
TA105_CODES = {
    "000": "No error",
    "001": "The interchange control number in the header and trailer do not match",
    "005": "Invalid interchange ID qualifier for sender",
    "006": "Invalid interchange sender ID",
    "007": "Invalid interchange ID qualifier for receiver",
    "008": "Invalid interchange receiver ID",
    "010": "Invalid authorization information qualifier value",
    "011": "Invalid authorization information value",
    "012": "Invalid security information qualifier value",
    "013": "Invalid security information value",
    "014": "Invalid interchange date value",
    "015": "Invalid interchange time value",
    "016": "Invalid interchange standards identifier value",
    "017": "Invalid interchange control version ID value",
    "018": "Invalid interchange control number value",
    "019": "Invalid acknowledgment requested value",
    "020": "Invalid test indicator value",
    "021": "Invalid number of included groups value",
    "023": "Improper (premature) end-of-file (transmission)",
    "024": "Invalid interchange content (e.g. invalid GS segment)",
    "025": "Duplicate interchange control number",
    "027": "Invalid component element separator",
}


@record(slots=True)
class ElementError:
    position: int  # element position in the segment (IK401-1)
    component: int  # component position (IK401-2), 0 when the whole element is at fault
    element_number: str  # data element reference number (IK402), "" when not known
    code: str  # IK403
    bad_value: str = ""  # IK404, "" when absent or not worth echoing


@record(slots=True)
class SegmentError:
    segment_id: str
    position: int  # IK302: position in the set, ST = 1
    loop_id: str  # the TR3 loop (2010BB...), "" outside named loops; not written: IK303 is for LS/LE loops
    code: str  # IK304
    element_errors: list[ElementError] = field(default_factory=list)


@record(slots=True)
class SetReport:
    set_id: str
    control_number: str
    implementation_ref: str
    errors: list[SegmentError] = field(default_factory=list)
    accepted: bool = False
    claim_count: int = 0
    # IK502..IK506 codes about the set as a whole ("5" is implied by `errors`).
    set_errors: list[str] = field(default_factory=list)

    @property
    def ack_code(self) -> str:
        """IK501: A accepted, E accepted with errors noted (MaineCare drug-line findings), R rejected."""
        if not self.accepted:
            return "R"
        return "E" if self.errors else "A"

    def ik5_codes(self) -> list[str]:
        codes = list(dict.fromkeys(self.set_errors))
        if self.errors and "5" not in codes:
            codes.append("5")
        return codes[:5]


@record(slots=True)
class GroupReport:
    functional_id: str
    control_number: str
    version: str
    sets: list[SetReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # AK905..AK909 codes
    accepted_count: int = 0
    received_count: int = 0
    # GE01 as sent (AK902), None when the GE is missing or its count is not a number.
    included_count: int | None = None
    application_sender: str = ""  # GS02
    application_receiver: str = ""  # GS03

    @property
    def ack_code(self) -> str:
        """AK901: A all accepted, E all accepted with errors noted, P some rejected, R none accepted
        or the group itself is bad."""
        if self.errors or self.accepted_count == 0:
            return "R"
        if self.accepted_count != self.received_count:
            return "P"
        return "E" if any(s.errors for s in self.sets) else "A"


@record(slots=True)
class InterchangeError:
    code: str  # TA105 note code
    message: str


@record(slots=True)
class InterchangeReport:
    sender_id: str
    receiver_id: str
    interchange_control_number: str
    usage_indicator: str
    interchange_errors: list[InterchangeError] = field(default_factory=list)
    groups: list[GroupReport] = field(default_factory=list)
    sender_qualifier: str = ""
    receiver_qualifier: str = ""
    date: str = ""  # ISA09 YYMMDD, echoed in TA102
    time: str = ""  # ISA10 HHMM, echoed in TA103
    acknowledgment_requested: str = ""  # ISA14
    sender_ids: list[str] = field(default_factory=list)  # ISA06 of every interchange in the file
    # "patterns" when the fast path proved the file flawless, "segments" when the segment-by-
    # segment validator read it (the file had errors, or the fast path had a doubt). Provenance,
    # not content: two reports that say the same are equal whichever path wrote them.
    validated_by: str = field(default="segments", compare=False)

    @property
    def accepted(self) -> bool:
        """False when the envelope itself is broken: answer with a TA1 and process nothing."""
        return not self.interchange_errors

    def accepted_sets(self) -> set[tuple[str, str]]:
        """(GS06, ST02) of every set that may go on to claim processing."""
        if not self.accepted:
            return set()
        return {
            (group.control_number, s.control_number)
            for group in self.groups
            if not group.errors
            for s in group.sets
            if s.accepted
        }

    @property
    def claim_count(self) -> int:
        return sum(s.claim_count for group in self.groups for s in group.sets)
