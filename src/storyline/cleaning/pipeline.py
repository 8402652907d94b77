"""The cleaning stage: one pure function from an ingested Article to a cleaned Article.

    HTML  -> main text and metadata (cleaning.html) -> plain-text cleaning
    TEXT  -> plain-text cleaning

Plain-text cleaning: metadata read from the text (cleaning.metadata, when present), then either
stream cleaning + restoration (lowercased, punctuation-stripped text) or none, then block furniture
removal until a fixed point. Every removal is recorded with a reason. Applying the stage to its own
output changes nothing: restored text is cased, so it is not restored twice, and the block rules
run to a fixed point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from storyline.cleaning.furniture import clean_blocks, split_blocks
from storyline.cleaning.furniture_outlet import outlet_in_furniture
from storyline.cleaning.metadata import distinct_credits, extract_text_metadata
from storyline.cleaning.normalized import is_normalized_text
from storyline.cleaning.profile import OutletProfile, drop_recurring_ngrams
from storyline.cleaning.restoration import load_model
from storyline.cleaning.stream import clean_stream
from storyline.cleaning.text_header import HEADER_MAX_BLOCKS, is_prose, read_text_header
from storyline.model import Article, Removal, SourceFormat
from storyline.text_lines import text_lines


@dataclass
class TextCleaning:
    """What plain-text cleaning found (before it is folded into an Article)."""

    text: str
    removed: list[Removal] = field(default_factory=list)
    normalized_input: bool = False
    title: str | None = None
    dek: str | None = None
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    updated: datetime | None = None
    outlet: str | None = None
    byline: str | None = None
    published: datetime | None = None


def _text_metadata(text: str, found: TextCleaning) -> None:
    """Metadata from the text (update date, dateline, wire and source credits), see
    :func:`storyline.cleaning.metadata.extract_text_metadata`."""
    meta = extract_text_metadata(text)
    found.updated = found.updated or meta.updated
    found.dateline = found.dateline or meta.dateline
    credits = list(found.credits)
    for value in meta.credits:
        if value not in credits:
            credits.append(value)
    found.credits = tuple(credits)


def _is_normalized(text: str) -> bool:
    """``is_normalized_text``, answered at once for text with a capital letter (most text)."""
    if not text.islower() and any(map(str.isupper, text)):
        return False
    return is_normalized_text(text)


def clean_text(text: str, profile: OutletProfile | None = None) -> TextCleaning:
    """Clean scraped plain text: restore it if it was normalized, then remove furniture."""
    found = TextCleaning(text="")
    lines = profile.line_keys() if profile is not None else frozenset()
    if _is_normalized(text):
        text = _restore_stream(text, profile, found)
    _text_metadata(text, found)
    text = _text_header(text, found)
    cleaned, removed, title, dek = clean_blocks(text, outlet_lines=lines)
    found.removed.extend(removed)
    found.title, found.dek = title, dek
    found.outlet = found.outlet or outlet_in_furniture(found.removed)
    if not found.normalized_input and _is_normalized(cleaned):
        # furniture around a stripped body hid it (e.g. a cased title line): restore what is left
        cleaned = _restore_stream(cleaned, profile, found)
        cleaned, removed, _, _ = clean_blocks(cleaned, outlet_lines=lines)
        found.removed.extend(removed)
    found.text = cleaned
    return found


_HEADER_REASONS = {
    "masthead": "the outlet's name and section (kept as metadata)",
    "byline": "the author line (kept as metadata)",
    "date-line": "the publication date line (kept as metadata)",
}


def _text_header(text: str, found: TextCleaning) -> str:
    """Read masthead, byline and date lines at the top of the text; return the text without them.
    Only the first few non-empty lines are looked at (this runs on every article)."""
    header = read_text_header(_lead_lines(text))
    if not header.lines:
        return text
    found.outlet = header.outlet
    found.byline = header.byline
    if header.published is not None:
        published = header.published
        found.published = published if published.tzinfo else published.replace(tzinfo=UTC)
    found.removed.extend(
        Removal(text=line.text, reason=line.kind, detail=_HEADER_REASONS[line.kind]) for line in header.lines
    )
    dropped = {line.index for line in header.lines}  # only those lines: the same words later are body
    return "\n\n".join(b for i, b in enumerate(split_blocks(text)) if i not in dropped)


def _lead_lines(text: str) -> list[str]:
    """The non-empty lines before the body that :func:`read_text_header` looks at: up to
    ``HEADER_MAX_BLOCKS`` of them, single-spaced, ending at the first line of prose (the header
    reader stops there). The text's lines are those its fingerprint was taken from, when it was
    (see :mod:`storyline.text_lines`), and the ones the block rules read next."""
    lead: list[str] = []
    for line in text_lines(text):
        lead.append(line)
        if len(lead) == HEADER_MAX_BLOCKS or is_prose(line):
            break
    return lead


def _restore_stream(text: str, profile: OutletProfile | None, found: TextCleaning) -> str:
    found.normalized_input = True
    tokens = text.split()
    if profile is not None and profile.ngrams:
        tokens, runs = drop_recurring_ngrams(tokens, profile)
        found.removed.extend(
            Removal(text=r, reason="outlet-furniture", detail="recurs across this outlet's articles") for r in runs
        )
    stream = clean_stream(" ".join(tokens), load_model())
    found.removed.extend(stream.removed)
    found.dateline = found.dateline or stream.dateline
    found.credits = tuple(dict.fromkeys((*found.credits, *stream.credits)))
    if found.published is None and stream.published is not None:
        published = stream.published
        found.published = published if published.tzinfo else published.replace(tzinfo=UTC)
    return stream.text


def clean_article(article: Article, profile: OutletProfile | None = None) -> Article:
    """Clean one article (pure: returns a new Article; ``article.raw`` is kept as it was)."""
    changes: dict[str, object] = {}
    raw = article.raw
    removed: list[Removal] = []
    if article.format == SourceFormat.HTML:
        from storyline.cleaning.html import extract_html

        page = extract_html(raw, article.url)
        for name in ("title", "dek", "byline", "outlet", "published", "updated", "language", "dateline"):
            value = getattr(page, name, None)
            if value and getattr(article, name) is None:
                changes[name] = value
        if getattr(page, "credits", None):
            changes["credits"] = tuple(page.credits)
        removed.extend(getattr(page, "removed", ()) or ())
        raw = page.text or ""
    found = clean_text(raw, profile)
    removed.extend(found.removed)
    for name in ("title", "dek", "dateline", "updated", "outlet", "byline", "published"):
        value = getattr(found, name)
        if value and getattr(article, name) is None and name not in changes:
            changes[name] = value
    html_credits = changes.pop("credits", None)
    earlier = tuple(html_credits) if isinstance(html_credits, tuple) else article.credits
    credits = distinct_credits((*earlier, *found.credits))
    return article.replace(
        text=found.text,
        removed=tuple(removed),
        normalized_input=found.normalized_input,
        credits=credits,
        **changes,
    )
