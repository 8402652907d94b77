"""A small general gazetteer: countries with their capitals, demonyms and short names, and the
organisation words that tell an organisation from a person. Used to canonicalise actors
("Pyongyang" and "the North" stand for North Korea in a story that names North Korea)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.attribution.speaker_words import ORG_NOUNS


@dataclass(frozen=True)
class Country:
    name: str
    capital: str
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


# name | capital | demonyms | other names
_COUNTRIES = """
United States|Washington|American,U.S.|U.S.,US,USA,America,the United States,the U.S.
North Korea|Pyongyang|North Korean|DPRK,the DPRK,Democratic People's Republic of Korea
South Korea|Seoul|South Korean|ROK,Republic of Korea
China|Beijing|Chinese|People's Republic of China,PRC
Japan|Tokyo|Japanese|
Russia|Moscow|Russian|Russian Federation,the Kremlin
United Kingdom|London|British|UK,U.K.,Britain,Great Britain
France|Paris|French|
Germany|Berlin|German|
Italy|Rome|Italian|
Spain|Madrid|Spanish|
Canada|Ottawa|Canadian|
Mexico|Mexico City|Mexican|
Brazil|Brasilia|Brazilian|
Argentina|Buenos Aires|Argentine,Argentinian|
India|New Delhi|Indian|
Pakistan|Islamabad|Pakistani|
Afghanistan|Kabul|Afghan|
Iran|Tehran|Iranian|Islamic Republic
Iraq|Baghdad|Iraqi|
Syria|Damascus|Syrian|
Israel|Jerusalem|Israeli|
Saudi Arabia|Riyadh|Saudi|
Turkey|Ankara|Turkish|Turkiye
Egypt|Cairo|Egyptian|
Ukraine|Kyiv|Ukrainian|Kiev
Poland|Warsaw|Polish|
Vietnam|Hanoi|Vietnamese|
Thailand|Bangkok|Thai|
Indonesia|Jakarta|Indonesian|
Philippines|Manila|Filipino|the Philippines
Singapore|Singapore|Singaporean|
Australia|Canberra|Australian|
Venezuela|Caracas|Venezuelan|
Cuba|Havana|Cuban|
Libya|Tripoli|Libyan|
Nigeria|Abuja|Nigerian|
South Africa|Pretoria|South African|
Kenya|Nairobi|Kenyan|
Ethiopia|Addis Ababa|Ethiopian|
Greece|Athens|Greek|
Netherlands|Amsterdam|Dutch|the Netherlands,Holland
Belgium|Brussels|Belgian|
Sweden|Stockholm|Swedish|
Norway|Oslo|Norwegian|
Switzerland|Bern|Swiss|
Qatar|Doha|Qatari|
Lebanon|Beirut|Lebanese|
Jordan|Amman|Jordanian|
Yemen|Sanaa|Yemeni|
Taiwan|Taipei|Taiwanese|
Mongolia|Ulaanbaatar|Mongolian|
Colombia|Bogota|Colombian|
Chile|Santiago|Chilean|
Peru|Lima|Peruvian|
"""

# Head nouns of organisation names: the speaker lexicon's list, plus company suffixes and "sides".
ORGANISATION_WORDS = ORG_NOUNS | frozenset(["inc", "corp", "sides"])


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    out = []
    for line in _COUNTRIES.strip().splitlines():
        name, capital, demonyms, aliases = (line.split("|") + ["", ""])[:4]
        out.append(
            Country(
                name,
                capital,
                tuple(d for d in demonyms.split(",") if d),
                tuple(a for a in aliases.split(",") if a),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _country_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for c in countries():
        for form in (c.name, c.capital, *c.aliases):
            index.setdefault(form.lower(), c)
            index.setdefault("the " + form.lower(), c)
    return index


def country_for(mention: str) -> Country | None:
    """The country a mention names directly: its name, capital or another name (not a demonym)."""
    return _country_index().get(mention.lower().strip())


@lru_cache(maxsize=1)
def _demonym_index() -> dict[str, Country]:
    return {d.lower(): c for c in countries() for d in c.demonyms}


def country_for_demonym(word: str) -> Country | None:
    """``"North Korean"`` -> North Korea (for affiliations such as "North Korean officials")."""
    return _demonym_index().get(word.lower().strip())


_ACRONYMS = frozenset({"fbi", "cia", "nsa", "un", "nato", "kcna", "ap", "afp", "cnn", "msnbc", "nbc", "abc", "cbs"})


def is_organisation_word(word: str) -> bool:
    """A word that marks an organisation name; acronyms ("UN", "AP") only when written in capitals."""
    low = word.lower().strip(".")
    if low in _ACRONYMS:
        return word.strip(".").isupper()
    return low in ORGANISATION_WORDS


_PLACE_RUN = re.compile(r"\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}")


def country_mentions(text: str) -> list[tuple[int, str]]:
    """(offset, country) of each country named by its name, capital or another name ("Pyongyang",
    "North Korea", "Washington"), in text order."""
    out = []
    for m in _PLACE_RUN.finditer(text):
        words = m.group().removesuffix("’s").removesuffix("'s").split()
        i = 0
        while i < len(words):  # the longest runs that name a country ("For Pyongyang": Pyongyang)
            hit = next(
                (
                    (k, country)
                    for k in range(len(words), i, -1)
                    if (country := country_for(" ".join(words[i:k]).rstrip(".,"))) is not None
                ),
                None,
            )
            if hit is None:
                i += 1
                continue
            out.append((m.start() + m.group().find(words[i]), hit[1].name))
            i = hit[0]
    return out
