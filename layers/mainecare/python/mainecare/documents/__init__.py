"""Documents people read: PDFs rendered from plain values (no AWS, no I/O beyond bytes)."""
