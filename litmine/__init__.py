"""litmine: directional mechanism evidence from Chinese and English biomedical reviews."""

from __future__ import annotations

__version__ = "0.1.0"

# `typing` alone costs more than the rest of `litmine --help`; annotations are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import pandas as pd

__all__ = ["__version__", "extract_text", "extract_files"]


def extract_text(text: str, *, doc_id: str | None = None) -> "pd.DataFrame":
    """Evidence table (SCHEMA.md columns) for one text."""
    from litmine.pipeline import extract_text as _extract_text

    return _extract_text(text, doc_id=doc_id)


def extract_files(paths: Any, **options: Any) -> "pd.DataFrame":
    """Evidence table for files and folders (see ``litmine.pipeline.extract_files``)."""
    from litmine.pipeline import extract_files as _extract_files

    return _extract_files(paths, **options).frame
