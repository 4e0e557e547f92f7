"""Use cases, one room per capability: each takes plain values, calls the domain's rules and the
stores, and returns domain values. Handlers (functions/) and the API routes (chalicelib) call
services; services never import the API layer, and the domain never imports services.

- claims/: an 837 file or a JSON claim in, edited, decided, stored and answered (TA1/999/277CA);
  claim status and history; pended claims re-edited when their crosswalk lands
- reference/: the crosswalk and member eligibility files loaded, the crosswalk index a function
  uses, NDC validation, and the NDC/HCPCS combinations partners ask MaineCare to add
- health_homes/: member requests, the member's opt-out/opt-in, letters, panel changes, and the
  eligibility inquiries practices make
- accounts/: who a caller is (bearer token -> Identity) and what they may do
- members/: the member portal (a member's own claims and coverage letter)
- dated_rules: the first date any program rule covers, shared by the API and the local clock
"""
