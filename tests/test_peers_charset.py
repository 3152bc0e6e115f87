"""``decode_bytes`` on the 128 peer charset files (``shared/peers/charset``).

A file is decoded right when the text equals the file decoded with the
manifest's expected codec, under the peer README's lenient rules: a leading
BOM is ignored, and the GB18030 reading is accepted for ``gb2312`` files
(WHATWG reads the gb2312 label as GBK; the two differ only in 0xA1A4 and
0xA1AA). 59 of the files declare their charset in markup, which the decode
step reads as a strong hint (as browsers do), so each file is also run with
its declaration removed: byte statistics alone must get it right too.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from pathlib import Path

import pytest

from cleantext.config import Config
from cleantext.decode import decode_bytes, encode_text
from cleantext.errors import BinaryInputError


def _peers() -> Path | None:
    env = os.environ.get("CLEANTEXT_PEERS")
    here = Path(__file__).resolve().parent.parent
    for cand in ([Path(env)] if env else []) + [
        here.parent / "shared" / "peers",
        Path("/work/shared/peers"),
    ]:
        if (cand / "charset" / "manifest.tsv").is_file():
            return cand / "charset"
    return None


ROOT = _peers()
pytestmark = pytest.mark.skipif(
    ROOT is None, reason="peer charset files not found (set CLEANTEXT_PEERS)"
)


def _manifest() -> list[tuple[str, str]]:
    if ROOT is None:
        return []
    with open(ROOT / "manifest.tsv", encoding="utf-8") as f:
        return [(r["file"], r["expected_codec"]) for r in csv.DictReader(f, delimiter="\t")]


MANIFEST = _manifest()

_DECL = re.compile(
    rb"""(<\?xml[^>]{0,200}?)encoding\s*=\s*["'][^"']*["']|(<meta[^>]{0,300}?)charset\s*=\s*["']?[A-Za-z0-9._:-]+""",
    re.IGNORECASE,
)


def _strip(data: bytes) -> bytes:
    return _DECL.sub(lambda m: m.group(1) or m.group(2) or b"", data)


def _right(text: str, data: bytes, expected: str) -> bool:
    want = data.decode(expected)
    if want.startswith("\ufeff"):
        want = want[1:]
    if text == want:
        return True
    return expected == "gb2312" and text == data.decode("gb18030")


def test_manifest_has_all_files() -> None:
    assert len(MANIFEST) == 128
    assert sum(1 for _, codec in MANIFEST if codec in ("gb2312", "gb18030")) == 23


@pytest.mark.parametrize(("name", "expected"), MANIFEST, ids=[n for n, _ in MANIFEST])
def test_peer_file(name: str, expected: str) -> None:
    assert ROOT is not None
    data = (ROOT / name).read_bytes()
    if data.count(0) * 10 > len(data) * 9:
        # 1,070 NUL bytes and a line of ASCII: binary, refused (as chardet 7 and git say).
        with pytest.raises(BinaryInputError):
            decode_bytes(data, Config())
        return
    d = decode_bytes(data, Config())
    assert _right(d.text, data, expected), (d.encoding, d.text[:80])
    assert not d.lossy and not d.findings
    bare = _strip(data)
    d2 = decode_bytes(bare, Config())
    assert _right(d2.text, bare, expected), ("declaration removed", d2.encoding, d2.text[:80])


def test_declarations_are_found() -> None:
    assert ROOT is not None
    from cleantext.decode import declared_encoding

    declared = [n for n, _ in MANIFEST if declared_encoding((ROOT / n).read_bytes()) is not None]
    # The README counts 59 files that declare their charset in markup (one
    # with the web label x-sjis, which Python's codecs do not know).
    assert len(declared) == 59


def test_utf8_peer_files_round_trip_byte_for_byte() -> None:
    assert ROOT is not None
    for name, expected in MANIFEST:
        if expected not in ("utf-8", "utf-8-sig", "ascii"):
            continue
        data = (ROOT / name).read_bytes()
        if data.count(0) * 10 > len(data) * 9:
            continue  # NULs: binary (test_peer_file)
        d = decode_bytes(data, Config())
        assert encode_text(d.text, d, Config()) == data, name


def _han_snippets(files: list[tuple[str, str]], n: int, seed: int) -> list[str]:
    """``n`` cuts of 8 to 40 characters from the peer files' text that hold
    at least four CJK characters (no markup: tags are dropped first)."""
    import random

    assert ROOT is not None
    rng = random.Random(seed)
    texts = []
    for name, codec in files:
        text = (ROOT / name).read_bytes().decode(codec)
        text = re.sub(r"<[^>]*>|&[a-z]+;|\s+", " ", text)
        texts.append(text)
    out: list[str] = []
    tries = 0
    while len(out) < n and tries < n * 50:
        tries += 1
        text = rng.choice(texts)
        size = rng.randint(8, 40)
        start = rng.randrange(0, max(1, len(text) - size))
        cut = text[start : start + size].strip()
        if sum(1 for c in cut if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3") >= 4:
            out.append(cut)
    return out


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("gb18030", ("gb2312", "gb18030")),
        ("big5", ("big5",)),
        ("euc_kr", ("euc_kr", "cp949")),
        ("shift_jis", ("shift_jis", "cp932")),
    ],
)
def test_short_snippets_of_peer_text(codec: str, expected: tuple[str, ...]) -> None:
    # The bar: at least 95% right on 8-40 characters.
    files = [(name, exp) for name, exp in MANIFEST if exp in expected]
    cases = _han_snippets(files, 200, seed=len(codec))
    right = total = 0
    for s in cases:
        try:
            data = s.encode(codec)
        except UnicodeEncodeError:
            continue  # cp932/cp949 extensions
        total += 1
        right += decode_bytes(data, Config()).text == s
    assert total >= 150
    assert right >= 0.95 * total, f"{right}/{total}"


_MULTI_BYTE = (
    "big5",
    "gb2312",
    "gb18030",
    "shift_jis",
    "cp932",
    "euc_kr",
    "cp949",
    "euc_jp",
    "utf-8",
)


def _cuts_inside(data: bytes, codec: str) -> list[int]:
    """Byte offsets past 200 that fall inside a character of ``codec``,
    after four non-ASCII ones (ASCII alone, with no markup declaring the
    codec, is no evidence of one: `<title>` and a lone byte C9 read as
    well as cp1252's É; two characters are too few to tell GB2312's 搜狐
    from cp1252's ËÑºü, cut or not)."""
    dec = codecs.getincrementaldecoder(codec)()
    inside = []
    seen = 0
    for i in range(len(data)):
        out = dec.decode(data[i : i + 1])
        if dec.getstate()[0] and i + 1 > 200 and seen >= 4:
            inside.append(i + 1)
        seen += sum(1 for c in out if c > "\x7f")
    return inside


@pytest.mark.parametrize(
    ("name", "expected"),
    [(n, c) for n, c in MANIFEST if c in _MULTI_BYTE],
    ids=[n for n, c in MANIFEST if c in _MULTI_BYTE],
)
def test_peer_file_cut_inside_a_character(name: str, expected: str) -> None:
    # A download or a crawler stopping at a byte limit cuts a page inside
    # a character. Read whole, 31 of 704 such cuts were read in another
    # codec (Big5 as cp1252 or Shift_JIS, GB2312 as cp1256, EUC-JP as
    # half-width katakana); the text before the cut is the file's text, the
    # cut character U+FFFD.
    assert ROOT is not None
    data = (ROOT / name).read_bytes()
    codec = "gb18030" if expected == "gb2312" else expected
    inside = _cuts_inside(data, codec)
    if not inside:
        pytest.skip("no multi-byte character past byte 200")
    for at in sorted({inside[0], inside[len(inside) // 2], inside[-1]}):
        cut = data[:at]
        d = decode_bytes(cut, Config())
        if expected == "utf-8" and not _plausible_head(cut):
            continue  # one accented letter before the cut: no evidence
        assert d.text == cut.decode(codec, "replace"), (at, d.encoding, d.text[-20:])
        # Lossy, so never written in place without --force (a short head,
        # four characters of GB2312, is read line by line: the same text).
        assert d.lossy and not d.findings[-1].fixed, at


def _plausible_head(cut: bytes) -> bool:
    """Two non-ASCII characters before the cut (a UTF-8 file that is
    Hungarian with one accented letter in its first 1,500 bytes is
    Latin text either way)."""
    text = cut.decode("utf-8", "ignore")
    return sum(1 for c in text if c > "\x7f") >= 2
