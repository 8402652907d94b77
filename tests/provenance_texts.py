"""Hand-written test texts for the provenance tests (a fictional event; no seed or eval text)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from storyline.model import Article

ORIGIN = (
    "The city council of Port Alder voted late on Tuesday to close the old harbour bridge for "
    "repairs, ending weeks of argument over who should pay for the work. Council leader Maria "
    'Ostrander said the decision was overdue. "We cannot keep asking people to drive over a bridge '
    "that our own engineers say is unsafe,\" she told reporters after the vote. The engineers' "
    "report, published in March, found corrosion in only three of the twelve support columns, but "
    "warned that the damage would spread within two years if nothing was done. Repairs are expected "
    "to cost about 14 million dollars, and the council wants the regional government to pay half. "
    'Regional transport minister Jonas Pell rejected that request on Wednesday morning. "The bridge '
    'belongs to the city, and the city has known about this problem for a decade," Pell said in a '
    "statement. Shop owners on the harbour side of the river fear that the closure, planned to last "
    "eight months, will cut them off from their customers. A ferry service will run every twenty "
    "minutes while the bridge is closed, the council said, and parking near the ferry landing will "
    "be free. The opposition Green group voted against the closure, arguing that a weight limit for "
    "lorries would have been enough for now. Work is due to begin in the first week of June."
)

SIDEBAR = "Top stories Local bakery wins national prize Weather warning for the weekend"

# Two unrelated filler paragraphs, used as a digest's own framing.
FRAMING = (
    "Residents of Port Alder have complained for years about traffic on the harbour road. "
    "Local elections are due next spring, and transport has become the main issue of the campaign."
)
FRAMING_END = "What happens next will depend on talks between the city and the region this summer."

# An independent report on the same event: its own words, one short shared quote fragment.
INDEPENDENT = (
    "Drivers in Port Alder face months of detours after councillors backed a plan to shut the "
    "harbour bridge. Speaking outside the town hall, Ostrander defended the move and said the city "
    "could not wait any longer for money from the region. Pell, for his part, told a radio station "
    "that the region had already spent heavily on roads in the area and would not fund a city "
    'bridge. Traders in the old market said they had not been consulted. "Nobody asked us," said '
    "Ana Ruiz, who runs a fish stall near the water. The council has promised a ferry during the "
    "works, which are due to start in June and to last most of the year, and the Greens, who wanted "
    "a weight limit instead, said they would keep fighting the closure."
)

T0 = datetime(2024, 5, 14, 20, 0, tzinfo=UTC)


def stripped(text: str) -> str:
    """Lowercased, punctuation removed (a scraped copy)."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())


def article(
    aid: str,
    text: str,
    outlet: str | None = None,
    hours: float | None = None,
    normalized: bool = False,
    credits: tuple[str, ...] = (),
) -> Article:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return Article(
        id=aid,
        version=aid,
        source=f"test:{aid}",
        raw=text,
        text=text,
        outlet=outlet,
        published=published,
        normalized_input=normalized,
        credits=credits,
    )


def republication_of(text: str) -> str:
    """Cut at both ends (mid-word) with a sidebar pasted inside."""
    body = text[37:-60]
    cut = body.index(" Regional transport")
    return body[:cut] + " " + SIDEBAR + body[cut:]


def digest_of(text: str, credit: str) -> str:
    quote = text[text.index('"We cannot') : text.index("after the vote.") + len("after the vote.")]
    fact = text[
        text.index("The engineers' report") : text.index("if nothing was done.") + len("if nothing was done.")
    ]
    pell = text[
        text.index('"The bridge belongs') : text.index("Pell said in a statement.")
        + len("Pell said in a statement.")
    ]
    return f"{FRAMING} {fact} {credit} reports. {pell} {quote} {FRAMING_END}"
