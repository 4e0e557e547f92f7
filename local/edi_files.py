"""`python -m local submit-837 FILE --trading-partner P --out DIR` and `python -m local answers FILE_ID
--out DIR`: a partner's 837 round trip against the running stack, by receipt (file id).

submit-837 uploads the file as the partner's drop would, then follows the receipt the ingest
function keeps (stores/edi_receipts.py) and prints each step on stderr (received, validating,
claims edited n/N, answered). It waits as long as the file keeps moving and gives up only after
--timeout seconds without progress, so a 100k-claim file is waited for while a stuck one is not.
An unknown partner or a refused envelope fails at once with the reason.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from local.answer import progress, show

POLL_SECONDS = 0.3


def add_parsers(commands) -> None:
    submit = commands.add_parser("submit-837", help="upload an 837 to the running stack, follow it, collect answers")
    submit.add_argument("file")
    submit.add_argument("--trading-partner", required=True, help="e.g. DOWNEAST")
    submit.add_argument("--out", required=True, help="folder for the 999, 277CA, TA1 and rejection report")
    submit.add_argument("--timeout", type=float, default=120.0,
                        help="give up after this many seconds without progress (default 120)")
    answers = commands.add_parser("answers", help="fetch the answers of an 837 by its file id")
    answers.add_argument("file_id")
    answers.add_argument("--out", required=True)
    answers.add_argument("--trading-partner", help="default: whichever partner the file id belongs to")


def _progress(receipt) -> str:
    counts = receipt.counts
    if receipt.status == "EDITING":
        return f"claims edited {counts['claims_edited']}/{counts['claims_expected']}"
    if receipt.status == "ANSWERED":
        return (f"answered: {counts['claims_received']} claims, {counts['claims_accepted']} accepted, "
                f"{counts['claims_rejected']} rejected, {counts['claims_pended']} pended")
    if receipt.status == "REFUSED":
        return f"refused ({receipt.refusal['code']}): {receipt.refusal['reason']}"
    return receipt.status.lower()


def _save_answers(receipt, out: Path) -> None:
    from mainecare.stores import outbound

    out.mkdir(parents=True, exist_ok=True)
    for name in receipt.answers:
        target = out / Path(name).name
        target.write_bytes(outbound.read(receipt.answer_key(name)))
        show(target)


def cmd_submit_837(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    from local.stack import attach, running_state
    from mainecare.config import settings
    from mainecare.domain.accounts import ACTIVE
    from mainecare.stores import accounts, edi_receipts, inbound

    attach(running_state())
    partner = accounts.get_trading_partner(args.trading_partner)
    if partner is None or partner.status != ACTIVE:
        print(f"{args.trading_partner} is not an active trading partner of the running stack", file=sys.stderr)
        return 1
    key, version = inbound.upload(args.trading_partner, path.name, path.read_bytes())
    progress(f"uploaded {key}")
    bucket, last, last_change = settings().bucket("InboundEdi"), "", time.monotonic()
    while time.monotonic() - last_change < args.timeout:
        file_id = edi_receipts.file_id_for_object(bucket, key, version)
        receipt = edi_receipts.get_receipt(args.trading_partner, file_id, consistent=True) if file_id else None
        shown = _progress(receipt) if receipt else ""
        if shown and shown != last:
            if not last:
                progress(f"file id {receipt.file_id}")
            progress(shown)
            last, last_change = shown, time.monotonic()
        if receipt and receipt.status in (edi_receipts.ANSWERED, edi_receipts.REFUSED):
            _save_answers(receipt, Path(args.out))
            return 0 if receipt.status == edi_receipts.ANSWERED else 1
        time.sleep(POLL_SECONDS)
    print(f"{key} made no progress for {args.timeout:.0f}s (last: {last or 'not picked up'}); "
          f"`python -m local answers FILE_ID --out DIR` fetches the answers later", file=sys.stderr)
    return 1


def cmd_answers(args) -> int:
    from local.stack import attach, running_state
    from mainecare.stores import edi_receipts, outbound

    attach(running_state())
    partners = [args.trading_partner] if args.trading_partner else outbound.partners_with_answers()
    receipt = next((r for p in partners if (r := edi_receipts.get_receipt(p, args.file_id))), None)
    if receipt is None:
        print(f"no 837 file {args.file_id}", file=sys.stderr)
        return 1
    progress(_progress(receipt))
    _save_answers(receipt, Path(args.out))
    return 0
