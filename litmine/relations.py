"""The relation classifier: up / down / none for a pair, with a calibrated probability.

Logistic regression over TF-IDF views of the marked pair (tokens between, left and right of it,
characters around it) and the rules' readings, calibrated with Platt scaling (sigmoid) by
scikit-learn's CalibratedClassifierCV. Saved with skops next to a JSON file of its metadata.
"""

from __future__ import annotations

import json
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from litmine import cues as cue_rules
from litmine import resources
from litmine.errors import ModelError
from litmine.features import features_of
from litmine.lexicon import Lexicon
from litmine.records import Pair, Relation
from litmine.vectors import symbolic_matrix, tfidf

LABELS = ("down", "none", "up")
TEXT_VIEWS = {"between": (1, 3), "left": (1, 2), "right": (1, 2)}
CHAR_NGRAMS = (1, 4)
MAX_VIEW_FEATURES = 15000
MODEL_FILE = "relation.skops"
META_FILE = "relation.json"
C = 4.0
TRUSTED_TYPES = ["sklearn.calibration._CalibratedClassifier", "sklearn.calibration._SigmoidCalibration"]
CALIBRATION_FOLDS = 3
# A relation about a molecule recognised only by its shape is less certain than a lexicon one.
PATTERN_CONFIDENCE = 0.8
# What an unscored pair (no governing cue) reads as: certainly unlinked.
UNSCORED = {"down": 0.0, "none": 1.0, "up": 0.0}


class Classifier:
    """Vectorizers and a calibrated model over pair features."""

    def __init__(self, parts: dict[str, Any]) -> None:
        self.parts = parts

    @classmethod
    def new(cls, seed: int = 0) -> "Classifier":
        """An untrained classifier with fixed hyper-parameters."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        parts: dict[str, Any] = {
            view: TfidfVectorizer(token_pattern=r"\S+", ngram_range=rng, sublinear_tf=True, min_df=2,
                                  lowercase=False, max_features=MAX_VIEW_FEATURES)
            for view, rng in TEXT_VIEWS.items()}
        parts["chars"] = TfidfVectorizer(analyzer="char", ngram_range=CHAR_NGRAMS, sublinear_tf=True,
                                         min_df=2, max_features=30000)
        parts["symbolic"] = DictVectorizer()
        base = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
        parts["model"] = CalibratedClassifierCV(base, method="sigmoid", cv=CALIBRATION_FOLDS, ensemble=False)
        return cls(parts)

    def _matrix(self, feats: list[dict[str, Any]], fit: bool):  # type: ignore[no-untyped-def]
        from scipy.sparse import hstack

        blocks = []
        for view in (*TEXT_VIEWS, "chars", "symbolic"):
            column = [f[view] for f in feats]
            vec = self.parts[view]
            if fit:
                blocks.append(vec.fit_transform(column))
            elif view == "symbolic":
                blocks.append(symbolic_matrix(vec, column))
            else:
                blocks.append(tfidf(vec, column))
        return hstack(blocks).tocsr()

    def fit(self, feats: list[dict[str, Any]], labels: list[str]) -> "Classifier":
        """Fit vectorizers and the calibrated model."""
        self.parts["model"].fit(self._matrix(feats, fit=True), labels)
        for view in (*TEXT_VIEWS, "chars"):
            # Pruned terms are kept only for introspection; they would make the file many MB.
            vec = self.parts[view]
            if hasattr(vec, "stop_words_"):
                del vec.stop_words_
            # Plain ints serialise as JSON; numpy ints would become one file each in the skops zip.
            vec.vocabulary_ = {term: int(i) for term, i in vec.vocabulary_.items()}
        return self

    @property
    def threshold(self) -> float:
        """Probability of up+down above which a pair is taken as related (chosen in training)."""
        return float(self.parts.get("threshold", 0.5))

    def label(self, probs: dict[str, float]) -> str:
        """up, down or none: related when up+down clears the threshold, then the likelier direction."""
        if probs.get("up", 0.0) + probs.get("down", 0.0) < self.threshold:
            return "none"
        return "up" if probs.get("up", 0.0) >= probs.get("down", 0.0) else "down"

    def predict(self, feats: list[dict[str, Any]]) -> list[dict[str, float]]:
        """Probability of each label for each pair."""
        if not feats:
            return []
        model = self.parts["model"]
        probs = model.predict_proba(self._matrix(feats, fit=False))
        labels = model.classes_.tolist()
        return [dict(zip(labels, row)) for row in probs.tolist()]   # tolist: Python floats in one C pass


def save(clf: Classifier, directory: Path, meta: dict[str, Any]) -> Path:
    """Write the model and its metadata; returns the model path."""
    import sklearn
    import skops.io as sio

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    sio.dump(clf.parts, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    meta = {**meta, "sklearn": sklearn.__version__, "labels": list(LABELS)}
    (directory / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@cache
def load_model(directory: str | None = None) -> Classifier:
    """The shipped classifier, loaded once per process (and from the user cache across runs).

    ModelError says how to rebuild it. The cache entry is keyed by the model file's bytes, its
    metadata and the scikit-learn and Python versions, so a retrained model is never served stale.
    """
    import platform

    import numpy
    import sklearn

    folder = Path(directory) if directory else resources.model_dir()
    path, meta_path = folder / MODEL_FILE, folder / META_FILE
    if not path.is_file() or not meta_path.is_file():
        raise ModelError(path, "relation model not found; run `litmine train` to build it")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("sklearn", "").split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(path, f"built with scikit-learn {meta.get('sklearn')}, this is "
                               f"{sklearn.__version__}; run `litmine train` to rebuild it")
    key = resources.cache_key([path, meta_path], sklearn.__version__, numpy.__version__, platform.python_version())
    parts = resources.read_cache("relation-model", key)
    if not isinstance(parts, dict):
        parts = _load_skops(path)
        resources.write_cache("relation-model", key, parts)
    return Classifier(parts)


def _load_skops(path: Path) -> dict[str, Any]:
    """The model's parts from the shipped skops file (about a second; then cached as a pickle)."""
    import skops.io as sio

    try:
        return sio.load(path, trusted=TRUSTED_TYPES)
    except Exception as exc:  # skops raises many types for a damaged file
        raise ModelError(path, f"cannot load relation model ({type(exc).__name__}); run `litmine train`") from exc


def decide(clf: Classifier, probs: dict[str, float], rule: str) -> tuple[str, float, str]:
    """Label, its probability and the method, from the model's probabilities and the rule reading.

    A pair no cue governs (``rule`` is ``none``) stays unlinked: a relation's direction is carried by
    a cue (docs/annotation.md), and without one the sentence states an association (运动对氧化应激的调控).
    """
    label = clf.label(probs)
    if label == "none" or rule == "none":
        return "none", probs.get("none", 0.0), "model"
    method = "rule" if rule == label else "model"
    return label, probs[label], method


def best_threshold(labels: list[str], probs: list[dict[str, float]]) -> float:
    """The up+down probability cut that maximises F1 of directed relations (out-of-fold data)."""
    return threshold_f1(labels, probs)[0]


def threshold_f1(labels: list[str], probs: list[dict[str, float]]) -> tuple[float, float]:
    """Best up+down probability cut and the F1 of directed relations it gives."""
    gold = sum(1 for g in labels if g != "none")
    best, best_f1 = 0.5, -1.0
    for cut in [x / 100 for x in range(5, 96)]:
        tp = pred = 0
        for g, p in zip(labels, probs):
            if p.get("up", 0) + p.get("down", 0) < cut:
                continue
            pred += 1
            tp += g == ("up" if p.get("up", 0) >= p.get("down", 0) else "down")
        f1 = 2 * tp / (pred + gold) if pred + gold else 0.0
        if f1 > best_f1:
            best, best_f1 = cut, f1
    return best, round(best_f1, 4)


def classify(pairs: list[Pair], lex: Lexicon, clf: Classifier | None = None) -> list[Relation]:
    """Relations for the pairs the classifier links (label up or down), in pair order."""
    clf = clf or load_model()
    feats = features_of(pairs, lex, governed_only=True)
    return relations_of(pairs, feats, predict_governed(clf, feats), clf)


def predict_governed(clf: Classifier, feats: list[dict[str, Any]]) -> list[dict[str, float]]:
    """The model's probabilities for the pairs a cue governs; the rest read as unlinked.

    :func:`decide` never links a pair without a governing cue, so scoring it would not change the
    table (a third of the candidates; docs/performance.md).
    """
    scored = [i for i, f in enumerate(feats) if f["rule"] != "none"]
    probs = [dict(UNSCORED) for _ in feats]
    for i, pr in zip(scored, clf.predict([feats[i] for i in scored])):
        probs[i] = pr
    return probs


def patient_rule(pair: Pair) -> str | None:
    """The patient-finding rule's reading of a pair (see :func:`cues.patient_finding`)."""
    return cue_rules.patient_finding(pair.sentence.text, pair.subj, pair.obj, pair.entities, pair.cues)


def rule_precision(pairs: list[Pair], labels: list[str]) -> float:
    """Smoothed precision of the patient-finding rule on labelled pairs: the confidence of its rows."""
    fired = [(patient_rule(p), label) for p, label in zip(pairs, labels)]
    fired = [(r, label) for r, label in fired if r is not None]
    return round((sum(r == label for r, label in fired) + 1) / (len(fired) + 2), 4)


def coordination_links(pairs: list[Pair], labels: list[str], relink: bool = False,
                       lists: dict[int, dict] | None = None) -> dict[int, tuple[str, int]]:
    """Unlinked pairs that a linked pair's list reaches: index -> (label, index of the linked pair).

    ``A、B 等抑制 X`` and ``抑制 X 和 Y``: when the model links A to X, B to X is the same statement
    (the guideline's coordination rule), so it takes A's direction. Subjects' lists are followed
    first, then objects' lists from every pair linked so far. ``relink``: also report pairs that
    are linked already (to measure the rule against gold links). ``lists``: sentences' lists
    already found (:func:`_lists_of`).
    """
    lists = {} if lists is None else lists
    by_sentence: dict[int, list[int]] = {}
    for i, pair in enumerate(pairs):
        by_sentence.setdefault(id(pair.entities), []).append(i)
    found: dict[int, tuple[str, int]] = {}
    for members in by_sentence.values():
        listed = _lists_of(pairs[members[0]], lists)
        if not listed:
            continue
        index = {(pairs[i].subj.entity_id, pairs[i].obj.entity_id): i for i in members}
        linked = {i: (labels[i], i) for i in members if labels[i] != "none"}
        for side in ("subj", "obj"):
            for i, (label, source) in list(linked.items()):
                pair = pairs[i]
                mine, other = (pair.subj, pair.obj) if side == "subj" else (pair.obj, pair.subj)
                for peer in listed.get(mine, ()):
                    if (peer.start < other.start) != (mine.start < other.start):
                        continue
                    key = (peer.entity_id, other.entity_id) if side == "subj" else (other.entity_id, peer.entity_id)
                    j = index.get(key)
                    if j is not None and j not in found and (j not in linked or relink and j != source):
                        found[j] = (label, source)
                        linked.setdefault(j, (label, source))
    return found


def coordination_precision(pairs: list[Pair], labels: list[str]) -> float:
    """Smoothed precision of list propagation from the gold links: the confidence of its rows."""
    reached = coordination_links(pairs, labels, relink=True)
    return round((sum(labels[j] == label for j, (label, _) in reached.items()) + 1) / (len(reached) + 2), 4)


def _not_agent(pair: Pair) -> bool:
    """The subject is not what changes the object, whatever the model reads.

    Two effects of one series (``激活 A，抑制 B``, :func:`cues.parallel_effect`), a finding's actor
    and a conclusion drawn from it (``…，表明 …``, :func:`cues.across_conclusion`), the topic whose
    mechanism is discussed (``针刺镇痛的外周机制…``, :func:`cues.mechanism_topic`), or a disease or
    model named as the setting (``在 NP 和炎症状态下``, :func:`cues.in_setting`; findings in patients
    are the patient rule's), or an example of what a verb acts on (``上调抗氧化剂 (如PGC-1a、SOD…)``,
    :func:`cues.governed_example`).
    """
    text, s, o = pair.sentence.text, pair.subj, pair.obj
    return (cue_rules.parallel_effect(text, s, o, pair.cues) or cue_rules.across_conclusion(text, s, o)
            or cue_rules.mechanism_topic(text, s) or s.type == "condition" and cue_rules.in_setting(text, s)
            or cue_rules.governed_example(text, s, pair.cues))


def _lists_of(pair: Pair, lists: dict[int, dict]) -> dict:
    """The lists of the pair's sentence (:func:`cues.coordinated`), found once per sentence in ``lists``."""
    key = id(pair.entities)   # pairs of one sentence share their entity tuple
    if key not in lists:
        lists[key] = cue_rules.coordinated(pair.sentence.text, pair.sentence.lang, pair.entities)
    return lists[key]


def _listed_together(pair: Pair, lists: dict[int, dict]) -> bool:
    """Subject and object are members of one list (``TNF-α 和 IL-1β 等表达减少``): peers, not cause and effect."""
    return pair.obj in _lists_of(pair, lists).get(pair.subj, ())


def _stated_direction(pair: Pair) -> str | None:
    """A direction the text states outright: a chain's mediator sign, or a causative's stated change."""
    text, s, o = pair.sentence.text, pair.subj, pair.obj
    chained = cue_rules.mediator_direction(text, s, o, pair.cues)
    return chained if chained is not None else cue_rules.stated_change(text, s, o, pair.cues)


def relations_of(pairs: list[Pair], feats: list[dict[str, Any]], probs: list[dict[str, float]],
                 clf: Classifier) -> list[Relation]:
    """The linked pairs as relations, given their features and the model's probabilities.

    The model's link is dropped where the subject is not the object's agent (:func:`_not_agent`)
    or where both are members of one list (:func:`_listed_together`). Where the text states the
    direction outright (a chain's mediator sign, a causative's stated change:
    :func:`_stated_direction`) a linked pair takes it, with the model's probability of a link as
    its ``confidence``.

    A pair the model leaves unlinked still becomes a relation when the patient-finding rule reads
    it (condition-as-subject findings, rare in training text), with the rule's measured precision,
    or when it is listed with a linked pair's subject or object (``coordination_links``).
    """
    decided = []
    lists: dict[int, dict] = {}     # each sentence's lists, found once for all its pairs
    for pair, f, pr in zip(pairs, feats, probs):
        label, score, method = decide(clf, pr, str(f["rule"]))
        if label != "none" and (_not_agent(pair) or _listed_together(pair, lists)):
            label, score, method = "none", pr.get("none", 0.0), "model"
        if label != "none":
            stated = _stated_direction(pair)
            if stated is not None and stated != label:
                # the model says the pair is linked; the text states which way
                label, score, method = stated, pr.get("up", 0.0) + pr.get("down", 0.0), "rule"
        if label == "none" and "rule_precision" in clf.parts:
            reading = patient_rule(pair)
            if reading is not None:
                label, score, method = reading, float(clf.parts["rule_precision"]), "rule"
        decided.append((label, score, method))
    if "coordination_precision" in clf.parts:
        # A listed pair is as sure as the link it copies, times how often lists share links in gold.
        share = float(clf.parts["coordination_precision"])
        for j, (label, source) in coordination_links(pairs, [d[0] for d in decided], lists=lists).items():
            decided[j] = (label, decided[source][1] * share, "rule")
    out = []
    for pair, f, (label, score, method) in zip(pairs, feats, decided):
        if label == "none":
            continue
        flags = f["symbolic"]   # negation and hedging were read for this very span by features_of
        if "pattern" in (pair.subj.matched_by, pair.obj.matched_by):
            score *= PATTERN_CONFIDENCE
        out.append(Relation(pair, label, round(score, 4), method, bool(flags["negated"]), bool(flags["hedged"])))
    return out
