"""lexicon learn / add: definitions become candidates; accepted ones are validated and appended."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from litmine.cli import app
from litmine.errors import LitmineError
from litmine.learn import add_candidates, candidate_lines, learn, read_candidates
from litmine.lexicon import fold, load
from litmine.match import find_mentions
from litmine.pipeline import Settings
from litmine.resources import lexicon_dir
from tests.conftest import SEEDS

runner = CliRunner()
AMPK_ARTICLE = SEEDS / "000_d005d3bca0b121f2.txt"


def _lexicon_without(lex, folder: Path, surfaces: list[str]) -> Path:
    """A copy of the shipped lexicon without the concepts ``surfaces`` name."""
    ids = {t.entity_id for w in surfaces for t in lex.terms[fold(w)[0]]}
    folder.mkdir()
    for path in lexicon_dir().glob("*.tsv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / path.name).write_text("".join(x for x in lines if x.split("\t")[0] not in ids), encoding="utf-8")
    return folder


@pytest.fixture()
def no_mff(lex, tmp_path):
    return _lexicon_without(lex, tmp_path / "lex", ["MFF"])


def test_learn_known_definitions_are_marked_not_proposed(lex):
    cands, errors = learn([AMPK_ARTICLE])
    assert errors == []
    mff = next(c for c in cands if c.abbreviation == "MFF")
    assert mff.known_id == lex.terms[fold("MFF")[0]][0].entity_id and not mff.accept
    assert len([c for c in cands if c.abbreviation == "AMPK"]) == 1     # defined three times, one row
    assert not [c for c in cands if c.abbreviation in ("i", "ii", "China")]


def test_learn_proposes_a_term_the_lexicon_lacks(no_mff):
    cands, _ = learn([AMPK_ARTICLE], Settings(lexicons=str(no_mff)))
    mff = next(c for c in cands if c.abbreviation == "MFF")
    assert (mff.type, mff.name, mff.zh, mff.known_id, mff.accept) == (
        "molecule", "mitochondrial fission factor", "线粒体裂变因子", "", True)
    assert mff.evidence.split(": ", 1)[1].startswith("线粒体裂变因子 (mitochondrial fission factor, MFF)")


def test_learn_then_add_extends_the_lexicon(no_mff, tmp_path):
    cands, _ = learn([AMPK_ARTICLE], Settings(lexicons=str(no_mff)))
    only_mff = [replace(c, accept=c.abbreviation == "MFF") for c in cands]
    out = tmp_path / "candidates.tsv"
    out.write_text("\n".join(candidate_lines(only_mff)) + "\n", encoding="utf-8")
    assert [row["abbreviation"] for _, row in read_candidates(out)] == ["MFF"]
    before = {p.name: p.read_text(encoding="utf-8") for p in no_mff.glob("*.tsv")}
    added = add_candidates(out, no_mff)
    assert sum(added.values()) == 1
    changed = [p for p in no_mff.glob("*.tsv") if p.read_text(encoding="utf-8") != before[p.name]]
    assert [p.name for p in changed] == list(added)
    assert changed[0].name.startswith("molecules")
    lex = load(no_mff)
    assert lex.problems == []
    concept = lex.concepts["litmine:learned_mff"]
    assert (concept.type, concept.name, concept.zh) == ("molecule", "mitochondrial fission factor", ("线粒体裂变因子",))
    found = find_mentions("线粒体裂变因子 (MFF) 减少", lex)
    assert {m.entity_id for m in found if m.type == "molecule"} == {"litmine:learned_mff"}


def test_add_rejects_a_name_that_names_another_concept(no_mff, tmp_path):
    bad = tmp_path / "c.tsv"
    bad.write_text("accept\ttype\tclass\tname\tzh\tabbreviation\n"
                   "yes\tmolecule\tkinase\tnew kinase\t腺苷酸活化蛋白激酶\tNK9\n", encoding="utf-8")
    before = {p.name: p.read_text(encoding="utf-8") for p in no_mff.glob("*.tsv")}
    with pytest.raises(LitmineError) as err:
        add_candidates(bad, no_mff)
    assert str(err.value).startswith(f"{bad}:2: term '腺苷酸活化蛋白激酶'") and "\n" not in str(err.value)
    assert {p.name: p.read_text(encoding="utf-8") for p in no_mff.glob("*.tsv")} == before


@pytest.mark.parametrize("content,problem", [
    ("accept\tname\n", "header lacks column(s) type, class, zh, abbreviation"),
    ("accept\ttype\tclass\tname\tzh\tabbreviation\nyes\tgene\tkinase\tX\t\tX1\n", ":2: type must be one of"),
    ("accept\ttype\tclass\tname\tzh\tabbreviation\nyes\tmolecule\tkinase\tX\n", ":2: expected 6 columns, found 4"),
    ("accept\ttype\tclass\tname\tzh\tabbreviation\nyes\tmolecule\tKinase Class\tX\t\tX1\n", ":2: class must be lower_snake_case"),
])
def test_cli_lexicon_add_bad_candidates_one_line(no_mff, tmp_path, content, problem):
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "add", str(bad), "--lexicons", str(no_mff)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"litmine: {bad}") and problem in lines[0]


def test_cli_lexicon_learn_and_add(no_mff, tmp_path):
    out = tmp_path / "cands.tsv"
    result = runner.invoke(app, ["lexicon", "learn", str(AMPK_ARTICLE), "-o", str(out), "--lexicons", str(no_mff)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:3] == ["accept", "status", "type"]
    assert any("\tMFF\t" in x and x.startswith("yes\tnew\tmolecule") for x in lines)
    result = runner.invoke(app, ["lexicon", "add", str(out), "--lexicons", str(no_mff)])
    assert result.exit_code == 0, result.output
    assert "added" in result.stderr or "added" in result.stdout
    assert runner.invoke(app, ["lexicon", "validate", "--lexicons", str(no_mff)]).exit_code == 0
    assert "litmine:learned_mff" in load(no_mff).concepts


def test_cli_lexicon_learn_missing_input(tmp_path):
    result = runner.invoke(app, ["lexicon", "learn", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "c.tsv")])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "nope.txt" in result.stderr


def test_learn_copy_of_lexicon_untouched_by_tests():
    assert not [p for p in lexicon_dir().glob("*.tsv") if "litmine:learned_" in p.read_text(encoding="utf-8")]
