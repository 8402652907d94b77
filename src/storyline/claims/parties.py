"""Who a statement belongs to, as a reader of the ledger should see it.

Attribution hands the claims layer a speaker for every quote, including its mistakes: a dateline
read as a speaker ("Hanoi, Vietnam (AP"), a pronoun it could not resolve ("It", "who"), a noun
phrase that is no one ("the rhetoric", "this winter"), a clause swallowed with the name ("ministry
rules bar officials from discussing ..."), a relative clause kept on a name ("Gerda Amsel, who
chairs ..."). The ledger shows parties, so this module decides which speakers are parties and how
they are named:

- :func:`party_name` trims a speaker to the name a journalist would write, or says it is no party;
- :func:`outlet_label` names an article's outlet, or where the copy came from when no outlet is
  known ("unknown outlet (AP story, scrape of example.com)") — never an internal article id;
- :func:`copy_actors` gives a statement in a republished copy the speaker its origin names for the
  same words (the origin's text is the cleaner one: a scrape loses the punctuation that tells a
  dateline from a name);
- :func:`party_folding` folds speakers into the party they speak for ("North Korean officials" and
  "two senior members of the North's delegation" -> "North Korea"), from the actors' affiliations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from urllib.parse import urlsplit

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.attribution.gazetteer import country_for
from storyline.claims.stance_features import tokenize
from storyline.model import Actor, Article, ProvenanceEdge, Relation, SpeakerType

COPIES = (Relation.REPUBLICATION, Relation.DIGEST)
MAX_PARTY_WORDS = 8  # a longer "speaker" is a clause attribution swallowed, not a name
COPY_MATCH = 0.8  # word-set overlap at which a copy's statement is the origin's statement

_RELATIVE = re.compile(r",?\s+(?:who|whom|whose|which)\b.*$", re.IGNORECASE | re.DOTALL)
_CLAUSE_WORDS = frozenset(["whether", "that", "because", "if", "when", "while", "what", "where"])
_POSSESSIVE_PRONOUNS = frozenset(["its", "their", "his", "her", "our", "my", "your"])
_NAME_WORD = re.compile(r"^[A-Z][\w.'’-]*$")


# words that cannot be a name or begin one (a closed class: sklearn's stop list holds "bill" and "fire")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "him",
        "his",
        "she",
        "her",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "you",
        "your",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "one",
        "both",
        "each",
        "either",
        "neither",
        "none",
        "some",
        "any",
        "all",
        "other",
        "another",
        "at",
        "in",
        "on",
        "of",
        "to",
        "for",
        "from",
        "by",
        "with",
        "about",
        "as",
        "into",
        "onto",
        "upon",
        "over",
        "under",
        "after",
        "before",
        "since",
        "until",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "because",
        "although",
        "though",
        "if",
        "when",
        "while",
        "where",
        "whether",
        "then",
        "also",
        "than",
        "not",
        "no",
        "there",
        "here",
    ]
)


def _stop(word: str) -> bool:
    return word.lower().strip(".,;:'’\"“”") in _FUNCTION_WORDS


def _is_name(words: Sequence[str]) -> bool:
    """Every word that is not a function word starts with a capital ("Mirela Dunn", "Bank of X")."""
    content = [w for w in words if not _stop(w)]
    return bool(content) and all(_NAME_WORD.match(w) for w in content)


def party_name(actor: str, speaker_type: SpeakerType = SpeakerType.UNKNOWN) -> str | None:
    """The speaker as a party's name, or None when the string names no one.

    >>> party_name("Gerda Amsel, who chairs the pilots' association", SpeakerType.PERSON)
    'Gerda Amsel'
    >>> party_name("His deputy, Mirela Dunn") , party_name("the rhetoric"), party_name("It")
    ('Mirela Dunn', None, None)
    """
    s = " ".join(actor.split())
    if not s or "(" in s or ")" in s:  # a dateline with its wire credit, not a speaker
        return None
    if speaker_type is SpeakerType.OUTLET:
        return s
    s = _RELATIVE.sub("", s).strip(" ,;:")
    if "," in s:  # an appositive: "His deputy, Mirela Dunn" -> the name; "X, a former envoy" -> X
        head, tail = (p.strip(" ,") for p in s.split(",", 1))
        tail_words = tail.split()
        if 2 <= len(tail_words) <= 4 and _is_name(tail_words) and not _is_name(head.split()):
            s = tail
        else:
            s = head
    words = _author_of_document(s.split())
    if speaker_type in (SpeakerType.PERSON, SpeakerType.UNKNOWN):
        while words and _stop(words[0]):  # "Because Kim" -> "Kim"; "At" -> nothing
            words = words[1:]
    if not words or all(_stop(w) for w in words) or len(words) > MAX_PARTY_WORDS:
        return None
    if any(w.lower() in _CLAUSE_WORDS for w in words[1:]):
        return None
    if words[0].lower() in _POSSESSIVE_PRONOUNS:  # "Its officials": whose, the text did not say
        return None
    if speaker_type is SpeakerType.UNKNOWN and not _is_name(words):
        return None  # "the record", "Okafor's answer": a thing, not a speaker
    until = next((k for k, w in enumerate(words) if w.lower() in _PREPOSITIONS), len(words))
    if until and words[until - 1].lower().strip(".,") in _EVENT_NOUNS:
        return None  # "the talks", "His campaign-style visit to Detroit": a happening, no one speaking
    return " ".join(words)


_PREPOSITIONS = frozenset(["of", "to", "with", "in", "on", "at", "for", "by", "from", "between", "over"])
#: happenings the parser can make the subject of a reporting verb ("a meeting that offered slight
#: hope", "the talks complaining about each other", "the disclosure of the meeting indicated")
_EVENT_NOUNS = frozenset(
    ["meeting", "meetings", "talks", "visit", "visits", "trip", "disclosure", "episode", "process", "decision"]
    + ["move", "negotiations", "discussions", "exchange", "event", "events", "incident", "walkout", "collapse"]
)


#: what was said or written, not who said it ("comments drew criticism", "stories suggesting that")
_DOCUMENT_NOUNS = frozenset(
    [
        "comment",
        "comments",
        "remark",
        "remarks",
        "statement",
        "statements",
        "report",
        "reports",
        "story",
        "stories",
        "article",
        "articles",
        "editorial",
        "editorials",
        "letter",
        "letters",
        "memo",
        "memos",
        "transcript",
        "transcripts",
        "record",
        "records",
        "document",
        "documents",
        "post",
        "posts",
        "tweet",
        "tweets",
        "release",
        "releases",
        "such",
    ]
)


def _author_of_document(words: list[str]) -> list[str]:
    """The author of a document named as the speaker ("a statement from the Democratic committee"
    -> "the Democratic committee", "the committee's report" -> "the committee"); no one for a
    document alone ("comments", "stories")."""
    for i, word in enumerate(words):
        low = word.lower().strip(".,;:")
        if low in _DOCUMENT_NOUNS:
            if i + 1 < len(words) and words[i + 1].lower() in ("from", "by", "of"):
                return words[i + 2 :]
            if i > 0 and words[i - 1].endswith(("'s", "’s")):
                owner = words[:i]
                owner[-1] = owner[-1][:-2]
                return owner
            if i == len(words) - 1:
                return []
    return words


def outlet_label(article: Article) -> str:
    """The outlet's name; without one, where the copy came from, in words a reader understands."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    where = ""
    if article.url:
        where = (urlsplit(article.url).hostname or "").removeprefix("www.")
    if not where and article.source and article.source != "-":
        where = PurePath(article.source.split("?", 1)[0].rstrip("/")).name
    how = "scrape of" if article.normalized_input else "copy from"
    # a wire credit says whose story it is ("HANOI, Vietnam (AP) —"), not where it was printed: a
    # credit with the dateline, or one cleaning took from a line the text no longer has; a source the
    # text cites ("The Washington Post first reported") does not make the copy its story
    first = article.credits[0].strip() if article.credits else ""
    wire = bool(first) and (bool(article.dateline) or first.lower() not in (article.text or "").lower())
    story = f"{first} story" if wire else ""
    said = ", ".join(x for x in (story, f"{how} {where}" if where else "") if x)
    return f"unknown outlet ({said})" if said else "unknown outlet"


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in tokenize(text) if w not in ENGLISH_STOP_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the shorter word set found in the other (0 with fewer than three shared words)."""
    if len(a & b) < 3:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def copy_origins(edges: Iterable[ProvenanceEdge], relations: Iterable[Relation] = COPIES) -> dict[str, str]:
    """Copied article id -> the id of its origin in the corpus (the strongest current edge of one
    of ``relations``)."""
    wanted = frozenset(relations)
    best: dict[str, ProvenanceEdge] = {}
    for e in edges:
        usable = e.origin_id and e.superseded_by is None and e.origin_id != e.derived_id and e.relation in wanted
        if usable and (e.derived_id not in best or e.score > best[e.derived_id].score):
            best[e.derived_id] = e
    return {d: e.origin_id for d, e in best.items() if e.origin_id}


def credited_voices(edges: Iterable[ProvenanceEdge]) -> dict[str, str]:
    """Republished article id -> the credited origin outside the corpus whose words it carries
    ("AP"): the copy's narration is that origin's voice, not the republisher's."""
    out: dict[str, str] = {}
    for e in edges:
        if e.relation is Relation.REPUBLICATION and e.origin_id is None and e.origin_label and e.superseded_by is None:
            out.setdefault(e.derived_id, e.origin_label)
    return out


def dated_copies(articles: Sequence[Article], edges: Iterable[ProvenanceEdge]) -> list[Article]:
    """``articles``, an undated copy taking its origin's publication time: what the copy carries
    was said when the origin reported it (an undated scrape would otherwise look like the first
    to say everything)."""
    by_id = {a.id: a for a in articles}
    origin_of = copy_origins(edges)
    out = []
    for a in articles:
        origin = by_id.get(origin_of.get(a.id, ""))
        if a.published is None and origin is not None and origin.published is not None:
            a = a.replace(published=origin.published)
        out.append(a)
    return out


def copy_actors(items: Sequence[tuple[str, str, str]], edges: Iterable[ProvenanceEdge]) -> dict[int, str]:
    """For ``items`` ``(article_id, text, actor)``, the origin's actor for each item of a copied
    article whose words are (nearly) those of an item of its origin with another actor, or, for a
    stretch with too few content words to compare, that one origin item holds word for word
    (``MIN_RUN_WORDS`` or more): index -> actor. Only republications and digests of an origin in
    the corpus take part."""
    origin_of = copy_origins(edges)
    if not origin_of:
        return {}
    by_article: dict[str, list[int]] = {}
    for k, (article_id, _, _) in enumerate(items):
        by_article.setdefault(article_id, []).append(k)
    words = {k: _words(items[k][1]) for ids in by_article.values() for k in ids}
    out: dict[int, str] = {}
    for derived, origin in origin_of.items():
        sources = by_article.get(origin, [])
        for k in by_article.get(derived, []):
            scored = [(_overlap(words[k], words[o]), items[o][1], items[o][2]) for o in sources]
            best = max(scored, key=lambda x: (x[0], x[1], x[2]), default=None)  # ties: by text, actor
            if best is not None and best[0] >= COPY_MATCH and best[2] != items[k][2]:
                out[k] = best[2]
            elif best is None or best[0] < COPY_MATCH:
                # a short stretch with few content words ("for the base levy to go", after a stripped
                # scrape's "We did not ask"): the origin statement that holds it word for word
                run = _run(items[k][1])
                if run.count(" ") - 1 >= MIN_RUN_WORDS:
                    holders = {items[o][2] for o in sources if run in _run(items[o][1])}
                    if len(holders) == 1 and (actor := holders.pop()) != items[k][2]:
                        out[k] = actor
    return out


MIN_RUN_WORDS = 5  # words a copied stretch needs to be found in its origin's statement word for word


def _run(text: str) -> str:
    """Its words joined by single spaces, with a space at each end: containment is by words."""
    return " " + " ".join(tokenize(text)) + " "


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def party_folding(actors: Iterable[Actor], speakers: Iterable[str]) -> dict[str, str]:
    """Speaker -> the party it speaks for, for the speakers that speak for another: an affiliation
    counts when it is a country the gazetteer knows, another actor of the story or the affiliation
    of two actors or more ("North Korean officials" -> "North Korea"; "a senior State Department
    official" -> "State Department"; "Veldoran Prime Minister Annika Hollis" and "the Veldoran
    government" -> "Veldora"); an affiliation that is only a word of one description ("Western
    envoy") does not. An acronym
    joins the one name of the story it abbreviates ("AP" -> "Associated Press")."""
    known = {a.name: a for a in actors}
    speakers = list(dict.fromkeys(speakers))
    names = set(known) | set(speakers)
    shared = Counter(a.affiliation for a in known.values() if a.affiliation and a.kind is not SpeakerType.OUTLET)
    out: dict[str, str] = {}
    for speaker in speakers:
        actor = known.get(speaker)
        if actor is None or not actor.affiliation or actor.kind is SpeakerType.OUTLET:
            continue
        party = actor.affiliation
        if party != speaker and (party in names or country_for(party) is not None or shared[party] >= 2):
            out[speaker] = party
    for speaker, party in list(out.items()):  # a spokesman's principal speaks for a country
        seen = {speaker}
        while party in out and party not in seen:
            seen.add(party)
            party = out[party]
        out[speaker] = party
    for speaker in speakers:
        if 2 <= len(speaker) <= 5 and speaker.isupper() and speaker.isalpha():
            spelled = sorted(n for n in names if len(n.split()) >= 2 and _initials(n) == speaker)
            if len(spelled) == 1:
                out[speaker] = out.get(spelled[0], spelled[0])
    return out
