"""Build the relation classifier from the gold annotations and the direction-en pairs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from litmine import resources
from litmine.errors import LitmineError
from litmine.features import features_of
from litmine.lexicon import Lexicon
from litmine.pairs import given_pair, make_pairs
from litmine.pipeline import Processed, Settings, lexicon_for, process
from litmine.readers import read
from litmine.records import Mention, Pair, Sentence
from litmine.relations import Classifier, save, threshold_f1

THRESHOLD_FOLDS = 3



@dataclass(frozen=True, slots=True)
class Example:
    """A labelled pair and the group it belongs to (article or PubMed id)."""

    pair: Pair
    label: str
    group: str


def corpora() -> Path:
    """The checkout's corpora folder; training needs a source checkout."""
    root = resources.corpora_dir()
    if root is None or not root.is_dir():
        raise LitmineError("corpora", "training data not found; run from a source checkout of litmine")
    return root


def direction_en(lex: Lexicon, path: Path | None = None) -> list[Example]:
    """The expert-annotated English chemical-protein pairs, grouped by PubMed id."""
    path = path or corpora() / "direction-en" / "train.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append(Example(given_pair(rec, lex), rec["label"], "pmid:" + str(rec["pmid"])))
    return out


def _overlaps(m: Mention, span: dict | None) -> bool:
    return bool(span) and m.start < span["end"] and span["start"] < m.end


def gold_records(article: str) -> list[dict]:
    """Gold sentence records of one article."""
    path = corpora() / "annotations" / f"{article}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def articles() -> list[str]:
    """Names of the annotated articles."""
    folder = corpora() / "annotations"
    return sorted(p.stem for p in folder.glob("*.jsonl") if not p.stem.endswith(".sentences"))


def align(p: Processed, records: list[dict]) -> dict[int, dict]:
    """Gold records keyed by the processed sentence they belong to (matched by text)."""
    by_text: dict[str, list[Sentence]] = {}
    for s in p.sentences:
        by_text.setdefault(s.text, []).append(s)
    out = {}
    for rec in records:
        candidates = by_text.get(rec["sentence"], [])
        if candidates:
            best = min(candidates, key=lambda s: abs(s.index - rec.get("sentence_id", s.index)))
            out[best.index] = rec
    return out


def _names(m: Mention, span: dict, mentions: list[Mention]) -> bool:
    """The mention is the gold span, or another mention of the concept the gold span names."""
    return _overlaps(m, span) or any(x.entity_id == m.entity_id and _overlaps(x, span) for x in mentions)


def matches(pair: Pair, rel: dict, mentions: list[Mention]) -> bool:
    """A candidate pair stands for a gold relation (same concepts, whichever occurrence)."""
    return _names(pair.subj, rel["subject"], mentions) and _names(pair.obj, rel["object"], mentions)


def label_of(pair: Pair, rec: dict | None, mentions: list[Mention] = ()) -> str:  # type: ignore[assignment]
    """Gold direction of a candidate pair, or none."""
    for rel in (rec or {}).get("relations", []):
        if matches(pair, rel, list(mentions)):
            return rel["direction"]
    return "none"


def processed_article(article: str, lex: Lexicon) -> Processed:
    """An annotated article read and processed like any input."""
    return process(read(corpora() / "seeds" / f"{article}.txt"), lex)


def gold_examples(lex: Lexicon, names: list[str] | None = None) -> list[Example]:
    """Candidate pairs of the annotated articles, labelled from the gold relations."""
    out = []
    for article in names if names is not None else articles():
        p = processed_article(article, lex)
        gold = align(p, gold_records(article))
        for s in p.sentences:
            for pair in make_pairs(s, p.mentions.get(s.index, [])):
                out.append(Example(pair, label_of(pair, gold.get(s.index), p.mentions.get(s.index, [])),
                                   article))
    return out


def fit(examples: list[Example], lex: Lexicon, seed: int = 0) -> Classifier:
    """A classifier fitted on labelled examples, its relation threshold set by grouped CV."""
    from sklearn.model_selection import GroupKFold

    feats = features_of([e.pair for e in examples], lex)
    labels = [e.label for e in examples]
    groups = [e.group for e in examples]
    oof: list[dict[str, float]] = [{} for _ in examples]
    for train_idx, test_idx in GroupKFold(n_splits=THRESHOLD_FOLDS).split(feats, labels, groups):
        inner = Classifier.new(seed).fit([feats[i] for i in train_idx], [labels[i] for i in train_idx])
        for i, p in zip(test_idx, inner.predict([feats[i] for i in test_idx])):
            oof[i] = p
    clf = Classifier.new(seed).fit(feats, labels)
    gold = [i for i, e in enumerate(examples) if not e.group.startswith("pmid:")] or list(range(len(examples)))
    cut, f1 = threshold_f1([labels[i] for i in gold], [oof[i] for i in gold])
    clf.parts["threshold"] = cut
    clf.parts["cv_f1"] = f1
    return clf


def data_hash() -> str:
    """Hash of the training files, recorded with the model."""
    h = hashlib.sha256()
    root = corpora()
    for path in sorted([*(root / "annotations").glob("*.jsonl"), root / "direction-en" / "train.jsonl"]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def train(out_dir: Path | None = None, settings: Settings = Settings(),
          feedback: list[Example] | None = None) -> dict:
    """Fit on all gold articles and direction-en, save the model, return its metadata."""
    lex = lexicon_for(settings)
    gold = gold_examples(lex)
    en = direction_en(lex)
    examples = gold + en + list(feedback or [])
    clf = fit(examples, lex)
    meta = {"data_hash": data_hash(), "examples": len(examples), "gold_pairs": len(gold),
            "gold_relations": sum(e.label != "none" for e in gold), "direction_en_pairs": len(en),
            "articles": articles(), "threshold": clf.threshold,
            "cv_pair_f1": clf.parts["cv_f1"],
            "cv_note": "F1 of directed relations over candidate pairs of the gold articles, out of fold "
                       "(grouped by article and PubMed id); the threshold is chosen there"}
    save(clf, out_dir or resources.model_dir(), meta)
    return meta
