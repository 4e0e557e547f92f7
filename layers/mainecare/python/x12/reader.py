"""Streaming X12 reader: delimiters from the ISA, then one segment at a time from fixed-size chunks.

Memory stays bounded by chunk_size plus the longest segment whatever the file size, so a 1 GB
batch costs the same RAM as a 1 KB one. Bytes are decoded as latin-1: every byte maps to one
character, so a chunk boundary can never split a character and the X12 basic and extended
character sets round-trip unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, TextIO

from x12.segments import Delimiters

ISA_LENGTH = 106  # fixed-width ISA: 3 id + 16 elements + 16 separators + terminator
_LINE_ENDS = "\r\n"
_BOM = "\ufeff"
_BOM_AS_LATIN1 = "ï»¿"


class X12FormatError(ValueError):
    """The input is not X12 at all (no ISA, unusable delimiters); nothing to acknowledge."""


def read_delimiters(head: bytes | str) -> Delimiters:
    """Delimiters of the interchange whose ISA starts `head` (at least the whole ISA segment).

    The element separator is the 4th character; ISA11 is the repetition separator, ISA16 the
    component separator and the character right after ISA16 ends segments. We find ISA16 by
    counting separators rather than trusting the fixed column, because some submitters trim
    padded ISA fields and we would rather answer them with a TA1 than fail to read them.
    """
    text = head.decode("latin-1") if isinstance(head, bytes) else head
    text = _strip_preamble(text)
    if not text.startswith("ISA"):
        found = text[:20].encode("unicode_escape").decode("ascii")
        raise X12FormatError(f"not an X12 interchange: expected 'ISA' at the start, found {found!r}")
    if len(text) < 4:
        raise X12FormatError("not an X12 interchange: the ISA segment is truncated")
    element = text[3]
    cut = 3  # the separator after "ISA"; fifteen more lead to ISA16
    for _ in range(15):
        cut = text.find(element, cut + 1)
        if cut < 0:
            raise X12FormatError("not an X12 interchange: the ISA segment has fewer than 16 elements")
    if len(text) < cut + 3:
        raise X12FormatError("not an X12 interchange: the ISA segment is truncated")
    component, segment = text[cut + 1], text[cut + 2]
    isa_elements = text[4:cut].split(element)
    repetition = isa_elements[10][:1] if len(isa_elements) > 10 else ""
    # 4010 habits put "U" in ISA11; a letter or digit cannot be a separator (it would split data).
    if not repetition or repetition.isalnum() or repetition.isspace():
        repetition = ""
    delimiters = (element, component, segment)
    if len(set(delimiters)) != 3 or any(d.isalnum() or d == " " for d in delimiters):
        raise X12FormatError(f"not an X12 interchange: unusable delimiters {delimiters!r}")
    if repetition in delimiters:
        repetition = ""
    return Delimiters(element=element, component=component, repetition=repetition, segment=segment)


def iter_segments(stream: BinaryIO | TextIO, chunk_size: int = 1 << 16) -> Iterator[tuple[str, list[str]]]:
    """Yield (segment id, elements) one segment at a time; elements[0] is element 01."""
    _, segments = open_segments(stream, chunk_size)
    return segments


def open_segments(
    stream: BinaryIO | TextIO, chunk_size: int = 1 << 16
) -> tuple[Delimiters, Iterator[tuple[str, list[str]]]]:
    """Read the ISA eagerly (so a non-X12 input fails here, before any work) and return the
    delimiters with the segment iterator; callers that split composites need both."""
    delimiters, head, exhausted = _open(stream, chunk_size)
    return delimiters, _split(stream, head, delimiters, chunk_size, exhausted)


def open_segment_batches(
    stream: BinaryIO | TextIO, chunk_size: int = 1 << 14
) -> tuple[Delimiters, Iterator[list[tuple[str, list[str], str]]]]:
    """open_segments, but the iterator yields each chunk's segments as one list of (segment id,
    elements, the segment's text without terminator and line breaks): the same segments in the
    same order, without a generator step per segment (the hot loops of
    validate_structure and iter_claims use it). Memory stays bounded by the chunk size; a batch
    holds every segment of its chunk split into elements, hence the smaller default chunk."""
    delimiters, head, exhausted = _open(stream, chunk_size)
    return delimiters, _batches(stream, head, delimiters, chunk_size, exhausted)


def read_head(stream: BinaryIO | TextIO, chunk_size: int) -> tuple[Delimiters, str, bool]:
    """The delimiters, the text read so far (starting at the ISA) and whether that was all of
    it: for readers that split segments themselves."""
    return _open(stream, chunk_size)


def read_text(stream: BinaryIO | TextIO, size: int) -> str:
    """Up to `size` more characters ("" at the end), bytes decoded as latin-1."""
    return _read_text(stream, size)


def _open(stream: BinaryIO | TextIO, chunk_size: int) -> tuple[Delimiters, str, bool]:
    if chunk_size < 1:
        raise ValueError("chunk_size must be positive")
    head = ""
    exhausted = False
    # Enough text for a whole ISA even when it is preceded by blank lines or a BOM.
    while len(_strip_preamble(head)) <= ISA_LENGTH and not exhausted:
        chunk = _read_text(stream, chunk_size)
        exhausted = not chunk
        head += chunk
    head = _strip_preamble(head)
    if not head:
        raise X12FormatError("not an X12 interchange: the input is empty")
    return read_delimiters(head), head, exhausted


def _split(
    stream: BinaryIO | TextIO, buffer: str, delimiters: Delimiters, chunk_size: int, exhausted: bool
) -> Iterator[tuple[str, list[str]]]:
    for batch in _batches(stream, buffer, delimiters, chunk_size, exhausted):
        for seg_id, elements, _ in batch:
            yield seg_id, elements


def read_pieces(
    stream: BinaryIO | TextIO, buffer: str, terminator: str, chunk_size: int, exhausted: bool
) -> Iterator[list[str]]:
    """The text from `buffer` on, cut at each segment terminator, one chunk's worth at a time:
    each list holds the pieces completed so far (line breaks and empty pieces left in), the
    piece a chunk boundary cuts waiting for the next round. For readers that split segments
    themselves, so every reader cuts a file the same way."""
    while True:
        if not exhausted:
            chunk = _read_text(stream, chunk_size)
            exhausted = not chunk
            buffer += chunk
        pieces = buffer.split(terminator)
        buffer = "" if exhausted else pieces.pop()
        yield pieces
        if exhausted:
            return


def _batches(
    stream: BinaryIO | TextIO, buffer: str, delimiters: Delimiters, chunk_size: int, exhausted: bool
) -> Iterator[list[tuple[str, list[str], str]]]:
    separator, line_ends = delimiters.element, _LINE_ENDS
    for pieces in read_pieces(stream, buffer, delimiters.segment, chunk_size, exhausted):
        # Line breaks after a terminator are layout; anything else (even a space) is data the
        # validator must see, as pyx12 does: " OI" is not a segment id.
        batch = [
            (elements[0], elements[1:], piece)
            for raw in pieces
            if (piece := raw.strip(line_ends))
            for elements in (piece.split(separator),)
        ]
        if batch:
            yield batch


def _read_text(stream: BinaryIO | TextIO, size: int) -> str:
    chunk = stream.read(size)
    if isinstance(chunk, bytes):
        return chunk.decode("latin-1")
    return chunk or ""


def _strip_preamble(text: str) -> str:
    # Byte-order marks and blank lines before the ISA are common in files saved by editors.
    text = text.lstrip()
    for bom in (_BOM, _BOM_AS_LATIN1):
        if text.startswith(bom):
            text = text[len(bom) :].lstrip()
    return text
