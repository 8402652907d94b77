"""What a reporting verb's complements say when they are not what was said: the one spoken to
("briefed the media"), when, on what terms or where it was said ("on Friday", "on condition he not
be named", "on the radio"), a "that" clause the parser hung on the place of speaking, a
programme's quoted title read as what was said, a "that" clause the parser read as an object, and
the question that "is hard to say" has for its subject."""

from __future__ import annotations

import calendar

from spacy.tokens import Token

from storyline.attribution.cues import CUE_CLASSES, surface_forms
from storyline.attribution.tokens import SentenceView, subtree

SUBJECT_DEPS = ("nsubj", "csubj")

# verbs whose object is the one spoken to: "briefed the media", "told reporters", "warned them" say
# nothing by that object (the words come in a clause, a quote or an "about" phrase)
# "called reporters to a hotel ballroom" summons them (but "called them liars" says something: see syntax)
ADDRESSEE_CUES = frozenset(
    {"brief", "tell", "inform", "assure", "reassure", "warn", "remind", "notify", "address", "call"}
)
ADDRESSEE_WORDS = frozenset(
    {
        "him",
        "her",
        "them",
        "us",
        "me",
        "you",
        "media",
        "press",
        "reporter",
        "reporters",
        "journalist",
        "journalists",
        "audience",
        "crowd",
        "lawmakers",
        "legislators",
        "supporters",
        "viewers",
        "readers",
        "listeners",
        "delegates",
        "colleagues",
        "congress",
        "parliament",
        "committee",
        "panel",
        "senators",
    }
)
#: what one tells that is the telling, not the one told ("told the story", "told a joke")
TOLD_THINGS = frozenset(
    {"story", "truth", "lie", "joke", "tale", "anecdote", "secret", "version", "account", "news", "something"}
    | {"anything", "nothing", "everything", "this", "that", "it", "what", "which", "much", "lot", "more", "same"}
)
# what an "on" phrase names when it is not a topic: a time, the terms of speaking, or the medium
# ("answered on the radio station Kanal 3", "said on Twitter")
NOT_TOPICS = frozenset(
    {d.lower() for d in calendar.day_name}
    | {m.lower() for m in calendar.month_name if m}
    | {"condition", "behalf", "record", "background", "morning", "afternoon", "evening", "night", "day", "weekend"}
    | {"station", "radio", "television", "tv", "air", "channel", "program", "programme", "show", "broadcast"}
    | {"podcast", "phone", "telephone", "camera", "twitter", "facebook", "instagram", "website", "stage"}
)


def when_or_terms(v: SentenceView, prep: int) -> bool:
    """Whether a preposition's phrase says when or on what terms, not about what: "on Friday",
    "on condition he not be named", "on behalf of"."""
    objs = [c for c in v.children[prep] if v.dep[c] == "pobj"]
    return bool(objs) and v.lower[objs[0]] in NOT_TOPICS


def names_a_medium(v: SentenceView, prep: int) -> bool:
    """Whether "on <name>" after "said" names where it was said ("said on Fox News Sunday", "on
    NBC's 'Meet the Press'"): "say" reports a clause or a quotation, so a name after "on" is the
    programme or the platform."""
    objs = [c for c in v.children[prep] if v.dep[c] == "pobj"]
    return v.lower[prep] == "on" and bool(objs) and v.tag[objs[0]] in ("NNP", "NNPS")


def clause_in_circumstance(v: SentenceView, i: int) -> list[int]:
    """A "that" clause the parser hung on the place or time of speaking: in "Vaur told reporters at
    the city hall that Calvene had demanded ..." it made the clause a relative clause of "hall". A
    relative clause has a gap; this one has its own subject after "that" (a complete clause), so it
    is what was said."""
    deps, children = v.dep, v.children
    for p in children[i]:
        if deps[p] != "prep" or p < i:
            continue
        for o in children[p]:
            if deps[o] != "pobj":
                continue
            for r in children[o]:
                kids = children[r]
                marks = [k for k in kids if deps[k] == "mark" and v.lower[k] == "that"]
                if deps[r] == "relcl" and marks and any(deps[k] in SUBJECT_DEPS and k > marks[0] for k in kids):
                    sub = subtree(v, r)
                    return [t for t in sub if t >= marks[0]]
    return []


def is_addressee(v: SentenceView, c: int) -> bool:
    """Whether object ``c`` is someone spoken to ("the media", "reporters", "them", "lawmakers", whom
    one tells: "told the Gazette", "told Newsmax", "told the newspaper"),
    a plain phrase with nothing reported in it (no clause, no quotation)."""
    # one tells someone: "told the Gazette", "told the newspaper", "told his staff" (not "told the story")
    named_listener = v.lemma[v.head[c]] == "tell" and v.lemma[c] not in TOLD_THINGS
    if v.lower[c] not in ADDRESSEE_WORDS and v.lemma[c] not in ADDRESSEE_WORDS and not named_listener:
        return False
    sub = subtree(v, c)
    return not any(v.quote_parity[t] or v.dep[t] in ("relcl", "acl", "ccomp") for t in sub)


def without_quoted_title(v: SentenceView, content: list[int]) -> list[int]:
    """'said on NBC's "Meet the Press" that the memo was misleading': the parser read the
    programme's quoted title as the verb's complement with the "that" clause under it; what was
    said is the clause, not the title."""
    that = next((t for t in content if v.lower[t] == "that" and v.dep[t] == "mark"), -1)
    before = [t for t in content if t < that]
    if that < 0 or not before or not any(v.quote_parity[t] for t in before):
        return content
    if all(v.quote_parity[t] or v.tag[t] in ("``", "''") for t in before):
        return [t for t in content if t >= that]
    return content


def clause_read_as_object(v: SentenceView, i: int, obj: int, content: list[int]) -> list[int]:
    """An object that opens with "that" is a clause the parser split around an aside: "reported that
    the president's tweet, according to officials, had preempted ..." came out as "reported [that
    the president's tweet]" with "had preempted ..." hung on the cue. The clause's verb (the cue's
    next subjectless adverbial clause) and its words belong to the content."""
    deps, children = v.dep, v.children
    if not content or v.lower[content[0]] != "that" or deps[content[0]] != "mark":
        return content
    verb = next((c for c in children[i] if c > obj and deps[c] == "advcl"), -1)
    if verb < 0 or any(deps[c] in SUBJECT_DEPS or deps[c] == "mark" for c in children[verb]):
        return content
    tail = subtree(v, verb)
    return list(range(content[0], max(tail) + 1))


_CLAUSE_MARKS = frozenset({"whether", "if", "that"})


#: verbs of asking: their object is the one asked ("asked workers if ...", "asked Bennett about ...")
ASKING = frozenset(
    {"ask", "question", "press", "query", "quiz", "grill", "pepper", "interview", "challenge", "confront"}
)
_WH_WORDS = frozenset({"why", "how", "what", "when", "where", "who", "whom", "which", "whether", "if"})
_ASKED_THINGS = frozenset({"question", "questions", "favor", "favour", "permission", "forgiveness"})


_ASKING_FORMS = frozenset(form for verb in ASKING for form in surface_forms(verb))


def is_asking(v: SentenceView, i: int) -> bool:
    """Whether the token is a verb of asking (by its lemma, or as written: the lemma table holds
    reporting verbs only)."""
    return v.lemma[i] in ASKING or v.lower[i] in _ASKING_FORMS


def question_asked(v: SentenceView, i: int, obj: int = -1) -> list[int]:
    """What an asking verb asks, when its object is the one asked (not "asked a question"): a clause
    after it opened by "if", "whether" or a wh-word ("asked workers if they planned to attend"), or
    an "about" / "on" / "over" phrase ("asked Bennett about Carson's comments"); else none."""
    if not is_asking(v, i) or (obj >= 0 and v.lemma[obj] in _ASKED_THINGS):
        return []
    for c in v.children[i]:
        if c > i and v.dep[c] in ("advcl", "ccomp") and v.lower[subtree(v, c)[0]] in _WH_WORDS:
            return subtree(v, c)
    after = subtree(v, obj)[-1] + 1 if obj >= 0 else -1
    if 0 < after < len(v.lower) and v.lower[after] in ("if", "whether") and v.dep[after] == "mark":
        # "when I asked Bernie Sanders if he would ever endorse ..., he looked": hung on the main verb
        return [t for t in subtree(v, v.head[after]) if t >= after]
    for c in v.children[i]:
        if c > i and v.dep[c] == "prep" and v.lower[c] in ("about", "on", "over") and not when_or_terms(v, c):
            return [t for t in subtree(v, c) if t != c]
    return []


#: verbs whose object holds the attitude their subject causes ("The levy worries shippers", "Clinton
#: officials were thrilled with the editorial", "Mr. Autor is still persuaded of the benefits"): the
#: one who holds it is the source, the cause what it is about (active: refine.experiencer_source;
#: passive: EXPERIENCER_PASSIVES)
EXPERIENCER_VERBS = frozenset(
    {"anger", "unsettle", "remind", "convince", "persuade", "worry", "alarm", "concern", "frustrate", "upset"}
    | {"annoy", "outrage", "infuriate", "impress", "surprise", "shock", "disappoint", "please", "trouble"}
    | {"dismay", "enrage", "thrill", "delight", "bother", "offend", "satisfy", "disturb"}
    | {"horrify", "appall", "excite", "puzzle", "irritate", "hearten", "sadden", "stun", "unnerve", "reassure"}
)
#: their participles, as written (the lemma table holds reporting verbs only)
EXPERIENCER_PASSIVES = frozenset(f for verb in EXPERIENCER_VERBS for f in surface_forms(verb) if f.endswith("ed"))


def attitude_target(v: SentenceView, i: int) -> list[int]:
    """What a passive attitude is about: the object of its "of", "with", "about", "by", "at" or
    "over" phrase ("were thrilled with the editorial"); else none."""
    for c in v.children[i]:
        if c > i and v.dep[c] in ("prep", "agent") and v.lower[c] in ("of", "with", "about", "by", "at", "over"):
            objs = [k for k in v.children[c] if v.dep[k] in ("pobj", "pcomp")]
            if objs:
                return subtree(v, objs[0])
    return []


def clause_on_agent(v: SentenceView, i: int) -> list[int]:
    """The tokens of a "whether"/"if"/"that" clause the parser hung on the cue's agent ("by the
    opposition whether ..."), else none."""
    for agent in v.children[i]:
        if v.dep[agent] != "agent":
            continue
        for pobj in v.children[agent]:
            if v.dep[pobj] != "pobj":
                continue
            for c in v.children[pobj]:
                if v.dep[c] in ("acl", "relcl", "ccomp") and (
                    any(v.dep[m] == "mark" and v.lower[m] in _CLAUSE_MARKS for m in v.children[c])
                    or v.lower[subtree(v, c)[0]] in ("why", "how")  # "asked by a caller why ..."
                ):
                    return subtree(v, c)
    return []


def clause_before_phrase(phrase: Token) -> list[Token]:
    """The words of the clause a phrase follows, without the phrase and without a clause joined after
    it ("Bush remains mired in fourth in most surveys, although ..." -> "Bush remains mired in
    fourth")."""
    verb = phrase.head
    skip = {t.i for t in phrase.subtree}
    skip |= {t.i for c in verb.children if c.i > phrase.i and c.dep_ in _OTHER_CLAUSES for t in c.subtree}
    return [t for t in verb.subtree if t.i not in skip and t.dep_ not in ("cc", "mark", "punct")]


_OTHER_CLAUSES = frozenset({"advcl", "conj", "ccomp", "parataxis"})


def what_to_do(v: SentenceView, cue: int, content: list[int]) -> list[int]:
    """The object of a cue and what it is urged or asked to do ("urged the electorate to abandon
    all outsider candidates", "asked supporters to run for office"): the object, then the open clause
    that follows it."""
    if not content:
        return content
    then = next((k for k in v.children[cue] if v.dep[k] == "xcomp" and subtree(v, k)[0] == content[-1] + 1), -1)
    if then < 0:
        return content
    # not a clause set off after it ("..., while simultaneously mocking them for ...")
    aside = {
        t
        for c in v.children[then]
        if v.dep[c] == "advcl" and v.lower[subtree(v, c)[0] - 1] == ","
        for t in subtree(v, c)
    }
    words = [t for t in subtree(v, then) if t not in aside]
    while words and v.lower[words[-1]] == ",":
        words.pop()
    return sorted(set(content) | set(words))


RELATIVES = frozenset(["which", "that", "what", "whom", "whatever"])


_NOT_WHAT_IS_SAID = frozenset(["speak", "talk", "tell", "respond", "reply", "testify", "comment", "ask"])


def zero_relative(v: SentenceView, cue: int) -> bool:
    """Whether the cue's clause describes a noun with no relative pronoun and the noun is what was
    said: "a fact he frequently mentions on the campaign trail", "the promise Trump repeated" (not
    "the day he spoke", "the reporters he told")."""
    h = v.head[cue]
    return (
        v.dep[cue] == "relcl"
        and not any(v.lower[t] in RELATIVES or v.tag[t] == "WDT" for t in subtree(v, cue) if t < cue)  # "on which"
        and h < cue
        and v.tag[h] in ("NN", "NNS")
        and v.lemma[cue] in CUE_CLASSES
        and v.lemma[cue] not in _NOT_WHAT_IS_SAID
        and not any(
            v.dep[c] in ("dobj", "ccomp", "xcomp", "dative", "nsubjpass", "mark")
            or v.lower[c] in RELATIVES
            or v.tag[c] == "TO"  # ("had nothing bad to say about Sanders": about Sanders)
            for c in v.children[cue]
        )
    )


def relative_clause_words(v: SentenceView, cue: int, content: list[int]) -> list[int]:
    """A content that is a relative pronoun before its cue ("$27, which he claimed as his campaign's
    average donation", "what officials called a hate crime") is the relative clause: the pronoun
    alone says nothing."""
    if len(content) == 1 and content[0] < cue and v.lower[content[0]] in RELATIVES:
        return subtree(v, cue)
    return content


#: nouns a verb takes to say what one thinks of something, and the preposition that names it ("took a
#: swipe at X", "cast the blame on X", "drew attention to X", "took issue with X")
LIGHT_OBJECTS = {
    "swipe": ("at",),
    "potshot": ("at",),
    "jab": ("at",),
    "dig": ("at",),
    "broadside": ("at", "against"),
    "aim": ("at",),
    "sight": ("on", "at"),
    "blame": ("on", "for"),
    "credit": ("for",),
    "attention": ("to",),
    "hope": ("on",),
    "fault": ("with",),
    "issue": ("with",),
    "exception": ("to",),
    "umbrage": ("at",),
    "stand": ("on", "against"),
    "outline": ("for", "of"),
    "support": ("to", "for", "behind"),  # "pledged their support to Clinton"
    "insult": ("at",),
    "congratulation": ("to",),  # "offered his congratulations to rivals Marco Rubio and Ted Cruz"
    "condolence": ("to",),  # "sent her condolences to the families"
}


#: nouns that are what a verb says with most verbs, and a light phrase only with these
_ONLY_WITH = {"support": frozenset({"pledge", "lend", "throw", "give", "offer"})}


def light_verb_target(v: SentenceView, cue: int, content: list[int]) -> list[int]:
    """'has taken a swipe at Donald Trump's stance on Brexit', 'pinned his hopes on South Carolina',
    'distanced himself from interviews ...': what the phrase is about is the object of the preposition
    after the noun, not the noun; after a reflexive, the reflexive and the phrases that follow it."""
    obj = next(
        (
            c
            for c in v.children[cue]
            if v.dep[c] == "dobj" and (v.lemma[c] in LIGHT_OBJECTS or v.lower[c] in REFLEXIVES)
        ),
        -1,
    )
    if obj < 0 or not content or obj not in content:
        return content
    if v.lower[obj] in REFLEXIVES:  # "distanced himself from interviews ...": the reflexive and what follows
        after = [t for c in v.children[cue] if c > obj and v.dep[c] in _SELF_COMPLEMENTS for t in subtree(v, c)]
        return list(range(obj, max(after) + 1)) if after else content
    if v.lemma[obj] in _ONLY_WITH and v.lemma[cue] not in _ONLY_WITH[v.lemma[obj]]:
        return content  # "announced his support for Trump" says what was announced: the support
    preps = [p for p in (*v.children[obj], *v.children[cue]) if v.dep[p] in ("prep", "dative") and p > obj]
    for p in sorted(preps)[:1]:
        target = [k for k in v.children[p] if v.dep[k] in ("pobj", "pcomp")]
        if target and v.lower[p] in LIGHT_OBJECTS[v.lemma[obj]]:
            return subtree(v, target[0])
    return content


#: "distanced himself from the interviews", "defended herself against the charge", "call themselves
#: conservative": the reflexive alone says nothing; what follows it in the verb's phrase does
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"})
_SELF_COMPLEMENTS = frozenset({"prep", "oprd", "acomp", "dative", "xcomp"})


_HARD = frozenset({"hard", "difficult", "impossible", "early", "tough", "easy", "unclear", "premature"})


def hard_to_say(v: SentenceView, i: int) -> int:
    """The clause that is the subject of "... is hard to say" ("Whether Mr. Rubio's showing will be
    enough ... is hard to say"), else -1."""
    h = v.head[i]
    if v.dep[i] != "xcomp" or v.lemma[i] not in ("say", "tell", "know", "predict") or v.lower[h] not in _HARD:
        return -1
    be = v.head[h]
    return next((c for c in v.children[be] if v.dep[c] == "csubj" and c < h), -1) if be != h else -1
