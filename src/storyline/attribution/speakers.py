"""Who a source phrase refers to: its type (person, anonymous, group, organization, outlet) and the
actor it resolves to within the article (pronouns to the right earlier person, surnames to full
names, role descriptions such as "the president" to the person holding that role)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.attribution.actor_kinds import ORGANISATION_HEADS
from storyline.attribution.article_context import ArticleContext
from storyline.attribution.cues import CUE_CLASSES
from storyline.attribution.descriptions import (
    affiliation_words,
    core_description,
    name_parts,
    org_name,
    person_named,
    role_words,
)
from storyline.attribution.epithets import epithet_referent
from storyline.attribution.gazetteer import country_for, country_for_demonym, is_organisation_word
from storyline.attribution.genders import COURTESY_GENDER, title_gender
from storyline.attribution.messages import earlier_author, message_author
from storyline.attribution.name_chunks import after_last_title, name_chunks
from storyline.attribution.name_words import DEPARTMENT_WORDS, PLACE_FIRST_WORDS, PLACE_LAST_WORDS, THING_LAST_WORDS
from storyline.attribution.referents import (
    antecedent,
    aside_names_a_body,
    cataphor,
    joined_parts,
    named_subject_above,
    partitive_group,
    plural_subject_above,
    subject_beside,
)
from storyline.attribution.speaker_words import (
    ANONYMOUS_MARKERS,
    ANONYMOUS_NOUNS,
    GROUP_NOUNS,
    NOT_NAME_START,
    ORG_NOUNS,
    PERSON_TITLES,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    ROLE_NOUNS,
    STRIP_EDGE,
    TITLE_WORDS,
    as_written,
    is_epithet,
)
from storyline.attribution.tokens import lemma, lemma_of, pos
from storyline.model import SpeakerType


@dataclass(frozen=True)
class ResolvedSpeaker:
    speaker: str  # as written
    actor: str
    speaker_type: SpeakerType
    affiliation: str | None = None
    role: str | None = None


_MIDDLE_INITIAL = re.compile(r"(?<=[a-z]) [A-Z]\.(?= [A-Z][a-z])")


def _serves(head: Token) -> bool:
    """Whether a phrase's head is someone who works for its owner ("her spokesman", "his deputy")."""
    return lemma(head) in ANONYMOUS_NOUNS or lemma(head) in ROLE_NOUNS


_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})
_JOINT = frozenset({SpeakerType.PERSON, SpeakerType.GROUP, SpeakerType.ORGANIZATION, SpeakerType.ANONYMOUS})


def strip_titles(name: str) -> str:
    """``"President Donald J. Trump"`` -> ``"Donald Trump"``: no titles, no middle initial (one
    outlet's "Donald J. Trump" is another's "Donald Trump"); keeps at least one word."""
    words = _MIDDLE_INITIAL.sub("", name).replace("’s", "").replace("'s", "").split()
    while len(words) > 1 and words[0].lower().strip(".") in TITLE_WORDS:
        words = words[1:]
    while len(words) > 2 and words[0].lower() in DEPARTMENT_WORDS:  # "(Secretary of the) Interior Ryan Zinke"
        words = words[1:]
    return " ".join(words)


def _is_capitalised(span: SpacySpan) -> bool:
    return any(t.text[:1].isupper() for t in span if pos(t) == "PROPN")


_INDEFINITE = frozenset(["a", "an", "one", "another"])


def _name_the_parser_missed(source: SpacySpan, head: Token, ctx: ArticleContext) -> bool:
    """A capitalised head the tagger read as a common noun ("Stone on Friday said", "Ms. O'Neill
    said") is a name when the article names a person with that surname, or a courtesy title stands
    before it. (One it read as a verb, "Trump himself said", stays unknown: taking it made pronouns
    nearby go to him when the article had not gendered him.)"""
    if head.tag_.startswith("VB") and head.text[:1].isupper() and any(c.dep_ == "compound" for c in head.lefts):
        # "Rev. John Paul Hopping" with "Hopping" read as a verb: the names before make it one
        return ctx.names_surname(head.text)
    if (
        not head.text[:1].isupper()
        or not head.tag_.startswith("NN")
        or (head.is_sent_start and head.lower_ in TITLE_WORDS)
    ):
        return False
    if ctx.names_surname(head.text):
        return True
    return any(t.i < head.i and t.lower_.strip(".") in COURTESY_GENDER for t in source)


_RECENT_SPEAKER_CHARS = 300
_CURRENT_SPEAKER_CHARS = 700


def _without_aside(source: SpacySpan) -> SpacySpan:
    """The phrase before a clause set off by a comma or dash: "Linnea Okoro, who ... directs the
    Hallenburg Institute, said" is Linnea Okoro speaking, not the institute. An apposition is an
    aside only after a name ("Piet Marchetti, leader of ..."), not after a role that it names
    ("the minister, Teodor Vask")."""
    head = source.root
    doc = source.doc
    for child in head.rights:
        if child.dep_ not in ("relcl", "acl", "appos") or not source.start <= child.i < source.end:
            continue
        # "an Ohio Republican, Jim Banks": a capitalised noun with an indefinite article is no name
        described = (
            pos(head) != "PROPN"
            or source[0].lower_ in _INDEFINITE
            or is_epithet(source[: head.i + 1 - source.start].text)
        )
        if child.dep_ == "appos" and described:
            if pos(child) == "PROPN" and (lemma(head) in ROLE_NOUNS or pos(head) == "PROPN"):  # the name
                sub = sorted(t.i for t in child.subtree)
                return doc[sub[0] : sub[-1] + 1]
            continue
        first = min(t.i for t in child.subtree)
        if first - 1 > head.i - 1 and first - 1 >= source.start and doc[first - 1].text in (",", "—", "–", "("):
            return doc[source.start : first - 1]
    return source


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_PLURAL_ORG_NOUNS = frozenset(
    {w + "s" for w in ORG_NOUNS if not w.endswith(("s", "y"))} | {w[:-1] + "ies" for w in ORG_NOUNS if w.endswith("y")}
)


# a legislator's party and state after the name: "Schumer, D-N.Y.", "Sen. Lee (R-Utah)"
_PARTY_TAG = re.compile(r"\s*,?\s*\(?\b[DRI]-[A-Z][A-Za-z.]{0,12}(?:\s[A-Z][A-Za-z.]{0,8})?\)?[.,]?\s*$")


def classify_speaker(source: SpacySpan, offset: int, ctx: ArticleContext) -> ResolvedSpeaker:
    """Type and actor of a source phrase (``source`` is the parsed phrase, ``offset`` its start)."""
    parts = [classify_speaker(p, offset + p.start_char - source.start_char, ctx) for p in joined_parts(source)]
    if parts and all(r.speaker_type in _JOINT for r in parts):  # "Marlow and Hopping said": both
        written = as_written(source.text)
        if all(r.speaker_type is SpeakerType.PERSON and " " not in r.actor for r in parts):
            return ResolvedSpeaker(written, written, SpeakerType.ORGANIZATION)  # "Procter and Gamble"
        names = list(dict.fromkeys(r.actor for r in parts))
        if len(names) == 1:
            return replace(parts[0], speaker=written)
        return ResolvedSpeaker(written, f"{', '.join(names[:-1])} and {names[-1]}", SpeakerType.GROUP)
    if len(source) > 1 and source[-1].lower_ in _REFLEXIVES:  # "Trump himself lashed out": Trump
        return replace(classify_speaker(source[:-1], offset, ctx), speaker=as_written(source.text))
    tag = _PARTY_TAG.search(source.text)
    if tag and source.text[: tag.start()].strip(STRIP_EDGE):
        untagged = source.doc.char_span(source.start_char, source.start_char + tag.start(), alignment_mode="contract")
        if untagged is not None and len(untagged):
            return replace(classify_speaker(untagged, offset, ctx), speaker=as_written(source.text))
    core = _without_aside(source)
    if (core.start, core.end) != (source.start, source.end) and core.text.strip(STRIP_EDGE):
        inner = classify_speaker(core, offset, ctx)
        if inner.speaker_type is SpeakerType.PERSON and aside_names_a_body(source, core):
            inner = replace(inner, speaker_type=SpeakerType.ORGANIZATION)  # "RMB, the state broadcaster"
        return replace(inner, speaker=as_written(source.text), role=inner.role or role_words(source))
    written = as_written(source.text)
    lower = written.lower()
    referent = antecedent(source)
    if referent is not None:  # "Jon Berger, who said ...": the relative pronoun is Jon Berger
        at = offset + referent.start_char - source.start_char
        return replace(classify_speaker(referent, at, ctx), speaker=written)
    head = source.root
    head_lemma = lemma(head)
    words = lower.split()
    if not words:
        return ResolvedSpeaker(written, written, SpeakerType.UNKNOWN)
    bare = " ".join(w for w in words if w not in ("the", "a", "an"))
    if lower in ctx.outlet_names or bare in ctx.outlet_names:
        return ResolvedSpeaker(written, _outlet_display(written, ctx), SpeakerType.OUTLET)
    if is_epithet(written) and (politician := _epithet_person(written, offset, ctx)):
        return ResolvedSpeaker(written, politician, SpeakerType.PERSON)  # "The California Democrat said"
    if lower in PRONOUNS_PERSON:
        # "An official, speaking ..., stuck to ... — but he acknowledged"; "Just as he stood ...,
        # so too is Bolton ...": the noun the parse says the pronoun is
        beside = subject_beside(source) or cataphor(source) or named_subject_above(source)
        if beside is not None:
            at = offset + beside.start_char - source.start_char
            referred = classify_speaker(beside, at, ctx)
            # (a "he" or "she" is a person: "including that Mexico was already paying for it, as
            # he promised": not Mexico)
            personal = lower not in ("he", "she") or referred.speaker_type is not SpeakerType.ORGANIZATION
            if ctx.fits(referred.actor, written) and personal:
                return replace(referred, speaker=written)
        return _resolve_pronoun(written, offset, ctx)
    if lower in PRONOUNS_GROUP:
        above = plural_subject_above(source)
        if above is not None:  # "Trump and his negotiators deemed it too far because they had ..."
            at = offset + above.start_char - source.start_char
            return replace(classify_speaker(above, at, ctx), speaker=written)
        group = ctx.last_group_before(offset)
        return ResolvedSpeaker(written, group or written, SpeakerType.GROUP)
    if lower == "it":
        return _resolve_it(written, offset, ctx)
    if bare in _THE_TWO:  # "Pelosi and Schumer met the president. The two have said ...": both named
        near = (
            n
            for at, n in reversed(ctx.persons)
            if offset - _TWO_NAMED_CHARS <= at < offset and not ctx.in_quotation(at)
        )
        two = list(dict.fromkeys(near))[:2]
        if len(two) == 2:
            return ResolvedSpeaker(written, f"{two[1]} and {two[0]}", SpeakerType.GROUP)
    members_of = partitive_group(source)
    if members_of is not None:  # "one of the officials": an unnamed member of that group
        inner = classify_speaker(members_of, offset + members_of.start_char - source.start_char, ctx)
        kind = SpeakerType.ANONYMOUS if source.root.lower_ == "one" else SpeakerType.GROUP
        return ResolvedSpeaker(written, f"{source.root.text} of {inner.actor}", kind, affiliation=inner.affiliation)
    author = message_author(source)
    if author is not None:  # "Trump's tweet said", "a statement from the ministry": its author speaks
        at = offset + author.start_char - source.start_char
        by = classify_speaker(author, at, ctx) if author.text.lower() not in _POSSESSIVE_PRONOUNS else None
        by = by or _resolve_possessive(author.text, at, ctx)
        if by.speaker_type is SpeakerType.ORGANIZATION and author.root.tag_ == "NNS":
            by = replace(by, speaker_type=SpeakerType.GROUP)  # "statements from both offices"
        if by.speaker_type is not SpeakerType.UNKNOWN:
            return replace(by, speaker=written)
    elif words[0] in ("the", "that") and head.i == source.end - 1 and (earlier := earlier_author(head, offset, ctx)):
        return ResolvedSpeaker(written, *earlier)  # '"...," Trump said in a statement. "...," the statement continued'
    if len(source) > 1 and source[0].lower_ in _POSSESSIVE_PRONOUNS and (words[0] == "its" or _serves(head)):
        return _owned(source, offset, ctx)  # "its spokesman", "her spokesman": whose
    country = country_for(bare)
    if country is not None:
        return ResolvedSpeaker(written, country.name, SpeakerType.ORGANIZATION)
    chunks = name_chunks(source)
    head_is_name = pos(head) == "PROPN" or _name_the_parser_missed(source, head, ctx)
    persons = [text for text, kind in chunks if kind == "person"]
    orgs = [text for text, kind in chunks if kind != "person"]
    has_org_word = (
        any(is_organisation_word(t.text) for t in source)
        or head_lemma in ORG_NOUNS
        # "RMB", "KCNA": an acronym; "the Halvard Line": a name ending in an organisation's word
        or (head_is_name and _ACRONYM.fullmatch(head.text) is not None and not any(" " in p for p in persons))
        or (head_is_name and head.lower_ in ORGANISATION_HEADS)
    )
    # "a senior State Department official", "two senior members of the North's delegation"
    if head_lemma in ANONYMOUS_NOUNS and not (persons and head_is_name):
        affiliation = " ".join(orgs) or affiliation_words(source) or None
        plural = head.tag_ in ("NNS", "NNPS") or words[0] in ("two", "three", "several", "some")
        if words[0] == "the" and not plural and not affiliation and (before := ctx.unnamed_before(offset, head_lemma)):
            # "A spokesperson for Google says ..." then '"...," the spokesperson said': that source
            return ResolvedSpeaker(written, before[0], SpeakerType.ANONYMOUS, affiliation=before[1])
        if words[0] in ANONYMOUS_MARKERS or plural or words[0] == "the":
            kind = SpeakerType.GROUP if plural else SpeakerType.ANONYMOUS
            return ResolvedSpeaker(written, core_description(source), kind, affiliation=affiliation)
    if head_is_name and head.tag_ == "NNP" and words[0] in _INDEFINITE:
        # "one Democrat who opposed her", "a Republican close to the campaign": a name takes no
        # indefinite article; an unnamed member of a party or people
        return ResolvedSpeaker(written, core_description(source), SpeakerType.ANONYMOUS)
    if not head_is_name and head_lemma in GROUP_NOUNS | {"officials", "members"}:
        return ResolvedSpeaker(written, core_description(source), SpeakerType.GROUP, affiliation=" ".join(orgs) or None)
    if head.tag_ == "NNPS" or (head_is_name and country_for_demonym(head.lower_.removesuffix("s"))):
        # "the North Koreans", "Democrats": a group, affiliated with the country of the demonym
        demonym = country_for_demonym(" ".join(w for w in words if w != "the").removesuffix("s"))
        return ResolvedSpeaker(
            written,
            core_description(source),
            SpeakerType.GROUP,
            affiliation=demonym.name if demonym else None,
        )
    if head_is_name and not has_org_word and _the_name(source):  # "The Hill", "the Kremlin": no person
        return ResolvedSpeaker(written, org_name(source), SpeakerType.ORGANIZATION)
    if head_is_name and not has_org_word:
        known_surname = ctx.names_surname(head.text)
        titled = any(t.lower_.strip(".") in PERSON_TITLES and t.i < head.i for t in source)
        if persons or known_surname or titled or not orgs:
            name = person_named(persons, head)
            if name is None:  # the head and the words compounded on it, when no name chunk holds it
                left = [t for t in source if t.i < head.i and t.head.i == head.i and t.dep_ == "compound"]
                compounded = " ".join([*(t.text for t in left), head.text])
                name = persons[0] if persons and pos(head) == "PROPN" else compounded
            name = ctx.full_name(strip_titles(name), title_gender(source, head))
            return ResolvedSpeaker(written, name, SpeakerType.PERSON, role=role_words(source))
    if head_is_name and has_org_word:
        # "Senate Minority Leader Chuck Schumer", "State Department spokesman Ned Price": the body
        # names where the person works; the phrase's head is the person's name
        employee = person_named(persons, head)
        if employee is not None and len(employee.split()) >= 2:
            return ResolvedSpeaker(
                written,
                ctx.full_name(strip_titles(employee)),
                SpeakerType.PERSON,
                affiliation=" ".join(orgs) or None,
                role=role_words(source),
            )
    # "His deputy, Mirela Dunn": a description with the person's name in apposition is that person
    named = [t for t in source if t.dep_ == "appos" and t.head.i == head.i and pos(t) == "PROPN"]
    if named and not head_is_name and not has_org_word:
        if any(c.dep_ == "conj" for c in named[0].children):  # "The port's two pilots, A and B": both
            them = source.doc[named[0].left_edge.i : min(named[0].right_edge.i + 1, source.end)]
            return replace(classify_speaker(them, offset + them.start_char - source.start_char, ctx), speaker=written)
        appositive = next((p for p in persons if named[0].text in name_parts(p)), None)
        if appositive is not None:
            full = ctx.full_name(strip_titles(appositive))
            return ResolvedSpeaker(written, full, SpeakerType.PERSON, role=role_words(source))
    # "the president", "the foreign minister": the person holding that role in the article
    if words[0] == "the" and bare in ctx.roles:
        return ResolvedSpeaker(written, ctx.roles[bare], SpeakerType.PERSON, role=bare)
    if words[0] == "the" and head_lemma in ROLE_NOUNS and head_lemma in ctx.roles and len(words) <= 4:
        # "the Texas governor" -> the person the article titles "Gov."
        return ResolvedSpeaker(written, ctx.roles[head_lemma], SpeakerType.PERSON, role=bare)
    if bare in _PLURAL_ORG_NOUNS:  # "Authorities said", "the ministries": a group, not one body
        return ResolvedSpeaker(written, core_description(source), SpeakerType.GROUP)
    if head_is_name or (has_org_word and head_lemma not in ROLE_NOUNS):  # not "the Fox News host"
        return ResolvedSpeaker(written, org_name(source), SpeakerType.ORGANIZATION)
    if head.tag_ in ("NNS", "NNPS") or head_lemma in GROUP_NOUNS:
        return ResolvedSpeaker(written, core_description(source), SpeakerType.GROUP, affiliation=" ".join(orgs) or None)
    if head_lemma in ROLE_NOUNS and words[0] == "the":  # "the president" not resolved in this article
        return ResolvedSpeaker(written, core_description(source), SpeakerType.PERSON, role=bare)
    if head_lemma in ROLE_NOUNS:
        return ResolvedSpeaker(written, core_description(source), SpeakerType.ANONYMOUS)
    if len(words) <= 3 and head.tag_ in ("NN", "NNP") and ctx.full_name(written) != written:
        return ResolvedSpeaker(written, ctx.full_name(written), SpeakerType.PERSON)  # lowercased name
    return ResolvedSpeaker(written, written, SpeakerType.UNKNOWN)


_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}


def _resolve_possessive(written: str, offset: int, ctx: ArticleContext) -> ResolvedSpeaker:
    """The author of "his remarks", "their statement", "its report": the pronoun's referent."""
    pronoun = _POSSESSIVE_PRONOUNS.get(written.lower())
    if pronoun == "it":
        return _resolve_it(pronoun, offset, ctx)
    if pronoun == "they":
        group = ctx.last_group_before(offset)
        return ResolvedSpeaker(written, group or written, SpeakerType.GROUP if group else SpeakerType.UNKNOWN)
    if pronoun is not None:
        return _resolve_pronoun(pronoun, offset, ctx)
    return ResolvedSpeaker(written, written, SpeakerType.UNKNOWN)


def _the_name(source: SpacySpan) -> bool:
    """Whether the phrase is "the" and capitalised words only ("The Hill", "the Kremlin"): a body
    or a publication; a person takes no article before the name alone."""
    words = [t for t in source if not t.is_punct]
    titled = any(t.lower_.strip(".") in PERSON_TITLES or t.lower_.strip(".") in TITLE_WORDS for t in words[1:])
    return len(words) >= 2 and words[0].lower_ == "the" and all(t.text[:1].isupper() for t in words[1:]) and not titled


def _owned(source: SpacySpan, offset: int, ctx: ArticleContext) -> ResolvedSpeaker:
    """ "Its officials", "its spokesman": the body "it" would be there ("For Marisca the
    distinction matters. Its officials have long argued ...": Marisca's officials, of Marisca);
    unresolved, the phrase as written."""
    written = as_written(source.text)
    # "North Korea wanted only partial relief, its foreign minister said": a body that is a subject
    # earlier in the sentence; else what "it" would be there
    before = [t for t in source.doc[: source.start] if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NN", "NNP")]
    subjects = (source.doc[t.left_edge.i : t.i + 1] for t in reversed(before))
    found = (classify_speaker(b, offset + b.start_char - source.start_char, ctx) for b in subjects)
    owner = next((r for r in found if r.speaker_type is SpeakerType.ORGANIZATION), None)
    if source[0].lower_ != "its":  # "her spokesman": the person "she" is
        owner = _resolve_possessive(source[0].text, offset, ctx)
        owner = (
            owner
            if owner.actor.lower() not in PRONOUNS_PERSON | PRONOUNS_GROUP
            else replace(owner, speaker_type=SpeakerType.UNKNOWN)
        )
    owner = owner or _resolve_it("it", offset, ctx)
    rest = source[1:]
    inner = classify_speaker(rest, offset + rest.start_char - source.start_char, ctx)
    if inner.speaker_type is SpeakerType.UNKNOWN and lemma(rest.root) in ANONYMOUS_NOUNS:  # "deputy"
        inner = ResolvedSpeaker(rest.text, core_description(rest), SpeakerType.ANONYMOUS)
    named = inner.speaker_type is SpeakerType.PERSON and inner.actor[:1].isupper() and " " in inner.actor
    if named and owner.speaker_type is SpeakerType.UNKNOWN:  # "its editor, Mara Quist", whoever "its" is
        return replace(inner, speaker=written)
    if owner.speaker_type is SpeakerType.UNKNOWN or inner.speaker_type is SpeakerType.UNKNOWN:
        return ResolvedSpeaker(written, written, inner.speaker_type)
    if pos(rest.root) == "PROPN" or named:  # "its chairman, Lars Brandt", "its editor, Ben Smith": the name
        return replace(inner, speaker=written, affiliation=inner.affiliation or owner.actor)
    owned = re.sub(r"^(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+", "", inner.actor)  # the rest's description, less "its"
    return replace(inner, speaker=written, actor=f"{owner.actor}'s {owned}", affiliation=owner.actor)


_THE_TWO = frozenset(["two", "both", "both men", "both women", "pair", "the two", "the pair"])
_TWO_NAMED_CHARS = 300  # "the two" are two people named this close before
_PLURAL_FIRST = frozenset({"two", "three", "four", "five", "six", "several", "some", "many", "both", "few", "most"})
_PLURAL_LAST = frozenset({"people", "police", "staff", "men", "women", "children", "personnel", "media"})


def _singular(name: str) -> bool:
    """Whether a group's name can be an "it" ("the Maritime Authority", not "two people",
    "several diplomats" or "the ministries")."""
    words = name.lower().split()
    if not words:
        return False
    if words[0] in _PLURAL_FIRST or words[-1] in _PLURAL_LAST:
        return False
    return not name.endswith("s") or name.endswith(("ss", "us"))


def _resolve_pronoun(written: str, offset: int, ctx: ArticleContext) -> ResolvedSpeaker:
    """ "he"/"she": a person or anonymous speaker quoted just before, else the last person named."""
    recent = [
        (at, name, kind)
        for at, name, kind in ctx.speakers
        if offset - _RECENT_SPEAKER_CHARS <= at < offset
        and kind in (SpeakerType.PERSON, SpeakerType.ANONYMOUS)
        and ctx.fits(name, written)
    ]
    if not recent:  # the current speaker, a little further back
        recent = [
            (at, name, kind)
            for at, name, kind in ctx.speakers
            if offset - _CURRENT_SPEAKER_CHARS <= at < offset
            and kind in (SpeakerType.PERSON, SpeakerType.ANONYMOUS)
            and ctx.fits(name, written)
        ]
    if recent:
        at, name, kind = recent[-1][0], recent[-1][1], SpeakerType(recent[-1][2])
        # "'...,' he said." after "Trump, as is often his way, fired back on Twitter.": a person who
        # opens a sentence of narration since the last speaker is who "he" is now
        name, kind = _new_subject(at, offset, ctx, written) or (name, kind)
        ctx.learn(name, written)
        return ResolvedSpeaker(written, name, kind)
    person = _last_person_named(offset, ctx, written)
    if person:
        ctx.learn(person, written)
    return ResolvedSpeaker(written, person or written, SpeakerType.PERSON)


def _new_subject(after: int, offset: int, ctx: ArticleContext, written: str) -> tuple[str, SpeakerType] | None:
    """The person who opens a sentence of narration between the last speaker (at ``after``) and
    the sentence of ``offset`` ("Trump, as is often his way, fired back ..."), named in full or by
    a surname the article gives a person, who fits ``written``; None when there is none."""
    k = bisect.bisect_right(ctx.sentence_starts, offset) - 1
    for j in range(k - 1, -1, -1):
        at = ctx.sentence_starts[j]
        if at <= after:
            return None
        # "Then there was Sen. Bob Menendez's response. He bluntly accused ...": the name whose words
        # the sentence before is about
        words = _WORDS_OF.match(ctx.text, at) if j == k - 1 else None
        opening = _OPENING_NAME.match(ctx.text, at) if words is None else words
        if opening is None or ctx.in_quotation(opening.start()):
            continue
        name = after_last_title(
            strip_titles(opening.group(opening.lastindex or 0))
        )  # "As Sen. Rand Paul, R-Ky., put it"
        first, _, rest = name.partition(" ")
        if first.lower() in NOT_NAME_START and rest:  # "As Rand Paul put it"
            name = rest
        full = ctx.full_name(name) if ctx.names_surname(name.split()[-1]) else None
        if full and " " in full and ctx.fits(full, written):
            return full, SpeakerType.PERSON
    return None


_OPENING_NAME = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?=[ ,])")
# a name whose words the sentence is about ("X's response.", "X's statement"): who "he" is next
_WORDS_OF = re.compile(
    r"(?:(?:Then |And )?(?:[Tt]here (?:was|is|came) |came |[Cc]onsider |[Tt]ake ))?"
    r"([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,5})(?=['’]s (?:response|reaction|statement|answer|reply|comments|remarks)\b)"
)


def _last_person_named(offset: int, ctx: ArticleContext, written: str) -> str | None:
    """The last person named before ``offset`` outside quotation marks (in '"... with Donald Trump
    as our president," she said' the name is one she says, not who she is) who fits ``written``."""
    return next(
        (n for at, n in reversed(ctx.persons) if at < offset and ctx.fits(n, written) and not ctx.in_quotation(at)),
        None,
    )


def _epithet_person(written: str, offset: int, ctx: ArticleContext) -> str | None:
    """The person named before ``offset`` (outside quotations) an epithet stands for (see
    :func:`~storyline.attribution.epithets.epithet_referent`)."""
    named = [(at, n) for at, n in ctx.persons if at < offset and not ctx.in_quotation(at)]
    return epithet_referent(written, named, ctx.text)


def _resolve_it(written: str, offset: int, ctx: ArticleContext) -> ResolvedSpeaker:
    """ "it said": the organisation, outlet or body quoted last, not long before ("the North's
    state-run media indicated ... It said ..."); a plural group ("two officials") is no "it". A
    country named after that speaker's words, in the narration ("... its first nuclear test. For
    Pyongyang, that's a key difference: while it claims ..."), comes first; one named inside what
    someone said ("KCNA said talks with the United States had stalled. It added ...") does not."""
    found: ResolvedSpeaker | None = None
    since = offset - _CURRENT_SPEAKER_CHARS
    for at, name, kind in reversed(ctx.speakers):
        if at >= offset:
            continue
        if at < offset - _CURRENT_SPEAKER_CHARS:
            break
        singular = _singular(name)
        if kind in (SpeakerType.ORGANIZATION, SpeakerType.OUTLET) or (kind is SpeakerType.GROUP and singular):
            found, since = ResolvedSpeaker(written, name, kind), at
            break
    for at, country in reversed(ctx.places):
        if at >= offset:
            continue
        if at <= since:
            break
        if not ctx.in_quotation(at) and not any(a <= at < b for a, b in ctx.said):
            return ResolvedSpeaker(written, country, SpeakerType.ORGANIZATION)
    return found or ResolvedSpeaker(written, written, SpeakerType.UNKNOWN)


# a name's word: "Trump", and with a capitalised prefix "McConnell", "DeSantis", "LaPierre", "O'Rourke"
NAME_WORD = r"(?:[A-Z][a-z]{0,2}['’]?)?[A-Z][a-z]+"
_NAME_RUN = re.compile(rf"\b{NAME_WORD}(?:(?: [A-Z]\.)?[ -]{NAME_WORD}){{1,5}}\b")  # "Donald J. Trump" too


_SEASON = frozenset(["early", "late", "mid", "until", "through", "since"])


def person_names(text: str) -> list[tuple[int, str]]:
    """(offset, name) of person-shaped capitalised runs of two or more words ("Ri Yong Ho"), titles
    stripped, without organisations and places: the people a later "he" or "she" can refer to."""
    out = []
    for m in _NAME_RUN.finditer(text):
        raw = m.group()
        first = raw.split()[0].lower()
        if first == "the" or text[max(0, m.start() - 4) : m.start()] == "the ":
            continue  # "the Sorrel Dawn", "the Halvard Line": a ship, a company, a place; not a person
        if first in NOT_NAME_START or (first.endswith("ed") and lemma_of(first, "VBD") in CUE_CLASSES):
            raw = raw.split(" ", 1)[1]  # a word that starts no name, or a reporting verb ("Added Gibbs:")
        name = after_last_title(strip_titles(raw))
        words = name.split()
        if len(words) < 2 or any(
            w.lower() in TITLE_WORDS
            or (w.lower() in NOT_NAME_START and not (k == len(words) - 1 and w == "May" and first not in _SEASON))
            or is_organisation_word(w)
            for k, w in enumerate(words)
        ):  # "Theresa May" is a person; "Early May" is not
            continue
        if words[0].lower() in PLACE_FIRST_WORDS or words[-1].lower() in PLACE_LAST_WORDS | THING_LAST_WORDS:
            continue
        if country_for(name) or country_for_demonym(name) or country_for(words[0]):
            continue
        out.append((m.start() + m.group().find(name.split()[0]), name))
    return out


def _outlet_display(written: str, ctx: ArticleContext) -> str:
    return written.removeprefix("The ").removeprefix("the ")
