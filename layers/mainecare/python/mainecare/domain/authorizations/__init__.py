"""Referrals, prior authorizations and certification requests (utilization management), pure."""
