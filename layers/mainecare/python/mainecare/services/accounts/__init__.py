"""Account use cases: who a caller is and what they may do.

- authenticate: a bearer token -> a verified Identity, or the specific reason it is not one
- permission_grants: the permission sets granted to a user, read with their partner's kind
"""
