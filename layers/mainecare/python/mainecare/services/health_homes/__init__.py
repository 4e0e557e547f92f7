"""Health Home use cases: who is enrolled with which practice, and how that changes.

- member_requests: a practice (or the quarterly assignment) asks for a member; letter and timer start
- member_decisions: the member opts out, or opts in before the 28 days are over
- member_letters: the member's letter as a PDF kept in S3
- panel_changes: terminations, staff moves, duplication of services, the monthly panel
- eligibility_inquiry: MaineCare eligibility and the Health Home eligibility check, audited
- common: what they share (errors, site visibility, policy in effect, history, audit, events)
- views: domain values -> response contracts, collapsed for practices, whole for staff
"""
