"""Codecs and round trips: the kinds of CJK mojibake and how a line is
encoded back with the wrong codec and parsed with the right one.

A :class:`Kind` is bytes in ``right`` decoded as ``wrong``. :func:`line_units`
cuts a line into the smallest pieces whose bytes round-trip on their own
(where a character boundary of both sides falls on the same byte), each
with its repaired text, or ``None`` where the bytes are not valid in the
right codec. :func:`encode_all` and :func:`utf8_coverage` serve the Latin
side of the step too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .precheck import common_chars


@dataclass(frozen=True)
class Kind:
    """One kind of mojibake: bytes in ``right`` that were decoded as ``wrong``.

    :param code: the finding code.
    :param wrong: codecs that encode the damaged text back to the original
        bytes, tried in order for each character.
    :param right: codecs that decode the original bytes, tried in order.
    :param label: the kind in words, for messages.
    """

    code: str
    wrong: tuple[str, ...]
    right: tuple[str, ...]
    label: str


UTF8 = ("utf-8",)
GB = ("gb18030",)
BIG5 = ("big5", "cp950")
SJIS = ("shift_jis", "cp932")
LATIN = ("latin-1-sloppy",)

#: The kinds tried on every suspect line.
KINDS: tuple[Kind, ...] = (
    Kind("mojibake-utf8-as-gbk", GB, UTF8, "UTF-8 text decoded as GBK/GB18030"),
    Kind("mojibake-gbk-as-latin1", LATIN, GB, "GBK text decoded as Latin-1/cp1252"),
    Kind("mojibake-big5-as-gbk", GB, BIG5, "Big5 text decoded as GBK/GB18030"),
    Kind("mojibake-gbk-as-big5", BIG5, GB, "GBK text decoded as Big5"),
    Kind("mojibake-utf8-as-big5", BIG5, UTF8, "UTF-8 text decoded as Big5"),
    Kind("mojibake-utf8-as-sjis", SJIS, UTF8, "UTF-8 text decoded as Shift_JIS"),
)

BOM_CODE = "mojibake-utf8-bom-as-gbk"

#: The kinds that :func:`big5_suspect_lines` finds more lines for.
BIG5_KINDS: tuple[Kind, ...] = tuple(k for k in KINDS if "big5" in k.code and "utf8" not in k.code)


# --- encoding back, per character -------------------------------------------

_CP1252_HIGH = {
    bytes([b]).decode("cp1252"): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _sloppy_latin(ch: str) -> bytes | None:
    """Latin-1, plus cp1252's characters for 0x80-0x9F (what browsers do)."""
    cp = ord(ch)
    if cp < 0x100:
        return bytes([cp])
    b = _CP1252_HIGH.get(ch)
    return None if b is None else bytes([b])


K = TypeVar("K")
V = TypeVar("V")


def _memoized(cache: dict[K, V], compute: Callable[[K], V]) -> Callable[[K], V]:
    """``compute`` with its answers kept in ``cache`` (one cache a codec
    tuple, shared by every line: a text has few distinct characters)."""

    def get(key: K) -> V:
        try:
            return cache[key]
        except KeyError:
            pass
        out = cache[key] = compute(key)
        return out

    return get


def _encode_first(ch: str, codecs_: tuple[str, ...]) -> bytes | None:
    """``ch`` encoded by the first of ``codecs_`` that can, or None."""
    for name in codecs_:
        out = _sloppy_latin(ch) if name == "latin-1-sloppy" else _encode_or_none(ch, name)
        if out is not None:
            return out
    return None


def _encode_or_none(ch: str, name: str) -> bytes | None:
    try:
        return ch.encode(name)
    except UnicodeEncodeError:
        return None


_ENC_CACHE: dict[tuple[str, ...], dict[str, bytes | None]] = {}


def encoder(codecs_: tuple[str, ...]) -> Callable[[str], bytes | None]:
    """A character encoded by the first of ``codecs_`` that can (cached)."""
    return _memoized(_ENC_CACHE.setdefault(codecs_, {}), lambda ch: _encode_first(ch, codecs_))


def prime_encoder(text: Iterable[str], codecs_: tuple[str, ...]) -> None:
    """Put every character of ``text`` (a string or a set of characters,
    whose own strings key the cache) in the cache of :func:`encoder`
    ``(codecs_)`` at once, with what it would compute one by one: the
    characters joined by NUL are encoded in one call per codec with
    ``errors="replace"`` and the bytes split at NUL. No character but NUL
    has a NUL byte in these codecs, and none but '?' is the byte '?'
    (tests/test_mojibake_fastpaths.py checks every code point), so each
    piece is one character's bytes, and '?' for any other character is one
    the codec cannot encode (tried with the next codec, None after the
    last)."""
    cache = _ENC_CACHE.setdefault(codecs_, {})
    todo = list(set(text).difference(cache, "\x00?"))  # (those two: one by one)
    if len(todo) < 16:
        return  # (one by one is as quick)
    for name in codecs_:
        if name == "latin-1-sloppy":
            break  # (computed one by one, when asked)
        pieces = "\x00".join(todo).encode(name, "replace").split(b"\x00")
        if len(pieces) != len(todo):  # pragma: no cover - see the docstring
            break
        left = []
        for ch, data in zip(todo, pieces):
            if data == b"?":
                left.append(ch)
            else:
                cache[ch] = data
        todo = left
    else:
        cache.update(dict.fromkeys(todo))


# --- parsing the bytes as the right codec, one character per match -----------

PARSERS: dict[tuple[str, ...], re.Pattern[bytes]] = {
    UTF8: re.compile(
        rb"[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
        rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
        rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
    ),
    GB: re.compile(
        rb"[\x00-\x7f]|[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e\x80-\xfe]"
    ),
    BIG5: re.compile(rb"[\x00-\x7f]|[\x81-\xfe][\x40-\x7e\xa1-\xfe]"),
}

# UTF-8, plus the surrogate halves of CESU-8 (emoji that went through
# Java or MySQL's utf8mb3): ftfy's business, not ours.
_UTF8_OR_CESU = re.compile(PARSERS[UTF8].pattern + rb"|\xed[\xa0-\xbf][\x80-\xbf]")

_DEC_CACHE: dict[tuple[str, ...], dict[bytes, str | None]] = {}


def _decode_first(b: bytes, codecs_: tuple[str, ...]) -> str | None:
    """``b`` decoded by the first of ``codecs_`` that can, or None."""
    for name in codecs_:
        try:
            return b.decode(name)
        except UnicodeDecodeError:
            continue
    return None


def decoder(codecs_: tuple[str, ...]) -> Callable[[bytes], str | None]:
    """Bytes decoded by the first of ``codecs_`` that can (cached)."""
    return _memoized(_DEC_CACHE.setdefault(codecs_, {}), lambda b: _decode_first(b, codecs_))


def prime_decoder(datas: list[bytes], codecs_: tuple[str, ...]) -> None:
    """Put every one of ``datas`` in the cache of :func:`decoder` ``(codecs_)``
    at once, with what it would compute one by one (a CJK codec's decode
    costs some 5 microseconds a call, and one that fails ten times that):
    the pieces joined by NUL are decoded in two calls per codec, with
    ``errors="replace"`` and with ``errors="ignore"``, and the texts split at
    NUL. Each piece must be whole characters as :data:`PARSERS` parses the
    codecs' bytes (a lead byte and its trail, never NUL: no trail byte is
    below 0x30), and no decoder of these codecs keeps a state from one
    character to the next or makes NUL of anything but the byte NUL; so
    each piece is read as it would be alone, and the two texts of a piece
    are the same where decoding it alone raises no error (an error puts
    U+FFFD in one and nothing in the other). A piece with an error is tried
    with the next codec, and is None after the last, as
    :func:`_decode_first` gives. (If a split did not give one text a piece,
    an error would have taken a NUL in: the pieces left are decoded alone.)"""
    cache = _DEC_CACHE.setdefault(codecs_, {})
    todo = [d for d in set(datas).difference(cache) if b"\x00" not in d]
    if len(todo) < 16:
        return  # (one by one is as quick)
    for name in codecs_:
        joined = b"\x00".join(todo)
        replaced = joined.decode(name, "replace").split("\x00")
        ignored = joined.decode(name, "ignore").split("\x00")
        if not len(replaced) == len(ignored) == len(todo):  # pragma: no cover - see above
            return
        left = []
        for data, text, kept in zip(todo, replaced, ignored):
            if text == kept:
                cache[data] = text
            else:
                left.append(data)
        todo = left
        if not todo:
            return
    cache.update(dict.fromkeys(todo))


def encode_all(text: str, codecs_: tuple[str, ...]) -> bytes:
    enc = encoder(codecs_)
    return b"".join(enc(c) or b"" for c in text)


def utf8_coverage(data: bytes, lo: int = 0, hi: int | None = None) -> float:
    """Share of the bytes >= 0x80 in ``data[lo:hi]`` that belong to valid
    UTF-8 (or CESU-8) sequences, parsing all of ``data`` (the context).

    Near 1 for UTF-8 mojibake ('HÃ´tel' encoded back), lower for GBK.

    >>> utf8_coverage("Hôtel".encode("utf-8")), utf8_coverage("发展".encode("gbk"))
    (1.0, 0.5)

    Measured on 3,000 People's Daily sentences, 0.6% of 4-character GBK
    spans reach 0.8, and none of 6 characters or more reach 0.9.
    """
    if hi is None:
        hi = len(data)
    high = sum(1 for b in data[lo:hi] if b >= 0x80)
    if not high:
        return 0.0
    covered = 0
    for m in _UTF8_OR_CESU.finditer(data):
        if m.end() - m.start() > 1:
            covered += max(0, min(m.end(), hi) - max(m.start(), lo))
    return covered / high


# --- the repair ----------------------------------------------------------------


@dataclass
class Unit:
    start: int  # char offsets in the line
    end: int
    rep: str | None  # None: the bytes are not valid in the right codec
    bom: bool = False


#: Pairs of codecs whose round trip maps one character to one unit: every
#: byte sequence of a character of ``wrong`` is parsed whole by ``right``
#: (GBK pairs and Big5 pairs have the same lead-byte range, and neither's
#: trail bytes are GB18030's four-byte 0x30-0x39), so no unit spans two
#: characters and :func:`line_units` can look each character up.
_PER_CHAR = {(GB, BIG5), (BIG5, GB)}

_CHAR_UNITS: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, tuple[str | None, bool]]] = {}


def per_char(kind: Kind) -> bool:
    """Whether each character of a line is a unit of its own for ``kind``
    (see :data:`_PER_CHAR`): then :func:`char_table` has its repair."""
    return (kind.wrong, kind.right) in _PER_CHAR


def forget_chars() -> None:
    """Let go of the caches of characters and their bytes (:func:`encoder`,
    :func:`decoder`, :func:`char_table`): each answer is computed again
    when asked, the same. Each cache is dropped whole, not emptied: a call
    that holds one (another thread's step) keeps every answer it has; the
    encoders the screens' tables hold go with those tables
    (:func:`cleantext.cjkmojibake.let_go` lets go of them first)."""
    _ENC_CACHE.clear()
    _DEC_CACHE.clear()
    _CHAR_UNITS.clear()


def char_table(line: Iterable[str], kind: Kind) -> dict[str, tuple[str | None, bool]]:
    """The (repaired text or None, BOM) of each character's unit for a kind
    of :data:`_PER_CHAR`, with every character of ``line`` in it (a string,
    or a set of characters: its own strings key the new entries): those not
    seen before are cut into units together, one unit each."""
    table = _CHAR_UNITS.setdefault((kind.wrong, kind.right), {})
    new = set(line).difference(table)
    if new:
        table.update(_char_units(new, kind))
    return table


def _char_units(chars: set[str], kind: Kind) -> dict[str, tuple[str | None, bool]]:
    """What :func:`_line_units` makes of each of ``chars`` for a kind of
    :data:`_PER_CHAR`, one character at a time: a character's bytes in the
    wrong codec are one unit (so says _PER_CHAR), whose repair is their
    reading in the right codec when the right codec's parser takes them
    whole, and None when it takes nothing at their first byte (the two
    cases _line_units meets: it resumes at the next character then). Any
    other parse goes to _line_units itself."""
    prime_encoder(chars, kind.wrong)
    enc = encoder(kind.wrong)
    dec = decoder(kind.right)
    parser = PARSERS[kind.right]
    out: dict[str, tuple[str | None, bool]] = {}
    parsed = []
    whole = []  # (the bytes the parser takes whole, decoded at once)
    for ch in chars:
        data = enc(ch)
        m = None if data is None else parser.match(data)
        parsed.append((ch, data, m))
        if data is not None and m is not None and m.end() == len(data):
            whole.append(data)
    prime_decoder(whole, kind.right)
    for ch, data, m in parsed:
        if data is None or m is None:
            out[ch] = (None, False)
        elif m.end() == len(data):
            t = dec(data)
            out[ch] = ("", True) if t == "\ufeff" else (t, False)
        else:  # pragma: no cover - see _PER_CHAR
            units = _line_units(ch, kind)
            if len(units) != 1:
                raise AssertionError(f"{kind.code}: a unit of several characters in {ch!r}")
            out[ch] = (units[0].rep, units[0].bom)
    return out


def line_units(line: str, kind: Kind) -> list[Unit]:
    """``line`` cut into the smallest pieces whose bytes round-trip on their
    own, each with its repaired text (``None``: not valid in ``kind.right``)."""
    pair = (kind.wrong, kind.right)
    if pair not in _PER_CHAR:
        return _line_units(line, kind)
    table = char_table(line, kind)
    return [Unit(i, i + 1, *table[ch]) for i, ch in enumerate(line)]


def _line_units(line: str, kind: Kind) -> list[Unit]:
    enc = encoder(kind.wrong)
    dec = decoder(kind.right)
    parser = PARSERS[kind.right]
    lossy = kind.right == UTF8 and kind.wrong == GB and "\ufffd" in line
    units: list[Unit] = []
    n = len(line)
    i = 0
    while i < n:
        # a segment of characters the wrong codec can encode
        chunks: list[bytes] = []
        starts: dict[int, int] = {}  # byte offset -> char index
        j = i
        off = 0
        lost: set[int] = set()  # byte offsets whose value is unknown
        guessed: set[int] = set()  # byte offsets taken to be 0x80
        while j < n:
            ch = line[j]
            if ch == "\ufffd" and lossy:
                # A GB18030 decoder replaces one byte it cannot use: 0x80 when a
                # character follows (0x80 cannot start one), or a lead byte
                # whose trail was ASCII or missing (its value is lost).
                nxt = line[j + 1] if j + 1 < n else "\n"
                if ord(nxt) < 0x80:
                    lost.add(off)
                guessed.add(off)
                b: bytes | None = b"\x80"
            else:
                b = enc(ch)
            if b is None:
                break
            starts[off] = j
            chunks.append(b)
            off += len(b)
            j += 1
        if j == i:  # unencodable character: a barrier unit
            units.append(Unit(i, i + 1, None))
            i += 1
            continue
        starts[off] = j
        data = b"".join(chunks)
        pos = 0
        seg_start = 0  # byte offset of the current unit's start
        pieces: list[str] = []
        valid = True
        bom = False
        bounds = sorted(starts)
        end = len(data)
        while pos < end:
            m = parser.match(data, pos)
            if m is None:
                # not valid in the right codec: resume at the next character
                # boundary of the damaged text, so the parse stays aligned
                valid = False
                pos = bounds[bisect.bisect_right(bounds, pos)]
            else:
                t = dec(m.group())
                if lost and any(k in lost for k in range(m.start(), m.end())):
                    t = "\ufffd"  # a character that lost a byte: lost
                elif (
                    guessed
                    and t is not None
                    and any(k in guessed for k in range(m.start(), m.end()))
                    and not all(ord(c) in common_chars() for c in t)
                ):
                    # 0x80 is a guess (一 is E4 B8 80), and decoders replace
                    # other bytes too: a rare character from it is a wrong
                    # guess, and the character is lost
                    t = "\ufffd"
                if t is None:
                    valid = False
                elif t == "\ufeff":
                    bom = True
                else:
                    pieces.append(t)
                pos = m.end()
            if pos in starts:
                units.append(
                    Unit(starts[seg_start], starts[pos], "".join(pieces) if valid else None, bom)
                )
                seg_start, pieces, valid, bom = pos, [], True, False
        if seg_start < off:
            units.append(Unit(starts[seg_start], j, None))
        i = j
    return units
