"""Actors across the articles of a story: one canonical name per person, organisation, country or
anonymous source, with every alias it went by.

Rules, no names hard-coded: titles are stripped ("President Donald Trump" -> "Donald Trump"); a
short name joins the full name whose first or last word it is ("Trump", "Kim" -> the most frequent
such full name in the story); role descriptions ("the president", "the foreign minister") join the
person the story gives that title; capitals, other names and "the North"/"the South" join their
country (``gazetteer``); anonymous sources with the same affiliation and role noun are one source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from storyline.attribution.actor_kinds import demonym_countries, kind_of_name, person_for_description
from storyline.attribution.gazetteer import country_for, country_for_demonym, country_mentions
from storyline.attribution.given_names import same_given_name
from storyline.attribution.name_chunks import after_last_title
from storyline.attribution.speaker_words import ANONYMOUS_NOUNS, GROUP_NOUNS, roles_from_text, speaking_role, speaks_for
from storyline.attribution.speakers import (
    NAME_WORD,
    TITLE_WORDS,
    person_names,
    strip_titles,
)
from storyline.cleaning.metadata import canonical_credit
from storyline.model import Actor, Article, Quote, SpeakerType, stable_id

_NAME_RUN = re.compile(rf"\b{NAME_WORD}(?:[ -]{NAME_WORD}){{1,3}}\b")
_DETERMINERS = ("the ", "a ", "an ", "one ", "unidentified ", "unnamed ", "anonymous ")
_POSSESSIVE = re.compile(r"(?:’s|'s)\b")


def resolve_actors(quotes: list[Quote], articles: list[Article]) -> tuple[list[Quote], list[Actor]]:
    """Canonical actors for the quotes of one story; returns the rewritten quotes and the actors."""
    texts = [a.text for a in articles]
    full_names = _full_name_counts(texts, quotes)
    roles = _story_roles(texts)
    story_countries = _story_countries(texts)
    context = _StoryContext(
        texts=texts,
        demonyms=demonym_countries(texts),
        person_words={w for name in full_names if len(name.split()) >= 2 for w in name.split()},
        outlet_initials=_outlet_initials(a.outlet for a in articles),
        places=frozenset(a.dateline.split(",")[0].strip().lower() for a in articles if a.dateline),
    )
    names = _FullNames(full_names)
    canonical: dict[int, tuple[str, SpeakerType, str | None, str | None]] = {}
    for i, q in enumerate(quotes):
        canonical[i] = _canonical(q, names, roles, story_countries, context)
    _name_bare_bodies(canonical)
    # anonymous sources with the same affiliation and role noun are one source ("an unidentified
    # senior State Department official" ... "the State Department official")
    longest: dict[tuple[str | None, str], str] = {}
    for name, kind, _, affiliation in canonical.values():
        if kind is SpeakerType.ANONYMOUS and name.split():
            key = (affiliation, name.split()[-1].lower())
            current = longest.get(key, "")
            if (len(name), name) > (len(current), current):
                longest[key] = name
    # one that names no affiliation ("a senior official") is the story's only affiliated source
    # with the same role noun whose description holds all its words ("senior State Department
    # official"); with two such sources it stays apart
    adopted: dict[str, str] = {}
    for (affiliation, noun), name in longest.items():
        if affiliation is None:
            words = set(name.lower().split())
            fits = [k[0] for k, v in longest.items() if k[0] and k[1] == noun and words <= set(v.lower().split())]
            if len(fits) == 1 and fits[0] is not None:
                adopted[noun] = fits[0]
    for i, (name, kind, role, affiliation) in canonical.items():
        if kind is SpeakerType.ANONYMOUS and affiliation is None and name.split():
            canonical[i] = (name, kind, role, adopted.get(name.split()[-1].lower()))
    for i, (name, kind, role, affiliation) in canonical.items():
        if kind is SpeakerType.ANONYMOUS and name.split():
            canonical[i] = (longest[(affiliation, name.split()[-1].lower())], kind, role, affiliation)
    _one_actor_per_name(canonical)
    actors: dict[tuple[SpeakerType, str], _ActorDraft] = {}
    out_quotes = []
    for i, q in enumerate(quotes):
        name, kind, role, affiliation = canonical[i]
        entry = actors.setdefault((kind, name), _ActorDraft())
        for alias in (q.speaker, q.actor):
            if alias and alias != name and alias.lower() not in ("he", "she", "they", "it", "i", "we"):
                entry.aliases.add(alias)
        entry.role = entry.role or role
        entry.affiliation = entry.affiliation or affiliation
        changed = (name, kind) != (q.actor, q.speaker_type)
        out_quotes.append(q.replace(actor=name, speaker_type=kind) if changed else q)
    for (kind, name), entry in actors.items():
        if kind is SpeakerType.PERSON and entry.affiliation is None and " " in name:
            entry.affiliation = _country_introduced(name, context)
    result = [
        Actor(
            id=stable_id("actor", kind.value, name),
            name=name,
            kind=kind,
            aliases=tuple(sorted(e.aliases)),
            affiliation=e.affiliation,
            role=e.role,
        )
        for (kind, name), e in sorted(actors.items(), key=lambda kv: (kv[0][0].value, kv[0][1]))
    ]
    return out_quotes, result


@dataclass(frozen=True)
class _StoryContext:
    texts: list[str]
    demonyms: dict[str, str]  # "Mariscan" -> "Marisca": countries the story names by demonym
    person_words: set[str]  # words of the story's multi-word person names
    outlet_initials: dict[str, str]  # "CP" -> "Continental Press": outlets of the story by initials
    places: frozenset[str] = frozenset()  # the cities of the story's datelines, lower case

    @functools.cached_property
    def countries(self) -> frozenset[str]:
        """The countries the story names by demonym ("Marisca")."""
        return frozenset(self.demonyms.values())

    @functools.cached_property
    def lowercase_words(self) -> frozenset[str]:
        """Every word the story writes in lower case somewhere (read once per story)."""
        return frozenset(w for text in self.texts for w in _LOWER_WORD.findall(text))

    def writes_lowercase(self, word: str) -> bool:
        return word.lower() in self.lowercase_words


_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


@dataclass
class _ActorDraft:
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    affiliation: str | None = None


def _full_name_counts(texts: Iterable[str], quotes: Iterable[Quote]) -> Counter[str]:
    """Multi-word capitalised names in the story (titles stripped), with how often they occur."""
    counts: Counter[str] = Counter()
    for text in texts:
        for _, name in person_names(text):
            counts[name] += 1
    # a quoted person's name as the quote resolved it, once per mention that writes the name
    # (not "she", "Choe's point" or a second cue of the same mention)
    mentions = set()
    for q in quotes:
        names = q.speaker_type is SpeakerType.PERSON and len(q.actor.split()) >= 2 and q.actor[:1].isupper()
        mention = (q.article_id, q.speaker_span)
        if names and q.actor.split()[-1] in _WORDS.findall(q.speaker) and mention not in mentions:
            mentions.add(mention)
            counts[after_last_title(strip_titles(q.actor))] += 1
    return counts


def _story_roles(texts: Iterable[str]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = {}
    for text in texts:
        for role, name in roles_from_text(text).items():
            votes.setdefault(role, Counter())[name] += 1
    return {role: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for role, c in votes.items()}


def _story_countries(texts: Iterable[str]) -> list[str]:
    """The countries the story's articles name, most named first."""
    seen: Counter[str] = Counter(name for text in texts for _, name in country_mentions(text))
    return [name for name, _ in seen.most_common()]


_WORDS = re.compile(r"[\w'’-]+")


def _folded(word: str) -> str:
    """A name word without accents or dots ("Calderón" -> "calderon", "J." -> "j")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c)).strip(".")


def _same_person(a: list[str], b: list[str]) -> bool:
    """Whether two full names (lowercased words) name one person across outlets: the same surname
    and given name up to accents, a nickname ("Ben" / "Benjamin") or a one-letter slip of a long
    given name ("Vicente" / "Vincente"), with any middle names or initials on either side
    ("Hillary Rodham Clinton" / "Hillary Clinton", "Benjamin Todd Jealous" / "Ben Jealous")."""
    if len(a) < 2 or len(b) < 2 or _folded(a[-1]) != _folded(b[-1]) or len(_folded(a[-1])) < 2:
        return False
    first_a, first_b = _folded(a[0]), _folded(b[0])
    if len(first_a) < 2 or len(first_b) < 2:
        return False  # "J. Smith": an initial says too little
    return (
        first_a == first_b
        or same_given_name(first_a, first_b)
        or (min(len(first_a), len(first_b)) >= 5 and first_a[0] == first_b[0] and fuzz.ratio(first_a, first_b) >= 85)
    )


class _FullNames:
    """A story's full names with their counts, and what a mention expands to (remembered: a big
    story asks for the same few names for each of its quotes and roles)."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        self._ranked = [(full, [w.lower() for w in full.split()]) for full, _ in ranked]
        self._expanded: dict[str, str] = {}

    def expand(self, name: str) -> str:
        found = self._expanded.get(name)
        if found is None:
            found = self._expanded[name] = self._expand(name)
        return found

    def _usual_spelling(self, full: str, fw: list[str]) -> str:
        """Of the story's spellings of one name that differ only inside a middle word ("Choe Sun Hui"
        in one outlet, "Choe Son Hui" in another), the most frequent (then the first in order)."""
        for other, ow in self._ranked:
            if other == full:
                return full
            if (
                len(ow) == len(fw) >= 3
                and ow[0] == fw[0]
                and ow[-1] == fw[-1]
                and fuzz.ratio(other.lower(), full.lower()) >= 85
            ):
                return other
            if len(ow) == len(fw) == 2 and ow[-1] == fw[-1] and ow[0] != fw[0] and same_given_name(ow[0], fw[0]):
                return other  # "Chuck Schumer" in one outlet, "Charles Schumer" in another
            if _same_person(fw, ow):
                return other  # "Felipe Calderón" / "Felipe Calderon", "Hillary Rodham Clinton" / "Hillary Clinton"
        return full

    def _expand(self, name: str) -> str:
        name = strip_titles(_POSSESSIVE.sub("", name)).strip()
        words = name.split()
        if not words:
            return name
        low = [w.lower() for w in words]
        # a lowercased or run-on mention that ends in a known name ("vietnam ap president donald trump")
        for full, fw in self._ranked:
            if len(fw) >= 2 and len(low) >= len(fw) and low[-len(fw) :] == fw:
                return self._usual_spelling(full, fw)
        # the same name spelt slightly differently in another outlet ("Choe Sun Hui" / "Choe Son Hui")
        for full, fw in self._ranked:
            if fw != low and (
                (len(fw) == len(low) >= 2 and fw[0] == low[0] and fuzz.ratio(full.lower(), name.lower()) >= 85)
                or _same_person(fw, low)  # "Raúl R. Labrador" where the story writes "Raul Labrador"
            ):
                return full
        best, best_count = name, 0
        for full, fw in self._ranked:
            if len(fw) <= len(low):
                continue
            count = self.counts[full]
            matches = (len(low) == 1 and low[0] in (fw[0], fw[-1])) or fw[-len(low) :] == low or fw[: len(low)] == low
            if matches and (count > best_count or (count == best_count and full < best)):
                best, best_count = full, count
        return best


def _canonical(
    q: Quote, full_names: _FullNames, roles: dict[str, str], countries: list[str], context: _StoryContext
) -> tuple[str, SpeakerType, str | None, str | None]:
    actor = q.actor.strip()
    kind = q.speaker_type
    low = actor.lower()
    if actor in context.outlet_initials:  # "CP says ..." in a digest, "the Times reported": the outlet
        return context.outlet_initials[actor], SpeakerType.OUTLET, None, None
    if kind is SpeakerType.OUTLET:
        return actor, kind, None, None
    bare = low
    for det in _DETERMINERS:
        bare = bare.removeprefix(det)
    if bare in roles:  # "the president", "the foreign minister"
        return full_names.expand(roles[bare]), SpeakerType.PERSON, bare, None
    country = country_for(actor) or _north_south(low, countries)
    if country is not None:
        return country.name, SpeakerType.ORGANIZATION, None, None
    if kind is SpeakerType.PERSON:
        if kind_of_name(q.speaker, context.countries, context.person_words) is SpeakerType.GROUP:
            return q.speaker.strip(), SpeakerType.GROUP, None, None  # "Veldora and Marisca"
        if low in context.places:  # "Sorrel was ready to discuss ...": a dateline city speaks for its government
            return actor, SpeakerType.ORGANIZATION, None, None
        as_written = kind_of_name(actor, context.countries, context.person_words)
        if as_written is not None:  # "CP", "Marisca": not a person's short name
            return actor, as_written, None, None
        name = full_names.expand(actor)
        better = kind_of_name(name, context.countries, context.person_words)
        if better is not None:  # "Marisca" (its demonym is in the story), "CP", "the Halvard Line"
            return name, better, None, None
        role = next((r for r, n in roles.items() if full_names.expand(n) == name and " " in r), None)
        role = role or next((r for r, n in roles.items() if full_names.expand(n) == name), None)
        country = _country_in_title(q.speaker, name, countries, context.demonyms)
        principal = speaks_for(q.speaker)  # "Hollis's spokesman, Mats Lindahl": Annika Hollis's side
        principal = full_names.expand(principal) if principal else None
        if principal == name:
            principal = None
        elif principal and role is None:
            role = speaking_role(q.speaker)
        return name, kind, role, country or _ministry_country(role, context) or principal
    if kind is SpeakerType.ANONYMOUS:  # "Marisca's foreign minister" where the story names him
        described = person_for_description(q.speaker, context.texts) or person_for_description(actor, context.texts)
        if described is not None:
            name = full_names.expand(described)
            return name, SpeakerType.PERSON, _role_of(actor), _affiliation(actor, countries, context)
    if kind in (SpeakerType.ANONYMOUS, SpeakerType.GROUP):
        # read as written where it can be: "The State Department official" opens its sentence with
        # "The", so "State" is a name, not a sentence-initial capital
        verbatim = bool(actor) and actor.lower() in q.speaker.lower()
        affiliation = _affiliation(q.speaker if verbatim else actor, countries, context, verbatim)
        return _anonymous_name(actor), kind, None, affiliation
    return actor, kind, None, None


def _name_bare_bodies(canonical: dict[int, tuple[str, SpeakerType, str | None, str | None]]) -> None:
    """An organisation written as its bare head noun ("the authority said") is the story's only
    named organisation with that last word ("Maritime Authority"); with two, it stays as written. A
    speaker of two parts ("Mrs. Clinton's spokesman and the State Department") names none."""
    named: dict[str, set[str]] = {}
    for name, kind, _, _ in canonical.values():
        if kind is SpeakerType.ORGANIZATION and len(name.split()) >= 2 and name[:1].isupper() and " and " not in name:
            named.setdefault(name.split()[-1].lower(), set()).add(name)
    for i, (name, kind, role, affiliation) in canonical.items():
        if kind is SpeakerType.ORGANIZATION and " " not in name and name.islower():
            fits = named.get(name, set())
            if len(fits) == 1:
                canonical[i] = (next(iter(fits)), kind, role, affiliation)


_KIND_ORDER = (
    SpeakerType.OUTLET,
    SpeakerType.PERSON,
    SpeakerType.ORGANIZATION,
    SpeakerType.GROUP,
    SpeakerType.ANONYMOUS,
    SpeakerType.UNKNOWN,
)


def _one_actor_per_name(canonical: dict[int, tuple[str, SpeakerType, str | None, str | None]]) -> None:
    """One actor per name, whatever its case or article: "Critics said" at a sentence's start and
    "critics said" later are one group (written as the lowercase form), "The New York Times" and
    "New York Times" one outlet, and a wire by any of its forms one outlet under the fullest
    (``canonical_credit``: "AP explains", "The Associated Press reports"); a name typed two ways
    takes its most frequent kind (ties: an outlet before a person, an organisation, a group)."""

    def key(name: str, kind: SpeakerType) -> str:
        written = canonical_credit(name) if kind is SpeakerType.OUTLET else name
        return written.lower().removeprefix("the ").strip()

    forms: dict[str, Counter[str]] = {}
    kinds: dict[str, Counter[SpeakerType]] = {}
    for name, kind, _, _ in canonical.values():
        forms.setdefault(key(name, kind), Counter())[name] += 1
        kinds.setdefault(key(name, kind), Counter())[kind] += 1
    for i, (name, kind, role, affiliation) in canonical.items():
        k = key(name, kind)
        if len(forms[k]) == 1 and len(kinds[k]) == 1:
            continue
        if any(canonical_credit(f) != f.strip() for f in forms[k]):  # a wire: its fullest name
            best = max(forms[k], key=lambda f: (len(f), f))
        else:
            lower = {f: n for f, n in forms[k].items() if f[:1].islower()} or forms[k]
            best = max(lower, key=lambda f: (lower[f], not f.startswith(("The ", "the ")), len(f), f))
        top = max(kinds[k].values())
        canonical[i] = (best, next(t for t in _KIND_ORDER if kinds[k][t] == top), role, affiliation)


def _north_south(low: str, countries: list[str]):  # type: ignore[no-untyped-def]
    """ "the North" -> the story's country whose name starts with "North" (likewise South)."""
    for side in ("north", "south"):
        if low in (f"the {side}", side):
            for name in countries:
                if name.lower().startswith(side + " "):
                    return country_for(name)
    return None


def _north_or_south_in(low: str, countries: list[str]) -> str | None:
    """The story's country that "the North" / "the South" somewhere in ``low`` (lowercased) means."""
    for side in ("north", "south"):
        if f"the {side}" in low:
            c = _north_south(f"the {side}", countries)
            if c:
                return str(c.name)
    return None


def _affiliation(description: str, countries: list[str], context: _StoryContext, as_written: bool = True) -> str | None:
    """ "a senior State Department official" -> "State Department"; "North Korean officials" ->
    "North Korea"; "the North's delegation" -> the story's northern country; "Mariscan officials"
    -> "Marisca" when the story names Marisca."""
    words = _POSSESSIVE.sub("", description).split()
    for m in _NAME_RUN.finditer(" ".join(words)):  # "North Korean officials": the demonym, titles kept
        run = m.group()
        country = country_for(run) or country_for_demonym(run) or country_for_demonym(run.removesuffix("s"))
        if country:
            return country.name
    for word in words:  # a country only this story names ("Mariscan officials")
        if word in context.demonyms or word in context.demonyms.values():
            return context.demonyms.get(word, word)
    # a capital only because the description opens a sentence ("Officials in ...", "One Western
    # envoy"): a word the story also writes in lower case is not part of a name. Only the first
    # word opens the sentence ("The State Department official" keeps "State"), and only as written
    # (a pronoun's antecedent comes without its determiner).
    governing = any(
        w.lower() in _GOVERNING_NOUNS and k + 1 < len(words) and words[k + 1] in _PLACE_PREPOSITIONS
        for k, w in enumerate(words)
    )
    # a pronoun's antecedent comes without its determiner: "State Department official" keeps
    # "State", which runs on into a capitalised word; "Analysts in ..." does not
    if (
        words
        and words[0][:1].isupper()
        and context.writes_lowercase(words[0])
        and (as_written or len(words) == 1 or not words[1][:1].isupper())
    ) or (len(words) > 1 and words[1] in _PLACE_PREPOSITIONS and words[0].lower() in GROUP_NOUNS):
        words = words[1:]  # "Diplomats in Port Alder" (not "Democrats in the Senate")
    # where they are is not whom they speak for ("Diplomats in Port Alder"), unless the place is a
    # country or its capital ("officials in Pyongyang") or they govern there ("Officials in Sorrel")
    at = next((k for k, w in enumerate(words) if w in _PLACE_PREPOSITIONS), len(words))
    caps = [w for w in words[:at] if _affiliation_word(w)]
    if caps:
        phrase = " ".join(caps)
        country = country_for(phrase) or country_for_demonym(phrase)
        return country.name if country else phrase
    place = " ".join(w for w in words[at:] if _affiliation_word(w))
    country = country_for(place) if place else None
    if country:
        return str(country.name)
    if place and governing:
        return place
    return _north_or_south_in(_POSSESSIVE.sub("", description.lower()), countries)


_GOVERNING_NOUNS = frozenset(["officials", "official", "authorities", "government", "leaders", "ministers"])
_PLACE_PREPOSITIONS = frozenset(["in", "at", "near", "outside", "inside"])
_NOT_AFFILIATIONS = frozenset(["the", "its", "their", "his", "her", "our", "my", "your", "these", "those", "this"])


def _affiliation_word(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in TITLE_WORDS - {"state"} and word.lower() not in _NOT_AFFILIATIONS


def _country_in_title(speaker: str, name: str, countries: list[str], demonyms: dict[str, str]) -> str | None:
    """The country a person's title names before the name, as written ("North Korean Foreign
    Minister Ri Yong Ho", "the North's foreign minister Ri", "Veldoran Prime Minister Annika
    Hollis" where the story names Veldora): only a known country or one of the story's, else None."""
    head = speaker
    for word in name.split()[:1] + name.split()[-1:]:  # the title before the name, not its given name
        at = re.search(rf"\b{re.escape(word)}\b", head)
        if at is not None:
            head = head[: at.start()]
    found = _country_in(head, countries, demonyms)
    last = name.split()[-1] if name.split() else ""
    if found is None and last and last in speaker:  # "Choe Son Hui, a senior North Korean diplomat with ..."
        m = _APPOSITIVE.match(speaker[speaker.index(last) + len(last) :])
        found = _country_in(m.group(1), [], demonyms) if m else None
    return found


# a noun phrase in apposition after a name, up to a clause or a "with" phrase that describes more
_APPOSITIVE = re.compile(
    r"^,\s+(?!(?:who|whose|which|that|as|and)\b)((?:[\w'’.-]+\s+){0,7}?[\w'’.-]+)(?=\s+(?:with|who|whose|which|that)\b|\s*,|\s*$)"
)


def _country_introduced(name: str, context: _StoryContext) -> str | None:
    """The country a noun phrase in apposition to a person's full name names, where the story
    introduces them so ("Choe Son Hui, a senior North Korean diplomat with a long history ...")."""
    for text in context.texts:
        for m in re.finditer(re.escape(name) + r",\s", text):
            found = _APPOSITIVE.match(text[m.end() - 2 : m.end() + 120])
            country = _country_in(found.group(1), [], context.demonyms) if found else None
            if country:
                return country
    return None


def _country_in(head: str, countries: list[str], demonyms: dict[str, str]) -> str | None:
    head = _POSSESSIVE.sub("", head)
    for m in _NAME_RUN.finditer(head):
        country = country_for(m.group()) or country_for_demonym(m.group())
        if country:
            return country.name
    for word in head.split():
        country = country_for(word) or country_for_demonym(word)
        if country:
            return country.name
        if word in demonyms or word in demonyms.values():
            return demonyms.get(word, word)
    return _north_or_south_in(head.lower(), countries)


def _ministry_country(role: str | None, context: _StoryContext) -> str | None:
    """The country whose ministry a minister's title names, as the story says it ("Trade Minister
    Bram Okafor" where the story writes "Veldora's Trade Ministry" or "a senior Veldoran Trade
    Ministry official"): the one country so written, else None."""
    if not role or not role.endswith(" minister") or role.startswith("prime"):
        return None
    office = re.escape(role.removesuffix(" minister").split()[-1])
    found = set()
    for m in re.finditer(
        rf"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:’s|'s)? (?i:{office}) [Mm]inistry\b", "\n".join(context.texts)
    ):
        words = m.group(1).split()
        for k in range(len(words)):  # "North Korean", "Korean", "North Korea's"
            phrase = " ".join(words[k:])
            country = country_for(phrase) or country_for_demonym(phrase)
            name = (
                country.name
                if country
                else context.demonyms.get(phrase, phrase if phrase in context.countries else None)
            )
            if name:
                found.add(name)
                break
    return found.pop() if len(found) == 1 else None


def _outlet_initials(outlets: Iterable[str | None]) -> dict[str, str]:
    """{"CP": "Continental Press", "AP": "The Associated Press", "New York Times": "The New York
    Times", "Times": "The New York Times"}: the short forms a story writes its outlets' names in:
    the initials of the capitalised words (a leading "The" left out) for names of two words or
    more, the name without "The", and its masthead word ("Times", "Post") when no other outlet of
    the story ends in it."""
    out: dict[str, str] = {}
    mastheads: Counter[str] = Counter()
    for outlet in outlets:
        words = [w for w in (outlet or "").split() if w[:1].isupper()]
        if words and words[0] == "The":
            words = words[1:]
        if len(words) >= 2:
            out.setdefault("".join(w[0] for w in words), outlet or "")
            out.setdefault(" ".join(words), outlet or "")
            if words[-1] in _MASTHEADS:
                mastheads[words[-1]] += 1
                out.setdefault(words[-1], outlet or "")
    for word, n in mastheads.items():
        if n > 1:  # "Times" in a story with The New York Times and the Los Angeles Times: either
            del out[word]
    return out


_MASTHEADS = frozenset(
    ["Times", "Post", "Journal", "Herald", "Tribune", "Globe", "Guardian", "Telegraph", "Gazette", "Ledger", "Observer"]
)


def _role_of(description: str) -> str | None:
    """ "Marisca's foreign minister" -> "foreign minister" (the lowercase words after the owner)."""
    words = _POSSESSIVE.sub("", description).split()
    role = [w for w in words if w.islower() and w not in ("the", "a", "an")]
    return " ".join(role) or None


def _anonymous_name(description: str) -> str:
    low = description
    changed = True
    while changed:
        changed = False
        for det in _DETERMINERS:
            if low.lower().startswith(det):
                low = low[len(det) :]
                changed = True
    low = low.strip()
    # a bare role noun reads as no one in a list of parties ("source asserts"): say it is unnamed
    return f"unnamed {low}" if low.lower() in ANONYMOUS_NOUNS else low
