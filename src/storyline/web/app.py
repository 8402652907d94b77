"""The FastAPI app: server-rendered pages and the JSON API, read-only, GET only.

Every response carries a Content-Security-Policy that allows no script at all (the UI needs
none: ``<details>`` expands evidence in place, charts are inline SVG), styles and images only
from this server, and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.errors import NotFoundError, StorylineError
from storyline.store import SqliteStore
from storyline.web.api import api_router
from storyline.web.pages import Site
from storyline.web.templating import STATIC

CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CachedStoryPages:
    """Pure ASGI layer answering ``GET /story/{id}`` straight from the page cache when the page is
    cached and current (the hot path under load skips routing and validation); everything else,
    and every miss, goes on to the app."""

    def __init__(self, app: ASGIApp, site: Site) -> None:
        self.app = app
        self.site = site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "") if scope["type"] == "http" else ""
        if scope.get("method") in ("GET", "HEAD") and path.startswith("/story/") and "/" not in path[7:]:
            page = self.site.cached_story_page(path[7:])
            if page is not None:
                headers = [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(page)).encode()),
                ]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else page})
                return
        await self.app(scope, receive, send)


def _open_store(db_path: str | Path) -> SqliteStore:
    if str(db_path) != ":memory:" and not Path(db_path).exists():
        raise NotFoundError(f"no database at {db_path}", hint="Ingest something first, or pass --db.")
    try:
        return SqliteStore(db_path, readonly=True)
    except StorylineError:
        raise
    except Exception:  # a WAL database whose -shm cannot be created read-only: read it read-write
        return SqliteStore(db_path)


def create_app(db_path: str | Path) -> FastAPI:
    """The ASGI app serving ``db_path`` read-only."""
    site = Site(_open_store(db_path), db_path)
    app = FastAPI(
        title="Storyline",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        description="Read-only JSON API over a Storyline database: stories, briefs, articles, "
        "quotes, provenance edges, disputes and timelines. Records are the same as "
        "the CLI's JSON output.",
    )
    app.state.site = site
    app.add_middleware(CachedStoryPages, site=site)
    app.add_middleware(SecurityHeaders)  # added last: the outermost layer, so every response gets it
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api_router(site), prefix="/api")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.args[0]}, status_code=404)
        return HTMLResponse(site.render("error.html", status=404, message=exc.args[0], query=""), status_code=404)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(page: int = 1, sort: str = "recent") -> HTMLResponse:
        return HTMLResponse(site.home_page(page, "size" if sort == "size" else "recent"))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(q: str = "") -> HTMLResponse:
        return HTMLResponse(site.search_page(q[:500]))

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story(story_id: str) -> HTMLResponse:
        page = site.cached_story_page(story_id)  # a cache hit is served without a thread hop
        if page is None:
            page = await run_in_threadpool(site.story_page, story_id)
        return HTMLResponse(page)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(
        article_id: str, origin: str | None = None, start: int | None = None, end: int | None = None
    ) -> HTMLResponse:
        return HTMLResponse(site.article_page(article_id, origin=origin, start=start, end=end))

    @app.get("/actor/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor(name: str) -> HTMLResponse:
        return HTMLResponse(site.actor_page(name))

    return app


def run_server(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    import uvicorn

    if workers > 1:  # uvicorn needs an import string to start worker processes
        import os

        os.environ["STORYLINE_WEB_DB"] = str(db_path)
        uvicorn.run(
            "storyline.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
        )
        return
    uvicorn.run(create_app(db_path), host=host, port=port, log_level="warning", access_log=False)


def app_from_env() -> FastAPI:
    """Factory for uvicorn worker processes: the database path comes from ``$STORYLINE_WEB_DB``."""
    import os

    return create_app(os.environ["STORYLINE_WEB_DB"])
