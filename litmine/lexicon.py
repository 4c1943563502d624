"""Load, validate and index the reviewed lexicon TSV files.

Terms and text are compared through :func:`fold`, a key that ignores case, hyphens, spaces,
full/half width, super-/subscripts, traditional script and Greek letters spelt as words.
"""

from __future__ import annotations

import platform
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from litmine import layout, resources, script
from litmine.errors import LexiconError
from litmine.layout import is_cjk
from litmine.records import Concept
from litmine.script import to_simplified_char

ENTITY_COLUMNS = ("id", "type", "class", "name", "zh", "synonyms", "review")
CUE_FILES = {"direction_cues.tsv": ("term", "lang", "direction", "kind"),
             "context_cues.tsv": ("term", "lang", "kind")}
ENTITY_TYPES = {"molecule", "intervention", "brain_region", "condition"}
REVIEW_STATES = {"verified", "reviewed"}
CURIE = re.compile(r"^(?:HGNC:\d+|MESH:[CD]\d+|CHEBI:\d+|UBERON:\d{7}|litmine:[a-z0-9_]+)$")
DIRECTIONS = {"up", "down", "none"}
GREEK_WORDS = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ",
               "lambda": "λ", "epsilon": "ε", "theta": "θ", "sigma": "σ", "omega": "ω"}
_GREEK = re.compile("|".join(sorted(GREEK_WORDS, key=len, reverse=True)))
_DROP = set(" \t\n\u00a0-‐‑‒–—―·•_'’")
MAX_CASE_SENSITIVE = 5


@cache
def _fold_char(ch: str) -> str:
    """The key characters of one character (often itself; empty for separators)."""
    if ch in _DROP:
        return ""
    return "".join(c for c in unicodedata.normalize("NFKC", to_simplified_char(ch)).lower() if c not in _DROP)


def fold(text: str) -> tuple[str, list[int]]:
    """Matching key of ``text`` and, per key character, its index in ``text``.

    >>> fold("TNF-alpha")[0] == fold("TNFα")[0] == fold("tnf-α")[0]
    True
    """
    parts = list(map(_fold_char, text))
    key = "".join(parts)
    index = [i for i, part in enumerate(parts) for _ in part]
    if not _GREEK.search(key):
        return key, index
    out_chars: list[str] = []
    out_index: list[int] = []
    last = 0
    for m in _GREEK.finditer(key):
        out_chars.extend(key[last:m.start()])
        out_index.extend(index[last:m.start()])
        out_chars.append(GREEK_WORDS[m.group()])
        out_index.append(index[m.start()])
        last = m.end()
    out_chars.extend(key[last:])
    out_index.extend(index[last:])
    return "".join(out_chars), out_index


def is_case_sensitive(term: str) -> bool:
    """Short Latin abbreviations (``ACC``, ``IR``, ``Cr``) must match in their own case."""
    compact = "".join(c for c in term if c not in _DROP)
    if not compact.isascii() or not any(c.isalpha() for c in compact):
        return False
    return len(compact) <= 3 or (len(compact) <= MAX_CASE_SENSITIVE and compact.upper() == compact)


def compact(text: str) -> str:
    """Text without separators, case kept (for case-sensitive comparison)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c not in _DROP)


@dataclass(frozen=True, slots=True)
class Term:
    """One surface form of a concept or cue, as the automaton stores it."""

    surface: str
    type: str
    entity: str
    entity_id: str
    cls: str
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Problem:
    """A validation finding with its file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Lexicon:
    """Concepts, cue terms and the index that finds them."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    terms: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    context: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def add_term(self, term: Term) -> None:
        """Index one surface form under its folded key."""
        key = fold(term.surface)[0]
        same = [t for t in self.terms[key] if t.entity_id == term.entity_id and t.type == term.type]
        # A concept keeps one entry per key, plus each case-sensitive spelling (Akt and AKT).
        if key and (not same or (term.case_sensitive and all(
                t.case_sensitive and compact(t.surface) != compact(term.surface) for t in same))):
            self.terms[key].append(term)

    @cached_property
    def automaton(self):  # type: ignore[no-untyped-def]
        """Aho-Corasick automaton over folded keys (built on first use)."""
        import ahocorasick

        auto = ahocorasick.Automaton()
        for key, terms in self.terms.items():
            auto.add_word(key, (key, tuple(terms)))
        auto.make_automaton()
        return auto

    @cached_property
    def segmenter_words(self) -> tuple[str, ...]:
        """Every surface form with Chinese characters (for the segmenter's dictionary)."""
        return tuple(sorted({t.surface for ts in self.terms.values() for t in ts
                             if any(is_cjk(c) for c in t.surface)}))


def _split(cell: str) -> tuple[str, ...]:
    """Alternatives of a ``|``-separated cell."""
    return tuple(x.strip() for x in cell.split("|") if x.strip())


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """Numbered, tab-split data rows of a TSV (header and comments excluded)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(path, f"cannot read lexicon: {exc}") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            rows.append((n, line.rstrip("\r").split("\t")))
    return rows


def _check_header(path: Path, rows: list[tuple[int, list[str]]], columns: tuple[str, ...],
                  lex: Lexicon) -> list[tuple[int, list[str]]]:
    """Data rows after a header that must name ``columns``; malformed rows become problems."""
    if not rows or tuple(rows[0][1]) != columns:
        lex.problems.append(Problem(str(path), rows[0][0] if rows else 1,
                                    f"header must be {' '.join(columns)}"))
        return []
    good = []
    for n, cells in rows[1:]:
        if len(cells) != len(columns):
            lex.problems.append(Problem(str(path), n, f"expected {len(columns)} columns, found {len(cells)}"))
        else:
            good.append((n, cells))
    return good


def _entity_row(path: Path, n: int, cells: list[str], lex: Lexicon, owners: dict) -> None:
    """Validate and index one concept row."""
    cid, etype, cls, name, zh, syn, review = (c.strip() for c in cells)
    where = str(path)
    for bad, msg in ((not CURIE.match(cid), f"malformed id {cid!r}"),
                     (etype not in ENTITY_TYPES, f"unknown type {etype!r}"),
                     (not name, "empty name"),
                     (review not in REVIEW_STATES, f"review must be verified or reviewed, not {review!r}"),
                     (cid in lex.concepts, f"duplicate id {cid} (first in {lex.sources.get(cid)})")):
        if bad:
            lex.problems.append(Problem(where, n, msg))
            return
    concept = Concept(cid, etype, cls, name, _split(zh), _split(syn))
    lex.concepts[cid] = concept
    lex.sources[cid] = f"{where}:{n}"
    for surface in (name, *concept.zh, *concept.synonyms):
        key = fold(surface)[0]
        if len(key) < 2 and key and is_cjk(key[0]):
            lex.problems.append(Problem(where, n, f"single-character term {surface!r} is too ambiguous"))
            continue
        other = owners.get((key, is_case_sensitive(surface) and compact(surface)))
        if other and other[0] != cid:
            lex.problems.append(Problem(where, n, f"term {surface!r} of {cid} also names {other[0]} ({other[1]})"))
            continue
        owners[(key, is_case_sensitive(surface) and compact(surface))] = (cid, f"{where}:{n}")
        lex.add_term(Term(surface, etype, name, cid, cls, is_case_sensitive(surface)))


def _cue_rows(path: Path, lex: Lexicon) -> None:
    """Load direction or context cues."""
    columns = CUE_FILES[path.name]
    for n, cells in _check_header(path, _rows(path), columns, lex):
        if path.name == "direction_cues.tsv":
            term, lang, direction, kind = (c.strip() for c in cells)
            if direction not in DIRECTIONS:
                lex.problems.append(Problem(str(path), n, f"direction must be up, down or none, not {direction!r}"))
                continue
            lex.add_term(Term(term, "direction", direction, f"litmine:cue_{direction}", kind,
                              is_case_sensitive(term) and term.isupper()))
        else:
            term, lang, kind = (c.strip() for c in cells)
            lex.context[kind].append((term, lang))


def load(directory: Path) -> Lexicon:
    """Read every lexicon file in ``directory``; problems are collected, not raised."""
    if not directory.is_dir():
        raise LexiconError(directory, "lexicon folder not found")
    lex = Lexicon()
    owners: dict = {}
    for path in sorted(directory.glob("*.tsv")):
        if path.name in CUE_FILES:
            _cue_rows(path, lex)
            continue
        for n, cells in _check_header(path, _rows(path), ENTITY_COLUMNS, lex):
            _entity_row(path, n, cells, lex, owners)
    return lex


@cache
def default_lexicon(directory: str | None = None) -> Lexicon:
    """The lexicon in use (shipped or overridden), loaded once per process.

    The loaded lexicon with its automaton is kept in the user cache, keyed by the TSV files and the
    code that reads them, so a later run skips parsing, folding and building (a few tenths of a second).
    """
    folder = resources.lexicon_dir(directory)
    if not folder.is_dir():
        return load(folder)
    code = [Path(__file__), Path(layout.__file__), Path(script.__file__)]   # fold() and is_cjk() shape the keys
    key = resources.cache_key(sorted(folder.glob("*.tsv")) + code, platform.python_version(),
                              str(folder.resolve()))
    lex = resources.read_cache("lexicon", key)
    if not isinstance(lex, Lexicon):
        lex = load(folder)
        _ = lex.automaton, lex.segmenter_words   # built now so the cache holds them
        resources.write_cache("lexicon", key, lex)
    return lex


def validate(directory: Path | None = None) -> list[Problem]:
    """Problems found in the lexicon files: malformed rows, bad ids, conflicting synonyms."""
    return load(directory or resources.lexicon_dir()).problems


def stats(lex: Lexicon) -> dict[tuple[str, str], int]:
    """Number of concepts by type, and of their names by type and language."""
    counts: Counter[tuple[str, str]] = Counter()
    for c in lex.concepts.values():
        counts[(c.type, "concepts")] += 1
        counts[(c.type, "zh names")] += len(c.zh)
        counts[(c.type, "en names")] += 1 + sum(1 for s in c.synonyms if not any(is_cjk(ch) for ch in s))
        counts[(c.type, "CURIE ids")] += not c.id.startswith("litmine:")
    for ts in lex.terms.values():
        for t in ts:
            if t.type == "direction":
                counts[("direction", "cues")] += 1
    for kind, terms in lex.context.items():
        counts[("context", kind)] += len(terms)
    return dict(counts)
