"""The command line: every command documented and exercised; errors without tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, input=input,
                          env=env, cwd=cwd, timeout=300)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("The ferry talks in Port Alder collapsed on Tuesday, the minister said.\n")
    (d / "b.json").write_text(json.dumps({"url": "https://example.org/b", "title": "Second",
                                          "text": "Officials in Wickham said the levy would stay.",
                                          "published": "2025-03-13T10:00:00Z", "outlet": "Wickham Post"}))
    (d / "empty.txt").write_text("")
    return d


def test_cli_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert names
    for name in names:
        assert f"storyline {name}" in readme, f"`storyline {name}` is not in README.md"


def test_cli_version() -> None:
    out = run_cli("--version")
    assert out.returncode == 0
    assert re.match(rb"storyline \d+\.\d+", out.stdout)


def test_cli_ingest_summary_then_unchanged(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "x.db")
    first = run_cli("--db", db, "ingest", str(corpus), "--no-analyze")
    assert first.returncode == 0, first.stderr
    assert b"ingested: 2" in first.stdout and b"rejected: 1" in first.stdout
    assert b"empty" in first.stdout
    again = run_cli("--db", db, "ingest", str(corpus), "--no-analyze", "--format", "json")
    summary = json.loads(again.stdout)
    assert summary["unchanged"] == 2 and summary["ingested"] == 0


def test_cli_ingest_from_stdin(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    out = run_cli("--db", db, "ingest", "-", "--no-analyze", "--outlet", "Stdin Times",
                  input=b"Harbour officials in Port Alder said the strait would reopen on Friday.")
    assert out.returncode == 0, out.stderr
    recs = json.loads(run_cli("--db", db, "articles", "--format", "json").stdout)
    assert recs[0]["outlet"] == "Stdin Times" and recs[0]["source"] == "stdin"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_cli_articles_formats(tmp_path: Path, corpus: Path, fmt: str) -> None:
    db = str(tmp_path / "x.db")
    run_cli("--db", db, "ingest", str(corpus), "--no-analyze")
    out = run_cli("--db", db, "articles", "--format", fmt, "--rejected")
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    if fmt == "json":
        recs = json.loads(text)
        assert {"id", "source", "url", "outlet", "title", "published", "updated", "text", "rejected"} <= set(recs[0])
        assert sum(1 for r in recs if r["rejected"]) == 1
    elif fmt == "jsonl":
        assert len([json.loads(line) for line in text.splitlines()]) == 3
    elif fmt == "csv":
        assert text.splitlines()[0].startswith("id,")
    else:
        assert "Wickham Post" in text


def test_cli_articles_json_says_what_cleaning_removed(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    body = "The ferry talks in Port Alder collapsed on Tuesday after two days, the harbour minister said."
    (d / "a.txt").write_text(f"{body}\nSubscribe to our newsletter\n{body.replace('Tuesday', 'Monday')}\n")
    db = str(tmp_path / "x.db")
    run_cli("--db", db, "ingest", str(d), "--no-analyze")
    (rec,) = json.loads(run_cli("--db", db, "articles", "--format", "json").stdout)
    assert {"reason": "newsletter-prompt", "text": "Subscribe to our newsletter"}.items() <= rec["removed"][0].items()
    assert rec["removed"][0]["detail"]


def test_cli_search(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "x.db")
    run_cli("--db", db, "ingest", str(corpus), "--no-analyze")
    recs = json.loads(run_cli("--db", db, "articles", "--search", "levy", "--format", "json").stdout)
    assert [r["title"] for r in recs] == ["Second"]


@pytest.mark.parametrize("command", [["stories"], ["provenance"], ["quotes"], ["rejections"]])
def test_cli_listings_work_on_a_fresh_database(tmp_path: Path, corpus: Path, command: list[str]) -> None:
    db = str(tmp_path / "x.db")
    run_cli("--db", db, "ingest", str(corpus), "--no-analyze")
    out = run_cli("--db", db, *command, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert isinstance(json.loads(out.stdout), list)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["articles"], b"no database"),
        (["disputes"], b"no database"),
        (["ingest", "/no/such/path"], b"not-found"),
    ],
)
def test_cli_user_mistakes_give_clear_errors_without_tracebacks(
    tmp_path: Path, args: list[str], message: bytes
) -> None:
    out = run_cli("--db", str(tmp_path / "none.db"), *args)
    assert out.returncode != 0
    assert message in out.stdout + out.stderr
    assert b"Traceback" not in out.stderr


def test_cli_unknown_story_is_a_clear_error(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "x.db")
    run_cli("--db", db, "ingest", str(corpus), "--no-analyze")
    out = run_cli("--db", db, "timeline", "--story", "s_nope")
    assert out.returncode == 2 and b"Error:" in out.stderr and b"Traceback" not in out.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("nosuchcommand",), b"No such command 'nosuchcommand'"),
    (("articles", "--bogus"), b"No such option: --bogus"),
    (("demo", "--db", "x.db"), b"No such option: --db"),  # --db goes before the command
    (("articles", "--format", "xml"), b"'xml' is not one of"),
    (("articles", "--limit", "many"), b"Invalid value"),
])
def test_cli_usage_error_shows_usage_not_internal_error(tmp_path: Path, args: tuple[str, ...],
                                                       message: bytes) -> None:
    out = run_cli("--db", str(tmp_path / "x.db"), *args)
    assert out.returncode == 2
    assert message in out.stderr and b"Usage:" in out.stderr
    assert b"internal error" not in out.stderr and b"Traceback" not in out.stderr


def test_cli_database_that_is_not_sqlite(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 50)
    out = run_cli("--db", str(bad), "articles")
    assert out.returncode == 2 and b"not a Storyline database" in out.stderr
    assert b"Traceback" not in out.stderr


def test_cli_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("ingest", "articles", "stories", "demo", "serve"):
        assert name in result.stdout


def test_cli_quotes_lists_words_said_unless_all(tmp_path: Path) -> None:
    """'Who said what' lists statements someone made; a state of mind told in the outlet's words
    ('the guild wanted ...', found by attribution without a reporting verb) and a report with no one
    making it come with --all."""
    from storyline.model import Article, CueClass, Quote, QuoteKind, Span, SpeakerType
    from storyline.store.sqlite import SqliteStore

    text = "Mayor Ivo Hale said the quay would reopen. The guild wanted every toll scrapped. No toll was announced."
    article = Article(id="a_q", version="v", source="q.txt", raw=text, text=text, outlet="The Lantern")

    def quote(content: str, actor: str, cue: str, cue_class: CueClass) -> Quote:
        start = text.index(content)
        return Quote(id=f"q_{cue}", article_id="a_q", speaker=actor, actor=actor, cue=cue,
                     kind=QuoteKind.INDIRECT, content=Span(start=start, end=start + len(content)),
                     content_text=content, cue_class=cue_class, speaker_type=SpeakerType.PERSON)

    db = tmp_path / "q.db"
    store = SqliteStore(db)
    try:
        store.put_article(article)
        store.put_quotes("a_q", [quote("the quay would reopen", "Ivo Hale", "said", CueClass.NEUTRAL),
                                 quote("every toll scrapped", "the guild", "wanted", CueClass.BELIEF),
                                 quote("No toll", "", "was announced", CueClass.NEUTRAL)])
    finally:
        store.close()
    said = runner.invoke(app, ["--db", str(db), "quotes", "--format", "json"])
    assert said.exit_code == 0, said.output
    assert [(r["actor"], r["reports_words"]) for r in json.loads(said.output)] == [("Ivo Hale", True)]
    every = runner.invoke(app, ["--db", str(db), "quotes", "--all", "--format", "json"])
    assert sorted((r["actor"], r["reports_words"]) for r in json.loads(every.output)) == [
        ("", True), ("Ivo Hale", True), ("the guild", False)]


def test_cli_quotes_by_an_actor_nobody_is_says_so_on_stderr(tmp_path: Path) -> None:
    """An --actor that matches no one leaves stdout an empty list and names the people quoted."""
    from storyline.model import Actor, Article, Quote, QuoteKind, Span, SpeakerType
    from storyline.store.sqlite import SqliteStore

    text = "Mayor Ivo Hale said the quay would reopen."
    db = tmp_path / "q.db"
    store = SqliteStore(db)
    try:
        store.put_article(Article(id="a_q", version="v", source="q.txt", raw=text, text=text))
        store.put_quotes("a_q", [Quote(id="q1", article_id="a_q", speaker="Mayor Ivo Hale", actor="Ivo Hale",
                                       cue="said", kind=QuoteKind.INDIRECT, content=Span(start=19, end=41),
                                       content_text="the quay would reopen", speaker_type=SpeakerType.PERSON)])
        store.put_actors("s1", [Actor(id="x", name="Ivo Hale", role="mayor")])
    finally:
        store.close()
    found = runner.invoke(app, ["--db", str(db), "quotes", "--actor", "the mayor", "--format", "json"])
    assert [r["actor"] for r in json.loads(found.stdout)] == ["Ivo Hale"]
    none = runner.invoke(app, ["--db", str(db), "quotes", "--actor", "Nobody", "--format", "json"])
    assert none.exit_code == 0 and json.loads(none.stdout) == []
    assert "No quotes by 'Nobody'" in none.stderr and "Ivo Hale" in none.stderr
