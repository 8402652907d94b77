"""What a pronoun or a relative pronoun stands for, read from the parse of its sentence: "Jon
Berger, who said ..." is Jon Berger; "A senior official involved in the talks, who asked not to be
named" is the official, not the talks; "Trump and his negotiators deemed that too far because they
..." is Trump and his negotiators; "An official ... stuck to the line - but he acknowledged" is the
official the parser hung on the same verb; and whether an aside calls a name a body ("RMB, Marisca's
state broadcaster")."""

from __future__ import annotations

import calendar

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.attribution.actor_kinds import ORGANISATION_HEADS
from storyline.attribution.speaker_words import (
    ANONYMOUS_NOUNS,
    GROUP_NOUNS,
    ORG_NOUNS,
    PRONOUNS_GROUP,
    ROLE_NOUNS,
    TITLE_WORDS,
)
from storyline.attribution.tokens import lemma, pos


def antecedent(source: SpacySpan) -> SpacySpan | None:
    """The noun phrase a relative pronoun subject stands for ("the ministry, which announced ..."),
    without the clause and the comma before it; None for any other source."""
    if len(source) != 1 or source.root.lower_ not in ("who", "which", "that"):
        return None
    clause = source.root.head
    if source.root.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("relcl", "acl"):
        return None
    if clause.head.i >= clause.i:  # the clause follows its noun
        return None
    noun = clause.head
    if source.root.lower_ == "which" and noun.lower_ in _WHEN_NOUNS and noun.dep_ == "pobj":
        # "Clinton released her medical records in July, which showed ...": the records, not July
        verb = noun.head.head
        noun = next((c for c in verb.children if c.dep_ == "dobj" and c.i < noun.i), noun)
    if source.root.lower_ == "who":
        noun = _person_above(noun)
        if noun.dep_ == "appos" and pos(noun.head) == "PROPN" and pos(noun) != "PROPN":
            # "Nancy Pelosi of California, the Democratic leader who plans to ...": the named person
            named = noun.head
            return named.doc[named.left_edge.i : named.i + 1]
    end = min(t.i for t in clause.subtree)
    doc = noun.doc
    while end > noun.left_edge.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[noun.left_edge.i : end] if end > noun.left_edge.i else None


_WHEN_NOUNS = frozenset(
    [m.lower() for m in calendar.month_name[1:]]
    + [d.lower() for d in calendar.day_name]
    + ["week", "month", "year", "day", "morning", "evening", "night", "afternoon", "weekend", "spring", "summer"]
    + ["fall", "autumn", "winter", "today", "yesterday"]
)


def _person_above(noun: Token) -> Token:
    """The noun a "who" stands for: ``noun`` when it can be a person, else the person noun the
    phrase it ends hangs on ("A senior official involved in the talks, who asked not to be named":
    the parser hung the clause on "talks")."""
    if _person_like(noun):
        return noun
    t = noun
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("pobj", "prep", "acl", "dobj", "compound"):
            break
        t = t.head
        if pos(t) in ("NOUN", "PROPN") and _person_like(t):
            return t
    return noun


def _person_like(t: Token) -> bool:
    low = lemma(t)
    return pos(t) == "PROPN" or low in ANONYMOUS_NOUNS or low in ROLE_NOUNS or low in GROUP_NOUNS or low == "people"


def subject_beside(source: SpacySpan) -> SpacySpan | None:
    """A noun subject hung on the same verb before a "he"/"she" subject: the parser folded a
    clause into the one the pronoun opens ("A senior official, speaking anonymously, stuck to the
    line that ... but he acknowledged ..." gave "acknowledged" both subjects), and the pronoun
    is that noun; or the named subject of the clause the pronoun's clause is joined to ("Mr. Cruz
    has no affiliation ..., and he has denounced the ad"). None when there is no such subject, or it
    is itself a pronoun."""
    tok = source.root
    if len(source) != 1 or tok.dep_ != "nsubj":
        return None
    other = [c for c in tok.head.children if c.dep_ == "nsubj" and c.i < tok.i]
    if not other and tok.head.dep_ == "conj" and tok.head.head.i < tok.i:
        # "Mr. Cruz has no affiliation with the super PAC, and he has denounced the ad": the
        # subject of the clause the pronoun's clause is joined to, when it is a name
        other = [c for c in tok.head.head.children if c.dep_ == "nsubj" and pos(c) == "PROPN" and c.tag_ == "NNP"]
    if not other or pos(other[-1]) not in ("NOUN", "PROPN"):
        return None
    subj = other[-1]
    return subj.doc[subj.left_edge.i : subj.right_edge.i + 1]


def plural_subject_above(source: SpacySpan) -> SpacySpan | None:
    """The plural subject of the clause that a "they" clause depends on, in the same sentence
    ("Trump and his negotiators deemed that too far because they had already determined ..."), or
    None when the nearest subject above is singular or there is none."""
    tok = source.root
    if len(source) != 1 or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    for _ in range(3):
        if verb.dep_ not in ("advcl", "ccomp", "conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
        if not plural or subj.lower_ in PRONOUNS_GROUP:
            return None
        return subj.doc[subj.left_edge.i : subj.right_edge.i + 1]
    return None


def named_subject_above(source: SpacySpan) -> SpacySpan | None:
    """The named subject of the clause a "he"/"she" clause hangs in, in the same sentence ("Todd
    Akin ... defended what he called 'legitimate rape'"; "Okafor said he had ..."), or None when
    the nearest subject above is not a name (a noun, a pronoun) or there is none."""
    tok = source.root
    if len(source) != 1 or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    for _ in range(3):
        if verb.dep_ not in ("advcl", "ccomp", "xcomp", "relcl", "pcomp", "pobj") or verb.head.i == verb.i:
            return None
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if pos(subj) != "PROPN" or subj.tag_ != "NNP":
            return None
        return subj.doc[subj.left_edge.i : subj.right_edge.i + 1]
    return None


# words that open a clause put before the main one ("Just as he stood ..., so too is Bolton ...")
_FRONTING = frozenset({"as", "just", "when", "after", "before", "although", "though", "while", "since", "once"})


def cataphor(source: SpacySpan) -> SpacySpan | None:
    """The person a "he"/"she" in a clause put before the main one stands for when the main
    clause names its subject ("Just as he stood at the center of the controversy ..., so too is
    Bolton at the center of the collapse"), else None."""
    tok = source.root
    if len(source) != 1 or tok.lower_ not in ("he", "she"):
        return None
    doc = source.doc
    opening = next((t for t in doc if not (t.is_punct or t.is_space)), None)
    if opening is None or opening.lower_ not in _FRONTING:
        return None
    verb = tok.head  # up to the clause hung on the main verb ("when he called ..." hangs on "stood")
    for _ in range(6):
        if (verb.dep_ == "advcl" and verb.head.dep_ == "ROOT") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.dep_ != "advcl" or verb.head.i <= tok.i:
        return None
    main = verb.head
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i), None)
    if subject is None or pos(subject) != "PROPN":
        return None
    # "When he arrived, Kim greeted him": the main clause points back at someone else
    back = "him" if tok.lower_ == "he" else "her"
    if any(t.lower_ == back and t.dep_ in ("dobj", "pobj", "dative") for t in doc[subject.i :]):
        return None
    return doc[subject.left_edge.i : subject.right_edge.i + 1]


_PARTITIVE_HEADS = frozenset(["one", "two", "three", "four", "five", "several", "some", "many", "few", "both", "most"])


def partitive_group(source: SpacySpan) -> SpacySpan | None:
    """ "One of the officials", "two of his aides": the group of people the speaker is one or some
    of (the parse's head is the number; the people are in its "of" phrase), or None."""
    root = source.root
    if root.lower_ not in _PARTITIVE_HEADS:
        return None
    of = next((c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if people is None or not (_person_like(people) or people.lower_ in GROUP_NOUNS):
        return None
    return source.doc[people.left_edge.i : people.right_edge.i + 1]


def aside_names_a_body(source: SpacySpan, core: SpacySpan) -> bool:
    """Whether the aside after a name calls it an organisation ("RMB, Marisca's state
    broadcaster", "the Halvard Line, the largest carrier on the strait"); not an aside of a body in
    it ("president of the Children's Defense Fund, an advocacy group")."""
    return any(
        t.dep_ == "appos"
        and core.start <= t.head.i < core.end
        and (t.lower_ in ORGANISATION_HEADS or t.lower_ in ORG_NOUNS or t.lower_ in _BODY_NOUNS)
        for t in source
        if not core.start <= t.i < core.end
    )


# what an aside calls a body that is no organisation word of a name ("the largest carrier")
_BODY_NOUNS = frozenset({"carrier", "operator", "broadcaster", "newspaper", "agency", "firm", "group", "network"})


def joined_parts(source: SpacySpan) -> list[SpacySpan]:
    """The speakers a source joins with "and" ("Ines Marlow and Tomas Hopping", "Prime Minister Annika
    Hollis, Teodor Vask and Ines Marlow", "Ines Marlow and her deputy"), each as its own phrase with
    its title and tag; none unless every part is headed by a name or a noun (no pronoun); only the
    last when the others are titles of its name."""
    if not any(t.dep_ == "cc" and t.lower_ == "and" for t in source):
        return []  # (every speaker phrase comes here: the common case returns at once)
    root = source.root
    heads = [root]
    for h in heads:  # "A, B and C": each name hangs on the one before it, or B and C on A as its
        # apposition ("The mayor, the harbour master and the port authority all said")
        heads += [c for c in h.children if source.start <= c.i < source.end and _joined(h, c, root)]
    if len(heads) < 2:
        return _names_listed(source)
    doc = source.doc
    parts = []
    members = {h.i for h in heads}
    for h in heads:
        inner = [c for c in h.children if c.i in members or c.lower_ in _ALL]
        skip = {t.i for c in inner for t in c.subtree}
        # its words, not the "and" nor the marks the parser hung on it (the ")" of the last tag)
        words = [t.i for t in h.subtree if t.i not in skip and source.start <= t.i < source.end]
        words = [k for k in words if not (doc[k].is_punct or doc[k].dep_ == "cc")]
        if not words or any(k in skip for k in range(words[0], words[-1])) or pos(h) not in ("PROPN", "NOUN"):
            return []
        end = words[-1] + 1
        if end < source.end and doc[end].text == ")" and doc[words[0] : end].text.count("(") == 1:
            end += 1  # "Nancy Pelosi (D-Calif.)"
        if any(t.text == "," for t in doc[words[0] : end]) and len(listed := _names_listed(source)) > len(heads):
            return listed  # "Mitt Romney, Rick Perry, ..., and Ron Paul": more names than the parse joined
        parts.append(doc[words[0] : end])
    if pos(parts[-1].root) == "PROPN" and any(
        p[0].tag_ != "DT" and (p[-1].lower_.strip(".") in TITLE_WORDS or (p.root.tag_ == "NN" and p.root.is_lower))
        for p in parts[:-1]
    ):
        # "Attorney General and Senate candidate Richard Blumenthal", "Former prosecutor and New York
        # City Mayor Rudy Giuliani": one man, with his titles
        return parts[-1:]
    return parts


_ALL = frozenset({"all", "both", "each"})  # "... and Acxiom all came out against": no member


def _joined(head: Token, child: Token, root: Token) -> bool:
    if child.dep_ == "conj":
        return True
    if head.i != root.i or child.dep_ != "appos" or not any(g.dep_ == "conj" for g in child.children):
        return False
    if any(g.dep_ == "cc" and g.i > 0 and child.doc[g.i - 1].text == "," for g in child.subtree):
        return False  # "Cornyn, the Senate's No. 2 Republican, and other supporters": an aside, then "and"
    bare = child.left_edge.i == child.i and any(p.dep_ == "prep" for p in child.children)  # "Democrat of New York"
    if (
        bare
        or head.tag_ in ("NNS", "NNPS")
        or any(g.left_edge.lower_ in ("a", "an") for g in (child, *child.conjuncts))
    ):
        return False  # "The state's two senators, Jeff Flake and John McCain": who they are; "Swalwell,
        # Democrat of California and a member of the committee", "Nadler, Democrat of New York and the
        # chairman ...": what he is
    doc, before, after = child.doc, child.left_edge.i - 1, child.right_edge.i + 1
    # after a comma (not a party tag's parenthesis); a list runs on to the verb, an aside closes with a comma
    return before >= 0 and doc[before].text == "," and not (after < len(doc) and doc[after].text == ",")


def _names_listed(source: SpacySpan) -> list[SpacySpan]:
    """``joined_parts`` read from the words when the parser did not join the names ('"...," House
    Leader Ines Marlow (D) and Tomas Hopping (D) said': the first name hung on the quotation): runs
    of names and party tags between "and" and commas."""
    parts: list[SpacySpan] = []
    start = source.start
    depth = 0
    for t in [*source, None]:
        if t is not None:
            depth += (t.text == "(") - (t.text == ")")
            if depth or not (t.lower_ == "and" or t.text == ","):
                if depth or t.text == ")" or pos(t) == "PROPN":
                    continue
                return []  # a word that is no name: "Marlow, a lawyer at the firm, and Hopping"
        end = source.end if t is None else t.i
        if end > start:
            parts.append(source.doc[start:end])
        start = end + 1
    return parts if len(parts) > 1 else []
