"""The command line (Typer). Results go to stdout; progress, logs and errors go to stderr.

Every listing command takes ``--format json|jsonl|csv|table``. Errors a user can cause print
``Error: …`` with a hint and exit non-zero, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storyline import __version__
from storyline.errors import NotFoundError, StorylineError, UsageError
from storyline.output import OutputFormat, default_format, evidence_cell, positions_cell, write_records
from storyline.store import Store, default_db_path, open_store

app = typer.Typer(
    name="storyline",
    help="Who said what, where each copy came from, and where the accounts conflict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False)


class _State:
    db: str = default_db_path()
    db_given: bool = False


state = _State()

FormatOpt = Annotated[OutputFormat | None, typer.Option("--format", "-f", help="json, jsonl, csv or table.")]
StoryOpt = Annotated[str | None, typer.Option("--story", help="A story id (or a unique prefix of one).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[
        str | None, typer.Option("--db", help="Database file [default: $STORYLINE_DB or ./storyline.db]")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    if db:
        state.db = db
        state.db_given = True


@contextmanager
def _store(readonly: bool = False) -> Iterator[Store]:
    if readonly and not Path(state.db).exists():
        raise NotFoundError(
            f"no database at {state.db}", hint="Ingest something first (`storyline ingest PATH`) or pass --db PATH."
        )
    store = open_store(state.db)
    try:
        yield store
    finally:
        store.close()


def _resolve_story(store: Store, story: str | None, required: bool = False) -> str | None:
    if not story:
        if required:
            raise UsageError("--story is required", hint="List stories with `storyline stories`.")
        return None
    if store.get_story(story):
        return story
    matches = [s.id for s in store.stories() if s.id.startswith(story)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no story {story!r}")
    raise UsageError(f"{story!r} matches {len(matches)} stories", hint="Give more of the id.")


def _fmt(fmt: OutputFormat | None) -> OutputFormat:
    return fmt or default_format()


# --------------------------------------------------------------------------- ingest


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs, feeds, WARC files, or '-' for stdin.")],
    outlet: Annotated[str | None, typer.Option(help="Outlet name for articles that do not say.")] = None,
    published: Annotated[datetime | None, typer.Option(help="Publication time for articles that do not say.")] = None,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Only store and clean; skip later stages.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest file or record to read, in bytes.")] = 25_000_000,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching loopback and private addresses.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes for per-article stages (0: all cores).")] = 0,
    runner: Annotated[str, typer.Option(help="local or ray.")] = "local",
    ray_address: Annotated[str | None, typer.Option(help="Address of a running Ray cluster.")] = None,
    analyze_every: Annotated[
        int,
        typer.Option(
            min=0, help="Run the corpus stages (provenance, stories, claims) each time this many articles are stored."
        ),
    ] = 5000,
    fmt: FormatOpt = None,
) -> None:
    """Store and clean each article, then bring every later stage up to date.

    The corpus stages run in rounds (--analyze-every) and at the end; articles an interrupted
    run stored but did not analyse are analysed by the next ingest into the same database."""
    from storyline.ingest import IngestOptions
    from storyline.progress import ingest_with_progress

    options = IngestOptions(outlet=outlet, published=published, max_bytes=max_bytes, allow_private=allow_private)
    with _store() as store:
        report = ingest_with_progress(
            store,
            sources,
            options,
            analyze=not no_analyze,
            workers=workers or None,
            runner=runner,
            ray_address=ray_address,
            analyze_every=analyze_every,
            console=err,
        )
    _print_summary(report, fmt)
    if report.total_read == 0 and report.rejected:
        raise typer.Exit(1)


def _print_summary(report: object, fmt: OutputFormat | None) -> None:
    from storyline.pipeline import IngestReport

    assert isinstance(report, IngestReport)
    summary = {
        "ingested": report.ingested,
        "unchanged": report.unchanged,
        "updated": report.updated,
        "rejected": len(report.rejected),
        "rejections": [{"source": r.source, "reason": r.reason, "detail": r.detail} for r in report.rejected],
        "warnings": [{"source": r.source, "reason": r.reason, "detail": r.detail} for r in report.warnings],
        "analysis": report.analysis,
    }
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        import json

        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2 if fmt is OutputFormat.json else None))
        return
    out = Console(highlight=False, markup=False)
    out.print(
        f"ingested: {report.ingested}  unchanged: {report.unchanged}  updated: {report.updated}  "
        f"rejected: {len(report.rejected)}"
    )
    for reason, n in sorted(report.rejection_reasons().items()):
        out.print(f"  rejected ({reason}): {n}")
    for r in report.rejected[:50]:
        out.print(f"    {r.source}: {r.reason} - {r.detail}")
    if len(report.rejected) > 50:
        out.print(f"    … and {len(report.rejected) - 50} more (see `storyline rejections`)")
    for w in report.warnings[:20]:
        out.print(f"  warning: {w.source}: {w.reason} - {w.detail}")
    if report.analysis:
        out.print("  analysis: " + ", ".join(f"{k} {v}" for k, v in report.analysis.items()))


# --------------------------------------------------------------------------- listings


@app.command()
def articles(
    story: StoryOpt = None,
    search: Annotated[str | None, typer.Option(help="Full-text search over titles and text.")] = None,
    rejected: Annotated[bool, typer.Option("--rejected", help="Include rejected inputs as records.")] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    fmt: FormatOpt = None,
) -> None:
    """List stored articles (with their cleaned text in JSON output)."""
    from storyline.views import article_record, rejection_record

    with _store(readonly=True) as store:
        sid = _resolve_story(store, story)
        recs = [
            article_record(a, story_id=store.story_of(a.id))
            for a in store.iter_articles(story_id=sid, search=search, limit=limit)
        ]
        if rejected:
            recs += [rejection_record(r) for r in store.rejections()]
    write_records(recs, _fmt(fmt), ["id", "outlet", "published", "title", "story_id", "rejected"])


@app.command()
def rejections(fmt: FormatOpt = None) -> None:
    """List every input that was rejected, with the reason."""
    from storyline.views import rejection_record

    with _store(readonly=True) as store:
        recs = [rejection_record(r) for r in store.rejections()]
    write_records(recs, _fmt(fmt), ["source", "stage", "rejected"])


@app.command()
def stories(fmt: FormatOpt = None) -> None:
    """List stories with their articles."""
    from storyline.views import story_record

    with _store(readonly=True) as store:
        recs = [story_record(s) for s in store.stories()]
    write_records(recs, _fmt(fmt), ["id", "title", "size", "first_published", "last_published"])


@app.command()
def provenance(story: StoryOpt = None, fmt: FormatOpt = None) -> None:
    """List provenance edges: republications, digests and rewrites, with the passages that prove them."""
    from storyline.views import edge_record

    with _store(readonly=True) as store:
        sid = _resolve_story(store, story)
        ids = [a.id for a in store.iter_articles(story_id=sid)] if sid else None
        recs = [edge_record(e) for e in store.edges(article_ids=ids)]
    write_records(recs, _fmt(fmt), ["derived_id", "relation", "origin_id", "origin_label", "score", "reason"])


@app.command()
def quotes(
    story: StoryOpt = None,
    actor: Annotated[
        str | None,
        typer.Option(
            help=(
                "Only this actor: its canonical name, an alias or the speaker as written; a person also by"
                " surname, with a title or role ('Hollis', 'Prime Minister Hollis', 'the prime minister');"
                " a group of people named together counts for each."
            )
        ),
    ] = None,
    fmt: FormatOpt = None,
    all_found: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also what attribution found with no words said (a state of mind or a deed told in the "
            "outlet's words, 'Kim was seeking relief': reports_words false) or with no one saying them "
            "('No such sanctions had been announced': actor empty).",
        ),
    ] = False,
) -> None:
    """List who said what: speaker, resolved actor, reporting verb, kind and content."""
    from storyline.model import SpeakerType, reports_words
    from storyline.views import quote_record

    with _store(readonly=True) as store:
        sid = _resolve_story(store, story)
        found = store.quotes(story_id=sid, actor=actor)
        recs = [quote_record(q) for q in found if all_found or (reports_words(q) and q.actor.strip())]
        if actor and not found:  # say so on stderr (stdout stays an empty list), with names to try
            known = sorted({a.name for a in store.actors(sid) if a.kind is SpeakerType.PERSON})
            hint = f"; people quoted{' in this story' if sid else ''}: {', '.join(known[:12])}" if known else ""
            err.print(f"No quotes by {actor!r}{hint}.", markup=False, soft_wrap=True)
    write_records(recs, _fmt(fmt), ["article_id", "actor", "cue", "kind", "content"])


@app.command()
def disputes(story: StoryOpt = None, fmt: FormatOpt = None) -> None:
    """The dispute ledger of a story: propositions, each party's position and its evidence."""
    from storyline.views import dispute_record

    with _store(readonly=True) as store:
        sid = _resolve_story(store, story, required=True)
        assert sid is not None
        recs = [dispute_record(p) for p in store.propositions(sid)]
    write_records(
        recs,
        _fmt(fmt),
        ["proposition", "positions", "independent_origins"],
        table_cells={"positions": positions_cell},
    )


@app.command()
def timeline(story: StoryOpt = None, fmt: FormatOpt = None) -> None:
    """Dated events of a story, resolved against each article's publication date."""
    from storyline.views import timeline_record

    with _store(readonly=True) as store:
        sid = _resolve_story(store, story, required=True)
        assert sid is not None
        recs = [timeline_record(t) for t in store.timeline(sid)]
    out = _fmt(fmt)
    # a table shows the date as precise as the text was ("2018", not "2018-01-01"); CSV keeps the
    # contract's columns first and adds the end of a range and that label after them
    columns = ["when", "event", "evidence"]
    if out is not OutputFormat.table:
        columns = ["date", "event", "evidence", "end_date", "when", "expression"]
    write_records(recs, out, columns, table_cells={"evidence": evidence_cell})


@app.command()
def brief(
    story: StoryOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, json or html.")] = "md",
) -> None:
    """A story's brief: what happened, versions, disputes, who said what, timeline, sources."""
    from storyline.brief import render_brief

    if fmt not in ("md", "json", "html"):
        raise UsageError(f"unknown brief format {fmt!r}", hint="Use --format md, json or html.")
    with _store(readonly=True) as store:
        sid = _resolve_story(store, story)
        if sid is None:
            all_stories = store.stories()
            if not all_stories:
                raise NotFoundError("the database holds no stories yet")
            sid = max(all_stories, key=lambda s: len(s.article_ids)).id
        typer.echo(render_brief(store, sid, fmt))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the web UI and JSON API (read-only) from the database."""
    from storyline.web import serve as run_server

    if not Path(state.db).exists():
        raise NotFoundError(f"no database at {state.db}", hint="Ingest something first, or pass --db.")
    err.print(f"Serving {state.db} on http://{host}:{port}/ (Ctrl-C to stop)")
    run_server(state.db, host=host, port=port)


@app.command()
def demo() -> None:
    """Ingest the bundled sample corpus into a fresh database and print its brief."""
    from storyline.demo import run_demo

    db = state.db if state.db_given else "storyline-demo.db"
    run_demo(db, console=err)


# --------------------------------------------------------------------------- watch (live feeds)


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="Feed URLs, page URLs, files or folders to poll.")],
    every: Annotated[str, typer.Option(help="Polling interval: 30s, 10m, 1h, 1h30m.")] = "10m",
    max_polls: Annotated[int | None, typer.Option(help="Stop after this many polling rounds.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for articles that do not say.")] = None,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Only store and clean; skip later stages.")] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching loopback and private addresses.")] = False,
    retry: Annotated[str, typer.Option(help="First retry delay after a network error (doubles each time).")] = "5s",
    workers: Annotated[int, typer.Option(help="Worker processes for per-article stages (0: all cores).")] = 0,
    fmt: FormatOpt = None,
) -> None:
    """Poll feeds and pages, ingest what is new and keep stories current; Ctrl-C stops cleanly."""
    from storyline.ingest import IngestOptions
    from storyline.pipeline import Pipeline
    from storyline.progress import make_runner, run_closing
    from storyline.watch import Watcher, parse_duration, stop_on_signals

    interval = parse_duration(every)
    options = IngestOptions(outlet=outlet, allow_private=allow_private)

    def log(message: str) -> None:
        err.print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", markup=False)

    with _store() as store, run_closing(make_runner("local", workers or None, None, preload=not no_analyze)) as run:
        watcher = Watcher(
            Pipeline(store, run),
            sources,
            interval,
            options=options,
            analyze=not no_analyze,
            max_polls=max_polls,
            retry_base=parse_duration(retry),
            log=log,
        )
        log(f"watching {len(watcher.states)} source(s) every {every}; Ctrl-C to stop")
        with stop_on_signals(watcher, log):
            result = watcher.run()
    log(f"stopped after {result.polls} round(s): {result.not_modified} not modified, {result.errors} error(s)")
    _print_summary(result.total, fmt)


# --------------------------------------------------------------------------- end of watch


def main() -> None:
    debug = bool(os.environ.get("STORYLINE_DEBUG"))
    try:
        rc = app(standalone_mode=False)
        if isinstance(rc, int) and rc:
            sys.exit(rc)
    except StorylineError as exc:
        err.print(f"Error: {exc.args[0]}", markup=False)
        if exc.hint:
            err.print(f"Hint: {exc.hint}", markup=False)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("Interrupted; everything stored so far is kept. Run the same command again to resume.")
        sys.exit(130)
    except typer.TyperException as exc:  # a usage error: unknown option or command, bad value
        # Typer vendors its own click, so click.ClickException does not catch these.
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err.print(f"Error: {exc.format_message()}", markup=False)
        sys.exit(exc.exit_code or 2)
    except Exception as exc:  # a bug
        if debug:
            raise
        err.print(f"Error: internal error: {type(exc).__name__}: {exc}", markup=False)
        err.print(
            "Hint: this is a bug in Storyline; rerun with STORYLINE_DEBUG=1 for the traceback and report it.",
            markup=False,
        )
        sys.exit(3)
