"""The words of a speaker phrase: the subject the parse gives a cue, without what the parser hung on
it that is no part of the speaker (a relative clause the cue is in, an aside set off by a comma, an
introductory phrase or a dateline, whom it was said to)."""

from __future__ import annotations

from storyline.attribution.tokens import SentenceView, subtree

_MAX_SOURCE_TOKENS = 20


def source_tokens(v: SentenceView, subj: int, i: int) -> list[int]:
    """The subject phrase; when the cue is a relative clause of it, without that clause."""
    deps, heads, lower = v.dep, v.head, v.lower
    tokens = subtree(v, subj)
    if deps[subj] == "ROOT":  # "Trump defended eminent domain, calling": the root noun, not its sentence
        asides = [t for c in v.children[subj] if deps[c] == "appos" and c > subj for t in subtree(v, c)]
        tokens = [t for t in tokens if t <= subj or t in asides or (deps[t] == "punct" and asides and t < asides[-1])]
    skip: set[int] = set()
    if deps[i] in ("relcl", "acl") and heads[i] == subj:
        skip = set(subtree(v, i))
        tokens = [t for t in tokens if t not in skip and t <= i]
    # a clause set off by a comma is not part of the source ("Clinton, who was speaking to ...,")
    for t in tokens:
        if deps[t] in ("relcl", "acl", "advcl") and heads[t] >= subj and t > subj:
            sub = subtree(v, t)
            if sub[0] > 0 and lower[sub[0] - 1] in (",", "—", "–", "("):
                skip.update(sub)
                skip.add(sub[0] - 1)
    if skip:
        tokens = [t for t in tokens if t not in skip]
    if tokens and v.tag[tokens[-1]] == "IN":  # "The letter from Taylor states": "Taylor" hung on the verb
        tokens += [t for t in range(tokens[-1] + 1, i) if deps[t] == "compound" and heads[t] == i]
    # an introductory phrase or a dateline the parser hung on the subject ("Even earlier this month,
    # Choe ...", "CLEVELAND, July 19 (UPI) — Former Attorney General ...")
    breaks = [t for t in tokens if lower[t] in (",", "—", "–", "--") and t < subj]
    if breaks:
        tokens = [t for t in tokens if t > breaks[-1]]
    # a dateline the parser made the subject, with the speaker in apposition after its wire
    # credit and dash ("PORT ADRIA, Marisca (AP) — Prime Minister Annika Hollis said")
    dashes = [t for t in tokens if lower[t] in ("—", "–", "--", "-") and t > subj and lower[t - 1] == ")"]
    if dashes and tokens[-1] > dashes[-1]:
        tokens = [t for t in tokens if t > dashes[-1]]
    if len(tokens) > _MAX_SOURCE_TOKENS:  # keep the noun phrase itself, not a clause hung on it
        right = max([subj, *(t for t in tokens if deps[t] in ("compound", "flat") and heads[t] == subj)])
        tokens = [t for t in tokens if subj - _MAX_SOURCE_TOKENS <= t <= right]
    # '..., said Rep. Michele Bachmann, who has emerged a prominent voice ..., to the Post': whom it
    # was said to, after the speaker's aside, is no part of the speaker
    if subj > i and len(tokens) > 3 and lower[tokens[-1]] != "," and v.lemma[i] in ("say", "tell"):
        to = [t for t in tokens if lower[t] == "to" and t > 0 and lower[t - 1] == "," and deps[t] in ("prep", "dative")]
        if to and all(t in subtree(v, to[-1]) for t in tokens if t > to[-1]):
            tokens = [t for t in tokens if t < to[-1] - 1]
    # a closing parenthesis the parser hung elsewhere ("Paul Ryan (R-WI) said")
    if tokens and tokens[-1] + 1 < i and lower[tokens[-1] + 1] == ")" and "(" in (lower[t] for t in tokens):
        tokens.append(tokens[-1] + 1)
    # the quotation's closing mark the parser hung on the speaker, or the comma that closes an aside
    # it left out above, is no part of the name
    while len(tokens) > 1 and v.tag[tokens[0]] in ("''", "``"):
        tokens = tokens[1:]
    while len(tokens) > 1 and v.lower[tokens[-1]] in (",", "—", "–", "--"):
        tokens = tokens[:-1]
    return tokens
