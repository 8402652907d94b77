"""Load benchmark of the web UI: a store of 10,000 generated (fictional) stories, the server on
127.0.0.1 under uvicorn, 50 concurrent clients on the story page for 30 seconds.

    python benchmarks/web_load.py [--stories 10000] [--clients 50] [--seconds 30] [--workers 2]
                                  [--mode mixed|hot|both] [--db PATH]

``hot``: every client asks for the same story page (the cached path). ``mixed``: each request picks
one of all the stories at random (mostly cache misses: the page is built from the store).
Uses wrk when it is installed (Debian: ``apt-get install wrk``), else a small asyncio load generator.
Prints requests/s, errors, p50 and p99 latency per mode. Target: zero errors, p99 <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from storyline.model import (  # noqa: E402
    AlignedPassage,
    Article,
    CueClass,
    Evidence,
    Position,
    Proposition,
    ProvenanceEdge,
    Quote,
    QuoteKind,
    Relation,
    Span,
    SpeakerType,
    Stance,
    Story,
    TimelineEvent,
    stable_id,
)
from storyline.store import SqliteStore  # noqa: E402

TOWNS = ["Port Meridian", "Ashby Vale", "Corran", "Lindqvist Bay", "Novo Tarn", "Ellery Cross", "Halvard"]
THINGS = ["bridge", "water plant", "rail depot", "school board", "harbor fund", "tram line", "power grid"]
OUTLETS = [
    "Meridian Ledger",
    "Daily Lantern",
    "Valley Digest",
    "Northern Post",
    "Harbor Times",
    "Gull Gazette",
]
PEOPLE = ["Ilsa Varga", "Tomas Brandt", "Ada Quill", "Renata Oss", "Piet Lund", "Mira Sallow"]


def build_store(path: Path, n_stories: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    store = SqliteStore(path)
    base = datetime(2031, 1, 1, tzinfo=UTC)
    with store.transaction():
        for i in range(n_stories):
            town, thing = rng.choice(TOWNS), rng.choice(THINGS)
            who, other = rng.sample(PEOPLE, 2)
            day = base + timedelta(hours=i)
            quote = f"We will finish the {thing} work by spring, whatever it takes number {i}"
            denial = f"There is no chance the {thing} is ready before autumn"
            lead = (
                f"Officials in {town} said on Monday that the {thing} project number {i} would be delayed "
                f"after a review found problems with its budget."
            )
            texts = [
                f'{lead}\n\n{who} said: "{quote}," at a briefing.\n\n'
                f'{other} disagreed. "{denial}," {other} said.',
                f'{lead}\n\n{who} said: "{quote}," at a briefing.\n\nThis story first ran elsewhere.',
                f"In brief: {town} faces delays. {who} promised the {thing} by spring; {other} said autumn.",
                f"Residents of {town} are frustrated with the {thing} project. "
                f'"{denial}," {other} said again.',
            ]
            arts = []
            for j, text in enumerate(texts):
                url = f"https://{OUTLETS[j].lower().replace(' ', '-')}.example/{i}/{j}"
                a = Article(
                    id=stable_id("a", url),
                    version="v1",
                    source=url,
                    raw=text,
                    url=url,
                    outlet=OUTLETS[(i + j) % len(OUTLETS)],
                    title=f"{town} {thing} delayed ({i})",
                    text=text,
                    published=day + timedelta(minutes=10 * j),
                )
                store.put_article(a)
                arts.append(a)
            quotes = []
            for a in arts:
                qs = []
                for content, actor, cue, cls in (
                    (quote, who, "said", CueClass.NEUTRAL),
                    (denial, other, "said", CueClass.DENYING),
                ):
                    k = a.text.find(content)
                    if k >= 0:
                        qs.append(
                            Quote(
                                id=stable_id("q", a.id, str(k)),
                                article_id=a.id,
                                speaker=actor,
                                actor=actor,
                                cue=cue,
                                kind=QuoteKind.DIRECT,
                                content=Span(start=k, end=k + len(content)),
                                content_text=content,
                                cue_class=cls,
                                speaker_type=SpeakerType.PERSON,
                            )
                        )
                store.put_quotes(a.id, qs)
                quotes += qs
            k = len(lead)
            store.put_edges(
                [
                    ProvenanceEdge(
                        derived_id=arts[1].id,
                        origin_id=arts[0].id,
                        relation=Relation.REPUBLICATION,
                        score=0.9,
                        reason="two paragraphs verbatim",
                        passages=(AlignedPassage(derived=Span(start=0, end=k), origin=Span(start=0, end=k)),),
                    ),
                    ProvenanceEdge(
                        derived_id=arts[2].id,
                        origin_id=arts[0].id,
                        relation=Relation.DIGEST,
                        score=0.6,
                        reason="retells both quotes",
                    ),
                ]
            )
            story = Story(
                id=f"s_{i:05d}",
                title=f"{town} {thing} project {i} delayed",
                article_ids=tuple(a.id for a in arts),
                first_published=arts[0].published,
                last_published=arts[-1].published,
            )
            store.put_stories([story])
            ev_a = Evidence(
                article_id=quotes[0].article_id, text=quote, span=quotes[0].content, outlet=arts[0].outlet
            )
            ev_d = Evidence(
                article_id=quotes[1].article_id, text=denial, span=quotes[1].content, outlet=arts[0].outlet
            )
            store.put_propositions(
                story.id,
                [
                    Proposition(
                        id=stable_id("p", story.id),
                        story_id=story.id,
                        text=f"The {thing} will be ready by spring",
                        positions=(
                            Position(
                                actor=who,
                                stance=Stance.ASSERTS,
                                evidence=(ev_a,),
                                cue="said",
                                independent_origins=1,
                                outlets=(arts[0].outlet or "",),
                            ),
                            Position(
                                actor=other,
                                stance=Stance.DENIES,
                                evidence=(ev_d,),
                                cue="said",
                                independent_origins=2,
                                outlets=(arts[0].outlet or "", arts[3].outlet or ""),
                            ),
                        ),
                        independent_origins=2,
                    )
                ],
            )
            store.put_timeline(
                story.id,
                [
                    TimelineEvent(
                        story_id=story.id,
                        date=(day - timedelta(days=3)).date().isoformat(),
                        event="Budget review finds problems",
                    ),
                    TimelineEvent(
                        story_id=story.id,
                        date=day.date().isoformat(),
                        event="Delay announced",
                        evidence=(ev_a,),
                    ),
                ],
            )
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STORYLINE_WEB_DB": str(db), "PYTHONPATH": str(REPO / "src")}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "storyline.web.app:app_from_env",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, env=env)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not start")


WRK_SCRIPT = """
local ids = {}
for line in io.lines("%s") do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/story/" .. ids[math.random(#ids)])
end
"""


def _ms(value: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", value)
    if not m:
        return float("nan")
    n, unit = float(m.group(1)), m.group(2)
    return n / 1000 if unit == "us" else n * 1000 if unit == "s" else n


def run_wrk(url: str, clients: int, seconds: int, ids_file: Path | None) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    script = None
    if ids_file is not None:
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(WRK_SCRIPT % ids_file)
        cmd += ["-s", str(script)]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    if script:
        script.unlink()
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return {
        "requests": total,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "errors": errors,
        "p50_ms": _ms(lat.get("50", "nan")),
        "p99_ms": _ms(lat.get("99", "nan")),
    }


async def _fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One keep-alive HTTP/1.1 GET on an open connection; returns the status code."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length is None:
        raise ValueError("response without content-length")
    await reader.readexactly(int(length.group(1)))
    return status


async def _asyncio_load(port: int, paths: list[str], clients: int, seconds: int) -> dict[str, float]:
    """A small load generator over raw asyncio streams (much lighter than an HTTP client library,
    so it measures the server rather than itself). Loopback only, bounded in time."""
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def client() -> None:
        nonlocal errors
        rng = random.Random()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.monotonic() < stop:
            t = time.perf_counter()
            try:
                if await asyncio.wait_for(_fetch(reader, writer, rng.choice(paths)), 5) != 200:
                    errors += 1
            except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            latencies.append((time.perf_counter() - t) * 1000)
        writer.close()

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "errors": errors,
        "p50_ms": q[49],
        "p99_ms": q[98],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--mode", choices=["mixed", "hot", "both"], default="both")
    ap.add_argument("--db", type=Path, help="reuse (or create) the generated store here")
    ap.add_argument("--generator", choices=["auto", "wrk", "asyncio"], default="auto")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="storyline-web-load-"))
    db = args.db or tmp / "load.db"
    if not db.exists():
        t = time.perf_counter()
        build_store(db, args.stories)
        print(f"built {args.stories} stories in {time.perf_counter() - t:.1f} s: {db}")
    ids = [s.id for s in SqliteStore(db, readonly=True).stories()]
    ids_file = tmp / "ids.txt"
    ids_file.write_text("\n".join(ids) + "\n")
    port = free_port()
    proc = start_server(db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    use_wrk = args.generator == "wrk" or (args.generator == "auto" and shutil.which("wrk"))
    failed = False
    try:
        modes = ["hot", "mixed"] if args.mode == "both" else [args.mode]
        for mode in modes:
            hot = ids[len(ids) // 2]
            if mode == "hot":  # warm both workers' caches (not measured)
                import httpx

                for _ in range(4 * args.workers):
                    httpx.get(f"{base}/story/{hot}", timeout=30)
            if use_wrk:
                res = run_wrk(
                    f"{base}/story/{hot}" if mode == "hot" else base,
                    args.clients,
                    args.seconds,
                    None if mode == "hot" else ids_file,
                )
            else:
                paths = [f"/story/{hot}"] if mode == "hot" else [f"/story/{i}" for i in ids]
                res = asyncio.run(_asyncio_load(port, paths, args.clients, args.seconds))
            ok = res["errors"] == 0 and res["p99_ms"] <= 100
            failed |= not ok
            print(
                f"story page, {mode:5s}: {len(ids)} stories, {args.clients} clients, {args.seconds} s, "
                f"{args.workers} workers, {'wrk' if use_wrk else 'asyncio'}: {res['requests']:.0f} requests, "
                f"{res['rps']:.0f} req/s, errors {res['errors']:.0f}, p50 {res['p50_ms']:.1f} ms, "
                f"p99 {res['p99_ms']:.1f} ms -> {'PASS' if ok else 'MISS'} (target: 0 errors, p99 <= 100 ms)"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if args.db is None:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            ids_file.unlink(missing_ok=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
