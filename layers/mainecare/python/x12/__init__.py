"""Pure-Python X12 5010 for 837P/837I claims: a streaming reader, a structural validator that
fills 999s and TA1s, a claim-by-claim iterator and the acknowledgement writers.

Standard library only, so it runs in any Lambda layer and in tests without AWS. It knows nothing
of MaineCare's stores or services and imports nothing from `mainecare` (tests/unit/test_structure.py
holds it to that): MaineCare's claim mapping, edits, sender checks and 277CA live in
mainecare.domain.claims and import this package. One seam remains: MaineCare's drug-line rules
(LIN02 N4 only, an 11-digit NDC, a positive CTP04) are checked here, in claim_rules.py and as
patterns in clean_grammar.py, because they are reported in the 999 beside the TR3's own rules.

- reader, segments: bytes/text -> delimiters and segments, streamed
- tr3_837p, tr3_837i (+ their *_elements tables), tr3_map, code_tables: the TR3 as data
- structure, envelope_tracker, envelope_checks, transaction_set, loop_walker, element_checks,
  syntax_notes, syntax_patterns, claim_rules: the validator -> reports (InterchangeReport...)
- clean_grammar, clean_scan, pattern_text: the fast path for flawless files
- claims837, claim_routes, claim_segments: one 837 claim at a time (ClaimSegments)
- writer, ack999: the X12 writer and the 999/TA1 acknowledgements

The generated TR3 element tables (tr3_837p_elements.py, tr3_837i_elements.py, transcribed once
from pyx12 4.0.0's maps; no generator script is kept) stay Python source, not JSON data files:
loading them costs the same either way, and the source keeps them plain text that diffs line by line.
Measured on the development machine, both tables, median of 41 fresh processes per figure:
- import of the modules from .pyc: 0.204 ms (0.211 and 0.249 ms in two other runs);
- json.load with each text kept one line per array item (diffable), then joined: 0.206 ms;
- json.load with each text as one JSON string (not diffable): 0.195 and 0.198 ms,
  all with json already imported; `import json` itself costs about 7 ms where it is not.
At most 0.05 ms apart, within run-to-run noise, so the plainest readable form wins.
"""
