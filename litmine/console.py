"""The ``litmine`` command: answers ``--help`` and ``--version`` before any library is imported.

Rendering typer's help costs typer, click and rich (about 40 ms); the top-level help is fixed
text, so it ships pre-rendered in ``assets/help.txt`` and a test keeps it equal to typer's own.
Everything else goes to :mod:`litmine.cli`.
"""

from __future__ import annotations

import os
import sys

HELP_ASSET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets", "help.txt")


def shipped_help() -> str | None:
    """The pre-rendered top-level help, or None when the asset is missing."""
    # Plain open() rather than litmine.resources: importlib.resources and pathlib cost more than the help.
    try:
        with open(HELP_ASSET, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; ``--help``, ``--version`` and no arguments are answered without typer."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from litmine import __version__

        sys.stdout.write(__version__ + "\n")
        return 0
    if args in ([], ["--help"]):
        text = shipped_help()
        if text is not None:
            sys.stdout.write(text)
            return 0 if args else 2  # typer's no_args_is_help exits 2
    from litmine.cli import app

    if argv is not None:
        sys.argv[1:] = argv
    try:
        app()
    except SystemExit as exc:  # click always exits; hand its code back so callers decide
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        raise
    return 0


def entry() -> None:
    """Console-script entry point; a closed pipe (``litmine ... | head``) ends quietly, never in a traceback."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
        code = 0
    sys.exit(code)
