"""Claims use cases: one claim path whichever way it comes in.

- ingest_edi: an 837 file in the inbound bucket -> TA1/999/277CA answers and stored claims
- submit_claim: a JSON claim through the API (validate only, or submit)
- context: the EditContext the edits run with (providers, members, crosswalk index), memoised
- records: a decided claim -> its stored record and rebate-extract rows (both ways in)
- edi_acks: the TA1, 999 and 277CA interchanges we send, each with a fresh ISA13
- queries: claim status and history, scoped to who is asking
- reedit_pended: claims pended for want of a crosswalk, re-edited when it is loaded
"""
