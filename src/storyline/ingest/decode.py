"""Bytes to text: encoding detection (charset-normalizer) and mojibake repair (ftfy).

Fast path first: valid UTF-8 is taken as is; only text that fails strict UTF-8 goes through
detection, and only text that shows mojibake goes through ftfy.
"""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

# Typical UTF-8-read-as-cp1252/latin-1 sequences: "Ã©", "â€™", "Â ".
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00c5\u00e2][\u0080-\u00bf\u2018-\u203a\u20ac\u0152-\u0178\u02c6\u02dc]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])  # the same, as bytes


def _control_count(data: bytes) -> int:
    """How many bytes of ``data`` are the control characters of ``_CONTROL`` (counted in C)."""
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


class DecodeFailure(ValueError):
    """Raised with a short reason code ('empty', 'binary', 'undecodable') and a detail sentence."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16/32 text has NULs but also a BOM; anything else with NULs is binary.
        return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE))
    controls = _control_count(head)
    return controls > max(8, len(head) // 50)


def repair_text(text: str) -> str:
    """Fix mojibake and stray control characters when the text shows them; otherwise unchanged."""
    if text.isascii() and "\r" not in text and not _control_count(text.encode("ascii")):
        return text
    if _MOJIBAKE.search(text):
        text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeFailure` for content that is not text.

    ``declared`` (from HTTP headers or a meta tag) is tried only after strict UTF-8 fails and is
    checked by detection, since declared charsets are often wrong.
    """
    if not data or not data.strip():
        raise DecodeFailure("empty", "the file is empty or holds only whitespace")
    if data.isascii() and b"\r" not in data and not _control_count(data):
        # plain ASCII text (most files): not binary, and nothing to detect or repair
        return data.decode("ascii"), "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        return repair_text(data[3:].decode("utf-8", "replace")), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return repair_text(data.decode(enc, "replace")), enc
    if looks_binary(data):
        raise DecodeFailure("binary", "the content is binary (not text, HTML, JSON or a feed)")
    try:
        return repair_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "ascii"):
            try:
                text = data.decode(codec)
                return repair_text(text), codec
            except UnicodeDecodeError:
                pass
    # Mostly-ASCII text with a few high bytes is Western (cp1252 is a superset of latin-1's
    # printable range); detectors misread such short samples as CJK, so decide it directly.
    high = sum(1 for b in data[:200_000] if b >= 0x80)
    if high <= max(4, len(data[:200_000]) // 4):
        try:
            return repair_text(data.decode("cp1252")), "cp1252"
        except UnicodeDecodeError:
            return repair_text(data.decode("latin-1")), "latin-1"
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return repair_text(data.decode("cp1252", "replace")), "cp1252"
    encoding = best.encoding
    if encoding in ("ascii", "utf_8"):
        encoding = "cp1252"
    return repair_text(data.decode(encoding, "replace")), encoding
