"""The speaker the small parser hung elsewhere, leaving the reporting verb with no subject: an
apposition of the opening phrase's last noun that runs up to the verb, a name set off from the verb
by an aside, a name right before the verb, the speaker right after a cue set off inside the sentence
it reports ("The economy, said Smith, is ..."), the subject a noun cue's possessive stands for."""

from __future__ import annotations

from storyline.attribution.complements import SUBJECT_DEPS
from storyline.attribution.tokens import SentenceView, subtree


def name_after_opening_phrase(v: SentenceView, i: int) -> int:
    """The speaker the parser hung inside the phrase that opens the sentence: 'Speaking in Harlem,
    Clinton, without naming him, also accused Sanders ...' (a name set off by commas inside the
    participle phrase); 'In a May 2012 message to Clinton, Tanden, head of the Center for American
    Progress, recounted ...', 'Although there is no such overlap with Sanders's team, a White House
    official who spoke anonymously ... said' (an apposition after a comma that runs up to the verb);
    else -1."""
    for c in v.children[i]:
        if c > i or v.dep[c] not in ("advcl", "prep", "npadvmod") or subtree(v, c)[0] != 0:
            continue
        span = subtree(v, c)
        if v.dep[c] == "advcl" and v.tag[c] == "VBG":
            for t in span:
                end = subtree(v, t)[-1]
                if v.dep[t] == "appos" and v.tag[t] == "NNP" and v.lower[t - 1] == "," and v.lower[end + 1] == ",":
                    return t
        if any(
            v.lower[k] != "," and v.tag[k] != "RB" and v.dep[k] not in ("aux", "neg") for k in range(span[-1] + 1, i)
        ):
            continue  # the phrase must reach the verb ("..., have said")
        for t in span:
            if _set_off(v, t) and v.lower[subtree(v, t)[0] - 1] == "," and _runs_to(v, t, span[-1]):
                return t
    return -1


def _set_off(v: SentenceView, t: int) -> bool:
    """A noun the parser hung as an apposition, or as a conjunct with no 'and' ("In a post to
    Twitter, Wayne Pacelle, the CEO of ..., said": Pacelle a conjunct of Twitter)."""
    if v.tag[t] not in _NOUN_TAGS:
        return False
    return v.dep[t] == "appos" or v.dep[t] == "conj" and not any(v.dep[k] == "cc" for k in v.children[v.head[t]])


_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def _runs_to(v: SentenceView, t: int, last: int) -> bool:
    """Whether the apposition at ``t`` and the ones after it on the same noun (with commas and
    conjunctions between) fill everything from ``t`` to ``last``."""
    covered = set(subtree(v, t))
    covered.update(k for s in v.children[v.head[t]] if s > t and v.dep[s] == "appos" for k in subtree(v, s))
    return all(k in covered or v.tag[k] in (",", "CC") for k in range(t, last + 1))


def name_before_aside(v: SentenceView, i: int) -> int:
    """'Trump, speaking later at a rally in Charleston, West Virginia, did not mention ...', 'Now
    Sembler, who helped lead fundraising for a pro-Bush super PAC, has agreed ...': a name that opens
    the sentence (after an adverb or a conjunction at most), set off from the verb by an aside
    between commas, which the parser read as a clause of its own; the name's last word, else -1."""
    start = 1 if v.tag[0] in ("RB", "CC") else 0
    k = start
    while k < i and v.tag[k] in ("NNP", "NNPS") and k - start < 4:
        k += 1
    if k == start or k >= i or v.lower[k] != ",":
        return -1
    j = i - 1
    while j > k and (v.dep[j] in ("aux", "auxpass", "neg") or v.tag[j] == "RB"):
        j -= 1
    if j <= k + 1 or v.lower[j] != "," or any(v.lower[t] in (";", ":") or v.quote_parity[t] for t in range(k, j)):
        return -1
    return k - 1


def name_right_before(v: SentenceView, i: int) -> int:
    """'..., a six-pointed star likened to the Star of David, Speaker of the House Rep. Paul Ryan
    (R-WI) said "..."': a finite cue the parser gave no subject, right after a proper name (and its
    party and state in parentheses), which it hung on a phrase before; the head of the name's
    phrase with its title, else -1."""
    if v.tag[i] not in ("VBD", "VBZ", "VBP"):
        return -1
    k = i - 1
    if k > 0 and v.lower[k] == ")":
        k = next((j for j in range(k - 1, max(k - 8, 0), -1) if v.lower[j] == "("), 0) - 1
    if k < 0 or v.tag[k] not in ("NNP", "NNPS") or v.quote_parity[k] or v.head[k] == i:
        return -1
    # the whole phrase ("Speaker of the House ... Ryan"), not the phrase before it that the parser
    # hung it on; a name in a verb's phrase is no speaker ("the letter addressed to Chairman Darrell
    # Issa (R-Calif.) reads"), nor one cut from the words before it ("prosecutors and lawyers for
    # both Jesse Jackson Jr. and Sandra Jackson said", 'for' hung on the phrase before the comma)
    while v.head[k] != k:
        span = subtree(v, v.head[k])
        if span[-1] >= i or any(v.lower[t] in (",", "—", "–", "--", ";", ":") for t in span):
            break
        if v.tag[v.head[k]].startswith("VB"):
            return -1
        if v.tag[v.head[k]] not in ("NN", "NNS", "NNP", "NNPS", "IN"):
            break
        k = v.head[k]
    return k if v.tag[k] != "IN" else -1  # the object of a preposition hung on a phrase before


def subjects_of(v: SentenceView, i: int) -> list[int]:
    """The subjects the parse gives verb ``i``."""
    return [c for c in v.children[i] if v.dep[c] in SUBJECT_DEPS]


def inverted_aside_speaker(v: SentenceView, i: int, subjects: list[int]) -> int:
    """'The economy, said Smith, is ...', 'Part of the problem, say experts like Paul Bauman, a
    Canadian geophysicist, is the ground itself': a cue set off by commas inside the sentence it
    reports, its speaker right after it (the parser gave the cue the sentence's subject too, or
    made the speaker the subject of the reported verb); that speaker, else -1."""
    if i < 2 or v.lower[i - 1] != "," or v.tag[i] not in ("VBD", "VBZ", "VBP"):
        return -1
    after = [c for c in subjects if c > i]
    if not after:
        clause = next((c for c in v.children[i] if v.dep[c] == "ccomp" and c > i), -1)
        after = [c for c in v.children[clause] if v.dep[c] in SUBJECT_DEPS and c > i] if clause >= 0 else []
    if not after or subtree(v, after[0])[0] != i + 1 or v.tag[after[0]] in ("PRP", "WP") or v.tag[i - 2] == "RB":
        return -1
    if any(v.tag[t].startswith("VB") for t in subtree(v, after[0])):
        return -1  # a subject with a clause of its own ("the revisions in ..., which Trump has rebranded ...")
    end = subtree(v, after[0])[-1]  # (the comma that closes it may hang on the speaker)
    if v.lower[end] != ",":
        end += 1
    # the sentence goes on with its verb right after ("..., said Josh Earnest, the White House press
    # secretary, are ..."), not with a clause on a subject ("experts, however, said the revisions
    # in ..., which Trump has rebranded ..., will not")
    verb = end + 1
    if end >= len(v.lower) or v.lower[end] != "," or verb >= len(v.lower):
        return -1
    return after[0] if v.tag[verb].startswith("VB") or v.tag[verb] == "MD" else -1


def root_before(v: SentenceView, i: int) -> int:
    """A finite verb the parser made the root of the sentence's words before ``i``, else -1."""
    return next((k for k in range(i - 1, -1, -1) if v.dep[k] == "ROOT" and v.tag[k] in ("VBD", "VBZ", "VBP")), -1)


_POSSESSORS = {"his": ("he", "NNP"), "her": ("she", "NNP"), "their": ("they", "NNS", "NNPS")}


def possessor_as_subject(v: SentenceView, i: int, poss: int) -> int:
    """The subject of the verb whose object noun cue ``i`` is, for the noun's possessive pronoun
    ``poss`` when it fits that subject ("he reserved his most eloquent passion for ...": he; not
    "senators ... explain his claim", someone else's); else ``poss``."""
    owner = _POSSESSORS.get(v.lower[poss]) if poss >= 0 else None
    if owner is None or v.dep[i] != "dobj":
        return poss
    subj = next((c for c in v.children[v.head[i]] if v.dep[c] in SUBJECT_DEPS and c < i), -1)
    return subj if subj >= 0 and (v.lower[subj] in owner or v.tag[subj] in owner) else poss
