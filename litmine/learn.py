"""Learn lexicon entries from the text: definitions the reviews write, and molecules found by shape.

``learn`` proposes candidates (a TSV a curator edits); ``add`` appends the accepted ones to the
lexicon files, with ids in the ``litmine:learned_*`` namespace, after validating the result.
Definitions are found by :mod:`litmine.abbreviations` (Schwartz & Hearst 2003 and the Chinese
``中文全称 (English long form, SF)`` forms); this module only collects and types them.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from litmine.abbreviations import find_definitions, guess_type
from litmine.errors import LitmineError
from litmine.lexicon import ENTITY_TYPES, Lexicon, compact, fold, load
from litmine.patterns import HEADS, name_start, not_molecule, slug, symbol_spans
from litmine.pipeline import Processed, Settings, iter_processed, lexicon_for
from litmine.records import Mention, Sentence
from litmine.script import to_simplified_char

COLUMNS = ("accept", "status", "type", "class", "name", "zh", "abbreviation", "count", "source",
           "known_id", "evidence")
REQUIRED = ("accept", "type", "class", "name", "zh", "abbreviation")
LEARNED_PREFIX = "litmine:learned_"
ACCEPT = {"yes", "y", "1", "true", "x"}
MIN_PATTERN_SENTENCES = 2
MAX_BARE_HEAD = 3
MAX_EVIDENCE_CHARS = 300
HEAD_CLASSES = (("kinase", "kinase"), ("激酶", "kinase"), ("receptor", "receptor"), ("受体", "receptor"),
                ("channel", "ion_channel"), ("通道", "ion_channel"), ("interleukin", "cytokine"),
                ("factor", "factor"), ("因子", "factor"), ("peptide", "peptide"), ("肽", "peptide"),
                ("hormone", "hormone"), ("激素", "hormone"), ("transporter", "transporter"),
                ("转运体", "transporter"), ("ase", "enzyme"), ("酶", "enzyme"), ("protein", "protein"),
                ("蛋白", "protein"))
PATTERN_CLASSES = {"symbol": "protein", "ratio": "mrs_metabolite_ratio"}
TYPE_CLASSES = {"molecule": "molecule", "condition": "disease", "brain_region": "region",
                "intervention": "therapy", "": ""}
# Organisations and affiliations are written with abbreviations too (IASP), but are not entities.
_ORGANISATION = re.compile(r"\b(?:Association|Society|Department|University|Hospital|Institute|College|"
                           r"Organi[sz]ation|Committee|Foundation|Academy|Center|Centre)\b")
# Endings of chemical names: sugars, glycosides, acids, alcohols, esters, amines, peptides, aldehydes.
CHEMICAL_ZH = ("糖", "苷", "酸", "醇", "酯", "胺", "肽", "醛", "酮", "碱", "素")
CHEMICAL_EN = r"(?:ide|ose|ate|ine|ol|one|side|yde|acid)$"
_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$", re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed lexicon entry and the evidence for it."""

    type: str
    cls: str
    name: str
    zh: str
    abbreviation: str
    source: str                 # definition | pattern
    known_id: str = ""
    count: int = 1
    evidence: str = ""
    accept: bool = False

    @property
    def key(self) -> str:
        """What makes two proposals the same entry: the abbreviation, else the folded name."""
        return self.abbreviation or fold(self.name or self.zh)[0]


def chemical_type(name: str, zh: str, short: str) -> str:
    """``molecule`` for chemical names (脂多糖, lipopolysaccharide) and gene-like symbols, else ``""``."""
    if zh.endswith(CHEMICAL_ZH) or re.search(CHEMICAL_EN, name.lower()) or symbol_spans(short) == [(0, len(short))]:
        return "molecule"
    return ""


def class_of(etype: str, *names: str) -> str:
    """Finer class suggested by the head word of a name (kinase, receptor, ...)."""
    if etype != "molecule":
        return TYPE_CLASSES.get(etype, etype)   # disease ends in -ase too
    for name in names:
        tail = name.lower().rstrip()
        for head, cls in HEAD_CLASSES:
            if tail and tail.endswith(head):
                return cls
    return TYPE_CLASSES[etype]


def known_id(lex: Lexicon, *names: str) -> str:
    """Id of the lexicon concept one of ``names`` already names, or ``""``."""
    for name in filter(None, names):
        for term in lex.terms.get(fold(name)[0], ()):
            if term.type != "direction" and (not term.case_sensitive or compact(term.surface) == compact(name)):
                return term.entity_id
    return ""


def _zh_name(s: Sentence, paren: int, mentions: list[Mention]) -> str:
    """The Chinese name just before a definition's parenthesis, if any."""
    end = len(s.text[:paren].rstrip())
    for m in mentions:
        if m.end == end and m.type != "direction" and re.search(r"[\u3400-\u9fff]", m.text):
            return m.text
    taken = [(m.start, m.end) for m in mentions if m.end < end]
    start = name_start(s.text, end, taken)
    # A bare head (损伤 of 坐骨神经损伤) takes in the mention it modifies.
    before = next((m for m in mentions if m.end == start and m.type != "direction"), None)
    if before is not None and end - start <= MAX_BARE_HEAD:
        start = name_start(s.text, end, [t for t in taken if t[1] <= before.start])
    name = s.text[start:end]
    if len(re.findall(r"[\u3400-\u9fff]", name)) < 2 or name in HEADS or name in ("蛋白", "多肽"):
        return ""   # a bare head word (激酶) names nothing
    return "".join(to_simplified_char(c) for c in name)


def _abbreviation_like(short: str) -> bool:
    """Two capitals, or a digit or Greek letter: ``MFF``, ``IL6``, ``PGC1α`` (not ``China``)."""
    return sum(c.isupper() for c in short) >= 2 or any(c.isdigit() or "α" <= c <= "ω" for c in short)


def _evidence(p: Processed, s: Sentence) -> str:
    return f"{p.doc.source}:{s.index}: {s.text[:MAX_EVIDENCE_CHARS]}"


def definition_candidates(p: Processed, lex: Lexicon) -> list[Candidate]:
    """Candidates from the definitions written in one document."""
    out = []
    for s in p.sentences:
        for d in find_definitions(s):
            if _ROMAN.match(d.short) or sum(c.isalpha() for c in d.short) < 2:
                continue
            if not_molecule(d.short):
                continue   # residues, cell lines, scales: defined, but not lexicon entities
            end = min(d.paren_start, d.short_start)   # ``激酶 TAK1 (…)``: the name precedes the symbol
            zh = _zh_name(s, end, p.mentions.get(s.index, [])) if s.lang != "en" else ""
            name = d.long_en or ""
            if (not name and not zh) or _ORGANISATION.search(name):
                continue
            etype = guess_type(name) or guess_type(zh) or chemical_type(name, zh, d.short)
            known = known_id(lex, d.short, name, zh)
            if not etype and not known and not _abbreviation_like(d.short):
                continue   # a plain word in parentheses (a country, a name), not a definition
            cls = class_of(etype, name, zh)
            if known:
                etype, cls = lex.concepts[known].type, lex.concepts[known].cls
            out.append(Candidate(etype, cls, name or d.short, zh, d.short, "definition", known, 1,
                                 _evidence(p, s), bool(etype) and not known))
    return out


def pattern_candidates(p: Processed) -> list[Candidate]:
    """Candidates from molecules recognised by shape (one per concept, counted by sentence)."""
    seen: dict[str, Candidate] = {}
    for s in p.sentences:
        in_sentence: set[str] = set()
        for m in p.mentions.get(s.index, []):
            if m.matched_by != "pattern" or m.entity_id in in_sentence:
                continue
            in_sentence.add(m.entity_id)
            c = seen.get(m.entity_id)
            if c is None:
                cls = PATTERN_CLASSES.get(m.cls) or class_of("molecule", m.text)
                zh = m.text if re.search(r"[\u3400-\u9fff]", m.text) else ""
                seen[m.entity_id] = Candidate("molecule", cls, "" if zh else m.text, zh, "", "pattern",
                                              evidence=_evidence(p, s))
            else:
                seen[m.entity_id] = replace(c, count=c.count + 1)
    return list(seen.values())


def merge(cands: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per entry: counts summed, first evidence kept, empty names filled."""
    merged: dict[str, Candidate] = {}
    for c in cands:
        old = merged.get(c.key)
        if old is None:
            merged[c.key] = c
            continue
        merged[c.key] = replace(old, count=old.count + c.count, zh=old.zh or c.zh,
                                type=old.type or c.type, cls=old.cls or c.cls,
                                name=old.name if old.name != old.abbreviation else c.name or old.name,
                                accept=old.accept or c.accept)
    out = []
    for c in merged.values():
        if c.source == "pattern":
            c = replace(c, accept=c.count >= MIN_PATTERN_SENTENCES)
        out.append(c)
    return sorted(out, key=lambda c: (bool(c.known_id), -c.count, c.key))


def learn(paths: Iterable[str | Path], settings: Settings = Settings()) -> tuple[list[Candidate], list[LitmineError]]:
    """Candidates from every input under ``paths``, and the inputs that could not be read."""
    lex = lexicon_for(settings)
    errors: list[LitmineError] = []
    defs: list[Candidate] = []
    pats: list[Candidate] = []
    for p in iter_processed(paths, settings, errors):
        defs.extend(definition_candidates(p, lex))
        pats.extend(pattern_candidates(p))
    defined = {fold(x)[0] for c in defs for x in (c.abbreviation, c.name, c.zh) if x}
    pats = [c for c in pats if fold(c.name or c.zh)[0] not in defined]
    return merge([*defs, *pats]), errors


def candidate_lines(cands: list[Candidate]) -> list[str]:
    """The candidates as TSV lines, header first."""
    lines = ["\t".join(COLUMNS)]
    for c in cands:
        cells = ("yes" if c.accept else "no", "known" if c.known_id else "new", c.type, c.cls, c.name, c.zh,
                 c.abbreviation, str(c.count), c.source, c.known_id, c.evidence)
        lines.append("\t".join(" ".join(x.split()) for x in cells))
    return lines


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.rstrip("\r").split("\t")]


def read_candidates(path: str | Path) -> list[tuple[int, dict[str, str]]]:
    """Accepted rows of a candidates file, with their line numbers; a malformed file is an error."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LitmineError(path, f"cannot read candidates: {exc}") from exc
    rows = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not rows:
        raise LitmineError(path, "empty candidates file")
    header = _cells(rows[0][1])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise LitmineError(f"{path}:{rows[0][0]}", f"header lacks column(s) {', '.join(missing)}")
    out = []
    for n, line in rows[1:]:
        cells = _cells(line)
        if len(cells) != len(header):
            raise LitmineError(f"{path}:{n}", f"expected {len(header)} columns, found {len(cells)}")
        row = dict(zip(header, cells))
        if row["accept"].lower() in ACCEPT and row.get("status", "new") != "known":
            _check_row(f"{path}:{n}", row)
            out.append((n, row))
    return out


def _check_row(where: str, row: dict[str, str]) -> None:
    """An accepted row must name a type, a class and a name."""
    if row["type"] not in ENTITY_TYPES:
        raise LitmineError(where, f"type must be one of {', '.join(sorted(ENTITY_TYPES))}, not {row['type']!r}")
    if not re.fullmatch(r"[a-z0-9_]+", row["class"]):
        raise LitmineError(where, f"class must be lower_snake_case, not {row['class']!r}")
    if not (row["name"] or row["zh"] or row["abbreviation"]):
        raise LitmineError(where, "accepted row has no name, zh or abbreviation")


def entity_line(row: dict[str, str], cid: str) -> str:
    """A lexicon row (``id type class name zh synonyms review``) for an accepted candidate."""
    name = row["name"] or row["abbreviation"] or row["zh"]
    zh = "".join(to_simplified_char(c) for c in row["zh"]) if row["zh"] != name else ""
    synonyms = [x for x in (row["abbreviation"],) if x and x != name]
    return "\t".join((cid, row["type"], row["class"], name, zh, "|".join(synonyms), "reviewed"))


def target_file(lex: Lexicon, etype: str, cls: str, folder: Path) -> Path:
    """The entity file holding most concepts of this type and class (else of this type)."""
    by_file: dict[tuple[str, bool], int] = {}
    for cid, c in lex.concepts.items():
        if c.type == etype:
            path = lex.sources[cid].rsplit(":", 1)[0]
            key = (Path(path).name, c.cls == cls)
            by_file[key] = by_file.get(key, 0) + 1
    if not by_file:
        raise LitmineError(folder, f"no lexicon file holds {etype} entries to add to")
    best = max(by_file.items(), key=lambda kv: (kv[0][1], kv[1]))
    return folder / best[0][0]


def _new_id(row: dict[str, str], taken: set[str]) -> str:
    base = LEARNED_PREFIX + slug(row["abbreviation"] or row["name"] or row["zh"])
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}_{n}", n + 1
    taken.add(cid)
    return cid


def add_candidates(candidates: str | Path, folder: Path) -> dict[str, int]:
    """Append the accepted candidates to the lexicon in ``folder``; returns entries added per file.

    The extended lexicon is loaded and validated in a scratch copy first: any new problem (a
    name that already names another concept, a bad id) is an error naming the candidates line,
    and nothing is written. Each changed file is then replaced atomically.
    """
    from litmine.writers.atomic import replacing

    rows = read_candidates(candidates)
    lex = load(folder)
    taken = set(lex.concepts)
    appended: dict[Path, list[tuple[int, str]]] = {}
    for n, row in rows:
        path = target_file(lex, row["type"], row["class"], folder)
        appended.setdefault(path, []).append((n, entity_line(row, _new_id(row, taken))))
    _validate(candidates, folder, lex, appended)
    for path, lines in appended.items():
        text = path.read_text(encoding="utf-8")
        text += ("" if text.endswith("\n") or not text else "\n") + "".join(line + "\n" for _, line in lines)
        with replacing(str(path)) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return {p.name: len(v) for p, v in appended.items()}


def _validate(candidates: str | Path, folder: Path, lex: Lexicon, appended: dict[Path, list[tuple[int, str]]]) -> None:
    """Load the extended lexicon in a scratch folder; a new problem names its candidates line."""
    before = {(Path(p.path).name, p.line, p.message) for p in lex.problems}
    with tempfile.TemporaryDirectory(prefix="litmine-add-") as tmp:
        where: dict[tuple[str, int], int] = {}
        for path in folder.glob("*.tsv"):
            shutil.copyfile(path, Path(tmp) / path.name)
        for path, lines in appended.items():
            copy = Path(tmp) / path.name
            text = copy.read_text(encoding="utf-8")
            text += "" if text.endswith("\n") or not text else "\n"
            first = len(text.splitlines()) + 1
            copy.write_text(text + "".join(line + "\n" for _, line in lines), encoding="utf-8")
            for i, (n, _) in enumerate(lines):
                where[(path.name, first + i)] = n
        for p in load(Path(tmp)).problems:
            name, message = Path(p.path).name, p.message.replace(str(tmp), str(folder))
            if (name, p.line, message) not in before:
                n = where.get((name, p.line))
                raise LitmineError(f"{candidates}:{n}" if n else str(candidates), message)
