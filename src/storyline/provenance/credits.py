"""Credits to external sources: wire services named in datelines, taglines and attributions.

Three kinds of credit, with different weight as provenance evidence:

- ``dateline`` / ``tagline``: ``HANOI, Vietnam (AP) —``, the stripped ``hanoi vietnam ap president``,
  ``Associated Press writer X contributed``, ``talmadge is the ap s pyongyang bureau chief``. These
  mark the body as the wire's copy: the article republishes it.
- ``attribution``: ``The Associated Press reports``, ``according to Reuters``, ``AP says``. These
  mark reporting taken from the wire; with quotes next to them (or repeated) the article digests it.
- ``metadata``: credits the cleaner already put on the article (``Article.credits``, a wire in
  ``Article.dateline``).

Photo credits (``AP Photo/Evan Vucci``) are not credits of the text and are ignored.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from storyline.model import Article, Span
from storyline.provenance.normalize import NormalizedText, normalize_text

# label -> names as written (lowercase, tokenized the way normalize_text tokenizes)
WIRES: dict[str, tuple[str, ...]] = {
    "AP": ("associated press", "ap"),
    "Reuters": ("thomson reuters", "reuters"),
    "AFP": ("agence france presse", "afp"),
    "UPI": ("united press international", "upi"),
    "dpa": ("deutsche presse agentur", "dpa"),
    "Xinhua": ("xinhua news agency", "xinhua"),
    "Kyodo": ("kyodo news", "kyodo"),
    "Yonhap": ("yonhap news agency", "yonhap"),
    "Bloomberg": ("bloomberg news",),
    "EFE": ("efe",),
    "ANSA": ("ansa",),
    "TASS": ("tass",),
    "PTI": ("press trust of india", "pti"),
}
_NAME_TOKENS: list[tuple[tuple[str, ...], str]] = sorted(
    ((tuple(name.split()), label) for label, names in WIRES.items() for name in names),
    key=lambda item: -len(item[0]),
)
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _names, _label in _NAME_TOKENS:
    _BY_FIRST.setdefault(_names[0], []).append((_names, _label))
_SHORT_NAMES = {names[0] for names, _ in _NAME_TOKENS if len(names) == 1 and len(names[0]) <= 4}

_REPORT_VERBS = {
    "reports",
    "reported",
    "says",
    "said",
    "explains",
    "explained",
    "writes",
    "wrote",
    "notes",
    "noted",
    "adds",
    "added",
    "reporting",
    "continues",
    "continued",
    "quotes",
    "quoted",
    "found",
    "learned",
    "reveals",
    "revealed",
    "observes",
    "observed",
    "points",
}
_AFTER_NOT_CREDIT = {"photo", "photos", "images", "image", "file", "graphic", "video", "poll", "fact"}
_TAGLINE_ROLES = {
    "writer",
    "writers",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "chief",
    "editor",
    "contributed",
    "contributing",
}
_BEFORE_NOT_DATELINE = {"the", "to", "told", "by", "in", "from", "with", "an", "a", "of", "per", "via"}
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,600})[\"“”]")

DATELINE_TOKENS = 45  # a dateline credit sits in the first words of the body
TAGLINE_TOKENS = 80  # a tagline sits in the last words


@dataclass(frozen=True, slots=True)
class Credit:
    """One credit to an external source found in (or on) an article."""

    label: str  # canonical source name, e.g. "AP"
    kind: str  # "dateline" | "tagline" | "attribution" | "metadata"
    text: str  # as written, e.g. "hanoi vietnam ap", "The Associated Press reports"
    span: Span | None = None  # where in Article.text (None for metadata)
    quoted: bool = False  # a quotation sits next to an attribution credit

    @property
    def marks_wire_copy(self) -> bool:
        return self.kind in ("dateline", "tagline", "metadata")


@functools.lru_cache(maxsize=4096)
def canonical_source(name: str | None) -> str | None:
    """The wire label for an outlet or credit name ("The Associated Press" -> "AP"), else None."""
    if not name:
        return None
    tokens = tuple(normalize_text(name).tokens)
    if tokens[:1] == ("the",):
        tokens = tokens[1:]
    for names, label in _NAME_TOKENS:
        if tokens == names or tokens == tuple(label.lower().split()):
            return label
    return None


def _match_name(tokens: tuple[str, ...], i: int) -> tuple[str, int] | None:
    for names, label in _BY_FIRST.get(tokens[i], ()):
        if tokens[i : i + len(names)] == names:
            return label, len(names)
    return None


def _dateline_marked(text: str, start: int, end: int) -> bool:
    """In cased text a dateline credit is set off: "HANOI (AP) —", "LONDON, AFP -"."""
    return text[max(start - 1, 0) : start] == "(" or any(c in text[end : end + 4] for c in "—–-:")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos))
    start = 0 if start < 0 else start + 1
    ends = [e for e in (text.find(". ", pos), text.find("\n", pos), text.find("? ", pos)) if e >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def _quoted_near(text: str, start: int, end: int) -> bool:
    """A quotation of 4+ words in the credit's sentence, or just before a short credit sentence
    ('"So who's telling the truth?" The Associated Press reports.')."""
    s0, s1 = _sentence_bounds(text, start)
    window_start = s0
    if len(text[s0:s1].split()) <= 10:
        window_start = _sentence_bounds(text, max(s0 - 2, 0))[0]
    window = text[max(window_start - 1, 0) : min(s1 + 1, len(text))]
    return any(len(m.group(1).split()) >= 4 for m in _QUOTE.finditer(window))


def find_credits(article: Article, norm: NormalizedText | None = None) -> list[Credit]:
    """Every credit to a wire service in ``article``: metadata, datelines, taglines, attributions."""
    text = article.text
    norm = norm if norm is not None else normalize_text(text)
    found: list[Credit] = []
    tokens = norm.tokens
    cased = not article.normalized_input and any(c in text[:3000] for c in ".,;:")
    i = 0
    while i < len(tokens):
        hit = _match_name(tokens, i)
        if hit is None:
            i += 1
            continue
        label, width = hit
        j = i + width
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[j] if j < len(tokens) else ""
        raw = text[norm.starts[i] : norm.ends[j - 1]]
        # short names ("ap", "afp") must be upper case in cased text: "ap" there is a word fragment
        short = width == 1 and tokens[i] in _SHORT_NAMES
        if (short and cased and not raw.isupper()) or after in _AFTER_NOT_CREDIT:
            i = j
            continue
        kind = ""
        first, last = i, j
        lead = 1 if before == "the" else 0  # "according to the Associated Press"
        before_name = tokens[i - 1 - lead] if i - 1 - lead >= 0 else ""
        before_name2 = tokens[i - 2 - lead] if i - 2 - lead >= 0 else ""
        near_end = len(tokens) - j <= TAGLINE_TOKENS
        if (
            after in _REPORT_VERBS
            or before_name in ("according", "reports", "reported", "told", "tells")
            or (before_name == "to" and before_name2 == "according")
        ):
            kind = "attribution"
            if after in _REPORT_VERBS:
                last = j + 1
            first = i - lead
            if before_name == "to" and before_name2 == "according":
                first = i - lead - 2
        elif near_end and after == "s" and any(t in _TAGLINE_ROLES for t in tokens[j : j + 6]):
            kind = "tagline"  # "... is the AP's Pyongyang bureau chief"
        elif (
            near_end
            and any(t in _TAGLINE_ROLES for t in tokens[j : j + 2])
            and any(t in ("contributed", "contributing") for t in tokens[j : j + 8])
        ):
            kind = "tagline"  # "Associated Press writer X contributed to this report"
        elif near_end and before == "copyright":
            kind = "tagline"
        elif (
            i < DATELINE_TOKENS
            and before not in _BEFORE_NOT_DATELINE
            and not any(c.kind == "dateline" for c in found)  # one dateline per article: the first
            and (not cased or _dateline_marked(text, norm.starts[i], norm.ends[j - 1]))
        ):
            kind = "dateline"
            first = max(0, i - 2)
        if kind:
            start, end = norm.starts[first], norm.ends[last - 1]
            quoted = kind == "attribution" and not article.normalized_input and _quoted_near(text, start, end)
            found.append(Credit(label, kind, text[start:end], Span(start=start, end=end), quoted))
        i = j
    own = _own_names(article)
    found = [c for c in found if c.label.lower() not in own]
    return found + _metadata_credits(article, {c.label for c in found}, norm)


def _names_in(tokens: tuple[str, ...], name: str) -> bool:
    """Whether the words of ``name`` occur, in order, in ``tokens``."""
    target = name_tokens(name)
    if not target:
        return False
    width, first = len(target), target[0]
    return any(tokens[i : i + width] == target for i, t in enumerate(tokens) if t == first)


def _metadata_credits(article: Article, in_text: set[str], norm: NormalizedText) -> list[Credit]:
    """Credits the cleaner recorded. One whose source the text no longer names was taken from a
    dateline, byline or tagline that cleaning removed: it marks wire copy. One the text still
    names is the attribution already found there."""
    out: list[Credit] = []
    wire: str | None = None
    if article.dateline:
        m = re.search(r"\(([^)]+)\)", article.dateline)
        words = article.dateline.split()
        wire = canonical_source(m.group(1)) if m else (canonical_source(words[-1]) if words else None)
        if wire:
            out.append(Credit(label=wire, kind="metadata", text=article.dateline))
    for name in article.credits:
        label = canonical_source(name) or name
        if label in in_text or label == wire or not _looks_like_source_name(label):
            continue
        if _names_in(norm.tokens, name):
            # the text still names it ("Bloomberg reported that ..."): an attribution, not wire copy
            out.extend(find_name_credits(article, norm, name))
        else:
            out.append(Credit(label=label, kind="metadata", text=name))
    own = _own_names(article)
    return [c for c in out if c.label.lower() not in own]


def _looks_like_source_name(label: str) -> bool:
    """A credited source is a short name ("Reuters", "Continental Press"), not a sentence fragment."""
    words = label.split()
    return 0 < len(words) <= 4 and not any(c in label for c in '.,;:!?"“”')


def _own_names(article: Article) -> set[str]:
    """The article's own outlet, by name and by initials: crediting itself is not a derivation."""
    outlet = (article.outlet or "").strip()
    if not outlet:
        return set()
    initials = "".join(w[0] for w in outlet.split() if w[:1].isupper())
    names = {outlet.lower(), initials.lower()} if len(initials) >= 2 else {outlet.lower()}
    canonical = canonical_source(outlet)
    if canonical:
        names.add(canonical.lower())
    return names


def name_tokens(name: str) -> tuple[str, ...]:
    tokens = tuple(normalize_text(name).tokens)
    return tokens[1:] if tokens[:1] == ("the",) and len(tokens) > 1 else tokens


def find_name_credits(article: Article, norm: NormalizedText, name: str) -> list[Credit]:
    """Attributions to an outlet by name ("Daily Ledger reports", "according to the Courier")."""
    target = name_tokens(name)
    if not target:
        return []
    tokens, width, found = norm.tokens, len(target), []
    for i in range(len(tokens) - width + 1):
        if tokens[i : i + width] != target:
            continue
        j = i + width
        before = tokens[i - 1] if i > 0 else ""
        before2 = tokens[i - 2] if i > 1 else ""
        after = tokens[j] if j < len(tokens) else ""
        if (
            after in _REPORT_VERBS
            or before in ("according", "reports", "reported", "told", "tells")
            or (before in ("to", "the") and before2 in ("according", "to"))
        ):
            start, end = norm.starts[i], norm.ends[j - 1]
            quoted = not article.normalized_input and _quoted_near(article.text, start, end)
            found.append(Credit(name, "attribution", article.text[start:end], Span(start=start, end=end), quoted))
    return found


def external_labels(credits: list[Credit]) -> set[str]:
    return {c.label for c in credits}


def describe(credit: Credit) -> str:
    where = {
        "dateline": "in its dateline",
        "tagline": "in its tagline",
        "attribution": "in the text",
        "metadata": "in its metadata",
    }[credit.kind]
    return f"credited '{credit.label}' {where} ('{credit.text}')"
