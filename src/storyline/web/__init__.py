"""The read-only web UI and JSON API (FastAPI, server-rendered Jinja2 pages, no JavaScript).

``create_app(db_path)`` builds the ASGI app; ``serve(db_path, host, port)`` runs it with uvicorn.
Both import FastAPI lazily so that rendering a brief as HTML does not need the web stack loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(db_path: str | Path) -> FastAPI:
    from storyline.web.app import create_app as _create

    return _create(db_path)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the UI and API for ``db_path`` until interrupted (loopback by default)."""
    from storyline.web.app import run_server

    run_server(db_path, host=host, port=port, workers=workers)


__all__ = ["create_app", "serve"]
