"""The Jinja2 environment for every page: autoescape always on, and filters that keep untrusted
URLs out of ``href`` unless they are plain http(s)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
_SAFE_SCHEMES = ("http", "https")


def safe_href(url: object) -> str:
    """``url`` if it is an absolute http(s) URL, else ``""`` (so javascript:, data:, vbscript:
    and relative tricks never become links)."""
    if not isinstance(url, str):
        return ""
    value = url.strip()
    if any(ord(c) < 32 or c in "\\ " for c in value):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return ""
    return value


def path_quote(value: object) -> str:
    """Quote one path segment or query value completely (``/`` included)."""
    return quote(str(value), safe="")


def short(value: object, size: int = 60) -> str:
    s = " ".join(str(value or "").split())
    return s if len(s) <= size else s[: size - 1].rstrip() + "…"


def day(value: object) -> str:
    """The date part of an ISO timestamp ("2024-03-01T10:00:00+00:00" -> "2024-03-01")."""
    return str(value)[:10] if value else "undated"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every page, whatever the template's file name
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package; no stat() per render
    )
    env.filters.update(safe_href=safe_href, q=path_quote, short=short, day=day)
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (STATIC / "style.css").read_text(encoding="utf-8")
