"""The bundled sample corpus (fictional outlets, a fictional event) for ``storyline demo``."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def corpus_path() -> Path:
    return Path(str(files("storyline.sample").joinpath("corpus")))
