"""Whose a reporting verb is when the small parser hangs it on the wrong clause: a participle after
a reported clause ("..., adding"), a second verb joined to the reported clause ("Choe said Trump's
reaction puzzled Kim and added ..."), a past-tense verb read as an adjective ("Trump perplexed
analysts by tweeting ..."), a verb after a quotation read as its clause ('say that," she said'),
names after a quotation hung on it ('"...," Jeff McCabe (D) and Sara Gideon (D) said'), a poll that
is no source when its pollster speaks, and a quotation after an object that says what it was called
('called the proposal "one-sided"')."""

from __future__ import annotations

from collections.abc import Callable

from storyline.attribution.complements import SUBJECT_DEPS, is_addressee
from storyline.attribution.cues import CUE_CLASSES, surface_forms
from storyline.attribution.messages import MESSAGE_NOUNS
from storyline.attribution.opening_phrase import name_after_opening_phrase, name_before_aside
from storyline.attribution.speaker_words import ANONYMOUS_NOUNS, GROUP_NOUNS, ROLE_NOUNS
from storyline.attribution.tokens import SentenceView, subtree
from storyline.model import CueClass

_PERSON_NOUNS = ANONYMOUS_NOUNS | GROUP_NOUNS | ROLE_NOUNS  # nouns for people, who can speak


def speakers_participle(v: SentenceView, i: int, h: int) -> int:
    """The reporting verb whose speaker the participle ``i`` after a comma ("..., adding", "...,
    telling reporters") is, when the parser hung it on ``h``, in a clause that verb reports: in
    "Trump told Newsmax that Romney had a crazy policy, adding ..." Trump adds, not Romney; else -1."""
    if v.dep[i] != "advcl" or v.tag[i] != "VBG" or i < 2:
        return -1
    before = i - 2 if v.tag[i - 1] == "''" else i - 1  # '"...," suggesting'
    if v.lower[before] != "," or _speaker_tag(v, h):
        return -1
    while v.dep[h] in ("xcomp", "conj") and v.head[h] != h:  # "will have to choose ..., saying"
        h = v.head[h]
    if v.dep[h] == "acl" and v.dep[v.head[h]] == "dobj" and any(v.lower[c] == "that" for c in v.children[h]):
        h = v.head[h]  # "denied the notion that a campaign shakeup is coming, explaining that ..."
        return v.head[h] if v.lemma[v.head[h]] in CUE_CLASSES else -1
    return v.head[h] if v.dep[h] == "ccomp" and v.head[h] != h and v.lemma[v.head[h]] in CUE_CLASSES else -1


def _speaker_tag(v: SentenceView, verb: int) -> bool:
    """Whether ``verb`` and its subject follow a quotation ('"...," Lewandowski added'): a
    participle after it ("..., saying") is that speaker's, however the parser hung the tag."""
    subject = next((c for c in v.children[verb] if v.dep[c] in SUBJECT_DEPS and c < verb), -1)
    return subject >= 0 and subtree(v, subject)[0] > 0 and v.tag[subtree(v, subject)[0] - 1] == "''"


def reports_that(v: SentenceView, verb: int) -> bool:
    """Whether the verb takes a "that" clause of its own (a participle modifying a noun does not)."""
    return any(v.dep[c] == "ccomp" and any(v.lower[m] == "that" for m in v.children[c]) for c in v.children[verb])


def names_it(v: SentenceView, verb: int) -> bool:
    """Whether the verb calls something something ("called AP's report a rush to judgment"), with
    no agent ("a plan called a disaster by critics" is a participle)."""
    kids = v.children[verb]
    # not a name ("a website called Real News Right Now" is naming, not speech)
    named = any(v.dep[c] == "oprd" and v.tag[c] not in ("NNP", "NNPS") for c in kids)
    return named and not any(v.dep[c] == "agent" for c in kids)


def participle_clause(v: SentenceView, i: int) -> int:
    """The verb whose clause a participle after a comma or an infinitive belongs to, when the parser
    hung it on a noun that is no one ("Mr. Trump made a third attempt to deflect the criticism,
    writing on Twitter that ...": Trump writes and deflects, not the attempt); else -1."""
    h = v.head[i]
    after_comma = v.tag[i] == "VBG" and i > 0 and v.lower[i - 1] == ","
    to_do = v.tag[i] == "VB" and any(v.tag[c] == "TO" for c in v.children[i])  # "an attempt to deflect"
    # "His office put out a statement saying ...": the statement's author says it
    message = (
        v.tag[i] == "VBG" and v.lemma[h] in MESSAGE_NOUNS and v.dep[h] == "dobj" and v.lemma[v.head[h]] in _ISSUING
    )
    # "had nothing bad to say about Sanders", "has nothing but positive things to say": the haver's
    had = v.head[v.head[h]] if v.dep[h] == "pobj" and v.lower[v.head[h]] == "but" else h  # "nothing but"
    have_to_say = to_do and v.dep[had] == "dobj" and v.lemma[v.head[had]] == "have"
    # "opened a Rochester rally blasting Clinton", "with a March speech denouncing Trump": the speaker's
    occasion = v.tag[i] == "VBG" and v.lower[h] in _OCCASIONS and v.dep[h] in ("dobj", "pobj")
    if v.dep[i] != "acl" and not (have_to_say and v.dep[i] == "relcl"):
        return -1
    if not (after_comma or to_do or message or occasion) or v.pos[h] != "NOUN" and not have_to_say:
        return -1
    if (v.lower[h] in _PERSON_NOUNS or v.tag[h] == "NNS") and not have_to_say:  # "officials, saying ...": theirs
        return -1
    while v.pos[h] not in ("VERB", "AUX") and v.head[h] != h:
        h = v.head[h]
    return h if v.pos[h] in ("VERB", "AUX") else -1


#: occasions where one speaks: a participle on them is the speaker's ("a rally blasting Clinton")
_OCCASIONS = frozenset(
    {"rally", "speech", "address", "interview", "appearance", "event", "meeting", "hearing", "debate", "briefing"}
    | {"conference", "session", "remarks", "visit", "stop", "fundraiser", "luncheon", "dinner", "breakfast"}
)
#: verbs whose subject is the author of the message they take ("put out a statement", "sent a letter")
_ISSUING = frozenset(
    {"issue", "release", "put", "send", "post", "publish", "tweet", "write", "deliver", "give", "make"}
)
_TELLING = frozenset(
    {
        "say",
        "state",
        "declare",
        "announce",
        "confirm",
        "note",
        "write",
        "tell",
        "add",
        "read",
        "ask",
        "urge",
        "call",
        "warn",
    }
)


def message_told_after(v: SentenceView, cue: int) -> bool:
    """Whether the cue's object is a message whose words a participle after it reports ("The town
    released a statement Wednesday saying ...", "issued a statement calling ..."): the participle is
    the statement; "released a statement" alone would report only "a statement"."""
    if v.lemma[cue] not in _ISSUING:  # not 'called the report "a cruel hoax," adding ...'
        return False
    for m in v.children[cue]:
        if v.dep[m] == "dobj" and v.lemma[m] in MESSAGE_NOUNS:
            tellers = [*v.children[m], *v.children[cue]]
            return any(t > m and v.tag[t] == "VBG" and v.lemma[t] in _TELLING for t in tellers)
    return False


def misparsed_verb_subject(v: SentenceView, n: int) -> int:
    """The subject of a past-tense verb the parser read as an adjective of its object: in "Trump
    perplexed analysts by tweeting that ..." the small model makes "analysts" the root and
    "perplexed" (tagged VBD, with "Trump" as its subject) its modifier. -1 when there is none."""
    if v.pos[n] not in ("NOUN", "PROPN"):
        return -1
    for c in v.children[n]:
        if v.dep[c] == "amod" and v.tag[c] == "VBD" and c < n:
            subjects = [s for s in v.children[c] if v.dep[s] in SUBJECT_DEPS and s < c]
            if subjects:
                return subjects[-1]
    return -1


def second_report(v: SentenceView, cue: int, clause: int, conj: int) -> bool:
    """Whether ``conj``, which the parser joined to the clause ``cue`` reports, is the speaker's
    second reporting verb: "Choe said [Trump's reaction puzzled Kim] and added that ...". Then
    "added" has Choe's voice and the clause ends before it (not "... and that ...", a second
    reported clause). Only when the clause's subject is a
    thing ("reaction", "talks"), which cannot say anything: with a person or a pronoun ("they said
    he rated ... and talked about ...") the second verb is as likely part of what was reported."""
    known = CUE_CLASSES
    if v.lemma[cue] not in known or v.lemma[clause] in known or v.quote_parity[conj]:
        return False
    if known.get(v.lemma[conj]) in (None, CueClass.BELIEF, CueClass.OTHER):
        return False
    if any(v.dep[c] == "mark" for c in v.children[conj]):  # "said that X and that Y": both reported
        return False
    if v.tag[conj] == v.tag[cue] != _tense(v, clause) and v.tag[cue] in ("VBZ", "VBD", "VBG"):
        # in the cue's tense, not the clause's: "Kasich says he'd sit Putin down and tell him ...
        # and tells the crowd ...", the speaker's own second verb; "acknowledging that Mr. Trump
        # had tapped into a vein but warning that ..."
        return not any(v.dep[c] in SUBJECT_DEPS for c in v.children[conj])
    subject = next((c for c in v.children[clause] if v.dep[c] in (*SUBJECT_DEPS, "nsubjpass")), -1)
    if (
        subject >= 0
        and v.tag[subject] in ("NNP", "NNPS")
        and (tuple(v.lower[max(0, conj - 2) : conj]) == (",", "and") or _object_pronoun(v, conj))
    ):
        # "said the Republican Party was not in a crisis, and urged that ...": after ", and" a
        # reporting verb with no subject is the speaker's; "Ms. Khan said Mr. Trump was ignorant of
        # Islam and criticized him": "him" is not the one who criticized, so the speaker did
        return not any(v.dep[c] in SUBJECT_DEPS for c in v.children[conj])
    return subject >= 0 and v.tag[subject] in ("NN", "NNS") and v.lower[subject] not in _PERSON_NOUNS


def _object_pronoun(v: SentenceView, verb: int) -> bool:
    return any(v.dep[c] == "dobj" and v.lower[c] in ("him", "her") for c in v.children[verb])


def _tense(v: SentenceView, verb: int) -> str:
    """The tag of the word that carries a verb's tense: an auxiliary's ("was holding", "'d sit")."""
    aux = next((c for c in v.children[verb] if v.dep[c] in ("aux", "auxpass") and c < verb), -1)
    return v.tag[aux] if aux >= 0 else v.tag[verb]


def second_report_in(v: SentenceView, cue: int, clause: int) -> int:
    """The speaker's second reporting verb among the verbs joined to the clause ``cue`` reports
    (``second_report``), where that clause ends; else -1."""
    chain = [clause]
    for h in chain:
        chain += [k for k in v.children[h] if v.dep[k] == "conj"]
    return next((k for k in chain[1:] if second_report(v, cue, clause, k)), -1)


def first_report_of(v: SentenceView, i: int) -> int:
    """The cue whose reported clause verb ``i`` is joined to by "and" when ``i`` is that speaker's
    second reporting verb (``second_report``), else -1."""
    h = i
    while v.dep[h] == "conj" and v.head[h] != h:
        h = v.head[h]
    if h == i or v.dep[h] != "ccomp" or v.head[h] == h:
        return -1
    return v.head[h] if second_report(v, v.head[h], h, i) else -1


_NOMINAL_TAGS = frozenset(["DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH", "CD", "PRP$"])
_STRANDED_WORDS = 8


def inverted_speaker(v: SentenceView, cue: int) -> int:
    """'"The risk," said Edward Leamer, an economist who ..., "is that ..."': the speaker right after a
    cue that follows a quotation, which the parser made the subject of the quotation's second part;
    its head, else -1."""
    if cue < 2 or cue + 1 >= len(v.tag) or v.tag[cue - 1 if v.tag[cue - 1] == "''" else cue - 2] != "''":
        return -1  # (not at the start of a sentence: "Saying President Obama, he said, was ...")
    if v.tag[cue + 1] not in ("NNP", "NNPS", "NN", "NNS", "DT", "JJ"):
        return -1
    found = next(
        (k for k in range(cue + 1, len(v.tag)) if v.dep[k] in SUBJECT_DEPS and subtree(v, k)[0] == cue + 1), -1
    )
    if found < 0 and v.tag[cue - 1] == "''":  # '"How big is that wall?" asked the boy, who ...': read as its object
        found = next((k for k in v.children[cue] if v.dep[k] == "dobj" and subtree(v, k)[0] == cue + 1), -1)
    return found


#: dashes that set off an aside ("Trump - who previously said ... - said")
ASIDE_MARKS = frozenset({"-", "—", "–", "--"})


def subject_before_aside(v: SentenceView, cue: int) -> int:
    """'GOP front-runner Donald Trump - who previously said he would "bomb ..." - said at a rally
    ...': a cue right after a dash that closes an aside opened after a name (the parser lost the
    sentence in the aside); that name, else -1."""
    if cue < 4 or v.lower[cue - 1] not in ASIDE_MARKS:
        return -1
    mark = v.lower[cue - 1]
    opening = next((j for j in range(cue - 2, 0, -1) if v.lower[j] == mark), -1)
    if opening < 1 or v.lower[opening + 1] not in ("who", "whose", "a", "an", "the"):
        return -1
    name = opening - 1
    return name if v.tag[name] in ("NNP", "NNPS") and not v.quote_parity[name] else -1


def name_after_dash(v: SentenceView, cue: int) -> int:
    """'And it wasn't a one-off or an accident — Brendan Buck, a spokesman for Ryan, told POLITICO
    that ...': the parser joined the cue to the clause before the dash and made the name an
    apposition in it; the name (everything between the dash and the cue is its phrase), else -1."""
    if cue < 3 or v.lower[cue - 1] != ",":
        return -1
    dash = next((j for j in range(cue - 2, -1, -1) if v.lower[j] in ASIDE_MARKS or v.tag[j] == ":"), -1)
    if dash < 0 or dash + 1 >= cue - 1:
        return -1
    head = next((t for t in range(dash + 1, cue - 1) if v.dep[t] == "appos" and v.tag[t] == "NNP"), -1)
    if head < 0 or subtree(v, head)[0] != dash + 1 or subtree(v, head)[-1] not in (cue - 2, cue - 1):
        return -1
    return head


def _speaker_read_as_clause(v: SentenceView, cue: int) -> int:
    """'Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he ...',
    'Sanders, meanwhile, who sits at zero endorsements, said that ...': the parser read the speaker
    and the aside after the name as a clause the cue reports ("rabbi" a verb), when the cue's own
    clause follows it. That misread clause (its subject is the speaker), else -1."""
    if cue < 2 or v.lower[cue - 1] != "," or not any(v.dep[k] in _OWN_COMPLEMENTS and k > cue for k in v.children[cue]):
        return -1
    for c in v.children[cue]:
        if c < cue and v.dep[c] == "ccomp" and not v.quote_parity[c]:
            subj = next((k for k in v.children[c] if v.dep[k] == "nsubj"), -1)
            if subj >= 0 and v.tag[subj] in ("NN", "NNS", "NNP", "NNPS") and _opens_clause(v, c, subj):
                return c
    return -1


# what the cue says or does after it ("said he ...", "wrote an open letter ...")
_OWN_COMPLEMENTS = frozenset({"ccomp", "dobj"})


def _opens_clause(v: SentenceView, clause: int, subj: int) -> bool:
    """Whether the subject opens the clause, or follows only a fronted phrase and a comma ("In a
    Facebook post, the aide, Elizabeth Lauten, 31, who ... and at the time was ..., wrote")."""
    start = subtree(v, subj)[0]
    if start == subtree(v, clause)[0]:
        return True
    lead = [k for k in v.children[clause] if k < start]
    return v.lower[start - 1] == "," and all(v.dep[k] in ("prep", "punct") for k in lead)


def _first_of_a_series(v: SentenceView, i: int) -> int:
    """'Trump further summed up Clinton as "terrible," denounced her record ... and said ...': the
    parser made the first verb of the series a clause of the second, with the subject; that
    subject, when the clause opens the sentence with no subordinator, else -1."""
    for c in v.children[i]:
        if c < i and v.dep[c] == "advcl" and v.tag[c] in ("VBD", "VBZ", "VBP") and subtree(v, c)[0] == 0:
            if any(v.dep[k] == "mark" for k in v.children[c]):
                return -1  # "When Trump spoke, ..."
            return next((k for k in v.children[c] if v.dep[k] == "nsubj" and k < c), -1)
    return -1


def _a_share(v: SentenceView, i: int) -> bool:
    """Whether the sentence opens with a share of people right before the verb ("About 4 in 10")."""
    words = [w for w in v.lower[:i] if w not in _APPROXIMATELY]
    return 0 < len(words) <= 4 and all(w in ("in", "of", "out", "-") or w.replace(",", "").isdigit() for w in words)


def stranded_subject(v: SentenceView, i: int) -> int:
    """The subject of a main reporting verb the parser left without one, hanging the noun phrase
    right before it on an earlier phrase ("Campaigning for his wife Hillary Clinton, former
    president Bill Clinton said ...": "Bill Clinton" became an apposition of hers): the noun
    phrase between the last comma and the verb, when it is all nominal; or the speaker the parser
    read as a clause (``_speaker_read_as_clause``); else -1."""
    misread = _speaker_read_as_clause(v, i)
    if misread >= 0:
        return next(k for k in v.children[misread] if v.dep[k] == "nsubj")
    if (first := _first_of_a_series(v, i)) >= 0:
        return first
    k = i - 1
    while k >= 0 and i - k <= _STRANDED_WORDS and v.tag[k] in _NOMINAL_TAGS:
        k -= 1
    if v.tag[i - 1] == "CD" and _a_share(v, i):  # "About 4 in 10 say they ...", "Two-thirds support ..."
        return i - 1
    if k < 0 or k == i - 1 or v.lower[k] != "," or v.tag[i - 1] not in ("NN", "NNS", "NNP", "NNPS"):
        after = _speaker_after_quotation(v, i)
        opening = after if after >= 0 else name_after_opening_phrase(v, i)
        return opening if opening >= 0 else name_before_aside(v, i)
    return i - 1


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_APPROXIMATELY = frozenset({"about", "nearly", "almost", "only", "roughly", "just", "some", "around", "over"})
_NAME_AFTER_QUOTE_WORDS = 14


def _speaker_after_quotation(v: SentenceView, i: int) -> int:
    """'"...," Rev. John Paul Hopping of Our Lady of Guadalupe, told HuffPost': the phrase between
    a quotation and the comma before the cue is its speaker (the parser hung it on the quotation,
    "Hopping" a verb); its head (the one word whose head lies outside it), else -1."""
    if i < 3 or v.lower[i - 1] != ",":
        return -1
    k = _quotation_close_before(
        v, i - 1, lambda t: v.tag[t] not in ("''", "``") and v.tag[t] not in _FINITE_TAGS, _NAME_AFTER_QUOTE_WORDS - 1
    )
    if k < 0:
        return -1
    phrase = range(k + 1, i - 1)
    if not any(v.tag[t] in ("NNP", "NNPS", "NN", "NNS") for t in phrase):
        return -1
    heads = [t for t in phrase if not k < v.head[t] < i - 1 and v.tag[t] != ","]
    return heads[0] if len(heads) == 1 else -1


_QUOTE_END_MARKS = frozenset({",", "?", "!", "—", "–", "--"})
AFTER_QUOTATION = 0.9  # the cue probability given a verb ``after_quotation`` finds
# the words of a speaker's name or description ("she", "Ms. Holan", "the senator's aide")
_SPEAKER_TAGS = frozenset({"PRP", "NNP", "NNPS", "NN", "NNS", "DT", "JJ", "POS", "PRP$", "HYPH"})


def _quotation_close_before(v: SentenceView, end: int, words: Callable[[int], bool], most: int) -> int:
    """Index of a quotation's closing mark (after ",", "?", "!" or a dash) that ends just before
    token ``end`` with only ``words`` (at most ``most`` of them) between, else -1."""
    k = end - 1
    while k >= 0 and end - k <= most and words(k):
        k -= 1
    if k >= 2 and v.tag[k] == "''" and v.tag[k - 1] == "''":  # a quotation that closes inside another
        k -= 1  # ("... your country,''' said Mr. Regalado")
    return k if k >= 1 and v.tag[k] == "''" and v.lower[k - 1] in _QUOTE_END_MARKS else -1


def after_quotation(v: SentenceView, i: int) -> bool:
    """Whether ``i`` is a reporting verb right after a quotation and its speaker ('," she said',
    '," said Ms. Holan'), a cue however the parser hung it: in "No one else can say that," she
    said" it read "say that ... she said", a clause the cue model doubted."""
    if v.tag[i] not in ("VBD", "VBZ", "VBP") or v.lemma[i] not in CUE_CLASSES:
        return False
    return _quotation_close_before(v, i, lambda t: v.tag[t] in _SPEAKER_TAGS, 6) >= 0


# "In a CBS News poll, Clinton led ...": the poll (or survey, report, ...) is the source, "in" the cue
DOCUMENT_NOUNS = frozenset({"poll", "survey", "report", "study", "analysis"})
_POLLS = frozenset({"poll", "survey"})

#: verbs whose object does what follows ("prompted Vieira to ask", "led some to speculate", "urged
#: Hollis to say"): that object is the speaker of the cue after it, not the verb's subject
OBJECT_CONTROL = frozenset(
    [
        *("prompt", "prompted", "prompts", "prompting"),
        *("lead", "led", "leads", "leading"),
        *("cause", "caused", "causes", "causing"),
        *("urge", "urged", "urges", "urging"),
        *("force", "forced", "forces", "forcing"),
        *("push", "pushed", "pushes", "pushing"),
        *("encourage", "encouraged", "encourages", "encouraging"),
        *("allow", "allowed", "allows", "allowing"),
        *("invite", "invited", "invites", "inviting"),
        *("inspire", "inspired", "inspires", "inspiring"),
        *("drive", "drove", "drives", "driving"),
        *("persuade", "persuaded", "persuades", "persuading"),
        *("convince", "convinced", "convinces", "convincing"),
        *("compel", "compelled", "compels", "compelling"),
        *("leave", "left", "leaves", "leaving"),
        *("pressure", "pressured", "pressures", "pressuring"),
        *("spur", "spurred", "spurs", "spurring"),
    ]
)
_SHARES = frozenset({"percent", "%", "majority", "most", "half", "third", "quarter", "plurality", "minority"})


def poll_source(v: SentenceView, i: int, is_cue: Callable[[int], bool]) -> int:
    """Index of the poll / survey / report that the "in" phrase ``i`` before its clause names as
    a source, or the poll or survey named after its verb ("fell to 10 percent in the latest CNN
    poll"), else -1. Not when the phrase hangs on a noun ("a lead in the poll"), names the polls at
    large ("slid in the polls") or follows a reporting verb ("said in a report", where the verb is
    the cue), nor when the clause
    has a speaker and cue of its own ("In a poll of 800 voters, Democracy Corps found that ...":
    the pollster found, the poll is its evidence); a poll's respondents speak in it ("In a CNN
    poll, 31% of Republicans said ...")."""
    h = v.head[i]
    if h < i and v.pos[h] in ("VERB", "AUX") and v.lemma[h] not in CUE_CLASSES:
        # after its verb, a poll or survey named ("fell to 10 percent in the latest CNN/ORC poll",
        # "is ahead in public opinion polls"), not the polls at large ("slid in the polls")
        named = next((c for c in v.children[i] if v.dep[c] == "pobj" and v.lemma[c] in _POLLS), -1)
        if named >= 0 and any(v.dep[k] in ("amod", "compound", "nmod") for k in v.children[named]):
            return named
    if h <= i or v.pos[h] not in ("VERB", "AUX"):
        return -1
    document = next((c for c in v.children[i] if v.dep[c] == "pobj" and v.lemma[c] in DOCUMENT_NOUNS), -1)
    subjects = [c for c in v.children[h] if v.dep[c] in ("nsubj", "nsubjpass")]
    if document < 0 or not subjects or any(v.tag[t] == "CD" or v.lower[t] in _SHARES for t in subtree(v, subjects[0])):
        return document
    return -1 if is_cue(h) else document


_BEFORE_QUOTED_TERMS = frozenset({"as", "of", "for"})


def through_quotation(v: SentenceView, content: list[int], cue: int) -> list[int]:
    """An object and the quotation that says what it was called ('called Trump's proposal "one-sided
    and ineffective"', 'has branded it the "Protection Act"', 'praised Mr. Schiff as "calm"',
    'urging Trump to "stop holding government hostage"', 'described the ad on the subject as
    "dishonest"', 'accused Obama of trying to "undermine ..."'): the content runs to the quotation's
    end; the parser hung the quotation elsewhere. A phrase of the cue's ("as", "of", "for") reaches
    the quotation within a few words, and runs to its last quotation ('attacked Schiff for driving a
    "false narrative" ... and "undermining the faith"')."""
    if not content:
        return content
    n = len(v.tag)
    # an object before the cue ("whom he called a “...”", "what he described as a “...”") is a
    # relative pronoun: the words are what follows the cue
    base = content[-1] if content[-1] > cue else cue
    k = base + 1
    while k < n and k - base <= 2 and (v.tag[k] in ("DT", "PRP$", "TO") or v.lower[k] in _POSSESSIVES):
        k += 1  # "the “...”", "his “...”", "to “...”"
    opening = k if k < n and v.tag[k] == "``" else -1
    last = n
    if opening < 0:
        phrases = [c for c in v.children[cue] if c > base and v.dep[c] == "prep" and v.lower[c] in _BEFORE_QUOTED_TERMS]
        for c in phrases[:1]:
            words = subtree(v, c)
            opening = next((t for t in words if v.tag[t] == "``" and t - c <= _TERMS_TO_QUOTE), -1)
            if opening < 0 and words[-1] + 1 < n and v.tag[words[-1] + 1] == "``" and len(words) <= _TERMS_TO_QUOTE:
                opening = words[-1] + 1  # 'calling her tenure as secretary of state "ineffective ..."'
                words = list(range(c, next((j for j in range(opening, n) if v.tag[j] == "''"), n - 1) + 1))
            if any(v.tag[t] in _FINITE_TAGS for t in range(c, max(c, opening))):
                opening = -1  # "for what he called his “...”": another cue's words
            last = words[-1] + 1
    if opening < 0:
        more = _and_more_quotations(v, content[-1])  # 'calling the deal “reckless” and “unfair”'
        return sorted(set(content) | set(range(content[-1], more + 1)))
    closings = [j for j in range(opening + 1, n) if v.tag[j] == "''"]
    if not closings:
        return content
    end = _and_more_quotations(v, max([j for j in closings if j < last] or closings[:1]))
    kept = content if base == content[-1] else []
    return sorted(set(kept) | set(range(base + 1, end + 1)))


def report_before_own_words(v: SentenceView, cue: int, clause: int) -> bool:
    """Whether a clause the parser hung before a cue is a report of its own, not the cue's words:
    its verb reports with a subject of its own, outside quotation marks, and the cue has its own
    object or clause after it ("42% say they're liberal, 32% call themselves conservative"; not
    "Basically they wanted the sanctions lifted, Trump said")."""
    if clause == _speaker_read_as_clause(v, cue):
        return True
    if v.quote_parity[clause] or v.lemma[clause] not in CUE_CLASSES:
        return False
    if any(v.tag[t] in ("''", "``") for t in range(clause, cue)):
        return False  # '... I'm pretty sure I didn't meet him," Trump told Jake Tapper': a quotation's end
    if not any(v.dep[k] in ("nsubj", "nsubjpass") for k in v.children[clause]):
        return False
    # its own words after it: a clause, a name ("call themselves conservative"), or an object of a
    # verb that takes no listener ("told reporters" is no word said)
    after = [k for k in v.children[cue] if k > cue]
    return any(v.dep[k] in ("ccomp", "xcomp", "oprd") or (v.dep[k] == "dobj" and not is_addressee(v, k)) for k in after)


def introduced_by_another(v: SentenceView, cue: int, clause: int) -> bool:
    """Whether a clause after a colon is another cue's, the one that ends at the colon ('Trump said
    before adding: "..."': what he added)."""
    start = subtree(v, clause)[0]  # both before the clause, not inside it ("that X (read: Y) are ...")
    colon = next((k for k in range(cue + 1, start) if v.lower[k] == ":"), -1)
    # the verb the colon ends ("before adding:"), not one further back ("whom he described as "volatile,"
    # with Clinton:")
    near = range(max(cue + 1, colon - 2), colon)
    return colon > 0 and any(v.pos[k] == "VERB" and v.lemma[k] in CUE_CLASSES for k in near)


def quoted_name(v: SentenceView, named: list[int]) -> list[int]:
    """What something was called: a quotation ends at its close and that of the quotations joined
    to it ('called it "a witch hunt" on Twitter', 'called it “unfair” and “cruel” on Monday');
    otherwise the whole phrase."""
    shut = next((t for t in named if v.tag[t] == "''"), -1) if v.tag[named[0]] == "``" else -1
    if shut < 0:  # unquoted, or quoted later on ('her record a "blueprint" for how she would ...')
        return named
    end = _and_more_quotations(v, shut)
    return [t for t in named if t <= end]


def object_inside_name(v: SentenceView, cue: int) -> int:
    """The name an active cue gives an object the parser put inside that name ('called the toll
    “unfair” and “cruel”': "toll" hangs on "unfair"), else -1; not "is called No Respite" (the
    subject is what is named) nor "appear more attractive" (no object)."""
    kids = v.children[cue]
    if any(v.dep[c] in ("nsubjpass", "auxpass") for c in kids):
        return -1
    oprd = next((c for c in kids if v.dep[c] == "oprd" and c > cue), -1)
    named = subtree(v, oprd) if oprd >= 0 else []
    return oprd if any(v.tag[t] in _OBJECT_TAGS and t < oprd for t in named) else -1


_OBJECT_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})


def _and_more_quotations(v: SentenceView, end: int) -> int:
    """The last closing mark of '“A” and “B”' from that of “A”."""
    n = len(v.tag)
    while end + 2 < n and v.tag[end] == "''" and v.lower[end + 1] in ("and", "or") and v.tag[end + 2] == "``":
        more = next((j for j in range(end + 3, n) if v.tag[j] == "''"), -1)
        if more < 0:
            break
        end = more
    return end


_POSSESSIVES = frozenset({"his", "her", "its", "their"})
_TERMS_TO_QUOTE = 5  # "of trying to “...”", "as a “...”"


_LIST_OF_NAMES_TAGS = _SPEAKER_TAGS | {"-LRB-", "-RRB-", "CC", ","}


def speakers_after_quotation(v: SentenceView, subject: int) -> list[int]:
    """The names between a quotation's close and the subject that starts at ``subject``, when the
    parser left them out of it ('"...," Jeff McCabe (D) and Sara Gideon (D) said': "Sara Gideon" the
    subject, "Jeff McCabe (D) and" hung on the quotation): those tokens, else none."""
    k = _quotation_close_before(v, subject, lambda t: v.tag[t] in _LIST_OF_NAMES_TAGS, _NAME_AFTER_QUOTE_WORDS)
    if k < 0 or k == subject - 1:
        return []
    names = list(range(k + 1, subject))
    return names if any(v.tag[t] in ("NNP", "NNPS") for t in names) and v.tag[names[-1]] == "CC" else []


# verbs whose object is charged with, or praised for, what the "of"/"for" phrase says ("accused
# Sanders of being a latecomer", "blamed Russia for stealing data"): that phrase is part of the words
_CHARGE_VERBS = frozenset(
    form
    for verb in (
        *("accuse", "blame", "praise", "criticize", "credit", "fault", "thank", "condemn", "attack", "slam"),
        *("chide", "rebuke", "commend", "applaud", "laud", "hail", "scold", "knock", "hammer", "assail"),
        "congratulate",
    )
    for form in surface_forms(verb)  # the small model's lemmas are not always the dictionary form
)


# verbs that say what their object is with an "as" phrase ("described the plan as a giveaway")
_AS_VERBS = frozenset(
    form
    for verb in (
        *("describe", "characterize", "portray", "depict", "label", "brand", "cast", "paint", "dismiss", "tout"),
        *("hail", "denounce", "praise", "criticize", "present", "frame", "view", "regard", "rate", "cite"),
    )
    for form in surface_forms(verb)
)


def with_charge(v: SentenceView, content: list[int], cue: int) -> list[int]:
    """The object and what it is charged with, praised for or called ("accused Sanders of being a
    Johnny-come-lately", "blamed Russia for stealing data", "described the plan as a giveaway"): the
    "of"/"for"/"as" phrase right after it."""
    if not content:
        return content
    low = v.lower[cue]
    preps: tuple[str, ...] = ("of", "for") if low in _CHARGE_VERBS else ()
    preps += ("as",) if low in _AS_VERBS else ()
    nxt = content[-1] + 1
    charge = next((c for c in v.children[cue] if c == nxt and v.dep[c] == "prep" and v.lower[c] in preps), -1)
    return sorted(set(content) | set(subtree(v, charge))) if charge >= 0 else content
