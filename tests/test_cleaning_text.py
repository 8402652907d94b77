"""Plain-text cleaning: furniture removal, normalized-text detection and restoration, idempotence.

Seed and eval texts are read from disk (STORYLINE_SEEDS / STORYLINE_EVAL, default ../shared/...);
nothing from them is copied here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.cleaning import (
    clean_article,
    clean_text,
    is_normalized_text,
    restore_text,
    restore_with_twin,
    strip_like_scrape,
)
from storyline.cleaning.furniture import is_bio, is_heading_like, is_prompt
from storyline.model import Article, SourceFormat

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("STORYLINE_SEEDS", REPO / ".." / "shared" / "seeds"))

BODY = (
    "The city council voted on Tuesday to expand the bus network, after months of debate over the "
    "cost of the plan and its effect on traffic in the old town. Supporters said the change would "
    "help workers reach jobs on the edge of the city. Opponents said the council had not explained "
    "how it would pay for the extra drivers it needs."
)
BODY2 = (
    'The mayor said she would sign the measure this week. "We have waited long enough," she told '
    "reporters outside the town hall, adding that the first new routes could open in the spring."
)


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("seeds folder absent")
    path = next(SEEDS.glob(prefix + "_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} absent")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- block classifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Subscribe to our newsletter", True),
        ("Sign up to get the best stories delivered to your inbox.", True),
        ("Follow us on Twitter for the latest updates.", True),
        ("Get our free daily email and never miss a story you care about.", True),
        # a question to the reader, then the call to act
        ("Already a subscriber? Log in. Not yet? Get 4 weeks of the Ledger free.", True),
        ("Enjoying this story? Sign up for our newsletter.", True),
        # negatives: reporting, quotes, third person
        ("The company said it would subscribe to the new standard next year.", False),
        ('"Sign up now," the recruiter told the crowd, according to witnesses.', False),
        ("Officials said the email was sent on Monday to all staff.", False),
        # an imperative after a reported statement is not a call to the reader
        ("Twitter said the account was suspended. Read the statement in full below.", False),
    ],
)
def test_is_prompt_detects_calls_to_action(text: str, expected: bool) -> None:
    assert is_prompt(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe is a staff writer covering science and health.", True),
        ("Sam Lee has worked as a correspondent for the paper since 2010. He lives in Lagos.", True),
        # negatives
        ("The minister is a former writer, officials said.", False),
        ("Doe said the writer had left before the fire started.", False),
    ],
)
def test_is_bio_detects_author_bios(text: str, expected: bool) -> None:
    assert is_bio(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five things to know about the budget", True),
        ("Read more", True),
        ("The budget passed on Friday.", False),
        ('He called it "a disaster."', False),
        ("", False),
    ],
)
def test_is_heading_like_short_unpunctuated_lines(text: str, expected: bool) -> None:
    assert is_heading_like(text) is expected


# --------------------------------------------------------------------------- plain-text cleaning

CASES = [
    # (name, raw, must keep, must lose)
    (
        "prompt-and-list",
        f"{BODY}\nSubscribe to our newsletter\n{BODY2}\n-\nMayor wins award\n-\n"
        "Storm hits coast\n-\nNew stadium opens downtown",
        [BODY, BODY2],
        ["Subscribe", "Mayor wins award", "Storm hits coast"],
    ),
    (
        "bio-after-body",
        f"{BODY}\n{BODY2}\nJane Doe is a staff writer at the Daily Planet. She covers transport and city hall.",
        [BODY, BODY2],
        ["staff writer"],
    ),
    (
        "repeated-caption",
        "Buses wait at the depot on Monday. Photo: John Smith/Daily Planet\n"
        f"Buses wait at the depot on Monday.\n{BODY}\n{BODY2}",
        [BODY, BODY2],
        ["depot"],
    ),
    (
        "sign-up-box-blurb",
        f"{BODY}\nSubscribe to The Harbour Bell\n"
        f"Cut through the noise. Get the week's essential stories, explained in five minutes.\n{BODY2}",
        [BODY, BODY2],
        ["Subscribe", "Cut through the noise"],
    ),
    ("cut-start", f"ation of the plan was delayed. {BODY}\n{BODY2}", [BODY, BODY2], ["ation"]),
    ("clean-text-untouched", f"{BODY}\n{BODY2}", [BODY, BODY2], []),
]


@pytest.mark.parametrize(("name", "raw", "keep", "lose"), CASES, ids=[c[0] for c in CASES])
def test_clean_text_removes_furniture_keeps_body(name: str, raw: str, keep: list[str], lose: list[str]) -> None:
    out = clean_text(raw)
    for para in keep:
        assert para in out.text, name
    for junk in lose:
        assert junk not in out.text, name
    if lose:
        assert out.removed and all(r.reason for r in out.removed)
    else:
        assert not out.removed


def test_clean_text_title_and_dek_become_metadata() -> None:
    raw = f"Council Backs Bigger Bus Network\nThe vote ends a year of debate.\n{BODY}\n{BODY2}"
    out = clean_text(raw)
    assert out.title == "Council Backs Bigger Bus Network"
    assert out.dek == "The vote ends a year of debate."
    assert out.text.startswith("The city council")


def test_clean_text_never_empties_the_text() -> None:
    raw = "Read more\nSubscribe"
    assert clean_text(raw).text  # all furniture-looking: kept as it stands rather than vanishing


# --------------------------------------------------------------------------- idempotence

texts = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=80),
        st.sampled_from(
            [
                BODY,
                BODY2,
                "Subscribe to our newsletter",
                "-",
                "Read more",
                "Jane Doe is a staff writer at the Daily Planet.",
                strip_like_scrape(BODY * 2),
            ]
        ),
    ),
    max_size=6,
).map("\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_clean_text_is_idempotent(raw: str) -> None:
    once = clean_text(raw).text
    assert clean_text(once).text == once


def test_clean_article_is_idempotent_on_normalized_text() -> None:
    raw = strip_like_scrape(BODY + " " + BODY2)
    art = Article(id="a", version="v", source="s", raw=raw)
    first = clean_article(art)
    assert first.normalized_input
    again = clean_article(art.replace(raw=first.text))
    assert again.text == first.text
    assert not again.normalized_input


# --------------------------------------------------------------------------- normalized text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (strip_like_scrape(BODY + " " + BODY2), True),
        (BODY, False),
        (BODY.lower(), False),  # lowercase but punctuated
        ("too short to tell", False),
        ("", False),
    ],
)
def test_is_normalized_text(text: str, expected: bool) -> None:
    assert is_normalized_text(text) is expected


def test_restore_text_keeps_words_and_adds_sentences() -> None:
    stripped = strip_like_scrape(BODY + " " + BODY2)
    out = restore_text(stripped)
    assert strip_like_scrape(out) == stripped
    assert out[0].isupper() and out.rstrip().endswith((".", "?"))
    assert out.count(". ") >= 2


def test_restore_with_twin_copies_the_twin() -> None:
    cased = BODY + " " + BODY2
    stripped = strip_like_scrape("Extra words pasted in here " + cased)
    out = restore_with_twin(stripped, cased)
    assert "Supporters said the change would help workers reach jobs on the edge of the city." in out
    assert strip_like_scrape(out) == stripped


# --------------------------------------------------------------------------- seeds


def test_seed_000_loses_prompts_blurb_bio_and_headline_list() -> None:
    raw = _seed("000")
    out = clean_article(Article(id="0", version="v", source="000", raw=raw))
    # the body: the long paragraphs that quote their source
    paragraphs = [" ".join(p.split()) for p in raw.splitlines() if len(p.split()) > 40 and '"' in p]
    assert len(paragraphs) >= 3
    for para in paragraphs:
        assert para in out.text
    assert out.title == raw.splitlines()[0].strip()
    reasons = {r.reason for r in out.removed}
    assert {"newsletter-prompt", "author-bio", "heading-like"} <= reasons
    lines = [" ".join(p.split()) for p in raw.splitlines() if p.strip()]
    repeated = [p for p in lines if lines.count(p) > 1 and len(p.split()) >= 4]
    assert repeated and all(p not in out.text for p in repeated)
    assert "Speed Read" not in out.text and "Subscribe" not in out.text
    assert out.text.endswith(paragraphs[-1])
    # its sign-up prompts and the bio name the publication; the scrape has no masthead or URL
    assert out.outlet == "The Week"


def test_seed_001_is_restored_without_fragments_or_sidebar() -> None:
    raw = _seed("001")
    out = clean_article(Article(id="1", version="v", source="001", raw=raw))
    assert out.normalized_input and out.raw == raw
    reasons = {r.reason for r in out.removed}
    assert {"before-dateline", "sidebar", "cut-fragment"} <= reasons
    first_word = raw.split()[0]
    last_word = raw.split()[-1]
    assert not out.text.lower().startswith(first_word)
    assert not out.text.lower().rstrip(".").endswith(last_word)
    assert "top stories" not in out.text.lower()
    assert out.text.count(". ") >= 15  # comes back as sentences
    assert out.credits == ("AP",)


def test_seed_003_loses_duplicate_caption_and_gets_metadata() -> None:
    raw = _seed("003")
    out = clean_article(Article(id="3", version="v", source="003", raw=raw))
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    caption = lines[0]
    assert caption not in out.text and "AP Photo" not in out.text
    assert out.title == lines[2] and out.dek == lines[3]
    assert lines[4] not in out.text  # the update note
    assert out.text.startswith(lines[5][:40])
    assert out.text.rstrip().endswith(lines[-1][-40:])
    try:
        import storyline.cleaning.metadata  # noqa: F401
    except ImportError:
        return
    assert out.updated is not None and (out.updated.year, out.updated.month, out.updated.day) == (2019, 3, 26)


def test_clean_article_sets_format_fields() -> None:
    art = Article(id="a", version="v", source="s", raw=f"{BODY}\n{BODY2}", format=SourceFormat.TEXT)
    out = clean_article(art)
    assert out.text == f"{BODY}\n\n{BODY2}" and out.removed == () and not out.normalized_input


words = st.lists(
    st.sampled_from(
        [
            "the",
            "said",
            "he",
            "u",
            "s",
            "korea",
            "t",
            "couldn",
            "trump",
            "2019",
            "a",
            "in",
            "north",
            "it",
            "was",
            "monday",
            "but",
            "officials",
        ]
    ),
    min_size=1,
    max_size=60,
).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(words)
def test_restore_text_keeps_every_word(stripped: str) -> None:
    out = restore_text(stripped)
    assert strip_like_scrape(out) == strip_like_scrape(stripped)
    assert not is_normalized_text(out)


def test_clean_text_removes_separated_headline_lists() -> None:
    raw = f"{BODY}\n{BODY2}\n-\nCouncil approves new budget.\n-\nStorm closes schools.\n-\nTeam wins final."
    out = clean_text(raw)
    assert out.text == f"{BODY}\n\n{BODY2}"
    assert {r.reason for r in out.removed} == {"separator", "headline-list"}


def test_clean_article_html_goes_through_extraction_then_text_cleaning() -> None:
    page = (
        "<html><head><title>Council backs buses</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Council backs buses</h1><p>{BODY}</p><p>{BODY2}</p></article></body></html>"
    )
    art = Article(id="h", version="v", source="page.html", raw=page, format=SourceFormat.HTML)
    out = clean_article(art)
    assert "bus network" in out.text and "Home" not in out.text
    assert out.raw == page


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_clean_article_is_idempotent_on_seeds(prefix: str) -> None:
    raw = _seed(prefix)
    first = clean_article(Article(id=prefix, version="v", source=prefix, raw=raw))
    again = clean_article(Article(id=prefix, version="v", source=prefix, raw=first.text))
    assert again.text == first.text


# --------------------------------------------------------------------------- fast paths (same results)

_SPACING_CASES = [
    "plain line of words",
    "  leading and trailing  ",
    "two  spaces inside",
    "tab\tinside",
    "no\u00a0break and\u2003em space",
    "separator\x1cchar",
    "next line\x85char",
    "",
]


@pytest.mark.parametrize("line", _SPACING_CASES)
def test_split_blocks_single_spaces_like_split_join(line: str) -> None:
    from storyline.cleaning.furniture import split_blocks

    text = f"{line}\n\n{line}\r\nlast  one\t"
    assert split_blocks(text) == [" ".join(x.split()) for x in text.splitlines() if x.strip()]


@pytest.mark.parametrize(
    "block, bio",
    [
        ("Mira Vale is a reporter at the Harbour Post. She covers trade.", True),
        ("  Mira Vale is a reporter at the Harbour Post.", True),
        ("Mira Vale said the talks would resume.", False),
        ('Mira Vale is a reporter at the Post. "We disagree," she said.', False),
        ("The council was told. Mira Vale is a reporter at the Post.", False),
        ("", False),
    ],
)
def test_is_bio_reads_the_first_sentence(block: str, bio: bool) -> None:
    from storyline.cleaning.furniture import is_bio

    assert is_bio(block) is bio


@pytest.mark.parametrize(
    ("head", "published"),
    [
        pytest.param(
            "ice storm hits the coast share this story posted mar 13 2025 1 52 pm ",
            "2025-03-13T13:52:00+00:00",
            id="posted-stamp-with-time",
        ),
        pytest.param("share this story published on march 13 2025 ", "2025-03-13T00:00:00+00:00", id="published-on"),
        pytest.param("", None, id="no-stamp"),
    ],
)
def test_clean_article_stripped_posted_stamp_is_the_publication_date(head: str, published: str | None) -> None:
    body = strip_like_scrape(BODY + " " + BODY2)
    art = clean_article(Article(id="a", version="v", source="s", raw=head + body))
    assert (art.published.isoformat() if art.published else None) == published
    if head:
        assert "share this story" not in art.text.lower() and "posted" not in art.text.lower()
        assert {r.reason for r in art.removed} >= {"date-line"}
    assert art.text.split()[:3] == clean_article(Article(id="b", version="v", source="s", raw=body)).text.split()[:3]


def _pairwise_drops(keys: list[str]) -> bool:
    """The pairwise repeat search's rule, written out: does any block of 4+ words get dropped?"""
    from storyline.cleaning.furniture import REPEAT_SHORT_WORDS

    sizes = [len(k.split()) for k in keys]
    for i, key in enumerate(keys):
        for j, other in enumerate(keys):
            if i == j or sizes[i] < 4 or sizes[j] < 4:
                continue
            if key == other or f" {key} " in f" {other} " or f" {other} " in f" {key} ":
                if max(sizes[i], sizes[j]) <= REPEAT_SHORT_WORDS or (key == other and j < i):
                    return True
                break
    return False


_LONG = " ".join(f"w{k}" for k in range(70))
_REPEAT_CASES = [
    ["a b c d", "x a b c d y", "q"],  # a short block inside another short one
    ["a b c d e", "a b c d"],
    ["a b c d", "a b c d"],  # the same words twice
    ["a b c d e f", "b c d e", "z z z z"],
    ["a b c", "x a b c y"],  # under 4 words: never a repeat
    ["a b c d", "xa b c d"],  # not at a word boundary
    ["w1 w2 w3 w4", _LONG],  # inside a long block only: nothing dropped
    [_LONG, _LONG],  # long blocks that are the same
    [_LONG, "w1 w2 w3 w4", "z w1 w2 w3 w4 z"],
    ["one two three four five", "six seven eight nine ten"],
    [],
]


@pytest.mark.parametrize("keys", _REPEAT_CASES)
def test_may_repeat_is_true_whenever_the_pairwise_search_drops(keys: list[str]) -> None:
    from storyline.cleaning.furniture import _may_repeat

    sizes = [len(k.split()) for k in keys]
    if _pairwise_drops(keys):
        assert _may_repeat(keys, sizes)


@given(st.lists(st.lists(st.sampled_from("abcde"), min_size=0, max_size=9).map(" ".join), max_size=8))
@settings(max_examples=300, deadline=None)
def test_may_repeat_never_misses_a_drop(keys: list[str]) -> None:
    from storyline.cleaning.furniture import _may_repeat

    assert _may_repeat(keys, [len(k.split()) for k in keys]) or not _pairwise_drops(keys)


_SENTENCE_CASES = [
    "One sentence only.",
    "First one. Second one.",
    'He said "no." Then "yes." (Later) "Maybe."',
    "Dr. Smith left. The U.S. team won! Why? 42 people came.",
    "no terminal mark at all",
    "Ends mid sentence. and then",
    "  Spaces around.   Two sentences.  ",
    "",
]


@pytest.mark.parametrize("text", _SENTENCE_CASES)
def test_last_sentence_is_the_last_split(text: str) -> None:
    from storyline.cleaning.furniture import _last_sentence, split_sentences

    sents = split_sentences(text)
    assert _last_sentence(text) == (sents[-1] if len(sents) > 1 else None)


@given(st.text(alphabet=st.sampled_from(list("aA1 .!?\"')]([\u201c\u201d\n")), max_size=40))
@settings(max_examples=400, deadline=None)
def test_last_sentence_is_the_last_split_of_any_text(text: str) -> None:
    from storyline.cleaning.furniture import _last_sentence, split_sentences

    sents = split_sentences(text)
    assert _last_sentence(text) == (sents[-1] if len(sents) > 1 else None)


@pytest.mark.parametrize(
    ("head", "may"),
    [
        ("hanoi vietnam ap president said", True),
        ("paris afp, the talks", True),
        ("(reuters) the talks", True),
        ("washington agence france-presse reported", True),
        ("the harbour talks resumed on monday", False),
        ("snap apple tapas", False),  # wire names inside longer words are not names
        ("x_ap and ap_x", True),  # underscores: the regex decides
        ("café ap", True),  # not ASCII: the regex decides
    ],
)
def test_may_name_a_wire_is_a_precheck_of_the_wire_pattern(head: str, may: bool) -> None:
    from storyline.cleaning.metadata import _WIRE_WORD, _may_name_a_wire

    assert _may_name_a_wire(head) is may
    if _WIRE_WORD.search(head):
        assert _may_name_a_wire(head)


_WIRE_TEXT = st.lists(
    st.sampled_from(
        [
            "ap",
            "afp",
            "agence",
            "france-presse",
            "press",
            "trust",
            "of",
            "india",
            "reuters",
            "x",
            "snap",
            "ap,",
            "(ap)",
            "ap-",
            "-ap",
            "_ap",
            "AP",
            "Reuters",
            "\n",
            "kyodo",
            "news",
        ]
    ),
    max_size=12,
).map(" ".join)


@given(_WIRE_TEXT)
@settings(max_examples=300, deadline=None)
def test_may_name_a_wire_never_misses_a_match(head: str) -> None:
    from storyline.cleaning.metadata import _WIRE_WORD, _may_name_a_wire

    if _WIRE_WORD.search(head):
        assert _may_name_a_wire(head)


def test_prompt_verdicts_survive_a_full_tagger_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.cleaning.furniture as furniture

    monkeypatch.setattr(furniture, "_IMPERATIVE_CACHE_LIMIT", 1)
    monkeypatch.setattr(furniture, "_imperative_heads", {})
    # the second block's "Log in." is cached by the first; tagging its other head clears the cache
    assert furniture.asks_to_act("Already a subscriber? Log in.")
    assert furniture.asks_to_act("Not a subscriber? Log in.")
