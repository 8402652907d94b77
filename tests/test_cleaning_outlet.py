"""What an outlet's own pages say about it: the furniture it repeats across its articles (learned
into a profile) and its name, read from the sign-up prompts and bios it prints."""

from __future__ import annotations

import msgspec

from storyline.cleaning import OutletProfile, clean_text, learn_outlet_profile
from storyline.cleaning.furniture_outlet import outlet_in_furniture
from storyline.cleaning.normalized import strip_like_scrape
from storyline.model import Removal
from test_cleaning_text import BODY, BODY2

# --------------------------------------------------------------------------- outlet profiles


def test_learn_outlet_profile_finds_recurring_lines() -> None:
    footer = "Our reporters cover the city every day for readers like you"
    texts = [
        f"{BODY}\n{footer}",
        f"{BODY2}\n{footer}",
        f"Another story about ports and ships today.\n{footer}",
    ]
    profile = learn_outlet_profile(texts)
    assert isinstance(profile, OutletProfile)
    assert any("our reporters cover the city" in line for line in profile.lines)
    assert msgspec.json.decode(msgspec.json.encode(profile), type=OutletProfile) == profile
    out = clean_text(f"{BODY}\n{footer}\n{BODY2}", profile)
    assert footer not in out.text and BODY in out.text and BODY2 in out.text


def test_learn_outlet_profile_ignores_versions_of_one_story() -> None:
    texts = [f"{BODY}\n{BODY2}", f"{BODY}\n{BODY2}\nUpdated with new quote."]
    assert learn_outlet_profile(texts).lines == ()


def test_learn_outlet_profile_on_stripped_text_drops_recurring_runs() -> None:
    footer = strip_like_scrape("Follow our reporters on every platform for more updates about the city council")
    bodies = [
        BODY,
        BODY2,
        "Port workers ended their strike on Friday after a deal on pay was reached with owners.",
    ]
    texts = [strip_like_scrape(b + " " + b) + " " + footer for b in bodies]
    profile = learn_outlet_profile(texts)
    assert profile.ngrams
    out = clean_text(strip_like_scrape(BODY + " " + BODY2) + " " + footer, profile)
    assert out.normalized_input
    assert "outlet-furniture" in {r.reason for r in out.removed}
    assert "platform" not in out.text.lower()


# --------------------------------------------------------------------------- outlet named by furniture


def _removed(*pairs: tuple[str, str]) -> list[Removal]:
    return [Removal(text=text, reason=reason, detail="") for reason, text in pairs]


def test_outlet_named_by_two_prompts_or_a_prompt_and_a_bio() -> None:
    removed = _removed(
        ("newsletter-prompt", "Subscribe to The Harbour Bell"),
        ("newsletter-prompt", "Sign up for The Harbour Bell\u2019s free newsletters"),
        ("author-bio", "Ruth Lyle has been a news editor at The Harbour Bell since 2016."),
    )
    assert outlet_in_furniture(removed) == "The Harbour Bell"
    assert outlet_in_furniture(removed[1:]) == "The Harbour Bell"


def test_outlet_not_guessed_from_one_mention_a_tie_social_sites_or_body_text() -> None:
    # one mention: a newsletter has a name of its own
    assert outlet_in_furniture(_removed(("newsletter-prompt", "Sign up for Morning Briefing"))) is None
    # two names once each
    tie = _removed(
        ("newsletter-prompt", "Subscribe to The Harbour Bell"),
        ("newsletter-prompt", "Sign up for Morning Briefing"),
    )
    assert outlet_in_furniture(tie) is None
    social = _removed(
        ("social-prompt", "Follow us and subscribe to YouTube"),
        ("newsletter-prompt", "Subscribe to YouTube for more"),
    )
    assert outlet_in_furniture(social) is None
    # a paragraph that was not furniture does not count, however often it names a paper
    body = _removed(("heading-like", "Subscribe to The Harbour Bell"), ("title", "Subscribe to The Harbour Bell"))
    assert outlet_in_furniture(body) is None


def test_plain_text_outlet_from_its_furniture_and_masthead_wins() -> None:
    raw = (
        f"{BODY}\nSubscribe to The Harbour Bell\n{BODY2}\n"
        "Ruth Lyle has been a news editor at The Harbour Bell since 2016."
    )
    assert clean_text(raw).outlet == "The Harbour Bell"
    assert clean_text(f"THE SORREL GAZETTE \u2014 Politics\n{raw}").outlet == "The Sorrel Gazette"
