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
from litmine.pairs import given_pair, judged_pair, make_pairs
from litmine.pipeline import Processed, Settings, lexicon_for, process
from litmine.readers import read
from litmine.records import Mention, Pair, Sentence
from litmine.relations import Classifier, coordination_precision, rule_precision, save, threshold_f1

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


def fit(examples: list[Example], lex: Lexicon, seed: int = 0,
        feats: list[dict] | None = None) -> Classifier:
    """A classifier fitted on labelled examples, its relation threshold set by grouped CV.

    Article pairs that no cue governs are left out of the model's data: extraction never links them
    (``relations.decide``), so the model learns, and its threshold is chosen, on the pairs it will
    decide. The given pairs of direction-en are kept whole (``classify-pairs`` is the model alone).
    ``feats``: the examples' features, when the caller already has them.
    """
    from sklearn.model_selection import GroupKFold

    feats = features_of([e.pair for e in examples], lex) if feats is None else feats
    usable = [i for i, e in enumerate(examples) if e.group.startswith("pmid:") or feats[i]["rule"] != "none"]
    ex, fs = [examples[i] for i in usable], [feats[i] for i in usable]
    labels = [e.label for e in ex]
    groups = [e.group for e in ex]
    oof: list[dict[str, float]] = [{} for _ in ex]
    for train_idx, test_idx in GroupKFold(n_splits=THRESHOLD_FOLDS).split(fs, labels, groups):
        inner = Classifier.new(seed).fit([fs[i] for i in train_idx], [labels[i] for i in train_idx])
        for i, p in zip(test_idx, inner.predict([fs[i] for i in test_idx])):
            oof[i] = p
    clf = Classifier.new(seed).fit(fs, labels)
    # the relation threshold is set on the gold articles only, not on outside data or judgements
    gold = [i for i, e in enumerate(ex) if not _outside(e)] or list(range(len(ex)))
    cut, f1 = threshold_f1([labels[i] for i in gold], [oof[i] for i in gold])
    clf.parts["threshold"] = cut
    clf.parts["cv_f1"] = f1
    clf.parts["fitted_pairs"] = len(ex)
    # the rules read every article pair, governed by a cue or not
    every = [e for e in examples if not _outside(e)] or examples
    clf.parts["rule_precision"] = rule_precision([e.pair for e in every], [e.label for e in every])
    clf.parts["coordination_precision"] = coordination_precision([e.pair for e in every], [e.label for e in every])
    return clf


def _outside(e: Example) -> bool:
    """Outside data or curators' judgements, as opposed to the gold articles."""
    return e.group.startswith(("pmid:", "feedback:"))


def data_hash() -> str:
    """Hash of the training files, recorded with the model."""
    h = hashlib.sha256()
    root = corpora()
    for path in sorted([*(root / "annotations").glob("*.jsonl"), root / "direction-en" / "train.jsonl"]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


FEEDBACK_COLUMNS = ("sentence", "subject_text", "subject_start", "subject_end", "subject_type",
                    "object_text", "object_start", "object_end", "object_type", "direction",
                    "judgement", "corrected_direction")
ARROWS = {"↑": "up", "↓": "down", "up": "up", "down": "down", "none": "none", "": "none"}


def feedback_label(judgement: str, direction: str, corrected: str) -> str:
    """The training label a curator's judgement gives: the row's direction if correct, else the correction.

    >>> feedback_label("correct", "↑", ""), feedback_label("wrong", "↑", "↓"), feedback_label("wrong", "↑", "")
    ('up', 'down', 'none')
    """
    if judgement == "correct":
        return ARROWS[direction]
    if judgement == "wrong":
        return ARROWS[corrected]
    raise KeyError(judgement)


def feedback_examples(path: str | Path, settings: Settings = Settings()) -> list[Example]:
    """Labelled pairs from a judgements CSV exported by the HTML report."""
    import csv

    lex = lexicon_for(settings)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            records = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise LitmineError(str(path), f"cannot read judgements ({type(exc).__name__}: {exc})") from exc
    missing = [c for c in FEEDBACK_COLUMNS if records and c not in records[0]]
    if not records or missing:
        raise LitmineError(str(path), f"not a judgements file (missing columns: {', '.join(missing) or 'all rows'})")
    out = []
    for n, rec in enumerate(records, start=2):
        try:
            label = feedback_label(rec["judgement"].strip(), rec["direction"].strip(),
                                   rec["corrected_direction"].strip())
            pair = judged_pair(rec["sentence"],
                               {"text": rec["subject_text"], "start": rec["subject_start"],
                                "end": rec["subject_end"], "type": rec["subject_type"]},
                               {"text": rec["object_text"], "start": rec["object_start"],
                                "end": rec["object_end"], "type": rec["object_type"]}, lex)
        except KeyError as exc:
            raise LitmineError(f"{path}:{n}", f"unknown judgement or direction {exc}") from exc
        except (LitmineError, ValueError) as exc:
            raise LitmineError(f"{path}:{n}", getattr(exc, "problem", str(exc))) from exc
        out.append(Example(pair, label, f"feedback:{rec.get('doc_id') or Path(path).name}"))
    return out


def _file_hash(path: str | Path) -> str:
    """Short content hash of a file, recorded with a model trained on it."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def train(out_dir: Path | None = None, settings: Settings = Settings(),
          feedback: list[Example] | None = None, feedback_files: list[str] | None = None) -> dict:
    """Fit on all gold articles, direction-en and curators' judgements; save the model, return its metadata."""
    lex = lexicon_for(settings)
    gold = gold_examples(lex)
    en = direction_en(lex)
    examples = gold + en + list(feedback or [])
    clf = fit(examples, lex)
    meta = {"data_hash": data_hash(), "examples": len(examples), "gold_pairs": len(gold),
            "gold_relations": sum(e.label != "none" for e in gold), "direction_en_pairs": len(en),
            "fitted_pairs": clf.parts["fitted_pairs"],
            "articles": articles(), "threshold": clf.threshold,
            "cv_pair_f1": clf.parts["cv_f1"],
            "patient_rule_precision": clf.parts["rule_precision"],
            "coordination_precision": clf.parts["coordination_precision"],
            "feedback_pairs": len(feedback or []),
            "feedback_files": {Path(f).name: _file_hash(f) for f in feedback_files or []},
            "cv_note": "F1 of directed relations over candidate pairs of the gold articles, out of fold "
                       "(grouped by article and PubMed id); the threshold is chosen there"}
    save(clf, out_dir or resources.model_dir(), meta)
    return meta
