"""The outlet named by its own furniture, for plain text that arrives without a masthead or URL.

A scraped page keeps the site's calls to action and the author's bio, and they name the
publication: "Subscribe to The Quarterdeck", "Sign up for The Quarterdeck's free newsletters",
"... has been a news editor at The Quarterdeck since 2016". Cleaning removes them; before they
go, the name they agree on is the outlet. One mention is not enough (a newsletter has a name of
its own: "Sign up for Morning Briefing"): a name must come back in two of the removed blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from storyline.model import Removal

# a publication's name as written: capitalised words, with "of"/"the"/"and" inside ("The Times of Malta")
_NAME = r"(?P<name>(?:The\s+)?[A-Z][\w&.\-]*(?:\s+(?:(?:of|the|and|on)\s+)?[A-Z][\w&.\-]*){0,3})"
_PATTERNS = (
    # calls to action: "Subscribe to X", "Sign up for X's newsletters", "Support X", "Join 200,000 readers of X"
    re.compile(r"\b(?:[Ss]ubscribe|[Ss]ign(?:ing)? up|[Rr]egister|[Ss]upport)\s+(?:(?:to|for|with)\s+)?" + _NAME),
    re.compile(r"\breaders (?:of|at)\s+" + _NAME),
    # a bio: "an editor at X since 2016", "writes for X", "joined X in 2019"
    re.compile(
        r"\b(?:at|for|with|joined)\s+" + _NAME + r"(?:['\u2019]s)?\s+(?:since|in\s+\d{4}|as|from|until|where)\b"
    ),
)
_REASONS = frozenset({"newsletter-prompt", "social-prompt", "author-bio", "outlet-furniture"})
# names a call to action gives that are not the publication
_NOT_OUTLET = frozenset(
    {
        "The",
        "Facebook",
        "Twitter",
        "X",
        "Instagram",
        "LinkedIn",
        "TikTok",
        "YouTube",
        "WhatsApp",
        "Telegram",
        "Google",
        "Google News",
        "Apple News",
        "Apple Podcasts",
        "Spotify",
        "Substack",
        "Patreon",
        "Our",
        "Today",
    }
)


def outlet_in_furniture(removed: Iterable[Removal]) -> str | None:
    """The publication that two or more of the removed sign-up prompts and bios name, or None."""
    counts: Counter[str] = Counter()
    for r in removed:
        if r.reason not in _REASONS:
            continue
        names = set()
        for pattern in _PATTERNS:
            for m in pattern.finditer(r.text):
                name = m.group("name").rstrip(".-")
                if name not in _NOT_OUTLET and not name.startswith(("Our ", "Your ")):
                    names.add(name)
        counts.update(names)  # one block names it once
    if not counts:
        return None
    (name, n), *rest = counts.most_common(2)
    if n < 2 or (rest and rest[0][1] == n):
        return None
    return name
