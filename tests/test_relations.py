"""The shipped classifier: loads once, says how to rebuild it, matches the training data it records."""

from __future__ import annotations

import json

import pytest

from litmine.errors import ModelError
from litmine.relations import META_FILE, MODEL_FILE, PATTERN_CONFIDENCE, Classifier, load_model, threshold_f1
from litmine.resources import model_dir


def test_relations_shipped_model_matches_the_corpus():
    from litmine.train import data_hash

    meta = json.loads((model_dir() / META_FILE).read_text(encoding="utf-8"))
    assert meta["data_hash"] == data_hash(), "gold changed: run `litmine train`"
    assert (model_dir() / MODEL_FILE).stat().st_size < 5_000_000
    assert 0 < meta["threshold"] < 1


def test_relations_missing_or_foreign_model(tmp_path):
    with pytest.raises(ModelError, match="litmine train"):
        load_model(str(tmp_path))
    (tmp_path / MODEL_FILE).write_bytes(b"junk")
    (tmp_path / META_FILE).write_text(json.dumps({"sklearn": "0.1.0"}), encoding="utf-8")
    with pytest.raises(ModelError, match="built with scikit-learn 0.1.0"):
        load_model(str(tmp_path))


def test_relations_probabilities_and_threshold():
    clf = load_model()
    assert isinstance(clf, Classifier)
    assert clf.label({"up": 0.1, "down": 0.05, "none": 0.85}) == ("none" if clf.threshold > 0.15 else "up")
    assert clf.label({"up": 0.2, "down": 0.7, "none": 0.1}) == "down"


def test_relations_threshold_search():
    labels = ["up", "none", "down", "none"]
    probs = [{"up": 0.9, "down": 0.0}, {"up": 0.2, "down": 0.1}, {"up": 0.1, "down": 0.6}, {"up": 0.0, "down": 0.1}]
    cut, f1 = threshold_f1(labels, probs)
    assert f1 == 1.0 and 0.3 < cut <= 0.7


def test_relations_patient_findings_become_rule_rows(processed, lex):
    # Condition-as-subject findings (慢性腰痛患者 ACC 的 Glu/tCr 升高) are rare in the training text;
    # the patient-finding rule adds them where the model does not, with its measured precision.
    from litmine.features import features_of
    from litmine.pipeline import pairs_of
    from litmine.relations import classify, relations_of, rule_precision
    from litmine.train import gold_examples

    clf = load_model()
    pairs = pairs_of(processed["004_731658e62f6b5a86"])
    feats = features_of(pairs, lex)
    silent = Classifier({**clf.parts, "threshold": 1.01})        # the model links nothing
    rows = relations_of(pairs, feats, clf.predict(feats), silent)
    precision = clf.parts["rule_precision"]
    # Ratios such as Glu/tCr are pattern mentions, whose rows carry PATTERN_CONFIDENCE.
    assert rows and {(r.method, r.confidence) for r in rows} <= {
        ("rule", precision), ("rule", round(precision * PATTERN_CONFIDENCE, 4))}
    found = {(r.pair.subj.text, r.direction, r.pair.obj.text) for r in rows}
    assert {("慢性腰痛", "up", "Glu/tCr"), ("三叉神经痛", "down", "NAA/tCr")} <= found
    assert not any(s == "慢性疼痛" and o == "Glu/tCr" for s, _, o in found)   # the list's category
    shipped = {(r.pair.subj.text, r.direction, r.pair.obj.text) for r in classify(pairs, lex)}
    assert found <= shipped
    meta = json.loads((model_dir() / META_FILE).read_text(encoding="utf-8"))
    examples = gold_examples(lex, ["004_731658e62f6b5a86"])
    assert meta["patient_rule_precision"] == clf.parts["rule_precision"] > 0.5
    assert rule_precision([e.pair for e in examples], [e.label for e in examples]) > 0.9


def test_relations_lists_share_a_link(processed, lex):
    # 葡萄糖、氨基酸、生长因子、胰岛素等均可激活 mTORC1: a link from one member reaches the others,
    # with the linked row's confidence times the measured share; the verb's other side is untouched.
    from litmine.features import features_of
    from litmine.pipeline import pairs_of
    from litmine.relations import coordination_links, coordination_precision, relations_of

    pairs = [q for q in pairs_of(processed["002_18e382974de4e15f"])
             if q.sentence.text.startswith("mTORC1作为细胞状态的感受器")]
    names = [(q.subj.text, q.obj.text) for q in pairs]
    labels = ["up" if n == ("氨基酸", "mTORC1") else "none" for n in names]
    reached = {names[j]: (label, names[src]) for j, (label, src) in coordination_links(pairs, labels).items()}
    assert reached == {(s, "mTORC1"): ("up", ("氨基酸", "mTORC1")) for s in ("葡萄糖", "生长因子", "胰岛素")}

    feats = features_of(pairs, lex)
    probs = [{"up": 0.9, "down": 0.0, "none": 0.1} if n == ("氨基酸", "mTORC1") else {"up": 0.0, "down": 0.0, "none": 1.0}
             for n in names]
    clf = Classifier({"threshold": 0.5, "coordination_precision": 0.5})
    rows = {(r.pair.subj.text, r.pair.obj.text): r for r in relations_of(pairs, feats, probs, clf)}
    assert rows[("氨基酸", "mTORC1")].confidence == 0.9
    assert {(rows[(s, "mTORC1")].method, rows[(s, "mTORC1")].confidence) for s in ("葡萄糖", "生长因子", "胰岛素")} \
        == {("rule", 0.45)}
    assert ("mTORC1", "S6K") not in rows
    # measured on gold links: lists in the annotated articles mostly share them
    meta = json.loads((model_dir() / META_FILE).read_text(encoding="utf-8"))
    assert 0.5 < meta["coordination_precision"] == load_model().parts["coordination_precision"] <= 1.0
    assert coordination_precision(pairs, labels) < 0.5 < coordination_precision(pairs, ["up" if n[1] == "mTORC1" else "none" for n in names])


def test_relations_need_a_governing_cue(processed, lex):
    # 运动对氧化应激的调控 (a heading of article 001): 调控 states an association with no direction, so
    # no row, however sure the model is; a sentence of the same article with a cue gets its rows.
    from litmine.features import features_of
    from litmine.pipeline import pairs_of
    from litmine.relations import relations_of

    pairs = pairs_of(processed["001_e4f3cd9c43015cd5"])
    heading = [q for q in pairs if "运动对氧化应激的调控" in q.sentence.text]
    cued = [q for q in pairs if q.sentence.text.startswith("运动通过增强抗氧化酶活性")]
    eager = Classifier({**load_model().parts, "threshold": 0.0})   # the model links every pair
    feats = features_of(heading + cued, lex)
    rows = relations_of(heading + cued, feats, eager.predict(feats), eager)
    assert heading and all(f["rule"] == "none" for f in feats[:len(heading)])
    assert not any(r.pair in heading for r in rows)
    assert {(r.pair.subj.text, r.direction, r.pair.obj.text) for r in rows} >= {("运动", "down", "氧化应激")}


def test_relations_drop_links_whose_subject_is_no_agent(processed, lex):
    # With a model that links every cue-governed pair: 有氧运动 (the finding's actor) is not linked
    # to 疼痛 across 表明, 针刺镇痛 (whose mechanism is the topic) to nothing; the conclusion's own
    # subject 运动 keeps its rows.
    from litmine.features import features_of
    from litmine.pipeline import pairs_of
    from litmine.relations import relations_of

    chosen = [q for name, start in (("001_e4f3cd9c43015cd5", "在NP小鼠模型中 , 5周的有氧运动不仅提高了"),
                                    ("003_e574f4d6fa8d166e", "针刺镇痛的外周机制主要与穴位有关"))
              for q in pairs_of(processed[name]) if q.sentence.text.startswith(start)]
    eager = Classifier({**load_model().parts, "threshold": 0.0})
    feats = features_of(chosen, lex)
    rows = {(r.pair.subj.text, r.pair.obj.text) for r in relations_of(chosen, feats, eager.predict(feats), eager)}
    assert ("运动", "疼痛") in rows
    assert ("有氧运动", "疼痛") not in rows
    assert not any(s == "针刺镇痛" for s, _ in rows)
    assert any(s == "有氧运动" for s, _ in rows)     # its own finding (提高了 BDNF) stays


def test_relations_mediator_links_take_the_sign_rule(processed, lex):
    # 通过降低ROS水平来显著减轻氧化应激: ROS and oxidative stress both fall, so a linked ROS -> 氧化应激 is
    # ↑ (gold), while the shipped model reads the end's cue 减轻 (↓); the rule gives the direction
    # and the model's probability of a link the confidence.
    from litmine.features import features_of
    from litmine.pipeline import pairs_of
    from litmine.relations import relations_of

    chosen = [q for q in pairs_of(processed["000_d005d3bca0b121f2"])
              if q.sentence.text.startswith("同时，LPS 诱导的促炎型巨噬细胞中，草莓提取物")]
    eager = Classifier({**load_model().parts, "threshold": 0.0})
    feats = features_of(chosen, lex)
    probs = eager.predict(feats)
    i = next(i for i, q in enumerate(chosen) if (q.subj.text, q.obj.text) == ("ROS", "氧化应激"))
    assert probs[i]["down"] > probs[i]["up"]
    row = next(r for r in relations_of(chosen, feats, probs, eager) if r.pair is chosen[i])
    assert (row.direction, row.method) == ("up", "rule")
    assert row.confidence == round(probs[i]["up"] + probs[i]["down"], 4)


def test_relations_list_members_are_not_linked_to_each_other(processed, lex):
    # …使得活化小胶质细胞炎症因子 TNF-α 和 IL-1β 等表达减少: the two cytokines are one list's members,
    # so not each other's cause, however eager the model; the list still takes its links.
    from litmine.features import features_of
    from litmine.pipeline import pairs_of
    from litmine.relations import relations_of

    chosen = [q for q in pairs_of(processed["000_d005d3bca0b121f2"])
              if q.sentence.text.startswith("在小鼠脑出血模型中，RO27-3225")]
    assert any((q.subj.text, q.obj.text) == ("TNF-α", "IL-1β") for q in chosen)
    eager = Classifier({**load_model().parts, "threshold": 0.0})
    feats = features_of(chosen, lex)
    rows = {(r.pair.subj.text, r.pair.obj.text) for r in relations_of(chosen, feats, eager.predict(feats), eager)}
    assert ("TNF-α", "IL-1β") not in rows and ("IL-1β", "TNF-α") not in rows
    assert any(o == "TNF-α" for _, o in rows) and any(o == "IL-1β" for _, o in rows)
