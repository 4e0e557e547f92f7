"""MaineCare's rules, pure: no AWS, no I/O, no imports from services or stores.

- claims/: the claim model, 837 -> claim mapping, the edits, decisions, sender checks, 277CA
- crosswalks/: the CMS ASP and PDAC NDC-HCPCS crosswalks, parsed and indexed
- health_homes/: who may join a Health Home, when, and how a panel changes
- members/: the member eligibility file and the member search
- accounts, permissions: trading partners, users and what they may do
- policy: effective-dated rule values; errors: the RuleError every rule raises
- ndc, quarters: code formats and the calendar quarters the crosswalks are keyed by
The X12 engine these rules read 837s with is its own package, `x12`, beside `mainecare`.
"""
