"""`litmine --help` stays cheap: no heavy library, and no typer at all, until a command runs."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

from litmine import __version__
from litmine.console import HELP_ASSET, main

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "scipy", "sklearn", "spacy", "jieba", "skops", "sqlalchemy", "ahocorasick",
         "opencc", "pypdfium2", "networkx", "pyarrow")
CLI_LIBS = ("typer", "click", "rich", "typing")


def loaded_after(args: list[str], watch: tuple[str, ...]) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run the console entry with args; return the process and which watched modules it imported."""
    probe = ("import sys\nfrom litmine.console import main\n"
             f"code = main({args!r})\n"
             f"print('LOADED', *[m for m in {watch!r} if m in sys.modules])\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return done, done.stdout.strip().splitlines()[-1].split()[1:]


def test_startup_cli_imports_no_heavy_library():
    probe = ("import sys, litmine.cli; "
             f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_startup_help_is_answered_without_typer_or_typing():
    done, loaded = loaded_after(["--help"], HEAVY + CLI_LIBS)
    assert done.returncode == 0
    assert "extract" in done.stdout and "classify-pairs" in done.stdout
    assert loaded == []


def test_startup_no_arguments_prints_help_and_exits_2_like_typer():
    done, loaded = loaded_after([], HEAVY + CLI_LIBS)
    assert done.returncode == 2
    assert "Usage: litmine" in done.stdout
    assert loaded == []


def test_startup_version_without_typer(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == __version__


def test_startup_commands_still_go_through_typer():
    done, loaded = loaded_after(["lexicon", "--help"], ("typer",))
    assert "validate" in done.stdout and "learn" in done.stdout
    assert loaded == ["typer"]


def test_startup_shipped_help_equals_what_typer_renders():
    render = runpy.run_path(str(ROOT / "scripts" / "render-help.py"))["render"]
    shipped = Path(HELP_ASSET).read_text(encoding="utf-8")
    assert shipped == render(), "CLI changed: run `python scripts/render-help.py` to refresh the shipped help"
