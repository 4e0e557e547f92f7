"""How much the deployed API accepts: stage throttling, the per-IP firewall rate and the body cap.

The effective values live here, in one place, so the CDK app, its template tests and the README
quote the same numbers.

Why these numbers:
- Claims reach MaineCare mostly as 837 files through S3; the API carries provider systems, the
  portal and Health Home staff. A sustained 100 requests per second is 360,000 an hour, far above
  any plausible day of real use, and at up to about a second per call it keeps the API function
  at about 100 concurrent executions, inside the account's default of 1,000 that the 837
  functions (reserved concurrency, infra/functions.py) share. The burst of 200 is two seconds of the
  steady rate, enough for a start-of-day rush of portal logins without letting a client spike past
  what the downstream tables absorb.
- One source IP may use a tenth of the stage rate (10 a second, 600 per minute, counted by WAF):
  a busy clearinghouse posting claims back to back stays under it, and a single client (or one
  compromised token) cannot take the whole shared budget and get every other partner throttled.
- Request bodies: the largest legal request is a 999-line institutional claim (the TR3's 2400 loop
  limit for 837I). Built with every optional field filled at its TR3 length (drug identification,
  4 modifiers, an 80-character description, a rendering provider on each line), it measures about
  0.76 MB as compact JSON and 1.1 MB pretty-printed (tests/infrastructure/test_api_limits.py builds
  it and checks it fits). The cap is 2,000,000 bytes: that claim with room for pretty-printing and
  the vendor fields we ignore, and a fifth of API Gateway's own 10 MB hard limit.
  AWS's common rule set blocks bodies over 8 KB (SizeRestrictions_BODY), which would refuse every
  claim beyond about 25 lines, so that one rule is only counted (infra/firewall.py). AWS WAF can
  inspect at most 64 KB of an API Gateway body, so our cap cannot be a body inspection; it is a rule
  on the Content-Length header, which is exact at any size.
"""

from __future__ import annotations

STAGE_RATE_LIMIT = 100  # requests per second, steady, for the whole stage
STAGE_BURST_LIMIT = 200  # requests the stage's token bucket holds for bursts
PER_IP_WINDOW_SECONDS = 60  # one of the windows WAF rate-based rules offer (60, 120, 300, 600)
PER_IP_LIMIT = STAGE_RATE_LIMIT * PER_IP_WINDOW_SECONDS // 10  # requests per IP per window (600)
MAX_REQUEST_BODY_BYTES = 2_000_000
API_GATEWAY_BODY_LIMIT_BYTES = 10 * 1024 * 1024  # API Gateway's own payload quota (not adjustable)


def decimal_above(limit: int) -> str:
    """A regular expression that matches exactly the decimal integers greater than `limit`.

    WAF cannot compare a header's value as a number, so the comparison is spelled out digit by
    digit: more digits than `limit` has, or the same number of digits and, at the first place
    they differ, a greater digit. Leading zeros are allowed (HTTP permits them in Content-Length).
    """
    if limit < 0:
        raise ValueError("limit must not be negative")
    text = str(limit)
    alternatives = [f"[1-9][0-9]{{{len(text)},}}"]
    for place, digit in enumerate(text):
        if digit != "9":
            rest = len(text) - place - 1
            alternatives.append(f"{text[:place]}[{int(digit) + 1}-9]" + (f"[0-9]{{{rest}}}" if rest else ""))
    return "^0*(" + "|".join(alternatives) + ")$"
