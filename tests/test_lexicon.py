"""The shipped lexicon is valid, and validation reports malformed rows and conflicts."""

from __future__ import annotations

import re
from pathlib import Path

from litmine.lexicon import CURIE, ENTITY_COLUMNS, fold, load, stats, validate
from litmine.resources import lexicon_dir


def test_lexicon_shipped_files_validate():
    problems = validate()
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_lexicon_ids_are_curies_and_unique(lex):
    ids = list(lex.concepts)
    assert len(ids) == len(set(ids))
    assert all(CURIE.match(i) for i in ids)
    for cid in ids:
        prefix, local = cid.split(":", 1)
        if prefix == "UBERON":
            assert re.fullmatch(r"\d{7}", local)


def test_lexicon_coverage(lex):
    counts = stats(lex)
    total = sum(n for (kind, what), n in counts.items() if what == "concepts")
    assert total >= 1500
    for etype in ("molecule", "intervention", "brain_region", "condition"):
        assert counts[(etype, "concepts")] >= 100
        assert counts[(etype, "zh names")] >= counts[(etype, "concepts")] * 0.8


def test_lexicon_fold_variants():
    assert fold("TNF-α")[0] == fold("TNF-alpha")[0] == fold("TNFα")[0] == fold("ＴＮＦ－α")[0]
    assert fold("Ca2+")[0] == fold("Ca²⁺")[0]
    assert fold("電針")[0] == fold("电针")[0]


def write(folder: Path, name: str, rows: list[str]) -> None:
    (folder / name).write_text("\n".join(["\t".join(ENTITY_COLUMNS), *rows]) + "\n", encoding="utf-8")


def test_lexicon_validate_reports_file_and_line(tmp_path):
    write(tmp_path, "a.tsv", [
        "litmine:ampk\tmolecule\tkinase\tAMPK\t腺苷酸活化蛋白激酶\tAMP-activated protein kinase\treviewed",
        "HGNC:abc\tmolecule\tkinase\tbad\t\t\treviewed",
        "litmine:x\tmolecule\tkinase\ttoo few",
        "litmine:other\tmolecule\tkinase\tOther\t\tAMPK\treviewed",
        "litmine:y\tgadget\tx\tY\t\t\treviewed",
    ])
    problems = [str(p) for p in validate(tmp_path)]
    assert any(p.startswith(f"{tmp_path / 'a.tsv'}:3:") and "malformed id" in p for p in problems)
    assert any(":4:" in p and "columns" in p for p in problems)
    assert any(":5:" in p and "also names litmine:ampk" in p for p in problems)
    assert any(":6:" in p and "unknown type" in p for p in problems)
    assert len(problems) == 4


def test_lexicon_bad_header(tmp_path):
    (tmp_path / "b.tsv").write_text("id\tname\nx\ty\n", encoding="utf-8")
    problems = validate(tmp_path)
    assert len(problems) == 1 and "header" in problems[0].message


def test_lexicon_cue_files_present(lex):
    assert lexicon_dir().joinpath("direction_cues.tsv").is_file()
    cues = {t.surface: t.entity for ts in lex.terms.values() for t in ts if t.type == "direction"}
    for term, direction in [("升高", "up"), ("增加", "up"), ("上调", "up"), ("激活", "up"), ("促进", "up"),
                            ("增强", "up"), ("降低", "down"), ("减少", "down"), ("下调", "down"),
                            ("抑制", "down"), ("减轻", "down"), ("缓解", "down"), ("阻断", "down"),
                            ("逆转", "down"), ("increase", "up"), ("upregulate", "up"), ("inhibit", "down"),
                            ("attenuate", "down"), ("↑", "up"), ("↓", "down")]:
        assert cues.get(term) == direction, term
    assert load(lexicon_dir()).context["negation"]
