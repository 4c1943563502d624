"""Script of a sentence (zh, zh-Hant, en) and a simplified view of traditional text for matching."""

from __future__ import annotations

from functools import cache

from litmine.layout import IDEOGRAPH, is_cjk, script_of


@cache
def _converters() -> tuple[object, object]:
    """OpenCC converters, traditional->simplified and back (loaded once)."""
    from opencc import OpenCC

    return OpenCC("t2s"), OpenCC("s2t")


@cache
def to_simplified_char(ch: str) -> str:
    """Simplified form of one character (itself when OpenCC gives no one-to-one form)."""
    if not is_cjk(ch):
        return ch
    out = _converters()[0].convert(ch)
    return out if len(out) == 1 else ch


@cache
def _is_simplified_only(ch: str) -> bool:
    """True for a character that traditional script writes differently."""
    out = _converters()[1].convert(ch)
    return len(out) == 1 and out != ch


def simplified_view(text: str) -> str:
    """Same-length text with traditional characters replaced by simplified ones.

    >>> simplified_view("電針")
    '电针'
    """
    return "".join(to_simplified_char(c) for c in text)


def detect_lang(text: str) -> str:
    """'en', 'zh' or 'zh-Hant' for a sentence, by its dominant script and characters."""
    if script_of(text) == "en":
        return "en"
    ideographs = IDEOGRAPH.findall(text)
    traditional = sum(1 for c in ideographs if to_simplified_char(c) != c)
    simplified = sum(1 for c in ideographs if _is_simplified_only(c))
    return "zh-Hant" if traditional > simplified else "zh"
