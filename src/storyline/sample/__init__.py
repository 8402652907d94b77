"""The bundled sample corpus that `storyline demo` ingests.

The corpus is fiction written for this project: invented countries, outlets and people, with the
mess real inputs carry (scraped punctuation-less text, a digest with mojibake, a Windows-1252 file,
a truncated JSON export). `corpus/README.md` lists each file and the results the pipeline should give.
"""

from __future__ import annotations

import pathlib
from importlib import resources

__all__ = ["corpus_path"]


def corpus_path() -> pathlib.Path:
    """Return the folder that holds the sample corpus files (inside the installed package)."""
    folder = resources.files(__package__).joinpath("corpus")
    return pathlib.Path(str(folder))
