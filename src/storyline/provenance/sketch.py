"""FracMinHash sketches of many texts at once, vectorized with numpy.

The candidate index only needs, per text, the sampled hashes of its normalized word 5-grams.
Here a whole batch of texts is lowercased and stripped of punctuation with ``bytes.translate``
(C speed; only runs of non-ASCII characters go through Python), joined into one byte buffer, and
every word, shingle and sample is computed with array operations:

- word boundaries: one comparison and one ``flatnonzero`` over the bytes;
- word hashes: each word's first, middle and last 8 bytes are read as little-endian ``uint64``
  through an overlapping (stride-1) view of the buffer, masked to the word, and mixed with its
  length. Words of up to 24 bytes are hashed from all their bytes; longer ones from those 24 and
  their length. No per-byte integer arrays, so this costs a few word-level passes;
- shingle hashes: a polynomial over 5 consecutive word hashes, then a 64-bit finalizer; a shingle
  is sampled when its hash is at most ``2**64 / scale``.

Words are the same as :func:`storyline.provenance.normalize.normalize_text`'s tokens (maximal runs
of letters and digits, lowercased, accents stripped), so a stripped copy and its cased original get
the same sketch entries for the text they share. Hashes are stable across processes and machines
(fixed constants, no Python ``hash``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.provenance.normalize import _FOLD_TABLE, SHINGLE_SIZE, _fold_char

_CHUNK_BYTES = 1 << 20  # texts hashed together (bounds the temporary arrays to a few times this)
_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_LONG = np.uint64(0xD6E8FEB86659FD93)
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_NON_TOKEN = re.compile(r"[\W_]+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# ASCII: letters lowercased, digits kept, everything else a space; bytes >= 128 (UTF-8 letters) kept
_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c >= 128) else 32
    for c in range(256)
)
_CLEAN_CHAR: dict[str, str] = {}


@dataclass(frozen=True)
class Sketches:
    """The samples of a batch of texts, flat: text ``i``'s sorted distinct hashes are
    ``hashes[bounds[i]:bounds[i + 1]]``."""

    hashes: np.ndarray  # uint64
    bounds: np.ndarray  # int64, one more than there are texts

    @functools.cached_property
    def by_hash(self) -> tuple[np.ndarray, np.ndarray]:
        """All the hashes sorted, and the text each comes from (computed once: indexing a batch
        and querying with it both need it)."""
        order = np.argsort(self.hashes)
        texts = np.repeat(np.arange(len(self), dtype=np.uint32), self.sizes)
        return self.hashes[order], texts[order]

    def __len__(self) -> int:
        return int(self.bounds.shape[0]) - 1

    def __getitem__(self, i: int) -> np.ndarray:
        return self.hashes[self.bounds[i] : self.bounds[i + 1]]

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.bounds)

    @classmethod
    def of(cls, samples: Sequence[np.ndarray]) -> Sketches:
        """From one sorted distinct sample per text."""
        sizes = np.fromiter((s.shape[0] for s in samples), dtype=np.int64, count=len(samples))
        hashes = np.concatenate(samples).astype(np.uint64) if samples else np.zeros(0, dtype=np.uint64)
        return cls(hashes, np.concatenate(([0], np.cumsum(sizes))).astype(np.int64))

    @classmethod
    def concat(cls, parts: Sequence[Sketches]) -> Sketches:
        if not parts:
            return cls(np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64))
        offsets = np.cumsum([0] + [p.hashes.shape[0] for p in parts[:-1]])
        bounds = np.concatenate([parts[0].bounds[:1]] + [p.bounds[1:] + o for p, o in zip(parts, offsets, strict=True)])
        return cls(np.concatenate([p.hashes for p in parts]), bounds.astype(np.int64))

    def split(self) -> list[np.ndarray]:
        return [self[i] for i in range(len(self))]


def _clean_char(ch: str) -> str:
    """One lowercased character as :func:`~storyline.provenance.normalize._fold` and the token
    pattern see it: accents stripped, a space if it cannot be part of a token."""
    out = _CLEAN_CHAR.get(ch)
    if out is None:
        mapped = ch
        if ch.isalnum():
            mapped = _FOLD_TABLE.get(ord(ch)) or _FOLD_TABLE.setdefault(ord(ch), _fold_char(ch))
        out = _CLEAN_CHAR[ch] = " " if _NON_TOKEN.fullmatch(mapped) else mapped
    return out


def _clean_run(m: re.Match[str]) -> str:
    return "".join(map(_clean_char, m.group()))


def clean_bytes(text: str) -> bytes:
    """The text as lowercase words separated by spaces, UTF-8 encoded."""
    if not text.isascii():
        low = text.lower()
        if len(low) != len(text):  # a character whose lowercase is longer: keep it as it is
            low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        text = _NON_ASCII_RUN.sub(_clean_run, low)
    return text.encode("utf-8").translate(_TABLE)


def _mix(h: np.ndarray) -> np.ndarray:
    h ^= h >> np.uint64(30)
    h *= _MIX1
    h ^= h >> np.uint64(27)
    h *= _MIX2
    h ^= h >> np.uint64(31)
    return h


def _word_hashes(raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Hash of every word of ``raw`` (lowercase words separated by spaces, starting with a space),
    and the byte offset where each word starts."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    is_word = buf != 32
    edges = np.flatnonzero(is_word[1:] != is_word[:-1]) + 1  # start, end, start, end, ...
    starts, ends = edges[0::2], edges[1::2]
    if starts.shape[0] == 0:
        return np.zeros(0, dtype=np.uint64), starts
    # every 8-byte window of the buffer as a little-endian uint64 (the buffer ends with 8 spaces)
    win = np.ndarray((buf.shape[0] - 7,), dtype="<u8", buffer=raw, strides=(1,))
    length = ends - starts
    mask = _MASKS[np.minimum(length, 8)]
    h = win[starts] & mask
    h += length.astype(np.uint64) * _MULT
    _mix(h)
    long = np.flatnonzero(length > 8)
    if long.shape[0]:
        s, n = starts[long], length[long]
        mid = win[s + n // 2 - 4]
        last = win[s + n - 8]
        tail = _mix(mid * _LONG + last)
        h[long] = _mix(h[long] ^ tail)
    return h, starts


def _clean_join(texts: Sequence[str]) -> tuple[bytes, np.ndarray]:
    """The cleaned texts joined by spaces, with a space before and 8 after (for the windows), and
    the byte offset where each text starts (one more: the end)."""
    joined = " ".join(texts)
    if joined.isascii():  # one C pass for the whole batch
        raw = (" " + joined + " " * 8).encode("ascii").translate(_TABLE)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
    else:
        parts = [clean_bytes(t) for t in texts]
        raw = b" " + b" ".join(parts) + b" " * 8
        lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) + 1
    return raw, np.concatenate(([1], 1 + np.cumsum(lengths)))


def _sorted_distinct(h: np.ndarray, doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """``(h, doc)`` pairs sorted by doc, then hash, without repeats."""
    order = np.argsort(h)
    small = np.uint16 if n_docs <= 1 << 16 else np.uint32  # 16 bits: a linear radix sort
    order = order[np.argsort(doc[order].astype(small), kind="stable")]
    h, doc = h[order], doc[order]
    if h.shape[0]:
        distinct = np.ones(h.shape[0], dtype=bool)
        distinct[1:] = (h[1:] != h[:-1]) | (doc[1:] != doc[:-1])
        h, doc = h[distinct], doc[distinct]
    return h, doc


def _sample_chunk(texts: Sequence[str], scale: int) -> tuple[np.ndarray, np.ndarray]:
    """Sampled shingle hashes of each text, sorted and distinct, and the text each belongs to."""
    raw, doc_starts = _clean_join(texts)
    word_h, starts = _word_hashes(raw)
    k = SHINGLE_SIZE
    n_words = word_h.shape[0]
    if n_words < k:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    first_word = np.searchsorted(starts, doc_starts)  # index of each text's first word (and n_words)
    m = n_words - k + 1
    h = word_h[:m].copy()
    for j in range(1, k):
        h *= _MULT
        h += word_h[j : j + m]
    # the polynomial of mixed word hashes is uniform enough to sample on; only kept ones are mixed
    limit = np.uint64(np.iinfo(np.uint64).max // np.uint64(scale))
    kept = np.flatnonzero(h <= limit)
    doc = np.searchsorted(first_word, kept, side="right") - 1
    inside = kept + k <= first_word[doc + 1]  # the shingle does not run into the next text
    kept, doc = kept[inside], doc[inside]
    return _sorted_distinct(_mix(h[kept]), doc, len(texts))


def sketch_batch(texts: Sequence[str], scale: int) -> Sketches:
    """FracMinHash samples (1 in ``scale`` shingle hashes, sorted, distinct) of every text."""
    hashes: list[np.ndarray] = []
    docs: list[np.ndarray] = []
    i = 0
    while i < len(texts):
        j, size = i, 0
        while j < len(texts) and (size < _CHUNK_BYTES or j == i):
            size += len(texts[j]) + 1
            j += 1
        h, d = _sample_chunk(texts[i:j], scale)
        hashes.append(h)
        docs.append(d + i)
        i = j
    if not hashes:
        return Sketches(np.zeros(0, dtype=np.uint64), np.zeros(len(texts) + 1, dtype=np.int64))
    d = np.concatenate(docs)
    bounds = np.searchsorted(d, np.arange(len(texts) + 1)).astype(np.int64)
    return Sketches(np.concatenate(hashes), bounds)


def sketch_many(texts: Sequence[str], scale: int) -> list[np.ndarray]:
    """For each text, its sorted distinct sampled shingle hashes (FracMinHash, 1 in ``scale``)."""
    return sketch_batch(texts, scale).split()


def sketch(text: str, scale: int) -> np.ndarray:
    return sketch_batch([text], scale)[0]
