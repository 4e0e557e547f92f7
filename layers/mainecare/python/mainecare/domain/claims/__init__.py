"""Claims: one model for 837P/837I and the JSON claim API, the MaineCare edits, and the answers.

- model: the Claim and ServiceLine dataclasses every path produces and every rule reads
- from_837: X12 837 segments (from domain.x12) -> Claim
- npi: the NPI check digit
- edits / edits_claim / edits_drug / edits_340b / edits_services: run_edits -> EditResult
- decision: decide(claim, edits, channel) -> ClaimDecision (EDI rejects whole claims, API denies lines)
- ack277: the 277CA claim acknowledgement; rejection_report: the Business Rejection Report rows
"""
