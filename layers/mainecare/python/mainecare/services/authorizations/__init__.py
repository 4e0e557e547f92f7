"""Use cases: referrals, prior authorizations and certification requests (see requests.py)."""
