"""`litmine --help` stays cheap: the CLI module imports no heavy library until a command runs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "numpy", "scipy", "sklearn", "spacy", "jieba", "skops", "sqlalchemy", "ahocorasick",
         "opencc", "pypdfium2", "networkx", "pyarrow")


def test_startup_cli_imports_no_heavy_library():
    probe = ("import sys, litmine.cli; "
             f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_startup_help_runs_without_heavy_imports():
    probe = ("import sys; sys.argv = ['litmine', '--help']\n"
             "from litmine.cli import run\n"
             "try:\n    run()\nexcept SystemExit:\n    pass\n"
             f"print('LOADED', ' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "extract" in done.stdout
    assert done.stdout.strip().splitlines()[-1].strip() == "LOADED"
