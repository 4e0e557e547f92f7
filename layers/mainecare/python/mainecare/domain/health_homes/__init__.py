"""Health Homes: pure rules for who may join, when, and how a panel changes. No AWS, no I/O.

- members.py      what the rules read about members, practices, sites and affiliations
- eligibility.py  Stage A and Stage B eligibility, reasons as codes
- dates.py        the opt-out calendar and the attestable-month (cut-off day) rule
- panel.py        enrollment statuses, terminations, moves, duplication of services
- coverage.py     the MaineCare eligibility inquiry (coverage on a date and its history)

Every rule takes its policy (effective-dated data from mainecare/policy/) as an argument.
"""
