"""Attributions read from a dependency parse: the cue, its subject (the source) and its
complement or the clause it interrupts (the content), plus "according to X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.attribution.candidate import Candidate
from storyline.attribution.complements import (
    ADDRESSEE_CUES,
    EXPERIENCER_PASSIVES,
    LIGHT_OBJECTS,
    REFLEXIVES,
    SUBJECT_DEPS,
    attitude_target,
    clause_in_circumstance,
    clause_on_agent,
    clause_read_as_object,
    hard_to_say,
    is_addressee,
    is_asking,
    light_verb_target,
    names_a_medium,
    question_asked,
    relative_clause_words,
    what_to_do,
    when_or_terms,
    without_quoted_title,
    zero_relative,
)
from storyline.attribution.cue_model import CueScorer
from storyline.attribution.cue_words import cue_tokens
from storyline.attribution.cues import CUE_CLASSES, CUE_NOUNS
from storyline.attribution.messages import quotation_after_message
from storyline.attribution.opening_phrase import (
    inverted_aside_speaker,
    name_right_before,
    possessor_as_subject,
    root_before,
    subjects_of,
)
from storyline.attribution.phrase_sources import according, in_document
from storyline.attribution.source_tokens import source_tokens
from storyline.attribution.subjects import (
    AFTER_QUOTATION,
    ASIDE_MARKS,
    OBJECT_CONTROL,
    after_quotation,
    first_report_of,
    introduced_by_another,
    inverted_speaker,
    message_told_after,
    misparsed_verb_subject,
    name_after_dash,
    names_it,
    object_inside_name,
    participle_clause,
    poll_source,
    quoted_name,
    report_before_own_words,
    reports_that,
    second_report_in,
    speakers_after_quotation,
    speakers_participle,
    stranded_subject,
    subject_before_aside,
    through_quotation,
    with_charge,
)
from storyline.attribution.tokens import SentenceView, sentence_view
from storyline.attribution.tokens import subtree as _v_subtree

_SUBJECT_DEPS = SUBJECT_DEPS
#: pronouns a reporting verb after a quotation is said to ('," he urged them')
_SPOKEN_TO = frozenset({"him", "her", "them", "us", "me", "you"})
_TOPIC_PREPS = ("about", "on", "of", "over", "against")
CUE_PREPS = frozenset({"about", "for", "against", "on", "of", "over", "to", "at", "upon"})
# verbs that report words only through a clause or a quote: with a plain noun phrase as object they
# are not speech ("the Authority added two grain carriers to its watch list")
_CLAUSE_ONLY_CUES = frozenset({"add"})
_ANSWERING = frozenset({"respond", "react", "reply"})
# people at large, who speak in a parenthetical ("That attitude, many argue, could ...")
_MANY = frozenset({"many", "some", "most", "others", "few", "several", "critics", "analysts", "experts"})
# what one "says" without reporting anything ("said goodbye", "said grace")
_NOTHING = frozenset({"nothing", "little", "anything"})
_FORMULAS = frozenset({"goodbye", "goodbyes", "hello", "farewell", "thanks", "grace", "prayer", "prayers", "mass"})


def candidates_from_doc(doc: Doc, base: int, scorer: CueScorer) -> list[Candidate]:
    """Attributions in one parsed sentence; ``base`` is the sentence's offset in the article."""
    out: list[Candidate] = []
    verb_cues: dict[int, int] = {}  # token index of a verb cue -> its candidate's index in ``out``
    v = sentence_view(doc)
    n = len(doc)
    lower, poses = v.lower, v.pos
    for i in range(n):
        low = lower[i]
        p = poses[i]
        misread = False
        if low == "according" and i + 1 < n and lower[i + 1] == "to":
            cand = according(doc, doc[i], base)
        elif (
            low == "in"
            and v.dep[i] == "prep"
            and (document := poll_source(v, i, lambda h: scorer.score_at(doc, h) is not None)) >= 0
        ):
            cand = in_document(doc, doc[i], doc[document], base)
        elif p == "NOUN" and not any(v.dep[c] == "poss" for c in v.children[i]):
            cand = None  # a noun cue needs its possessor as the source ("her claim"): not scored
        elif p == "NOUN" and v.dep[i] == "dobj" and v.head[i] in verb_cues and v.lemma[i] in LIGHT_OBJECTS:
            cand = None  # "Sanders turned his attention to ...": the verb's statement, said once
        elif _reported_by_noun(v, i):
            cand = None  # "her statement that Marisca had wanted ...": the statement's content
        elif v.dep[i] == "amod" and v.tag[i] == "VBN" and not any(v.dep[c] == "nsubj" for c in v.children[i]):
            cand = None  # "in a written statement", "a written limit": a participle describing a noun
            # (one with a subject is a verb misread: "-- Trump told supporters Tuesday night that")
        elif (p == "VERB" or p == "NOUN") and (
            (prob := scorer.score_at(doc, i)) is not None or (misread := after_quotation(v, i))
        ):
            cand = _verb_cue(doc, doc[i], base, AFTER_QUOTATION if prob is None else prob)
            if cand is not None and misread:
                cand.content = (0, 0)  # the parse misread the quotation: its marks give the content
            if cand is not None:
                h = v.head[i]
                if h in verb_cues and h < i and v.dep[i] in CHAINED_DEPS and i - h <= CHAIN_GAP:
                    # "continued to refute", "went on to say": one cue of two verbs
                    k = verb_cues[h]
                    out[k] = _chained(out[k], cand, doc.text[out[k].cue[0] - base : cand.cue[1] - base])
                    verb_cues[i] = k
                    continue
                verb_cues[i] = len(out)
        else:
            cand = None
        if cand is not None:
            out.append(cand)
    return out


def _reported_by_noun(v: SentenceView, i: int) -> bool:
    """A verb that is the "that" clause of a noun of saying ("her statement that Marisca had
    wanted every line gone"): what the statement says, not Marisca's own words."""
    h = v.head[i]
    return (
        v.dep[i] == "acl"
        and h != i
        and v.lemma[h] in CUE_NOUNS
        and any(v.dep[c] == "mark" and v.lower[c] == "that" for c in v.children[i])
    )


# a cue verb's open complement that is itself a cue continues it ("continued to refute"); not an
# adverbial clause ("said, repeating ...": PolNeAR marks those as two cues more often than one)
CHAINED_DEPS = frozenset({"xcomp"})
CHAIN_GAP = 6  # tokens between the two verbs at most


def _chained(first: Candidate, second: Candidate, cue_text: str) -> Candidate:
    """One cue from a cue verb and the cue verb that carries on from it ("went on to say"): the
    first's source, the second's content (what was said), the cue from the first word to the last."""
    content = second.content if second.content[1] > second.content[0] else first.content
    return Candidate(
        cue=(first.cue[0], max(first.cue[1], second.cue[1])),
        cue_text=cue_text,
        cue_lemma=second.cue_lemma,
        content=content,
        source=first.source if first.source is not None else second.source,
        source_offset=first.source_offset if first.source is not None else second.source_offset,
        confidence=max(first.confidence, second.confidence),
        kind_hint=first.kind_hint,
        addressed=second.addressed if second.content[1] > second.content[0] else first.addressed,
    )


# --------------------------------------------------------------------------- verb and noun cues
# The cue's parts are read from the sentence view by token index (as ``Token.children`` and
# ``Token.subtree`` would give them, in the same order) instead of through spaCy ``Token`` objects.


def _v_subtree_without(v: SentenceView, i: int, exclude: int) -> list[int]:
    skip = set(_v_subtree(v, exclude))
    return [t for t in _v_subtree(v, i) if t not in skip]


def _v_span_of(doc: Doc, v: SentenceView, tokens: list[int]) -> tuple[int, int] | None:
    """Character range of the tokens, without punctuation or space at either end."""
    if not tokens:
        return None
    left = min(tokens)
    right = max(tokens)
    punct, space = v.punct, v.space
    while left <= right and (punct[left] or space[left]):
        left += 1
    while right >= left and (punct[right] or space[right]):
        right -= 1
    if right < left:
        return None
    last = doc[right]
    return doc[left].idx, last.idx + len(last.text)


_SUBORDINATORS = frozenset({"because", "although", "though", "since", "while", "unless", "whereas", "as", "if"})


def _sentence_subject(v: SentenceView, i: int) -> int:
    """The subject of the sentence participle ``i`` hangs in, from its root (or, when the parser
    put the root inside a quotation the participle is outside of, the last finite verb before it
    outside quotation marks: 'Trump later confirmed ..., "Absolutely I said that," while
    clarifying ...'); not an "it" or "there"; else -1."""
    root = i
    while v.head[root] != root:
        root = v.head[root]
    if v.quote_parity[root] and not v.quote_parity[i]:
        finite = [k for k in range(i) if v.tag[k] in ("VBD", "VBZ", "VBP") and not v.quote_parity[k]]
        root = finite[-1] if finite else -1
    subj = _v_subject(v, root) if root >= 0 else -1
    return subj if subj >= 0 and v.lower[subj] not in ("it", "there", "this") else -1


def _v_subject(v: SentenceView, i: int) -> int:
    """The cue's subject (its speaker), or -1. Of two subjects the parser hung on the cue, the
    nearer one before it: the first is a dateline ("HANOI, Vietnam (AP) — President Donald Trump
    said" gives both "HANOI" and "Trump")."""
    deps, heads, children = v.dep, v.head, v.children
    subjects = subjects_of(v, i)
    if v.tag[i] == "VBG" and not any(deps[c] == "aux" for c in children[i]):
        # 'trashed Comey on MSNBC's "Morning Joe," calling it ...': a title is no participle's subject
        subjects = [c for c in subjects if not v.quote_parity[c]]
    if deps[i] == "relcl" and subjects and heads[i] < i:
        # "A senior official, who spoke on condition ... because ministry rules bar officials from
        # discussing it, said ...": the parser made "said" a relative clause of "official" with
        # the "because" clause's subject; a relative clause takes no "because", so the cue is the
        # main verb and the noun it hangs on is its speaker
        marks = [k for k in children[i] if deps[k] == "mark" and k < i and v.lower[k] in _SUBORDINATORS]
        if marks and all(c > min(marks) for c in subjects) and heads[i] < min(marks):
            return heads[i]
    if len(subjects) > 1:
        # one after a subordinator the parser hung on the cue belongs to that clause: "An official,
        # who spoke on condition that he not be named because ministry rules bar officials from
        # discussing it, said ..." gave "said" both "official" and "officials"
        marks = [k for k in children[i] if deps[k] == "mark" and k < i]
        aside = next((c for c in subjects if marks and _v_subtree(v, c)[0] == max(marks) + 1), -1)
        set_off = (
            marks and max(marks) > 0 and (v.lower[max(marks) - 1] == "," or v.lower[max(marks) - 1] in ASIDE_MARKS)
        )
        if aside >= 0 and set_off and v.lower[max(marks)] == "as" and _v_subtree(v, aside)[-1] >= i - 2:
            return aside  # "Sean Spicer -- as Clinton's campaign noted this week -- even promoted"
        subjects = [c for c in subjects if not any(k < c for k in marks)] or subjects
    if (inverted := inverted_aside_speaker(v, i, subjects)) >= 0:
        return inverted
    if subjects:
        # '"Thanks, Clarkston, ...," said master of ceremonies Asab Al-Tabchi': a word of the quotation
        # the parser made a subject yields to the speaker right after the cue
        before = [c for c in subjects if c < i and not (v.quote_parity[c] and any(k > i for k in subjects))]
        return before[-1] if before else next((c for c in subjects if c > i), subjects[0])
    if deps[i] == "parataxis" and (many := next((c for c in children[i] if c < i and v.lower[c] in _MANY), -1)) >= 0:
        return many  # "That attitude, many argue, could carry ...": "many" read as the verb's adjective
    named = [c for c in children[i] if c < i and deps[c] in ("compound", "poss") and v.tag[c] in ("NNP", "NNPS")]
    if named and v.tag[i] == "VBG":  # "Despite Trump saying ...": the parser compounded the name on it
        return named[-1]
    if hard_to_say(v, i) >= 0:
        return -1  # "Whether Mr. Rubio's showing will be enough ... is hard to say": the writer's
    if (
        v.lower[i] in EXPERIENCER_PASSIVES
        and (held := next((c for c in children[i] if deps[c] == "nsubjpass"), -1)) >= 0
    ):
        return held  # "Clinton officials were thrilled with the editorial": theirs
    for c in children[i]:
        if deps[c] == "agent":  # "was told by X"
            for g in children[c]:
                if deps[g] == "pobj":
                    return g
    if is_asking(v, i) and any(deps[c] == "nsubjpass" for c in children[i]):
        return -1  # "When Trump was questioned about the dispute, his response ...": asked by no one named
    h = heads[i]
    dep = deps[i]
    if dep == "pcomp" and deps[h] == "prep" and heads[h] != h:  # "... by tweeting that"
        found = _v_subject(v, heads[h])
        return found if found >= 0 else misparsed_verb_subject(v, heads[h])
    if dep == "conj" and (first := first_report_of(v, i)) >= 0:
        return _v_subject(v, first)
    if dep == "conj" and v.tag[i] in ("VBD", "VBZ") and v.tag[h] == "VB" and any(v.tag[c] == "TO" for c in children[h]):
        # "Romney ran on his ability to jolt the recovery ... and accused Obama of ...": a finite verb
        # joined to an infinitive goes with the finite verb above it
        up = heads[h]
        while v.tag[up] not in ("VBD", "VBZ", "VBP") and heads[up] != up:
            up = heads[up]
        if v.tag[up] == v.tag[i]:
            return _v_subject(v, up)
    if dep == "conj" and (after_dash := name_after_dash(v, i)) >= 0:  # "... — Brendan Buck, a spokesman, told"
        return after_dash
    if dep == "dep" and v.pos[i] == "VERB" and v.pos[h] == "VERB" and h < i:  # "told a crowd, then referred to"
        dep = "conj"
    if dep in ("conj", "xcomp", "advcl", "acomp") and h != i:
        if dep == "advcl" and any(deps[c] == "mark" for c in children[i]):
            # "When Trump spoke, ...": its own; "While saying that ..., he continued", "Obama urged
            # lawmakers to move ..., while simultaneously mocking them": the sentence's subject
            return _sentence_subject(v, i) if v.tag[i] == "VBG" else -1
        if (reporter := speakers_participle(v, i, h)) >= 0:  # "Carson said he saw ..., telling X"
            return _v_subject(v, reporter)
        if (
            dep == "xcomp"
            and v.lower[h] in OBJECT_CONTROL
            and (obj := next((c for c in children[h] if deps[c] == "dobj" and c < i), -1)) >= 0
        ):
            return obj  # "The remarks prompted Vieira to ask ...": the one prompted asks
        # "was forced into ... and said": a reporting verb shares a passive verb's subject, not one
        # inside a quotation ('who said "Coyotes are treated better," and questioned ...')
        # "Mr. Trump was prompted to say ...": the one prompted says it
        passive = (dep == "conj" and v.quote_parity[h] == v.quote_parity[i]) or (
            dep == "xcomp" and v.lower[h] in OBJECT_CONTROL
        )
        shared = (*_SUBJECT_DEPS, "nsubjpass") if passive else _SUBJECT_DEPS
        # (not a word of a quotation the participle is outside of: 'while discussing ..., Ryan said
        # "..., they've got no place ..."' with the parse's root inside the quotation)
        subjects = [c for c in children[h] if deps[c] in shared and v.quote_parity[h] <= v.quote_parity[i]]
        if subjects:  # of two, the nearer one before the head, as above
            before = [c for c in subjects if c < h]
            return before[-1] if before else subjects[0]
        if deps[h] == "conj" and heads[h] != h:
            return _v_subject(v, heads[h])
        if deps[h] == "ROOT" and (stranded := stranded_subject(v, h)) >= 0:
            return stranded  # "..., the aide, ..., wrote an open letter ..., saying": the aide
        if dep == "advcl" and deps[h] == "ROOT" and v.pos[h] in ("PROPN", "NOUN") and v.tag[i] == "VBG":
            return h  # "Trump defended eminent domain, calling ...": the verb read as an adjective
        # a chain of open clauses shares the first subject: "rushing to TV to say ...", "were more
        # likely to say ...", "walking past ... and answering questions"
        if deps[h] in ("xcomp", "advcl", "acomp") and heads[h] != h:
            return _v_subject(v, h)
    if dep in ("relcl", "acl") and v.pos[h] in ("PROPN", "NOUN", "PRON"):
        if dep == "acl" and v.tag[i] == "VBN" and h == i - 1 and (reports_that(v, i) or names_it(v, i)):
            return h  # "The GOP presidential front-runner predicted in March that ...": a past tense
        if dep == "acl" and deps[h] == "ROOT" and any(deps[c] == "dobj" for c in children[i]):
            return h  # "Chuck Schumer, the Senate minority leader, called Trump's proposal ...": a verb
            # read as a participle of the sentence's only noun (a participle takes no object)
        if v.tag[i] == "VBN" and (dep == "acl" or any(deps[c] in ("auxpass", "nsubjpass") for c in children[i])):
            return -1  # "a state seen as critical", "the minister who was accused of ...": what is described
        if (clause := participle_clause(v, i)) >= 0:  # "made a third attempt to ..., writing on Twitter"
            owner = next((c for c in children[h] if deps[c] == "poss"), -1)  # "the campaign's decision to"
            return owner if owner >= 0 else _v_subject(v, clause)
        return h
    if dep == "ROOT" and v.tag[i] == "VBG" and (prev := root_before(v, i)) >= 0:
        return _v_subject(v, prev)  # "X trashed Comey on MSNBC's "Morning Joe," calling it ...": the
        # parser split the sentence at the title, and the participle is X's
    stranded = stranded_subject(v, i) if dep == "ROOT" else subject_before_aside(v, i)
    if stranded < 0:
        stranded = name_right_before(v, i)
    return stranded if stranded >= 0 else inverted_speaker(v, i)


def _topic_read_as_clause(v: SentenceView, i: int, c: int) -> bool:
    """A clause before the cue that opens with a preposition ("On Trump's assertion there are
    generals who agree with him, Benjamin said he believes ...") or ends at a dash ("Carson seems to
    recognize his credibility problem — he told the AP that ..."): the parser read the topic phrase
    or the writer's clause as a reported one; the cue's own clause after it, with a subject, is what
    was said."""
    span = _v_subtree(v, c)
    dashed = any(v.lower[t] in ASIDE_MARKS for t in range(span[-1] + 1, i))  # "... security — he told the AP that"
    if not (v.dep[span[0]] == "prep" or dashed) or any(v.quote_parity[t] for t in span):
        return False
    return any(
        k > i and v.dep[k] == "ccomp" and any(v.dep[s] in _SUBJECT_DEPS for s in v.children[k]) for k in v.children[i]
    )


#: "hard to say", "too early to tell", "impossible to know": the writer's judgement of a question
def _names_a_thing(v: SentenceView, prep: int) -> bool:
    """Whether the preposition's object is a thing (a common noun), not someone spoken to."""
    obj = next((k for k in v.children[prep] if v.dep[k] == "pobj"), -1)
    return obj >= 0 and v.tag[obj] in ("NN", "NNS") and not is_addressee(v, obj)


def _v_colon_between(v: SentenceView, a: int, b: int, marks: tuple[str, ...] = (":",)) -> bool:
    """Whether a colon (or another of ``marks``) stands between tokens ``a`` and ``b``."""
    lower = v.lower
    return any(lower[k] in marks for k in range(min(a, b) + 1, max(a, b)))


def _verb_cue(doc: Doc, tok: Token, base: int, prob: float) -> Candidate | None:
    v = sentence_view(doc)
    i = tok.i
    deps, heads, children, lower = v.dep, v.head, v.children, v.lower
    kids = children[i]
    is_noun = v.pos[i] == "NOUN"
    content: list[int] = []
    addressed = False
    told_about: list[int] = []
    for c in kids:
        if deps[c] in ("ccomp", "csubjpass") and not (c < i and _v_colon_between(v, c, i, (":", ";"))):
            if (c < i and report_before_own_words(v, i, c)) or (c > i and introduced_by_another(v, i, c)):
                continue  # "42% say they're liberal, 32% call ...": two reports; "said before adding: ..."
            if c < i and _topic_read_as_clause(v, i, c):
                continue  # "On Trump's assertion there are generals ..., Benjamin said he believes ..."
            # a clause before a colon is not what the cue after it reports ("X was simple: Y wanted
            # Z"), nor one before a semicolon ("Vask said the ferry would run; Hollis insisted ...")
            content = _v_subtree(v, c)
            # "said the papers exchanged at the summit were confidential": the parser made the
            # subject's participle one clause and the predicate, with no subject of its own, another
            rest = next((k for k in kids if k > c and deps[k] == "ccomp" and k > i), -1)
            if (
                rest >= 0
                and content[-1] + 1 == _v_subtree(v, rest)[0]
                and not any(deps[k] in _SUBJECT_DEPS for k in children[rest])
            ):
                content = sorted(set(content) | set(_v_subtree(v, rest)))
            # "has said that the campaign is maligning his record, pointing to his rating": the
            # participle is the speaker's next report, not part of what the first one says
            own = next((p for p in content if v.tag[p] == "VBG" and speakers_participle(v, p, heads[p]) == i), -1)
            if own >= 0 and v.lemma[own] in CUE_CLASSES:
                content = [t for t in content if t < own - 1]
            second = second_report_in(v, i, c)
            if second >= 0:  # "... puzzled Kim and added that ...": the clause ends at "and"
                cut = _v_subtree(v, second)[0]
                content = [t for t in content if t < cut and not (deps[t] == "cc" and heads[t] == c and t == cut - 1)]
            break
    if not content:
        for c in kids:
            if deps[c] == "dobj" and v.lemma[i] == "find" and lower[c] in REFLEXIVES:
                return None  # "Trump found himself in a Twitter war with ...": where he was, not a finding
            if deps[c] == "dobj" and (asked := question_asked(v, i, c)):
                addressed, content = True, asked  # "asked workers if they planned to attend"
                break
            if deps[c] == "dobj" and lower[c] in _SPOKEN_TO and is_addressee(v, c) and after_quotation(v, i):
                addressed = True  # '"Just one minute, come on, one second, alright?" he urged them'
                continue
            if (
                deps[c] == "dobj"
                and v.lemma[i] in ADDRESSEE_CUES
                and is_addressee(v, c)
                and not any(deps[k] == "oprd" for k in kids)  # "called them liars"
            ):
                addressed = True
                # "telling few people about their situations": the parser hung the topic on them
                told_about = [k for k in children[c] if deps[k] == "prep" and lower[k] == "about"]
                continue
            if deps[c] == "dobj" and lower[c] == "it" and v.lemma[i] == "put":
                # "As Sen. Rand Paul put it, '...'": the words are the quotation that follows; with
                # no quotation, "put it on the table" reports nothing
                if not any(v.quote_parity):
                    return None
                if any(v.quote_parity[t] for t in range(i + 1, len(lower))):
                    addressed = True
                    continue
                # '"The talks are over," as the minister put it': the quotation before it
                content = [t for t in range(i) if v.quote_parity[t] and v.tag[t] not in ("``", "''")]
                if content:
                    break
            if deps[c] == "xcomp" or (deps[c] == "dobj" and not is_noun):
                content = without_quoted_title(v, _v_subtree(v, c))
                if (
                    deps[c] == "dobj"
                    and v.lemma[i] in _CLAUSE_ONLY_CUES
                    and not any(v.quote_parity[t] for t in content)  # not a quotation
                    and not _v_colon_between(v, i, c)
                ):
                    return None
                if deps[c] == "dobj":
                    content = clause_read_as_object(v, i, c, content)
                    # "called the talks civil": the object and what it was called
                    # (quoted: 'called it "a witch hunt" on Twitter' ends at the closing mark)
                    oprd = next((k for k in kids if deps[k] == "oprd" and _v_subtree(v, k)[0] == content[-1] + 1), -1)
                    if oprd >= 0:
                        content = sorted(set(content) | set(quoted_name(v, _v_subtree(v, oprd))))
                    content = what_to_do(v, i, through_quotation(v, with_charge(v, content, i), i))
                    content = quotation_after_message(v, c, light_verb_target(v, i, content))
                break
    if not content and (clause := hard_to_say(v, i)) >= 0:  # "Whether X will ... is hard to say"
        content = _v_subtree(v, clause)
    if not content and (oprd := object_inside_name(v, i)) >= 0:  # "called the toll “unfair”"
        content = _v_subtree(v, oprd)
    if not content:  # "Asked whether she would run, Warren said yes": the answer, not the question
        content = [c for c in kids if deps[c] == "intj" and lower[c] in ("yes", "no")][:1]
    if not content:
        content = clause_in_circumstance(v, i)
    if not content and not any(deps[c] == "auxpass" for c in kids):
        # not in a passive: "no sanctions had been announced on that date" says nothing about a date
        for c in [*kids, *told_about]:
            # "responded on Sunday to accusations that ...": what one responds to (not someone)
            answered = lower[c] == "to" and v.lemma[i] in _ANSWERING and _names_a_thing(v, c)
            if deps[c] == "prep" and (lower[c] in _TOPIC_PREPS or answered) and c > i:  # not "On CNN Tuesday, ..."
                if when_or_terms(v, c) or (v.lemma[i] in ("say", "tell") and names_a_medium(v, c)):
                    addressed = True
                    continue
                content = [t for t in _v_subtree(v, c) if t != c]
                break
    if content and message_told_after(v, i):
        return None  # "released a statement Wednesday saying ...": the participle reports the words
    if content and v.lemma[i] in ("say", "bid") and any(lower[t] in _FORMULAS for t in content[:3]):
        return None  # "said goodbye", "said a prayer": a formula, not a report
    if content and v.lemma[i] == "say" and deps[content[0]] == "dobj" and lower[content[0]] in _NOTHING:
        return None  # "said nothing", "said little about it" ("said nothing would change" reports)
    if not content and any(deps[c] == "mark" and lower[c] == "than" for c in kids):
        return None  # "narrower than the rhetoric suggested": a measure, nothing reported
    h = heads[i]
    if zero_relative(v, i):  # "a fact he frequently mentions on the campaign trail": the fact
        content = [t for t in _v_subtree(v, h) if t < _v_subtree(v, i)[0]]
    # "as Trump claimed" (someone's words), not "as no sanctions had been announced" (a reason)
    interrupts = deps[i] in ("parataxis", "ccomp") or (
        deps[i] == "advcl" and any(lower[c] == "as" for c in kids) and not any(deps[c] == "nsubjpass" for c in kids)
    )
    if not content and interrupts and h != i and not _v_colon_between(v, h, i, (":", ";")):
        # "The deal is dead, he said" / "it wasn't, as Trump claimed, all the sanctions"; not
        # "The cause was simple: X wanted ...", where the clause after the colon explains the first,
        # nor a clause across a semicolon, which joins two independent clauses ("No such sanctions
        # had been announced that day; analysts were left scratching their heads")
        content = _v_subtree_without(v, h, i) + [t for t in _v_subtree(v, i) if t < i and v.quote_parity[t]]
        if _v_subtree(v, i)[-1] == i and all(v.punct[k] for k in content if k > i):
            content = [t for t in content if t < i]  # '"..., No one else can say that," she said.
    subj = _v_subject(v, i)
    given = subjects_of(v, i)
    if subj > i and content and subj == inverted_aside_speaker(v, i, given):
        # "The economy, said Smith, is ...", "Part of the problem, say experts like ..., is ...": the
        # subject the parser gave the cue is reported too, and the speaker is none of it
        speaker = set(_v_subtree(v, subj))
        content = [t for t in content if t not in speaker] + [t for c in given if c < i - 1 for t in _v_subtree(v, c)]
    passive_subject = next((c for c in kids if deps[c] == "nsubjpass"), -1)
    if passive_subject >= 0 and not content:
        # "Okafor was asked by the opposition whether the proposal had covered the levy": the
        # parser hung the clause on the agent; it is what was asked, and Okafor the one asked;
        # "When Trump was questioned about the dispute": the dispute, not Trump
        content = clause_on_agent(v, i) or question_asked(v, i)
        if v.lower[i] in EXPERIENCER_PASSIVES:  # "were thrilled with the editorial": the editorial
            content = content or attitude_target(v, i)
    if passive_subject >= 0 and not content and v.lemma[i] in ADDRESSEE_CUES and v.lemma[i] != "call":
        # "President Obama is briefed on the situation": the one briefed is no part of it
        content = next((_v_subtree(v, c) for c in kids if deps[c] == "prep" and lower[c] in ("on", "about")), [])
    elif passive_subject >= 0 and not content:
        # "Clinton has been endorsed by dozens of papers" (the agent speaks about the subject), "no
        # new schedule had been announced": a passive reports its subject
        content = _v_subtree(v, passive_subject)
    if is_noun:
        # "his claim that ...", "in a statement": a possessor or an "of"/"by" phrase is the source
        subj = next((c for c in kids if deps[c] == "poss"), -1)
        subj = possessor_as_subject(v, i, subj)  # "he reserved his most eloquent passion for": he
        content = next((_v_subtree(v, c) for c in kids if deps[c] in ("acl", "ccomp", "relcl")), content)
        if subj < 0:
            return None
    cspan = _v_span_of(doc, v, relative_clause_words(v, i, content))
    if cspan is None:
        # "..., he said." with the quote in an earlier sentence: content found from quote marks later
        cspan = (0, 0)
    if subj >= 0 and lower[subj] in ("who", "what", "which") and deps[heads[subj]] not in ("relcl", "acl"):
        return None  # "who is telling the truth?": a question ("Trump, who said ... and questioned" is not)
    src_tokens = source_tokens(v, subj, i) if subj >= 0 else []
    if src_tokens and cspan != (0, 0):
        in_content = set(content)
        names = speakers_after_quotation(v, min(src_tokens))
        if v.tag[min(src_tokens) - 1] == "''" and set(src_tokens) <= in_content:
            # '"...," Rev. John Paul Hopping of Our Lady of Guadalupe, told HuffPost': the parser hung
            # the speaker on the quotation; the content ends where the speaker begins
            content = [t for t in content if t < min(src_tokens)]
            cspan = _v_span_of(doc, v, content) or (0, 0)
        elif names:
            # '"...," Majority Leader Jeff McCabe (D) and Assistant Majority Leader Sara Gideon (D)
            # said': the parser hung the first name on the quotation; both are the speakers
            content = [t for t in content if t < names[0] - 1]
            cspan = _v_span_of(doc, v, content) or (0, 0)
            src_tokens = sorted(set(names) | set(src_tokens))
        elif not in_content.isdisjoint(src_tokens) and subj == inverted_speaker(v, i):  # '"A," said X, "B"'
            content = [t for t in content if t not in src_tokens]
            cspan = _v_span_of(doc, v, content) or (0, 0)
        elif not in_content.isdisjoint(src_tokens):
            src_tokens = [t for t in src_tokens if t not in in_content]
    sspan = _v_span_of(doc, v, src_tokens)
    first, last = cue_tokens(v, i)
    if lower[last] == "clear" and last > i:  # "made (it) clear that ...": what was made clear
        content = [t for t in content if not first <= t <= last] or [
            t for c in children[i] if deps[c] == "ccomp" and c > last for t in _v_subtree(v, c)
        ]  # ("made clear Tuesday night that ...": the parser's two clauses)
        cspan = _v_span_of(doc, v, content) or (0, 0)
    nxt = last + 1
    if (
        nxt < len(lower)
        and heads[nxt] == i
        and v.tag[nxt] in ("IN", "RP")
        and lower[nxt] in CUE_PREPS
        and not (lower[nxt] in ("on", "at") and when_or_terms(v, nxt))  # not "responded on Sunday": when
        and (cspan == (0, 0) or (bool(content) and set(content) <= {t.i for t in doc[nxt].subtree}))
    ):
        # "called for", "spoke about", "railed against": the preposition belongs to the cue (not
        # "said on Friday that ...": there it opens a circumstance, and the content comes later)
        last = nxt
        if cspan != (0, 0) and content:
            cspan = _v_span_of(doc, v, [t for t in content if t != nxt]) or cspan
    first_tok, last_tok = doc[first], doc[last]
    cue_start, cue_end = first_tok.idx, last_tok.idx + len(last_tok.text)
    source = doc[min(src_tokens) : max(src_tokens) + 1] if src_tokens else None
    conf = 0.5 + 0.5 * prob
    if subj < 0:
        conf *= 0.7
    return Candidate(
        cue=(base + cue_start, base + cue_end),
        cue_text=doc[first : last + 1].text,
        cue_lemma="make clear" if lower[last] == "clear" and last > i else v.lemma[i],
        content=(base + cspan[0], base + cspan[1]) if cspan != (0, 0) else (0, 0),
        source=source,
        source_offset=base + (sspan[0] if sspan else cue_start),
        confidence=round(conf, 3),
        addressed=addressed and not content,
    )
