"""The user cache of compiled artefacts: reused across runs, never required, never trusted blindly."""

from __future__ import annotations

import pytest

from litmine import relations, resources
from litmine.pipeline import pairs_of
from tests.conftest import ARTICLES

load_uncached = relations.load_model.__wrapped__


@pytest.fixture()
def feats(processed, lex):
    from litmine.features import features_of

    return features_of(pairs_of(processed[ARTICLES[0]])[:200], lex)


def test_cache_model_written_then_reused_with_same_predictions(tmp_path, monkeypatch, feats):
    monkeypatch.setenv("LITMINE_CACHE", str(tmp_path))
    first = load_uncached()
    assert len(list(tmp_path.glob("relation-model-*.pickle"))) == 1

    def no_skops(path):  # the second run must not need the skops file's slow loader
        raise AssertionError("skops loaded although the cache holds the model")

    monkeypatch.setattr(relations, "_load_skops", no_skops)
    second = load_uncached()
    assert second.predict(feats) == first.predict(feats) and len(feats) == 200


def test_cache_unwritable_or_off_still_loads(tmp_path, monkeypatch, feats):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    reference = load_uncached().predict(feats)
    for setting in (str(blocker / "cache"), "off"):
        monkeypatch.setenv("LITMINE_CACHE", setting)
        assert resources.read_cache("relation-model", "x") is None
        assert load_uncached().predict(feats) == reference
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_cache_damaged_entry_is_rebuilt(tmp_path, monkeypatch, feats):
    monkeypatch.setenv("LITMINE_CACHE", str(tmp_path))
    reference = load_uncached().predict(feats)
    (entry,) = tmp_path.glob("relation-model-*.pickle")
    entry.write_bytes(entry.read_bytes()[:1000])          # torn write from a killed process
    assert load_uncached().predict(feats) == reference
    assert entry.stat().st_size > 1_000_000                # rewritten whole


def test_cache_lexicon_reused_and_keyed_by_the_files(tmp_path, monkeypatch, seed_text):
    import shutil

    from litmine.lexicon import default_lexicon, load
    from litmine.match import find_mentions

    monkeypatch.setenv("LITMINE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "lexicons"
    shutil.copytree(resources.lexicon_dir(), folder)
    text = seed_text[ARTICLES[0]][:3000]
    fresh = find_mentions(text, load(folder))
    first = default_lexicon.__wrapped__(str(folder))
    assert len(list((tmp_path / "cache").glob("lexicon-*.pickle"))) == 1
    again = default_lexicon.__wrapped__(str(folder))
    assert find_mentions(text, first) == find_mentions(text, again) == fresh and len(fresh) > 20
    assert again.concepts == first.concepts and again.segmenter_words == first.segmenter_words
    molecules = folder / "molecules-signalling.tsv"
    molecules.write_text(molecules.read_text(encoding="utf-8")
                         + "litmine:zz_test\tmolecule\tprotein\tzztestin\t\t\treviewed\n", encoding="utf-8")
    edited = default_lexicon.__wrapped__(str(folder))
    assert len(list((tmp_path / "cache").glob("lexicon-*.pickle"))) == 2
    assert "litmine:zz_test" in edited.concepts and "litmine:zz_test" not in again.concepts
