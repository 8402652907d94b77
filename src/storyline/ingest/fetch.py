"""Fetching URLs with httpx: timeouts, a size cap, a user agent, and no private addresses by default."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from storyline.errors import FetchRefused
from storyline.ingest.records import IngestOptions


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL after redirects
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None = None  # validators for the next conditional GET
    last_modified: str | None = None
    not_modified: bool = False  # a 304 answer to a conditional GET: no content


class FetchFailed(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def check_host_allowed(url: str, allow_private: bool) -> None:
    """Refuse loopback, private, link-local and reserved addresses unless explicitly allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs can be fetched, not {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"the URL {url!r} has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchFailed("unreachable", f"cannot resolve host {host!r}: {exc.strerror}") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified:
            raise FetchRefused(f"{host} resolves to the non-public address {ip}")


def fetch(
    url: str,
    options: IngestOptions,
    client: httpx.Client | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET ``url`` and return its bytes; raise :class:`FetchFailed` or :class:`FetchRefused`.

    With ``etag`` or ``last_modified`` (from an earlier :class:`Fetched`) the GET is conditional,
    and an unchanged resource comes back as ``Fetched(not_modified=True)`` without content."""
    conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
    own = client is None
    if client is None:
        client = httpx.Client(
            timeout=httpx.Timeout(options.timeout, connect=min(10.0, options.timeout)),
            headers={
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml,"
                "application/rss+xml,application/atom+xml,application/json,text/plain;q=0.8,*/*;q=0.5",
            },
            follow_redirects=False,
        )
    try:
        current = url
        for _hop in range(6):
            check_host_allowed(current, options.allow_private)
            with client.stream("GET", current, headers=conditional) as response:
                if response.status_code == 304 and conditional:
                    return Fetched(
                        url=str(response.url),
                        content=b"",
                        content_type="",
                        charset=None,
                        etag=etag,
                        last_modified=last_modified,
                        not_modified=True,
                    )
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchFailed("http-error", f"redirect without a location from {current}")
                    current = str(response.url.join(location))
                    continue
                if response.status_code >= 400:
                    raise FetchFailed(
                        f"http-{response.status_code}", f"the server answered {response.status_code} for {current}"
                    )
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > options.max_bytes:
                    raise FetchFailed("too-large", f"{current} is {int(declared):,} bytes, over the cap")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_raw():
                    size += len(chunk)
                    if size > options.max_bytes:
                        raise FetchFailed("too-large", f"{current} is over the {options.max_bytes:,}-byte cap")
                    chunks.append(chunk)
                content = b"".join(chunks)
                encoding = response.headers.get("content-encoding", "")
                if encoding:
                    content = httpx.Response(200, headers={"content-encoding": encoding}, content=content).content
                ctype = response.headers.get("content-type", "")
                charset = response.charset_encoding
                return Fetched(
                    url=str(response.url),
                    content=content,
                    content_type=ctype,
                    charset=charset,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        raise FetchFailed("too-many-redirects", f"more than 5 redirects from {url}")
    except httpx.TimeoutException as exc:
        raise FetchFailed("timeout", f"timed out fetching {url}") from exc
    except httpx.HTTPError as exc:
        raise FetchFailed("unreachable", f"cannot fetch {url}: {exc}") from exc
    finally:
        if own:
            client.close()
