"""Import layers: lower stages never import higher ones; third-party libraries stay in their module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "litmine"
LAYERS = [
    {"errors", "records", "resources", "tracked"},
    {"layout"},
    {"script", "citations"},
    {"normalize", "lexicon", "sections", "tokenize", "readers"},
    {"sentences", "match"},
    {"abbreviations", "cues", "patterns"},
    {"pairs", "features", "vectors"},
    {"relations", "table"},
    {"aggregate"},
    {"assemble", "writers"},
    {"pipeline", "engines"},
    {"train", "batch", "report", "learn"},
    {"evaluate"},
    {"cli"},
    {"console"},
]
CONFINED = {"typer": {"cli"}, "jieba": {"tokenize"}, "rjieba": {"tokenize"}, "spacy": {"tokenize", "writers"}, "opencc": {"script"},
            "sklearn": {"relations", "train", "evaluate"}, "skops": {"relations"},
            "pandas": {"table", "aggregate", "writers", "pipeline", "evaluate", "report", "__init__"},
            "networkx": {"writers"}, "sqlalchemy": {"writers", "pipeline"}, "ahocorasick": {"lexicon"},
            "charset_normalizer": {"readers"}, "pypdfium2": {"readers"},
            "distributed": {"engines"}, "dask": {"engines"}}


def layer_of(module: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if module in layer)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "litmine":
                names.update(f"litmine.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def top_module(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


def test_architecture_layers():
    bad = []
    for path in PACKAGE.rglob("*.py"):
        me = top_module(path)
        if me in ("__init__", "__main__"):
            continue
        for name in imports(path):
            if name.startswith("litmine."):
                other = name.split(".")[1]
                known = any(other in layer for layer in LAYERS)
                if known and other != me and layer_of(other) >= layer_of(me):
                    bad.append(f"{path.name} imports {name}")
    assert bad == []


def test_architecture_third_party_confined():
    bad = []
    for path in PACKAGE.rglob("*.py"):
        me = top_module(path)
        for name in imports(path):
            lib = name.split(".")[0]
            if lib in CONFINED and me not in CONFINED[lib]:
                bad.append(f"{path.relative_to(PACKAGE)} imports {lib}")
    assert bad == []
