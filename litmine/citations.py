"""Reference markers such as ``[45]``, ``[10~13]`` or ``[9-10,12]``."""

from __future__ import annotations

import re

MARKER = re.compile(r"\[\s*(\d{1,4}(?:\s*[-–~～,，、]\s*\d{1,4})*)\s*\]")
_RANGE = re.compile(r"\s*[-–~～]\s*")
_LIST = re.compile(r"\s*[,，、]\s*")


def find_citations(text: str) -> str | None:
    """Reference numbers cited in ``text``, normalised (``10-13,17``), or None.

    >>> find_citations("抑制 TNF-α 和 IL-1β 的过量 [10~13]，以及 [9-10,12]。")
    '10-13,9-10,12'
    """
    found = []
    for m in MARKER.finditer(text):
        parts = [_RANGE.sub("-", p) for p in _LIST.split(m.group(1))]
        found.extend(p for p in parts if p)
    return ",".join(dict.fromkeys(found)) or None
