"""validate_structure: what a 999 and a TA1 need to say about an X12 file.

Two ways to the same report. The fast path (clean_scan.py) proves a flawless file flawless in a
few regex calls per claim; at its first doubt the slow path validates segment by segment (the
envelope in envelope_tracker.py, each set in transaction_set.py) and reports every error. Both
stream: memory does not grow with the file. The fast path needs to read the file a second time
when it gives up, so it runs only when the stream can be rewound or `reopen` is given.

Only input that is not X12 at all (no ISA, unusable delimiters) raises X12FormatError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO, TextIO

from x12.clean_scan import scan_clean
from x12.envelope_tracker import ENVELOPE_IDS, EnvelopeTracker
from x12.reader import open_segment_batches
from x12.reports import InterchangeReport

Stream = BinaryIO | TextIO


def validate_structure(stream: Stream, reopen: Callable[[], Stream] | None = None) -> InterchangeReport:
    """`reopen`: a fresh stream of the same file, for when the fast path gives up on a stream
    that cannot seek (an S3 body). Without it such a stream goes the slow path only."""
    if reopen is None and _seekable(stream):
        start = stream.tell()

        def reopen() -> Stream:
            stream.seek(start)
            return stream

    if reopen is not None:
        report = scan_clean(stream)
        if report is not None:
            return report
        stream = reopen()
    return validate_segments(stream)


def validate_segments(stream: Stream) -> InterchangeReport:
    """The slow path alone: every segment placed, every element checked, every error kept."""
    delimiters, batches = open_segment_batches(stream)
    tracker = EnvelopeTracker(delimiters.component, delimiters.element)
    feed = tracker.feed
    envelope_ids = ENVELOPE_IDS
    add = None  # the open set's add(), while there is one: tracker.feed without the dispatch
    for batch in batches:
        for seg_id, elements, text in batch:
            if add is not None and seg_id not in envelope_ids:
                add(seg_id, elements, text)
            else:
                feed(seg_id, elements)
                add = tracker.open_set_add()
    return tracker.finish()


def _seekable(stream: Stream) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError):
        return False
