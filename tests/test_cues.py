"""Rules: direction composition, double negatives, passives, negation and hedging."""

from __future__ import annotations

import pytest

from litmine.cues import is_hedged, is_negated, is_passive, patient_finding, rule_direction
from litmine.match import find_mentions


def reading(text, lex, subj, obj):
    ms = find_mentions(text, lex)
    s = next(m for m in ms if m.text == subj)
    o = next(m for m in ms if m.text == obj)
    cues = [m for m in ms if m.type == "direction"]
    return s, o, cues, ms


@pytest.mark.parametrize("text,subj,obj,direction", [
    ("二甲双胍可激活 AMPK", "二甲双胍", "AMPK", "up"),
    ("AMPK 可抑制 NF-κB 活化", "AMPK", "NF-κB", "down"),
    ("电针逆转了 TNF-α 的升高", "电针", "TNF-α", "down"),
    ("运动减轻了 BDNF 的降低", "运动", "BDNF", "up"),
    ("Metformin activates AMPK.", "Metformin", "AMPK", "up"),
    ("AMPK inhibits NF-κB.", "AMPK", "NF-κB", "down"),
    ("运动后 IL-6 水平降低", "运动", "IL-6", "down"),
    # 减少 after 从而 is the next link's change, not NF-κB's (corpus article 000)
    ("通过激活 AMPK 来抑制 NF-κB 从而减少炎症因子的表达", "AMPK", "NF-κB", "down"),
    # 改善 raises a phenotype but lowers an adverse one (corpus article 000)
    ("AMPK 激活后能通过改善线粒体功能", "AMPK", "线粒体功能", "up"),
    ("二甲双胍可显著改善大鼠的痛行为", "二甲双胍", "痛行为", "down"),
    ("草莓提取物显著减轻氧化应激，改善炎症", "草莓提取物", "炎症", "down"),
])
def test_cues_rule_direction(lex, text, subj, obj, direction):
    s, o, cues, _ = reading(text, lex, subj, obj)
    assert rule_direction(text, s, o, cues) == direction


def test_cues_passive(lex):
    text = "NF-κB 被 AMPK 抑制"
    s, o, cues, _ = reading(text, lex, "AMPK", "NF-κB")
    assert is_passive(text, s, o)


def test_cues_negation_and_hedging(lex):
    for text, neg, hedge in [("电针未见明显降低 TNF-α", True, False),
                             ("AMPK 可能抑制 NF-κB", False, True),
                             ("Metformin did not activate AMPK.", True, False),
                             ("AMPK 抑制 NF-κB", False, False)]:
        ms = find_mentions(text, lex)
        cues = [m for m in ms if m.type == "direction"]
        assert is_negated(text, (0, len(text)), cues, lex) is neg, text
        assert is_hedged(text, (0, len(text)), lex) is hedge, text


def _sentence_pairs(processed, article, start):
    """Candidate pairs of the corpus sentence beginning with ``start``, keyed by (subject, object) text."""
    from litmine.pairs import make_pairs

    p = processed[article]
    s = next(x for x in p.sentences if x.text.startswith(start))
    return {(q.subj.text, q.obj.text): q for q in make_pairs(s, p.mentions[s.index])}


def _finding(q):
    return patient_finding(q.sentence.text, q.subj, q.obj, q.entities, q.cues)


def test_cues_patient_finding_reads_conditions_as_subjects(processed):
    # 慢性腰痛以及三叉神经痛、糖尿病神经痛等慢性疼痛患者ACC的Glu/tCr和Glx/tCr水平明显增高，而NAA/tCr降低
    pairs = _sentence_pairs(processed, "004_731658e62f6b5a86", "研究发现，慢性腰痛患者以及三叉神经痛")
    readings = {k: _finding(q) for k, q in pairs.items()}
    assert readings[("慢性腰痛", "Glu/tCr")] == "up"
    assert readings[("三叉神经痛", "Glx/tCr")] == "up"
    assert readings[("糖尿病神经痛", "NAA/tCr")] == "down"      # the contrasting clause after 而
    assert readings[("慢性疼痛", "Glu/tCr")] is None             # 等慢性疼痛患者 names the list's category


def test_cues_patient_finding_leaves_treatments_to_the_model(processed):
    # 腰痛患者脊柱手法治疗后 … NAA … 显著增加: the treatment, not the condition, changes NAA.
    pairs = _sentence_pairs(processed, "004_731658e62f6b5a86", "Didehdar研究发现腰痛患者脊柱手法治疗后")
    assert pairs and all(_finding(q) is None for q in pairs.values())


def _lists(processed, article, start):
    from litmine.cues import coordinated

    p = processed[article]
    s = next(x for x in p.sentences if x.text.startswith(start))
    entities = tuple(m for m in p.mentions[s.index] if m.type != "direction")
    return {m.text: tuple(x.text for x in g) for m, g in coordinated(s.text, s.lang, entities).items()}


def test_cues_coordinated_lists(processed):
    # 葡萄糖、氨基酸、生长因子、胰岛素等均可激活 mTORC1,进而引起其下游主要作用因子 S6K及 4E-BP的激活
    lists = _lists(processed, "002_18e382974de4e15f", "mTORC1作为细胞状态的感受器")
    assert lists["氨基酸"] == ("葡萄糖", "氨基酸", "生长因子", "胰岛素")
    assert lists["S6K"] == ("S6K", "4E-BP")
    assert "mTORC1" not in lists                     # joined to the list by a verb, not by list glue
    # 释放TNF-α和 IL-1β等促炎细胞因子: the category after 等 is not a member
    lists = _lists(processed, "001_e4f3cd9c43015cd5", "小胶质细胞在神经损伤或炎症时被激活")
    assert lists["TNF-α"] == ("TNF-α", "IL-1β")
    assert "促炎细胞因子" not in lists


def test_cues_model_inducers_are_not_subjects(processed, lex):
    # 在 LPS 刺激的巨噬细胞中，麦卢卡蜂蜜 (Manuka honey) 通过激活 AMPK…: LPS sets up the experiment.
    pairs = _sentence_pairs(processed, "000_d005d3bca0b121f2", "在 LPS 刺激的巨噬细胞中")
    assert pairs and not any(s == "LPS" for s, _ in pairs)
    assert any(o == "AMPK" for _, o in pairs)
    # …but an inducer whose effect is the finding stays a subject: 阻断 X 诱导的 Y 增加 gives X ↑ Y.
    from litmine.cues import induces_model
    from litmine.match import find_mentions

    for text, inducer in [("在眼眶下神经慢性压迫损伤诱导的三叉神经痛模型中", True),
                          ("LPS-induced BV2 microglial cells", True),
                          ("阻断 LPS 诱导的 IL-1β 增加", False),
                          ("exercise-induced inflammatory factors", False)]:
        first = min((m for m in find_mentions(text, lex) if m.type != "direction"), key=lambda m: m.start)
        assert induces_model(text, first) is inducer, text


def test_cues_parallel_effects_are_not_chained(processed):
    from litmine.cues import parallel_effect

    def reads(article, start):
        return {k: parallel_effect(q.sentence.text, q.subj, q.obj, q.cues)
                for k, q in _sentence_pairs(processed, article, start).items()}

    # 褪黑素可激活 AMPK，抑制磷酸环磷腺苷反应元件结合蛋白 … 信号通路: two effects of melatonin
    series = reads("000_d005d3bca0b121f2", "小鼠创伤性脑损伤模型中，褪黑素可激活 AMPK")
    assert series[("AMPK", "环磷腺苷反应元件结合蛋白")] is True
    assert series[("褪黑素", "环磷腺苷反应元件结合蛋白")] is False      # the grammatical subject's own effect
    # 激活 AMPK 来抑制 NF-κB … 从而减少炎症因子: a chain, not a series
    chain = reads("000_d005d3bca0b121f2", "同时，LPS 诱导的促炎型巨噬细胞中，草莓提取物")
    assert chain[("AMPK", "NF-κB")] is False
    # 抑制 TSC1/2，激活小 GTP酶 Rheb，进而激活 mTORC1: 进而 makes the last step a chain link
    cascade = reads("002_18e382974de4e15f", "如胰岛素通过激活 IRS1/PI3K/AKT信号通路")
    assert cascade[("TSC1/2", "小 GTP酶 Rheb")] is True
    assert cascade[("小 GTP酶 Rheb", "mTORC1")] is False


def test_cues_conclusions_and_topics_are_not_agents(processed):
    from litmine.cues import across_conclusion, mechanism_topic

    # 有氧运动…还降低了机械敏感性，表明运动可能通过增加神经营养因子来减轻疼痛: the finding's actor is
    # not linked to the conclusion's object; the conclusion's own subject is.
    pairs = _sentence_pairs(processed, "001_e4f3cd9c43015cd5", "在NP小鼠模型中 , 5周的有氧运动不仅提高了")
    reads = {k: across_conclusion(q.sentence.text, q.subj, q.obj) for k, q in pairs.items()}
    assert reads[("有氧运动", "疼痛")] is True
    assert reads[("有氧运动", "BDNF")] is False
    assert reads[("运动", "疼痛")] is False
    # 表明 AMPK 可通过抑制STAT1 …: an object before the conclusion may be its subject's
    pairs = _sentence_pairs(processed, "000_d005d3bca0b121f2", "AMPK 激活可抑制 STAT1 的表达")
    q = next(q for (s, o), q in pairs.items() if o == "TNF-α" and s == "AMPK" and q.subj.start > q.obj.start)
    assert across_conclusion(q.sentence.text, q.subj, q.obj) is False
    # 针刺镇痛的外周机制主要与穴位有关: a topic; 细针插入 … 诱导穴位释放 ATP is the statement
    pairs = _sentence_pairs(processed, "003_e574f4d6fa8d166e", "针刺镇痛的外周机制主要与穴位有关")
    topics = {s for (s, _), q in pairs.items() if mechanism_topic(q.sentence.text, q.subj)}
    assert topics == {"针刺镇痛"}


def test_cues_mediator_links_follow_the_sign_rule(processed):
    from litmine.cues import mediator_direction, rule_direction

    def reads(start):
        return {k: mediator_direction(q.sentence.text, q.subj, q.obj, q.cues)
                for k, q in _sentence_pairs(processed, "000_d005d3bca0b121f2", start).items()}, \
            {k: rule_direction(q.sentence.text, q.subj, q.obj, list(q.cues))
             for k, q in _sentence_pairs(processed, "000_d005d3bca0b121f2", start).items()}

    # 抑制 NF-κB 信号转导从而减轻炎症反应: NF-κB and inflammation both fall, so NF-κB ↑ inflammation
    # (gold), though 减轻 alone reads ↓.
    chain, plain = reads("AMPK/p53/NF-κB 和 AMPK/FOXO/NF-κB 信号通路都参与抗炎作用")
    assert chain[("NF-κB", "炎症反应")] == "up" and plain[("NF-κB", "炎症反应")] == "down"
    # 通过激活 AMPK 来抑制 NF-κB 从而减少炎症因子: AMPK rises while NF-κB falls (↓); 减少 belongs to the
    # next link, not to NF-κB's own change.
    chain, _ = reads("同时，LPS 诱导的促炎型巨噬细胞中，草莓提取物")
    assert chain[("AMPK", "NF-κB")] == "down"
    assert chain[("NF-κB", "炎症因子")] == "up"
    # the chain's head is no mediator: no verb cue changes 草莓提取物
    assert ("strawberry extract", "NF-κB") in chain and chain[("strawberry extract", "NF-κB")] is None


def test_cues_causatives_state_the_change(processed):
    from litmine.cues import stated_change

    # 由于慢性炎症、脂肪因子…等多种因素导致胰岛素信号通路抑制: the pathway's change is written after it
    pairs = _sentence_pairs(processed, "002_18e382974de4e15f", "对于 CKD患者，由于慢性炎症")
    reads = {k: stated_change(q.sentence.text, q.subj, q.obj, q.cues) for k, q in pairs.items()}
    assert reads[("慢性炎症", "胰岛素信号通路")] == "down"
    assert reads[("尿毒症毒素", "胰岛素信号通路")] == "down"
    # 激活 AMPK: no causative, nothing stated after the object
    pairs = _sentence_pairs(processed, "000_d005d3bca0b121f2", "同时，LPS 诱导的促炎型巨噬细胞中，草莓提取物")
    assert stated_change(pairs[("AMPK", "NF-κB")].sentence.text, pairs[("AMPK", "NF-κB")].subj,
                         pairs[("AMPK", "NF-κB")].obj, pairs[("AMPK", "NF-κB")].cues) is None


def test_cues_settings_are_not_actors(processed):
    from litmine.cues import in_setting

    # 在NP和炎症状态下 , 运动不仅能急性激活内源性阿片释放: NP and the inflammatory state are the setting
    pairs = _sentence_pairs(processed, "001_e4f3cd9c43015cd5", "在NP和炎症状态下")
    reads = {s: in_setting(q.sentence.text, q.subj) for (s, _), q in pairs.items()}
    assert reads["NP"] is True and reads["炎症状态"] is True
    assert reads["运动"] is False


def test_cues_examples_of_what_a_verb_acts_on_are_not_actors(processed):
    from litmine.cues import governed_example

    # …并通过上调肌肉中的抗氧化剂 (如PGC-1a、SOD、CAT、GPx和GSH), 减少ROS生成: SOD is raised, not an actor;
    # 代谢紊乱 (如糖尿病和化疗 )…均可导致 NP: no verb acts on the category, its examples are subjects.
    pairs = _sentence_pairs(processed, "001_e4f3cd9c43015cd5", "急性运动可能通过增加ROS生成")
    q = pairs[("SOD", "ROS")]
    assert governed_example(q.sentence.text, q.subj, q.cues) is True
    q = pairs[("规律运动", "SOD")]
    assert governed_example(q.sentence.text, q.subj, q.cues) is False
    pairs = _sentence_pairs(processed, "001_e4f3cd9c43015cd5", "外伤性神经损伤、代谢紊乱")
    q = pairs[("糖尿病", "NP")]
    assert governed_example(q.sentence.text, q.subj, q.cues) is False
