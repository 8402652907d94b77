"""SQLite store: a real file, WAL, migrations by ``PRAGMA user_version``, FTS5 over articles and quotes.

Records are kept as msgspec JSON documents beside the columns we filter on, so the typed model
round-trips exactly. One connection per thread (the web server reads from a thread pool while an
ingest writes: WAL lets readers go on during a write).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import msgspec

from storyline.errors import StoreError, StoreVersionError
from storyline.model import (
    Actor,
    Article,
    IngestOutcome,
    Proposition,
    ProvenanceEdge,
    Quote,
    Rejection,
    Story,
    StoryChange,
    TimelineEvent,
    answers_to,
    quote_of,
)
from storyline.store.records import ArticleRecord, article_record, iso_utc
from storyline.store.schema import MIGRATIONS, fts_query

WRITER_CACHE_KIB = 16_000
_enc = msgspec.json.Encoder()
_dec_article = msgspec.json.Decoder(Article)
_dec_quote = msgspec.json.Decoder(Quote)
_dec_edge = msgspec.json.Decoder(ProvenanceEdge)
_dec_story = msgspec.json.Decoder(Story)
_dec_change = msgspec.json.Decoder(StoryChange)
_dec_actor = msgspec.json.Decoder(Actor)
_dec_prop = msgspec.json.Decoder(Proposition)
_dec_event = msgspec.json.Decoder(TimelineEvent)
_dec_rej = msgspec.json.Decoder(Rejection)


def _edge_key(edge: ProvenanceEdge) -> str:
    return edge.origin_id or f"external:{edge.origin_label or '?'}"


class SqliteStore:
    """The default store. ``path`` is a file (created with its folders) or ``":memory:"``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._local = threading.local()
        self._lock = threading.RLock()
        if self.path != ":memory:" and not readonly:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._migrate(self._conn())

    # -- connections ------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                if self.readonly:
                    conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
                else:
                    conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open database {self.path!r}: {exc}") from exc
            conn.isolation_level = None  # we manage transactions explicitly
            try:
                conn.execute("PRAGMA busy_timeout = 30000")
                if not self.readonly:
                    conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise StoreError(f"{self.path!r} is not a Storyline database: {exc}") from exc
            self._local.conn = conn
            self._local.depth = 0
            self._local.writer = False  # set by the first write transaction
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path!r} is not a Storyline database: {exc}") from exc
        if current > len(MIGRATIONS):
            raise StoreVersionError(
                f"database schema version {current} is newer than this Storyline ({len(MIGRATIONS)})"
            )
        if self.readonly:
            return
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in script:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes atomically; nested calls join the outer transaction."""
        conn = self._conn()
        if self._local.depth:
            self._local.depth += 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        if not getattr(self._local, "writer", False):
            # a connection that writes gets a page cache of 16 MB (default 2 MB): the full-text
            # index's segments are read back while they are merged, and a batch touches many pages;
            # connections that only read (the web server's threads) keep the default
            conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            self._local.writer = True
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            self._local.depth = 1
            try:
                yield
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._local.depth = 0

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _q(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:  # type: ignore[type-arg]
        return self._conn().execute(sql, params).fetchall()

    # -- articles ---------------------------------------------------------------------
    def article_status(self, article_id: str, version: str) -> IngestOutcome:
        row = self._q("SELECT version FROM articles WHERE id = ?", (article_id,))
        if not row:
            return IngestOutcome.INGESTED
        if row[0][0] == version:
            return IngestOutcome.UNCHANGED
        known = self._q("SELECT 1 FROM article_versions WHERE id = ? AND version = ?", (article_id, version))
        return IngestOutcome.UNCHANGED if known else IngestOutcome.UPDATED

    def put_article(self, article: Article) -> IngestOutcome:
        return self.put_articles([article])[0]

    def _known_versions(self, ids: list[str]) -> tuple[dict[str, str], set[tuple[str, str]]]:
        """Current version of each stored id among ``ids``, and every (id, version) kept for them."""
        current: dict[str, str] = {}
        known: set[tuple[str, str]] = set()
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            marks = ",".join("?" * len(chunk))
            current.update(self._q(f"SELECT id, version FROM articles WHERE id IN ({marks})", chunk))
            # earlier versions matter only for ids stored already
            stored = [x for x in chunk if x in current]
            if stored:
                marks = ",".join("?" * len(stored))
                known.update(self._q(f"SELECT id, version FROM article_versions WHERE id IN ({marks})", stored))
        return current, known

    def put_articles(self, articles: Sequence[Article]) -> list[IngestOutcome]:
        """Store several articles in one transaction; the outcomes are those of ``put_article``
        called on each in turn (a second version of an id in the same call is an update)."""
        return self.put_records([article_record(a) for a in articles])

    def put_records(self, records: Sequence[ArticleRecord]) -> list[IngestOutcome]:
        """:meth:`put_articles` of articles already turned into records (by the workers that cleaned them)."""
        if not records:
            return []
        with self.transaction():
            current, known = self._known_versions(list(dict.fromkeys(r.id for r in records)))
            stored = set(current)  # ids with a row already: a new version replaces its indexed text
            outcomes: list[IngestOutcome] = []
            versions: list[tuple[object, ...]] = []
            rows: list[tuple[object, ...]] = []
            for r in records:
                if r.id not in current:
                    status = IngestOutcome.INGESTED
                elif current[r.id] == r.version or (r.id, r.version) in known:
                    status = IngestOutcome.UNCHANGED
                else:
                    status = IngestOutcome.UPDATED
                outcomes.append(status)
                if status is IngestOutcome.UNCHANGED:
                    continue
                current[r.id] = r.version
                known.add((r.id, r.version))
                versions.append((r.id, r.version, r.ingested_at, r.doc))
                rows.append((r.id, r.version, r.source, r.url, r.outlet, r.title, r.published, r.updated, r.text))
            conn = self._conn()
            conn.executemany(
                "INSERT OR IGNORE INTO article_versions (id, version, ingested_at, doc) VALUES (?,?,?,?)",
                versions,
            )
            if rows:
                self._write_article_rows(conn, rows, [i for i in dict.fromkeys(r[0] for r in rows) if i in stored])
        return outcomes

    @staticmethod
    def _write_article_rows(conn: sqlite3.Connection, rows: list[tuple[object, ...]], replaced: list[str]) -> None:
        """Write ``rows`` (new articles, and new versions of the ``replaced`` ids) and keep the
        full-text index in step, one statement per step for the whole batch (see migration 3):
        the replaced texts leave the index, the rows are written, and every row written since goes in."""
        for i in range(0, len(replaced), 400):
            chunk = replaced[i : i + 400]
            conn.execute(
                "INSERT INTO articles_fts(articles_fts, rowid, title, text) SELECT 'delete', rowid, title, text"
                f" FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        last = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
        conn.executemany(
            """INSERT INTO articles (id, version, source, url, outlet, title, published, updated, text)
               VALUES (?,?,?,?,?,?,?,?,?)
               ON CONFLICT(id) DO UPDATE SET version=excluded.version, source=excluded.source,
                 url=excluded.url, outlet=excluded.outlet, title=excluded.title,
                 published=excluded.published, updated=excluded.updated, text=excluded.text""",
            rows,
        )
        # new rows take rowids above the largest before them; replaced ones keep theirs
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles WHERE rowid > ?",
            (last,),
        )
        for i in range(0, len(replaced), 400):
            chunk = replaced[i : i + 400]
            conn.execute(
                "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text"
                f" FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )

    def get_article(self, article_id: str) -> Article | None:
        row = self._q(
            "SELECT v.doc FROM articles a JOIN article_versions v ON v.id = a.id AND v.version = a.version"
            " WHERE a.id = ?",
            (article_id,),
        )
        return _dec_article.decode(row[0][0]) if row else None

    def article_versions(self, article_id: str) -> list[Article]:
        rows = self._q("SELECT doc FROM article_versions WHERE id = ? ORDER BY seq", (article_id,))
        return [_dec_article.decode(r[0]) for r in rows]

    def iter_articles(
        self,
        *,
        story_id: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        outlet: str | None = None,
        newest_first: bool = False,
    ) -> Iterator[Article]:
        sql = "SELECT v.doc FROM articles a JOIN article_versions v ON v.id = a.id AND v.version = a.version"
        where: list[str] = []
        params: list[object] = []
        if search:
            query = fts_query(search)
            if not query:
                return
            sql += " JOIN articles_fts f ON f.rowid = a.rowid"
            where.append("articles_fts MATCH ?")
            params.append(query)
        if story_id:
            sql += " JOIN story_articles s ON s.article_id = a.id"
            where.append("s.story_id = ?")
            params.append(story_id)
        if outlet is not None:
            where.append("a.outlet = ?")
            params.append(outlet)
        if where:
            sql += " WHERE " + " AND ".join(where)
        if search:
            sql += " ORDER BY f.rank"
        elif newest_first:
            sql += " ORDER BY coalesce(a.published, '') DESC, a.id DESC"
        else:
            sql += " ORDER BY coalesce(a.published, ''), a.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for (doc,) in self._conn().execute(sql, params):
            yield _dec_article.decode(doc)

    def count_articles(self) -> int:
        return int(self._q("SELECT count(*) FROM articles")[0][0])

    # -- rejections -------------------------------------------------------------------
    def add_rejection(self, rejection: Rejection) -> None:
        with self.transaction():
            self._conn().execute(
                "INSERT INTO rejections (source, stage, reason, doc) VALUES (?,?,?,?)",
                (rejection.source, rejection.stage.value, rejection.reason, _enc.encode(rejection)),
            )

    def rejections(self) -> list[Rejection]:
        return [_dec_rej.decode(r[0]) for r in self._q("SELECT doc FROM rejections ORDER BY seq")]

    # -- quotes -----------------------------------------------------------------------
    def put_quotes(self, article_id: str, quotes: Iterable[Quote]) -> None:
        with self.transaction():
            conn = self._conn()
            conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT OR IGNORE INTO quotes (id, article_id, actor, speaker, content_text, doc) VALUES (?,?,?,?,?,?)",
                [(q.id, q.article_id, q.actor, q.speaker, q.content_text, _enc.encode(q)) for q in quotes],
            )

    def quotes(
        self, *, story_id: str | None = None, actor: str | None = None, article_id: str | None = None
    ) -> list[Quote]:
        sql = "SELECT q.doc FROM quotes q"
        where: list[str] = []
        params: list[object] = []
        if story_id:
            sql += " JOIN story_articles s ON s.article_id = q.article_id"
            where.append("s.story_id = ?")
            params.append(story_id)
        # the story's actors the query names ("Hollis", "Prime Minister Hollis" for Annika Hollis)
        names = sorted({a.name.lower() for a in self.actors(story_id) if answers_to(a, actor)}) if actor else []
        if actor:  # candidates here (a group's members too: "Ines Marlow and Tomas Hopping"), decided below
            named = f" OR lower(q.actor) IN ({', '.join('?' * len(names))})" if names else ""
            where.append(f"(lower(q.speaker) = lower(?) OR instr(lower(q.actor), lower(?)) > 0{named})")
            params += [actor.strip(), actor.strip(), *names]
        if article_id:
            where.append("q.article_id = ?")
            params.append(article_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY q.article_id, q.seq"
        found = [_dec_quote.decode(r[0]) for r in self._q(sql, params)]
        return [q for q in found if quote_of(q, actor) or q.actor.lower() in names] if actor else found

    def search_quotes(self, query: str, limit: int = 50) -> list[Quote]:
        match = fts_query(query)
        if not match:
            return []
        rows = self._q(
            "SELECT q.doc FROM quotes_fts f JOIN quotes q ON q.seq = f.rowid"
            " WHERE quotes_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, limit),
        )
        return [_dec_quote.decode(r[0]) for r in rows]

    # -- provenance -------------------------------------------------------------------
    def put_edges(self, edges: Iterable[ProvenanceEdge]) -> None:
        with self.transaction():
            self._conn().executemany(
                "INSERT OR REPLACE INTO edges (derived_id, origin_key, origin_id, doc) VALUES (?,?,?,?)",
                [(e.derived_id, _edge_key(e), e.origin_id, _enc.encode(e)) for e in edges],
            )

    def edges(self, *, article_ids: Iterable[str] | None = None) -> list[ProvenanceEdge]:
        if article_ids is None:
            rows = self._q("SELECT doc FROM edges ORDER BY derived_id, origin_key")
        else:
            ids = list(dict.fromkeys(article_ids))
            rows = []
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows += self._q(
                    f"SELECT doc FROM edges WHERE derived_id IN ({marks}) OR origin_id IN ({marks})"
                    " ORDER BY derived_id, origin_key",
                    chunk + chunk,
                )
        seen: dict[bytes, ProvenanceEdge] = {}
        for (doc,) in rows:
            seen.setdefault(doc, _dec_edge.decode(doc))
        return list(seen.values())

    # -- stories ----------------------------------------------------------------------
    def put_stories(self, stories: Iterable[Story], changes: Iterable[StoryChange] = ()) -> None:
        with self.transaction():
            conn = self._conn()
            for story in stories:
                conn.execute(
                    "INSERT OR REPLACE INTO stories (id, title, first_published, last_published, size, doc)"
                    " VALUES (?,?,?,?,?,?)",
                    (
                        story.id,
                        story.title,
                        iso_utc(story.first_published),
                        iso_utc(story.last_published),
                        len(story.article_ids),
                        _enc.encode(story),
                    ),
                )
                conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
                conn.executemany(
                    "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?,?)",
                    [(a, story.id) for a in story.article_ids],
                )
                if not story.article_ids:
                    conn.execute("DELETE FROM stories WHERE id = ?", (story.id,))
            conn.executemany(
                "INSERT INTO story_changes (story_id, doc) VALUES (?,?)",
                [(c.story_id, _enc.encode(c)) for c in changes],
            )

    def stories(self) -> list[Story]:
        rows = self._q("SELECT doc FROM stories ORDER BY coalesce(last_published, '') DESC, size DESC, id")
        return [_dec_story.decode(r[0]) for r in rows]

    def get_story(self, story_id: str) -> Story | None:
        row = self._q("SELECT doc FROM stories WHERE id = ?", (story_id,))
        return _dec_story.decode(row[0][0]) if row else None

    def story_of(self, article_id: str) -> str | None:
        row = self._q("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        return row[0][0] if row else None

    def story_changes(self, story_id: str | None = None) -> list[StoryChange]:
        if story_id is None:
            rows = self._q("SELECT doc FROM story_changes ORDER BY seq")
        else:
            rows = self._q("SELECT doc FROM story_changes WHERE story_id = ? ORDER BY seq", (story_id,))
        return [_dec_change.decode(r[0]) for r in rows]

    # -- actors, propositions, timeline --------------------------------------------------
    def _replace_docs(self, table: str, story_id: str, docs: list[bytes]) -> None:
        with self.transaction():
            conn = self._conn()
            conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
            conn.executemany(f"INSERT INTO {table} (story_id, doc) VALUES (?,?)", [(story_id, d) for d in docs])

    def put_actors(self, story_id: str, actors: Iterable[Actor]) -> None:
        self._replace_docs("actors", story_id, [_enc.encode(a) for a in actors])

    def actors(self, story_id: str | None = None) -> list[Actor]:
        if story_id is None:
            rows = self._q("SELECT doc FROM actors ORDER BY seq")
        else:
            rows = self._q("SELECT doc FROM actors WHERE story_id = ? ORDER BY seq", (story_id,))
        return [_dec_actor.decode(r[0]) for r in rows]

    def put_propositions(self, story_id: str, propositions: Iterable[Proposition]) -> None:
        self._replace_docs("propositions", story_id, [_enc.encode(p) for p in propositions])

    def propositions(self, story_id: str) -> list[Proposition]:
        rows = self._q("SELECT doc FROM propositions WHERE story_id = ? ORDER BY seq", (story_id,))
        return [_dec_prop.decode(r[0]) for r in rows]

    def put_timeline(self, story_id: str, events: Iterable[TimelineEvent]) -> None:
        self._replace_docs("timeline", story_id, [_enc.encode(e) for e in events])

    def timeline(self, story_id: str) -> list[TimelineEvent]:
        rows = self._q("SELECT doc FROM timeline WHERE story_id = ? ORDER BY seq", (story_id,))
        return [_dec_event.decode(r[0]) for r in rows]

    # -- state ------------------------------------------------------------------------
    def queue_analysis(self, article_ids: Iterable[str]) -> None:
        with self.transaction():
            self._conn().executemany(
                "INSERT OR IGNORE INTO analysis_queue (article_id) VALUES (?)", ((aid,) for aid in article_ids)
            )

    def pending_analysis(self, limit: int | None = None) -> list[str]:
        rows = self._q("SELECT article_id FROM analysis_queue ORDER BY seq LIMIT ?", (-1 if limit is None else limit,))
        return [aid for (aid,) in rows]

    def count_pending_analysis(self) -> int:
        return int(self._q("SELECT count(*) FROM analysis_queue")[0][0])

    def finish_analysis(self, article_ids: Iterable[str]) -> None:
        with self.transaction():
            self._conn().executemany("DELETE FROM analysis_queue WHERE article_id = ?", ((aid,) for aid in article_ids))

    def put_state(self, name: str, data: bytes) -> None:
        with self.transaction():
            self._conn().execute("INSERT OR REPLACE INTO state (name, data) VALUES (?,?)", (name, data))

    def get_state(self, name: str) -> bytes | None:
        row = self._q("SELECT data FROM state WHERE name = ?", (name,))
        return bytes(row[0][0]) if row else None

    def put_states(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Several ``put_state`` in one statement (the resume marks of a batch of files)."""
        with self.transaction():
            self._conn().executemany("INSERT OR REPLACE INTO state (name, data) VALUES (?,?)", items)

    def get_states(self, names: Sequence[str]) -> dict[str, bytes]:
        """The states among ``names`` that exist, looked up a few hundred at a time."""
        found: dict[str, bytes] = {}
        for i in range(0, len(names), 400):
            chunk = list(names[i : i + 400])
            marks = ",".join("?" * len(chunk))
            rows = self._q(f"SELECT name, data FROM state WHERE name IN ({marks})", chunk)
            found.update((name, bytes(data)) for name, data in rows)
        return found

    # -- maintenance --------------------------------------------------------------------
    def integrity_check(self) -> str:
        return str(self._q("PRAGMA integrity_check")[0][0])
