"""One fictional event and the sentences a reporter could write about it.

An :class:`Event` holds the facts every article about it draws on: a place, its own nouns and
adjectives (from wordfreq), the actors with their titles and organisations, each actor's own
quotes, a disputed claim (one side asserts that all of something was demanded, the other denies
it, an official narrows it), a disputed figure, and dated developments spread over weeks.
:class:`Writer` turns those facts into sentences; every reporter (a fresh ``random.Random``)
words them differently, so independent reports share names, quotes and facts, not wording.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.synthetic.vocabulary import (
    BASE_VERBS,
    CURRENCIES,
    ORG_HEADS,
    PAST_VERBS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_VERBS,
    REPORTING_VERBS,
    TITLES,
    UNITS,
    WEEKDAYS,
    invented_word,
    person_name,
    pick,
    vocabulary,
)


@dataclass(frozen=True)
class Actor:
    name: str
    title: str
    org: str
    pronoun: str
    quotes: tuple[str, ...]  # what this actor said about the event, word for word


@dataclass(frozen=True)
class Development:
    day: date
    org: str
    verb: str
    thing: str


@dataclass(frozen=True)
class Event:
    number: int
    place: str
    country: str
    nouns: tuple[str, ...]
    adjectives: tuple[str, ...]
    actors: tuple[Actor, ...]
    orgs: tuple[str, ...]
    day: date
    demand: str  # the disputed "all the X" (e.g. "harbour levies")
    figure: tuple[int, int, str]  # (one side's number, the other's, unit)
    money: tuple[int, str]
    developments: tuple[Development, ...]

    @property
    def issue(self) -> str:
        return f"{self.adjectives[0]} {self.nouns[0]}"

    def headline(self, rng: random.Random) -> str:
        a = self.actors[0]
        forms = (
            f"{self.place} talks on {self.issue} collapse over {self.demand}",
            f"{a.name.split()[-1]} walks away from {self.place} {self.nouns[0]} deal",
            f"{self.country} and the {self.orgs[-1]} clash over {self.demand}",
            f"Who asked {self.place} for what? The {self.nouns[0]} dispute",
            f"{self.place} {self.nouns[1]} row: {a.name.split()[-1]} blames {self.orgs[-1]}",
            f"{self.adjectives[1].capitalize()} {self.nouns[2]} stalls {self.place} summit",
        )
        return pick(rng, forms)


def _org(rng: random.Random, nouns: tuple[str, ...], place: str) -> str:
    noun = pick(rng, nouns).capitalize()
    k = rng.randrange(3)
    head = pick(rng, ORG_HEADS)
    if k == 0:
        return f"{head} of {noun}"
    if k == 1:
        return f"{place} {noun} {head}"
    return f"{invented_word(rng, 2)} {head}"


def _quote(rng: random.Random, nouns: tuple[str, ...], adjectives: tuple[str, ...], place: str) -> str:
    v = vocabulary()
    noun, other = pick(rng, nouns), pick(rng, v.nouns)
    adj = pick(rng, adjectives)
    k = rng.randrange(6)
    if k == 0:
        return f"We will not {pick(rng, BASE_VERBS)} a {noun} deal that leaves {place} with nothing"
    if k == 1:
        return f"Nobody in {place} asked for this {adj} {noun}, and no {other} will pay for it"
    if k == 2:
        return f"The {other} is {pick(rng, v.adjectives)} and the {noun} numbers were inflated for {place}"
    if k == 3:
        return f"This is about {noun} and {other}, not about {pick(rng, v.common)} or politics"
    if k == 4:
        return f"We were ready to {pick(rng, BASE_VERBS)} the {noun} in writing, and {place} knew it"
    return f"Every {adj} {other} {place} was promised has been {pick(rng, PAST_VERBS)}"


def make_event(rng: random.Random, number: int, day: date) -> Event:
    v = vocabulary()
    nouns = tuple(rng.sample(v.nouns, 6))
    adjectives = tuple(rng.sample(v.adjectives, 3))
    place = invented_word(rng, rng.randint(2, 3))
    orgs = tuple(dict.fromkeys(_org(rng, nouns, place) for _ in range(3)))
    actors = []
    for i in range(rng.randint(3, 6)):
        quotes = tuple(_quote(rng, nouns, adjectives, place) for _ in range(rng.randint(1, 3)))
        actors.append(Actor(person_name(rng), pick(rng, TITLES), orgs[i % len(orgs)], pick(rng, PRONOUNS), quotes))
    first = rng.randrange(5, 400)
    developments = tuple(
        Development(
            day + timedelta(days=offset),
            pick(rng, orgs),
            pick(rng, PAST_VERBS),
            f"{pick(rng, adjectives)} {pick(rng, nouns)} {pick(rng, ('plan', 'rules', 'order', 'talks'))}",
        )
        for offset in sorted(rng.sample(range(1, 40), rng.randint(2, 5)))
    )
    return Event(
        number=number,
        place=place,
        country=invented_word(rng, 2) + pick(rng, ("ia", "land", "stan", "a")),
        nouns=nouns,
        adjectives=adjectives,
        actors=tuple(actors),
        orgs=orgs,
        day=day,
        demand=f"{nouns[1]} {pick(rng, ('levies', 'sanctions', 'restrictions', 'quotas', 'tariffs', 'rules'))}",
        figure=(first, first + rng.randrange(3, 300), pick(rng, UNITS)),
        money=(rng.randrange(2, 900), pick(rng, CURRENCIES)),
        developments=developments,
    )


def month_day(d: date, year: bool = False) -> str:
    text = f"{calendar.month_name[d.month]} {d.day}"
    return f"{text}, {d.year}" if year else text


def when(rng: random.Random, d: date, published: date) -> str:
    """How a reporter writing on ``published`` refers to ``d``: weekday, "last ...", or a date."""
    gap = (published - d).days
    if gap == 0:
        return pick(rng, ("on " + WEEKDAYS[d.weekday()], "today"))
    if gap == 1 and rng.random() < 0.5:
        return "yesterday"
    if 0 < gap < 7:
        return pick(rng, ("on ", "last ")) + WEEKDAYS[d.weekday()]
    return "on " + month_day(d, year=d.year != published.year)


_OPENERS = ("The", "A", "One", "That", "Each")
_POSSESSIVES = ("its", "their", "the")


class Writer:
    """One reporter's way of writing about an event (all choices from its own ``rng``)."""

    def __init__(self, ev: Event, rng: random.Random, published: date) -> None:
        self.ev = ev
        self.rng = rng
        self.published = published
        self._used: set[str] = set()  # quotes and claims already written: a reporter does not repeat them

    def _fresh(self, text: str) -> bool:
        if text in self._used:
            return False
        self._used.add(text)
        return True

    def _actor(self) -> Actor:
        return pick(self.rng, self.ev.actors)

    def _who(self, a: Actor) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f"{a.name}, the {a.title} of the {a.org},"
        if r < 0.6:
            return f"{a.org} {a.title} {a.name}"
        return a.name

    def _background(self) -> str:
        """A sentence of context in this event's and everyday words (written for speed: the
        bulk of every article is made of these)."""
        v, ev, r = vocabulary(), self.ev, self.rng.random
        adjs, common, nouns, own = v.adjectives, v.common, v.nouns, ev.nouns
        na, nc, nn, no = len(adjs), len(common), len(nouns), len(own)

        def noun() -> str:
            return own[int(r() * no)] if r() < 0.6 else nouns[int(r() * nn)]

        place = ev.place if r() < 0.5 else "the " + common[int(r() * nc)]
        text = (
            f"{_OPENERS[int(r() * 5)]} {adjs[int(r() * na)]} {noun()} {PREPOSITIONS[int(r() * 10)]} {place} "
            f"{PAST_VERBS[int(r() * len(PAST_VERBS))]} the {common[int(r() * nc)]} {noun()}"
        )
        if r() < 0.6:
            text += f" and {_POSSESSIVES[int(r() * 3)]} {adjs[int(r() * na)]} {noun()}"
        if r() < 0.5:
            text += f" {PREPOSITIONS[int(r() * 10)]} the {common[int(r() * nc)]} {nouns[int(r() * nn)]}"
        return text + "."

    def lead(self, dateline: str = "") -> str:
        ev, a, rng = self.ev, self.ev.actors[0], self.rng
        day = when(rng, ev.day, self.published)
        forms = (
            f"{a.name} {pick(rng, ('said', 'told reporters'))} {day} that talks in {ev.place} on the {ev.issue}"
            f" broke down because the {ev.orgs[-1]} wanted all {ev.demand} lifted.",
            f"Talks in {ev.place} over {ev.demand} ended {day} without a deal, and {a.name} blamed the {ev.orgs[-1]}.",
            f"The {ev.issue} dispute between {ev.country} and the {ev.orgs[-1]} deepened {day} when "
            f"{a.name}, the {a.title} of the {a.org}, left the table in {ev.place}.",
            f"In {ev.place}, the fight over {ev.demand} took a new {ev.nouns[3]} turn {day}, with {ev.orgs[0]} "
            f"and {ev.orgs[-1]} telling different stories.",
        )
        return dateline + pick(rng, forms)

    def direct_quote(self, a: Actor | None = None) -> str | None:
        a = a or self._actor()
        q, rng = pick(self.rng, a.quotes), self.rng
        if not self._fresh(q):
            return None
        verb = pick(rng, QUOTE_VERBS)
        k = rng.randrange(4)
        if k == 0:
            return f'"{q}," {a.name} {verb}.'
        if k == 1:
            return f'"{q}," {verb} {a.name}, the {a.title} of the {a.org}.'
        if k == 2:
            return f'{self._who(a)} {verb}: "{q}."'
        return f'"{q}," {a.name} {verb}. {a.pronoun} {pick(rng, REPORTING_VERBS)} that {self.clause()}.'

    def clause(self) -> str:
        ev, rng, v = self.ev, self.rng, vocabulary()
        k = rng.randrange(4)
        if k == 0:
            return f"the {pick(rng, ev.nouns)} would {pick(rng, BASE_VERBS)} {pick(rng, v.common)} {ev.place}"
        if k == 1:
            return f"the {pick(rng, ev.orgs)} had {pick(rng, PAST_VERBS)} the {pick(rng, ev.nouns)} talks"
        if k == 2:
            return f"{pick(rng, ev.adjectives)} {pick(rng, ev.nouns)} was never on the {ev.place} table"
        if not self._fresh("money"):
            return f"the {pick(rng, ev.nouns)} {pick(rng, ('plan', 'deal', 'offer'))} was {pick(rng, PAST_VERBS)}"
        return f"the {ev.money[0]} million {ev.money[1]} {pick(rng, ev.nouns)} fund was at risk"

    def indirect(self) -> str:
        a, rng = self._actor(), self.rng
        k = rng.randrange(3)
        if k == 0:
            return f"{self._who(a)} {pick(rng, REPORTING_VERBS)} that {self.clause()}."
        if k == 1:
            return f"According to {a.name}, {self.clause()}."
        return f"According to the {pick(rng, self.ev.orgs)}, {self.clause()}."

    def dispute(self) -> str | None:
        """The contested claim: asserted, denied, narrowed, or judged."""
        ev, rng = self.ev, self.rng
        a, b = ev.actors[0], ev.actors[1]
        since = ev.day - timedelta(days=pick(rng, (400, 700, 1000)))
        k = rng.randrange(5)
        if not self._fresh(f"dispute {k}"):
            return None
        if k == 0:
            return f'"Basically, they wanted the {ev.demand} lifted in their entirety," {a.name} said.'
        if k == 1:
            return (
                f"{a.name} {pick(rng, ('claimed', 'said', 'insisted'))} that the {ev.orgs[-1]} had "
                f"demanded that all {ev.demand} be lifted."
            )
        if k == 2:
            return (
                f"{b.name} {pick(rng, ('denied', 'rejected'))} {a.name.split()[-1]}'s account, saying the "
                f"{ev.orgs[-1]} had asked only for {ev.nouns[3]} relief on part of {ev.place}'s {ev.demand} "
                f"in return for {pick(rng, ev.nouns)} "
                f"{pick(rng, ('guarantees', 'concessions', 'access'))}."
            )
        if k == 3:
            return (
                f"A senior {ev.orgs[0]} official said the {ev.nouns[4]} demand covered all {ev.demand}, but "
                f"{pick(rng, ('acknowledged', 'conceded'))} only {ev.demand} imposed since "
                f"{calendar.month_name[since.month]} {since.year}."
            )
        return f"It was not, as {a.name.split()[-1]} claimed, all the {ev.demand}."

    def figure(self) -> str | None:
        ev, rng = self.ev, self.rng
        low, high, unit = ev.figure
        a, b = ev.actors[0], ev.actors[-1]
        high_side = rng.random() < 0.5
        if not self._fresh(f"figure {high_side}"):
            return None
        if high_side:
            return f"{a.name} {pick(rng, ('said', 'claimed'))} that {high} {unit} had been affected."
        return f"{b.name} put the number at {low} {unit}, far fewer than {pick(rng, ev.orgs)} officials claimed."

    def development(self) -> str | None:
        ev, rng = self.ev, self.rng
        past = [d for d in ev.developments if d.day <= self.published]
        if not past:
            return None
        d = pick(rng, past)
        if not self._fresh(d.thing):
            return None
        return f"{when(rng, d.day, self.published).capitalize()}, the {d.org} {d.verb} the {d.thing}."

    def sentence(self) -> str:
        r = self.rng.random()
        text: str | None = None
        if r < 0.22:
            text = self.direct_quote()
        elif r < 0.36:
            return self.indirect()
        elif r < 0.46:
            text = self.dispute()
        elif r < 0.52:
            text = self.figure()
        elif r < 0.62:
            text = self.development()
        return text or self._background()

    def paragraphs(self, words: int, first: str | None = None) -> list[list[str]]:
        """Paragraphs (lists of sentences) of about ``words`` words."""
        out: list[list[str]] = []
        count = 0
        quote = self.direct_quote()  # every report quotes someone early on
        pending = [first, quote] if first and quote else [first] if first else []
        while count < words:
            para = pending + [self.sentence() for _ in range(self.rng.randint(1, 3))]
            pending = []
            out.append(para)
            count += sum(s.count(" ") + 1 for s in para)
        return out
