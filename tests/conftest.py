"""Shared fixtures: where the seeds and eval data live (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    return Path(os.environ.get("STORYLINE_SEEDS") or REPO.parent / "shared" / "seeds")


def eval_dir() -> Path:
    return Path(os.environ.get("STORYLINE_EVAL") or REPO.parent / "shared" / "eval")


@pytest.fixture(scope="session")
def seeds() -> Path:
    path = seeds_dir()
    if not path.is_dir():
        pytest.skip(f"seed articles not found at {path} (set STORYLINE_SEEDS)")
    return path


@pytest.fixture(scope="session")
def eval_data() -> Path:
    path = eval_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set STORYLINE_EVAL)")
    return path
