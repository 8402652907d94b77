"""Encodings: cp1252, latin-1, wrong declared charsets, mojibake, BOMs."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.decode import DecodeFailure, decode_bytes, repair_text
from storyline.pipeline import Pipeline
from storyline.store import MemoryStore

TEXT = "\u201cWe will not sign,\u201d said Mira Vale of Ald\u00e9ra \u2014 the caf\u00e9\u2019s owner agreed."


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (TEXT.encode("utf-8"), None, TEXT),
        (TEXT.encode("cp1252"), None, TEXT),
        ("Caf\u00e9 na\u00efve r\u00e9sum\u00e9 in Ald\u00e9ra, said the ma\u00eetre d\u2019.".encode("cp1252"),
         None, "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 in Ald\u00e9ra, said the ma\u00eetre d\u2019."),
        ("Sch\u00f6ne Gr\u00fc\u00dfe aus M\u00fcnchen und K\u00f6ln".encode("latin-1"), None,
         "Sch\u00f6ne Gr\u00fc\u00dfe aus M\u00fcnchen und K\u00f6ln"),
        (TEXT.encode("cp1252"), "utf-8", TEXT),  # declared utf-8, really cp1252
        (TEXT.encode("utf-8"), "iso-8859-1", TEXT),  # declared latin-1, really utf-8
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), None, TEXT),
        (TEXT.encode("utf-16"), None, TEXT),
    ],
    ids=["utf8", "cp1252", "cp1252-accents", "latin1", "wrong-declared-utf8", "wrong-declared-latin1", "bom", "utf16"],
)
def test_decode_bytes_recovers_the_text(data: bytes, declared: str | None, expected: str) -> None:
    text, _ = decode_bytes(data, declared)
    assert text == expected


@pytest.mark.parametrize("wrong", ["cp1252", "latin-1"])
def test_repair_text_fixes_mojibake(wrong: str) -> None:
    original = "It\u2019s the caf\u00e9 \u2014 Ald\u00e9ra\u2019s oldest, the minister said."
    broken = original.encode("utf-8").decode(wrong)
    assert broken != original
    assert repair_text(broken) == original


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b"\x00\x01\x02" * 100, "binary")])
def test_decode_bytes_rejects_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeFailure) as info:
        decode_bytes(data)
    assert info.value.reason == reason


def test_ingest_html_with_wrong_meta_charset(tmp_path: Path) -> None:
    body = "<p>" + ("Ald\u00e9ra\u2019s minister said the talks had failed. " * 20) + "</p>"
    page = f"<html><head><meta charset='utf-8'><title>T</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    store = MemoryStore()
    Pipeline(store).ingest([str(tmp_path)], analyze=False)
    (article,) = store.iter_articles()
    assert "Ald\u00e9ra\u2019s minister" in article.text
