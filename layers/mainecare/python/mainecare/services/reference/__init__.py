"""Reference data use cases: the files the edits judge claims by, and the checks on them.

- load_crosswalk: a CMS ASP or PDAC crosswalk file in the reference bucket -> a loaded index artifact
- load_members: a member eligibility file in the reference bucket -> the members table
- index: the crosswalk index a function uses, loaded once per container, refreshed cheaply
- validate_ndc: an NDC, and optionally its NDC/HCPCS pair on a date of service
- combination_requests: a partner asks for an NDC/HCPCS pair; staff decide; approved pairs validate
"""
