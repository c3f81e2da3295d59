"""Split English and Russian press-release text into sentence spans."""

from __future__ import annotations

import re

# A candidate end: terminal punctuation, then closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)|\n\s*\n")


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of text, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append text[start:end] trimmed of whitespace, when anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
