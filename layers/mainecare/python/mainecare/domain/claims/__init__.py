"""Claims: one model for 837P/837I and the JSON claim API, the MaineCare edits, and the answers.

- model: the Claim and ServiceLine dataclasses every path produces and every rule reads
- from_837: X12 837 segments (from the x12 package) -> Claim
- npi: the NPI check digit
- edits / edits_claim / edits_drug / edits_340b / edits_services: run_edits -> EditResult
- decision: decide(claim, edits, channel) -> ClaimDecision (EDI rejects whole claims, API denies lines)
- sender_checks: the TA1 refusal of an 837 whose ISA06/GS02 is not the partner's registered id
- ack277: the 277CA claim acknowledgement; rejection_report: the Business Rejection Report rows
"""
