"""Pure-Python X12 5010 for 837P/837I claims: a streaming reader, a structural validator that
fills 999s and TA1s, a claim-by-claim iterator and the acknowledgement writers.

Standard library only, so it runs in any Lambda layer and in tests without AWS.
"""
