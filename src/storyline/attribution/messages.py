"""A message speaks for its author: "Trump's tweet said", "a statement from the Foreign Ministry
said", "his remarks suggested" are said by Trump, the ministry, him; and "the statement
continued" is whoever gave the statement named before ("Trump said in a statement ...")."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.attribution.article_context import ArticleContext
from storyline.attribution.tokens import SentenceView, lemma, pos, subtree
from storyline.model import SpeakerType

#: What someone says or writes, as a subject that reports: "Trump's tweet said", "a statement from
#: the ministry said", "Choe's point echoed ...". Records that only keep words (RECORD_NOUNS:
#: transcript, minutes) are not here: "according to the transcript" names no author.
MESSAGE_NOUNS = frozenset(
    [
        "statement",
        "tweet",
        "post",
        "remark",
        "comment",
        "word",
        "point",
        "letter",
        "message",
        "speech",
        "editorial",
        "memo",
        "memorandum",
        "testimony",
        "response",
        "reply",
        "answer",
        "announcement",
        "release",
        "declaration",
        "email",
        "op-ed",
        "column",
        "essay",
        "report",
        "filing",
        "complaint",
        "lawsuit",
        "ruling",
        "claim",
        "assertion",
        "account",
        "version",
        "explanation",
        "argument",
        "warning",
        "threat",
        "promise",
        "pledge",
        "analysis",
        "study",
        "survey",
        "poll",
        "review",
        "investigation",
        "audit",
        "finding",
        "assessment",
        "estimate",
        "forecast",
        "resolution",
        "indictment",
        "ad",
        "advertisement",
        "book",
        "memoir",
        "blog",
    ]
)
_AUTHOR_PREPOSITIONS = frozenset(["from", "by"])
#: "the words of the president"; most message nouns take "of" for their subject matter ("the
#: release of the e-mails", "an account of the meeting")
_OF_AUTHOR = frozenset(["word", "remark", "comment"])


def message_author(source: SpacySpan) -> SpacySpan | None:
    """Who wrote or said the message a source phrase names: the possessor in "Trump's tweet",
    "his remarks", "the ministry's statement", or the object of "from"/"by"/"of" in "a statement
    from the ministry", "the words of the president"; None when the head is no message noun or
    names no author ("the statement said")."""
    root = source.root
    if lemma(root) not in MESSAGE_NOUNS or pos(root) != "NOUN":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):  # "as colleagues report from Atlanta"
        return None
    doc = root.doc
    owner = next((c for c in root.children if c.dep_ == "poss" and source.start <= c.i < source.end), None)
    if owner is not None:
        return doc[owner.left_edge.i : owner.i + 1]
    for prep in root.rights:
        by = prep.lower_ in _AUTHOR_PREPOSITIONS or (prep.lower_ == "of" and lemma(root) in _OF_AUTHOR)
        if prep.dep_ == "prep" and by and prep.i < source.end:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None and prep.i + 1 < source.end and prep.i == prep.head.right_edge.i:
                # "The letter from Taylor states": the parser hung the name on the verb
                return doc[prep.i + 1 : source.end]
            if obj is not None and obj.i < source.end and lemma(obj) not in MESSAGE_NOUNS:
                # without a clause on the author ("an agency issued last month", "where ...")
                clause = [c.left_edge.i for c in obj.rights if c.dep_ in ("acl", "relcl")]
                end = min([obj.right_edge.i + 1, source.end, *clause])
                while end > obj.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                return doc[obj.left_edge.i : end]
    return None


EARLIER_MESSAGE_CHARS = 1500  # how far back "the statement" looks for the statement it refers to
#: what a speaker gives out in person ("said in a statement", "sent a letter", "released an ad");
#: a report, a lawsuit, an indictment or a poll is talked about by others in the sentence that names it
GIVEN_MESSAGES = frozenset(
    ["statement", "letter", "tweet", "post", "email", "memo", "message", "resolution", "ad", "op-ed"]
)


def earlier_author(head: Token, offset: int, ctx: ArticleContext) -> tuple[str, SpeakerType] | None:
    """Who gave the message "the statement" refers back to: the speaker whose cue comes before the
    last statement named, in its sentence ('Trump said in a statement', 'Pelosi and Schumer
    released a joint statement'), or None."""
    if lemma(head) not in GIVEN_MESSAGES or pos(head) != "NOUN":
        return None
    noun = re.compile(rf"\b{re.escape(head.lower_.rstrip('s'))}s?\b", re.IGNORECASE)
    window = max(0, offset - EARLIER_MESSAGE_CHARS)
    mentions = list(noun.finditer(ctx.text, window, offset))
    if not mentions:
        return None
    mention = mentions[-1]
    k = bisect.bisect_right(ctx.sentence_starts, mention.start()) - 1
    start = ctx.sentence_starts[k] if k >= 0 else 0
    said = [
        (name, kind)
        for at, name, kind in ctx.speakers
        if start <= at < mention.start() and kind is not SpeakerType.UNKNOWN  # "said in a statement"
    ]
    return said[-1] if said else None


def quotation_after_message(v: SentenceView, obj: int, content: list[int]) -> list[int]:
    """'delivered a blunt message to Trump: "It's time to ..."', 'had a warning for them: "..."': the
    message is the quotation after the colon that follows the message noun (and whom it was for),
    not the noun; without quotation marks, the rest of the sentence ('sent Mr. Trump an unmistakable
    message: He is hurting the party and must stop'); else ``content``."""
    if v.lemma[obj] not in MESSAGE_NOUNS | {"warning", "plea", "reminder", "advice", "question"}:
        return content
    if any(v.dep[c] == "poss" and v.pos[c] != "PRON" for c in v.children[obj]):
        return content  # "underscores the prime minister's message: ...": the words are the cue's own
    k = subtree(v, obj)[-1] + 1
    while k < len(v.lower) and v.lower[k] != ":" and k - obj <= 8 and not v.quote_parity[k]:
        if v.dep[k] not in ("prep", "pobj", "det", "compound", "amod", "poss", "case") and v.pos[k] != "PROPN":
            return content  # "to Trump", "for the party's leaders": whom it was for, nothing else
        k += 1
    if k + 1 >= len(v.lower) or v.lower[k] != ":":
        return content
    if v.tag[k + 1] != "``":  # "sent Mr. Trump an unmistakable message: He is hurting the party ..."
        rest = [t for t in range(k + 1, len(v.lower)) if not v.quote_parity[t]]
        while rest and v.tag[rest[-1]] in (".", ":", ","):
            rest.pop()
        return rest if len(rest) >= 3 and rest == list(range(rest[0], rest[-1] + 1)) else content
    words = []
    for t in range(k + 2, len(v.lower)):
        if not v.quote_parity[t] or v.tag[t] == "''":
            break
        words.append(t)
    return words or content
