"""Who said what, sentence by sentence: the actor, cue and content of every statement in short
texts that once went wrong (datelines, split quotes, relative pronouns, passives, asides)."""

from __future__ import annotations

import pytest

from storyline.attribution import extract_quotes
from test_attribution_quotes import article

WHO_SAID = [
    pytest.param(
        "The Corran Strait, 11 kilometres wide at its narrowest, saw about 41,000 transits last year. The Strait "
        "Authority said the levy would stay.",
        [("Strait Authority", "said", "the levy would stay")],
        id="a-named-place-says-nothing",
    ),
    pytest.param(
        "Ostria's transport ministry said in a written statement that the toll revenue paid for the locks.",
        [("Ostria's transport ministry", "said", "that the toll revenue paid for the locks")],
        id="a-participle-describing-a-noun-is-no-cue",
    ),
    pytest.param(
        "Marisca's foreign minister called reporters to a hotel ballroom to say that was never what his country "
        "put on the table. Teodor Vask called them liars.",
        [
            ("Marisca's foreign minister", "to say", "that was never what his country put on the table"),
            ("Teodor Vask", "called", "them liars"),
        ],
        id="calling-reporters-to-a-room-summons-them-calling-them-liars-says-something",
    ),
    pytest.param(
        "Annika Hollis called the talks civil and said she would pick up the phone.",
        [
            ("Annika Hollis", "called", "the talks civil"),
            ("Annika Hollis", "said", "she would pick up the phone"),
        ],
        id="called-the-talks-civil-is-the-object-and-what-it-was-called",
    ),
    pytest.param(
        "At 12:40 a.m. on Thursday, Marisca's foreign minister held a briefing at the hotel. A government "
        "spokesman said the papers exchanged at the summit were confidential.",
        [("A government spokesman", "said", "the papers exchanged at the summit were confidential")],
        id="a-time-is-no-colon-label-and-a-predicate-parsed-apart-stays-in-the-content",
    ),
    pytest.param(
        "A senior ministry official, who spoke on the condition that he not be identified because ministry rules "
        "bar officials from discussing negotiations on the record, said Marisca had asked for the removal of the "
        "entire levy schedule.",
        [("A senior ministry official", "said", "Marisca had asked for the removal of the entire levy schedule")],
        id="a-because-clause-the-parser-made-the-cues-subject-is-not-the-speaker",
    ),
    pytest.param(
        "RMB, Marisca's state broadcaster, struck a more conciliatory note than the two ministers had overnight. "
        "It said on Thursday that the two leaders had agreed to keep working.",
        [
            ("RMB", "struck", "a more conciliatory note"),
            ("RMB", "said", "that the two leaders had agreed to keep working"),
        ],
        id="it-is-an-acronym-the-aside-calls-a-broadcaster",
    ),
    pytest.param(
        "Veldora had seen it coming, according to two people who attended those sessions. It said on Thursday "
        "that the two leaders had agreed to keep working.",
        [
            ("two people", "according to", "Veldora had seen it coming"),
            ("It", "said", "that the two leaders had agreed to keep working"),
        ],
        id="two-people-are-no-it",
    ),
    pytest.param(
        "Prime Minister Annika Hollis spoke at the hall. “They wanted the whole schedule gone,” she told "
        "reporters. “I was not going to hand it away in one afternoon.”",
        [
            ("Annika Hollis", "told", "They wanted the whole schedule gone"),
            ("Annika Hollis", "told", "I was not going to hand it away in one afternoon"),
        ],
        id="split-quote-second-part-starts-at-its-mark-not-at-the-addressee",
    ),
    pytest.param(
        "“We came to settle the levies and nothing else,” Teodor Vask said.\n\nTeodor Vask stressed: “This is "
        "about trade, not about the navy.”",
        [
            ("Teodor Vask", "said", "We came to settle the levies and nothing else"),
            ("Teodor Vask", "stressed", "This is about trade, not about the navy"),
        ],
        id="a-quote-another-sentence-introduces-is-not-the-split-quotes-second-part",
    ),
    pytest.param(
        "PORT ADRIA, Marisca (AP) — Prime Minister Annika Hollis said the levy talks were over. She said "
        "more would follow.\n\nTALLMOUTH (Reuters) - The harbour authority said on Friday that ferries would run.",
        [
            ("Annika Hollis", "said", "the levy talks were over"),
            ("Annika Hollis", "said", "more would follow"),
            ("harbour authority", "said", "that ferries would run"),
        ],
        id="a-dateline-before-the-subject-is-not-the-speaker",
    ),
    pytest.param(
        "Teodor Vask said the levy was dead. The Marisca News Agency reported that talks had ended. It added "
        "that the navy was on alert. It seems that the delegation wanted far more than the levy.",
        [
            ("Teodor Vask", "said", "the levy was dead"),
            ("Marisca News Agency", "reported", "that talks had ended"),
            ("Marisca News Agency", "added", "that the navy was on alert"),
            ("The Daily", "seems", "that the delegation wanted far more than the levy"),
        ],
        id="it-is-the-body-quoted-last-and-it-seems-is-the-outlets-own",
    ),
    pytest.param(
        "Deputy Minister Mirela Dunn said the president's reaction puzzled the delegation and added that the "
        "levy talks were over. Teodor Vask said the ferry would run and that the levy stays.",
        [
            ("Mirela Dunn", "said", "the president's reaction puzzled the delegation"),
            ("Mirela Dunn", "added", "that the levy talks were over"),
            ("Teodor Vask", "said", "the ferry would run and that the levy stays"),
        ],
        id="a-second-reporting-verb-the-parser-joined-to-the-reported-clause",
    ),
    pytest.param(
        "The ministry's ruling, according to two harbour officials, had ended the levy for good.",
        [
            ("two harbour officials", "according to", "The ministry's ruling"),
            ("two harbour officials", "according to", "had ended the levy for good"),
        ],
        id="according-to-set-off-mid-sentence-reports-the-clause-on-both-sides",
    ),
    pytest.param(
        "The Harbour Ledger first reported that the minister's letter, according to two harbour officials, "
        "had ended the levy for good.",
        [
            (
                "Harbour Ledger",
                "first reported",
                "that the minister's letter, according to two harbour officials, had ended the levy for good",
            ),
            ("two harbour officials", "according to", "the minister's letter"),
            ("two harbour officials", "according to", "had ended the levy for good"),
        ],
        id="an-aside-inside-a-reported-clause-the-report-keeps-the-whole-clause",
    ),
    pytest.param(
        "Voters in the port towns were more likely to say they trusted the harbour board. Its critics "
        "denounced the ruling, rushing to the radio to say the levy would ruin the port.",
        [
            ("Voters in the port towns", "to say", "they trusted the harbour board"),
            ("Its critics", "denounced", "the ruling"),
            ("Its critics", "to say", "the levy would ruin the port"),
        ],
        id="an-open-clause-chain-speaks-with-the-first-subject",
    ),
    pytest.param(
        "Two harbour officials said the board would impose new fees. The dock workers walked out on Monday "
        "because they had concluded that the fees would ruin the port.",
        [
            ("Two harbour officials", "said", "the board would impose new fees"),
            ("The dock workers", "had concluded", "that the fees would ruin the port"),
        ],
        id="they-in-a-subordinate-clause-is-the-plural-subject-above-it",
    ),
    pytest.param(
        "The harbour ministry, which said on Monday that the levy was final, told reporters it would not back "
        "down. Propaganda that suggested the talks were over filled the papers.",
        [
            ("harbour ministry", "said", "that the levy was final"),
            ("harbour ministry", "told", "it would not back down"),
            ("Propaganda", "suggested", "the talks were over"),
        ],
        id="a-relative-pronoun-speaks-for-its-antecedent",
    ),
    pytest.param(  # PolNeAR: the parser hung the clause on "July"
        "Clinton released her medical records in July, which showed she was fit for duty.",
        [
            ("Clinton", "released", "her medical records"),
            ("her medical records", "showed", "she was fit for duty"),
        ],
        id="which-after-a-date-speaks-for-the-object-before-it",
    ),
    pytest.param(
        "The ferries stopped, as no new schedule had been announced on that date.",
        [("", "had been announced", "no new schedule")],
        id="a-passive-reports-its-subject-not-a-date-nor-the-clause-it-explains",
    ),
    pytest.param(
        "No such levies had been announced that day; harbour watchers were left scratching their heads.",
        [("", "had been announced", "No such levies")],
        id="a-clause-after-a-semicolon-is-not-what-the-cue-before-it-reports",
    ),
    pytest.param(
        "Hollis left the hall and said goodbye promising another meeting. Vask said a prayer.",
        [],
        id="said-goodbye-is-a-formula-not-a-report",
    ),
    pytest.param(
        'On Thursday night, an unidentified senior harbour official reiterated that Marisca "basically asked for '
        'the lifting of all levies," but he conceded that the levies were only those imposed by the United Nations '
        'Security Council since March 2016, not earlier ones tied to the navy program. "So Marisca was indeed '
        'seeking a lot of relief," or those that hurt the civilian economy, The Daily explains.',
        [
            (
                "an unidentified senior harbour official",
                "reiterated",
                'that Marisca "basically asked for the lifting of all levies,"',
            ),
            (
                "an unidentified senior harbour official",
                "conceded",
                "that the levies were only those imposed by the United Nations Security Council since March 2016, "
                "not earlier ones tied to the navy program",
            ),
            (
                "Daily",
                "explains",
                'So Marisca was indeed seeking a lot of relief," or those that hurt the civilian economy',
            ),
        ],
        id="a-quote-after-the-sentence-goes-on-only-a-cue-that-already-has-one",
    ),
    pytest.param(
        '"We are ready," Vask told reporters, "to talk again next week." "We are not," Hollis said.',
        [
            ("Vask", "told", "We are ready"),
            ("Vask", "told", "to talk again next week"),
            ("Hollis", "said", "We are not"),
        ],
        id="a-quote-its-own-speaker-follows-is-not-the-split-quotes-second-part",
    ),
    pytest.param(
        "His deputy, Mirela Dunn, accused the delegation of “inventing a demand.” Asked whether Marisca "
        "would return to the table, she said only that President Ilario Fane would “reflect on it.”",
        [
            ("Mirela Dunn", "accused", "the delegation of “inventing a demand.”"),
            ("Mirela Dunn", "said", "only that President Ilario Fane would “reflect on it.”"),
        ],
        id="asked-whether-is-the-reporters-question-and-an-earlier-quote-is-not-pulled-in",
    ),
    pytest.param(
        "Trade Minister Bram Okafor was asked about the levy. “No,” he replied, according to the "
        "committee’s transcript. “The proposal concerned the surcharges.”",
        [
            ("Bram Okafor", "replied", "No"),
            ("Bram Okafor", "replied", "The proposal concerned the surcharges"),
        ],
        id="according-to-a-record-leaves-the-reply-to-its-speaker",
    ),
    pytest.param(
        "Prime Minister Annika Hollis kept quiet. Her spokesman, Mats Lindahl, said on Friday that the "
        "prime minister stood by her account. “She was describing the effect,” he told reporters. Asked "
        "whether Hollis would correct her statement that Marisca had wanted “every line” gone, he said "
        "she had “nothing to add.”",
        [
            ("Mats Lindahl", "said", "that the prime minister stood by her account"),
            ("Mats Lindahl", "told", "She was describing the effect"),
            ("Mats Lindahl", "said", "she had “nothing to add.”"),
        ],
        id="pronouns-follow-the-gender-the-article-gives",
    ),
    pytest.param(
        "Teodor Vask said the ferry would run; Annika Hollis insisted it would stop.",
        [
            ("Teodor Vask", "said", "the ferry would run"),
            ("Annika Hollis", "insisted", "it would stop"),
        ],
        id="a-clause-before-a-semicolon-is-not-what-the-cue-after-it-reports",
    ),
    pytest.param(
        "Teodor Vask said that Annika Hollis told him the levy was dead.",
        [("Teodor Vask", "said", "that Annika Hollis told him the levy was dead")],
        id="reported-speech-inside-a-content-stays-in-it",
    ),
    pytest.param(
        # seed 001: "according to a senior official who briefed the media on condition he not be named"
        "The talks were over, according to a senior official who briefed the media on condition he not be "
        "named. Teodor Vask told reporters on Friday. Annika Hollis spoke on Monday. On Sunday, Mirela Dunn "
        "answered on the Sorrel radio station Kanal 3. On Friday, Teodor Vask spoke about the levy.",
        [("a senior official", "according to", "The talks were over"), ("Teodor Vask", "spoke about", "the levy")],
        id="the-one-spoken-to-a-time-or-the-terms-of-speaking-are-not-what-was-said",
    ),
    pytest.param(
        "Teodor Vask warned them about the levy. Annika Hollis briefed reporters on the talks. “The levy "
        "stays,” Vask told reporters.",
        [
            ("Teodor Vask", "warned", "the levy"),
            ("Annika Hollis", "briefed", "the talks"),
            ("Teodor Vask", "told", "The levy stays"),
        ],
        id="with-the-one-spoken-to-the-words-come-from-a-topic-or-a-quote",
    ),
    pytest.param(
        # the demo's distractor: the parser hung the "that" clause on "hall" as a relative clause
        "Ostrian Chancellor Hedda Vaur told reporters at the Brenholm city hall that Calvene had demanded the "
        "abolition of every toll and lock fee on the river. “What was put to us was the end of river tolls "
        "altogether,” she said.",
        [
            ("Hedda Vaur", "told", "that Calvene had demanded the abolition of every toll and lock fee on the river"),
            ("Hedda Vaur", "said", "What was put to us was the end of river tolls altogether"),
        ],
        id="a-that-clause-hung-on-the-place-of-speaking-is-what-was-said",
    ),
    pytest.param(
        # the demo's Continental Press story: the parser gave "said" a second subject, "officials",
        # from the "because" clause inside the official's relative clause
        "A senior ministry official, who spoke on the condition that he not be identified because ministry "
        "rules bar officials from discussing negotiations on the record, said Marisca had “asked for the "
        "removal of the entire levy schedule.” But under questioning he acknowledged that the request covered "
        "only the surcharges.",
        [
            ("A senior ministry official", "said", "Marisca had “asked for the removal of the entire levy schedule.”"),
            ("A senior ministry official", "acknowledged", "that the request covered only the surcharges"),
        ],
        id="a-subject-after-a-subordinator-hung-on-the-cue-is-not-the-speaker",
    ),
    pytest.param(
        # BASIL: '"... with Donald Trump as our president," she said' went to Trump
        "Justice Annika Hollis spoke at a dinner in Tamsby last month. The liberal icon had kicked off the "
        "storm with comments to the Gazette published Saturday. “I can’t imagine what the country would be "
        "with Teodor Vask as our president,” she said.",
        [("Annika Hollis", "said", "I can’t imagine what the country would be with Teodor Vask as our president")],
        id="a-name-inside-the-quotation-is-not-who-she-is",
    ),
    pytest.param(
        # BASIL: "Schumer, D-N.Y., concluded" was an actor named "N.Y."
        "Schumer, D-N.Y., concluded that the vote should wait. Rep. Brad Wenstrup, R-Ohio, told reporters "
        "that it was over.",
        [("Schumer", "concluded", "that the vote should wait"), ("Brad Wenstrup", "told", "that it was over")],
        id="a-party-and-state-tag-is-not-the-name",
    ),
    pytest.param(
        "Texas Gov. Rick Perry released an ad on Tuesday. Senate Minority Leader Chuck Schumer said the vote "
        "should wait. State Department spokesman Ned Price said talks would resume. The Veldoran Maritime "
        "Authority said the listings followed standard criteria.",
        [
            ("Rick Perry", "released", "an ad"),
            ("Chuck Schumer", "said", "the vote should wait"),
            ("Ned Price", "said", "talks would resume"),
            ("Veldoran Maritime Authority", "said", "the listings followed standard criteria"),
        ],
        id="a-person-is-named-by-the-words-after-the-last-title-not-the-place-or-body-before",
    ),
    pytest.param(
        # the demo's Harbour Ledger: the parser hung "closely" on "said"
        "A Western envoy who has followed the Port Alder talks closely said the levy was never the point. "
        "Teodor Vask has also said the ferry would run.",
        [
            ("A Western envoy", "said", "the levy was never the point"),
            ("Teodor Vask", "has also said", "the ferry would run"),
        ],
        id="the-adverb-that-ends-a-relative-clause-is-not-part-of-the-cue",
    ),
    pytest.param(
        # the demo's Harbour Ledger: "the rhetoric suggested" took the main clause as its words
        "Diplomats in Port Alder said the gap between the two accounts might be narrower than the rhetoric suggested.",
        [
            (
                "Diplomats in Port Alder",
                "said",
                "the gap between the two accounts might be narrower than the rhetoric suggested",
            )
        ],
        id="a-comparative-than-clause-reports-nothing",
    ),
    pytest.param(
        # seed 001: "it" was the U.N. Security Council, the last body quoted, not Pyongyang
        "The U.N. Security Council has imposed nearly a dozen resolutions targeting North Korea. Those were "
        "imposed from 2006, when the North conducted its first nuclear test. For Pyongyang, that is a key "
        "difference: while it claims that its weapons are needed for self-defense, it was offering to accept "
        "sanctions on missile technology. The Korean Central News Agency said talks with the United States had "
        "stalled. It added that the envoy would stay. Talks would go on for the good of DPRK-U.S. relations, "
        "it said.",
        [
            ("U.N. Security Council", "has imposed", "nearly a dozen resolutions targeting North Korea"),
            ("North Korea", "claims", "that its weapons are needed for self-defense"),
            ("North Korea", "was offering", "to accept sanctions on missile technology"),
            ("Korean Central News Agency", "said", "talks with the United States had stalled"),
            ("Korean Central News Agency", "added", "that the envoy would stay"),
            ("Korean Central News Agency", "said", "Talks would go on for the good of DPRK-U.S. relations"),
        ],
        id="it-is-a-country-named-in-the-narration-since-the-last-body-quoted",
    ),
    pytest.param(
        "Three-quarters of the voters said they were very worried about the economy, and more than 4 in 10 "
        "said Teodor Vask would be best at handling it.",
        [
            ("Three-quarters of the voters", "said", "they were very worried about the economy"),
            ("more than 4 in 10", "said", "Teodor Vask would be best at handling it"),
        ],
        id="a-second-speaker-after-a-coordinator-keeps-a-statement-and-the-first-ends-before-and",
    ),
    pytest.param(
        "Ilse Varga met reporters in Corran. “We have handed over every record. No one else can say that,” she said.",
        [("Ilse Varga", "said", "We have handed over every record. No one else can say that")],
        id="a-verb-after-a-quotation-and-its-speaker-reports-it-however-the-parse-hung-it",
    ),
    pytest.param(
        "In a poll of 800 voters conducted last week, the Harlow Institute found that most voters opposed the levy.",
        [("Harlow Institute", "found", "that most voters opposed the levy")],
        id="a-pollster-that-finds-is-the-source-not-its-poll",
    ),
    pytest.param(
        "In a Harlow Institute poll released Monday, 61 percent of voters said they opposed the levy.",
        [
            ("a Harlow Institute poll released Monday", "In", "61 percent of voters said they opposed the levy"),
            ("61 percent of voters", "said", "they opposed the levy"),
        ],
        id="a-polls-respondents-speak-in-the-poll",
    ),
    pytest.param(
        "Marking the end of the talks with an unusually formal speech -- complete with teleprompter -- Trump told "
        'supporters Tuesday night that "we close one chapter and we begin another."',
        [("Trump", "told", "we close one chapter and we begin another")],
        id="a-verb-read-as-a-participle-with-a-subject-of-its-own-is-a-verb",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WHO_SAID)
def test_extract_quotes_who_said_what(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(q.actor, q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert [g for g in got if "asked" not in g[1].lower()] == expected  # the questions have tests of their own


def test_an_open_clause_chain_takes_the_nearer_subject_not_the_dateline() -> None:
    """'Washington (AFP) – Clinton pledged to act, calling it urgent': the parser hangs both the
    dateline and the speaker on 'pledged' as subjects; 'calling' speaks with the nearer one."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storyline.attribution.syntax import _v_subject
    from storyline.attribution.tokens import sentence_view

    words = ["Washington", "(", "AFP", ")", "–", "Clinton", "pledged", "to", "act", ",", "calling", "it", "urgent", "."]
    heads = [6, 2, 0, 0, 0, 6, 6, 8, 6, 8, 8, 10, 10, 6]
    deps = ["nsubj", "punct", "appos", "punct", "punct", "nsubj", "ROOT", "aux", "xcomp", "punct", "advcl"]
    deps += ["dobj", "oprd", "punct"]
    tags = ["NNP", "-LRB-", "NNP", "-RRB-", ":", "NNP", "VBD", "TO", "VB", ",", "VBG", "PRP", "JJ", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    assert _v_subject(sentence_view(doc), words.index("calling")) == words.index("Clinton")


def test_by_ing_speaks_with_the_subject_of_a_verb_parsed_as_an_adjective() -> None:
    """Seed 003: 'President Donald Trump perplexed analysts by tweeting that ...'. The small model
    makes 'analysts' the root and 'perplexed' (VBD, subject 'Trump') its modifier; 'tweeting' still
    speaks with Trump."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storyline.attribution.syntax import _v_subject
    from storyline.attribution.tokens import sentence_view

    words = ["President", "Teodor", "Vask", "perplexed", "analysts", "by", "tweeting", "that", "he", "left", "."]
    heads = [2, 2, 3, 4, 4, 4, 5, 9, 9, 6, 4]
    deps = ["compound", "compound", "nsubj", "amod", "ROOT", "prep", "pcomp", "mark", "nsubj", "ccomp", "punct"]
    tags = ["NNP", "NNP", "NNP", "VBD", "NNS", "IN", "VBG", "IN", "PRP", "VBD", "."]
    pos = ["PROPN", "PROPN", "PROPN", "VERB", "NOUN", "ADP", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    assert _v_subject(sentence_view(doc), words.index("tweeting")) == words.index("Vask")
    # a real adjective ("the perplexed analysts") has no subject of its own: no speaker from it
    words2 = ["The", "perplexed", "analysts", "by", "tweeting", "that", "he", "left", "."]
    heads2 = [2, 2, 2, 2, 3, 7, 7, 4, 2]
    deps2 = ["det", "amod", "ROOT", "prep", "pcomp", "mark", "nsubj", "ccomp", "punct"]
    tags2 = ["DT", "VBN", "NNS", "IN", "VBG", "IN", "PRP", "VBD", "."]
    pos2 = ["DET", "ADJ", "NOUN", "ADP", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"]
    doc2 = Doc(Vocab(), words=words2, heads=heads2, deps=deps2, tags=tags2, pos=pos2)
    assert _v_subject(sentence_view(doc2), words2.index("tweeting")) == -1


def test_a_content_ends_where_a_coordinated_clause_with_its_own_speaker_begins() -> None:
    """Seed 001's shape, restored: "The North Koreans basically asked for the lifting of all
    sanctions but he acknowledged the North's demand was only for ..." is two statements; the
    first content used to run over the second."""
    text = (
        "A senior official said the talks had stalled. The Mariscans basically asked for the lifting of all "
        "levies, but he acknowledged the demand was only for the surcharges."
    )
    got = [(q.actor, q.cue, q.content_text) for q in extract_quotes(article(text))]
    assert got == [
        ("A senior official", "said", "the talks had stalled"),
        ("The Mariscans", "basically asked for", "the lifting of all levies"),
        ("A senior official", "acknowledged", "the demand was only for the surcharges"),
    ]
    # a comma alone opens an aside, not a second statement: the content runs on past it
    aside = (
        "Both sides now argue about the same nine lines of the same schedule \u2014 which, diplomats in Sorrel "
        "say, is more than could be said a fortnight ago."
    )
    argue = next(q for q in extract_quotes(article(aside)) if q.cue == "now argue about")
    assert argue.content_text.endswith("is more than could be said a fortnight ago")


def test_who_stands_for_the_person_not_the_noun_the_parser_hung_the_clause_on() -> None:
    """'A senior Mariscan official involved in the talks, who asked not to be named': "who" is the
    official (the parser hung the relative clause on "talks")."""
    text = (
        "A senior Mariscan official involved in the talks, who asked not to be named, said Sorrel was ready to "
        "discuss a phased suspension."
    )
    asked = next(q for q in extract_quotes(article(text)) if q.cue == "asked")
    assert (asked.speaker, asked.actor) == ("who", "A senior Mariscan official")


def test_a_passive_ask_reports_the_question_not_the_one_asked() -> None:
    """'Okafor was asked by the opposition whether ...': the parser hangs the clause on the agent;
    the opposition asked, the clause is the question, and Okafor is no content."""
    text = (
        "In testimony before the committee, Trade Minister Bram Okafor was asked directly by the opposition "
        "whether the Mariscan proposal had covered the base tonnage levy."
    )
    (q,) = extract_quotes(article(text))
    assert (q.speaker, q.cue) == ("the opposition", "was asked")
    assert q.content_text == "whether the Mariscan proposal had covered the base tonnage levy"


@pytest.mark.parametrize(
    ("text", "actor", "kind"),
    [
        ("“There’s a lot of anger,” said one Democrat who opposed her.", "one Democrat", "anonymous"),
        ("A Democrat who asked not to be named said the plan was dead.", "A Democrat", "anonymous"),
        ("An Ohio Republican, Jim Banks, said the plan was dead.", "Jim Banks", "person"),
        ("The minister, Teodor Vask, said the plan was dead.", "Teodor Vask", "person"),
    ],
)
def test_a_capitalised_noun_with_an_indefinite_article_is_no_name(text: str, actor: str, kind: str) -> None:
    """A name takes no indefinite article: 'one Democrat' is an unnamed member of a party, and the
    name in apposition to 'an Ohio Republican' is the speaker."""
    (q, *_) = extract_quotes(article(text))
    assert (q.actor, q.speaker_type.value) == (actor, kind)


def test_who_after_a_role_in_apposition_to_a_name_is_that_person() -> None:
    """'Nancy Pelosi of California, the Democratic leader who plans to ...': 'who' is the leader,
    and the leader is Pelosi; the 'she said' after it too."""
    text = (
        "Representative Nancy Pelosi of California, the Democratic leader who plans to support the override "
        "effort, tried on Tuesday to play down any split. “It’s not against the president,” she said."
    )
    assert {q.actor for q in extract_quotes(article(text))} == {"Nancy Pelosi"}


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'As Sen. Rand Paul put it, "Libya has to have been one of the hottest of hot spots."',
            "Libya has to have been one of the hottest of hot spots",
        ),
        ('The minister put it bluntly: "We are broke."', "We are broke"),
        ("She put it on the table and left.", None),
        ('"The talks are over for now," as the minister put it on Friday.', "The talks are over for now"),
        ('The summit was "a waste of everyone\'s time," as one diplomat put it.', "a waste of everyone's time"),
    ],
)
def test_put_it_reports_the_quotation_that_follows(text: str, content: str | None) -> None:
    """'As X put it, "..."' and '"...," as X put it': the words are the quotation, not 'it'; 'put it
    on the table' says nothing."""
    got = [q.content_text for q in extract_quotes(article(text)) if q.cue.split()[-1] == "put"]
    assert got == ([content] if content else [])


@pytest.mark.parametrize(
    ("text", "actor", "kind"),
    [
        ("Roger Stone met reporters. Stone on Friday said the deal was dead.", "Roger Stone", "person"),
        ("Ms. O’Neill said the deal was dead.", "O’Neill", "person"),
        ("The Fox News host said the deal was dead.", "The Fox News host", "person"),
    ],
)
def test_a_name_the_tagger_read_as_a_common_noun_is_a_name(text: str, actor: str, kind: str) -> None:
    """'Stone' and 'O'Neill' tagged as nouns: a surname the article gives a person, or a courtesy
    title, makes them names; a host is a role, not an unknown speaker."""
    (q,) = [q for q in extract_quotes(article(text)) if q.cue == "said"]
    assert (q.actor, q.speaker_type.value) == (actor, kind)


def test_said_on_a_programme_names_where_not_what() -> None:
    """'..., Corker said on Fox News Sunday': the programme is where it was said; the words are the
    clause before."""
    text = "Republicans know that they have the debt ceiling coming, Corker said on Fox News Sunday."
    got = [(q.actor, q.content_text) for q in extract_quotes(article(text))]
    assert got == [("Corker", "Republicans know that they have the debt ceiling coming")]
    # with nothing said in the sentence, the programme is still no statement
    assert [
        q.content_text for q in extract_quotes(article("Corker spoke at length. Corker said on Fox News Sunday."))
    ] == []
