"""Reading text in any common encoding; bad inputs give one-line errors."""

from __future__ import annotations

import pytest

from litmine.errors import InputError
from litmine.pipeline import mention_files
from litmine.readers import read
from tests.conftest import SEEDS

ARTICLE = SEEDS / "002_18e382974de4e15f.txt"


def mention_keys(path):
    df = mention_files([path]).frame
    return list(zip(df["sentence_id"], df["start"], df["end"], df["text"], df["entity_id"]))


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_readers_encodings_give_same_mentions(tmp_path, encoding):
    text = ARTICLE.read_text(encoding="utf-8")
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(text.encode(encoding))
    assert read(copy).raw == text
    assert mention_keys(copy) == mention_keys(ARTICLE)


def test_readers_big5_traditional(tmp_path):
    text = "電針可降低脊髓背角中TNF-α的表達，並抑制小膠質細胞的活化。" * 3
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert read(path).raw == text


@pytest.mark.parametrize("content,problem", [(b"", "empty file"), (b"   \n", "empty file"),
                                             (bytes(range(256)) * 4, "not a text file")])
def test_readers_bad_inputs(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read(path)
    assert str(err.value).startswith(str(path)) and problem in str(err.value)
    assert "\n" not in str(err.value)


def test_readers_unknown_suffix_and_missing(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(InputError, match="unsupported file type .docx"):
        read(tmp_path / "x.docx")
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")


def test_readers_doc_id_depends_on_bytes_only(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(ARTICLE.read_bytes())
    b.write_bytes(ARTICLE.read_bytes())
    assert read(a).doc_id == read(b).doc_id == read(ARTICLE).doc_id


def test_readers_walk_skips_folder_docs(tmp_path):
    from litmine.readers import walk

    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "README.md", "sub/LICENSE.txt", ".hidden.txt", "c.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in walk([tmp_path])] == ["a.txt", "sub/b.md"]
    assert walk([tmp_path / "README.md"]) == [tmp_path / "README.md"]
