"""Demo trading partners, users and reference data for the local stack and the tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from local import cognito as demo_cognito
from mainecare.domain.accounts import TradingPartner, UserAccount
from mainecare.stores import accounts, reference_artifacts

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "events" / "reference"


@dataclass(frozen=True)
class DemoUser:
    email: str
    trading_partner_id: str
    permission_sets: tuple[str, ...]
    what_they_may_do: str
    member_id: str = ""  # a member's own portal account


# submitter_ids: what each partner may put in ISA06, GS02 and the 1000A NM109 of its 837s.
# DOWNEAST's is the one the sample files in events/edi/ carry; program staff and the member
# portal send no 837s, so any file under their prefixes is refused (TA1 006).
PARTNERS = (
    TradingPartner("DOWNEAST", "Downeast Oncology", "PROVIDER", submitter_ids=("SUBMITTERID",)),
    TradingPartner("PINETREE", "Pine Tree Billing Services", "BILLING_AGENT", submitter_ids=("PINETREEBILL",)),
    TradingPartner("MAINECARE", "MaineCare Services (program staff)", "PROGRAM"),
    TradingPartner("MEMBERS", "MaineCare member portal", "MEMBER_PORTAL"),  # members are not partners
    TradingPartner("KATAHDIN", "Katahdin Family Practice", "PROVIDER",  # a second Health Home practice
                   submitter_ids=("KATAHDINFP",)),
)

USERS = (
    DemoUser("admin@downeast.example", "DOWNEAST", ("Admin",),
             "validate NDCs, submit and read claims, eligibility, Health Home requests"),
    DemoUser("biller@downeast.example", "DOWNEAST", ("Biller",), "validate NDCs, submit and read claims"),
    DemoUser("viewer@downeast.example", "DOWNEAST", ("Viewer",),
             "read the account and claims (NDC calls, claim posts get 403)"),
    DemoUser("admin@pinetree.example", "PINETREE", ("Admin",), "validate NDCs; DOWNEAST's data answers 404"),
    DemoUser("staff@mainecare.example", "MAINECARE", ("ProgramStaff",), "validate NDCs, list loaded crosswalks"),
    DemoUser("admin@katahdin.example", "KATAHDIN", ("Admin",),
             "request and terminate members at KATAHDIN's Health Home site; DOWNEAST's sites answer 404"),
    DemoUser("memberservices@mainecare.example", "MAINECARE", ("MemberServices",),
             "record Health Home opt-outs and early opt-ins, look up eligibility, see every site"),
    DemoUser("ada.member@demo.example", "MEMBERS", ("Member",),
             "member portal: own claims history (JSON/PDF), creditable coverage letter", member_id="DEMO-0001"),
)

REFERENCE_FILES = (
    ("ASP", "asp_2025_october.csv"),
    ("ASP", "asp_2026_april.csv"),
    ("PDAC", "pdac_2026-11-01.csv"),
)


def seed_accounts(cognito_client, pool_id: str) -> None:
    for partner in PARTNERS:
        accounts.put_trading_partner(partner)
    for user in USERS:
        sub = demo_cognito.add_user(cognito_client, pool_id, user.email)  # Cognito first: it assigns the sub
        accounts.put_user(UserAccount(sub, user.email, user.trading_partner_id, user.permission_sets,
                                      member_id=user.member_id))


def drop_reference_files() -> list[str]:
    """Put the demo crosswalks and the demo member eligibility file in incoming/, exactly as an
    operator (and MIHMS) would; the ingest loads them."""
    from local import demo_health_homes

    keys = []
    for source, name in REFERENCE_FILES:
        keys.append(reference_artifacts.put_incoming(source, name, (REFERENCE_DIR / name).read_bytes()))
    keys.append(demo_health_homes.drop_members_file())
    return keys
