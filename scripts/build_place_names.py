"""Regenerate src/storyline/resources/cleaning/place_names.txt (country and US state names).

Dateline detection in punctuation-stripped text ("hanoi vietnam ap ...") needs to know that
"vietnam" is a country. The list is public fact; babel's CLDR territory names are the source.
Run: python scripts/build_place_names.py  (needs babel, a build-time tool only)
"""

from pathlib import Path

from babel import Locale

US_STATES = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New_Hampshire",
    "New_Jersey",
    "New_Mexico",
    "New_York",
    "North_Carolina",
    "North_Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode_Island",
    "South_Carolina",
    "South_Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West_Virginia",
    "Wisconsin",
    "Wyoming",
    "D.C.",
    "Puerto_Rico",
    "Guam",
]
# AP-style abbreviations of states used in datelines ("Calif.", "N.Y.")
STATE_ABBREVIATIONS = [
    "Ala.",
    "Ariz.",
    "Ark.",
    "Calif.",
    "Colo.",
    "Conn.",
    "Del.",
    "Fla.",
    "Ga.",
    "Ill.",
    "Ind.",
    "Kan.",
    "Ky.",
    "La.",
    "Md.",
    "Mass.",
    "Mich.",
    "Minn.",
    "Miss.",
    "Mo.",
    "Mont.",
    "Neb.",
    "Nev.",
    "N.H.",
    "N.J.",
    "N.M.",
    "N.Y.",
    "N.C.",
    "N.D.",
    "Okla.",
    "Ore.",
    "Pa.",
    "R.I.",
    "S.C.",
    "S.D.",
    "Tenn.",
    "Vt.",
    "Va.",
    "Wash.",
    "W.Va.",
    "Wis.",
    "Wyo.",
]


def main() -> None:
    names: set[str] = set()
    for code, name in Locale("en").territories.items():
        if code.isalpha() and len(code) == 2 and "(" not in name and "&" not in name:
            names.add(name)
    names.update(s.replace("_", " ") for s in US_STATES)
    names.update(STATE_ABBREVIATIONS)
    names.update(
        {
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
            "South Korea",
            "North Korea",
            "Britain",
            "Gaza",
            "West Bank",
            "Kosovo",
            "Taiwan",
            "Hong Kong",
            "Macau",
        }
    )
    out = Path(__file__).resolve().parents[1] / "src/storyline/resources/cleaning/place_names.txt"
    out.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
