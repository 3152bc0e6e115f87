"""The letters of the BMP that the mojibake screens load from their data
file (``cleantext/data/screen_letters.gz``) are those the screens' tables
give each character: computed again here from Python's codecs and the
package's data, so a change of either (or of the screens' letters) that
the file does not follow fails here (``scripts/build_screen_letters.py``
writes it again)."""

from __future__ import annotations

import gzip
import random
import subprocess
import sys
import unicodedata

import pytest

from cleantext.cjkmojibake import screen
from cleantext.cjkmojibake.roundtrip import KINDS
from cleantext.textutil import read_data


def test_the_data_file_holds_the_letters_the_tables_give() -> None:
    shipped = gzip.decompress(read_data("screen_letters.gz"))
    versions = shipped.split(b"\n", 2)[1].decode().split(" ")[1:]
    assert shipped == screen.bmp_letters_file(versions)
    if unicodedata.unidata_version not in versions:
        # the same letters, but not found so by the build script for this
        # Python's Unicode version: the file is not used here
        assert screen.read_bmp_letters(shipped) == {}
        pytest.skip(f"Unicode {unicodedata.unidata_version} is not among {versions}")
    tables = screen._bmp_file()
    assert sorted(tables) == sorted(screen.BMP_TABLES) and len(tables) == 5
    assert all(len(letters) == screen.BMP for letters in tables.values())
    # a table filled one character at a time (its __missing__) agrees on a
    # sample of every block, and no two tables are alike
    rng = random.Random(1)
    for name in screen.BMP_TABLES:
        side, code = name.split(":")
        kind = next(k for k in KINDS if k.code == code)
        table = screen._Table(kind) if side == "utf8" else screen._LegacyTable(kind)
        for cp in [*range(0, screen.BMP, 61), *rng.sample(range(0x4E00, 0xA000), 300)]:
            assert table[cp] == chr(0x100 + tables[name][cp]), (name, hex(cp))
    assert len(set(tables.values())) == 5


def test_the_file_is_read_whatever_order_the_alphabet_has() -> None:
    # the file names each letter of the UTF-8 tables by its (steps, odd):
    # a file written with the letters numbered another way reads the same
    raw = screen.bmp_letters_file()
    magic, unicode, alphabet, names, body = raw.split(b"\n", 4)
    keys = alphabet.decode().split(" ")
    perm = list(range(len(keys)))
    random.Random(2).shuffle(perm)  # new number of the letter numbered i
    order = [""] * len(keys)
    for i, k in enumerate(keys):
        order[perm[i]] = k
    n = len(names.split(b" "))
    old_to_new = bytes(perm + [0] * (256 - len(perm)))
    parts = [
        body[i * screen.BMP : (i + 1) * screen.BMP].translate(old_to_new)
        if name.startswith(b"utf8:")
        else body[i * screen.BMP : (i + 1) * screen.BMP]
        for i, name in zip(range(n), names.split(b" "))
    ]
    shuffled = b"\n".join([magic, unicode, " ".join(order).encode(), names, b"".join(parts)])
    assert shuffled != raw
    assert screen.read_bmp_letters(shuffled) == screen.read_bmp_letters(raw)
    # a file of another version, or with a letter this module has not, is not used
    assert screen.read_bmp_letters(raw.replace(magic, magic + b"x", 1)) == {}
    assert screen.read_bmp_letters(raw.replace(alphabet, alphabet + b" 000+", 1)) == {}
    assert screen.read_bmp_letters(raw[:-1]) == {}
    # nor one whose letters were not found the same on this Python's Unicode
    # version (the versions listed are whole words: 15.1.0 is not 15.1.01)
    here = unicodedata.unidata_version
    assert unicode == f"unicode {here}".encode()
    for other in ("unicode 99.0.0", f"unicode {here}1 99.0.0", f"unicode  {here}x", "unicode"):
        assert screen.read_bmp_letters(raw.replace(unicode, other.encode(), 1)) == {}, other
    listed = raw.replace(unicode, f"unicode 9.0.0 {here} 99.0.0".encode(), 1)
    assert screen.read_bmp_letters(listed) == screen.read_bmp_letters(raw)


_LOADED = """
import sys
import cleantext
from cleantext.cjkmojibake import screen
if sys.argv[1] == "clean":
    cleantext.clean(sys.stdin.buffer.read())
else:
    lines = sys.stdin.read().split("\\n")
    screen.may_repair_many(lines, screen.KINDS[0])
print(screen._bmp_file.cache_info().currsize, screen.BMP_BUDGET.left)
"""


def test_small_texts_fill_the_tables_and_a_big_one_loads_the_file() -> None:
    def run(how: str, text: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", _LOADED, how],
            input=text.encode("utf-8"),
            capture_output=True,
            check=True,
        ).stdout.decode()

    # a first small clean with damaged lines that reach the screens (more
    # than screen.MIN_PARTS of them) fills the tables with its characters
    small = "三国时糜竺与荀彧、貂蝉之事。\n" * 20 + "鍙戝睍缁忔祹锛屾彁楂樻按骞炽€傛槸\n" * 80
    loaded, left = run("clean", small).split()
    assert loaded == "0" and 0 < int(left) < 65_536
    # lines of more characters than the budget load the letters of the BMP
    big = "\n".join(["鍙戝睍缁忔祹锛屾彁楂樻按骞炽€傛槸" * 20] * 300)
    assert len(big) > 65_536
    loaded, left = run("lines", big).split()
    assert loaded == "1" and left == "65536"
