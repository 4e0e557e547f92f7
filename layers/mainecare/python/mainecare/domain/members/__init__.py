"""Members: reading who is covered, and who may be asked about. Pure.

- spans: coverage, service and PCCM spans of a member over time
- eligibility_file: a member eligibility file (rows of coverage spans) -> one coverage record per member
- search: a member id with a birth date or last name, matched as a 270 search does
"""
