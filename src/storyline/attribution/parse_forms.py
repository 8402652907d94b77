"""Sentences given to the parser in a form it reads better, parsed, and given back their own words.

Headlines in title case: spaCy's small model reads "Hillary Clinton Slams Donald Trump On Abortion
After SCOTUS Ruling" as one long name: every capitalized word is a proper noun, and no verb is left
to be a cue. A
headline whose words are nearly all capitalized is parsed with its ordinary words lowercased;
names keep their capital. Whether a word is a name is read first from the article itself (how its
body writes the word mid-sentence), then from the casing table the restoration model learned on
news text (a word news capitalizes, or one it never saw). Only the first letter of a word changes,
so every offset into the headline stays the same.

Surnames that are also modal verbs: in a column about George Will, "Will urged the Republican
electorate ..." and "Will wrote" had no subject ("Will" a modal); likewise a surname in "-ing"
("Schilling, through a spokeswoman, declined" read "Schilling" as a participle). When the article
names a person whose last name is such a word, the capitalized word is parsed as an ordinary
surname of the same length.

Reporting verbs read as plural nouns: "Trump predicts that ...", "Trump talks to Megyn Kelly about
bullying" had no verb at all. Such a sentence is parsed again with a plain verb of the same length
in that word's place, and the new parse is kept when it reads that verb as a finite verb.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from storyline.attribution.cues import CUE_CLASSES
from storyline.attribution.parse_memo import parse_sentences
from storyline.cleaning.restoration import load_casing_table

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: a word in title case: a capital, then lowercase letters ("Slams", "Don’t"; not "GOP", "McCain")
_TITLED = re.compile(r"[A-Z][a-z'’-]*\Z")
_MIN_WORDS = 3
_MIN_SHARE = 0.8


def is_title_case(chunk: str) -> bool:
    """Whether nearly every word longer than three letters starts with a capital."""
    long_words = [w for w in _WORD.findall(chunk) if len(w) > 3]
    if len(long_words) < _MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in long_words) >= _MIN_SHARE * len(long_words)


def body_casing(text: str) -> Counter[str]:
    """For each lowercased word, how often the article writes it capitalized (+1) or lowercase
    (-1) where case says something: not as the first word of a sentence or of a title-case line."""
    votes: Counter[str] = Counter()
    for line in text.splitlines():
        if is_title_case(line):
            continue
        for m in _WORD.finditer(line):
            word = m.group()
            before = line[: m.start()].rstrip()
            if not before or before[-1] in ".!?:\"“‘'(—–-":
                continue
            if _TITLED.match(word):
                votes[word.lower()] += 1
            elif word.islower():
                votes[word] -= 1
    return votes


def sentence_cased(chunk: str, body: Counter[str]) -> str:
    """``chunk`` with its ordinary title-case words lowercased (the first word kept)."""
    casing = load_casing_table()
    chars = list(chunk)
    for n, m in enumerate(_WORD.finditer(chunk)):
        word = m.group()
        if n == 0 or not _TITLED.match(word) or len(word) == 1:
            continue
        low = word.lower()
        vote = body[low]
        name = vote > 0 if vote else casing.case(low)[:1].isupper()
        if not name:
            chars[m.start()] = low[0]
    return "".join(chars)


def with_words_of(doc: Doc, chunk: str) -> Doc:
    """``doc`` (the parse of ``chunk`` in sentence case) with ``chunk``'s own words: tags, lemmas,
    the tree, entities and the parser's vectors as parsed, the text as written."""
    words = [chunk[t.idx : t.idx + len(t)] for t in doc]
    out = Doc(
        doc.vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc],
        pos=[t.pos_ for t in doc],
        morphs=[str(t.morph) for t in doc],
        lemmas=[t.lemma_ for t in doc],
        heads=[t.head.i for t in doc],
        deps=[t.dep_ for t in doc],
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc],
    )
    out.tensor = doc.tensor
    return out


#: modal verbs that are also surnames (George Will, Theresa May), and a surname of the same length
#: the parser reads as a name, to stand in for each
_MODAL_SURNAMES = {"Will": "Ward", "May": "Lee", "Can": "Lee", "Must": "Ward", "Might": "Baker"}


#: surnames by length, to stand in for a surname that reads as a participle ("Schilling, through a
#: spokeswoman, declined to comment": "Schilling" was read as a verb, and no one declined)
_SURNAMES_BY_LENGTH = {6: "Carter", 7: "Johnson", 8: "Williams", 9: "Henderson", 10: "Richardson", 11: "Christensen"}


def modal_surnames(persons: list[str]) -> re.Pattern[str] | None:
    """The surnames of the people the article names in full ("George Will", "Curt Schilling") that
    the parser reads as a verb (a modal, or a word in "-ing"), as a pattern."""
    last = {name.split()[-1] for name in persons if len(name.split()) >= 2}
    found = (last & _MODAL_SURNAMES.keys()) | {w for w in last if w.endswith("ing") and len(w) in _SURNAMES_BY_LENGTH}
    return re.compile(rf"\b(?:{'|'.join(sorted(found))})\b") if found else None


def _stand_in(word: str) -> str:
    return _MODAL_SURNAMES.get(word) or _SURNAMES_BY_LENGTH[len(word)]


def with_stand_ins(chunk: str, surnames: re.Pattern[str]) -> str:
    """``chunk`` with each such surname replaced by a plain surname of the same length."""
    if chunk.rstrip().endswith("?") and any(m.group() in _MODAL_SURNAMES for m in surnames.finditer(chunk)):
        return chunk  # "Will the senator run?": a question's modal
    return surnames.sub(lambda m: m.group() if _the_month(chunk, m) else _stand_in(m.group()), chunk)


_DATE_BEFORE = re.compile(r"\b(?:in|since|until|by|of|last|next|early|late|mid|this|from|through)\s+\Z", re.IGNORECASE)
_DATE_AFTER = re.compile(r"\s*(?:\d|,\s*\d)")


def _the_month(chunk: str, m: re.Match[str]) -> bool:
    """Whether the capitalised "May" is the month ("in May", "May 3", "May, 2019"), not Theresa May."""
    if m.group() != "May":
        return False
    return bool(_DATE_BEFORE.search(chunk, 0, m.start()) or _DATE_AFTER.match(chunk, m.end()))


#: for each length, a verb the parser reads as one, to stand in for a reporting verb it read as a
#: plural noun ("Trump predicts that ...", "The Sanders campaign projects that ...")
_VERB_STAND_INS = {4: "adds", 5: "warns", 6: "argues", 7: "insists", 8: "declares", 9: "maintains", 10: "emphasizes"}


def _report_read_as_noun(doc: Doc) -> int:
    """The index of a reporting verb's "-s" form the parser read as a plural noun after a noun, in a
    sentence with no verb at its root ("Trump predicts that as Jeb Bush ... drop out, ...", "Trump
    talks to Megyn Kelly about bullying"; not the object of a preposition: "according to
    fundraising reports"), else -1."""
    if not len(doc) or any(t.dep_ == "ROOT" and (t.tag_.startswith("VB") or t.tag_ == "MD") for t in doc):
        return -1
    for t in doc[1:]:
        low = t.lower_
        if t.dep_ == "pobj" or t.tag_ not in ("NNS", "NNPS") or len(low) not in _VERB_STAND_INS or low[-1] != "s":
            continue
        stems = (low[:-1], low[:-2], low[:-3] + "y" if low.endswith("ies") else "")
        if any(stem in CUE_CLASSES for stem in stems) and doc[t.i - 1].tag_ in ("NN", "NNS", "NNP", "NNPS"):
            return t.i
    return -1


def _verb_stand_in(doc: Doc, chunk: str, k: int) -> str:
    """``chunk`` with the word at token ``k`` replaced by a verb of the same length."""
    t = doc[k]
    stand_in = _VERB_STAND_INS[len(t.text)]
    if t.text[:1].isupper():
        stand_in = stand_in.capitalize()
    return chunk[: t.idx] + stand_in + chunk[t.idx + len(t.text) :]


def parse_as_written(
    nlp: Language, text: str, spans: list[tuple[int, int]], persons: list[str] | None = None
) -> list[Doc]:
    """Parse ``text``'s sentences at ``spans``: a title-case headline read in sentence case, a
    modal surname of one of ``persons`` as a plain surname; each parse keeps its sentence's words."""
    chunks = [text[a:b] for a, b in spans]
    forms = list(chunks)
    titled = [k for k, c in enumerate(chunks) if is_title_case(c)]
    if titled:
        body = body_casing(text)
        for k in titled:
            forms[k] = sentence_cased(chunks[k], body)
    surnames = modal_surnames(persons or [])
    if surnames is not None:
        forms = [with_stand_ins(f, surnames) for f in forms]
    docs = parse_sentences(nlp, forms)
    misread = [(k, n) for k, d in enumerate(docs) if (n := _report_read_as_noun(d)) >= 0]
    if misread:  # parsed again with a plain verb in the noun's place; kept when it is read as a verb
        again = parse_sentences(nlp, [_verb_stand_in(docs[k], forms[k], n) for k, n in misread])
        for (k, n), d in zip(misread, again, strict=True):
            if (
                len(d) == len(docs[k])
                and d[n].tag_ in ("VBZ", "VBP")
                and (d[n].dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in d[n].children))
            ):
                docs[k] = d
                forms[k] = forms[k] + "\0"  # (marks it changed: its words come back below)
    return [with_words_of(d, c) if f != c else d for d, c, f in zip(docs, chunks, forms, strict=True)]
