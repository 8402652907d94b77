"""``storyline demo``: ingest the bundled sample corpus into a fresh database and print its brief."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from storyline.errors import UsageError
from storyline.ingest import IngestOptions
from storyline.store import SqliteStore


def run_demo(db: str, console: Console) -> None:
    from storyline.brief import render_brief
    from storyline.cli import _print_summary
    from storyline.progress import ingest_with_progress
    from storyline.sample import corpus_path

    path = Path(db)
    if path.exists():
        existing = SqliteStore(path)
        is_demo = existing.get_state("demo") is not None or existing.count_articles() == 0
        existing.close()
        if not is_demo:
            raise UsageError(
                f"{db} holds a database that is not a demo database; not replacing it",
                hint="Pick another --db for the demo.",
            )
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    store = SqliteStore(path)
    store.put_state("demo", b"1")
    console.print(f"Ingesting the sample corpus from {corpus_path()} into {db} …")
    files = sorted(
        str(p) for p in corpus_path().iterdir() if p.is_file() and p.name != "README.md" and not p.name.startswith(".")
    )
    report = ingest_with_progress(store, files, IngestOptions(), analyze=True, console=console)
    _print_summary(report, None)
    stories = store.stories()
    if stories:
        main = max(stories, key=lambda s: len(s.article_ids))
        print()
        print(render_brief(store, main.id, "md"))
    store.close()
    console.print(f"\nOpen the web UI: storyline --db {db} serve   (then browse http://127.0.0.1:8000/)")
    console.print(f"Or the command line: storyline --db {db} stories; storyline --db {db} brief")
