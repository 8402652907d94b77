"""Schema migrations for the SQLite store (applied in order; ``PRAGMA user_version`` counts them)."""

from __future__ import annotations

import re

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE, version TEXT NOT NULL, source TEXT NOT NULL, url TEXT,
            outlet TEXT, title TEXT, published TEXT, updated TEXT, text TEXT NOT NULL)""",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_url ON articles(url)",
        """CREATE TABLE article_versions (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL, ingested_at TEXT,
            doc BLOB NOT NULL, UNIQUE (id, version))""",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61')""",
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
        """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text); END""",
        """CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
        """CREATE TABLE rejections (
            seq INTEGER PRIMARY KEY, source TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL,
            doc BLOB NOT NULL)""",
        """CREATE TABLE quotes (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL, actor TEXT,
            speaker TEXT, content_text TEXT, doc BLOB NOT NULL)""",
        "CREATE INDEX quotes_article ON quotes(article_id)",
        "CREATE INDEX quotes_actor ON quotes(actor COLLATE NOCASE)",
        """CREATE VIRTUAL TABLE quotes_fts USING fts5(
            speaker, actor, content_text, content='quotes', content_rowid='seq', tokenize='porter unicode61')""",
        """CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, speaker, actor, content_text)
            VALUES (new.seq, new.speaker, new.actor, new.content_text); END""",
        """CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, speaker, actor, content_text)
            VALUES ('delete', old.seq, old.speaker, old.actor, old.content_text); END""",
        """CREATE TABLE edges (
            derived_id TEXT NOT NULL, origin_key TEXT NOT NULL, origin_id TEXT, doc BLOB NOT NULL,
            PRIMARY KEY (derived_id, origin_key))""",
        "CREATE INDEX edges_origin ON edges(origin_id)",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT, first_published TEXT, last_published TEXT, size INTEGER,
            doc BLOB NOT NULL)""",
        """CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL)""",
        "CREATE INDEX story_articles_story ON story_articles(story_id)",
        "CREATE TABLE story_changes (seq INTEGER PRIMARY KEY, story_id TEXT NOT NULL, doc BLOB NOT NULL)",
        "CREATE INDEX story_changes_story ON story_changes(story_id)",
        "CREATE TABLE actors (seq INTEGER PRIMARY KEY, story_id TEXT NOT NULL, doc BLOB NOT NULL)",
        "CREATE INDEX actors_story ON actors(story_id)",
        "CREATE TABLE propositions (seq INTEGER PRIMARY KEY, story_id TEXT NOT NULL, doc BLOB NOT NULL)",
        "CREATE INDEX propositions_story ON propositions(story_id)",
        "CREATE TABLE timeline (seq INTEGER PRIMARY KEY, story_id TEXT NOT NULL, doc BLOB NOT NULL)",
        "CREATE INDEX timeline_story ON timeline(story_id)",
        "CREATE TABLE state (name TEXT PRIMARY KEY, data BLOB NOT NULL)",
    ],
    # 2: the article index merges its segments 16 at a time instead of 4: each batch of articles
    # is rewritten fewer times as the index grows (about a tenth less CPU per stored article at
    # 15k articles), for a few more segments to read per search
    ["INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16)"],
    # 3: the store keeps the article index itself, a batch at a time (SqliteStore.put_articles):
    # FTS5 writes out its pending terms at every statement savepoint, and a trigger's insert runs in
    # one per row, so each article became a segment of its own to merge (a third more CPU per
    # stored article than one insert of the whole batch). The delete trigger stays.
    ["DROP TRIGGER articles_ai", "DROP TRIGGER articles_au"],
    # 4: articles stored but not yet through the corpus stages, in the order they were stored;
    # written in the transaction that stores them, cleared once their analysis is stored, so an
    # interrupted run's rerun analyses what the first run stored and never got to
    ["CREATE TABLE analysis_queue (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE)"],
    # 5: an outlet's newest articles, read to learn the lines it prints on every page
    ["CREATE INDEX articles_outlet ON articles(outlet, published)"],
]

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Turn free text from a user into a safe FTS5 query: every word quoted, all required."""
    words = _WORD.findall(text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)
