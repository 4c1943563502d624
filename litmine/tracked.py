"""Text edits that remember where every character came from.

Every change litmine makes to text goes through :class:`Tracked`, so that each character of the
cleaned text can be traced to a raw offset (the way ftfy explains its fixes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tracked:
    """A string and, per character, the raw offset it stems from."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str, base: int = 0) -> "Tracked":
        """Wrap raw text: character i comes from offset ``base + i``."""
        return cls(text, tuple(range(base, base + len(text))))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, sl: slice) -> "Tracked":
        return Tracked(self.text[sl], self.offsets[sl])

    def __add__(self, other: "Tracked") -> "Tracked":
        return Tracked(self.text + other.text, self.offsets + other.offsets)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> "Tracked":
        """``re.sub`` that keeps offsets: replacement characters point into the replaced span.

        >>> Tracked.of("a  b").sub(re.compile(" +"), " ").offsets
        (0, 1, 3)
        """
        parts: list[str] = []
        offs: list[int] = []
        last = 0
        for m in pattern.finditer(self.text):
            a, b = m.span()
            parts.append(self.text[last:a])
            offs.extend(self.offsets[last:a])
            new = repl if isinstance(repl, str) else repl(m)
            anchor = self.offsets[a] if a < len(self.offsets) else (self.offsets[a - 1] if a else 0)
            for k in range(len(new)):
                offs.append(self.offsets[min(a + k, b - 1)] if b > a else anchor)
            parts.append(new)
            last = b
        if last == 0 and not parts:
            return self
        parts.append(self.text[last:])
        offs.extend(self.offsets[last:])
        return Tracked("".join(parts), tuple(offs))

    def translate(self, table: dict[int, str]) -> "Tracked":
        """``str.translate`` with one-to-one replacements (offsets unchanged)."""
        return Tracked(self.text.translate(table), self.offsets)

    def strip(self) -> "Tracked":
        """Drop leading and trailing whitespace."""
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self[left:right]


def inserted(text: str, anchor: int) -> Tracked:
    """Characters that do not exist in the raw text, pinned to the raw offset ``anchor``."""
    return Tracked(text, (anchor,) * len(text))


def join(pieces: list[Tracked]) -> Tracked:
    """Concatenate tracked pieces."""
    return Tracked("".join(p.text for p in pieces), tuple(o for p in pieces for o in p.offsets))
