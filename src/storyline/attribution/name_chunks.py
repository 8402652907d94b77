"""Runs of proper nouns in a speaker phrase, each typed a person, an organisation or a place."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.attribution.gazetteer import country_for, country_for_demonym, is_organisation_word
from storyline.attribution.speaker_words import TITLE_WORDS
from storyline.attribution.tokens import pos


def _joins_a_name(toks: list[Token], k: int) -> bool:
    """A hyphen inside a name ("Ros-Lehtinen", "Ocasio-Cortez"): no space around it, a proper noun
    before it and after it."""
    tok = toks[k]
    return (
        tok.text == "-"
        and 0 < k < len(toks) - 1
        and not toks[k - 1].whitespace_
        and not tok.whitespace_
        and pos(toks[k + 1]) == "PROPN"
    )


def _words_of(run: list[Token]) -> list[str]:
    """The words of a run of name tokens, a hyphenated name one word ("Ileana", "Ros-Lehtinen")."""
    words: list[str] = []
    glued = False
    for t in run:
        if glued or t.text == "-":
            words[-1] += t.text
        else:
            words.append(t.text)
        glued = t.text == "-"
    return words


def name_chunks(span: SpacySpan) -> list[tuple[str, str]]:
    """Runs of proper nouns in a phrase, each typed "person", "organization" or "place"."""
    out: list[tuple[str, str]] = []
    run: list[Token] = []
    toks = list(span)
    for k, tok in enumerate([*toks, None]):
        if tok is not None and (pos(tok) == "PROPN" or run and _joins_a_name(toks, k)):
            run.append(tok)
            continue
        if run:
            words = _words_of(run)
            if country_for(" ".join(words)) or country_for_demonym(" ".join(words)):
                out.append((" ".join(words), "place"))
                run = []
                continue
            while words and words[0].lower().strip(".") in TITLE_WORDS and len(words) > 1:
                words = words[1:]
            text = " ".join(words)
            # "Texas Gov. Rick Perry", "Senate Minority Leader Chuck Schumer": a person, named by
            # the words after the last title word (what comes before is a place or a body)
            tail = after_last_title(text)
            if tail != text and not any(is_organisation_word(w) for w in tail.split()):
                text, kind = tail, "person"
            elif any(is_organisation_word(w) for w in words):
                kind = "organization"
            elif country_for(text) or country_for_demonym(text):
                kind = "place"
            else:
                kind = "person"
            out.append((text, kind))
            run = []
    return out


def after_last_title(name: str) -> str:
    """ "Trade Minister Bram Okafor" -> "Bram Okafor"; "Veldora CP Veldoran Prime Minister Annika
    Hollis" (a run-on from restored text) -> "Annika Hollis": the words after the last title word,
    when at least two."""
    words = name.split()
    titles = [k for k, w in enumerate(words) if w.lower().strip(".") in TITLE_WORDS]
    if titles and len(words) - titles[-1] - 1 >= 2:
        return " ".join(words[titles[-1] + 1 :])
    return name
