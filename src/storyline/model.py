"""The typed document model that flows through every Storyline stage.

Everything a stage reads or writes is one of the types below: frozen ``msgspec.Struct``s (fast,
typed JSON round-trips for the store and for Ray) with closed sets as ``Enum``. Offsets are
character offsets into ``Article.text`` (the cleaned text) unless a field says otherwise.

The pipeline fills the model in order:

    ingest      -> Article (raw, metadata from the source) | Rejection
    clean       -> Article.text, metadata, removals, normalized-text restoration
    provenance  -> ProvenanceEdge (with AlignedPassage and Drift)
    stories     -> Story (with StoryChange records for merges and splits)
    attribution -> Quote (with Actor)
    claims      -> Proposition (with Position, Conflict), TimelineEvent
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import msgspec


class Model(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Base of every model type: frozen, keyword-only, JSON-serialisable."""

    def replace(self, **changes: object):  # type: ignore[no-untyped-def]
        """Return a copy with ``changes`` applied (the struct itself is immutable)."""
        return msgspec.structs.replace(self, **changes)

    def to_dict(self) -> dict[str, object]:
        return msgspec.to_builtins(self)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- enums


class Stage(str, enum.Enum):
    INGEST = "ingest"
    CLEAN = "clean"
    PROVENANCE = "provenance"
    STORIES = "stories"
    ATTRIBUTION = "attribution"
    CLAIMS = "claims"
    TIMELINE = "timeline"


class SourceFormat(str, enum.Enum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"


class IngestOutcome(str, enum.Enum):
    INGESTED = "ingested"  # a new article
    UNCHANGED = "unchanged"  # same content already stored
    UPDATED = "updated"  # same URL, new content: a new version, the old one kept


class Relation(str, enum.Enum):
    REPUBLICATION = "republication"  # most of the copy aligns to the origin, in order
    DIGEST = "digest"  # passages and quotes of the origin reused, with a credit and new framing
    REWRITE = "rewrite"  # the origin's reporting retold, little verbatim text


class DriftKind(str, enum.Enum):
    DROPPED = "dropped"
    ADDED = "added"
    CHANGED = "changed"


class QuoteKind(str, enum.Enum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class CueClass(str, enum.Enum):
    """What a reporting verb signals about the speaker's stance toward the content."""

    NEUTRAL = "neutral"  # said, told, added
    EMPHATIC = "emphatic"  # insisted, stressed, emphasized
    DOUBTING = "doubting"  # claimed, alleged (the reporter keeps distance)
    CONCEDING = "conceding"  # acknowledged, conceded, admitted
    DENYING = "denying"  # denied, rejected, disputed
    CONFIRMING = "confirming"  # confirmed, reiterated
    ASKING = "asking"  # asked, questioned
    WARNING = "warning"  # warned, threatened
    ACCUSING = "accusing"  # accused, blamed
    PROMISING = "promising"  # promised, pledged, vowed
    EXPLAINING = "explaining"  # explained, noted
    SOURCE = "source"  # according to, reports
    BELIEF = "belief"  # believed, wanted, hoped: a state of mind the outlet reports, not words said
    OTHER = "other"  # no known reporting verb ("had been pushing", "has imposed"): attributed, not said


class SpeakerType(str, enum.Enum):
    PERSON = "person"
    ANONYMOUS = "anonymous"  # "a senior State Department official"
    GROUP = "group"  # "the North's delegation"
    ORGANIZATION = "organization"  # "KCNA", "the White House"
    OUTLET = "outlet"  # the publishing outlet's own assessment
    UNKNOWN = "unknown"


class Stance(str, enum.Enum):
    ASSERTS = "asserts"
    DENIES = "denies"
    QUALIFIES = "qualifies"
    CONCEDES = "concedes"


class ConflictKind(str, enum.Enum):
    SCOPE = "scope"  # all / partial / only
    POLARITY = "polarity"
    NUMBER = "number"
    DATE = "date"
    ENTITY = "entity"


class StoryChangeKind(str, enum.Enum):
    CREATED = "created"
    JOINED = "joined"
    MERGED = "merged"
    SPLIT = "split"


# --------------------------------------------------------------------------- spans


class Span(Model, frozen=True):
    """Half-open character range ``[start, end)`` into an article's cleaned text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


# --------------------------------------------------------------------------- ingest / clean


class Rejection(Model, frozen=True):
    """Something that could not become an article, and why. Recorded, counted, shown."""

    source: str  # the path, URL or "stdin:N" it came from
    stage: Stage
    reason: str  # a short stable code, e.g. "empty", "binary", "truncated-gzip"
    detail: str = ""  # a sentence a person can read
    at: datetime | None = None


class Removal(Model, frozen=True):
    """A piece of the raw text that cleaning removed, and why (so a user can see it)."""

    text: str
    reason: str  # e.g. "newsletter-prompt", "repeated-caption", "sidebar", "cut-fragment"
    detail: str = ""


class Article(Model, frozen=True):
    id: str  # deterministic: from the normalized URL, or from the content without one
    version: str  # hash of the raw content; one article id may have several versions
    source: str  # the path or URL it was ingested from
    raw: str  # the raw content as read (decoded to text)
    format: SourceFormat = SourceFormat.TEXT
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None
    text: str = ""  # cleaned body text (what every later stage reads)
    dateline: str | None = None  # "HANOI, Vietnam"
    credits: tuple[str, ...] = ()  # wire/source credits found in the text ("AP", ...)
    removed: tuple[Removal, ...] = ()  # what cleaning removed
    normalized_input: bool = False  # the raw text had been lowercased and stripped of punctuation
    partial: bool = False  # the raw is only a feed summary; a full copy of the same URL replaces it
    ingested_at: datetime | None = None


# --------------------------------------------------------------------------- provenance


class AlignedPassage(Model, frozen=True):
    derived: Span  # offsets into the derived article's cleaned text
    origin: Span | None = None  # offsets into the origin's cleaned text (None: external origin)
    similarity: float = 1.0  # 1.0 verbatim; lower: near-verbatim


class Drift(Model, frozen=True):
    kind: DriftKind
    origin_text: str = ""
    derived_text: str = ""
    note: str = ""  # "qualifier lost", "number changed 3 -> 4", ...


class ProvenanceEdge(Model, frozen=True):
    derived_id: str
    relation: Relation
    score: float
    reason: str
    origin_id: str | None = None  # None when the origin is not in the corpus
    origin_label: str | None = None  # e.g. "AP" (the credited wire service)
    passages: tuple[AlignedPassage, ...] = ()
    drift: tuple[Drift, ...] = ()
    # set on an edge to an external origin once an in-corpus origin of the same article turns up
    # later: the id of that origin (the edge is kept as a record, with score 0 and the reason why)
    superseded_by: str | None = None


# --------------------------------------------------------------------------- stories


class StoryChange(Model, frozen=True):
    story_id: str
    kind: StoryChangeKind
    reason: str
    article_id: str | None = None
    other_story_id: str | None = None
    at: datetime | None = None


class Story(Model, frozen=True):
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_published: datetime | None = None
    last_published: datetime | None = None


# --------------------------------------------------------------------------- attribution


class Actor(Model, frozen=True):
    id: str
    name: str  # canonical name, or a description for anonymous sources
    kind: SpeakerType = SpeakerType.PERSON
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # "State Department" for an anonymous official
    role: str | None = None  # "foreign minister"


class Quote(Model, frozen=True):
    id: str
    article_id: str
    speaker: str  # as written ("he", "a senior State Department official")
    actor: str  # canonical actor name, or the description for anonymous sources
    cue: str  # reporting verb as written
    kind: QuoteKind
    content: Span
    content_text: str
    cue_class: CueClass = CueClass.NEUTRAL
    speaker_type: SpeakerType = SpeakerType.UNKNOWN
    speaker_span: Span | None = None
    cue_span: Span | None = None
    confidence: float = 1.0


_NOT_SAID = (CueClass.BELIEF, CueClass.OTHER)


def reports_words(quote: Quote) -> bool:
    """Whether ``quote`` reports something its speaker said or wrote. A state of mind ("North Korea
    wanted a large package", "Kim was seeking relief") or a deed ("the council has imposed nearly a
    dozen resolutions") that attribution found without a reporting verb is told in the outlet's
    words, unless it is a direct quotation."""
    return quote.kind is QuoteKind.DIRECT or quote.cue_class not in _NOT_SAID


_MEMBERS = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


#: words that may stand before a person's surname in a query ("Prime Minister Hollis", "Sen. Cruz")
_QUERY_TITLES = frozenset(
    {"the", "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov", "governor"}
    | {"president", "vice", "prime", "minister", "secretary", "general", "chancellor", "speaker", "mayor"}
)


def answers_to(actor: Actor, query: str) -> bool:
    """Whether a user asking for ``query`` means ``actor``: its name or an alias (any case); for a
    person, the surname alone or after their role, titles or other names ("Hollis", "Prime Minister
    Hollis", "Ms. Hollis" for Annika Hollis, prime minister); "the prime minister" for the one with
    that role."""
    want = " ".join(query.lower().split())
    if not want or want == actor.name.lower() or want in (a.lower() for a in actor.aliases):
        return True
    if actor.kind is not SpeakerType.PERSON or not actor.name.split():
        return False
    role = (actor.role or "").lower()
    if role and want.removeprefix("the ") == role:
        return True
    words = [w.strip(".,") for w in want.split()]
    name = actor.name.lower().split()
    allowed = set(name) | set(role.split()) | _QUERY_TITLES
    return words[-1] == name[-1] and all(w in allowed for w in words[:-1])


def quote_of(quote: Quote, actor: str) -> bool:
    """Whether ``quote`` is ``actor``'s (any case): its actor, its speaker as written, or one of the
    people a group names ("Tomas Hopping" in "Ines Marlow and Tomas Hopping", who spoke together)."""
    want = actor.strip().lower()
    if want in (quote.actor.lower(), quote.speaker.lower()):
        return True
    return quote.speaker_type is SpeakerType.GROUP and want in _MEMBERS.split(quote.actor.lower())


# --------------------------------------------------------------------------- claims


class Evidence(Model, frozen=True):
    article_id: str
    text: str
    span: Span
    outlet: str | None = None
    said_at: datetime | None = None


class Claim(Model, frozen=True):
    """One attributed statement or key assertion, before grouping into propositions."""

    id: str
    article_id: str
    actor: str
    text: str
    span: Span
    quote_id: str | None = None
    cue: str | None = None
    cue_class: CueClass | None = None


class Position(Model, frozen=True):
    actor: str
    stance: Stance
    evidence: tuple[Evidence, ...]
    cue: str | None = None
    said_at: datetime | None = None
    independent_origins: int = 0
    outlets: tuple[str, ...] = ()


class Conflict(Model, frozen=True):
    kind: ConflictKind
    a: Evidence
    b: Evidence
    reason: str


class Proposition(Model, frozen=True):
    id: str
    story_id: str
    text: str
    positions: tuple[Position, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    independent_origins: int = 0


class TimelineEvent(Model, frozen=True):
    story_id: str
    date: str  # ISO date (YYYY-MM-DD) or range start
    event: str
    evidence: tuple[Evidence, ...] = ()
    end_date: str | None = None
    expression: str | None = None  # the words the date was read from, as written: "on Friday"


# --------------------------------------------------------------------------- ids

_TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$|cmpid$|ocid$)")


def said_iso(when: datetime | None) -> str | None:
    """``when`` as records show it: a statement known only to its day (counted at the day's end by
    :func:`storyline.claims.propositions.said_at`, to order it after timed reports) is that day, not
    23:59:59.999999."""
    if when is None:
        return None
    if when.time() == datetime.max.time():
        return when.date().isoformat()
    return when.isoformat()


def normalize_url(url: str) -> str:
    """Canonical form of a URL for identity: lowercase scheme/host, no fragment, no tracking
    parameters, sorted query, no trailing slash, no default port, no ``www.``."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    if scheme == "https":
        scheme = "http"  # the same article over http and https is one article
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k))
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def _digest(text: str, size: int = 16) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size // 2).hexdigest()


def content_fingerprint(text: str) -> str:
    """Hash of content that ignores Unicode form and whitespace differences."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _digest(" ".join(text.split()))


def article_id(url: str | None, content: str, *, fingerprint: str | None = None) -> str:
    """Deterministic article id: from the normalized URL when there is one, else the content
    (pass ``fingerprint`` when the content's :func:`content_fingerprint` is already known)."""
    if url:
        return "a_" + _digest("url:" + normalize_url(url))
    return "a_" + _digest("content:" + (fingerprint or content_fingerprint(content)))


def stable_id(prefix: str, *parts: str) -> str:
    """Deterministic id for derived records (quotes, stories, propositions)."""
    return f"{prefix}_" + _digest("\x1f".join(parts))
