"""The oddity counts detection weighs single-byte readings with: their
C-speed pre-scans skip only texts the full count gives 0 for."""

from __future__ import annotations

import re
import sys

from cleantext import detect

_WORD = re.compile(r"[^\W\d_]+")


def _clash_by_words(text: str) -> int:
    """script_clash, word by word: words with an ASCII letter and a letter
    beyond U+036F."""
    return sum(
        1 for w in _WORD.findall(text) if re.search("[A-Za-z]", w) and any(c > "\u036f" for c in w)
    )


def test_script_clash_counts_every_mixed_word() -> None:
    texts = [
        "Café crème",
        "Cafι crθme",
        "Привет, мир",
        "aéд",  # ASCII and Cyrillic with a Latin letter between them
        "дéa dé éa",
        "Ωmega and ωmega, ok",
        "GNUтар gnu тар",
        "x\u0301д",  # a combining mark (a letter of \w) between them
        "ab1д a_д a-д",  # digits, underscores and hyphens end a word
        "日本語abc 日本語",
        "",
        "ǅд ß",
    ]
    for text in texts:
        assert detect.script_clash(text) == _clash_by_words(text), text
        assert detect.script_clash(text, set(text)) == _clash_by_words(text), text


def test_script_clash_on_misread_code_pages() -> None:
    # Western text read as Greek or Cyrillic code pages: letters of the
    # other alphabet inside ASCII words.
    for body in ("Schön grüßen, café déjà vu", "Ärger über Öl, naïve façade"):
        for codec in ("cp1253", "cp1251", "koi8-r", "iso8859-5", "cp866"):
            text = body.encode("cp1252").decode(codec, "replace")
            assert detect.script_clash(text) == _clash_by_words(text) > 0, (codec, text)


def test_latin_misfit_prescan_covers_every_code_point() -> None:
    # latin_misfit looks only at the characters _MAY_LOWER_LATIN finds:
    # every character whose lower case has a letter of U+00C0-U+024F.
    missed = []
    for cp in range(0xC0, sys.maxunicode + 1):
        c = chr(cp)
        if any("\xc0" <= low <= "\u024f" and low.isalpha() for low in c.lower()):
            if not detect._MAY_LOWER_LATIN.fullmatch(c):
                missed.append(hex(cp))
    assert missed == []


def test_latin_misfit_reads_capitals_from_elsewhere() -> None:
    # ẞ (U+1E9E) lower-cases to ß, the Angstrom sign to å.
    assert detect.latin_misfit("\u1e9e ą") == detect.latin_misfit("ß ą") == 1
    assert detect.latin_misfit("\u212b ő") == detect.latin_misfit("å ő") == 1
    assert detect.latin_misfit("Привет мир") == 0
