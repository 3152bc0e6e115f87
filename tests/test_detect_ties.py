"""Ties in chardet's ranking of a long single-byte input: the code page
files use today wins over one of DOS or the classic Mac OS, and only a tie
is broken that way."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext import detect
from cleantext.config import Config
from cleantext.decode import decode_bytes

#: Credits as a GNU package keeps them, in ISO-8859-1 (longer than
#: detect._SHORT, so chardet's ranking decides). cp850 reads its ç as þ.
CREDITS = (
    "Since 2006 the package is maintained by Antonio Example.\n\n"
    "The original manual and its first port were kindly provided\n"
    "by François Exemple.\n\n"
    "Thanks to the people who reported problems, suggested\n"
    "improvements or sent code:\n\n"
    + "".join(
        f"{name}\t\t<{name.split()[0].lower()}@example.org>\n"
        for name in ("Eric Sample", "Karl Test", "François Exemple", "Mike Trial", "Ian Probe")
    )
)


def _ranking(*order: tuple[str, float]):
    def fake(data: bytes, include: list[str]) -> list[tuple[str, float]]:
        return [(name, conf) for name, conf in order if name in include]

    return fake


def test_a_tie_goes_to_the_code_page_files_use(monkeypatch: pytest.MonkeyPatch) -> None:
    data = CREDITS.encode("iso8859-1")
    assert len(data) >= detect._SHORT
    # chardet's ranking of /usr/share/doc/ed/AUTHORS (Debian's ed): the DOS
    # code pages lead by 0.07%.
    monkeypatch.setattr(
        detect,
        "_chardet_siblings",
        _ranking(
            ("cp850", 0.15927), ("cp858", 0.15927), ("cp1252", 0.15916), ("iso8859-1", 0.15916)
        ),
    )
    d = detect.detect(data)
    assert d.encoding in ("cp1252", "iso8859-1")
    assert "François" in data.decode(d.encoding)


def test_a_clear_lead_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    data = CREDITS.encode("cp850")
    monkeypatch.setattr(
        detect,
        "_chardet_siblings",
        _ranking(("cp850", 0.30), ("cp1252", 0.20), ("iso8859-1", 0.20)),
    )
    assert detect.detect(data).encoding == "cp850"


def test_a_tie_among_code_pages_of_one_age_keeps_chardets_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = "Zoë Exemple and Jürgen Beispiel wrote the tests.\n".encode("cp1252") * 8
    for first, second in (("cp1252", "iso8859-15"), ("iso8859-15", "cp1252")):
        monkeypatch.setattr(detect, "_chardet_siblings", _ranking((first, 0.5), (second, 0.4999)))
        assert detect.detect(data).encoding == first


def test_age_orders_code_pages() -> None:
    assert detect._age("cp1252") == detect._age("iso8859-1") == detect._age("koi8-r") == 0
    assert detect._age("cp850") == detect._age("mac-roman") == 1
    assert detect._age("cp858") > detect._age("cp850")  # obsolete too (_RARE)
    detect._tables()
    assert detect._OLDER <= set(detect._SINGLE_BYTE)


AUTHORS = Path("/usr/share/doc/ed/AUTHORS")


@pytest.mark.skipif(not AUTHORS.is_file(), reason="Debian's ed is not installed")
def test_debian_ed_authors_reads_francois() -> None:
    data = AUTHORS.read_bytes()
    if b"Fran\xe7ois" not in data:
        pytest.skip("not the ISO-8859-1 AUTHORS file this test is about")
    text = decode_bytes(data, Config()).text
    assert "François" in text and "þ" not in text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("a\xe9b caf\xe9", "latin-1"),  # it was named cp1258 (ISO-8859-14 through the CLI)
        ("€5 café", "cp1252"),  # it was named cp1258
        ("Grüße aus Köln", "iso8859-15"),
    ],
)
def test_a_short_input_names_the_commonest_code_page_that_reads_it(text: str, codec: str) -> None:
    # A few words read alike in several code pages: the text is the same
    # whichever is named, and the report names the one files use most.
    data = text.encode(codec)
    got = detect.detect(data)
    assert got.encoding == "cp1252"
    decoded = decode_bytes(data, Config())
    assert (decoded.encoding, decoded.text) == ("cp1252", text)


@pytest.mark.parametrize(
    ("text", "codec"),
    [("Zażółć gęślą jaźń", "iso8859-2"), ("Zażółć gęślą jaźń", "cp1250"), ("Привет мир", "cp1251")],
)
def test_a_short_input_only_one_code_page_reads_keeps_it(text: str, codec: str) -> None:
    # ISO-8859-2 and cp1250 put ą, ś and ź at different bytes: no other
    # code page gives this text, so the answer stays what it was.
    assert detect.detect(text.encode(codec)).encoding == codec
