"""The only module that knows the order of the stages: read -> clean -> split -> mentions -> relations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from litmine import abbreviations, patterns as shape_patterns, readers
from litmine.assemble import evidence_rows
from litmine.errors import LitmineError
from litmine.features import features_of
from litmine.lexicon import Lexicon, default_lexicon
from litmine.match import find_mentions
from litmine.normalize import clean
from litmine.pairs import given_pair, make_pairs
from litmine.readers.text import doc_id_of
from litmine.records import CleanText, Document, Mention, Pair, Sentence
from litmine.relations import Classifier, classify, load_model
from litmine.sentences import split_sentences
from litmine.table import evidence_frame, mention_frame

NO_MENTION_KINDS = {"front"}


@dataclass(frozen=True, slots=True)
class Settings:
    """Options shared by the commands; the same names as the CLI options."""

    lexicons: str | None = None
    model: str | None = None


@dataclass(frozen=True, slots=True)
class Processed:
    """A document after cleaning, splitting and mention finding."""

    doc: Document
    clean: CleanText
    sentences: list[Sentence]
    mentions: dict[int, list[Mention]]


@dataclass
class BatchResult:
    """Rows of all good inputs and one error per bad input."""

    frame: pd.DataFrame
    errors: list[LitmineError] = field(default_factory=list)
    documents: int = 0


def lexicon_for(settings: Settings) -> Lexicon:
    """The lexicon named by the settings (cached per process)."""
    return default_lexicon(settings.lexicons)


def process(doc: Document, lex: Lexicon, patterns: bool = True) -> Processed:
    """Clean, split and find mentions in one document (``patterns``: also molecules the lexicon lacks)."""
    text, blocks = clean(doc.raw)
    sentences = split_sentences(text, blocks, doc.page_starts)
    found = {s.index: find_mentions(s.text, lex, s.index) for s in sentences
             if s.kind not in NO_MENTION_KINDS}
    if patterns:
        # Before abbreviation linking, so a symbol the text defines takes the definition's concept.
        found = {i: shape_patterns.add_pattern_mentions(sentences[i].text, ms, i) for i, ms in found.items()}
    found = abbreviations.link([s for s in sentences if s.kind not in NO_MENTION_KINDS], found,
                               lex.concepts)
    return Processed(doc, text, sentences, found)


def process_text(text: str, doc_id: str | None = None, source: str = "<text>",
                 settings: Settings = Settings()) -> Processed:
    """Process a string as one document."""
    doc = Document(doc_id or doc_id_of(text.encode("utf-8")), source, text)
    return process(doc, lexicon_for(settings))


def mention_rows(p: Processed) -> Iterator[dict[str, Any]]:
    """Rows of the mention table for one processed document."""
    for s in p.sentences:
        for m in p.mentions.get(s.index, []):
            yield {"doc_id": p.doc.doc_id, "source": p.doc.source, "page": s.page,
                   "sentence_id": s.index, "lang": s.lang, "type": m.type, "text": m.text,
                   "start": m.start, "end": m.end, "entity": m.entity, "entity_id": m.entity_id,
                   "matched_by": m.matched_by}


def iter_processed(paths: Iterable[str | Path], settings: Settings,
                   errors: list[LitmineError]) -> Iterator[Processed]:
    """Processed documents under ``paths``; a bad input is recorded in ``errors`` and skipped."""
    lex = lexicon_for(settings)
    seen: set[str] = set()
    for path in readers.walk(list(paths)):
        try:
            doc = readers.read(path)
        except LitmineError as exc:
            errors.append(exc)
            continue
        if doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        try:
            done = process(doc, lex)
        except Exception as exc:  # one document's failure must not end a batch
            errors.append(LitmineError(path, f"failed while processing ({type(exc).__name__}: {exc})"))
            continue
        yield done


def mention_files(paths: Iterable[str | Path], settings: Settings = Settings()) -> BatchResult:
    """The mention table of every input under ``paths``."""
    errors: list[LitmineError] = []
    rows: list[dict[str, Any]] = []
    n = 0
    for p in iter_processed(paths, settings, errors):
        rows.extend(mention_rows(p))
        n += 1
    return BatchResult(mention_frame(rows), errors, n)


def clean_sentences(path: str | Path) -> list[Sentence]:
    """The sentences litmine reads from one file, after cleaning."""
    doc = readers.read(path)
    text, blocks = clean(doc.raw)
    return split_sentences(text, blocks, doc.page_starts)


def pairs_of(p: Processed) -> list[Pair]:
    """Candidate pairs of every sentence with mentions."""
    return [pair for s in p.sentences if p.mentions.get(s.index)
            for pair in make_pairs(s, p.mentions[s.index])]


def evidence_of(p: Processed, lex: Lexicon, clf: Classifier | None = None) -> list[dict[str, Any]]:
    """Evidence rows of one processed document."""
    return list(evidence_rows(p.doc, classify(pairs_of(p), lex, clf)))


def extract_text(text: str, *, doc_id: str | None = None, settings: Settings = Settings()) -> pd.DataFrame:
    """The evidence table for one text."""
    p = process_text(text, doc_id=doc_id, settings=settings)
    return evidence_frame(evidence_of(p, lexicon_for(settings), model_for(settings)))


# One Chinese and one English sentence with a candidate pair: enough to load every lazy resource.
WARM_UP_TEXT = "二甲双胍可通过激活 AMPK 来抑制 NF-κB 活化。Metformin activates AMPK and inhibits NF-κB."


def warm_up(settings: Settings = Settings()) -> None:
    """Load the lexicon, the model and both segmenters now (forked workers then inherit them)."""
    extract_text(WARM_UP_TEXT, settings=settings)


def extract_files(paths: Iterable[str | Path], settings: Settings = Settings()) -> BatchResult:
    """The evidence table of every input under ``paths``; bad inputs become errors."""
    errors: list[LitmineError] = []
    lex, clf = lexicon_for(settings), model_for(settings)
    rows: list[dict[str, Any]] = []
    n = 0
    for p in iter_processed(paths, settings, errors):
        rows.extend(evidence_of(p, lex, clf))
        n += 1
    return BatchResult(evidence_frame(rows), errors, n)


def model_for(settings: Settings) -> Classifier:
    """The relation model named by the settings (shipped one by default)."""
    return load_model(settings.model)


def classify_records(records: list[dict[str, Any]], settings: Settings = Settings()) -> list[dict[str, Any]]:
    """classify-pairs: each record plus ``pred`` (up/down/none) and ``score`` (its probability)."""
    lex, clf = lexicon_for(settings), model_for(settings)
    pairs = []
    for rec in records:
        try:
            pairs.append(given_pair(rec, lex))
        except LitmineError as exc:
            raise LitmineError(f"record {rec.get('id', '?')}", exc.problem) from exc
    probs = clf.predict(features_of(pairs, lex))
    out = []
    for rec, pr in zip(records, probs):
        pred = clf.label(pr)
        out.append({**rec, "pred": pred, "score": round(pr[pred], 4)})
    return out


def aggregate_file(path: str) -> pd.DataFrame:
    """Unique triples of an evidence table file (any format litmine writes)."""
    from litmine.aggregate import aggregate
    from litmine.table import read_table

    return aggregate(read_table(path))


DB_BATCH_DOCUMENTS = 50


def document_rows(p: Processed, evidence: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    """The rows one processed document contributes to the normalized database."""
    from litmine.writers.database import DocumentRows

    sentences = [{"doc_id": p.doc.doc_id, "sentence_id": s.index, "text": s.text, "lang": s.lang,
                  "kind": s.kind, "section": s.section, "page": s.page, "citations": s.citations}
                 for s in p.sentences]
    mentions = [{k: v for k, v in row.items() if k != "source"} for row in mention_rows(p)]
    return DocumentRows(p.doc.doc_id, p.doc.source, sentences, mentions, evidence)


def extract_to_database(paths: Iterable[str | Path], target: str, settings: Settings = Settings()) -> BatchResult:
    """Load documents, sentences, mentions, evidence and triples into a SQLite file, atomically."""
    from litmine.writers.atomic import replacing

    with replacing(target, keep_existing=True) as tmp:
        return load_database(paths, f"sqlite:///{tmp}", settings)


def load_database(paths: Iterable[str | Path], url: str, settings: Settings = Settings()) -> BatchResult:
    """Load the inputs into the database at ``url``, one transaction per batch of documents."""
    from sqlalchemy.exc import SQLAlchemyError

    from litmine.writers.database import engine_for, load

    errors: list[LitmineError] = []
    lex, clf = lexicon_for(settings), model_for(settings)
    rows: list[dict[str, Any]] = []
    n = 0
    engine = engine_for(url)
    try:
        batch = []
        for p in iter_processed(paths, settings, errors):
            ev = evidence_of(p, lex, clf)
            rows.extend(ev)
            batch.append(document_rows(p, ev))
            n += 1
            if len(batch) >= DB_BATCH_DOCUMENTS:
                load(engine, batch)
                batch = []
        load(engine, batch)
    except SQLAlchemyError as exc:
        raise LitmineError(engine.url.render_as_string(hide_password=True),
                           f"database error: {type(exc).__name__}: {str(exc).splitlines()[0]}") from exc
    finally:
        engine.dispose()
    return BatchResult(evidence_frame(rows), errors, n)
