"""The decode stage: bytes to text, remembering how to write it back.

It runs before the text steps (:mod:`cleantext.steps`) whenever the input is
bytes; users name it ``decode`` like a step (``cleantext decode``).

Order of evidence, cheapest first:

1. ``config.encoding`` forces a codec (``gb2312``/``gbk`` read as GB18030).
2. A byte order mark (UTF-8, UTF-16, UTF-32).
3. NUL bytes: UTF-16/32 without a BOM when they fall in its pattern or the
   reading is plausible text (:func:`cleantext.detect.wide_encoding`);
   otherwise binary, refused with :class:`~cleantext.errors.BinaryInputError`.
4. Strict UTF-8: the fast path, no detector, no scoring. ISO-2022 and HZ
   escapes in 7-bit input are the one exception looked for.
5. Damaged UTF-8 (a few stray bytes among valid UTF-8, or only UTF-8
   artefacts: surrogates, overlong or truncated sequences) is read line by
   line as UTF-8; the bad bytes become U+FFFD and are never re-read in
   another codec.
6. Otherwise :func:`cleantext.detect.detect`: a markup declaration read as
   browsers read it, the CJK families scored by the plausibility model,
   chardet 7 for the single-byte code pages.
7. Text cut inside its last character (a download or a crawler stopping
   at a byte limit), when no codec reads the whole input cleanly: read in
   the codec that reads all of it but that character, which becomes U+FFFD
   (``undecodable-bytes``, lossy). Read whole, such an input fails every
   CJK codec and was read in another (Big5 as Shift_JIS or cp1252) or
   line by line, its last line in a code page.
8. Line by line only when no codec reads the whole input plausibly: UTF-8
   lines in a legacy file, lines in several CJK codecs, a CJK file with a
   damaged line. A line is read in another codec than the file's only when
   that reading has enough plausible non-ASCII characters; otherwise its
   bad bytes become U+FFFD. Each run of lines in a legacy encoding is
   reported as a ``mixed-encoding`` finding, and :attr:`Decoded.guessed`
   names those lines (the pipeline then leaves the mojibake step out).
   Bytes nothing decodes are reported as ``undecodable-bytes`` and
   :attr:`Decoded.lossy` is set, so the CLI refuses to write the file
   without ``--force``.

Valid UTF-8 comes back byte-identical through :func:`encode_text`, BOM and
CRLF included.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import detect, plausibility
from .config import Config
from .errors import BinaryInputError, CleantextError
from .findings import Finding

SUMMARY = (
    "decode bytes to text: BOMs, strict UTF-8 first, then codecs ranked by a CJK plausibility score"
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Every byte order mark, the one list (UTF-32 LE before UTF-16 LE, which it starts with).
BOMS = tuple(mark for mark, _ in _BOMS)

#: Bytes of input looked at for UTF-16/32 NUL patterns.
_SAMPLE = 1 << 14
#: Below this mean log10 score of its non-ASCII characters, a line reads badly.
_POOR = -4.5
#: log10 margin a line's other decoding needs to beat the file's encoding.
_LINE_MARGIN = 3.0
#: Non-ASCII characters a run of bytes needs before it is read in a codec
#: other than the file's (fewer are undecodable bytes, not evidence).
_MIN_RUN_CHARS = 3


@dataclass(frozen=True)
class Run:
    """Lines ``start..end`` (1-based, inclusive) decoded with ``encoding``."""

    start: int
    end: int
    encoding: str


@dataclass
class Decoded:
    """Decoded text plus what is needed to write it back the same way.

    :param encoding: a Python codec name (``codecs.lookup(...).name``); for
        a mixed file, the encoding of most of its bytes.
    :param confidence: 0 to 1.
    :param bom: the input started with a BOM (not part of ``text``).
    :param lossy: some bytes could not be decoded and became U+FFFD.
    :param findings: mixed-encoding runs and replaced spans.
    :param runs: for a file decoded line by line (mixed encodings), each
        run of lines and its encoding; empty when one codec decoded it all.
    :param declared: the encoding named by a markup declaration, if any.
    :param method: how the encoding was found: ``forced``, ``bom``,
        ``wide`` (UTF-16/32 by its NUL bytes), ``utf-8``, ``escape``
        (ISO-2022, HZ), ``declared``, ``cjk``, ``chardet`` or ``lines``.
    :param guessed: line ranges (1-based, inclusive, lines of ``text``)
        whose text decoding produced by a guess: the runs of a mixed file
        read in a codec other than UTF-8. The mojibake step must not
        "repair" these again (they are what the bytes say in the codec that
        reads them best); until the step can skip line ranges, the pipeline
        runs no mojibake step on a text with such lines.
    """

    text: str
    encoding: str
    confidence: float
    bom: bool = False
    lossy: bool = False
    findings: list[Finding] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    declared: str | None = None
    method: str = ""
    guessed: list[tuple[int, int]] = field(default_factory=list)


def normalize_encoding(name: str) -> str:
    """Canonical codec name; GB2312 and GBK are read as GB18030.

    >>> normalize_encoding("GB2312"), normalize_encoding("UTF8"), normalize_encoding("Big5")
    ('gb18030', 'utf-8', 'big5')
    """
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        raise CleantextError(
            f"unknown encoding {name!r}",
            hint="use a Python codec name such as gb18030, big5, utf-16",
        ) from None
    if canonical in ("gb2312", "gbk"):
        return "gb18030"
    return canonical


def decode_bytes(data: bytes, config: Config) -> Decoded:
    """Decode ``data``; never raises for bad bytes (see :attr:`Decoded.lossy`).

    Binary data (NUL bytes that are no UTF-16/32 pattern) is refused with
    :class:`~cleantext.errors.BinaryInputError`, as the CLI refuses it,
    unless ``config.encoding`` names a codec.

    >>> d = decode_bytes("发展经济".encode("gb18030"), Config())
    >>> d.text, d.encoding
    ('发展经济', 'gb18030')
    >>> decode_bytes(b"\\xef\\xbb\\xbfok", Config()).bom
    True
    """
    if config.encoding:
        enc = normalize_encoding(config.encoding)
        bom = False
        for mark, name in _BOMS:
            if data.startswith(mark) and enc.startswith(name[:6]):
                data, bom = data[len(mark) :], True
                if enc in ("utf-16", "utf-32", "utf-8-sig"):
                    enc = name
                break
        return _decode_with(data, enc, 1.0, bom, "forced")
    if data.startswith(BOMS):  # one test for the common case of none
        for mark, name in _BOMS:
            if data.startswith(mark):
                return _decode_with(data[len(mark) :], name, 1.0, True, "bom")
    if b"\x00" in data:
        wide = detect.wide_encoding(data)
        if wide is not None:
            return _decode_with(data, wide, 0.99, False, "wide")
        short = _cut_wide(data)
        if short is not None:
            return short
        raise BinaryInputError(
            "looks like a binary file (it has NUL bytes that are no UTF-16/32 text)",
            hint="if it is text in some encoding, name it with --encoding NAME",
        )
    try:
        text = decode_utf8(data)
    except UnicodeDecodeError:
        pass
    else:
        if b"\x1b" in data or b"~{" in data:
            escaped = _escapes(data)
            if escaped is not None:
                return escaped
        return Decoded(text, "utf-8", 1.0, method="utf-8")
    return _detect(data)


#: Inputs from this size on are decoded as UTF-8 a piece at a time.
_PIECE = 1 << 20


def decode_utf8(data: bytes) -> str:
    """``data.decode("utf-8")``, with less memory on large inputs.

    CPython's decoder writes into a buffer as wide as the widest character
    so far, at the input's length, before shrinking it: about three times
    the input at once for Chinese text. Decoded a megabyte at a time (an
    incremental decoder carries a character cut between pieces), the pieces
    and their join hold twice the text instead. Same text, same errors
    (:class:`UnicodeDecodeError`, at another position).

    >>> decode_utf8("中文".encode() * 400_000) == "中文" * 400_000
    True
    """
    if len(data) <= _PIECE:
        return data.decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    pieces = [decoder.decode(view[i : i + _PIECE]) for i in range(0, len(data), _PIECE)]
    pieces.append(decoder.decode(b"", final=True))
    return "".join(pieces)


def read_utf8(pieces: Iterable[bytes]) -> str | bytes:
    """The input that ``pieces`` yields (a megabyte at a time, say), read
    as strict UTF-8 while it is read: each piece is decoded and let go of
    before the next is read, so the input's bytes are never held whole
    beside its text (:func:`decode_utf8` holds both).

    Returns the text when the input is strict UTF-8 that
    :func:`decode_bytes` reads as plain UTF-8: no byte order mark, no NUL
    (binary or UTF-16/32), no ISO-2022/HZ escape (``ESC``, ``~{``). Such a
    text is what ``decode_bytes(all_bytes, Config()).text`` gives, with
    method ``utf-8``. Otherwise it returns all the bytes, for
    :func:`decode_bytes`: the part decoded so far encoded back (strict
    UTF-8 gives back the very bytes it decoded), then the rest as read.

    >>> read_utf8([b"\\xe4\\xb8", b"\\xad\\xe6\\x96\\x87"])
    '中文'
    >>> read_utf8([b"\\xe4\\xb8", b"\\xd6\\xd0"])  # not UTF-8: the bytes
    b'\\xe4\\xb8\\xd6\\xd0'
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    texts: list[str] = []
    it = iter(pieces)
    for piece in it:
        pending = decoder.getstate()[0]
        try:
            texts.append(decoder.decode(piece))
        except UnicodeDecodeError:
            return b"".join([_encoded(texts), pending, piece, *it])
        del piece  # let go of it before the next is read
    pending = decoder.getstate()[0]
    try:
        texts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return _encoded(texts) + pending
    text = "".join(texts)
    del texts
    if text.startswith("\ufeff") or "\x00" in text or "\x1b" in text or "~{" in text:
        # A BOM, NUL bytes or escapes: decode_bytes has more to say.
        return text.encode("utf-8")
    return text


def _encoded(texts: list[str]) -> bytes:
    return "".join(texts).encode("utf-8")


def round_trips(decoded: Decoded) -> bool:
    """Whether :func:`encode_text` gives back the very input bytes for the
    decoded text (with any configuration): strict UTF-8, with or without
    its BOM. Then the output differs from the input exactly when the text
    does, and the input bytes need not be kept to tell."""
    return (
        decoded.encoding == "utf-8"
        and decoded.method in ("utf-8", "bom")
        and not decoded.lossy
        and not decoded.runs
    )


# --- UTF-16/32 without BOM, ISO-2022, HZ ---------------------------------------


def _escapes(data: bytes) -> Decoded | None:
    """7-bit input in an escape-based encoding (ISO-2022-JP/KR, HZ)."""
    if b"\x1b$(Q" in data or b"\x1b$(P" in data:
        names: tuple[str, ...] = ("iso2022_jp_2004", "iso2022_jp_3")
    elif b"\x1b$B" in data or b"\x1b$@" in data or b"\x1b(J" in data or b"\x1b(I" in data:
        names = ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_2004")
    elif b"\x1b$)C" in data:
        names = ("iso2022_kr",)
    elif b"\x1b$A" in data or b"\x1b$(C" in data or b"\x1b$(D" in data:
        names = ("iso2022_jp_2",)
    elif b"~{" in data and b"~}" in data:
        names = ("hz",)
    else:
        return None
    for name in names:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "hz":
            # ~{ in ASCII text (a regex, a path) is no HZ: the Chinese
            # between ~{ and ~} must be plausible, and one character a
            # common one (4% of the letter and digit pairs read so).
            mean, n = detect.non_ascii_mean(detect._window(text, 1024))
            if n < 1 or mean < (detect._CJK_PLAUSIBLE if n >= 2 else detect._CJK_SURE):
                return None
        return Decoded(text, name, 0.99, method="escape")
    return None


def _decodes(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
    except UnicodeDecodeError:
        return False
    return True


# --- detection -----------------------------------------------------------------


def declared_encoding(data: bytes) -> str | None:
    """The codec a ``<?xml encoding?>`` or ``<meta charset>`` in the first
    2 KB declares, as browsers read it (``None`` if none or unknown).

    >>> declared_encoding(b'<?xml version="1.0" encoding="GB2312"?><a/>')
    'gb18030'
    >>> declared_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=big5">')
    'big5'
    """
    label = detect.declared_label(data)
    if label is None:
        return None
    names = detect.codecs_for_label(label)
    return names[0] if names else None


def rank_candidates(data: bytes) -> list[tuple[float, str, str]]:
    """Every CJK or BOM-less UTF-16/32 codec that decodes ``data`` strictly,
    as ``(log10 score, codec, text of the scored start)``, best first.

    >>> [name for _, name, _ in rank_candidates("中華民國".encode("big5"))][0]
    'big5'
    """
    return [(c.logprob, c.codec, c.text) for c in detect.cjk_candidates(data)]


_UTF8_ARTEFACT = re.compile(
    rb"\xed[\xa0-\xbf][\x80-\xbf]"  # a surrogate
    rb"|[\xc0\xc1][\x80-\xbf]"  # overlong 2-byte forms
    rb"|\xe0[\x80-\x9f][\x80-\xbf]|\xf0[\x80-\x8f][\x80-\xbf]{2}"  # overlong 3/4-byte
    rb"|\xf4[\x90-\xbf][\x80-\xbf]{2}|[\xf5-\xf7][\x80-\xbf]{3}"  # past U+10FFFF
    rb"|[\xc2-\xf4][\x80-\xbf]+(?=[\x00-\x7f]|\Z)"  # truncated: a lead and some continuations
)
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


_FFFD_RUN = re.compile("\ufffd+")
#: Byte classes for :func:`_mostly_utf8`'s first test: ``L`` a byte that
#: can start a multi-byte sequence or an artefact (C0-F7), ``C`` a
#: continuation byte (80-BF).
_LEAD_CONT = bytes(
    ord("L") if 0xC0 <= b <= 0xF7 else ord("C") if 0x80 <= b <= 0xBF else ord(".")
    for b in range(256)
)


def _utf8_damage(data: bytes) -> tuple[int, int, bool]:
    """For bytes that are not valid UTF-8: how many valid multi-byte UTF-8
    characters they hold, how many spans are invalid, and whether every
    invalid span is a UTF-8 artefact (a surrogate, an overlong form, a code
    point past U+10FFFF, a truncated sequence)."""
    text = data.decode("utf-8", "replace")
    bad = len(_FFFD_RUN.findall(text)) - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if not 0 < bad <= 20:
        return good, bad, False
    covered = [m.span() for m in _UTF8_ARTEFACT.finditer(data)]
    if not covered:
        return good, bad, False
    pos = 0
    while pos < len(data):
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + exc.end
            if not any(a <= start and end <= b for a, b in covered):
                return good, bad, False
            pos = end
    return good, bad, True


_C1 = re.compile("[\x80-\x9f]")
#: Byte classes for :func:`_clearly_legacy`: ``A`` ASCII, ``C`` a
#: continuation byte (80-BF), ``L`` any other non-ASCII byte.
_RUN_EDGES = bytes(
    ord("A") if b < 0x80 else ord("C") if b <= 0xBF else ord("L") for b in range(256)
)


def _clearly_legacy(head: bytes, marks: bytes) -> bool:
    """What :func:`_mostly_utf8` would answer ``False`` for, proved from
    byte counts at C speed (``marks``: ``head`` translated by
    ``_LEAD_CONT``). Its lenient decode finds ``good`` valid multi-byte
    characters and ``bad`` runs of U+FFFD; it answers ``False`` when
    ``bad`` is over 20 and ``good < 2 * bad``. Here ``good`` is at most the
    count of ``LC`` pairs (each such character starts with one, and they
    cannot overlap), and ``bad`` at least the count of runs of non-ASCII
    bytes (bounded by ASCII) that start with a continuation byte, and at
    least the count of those that end with a byte of C0-FF: such a run has
    a bad byte, and the ASCII byte between two runs decodes to itself, so
    their U+FFFD are apart (without a literal U+FFFD in the input, which
    ``bad`` discounts)."""
    if b"\xef\xbf\xbd" in head:
        return False
    edges = head.translate(_RUN_EDGES)
    bad_at_least = max(edges.count(b"AC"), edges.count(b"LA"))
    return bad_at_least > 20 and marks.count(b"LC") < 2 * bad_at_least


#: Byte classes for :func:`_utf8_bounds`, one bit each: ASCII, a
#: continuation byte (80-BF), the lead of a two-byte character (C2-DF), the
#: lead of a three-byte character whose second byte may be any
#: continuation byte (E1-EC, EE, EF), another lead (E0, ED, F0-F4), and a
#: byte no UTF-8 holds (C0, C1, F5-FF).
_ASCII, _CONT, _LEAD2, _LEAD3, _LEAD_OTHER, _NEVER = 1, 2, 4, 8, 16, 32
_UTF8_CLASS = bytes(
    _ASCII
    if b < 0x80
    else _CONT
    if b <= 0xBF
    else _LEAD2
    if 0xC2 <= b <= 0xDF
    else _LEAD3
    if 0xE1 <= b <= 0xEC or b in (0xEE, 0xEF)
    else _LEAD_OTHER
    if b in (0xE0, 0xED) or 0xF0 <= b <= 0xF4
    else _NEVER
    for b in range(256)
)
#: The byte 01 at each of ``_HEAD`` places, as an integer (a mask keeping
#: one bit of each byte of an integer made of bytes).
_HEAD = 1 << 12
_ONES = int.from_bytes(b"\x01" * _HEAD, "little")


def _utf8_bounds(head: bytes) -> tuple[int, int]:
    """For :func:`_utf8_damage` of ``head`` (at most ``_HEAD`` bytes, no
    literal U+FFFD in it): at least as many valid multi-byte characters as
    the first number, at most as many runs of U+FFFD as the second, from
    byte classes at C speed (each an integer with a byte per byte of
    ``head``, shifted by 8 bits to look at the next byte).

    A lead byte always starts a character (no character holds one after
    its first byte): a two-byte lead and a continuation byte are a valid
    character, and so are a lead of ``_LEAD3`` and two continuation bytes,
    so these are counted exactly; any other valid character starts with an
    ``_LEAD_OTHER`` byte and a continuation byte, counted as if valid. A
    run of U+FFFD starts at a bad byte just after a character that decoded
    (ASCII or one of those two kinds); a byte is surely bad there when it
    is a continuation byte (the character before it is complete), a byte
    no UTF-8 holds, or a lead of those two kinds not followed by what makes
    it valid. Each run has one first byte, so those bytes are at most the
    runs (and a bad first byte of ``head`` starts one too)."""
    k = int.from_bytes(head.translate(_UTF8_CLASS), "little")
    ones = _ONES
    cont = (k >> 1) & ones
    lead2 = (k >> 2) & ones
    lead3 = (k >> 3) & ones
    cont_next = cont >> 8
    two = lead2 & cont_next
    three = lead3 & cont_next & (cont >> 16)
    maybe = ((k >> 4) & ones) & cont_next
    good_at_most = two.bit_count() + three.bit_count() + maybe.bit_count()
    decoded_end = (k & ones) | (two << 8) | (three << 16)
    bad = cont | ((k >> 5) & ones) | (lead2 ^ two) | (lead3 ^ three)
    runs_at_least = ((decoded_end << 8) & bad).bit_count() + (bad & 1)
    return good_at_most, runs_at_least


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a few bad spans (stray bytes, surrogates,
    overlong or truncated sequences): damaged UTF-8, not a legacy file."""
    head = data[:_HEAD]
    marks = head.translate(_LEAD_CONT)
    if b"LC" not in marks:
        # Every valid multi-byte character and every artefact starts with
        # a lead byte (C0-F7) followed by a continuation byte (80-BF): with
        # no such pair there is neither (most single-byte text; two C-speed
        # passes instead of a lenient decode).
        return False
    if b"\xef\xbf\xbd" not in head:
        # What the lenient decode below answers False for (more than 20
        # runs of U+FFFD and fewer than twice as many valid characters),
        # proved from bounds at C speed: legacy CJK text, whose characters
        # read as UTF-8 give a valid pair here and there between bad bytes.
        good_at_most, runs_at_least = _utf8_bounds(head)
        if runs_at_least > 20 and good_at_most < 2 * runs_at_least:
            return False
    if _clearly_legacy(head, marks):
        return False
    good, bad, artefacts = _utf8_damage(head)
    if artefacts:
        # ...unless what decodes is a C1 control (C2 80-9F), which text
        # never holds: legacy bytes (Johab's C2 89 9D is 출).
        return _C1.search(head.decode("utf-8", "ignore")) is None
    if good < 2 or good < 2 * bad:
        return False
    # Stray bytes are few: Thai TIS-620 holds valid UTF-8 pairs by chance,
    # between many bad bytes.
    if bad > 1 and bad * 10 > _high_bytes(data[: 1 << 14]):
        return False
    # The valid part must read as text: Thai TIS-620 and other single-byte
    # text holds valid UTF-8 sequences by chance, as rare characters.
    mean, n = detect.non_ascii_mean(detect.sample(data, 1 << 12).decode("utf-8", "ignore"))
    return n > 0 and mean >= detect._CJK_PLAUSIBLE


def _detect(data: bytes, cut: bool = True) -> Decoded:
    if cut and (short := _cut_utf8(data)) is not None:
        return short
    if _mostly_utf8(data):
        return _decode_lines(data, "utf-8", declared_encoding(data))
    det = detect.detect(data)
    if det.encoding is None:
        # Nothing decodes the whole input: read it line by line, unless
        # it is text cut inside its last character.
        if cut and (short := _cut_cjk(data)) is not None:
            return short
        return _decode_lines(data, None, det.declared)
    text = det.text if det.text is not None else data.decode(det.encoding)
    # A CJK reading of the whole to question: UTF-16 without a BOM (it
    # reads any even number of bytes), one with signs of a damaged file
    # (half-width katakana, private use), one detection is not sure of.
    odd = det.method == "cjk" and (
        det.encoding in detect.WIDE or _DAMAGE_SIGN.search(text, 0, _SAMPLE) is not None
    )
    unsure = odd or det.method == "cjk" and det.confidence < _SURE_WHOLE
    if cut and (det.method not in ("cjk", "declared") or odd):
        # No CJK codec read it whole cleanly, but one may read all of it
        # but a character cut at its end (a reading merely unsure is not
        # questioned so: a Japanese excerpt read at 0.9 lost its last
        # character to a cut reading of another family).
        short = _cut_cjk(data, text if det.encoding in detect.WIDE else None)
        if short is not None:
            return short
    enc = normalize_encoding(det.encoding)
    decoded = Decoded(text, enc, det.confidence, declared=det.declared, method=det.method)
    if det.method == "chardet" and not det.clean:
        # A single-byte codec decodes anything. When the lines are rather a
        # CJK file with a damaged or foreign line, or UTF-8 with legacy
        # lines, reading line by line is clearly more plausible. A large
        # input is judged on its start (the line-by-line reading costs
        # Python per line: seconds for a few megabytes), and read line by
        # line only when that reads its start clearly better too.
        probe = data if len(data) < _LARGE else detect.sample(data, _LARGE_PROBE)
        lines = probe.split(b"\n")
        if _CJK_RUN.search(probe) is None:
            # CJK text holds runs of non-ASCII bytes (two characters with
            # high trail bytes); Latin-script text seldom does.
            main = "utf-8"
        else:
            main = _main_codec(lines, None)
            if main not in detect.CJK_CODECS:
                main = _lossy_main(probe) or main
        if main in detect.CJK_CODECS or main == "utf-8" and _has_utf8_lines(lines, probe):
            if probe is not data and (
                _by_lines(probe, main, det.declared, probe.decode(det.encoding)) is None
            ):
                return decoded  # not even its start reads better line by line
            mixed = _by_lines(data, main, det.declared, text)
            return decoded if mixed is None else mixed
        return decoded
    if unsure:
        # Is it rather a damaged file in another codec? Half-width
        # katakana: GBK or Big5 with a few bad bytes reads as Shift_JIS
        # (中文 -> ﾖﾐﾎﾄ); private-use characters: Big5 with a few bad bytes
        # reads as GB18030, which decodes any byte pair, many in GBK's
        # user-defined areas (vim's tutor.zh.big5); common Han out of all
        # context, a reading detection is not sure of: EUC-KR or EUC-JP
        # with one trail byte turned to 80 reads as GB18030 (학 문서들을 ->
        # 切 巩辑甸阑), no other codec reading it whole. A sure reading is
        # not asked (the start decoded and scored in each family is most
        # of the time of a small clean file).
        damaged = _lossy_main(data) or _damaged_further_on(data, enc, text)
        if damaged is not None and damaged != enc:
            mixed = _by_lines(data, damaged, det.declared, text)
            if mixed is not None:
                return mixed
    if det.method != "cjk" or not _has_utf8_lines(data[:_SAMPLE].split(b"\n")):
        return decoded
    if not _implausible_lines(text):
        return decoded
    # A multi-byte codec read the whole file, but some lines read badly in
    # it: lines in other encodings? Split only when that reads clearly better.
    mixed = _decode_lines(data, None, det.declared)
    if mixed.runs and not mixed.lossy and _gain(text, mixed.text) > _LINE_MARGIN:
        return mixed
    return decoded


#: The end of an input cut inside a UTF-8 character: a lead byte and
#: fewer continuation bytes than it announces.
_UTF8_CUT = re.compile(rb"(?:[\xc2-\xf4]|[\xe0-\xf4][\x80-\xbf]|[\xf0-\xf4][\x80-\xbf]{2})\Z")
#: The end of an input cut inside a GB18030 four-byte character after its
#: second byte (an ASCII digit); the other cuts leave a byte from 80 up.
_GB4_CUT = re.compile(rb"[\x81-\xfe][\x30-\x39]\Z")


def _cut_utf8(data: bytes) -> Decoded | None:
    """UTF-8 text cut inside its last character (a download or a crawler
    stopping at a byte limit): the text before the cut, the cut character
    as U+FFFD (lossy, reported). The text before must hold two plausible
    multi-byte characters: a few bytes of legacy CJK text can be valid
    UTF-8 (位 is CE BB, UTF-8's λ) up to a last byte that starts another
    UTF-8 character."""
    m = _UTF8_CUT.search(data, max(0, len(data) - 3))
    if m is None:
        return None
    head = data[: m.start()]
    if head.isascii():
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not _plausible_reading(text[:_SAMPLE], 2):
        return None
    return _cut_off(
        Decoded(text, "utf-8", 1.0, method="utf-8"), data[m.start() :], declared_encoding(head)
    )


def _pending(data: bytes, enc: str) -> int | None:
    """How many bytes at the end of ``data`` start a character of ``enc``
    that they do not finish (``None`` when ``enc`` fails before)."""
    dec = codecs.getincrementaldecoder(enc)()
    try:
        dec.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    return len(dec.getstate()[0])


def _cut_wide(data: bytes) -> Decoded | None:
    """UTF-16/32 without a BOM, cut inside its last character (an odd
    number of bytes of UTF-16): it was refused as binary."""
    wide = detect.wide_encoding(data, partial=True)
    if wide is None:
        return None
    left = _pending(data, wide)
    if not left or detect.wide_encoding(data[:-left]) != wide:
        return None
    return _cut_off(_decode_with(data[:-left], wide, 0.99, False, "wide"), data[-left:], None)


def _cut_cjk(data: bytes, rival: str | None = None) -> Decoded | None:
    """Legacy CJK text cut inside its last character: a codec reads all of
    it strictly but for an incomplete character at the end, and the input
    without those bytes is read in that codec (family) with no doubt (a
    markup declaration, or the CJK model's reading). Read whole, such an
    input fails every CJK codec, or is read by one it is not in (Big5 cut
    short reads as Shift_JIS), or line by line with its last line in a
    code page. Tried only when the whole input has no clean CJK reading;
    ``rival``, a UTF-16/32 reading of the whole, must read worse."""
    if len(data) < 2 or (data[-1] < 0x80 and _GB4_CUT.search(data, len(data) - 2) is None):
        return None
    pending: dict[int, set[str]] = {}
    for family in detect.CJK_FAMILIES:
        for name in family:
            left = _pending(data, name)
            if left is None:
                continue
            if 0 < left < len(data):  # with nothing before it, no evidence
                pending.setdefault(left, set()).update(family)
            break  # the family's first codec that reads it speaks for it
    for left in sorted(pending):
        head = data[:-left]
        whole = _detect(head, cut=False)
        if (
            # "señ" in cp1252 ends in F1, a lead byte in every CJK codec:
            # ASCII before it is no evidence of one (any codec reads it),
            # unless it is markup that declares it.
            head.isascii()
            and whole.method != "declared"
            or whole.lossy
            or whole.runs
            or whole.method not in ("cjk", "declared")
            or whole.encoding not in pending[left]
        ):
            continue
        if rival is not None and (
            detect.non_ascii_mean(whole.text[:_SAMPLE])[0]
            <= detect.non_ascii_mean(rival[:_SAMPLE])[0]
        ):
            continue
        return _cut_off(whole, data[-left:], whole.declared)
    return None


def _cut_off(whole: Decoded, tail: bytes, declared: str | None) -> Decoded:
    """``whole`` (the input before its cut character), with the cut
    character's bytes ``tail`` as U+FFFD, reported: the input is lossy."""
    text = whole.text + "\ufffd"
    line = text.count("\n") + 1
    col = len(text) - text.rfind("\n") - 1
    n = len(tail)
    found = Finding(
        step="decode",
        line=line,
        col=col,
        code="undecodable-bytes",
        message=(
            f"the input ends inside a {whole.encoding} character (cut off?): "
            f"its last {'byte' if n == 1 else f'{n} bytes'} became U+FFFD"
        ),
        fixed=False,
        original=tail.hex(" "),
        replacement="\ufffd",
        data={"encoding": whole.encoding, "cut": True},
    )
    return Decoded(
        text,
        whole.encoding,
        whole.confidence,
        lossy=True,
        findings=[*whole.findings, found],
        declared=declared,
        method=whole.method,
    )


#: Below this confidence, a CJK reading of the whole input is checked for
#: a damaged file in another codec (clean text reads at 0.999; 38 of 48
#: damaged peer files read in a wrong family read at 0.9, the other 10 as
#: UTF-16, checked whatever its confidence).
_SURE_WHOLE = 0.95
_CJK_RUN = re.compile(rb"[\x80-\xff]{4}")
#: Inputs from this size (bytes) are judged for line-by-line reading on
#: their first ``_LARGE_PROBE`` bytes (from the line of the first non-ASCII
#: byte) before the whole is read so.
_LARGE = 1 << 20
_LARGE_PROBE = 1 << 16


def _by_lines(data: bytes, main: str, declared: str | None, whole: str) -> Decoded | None:
    """``data`` read line by line (``main`` first), when that reads it
    clearly better than ``whole`` (its reading in one codec) does, each
    word lost to U+FFFD costing 5 units; ``None`` otherwise."""
    mixed = _decode_lines(data, main, declared)
    lost = sum(len(f.original.split()) for f in mixed.findings if not f.fixed)
    gain = plausibility.logprob(mixed.text) - plausibility.logprob(whole) - 5.0 * lost
    return mixed if gain > _LINE_MARGIN else None


def _high_bytes(data: bytes) -> int:
    """How many bytes are not ASCII."""
    return len(data) - len(data.decode("ascii", "ignore"))


def _lossy_main(data: bytes) -> str | None:
    """The CJK codec that reads ``data`` but for a few bad bytes (a damaged
    GBK file), when its reading is plausible."""
    head = detect.sample(data, 1 << 13)
    best: tuple[float, str] | None = None
    high = _high_bytes(head)
    for family in detect.CJK_FAMILIES:
        text = head.decode(family[0], "replace")
        bad = text.count("\ufffd")
        if not bad or bad > max(1, high // 40):
            continue
        if detect.unlikely(family[0], text.replace("\ufffd", "")):
            continue
        mean, n = detect.non_ascii_mean(text.replace("\ufffd", ""))
        if bad and n >= 4 and bad <= max(1, n // 20) and mean >= detect._CJK_SURE:
            if best is None or mean > best[0]:
                best = (mean, family[0])
    return best[1] if best else None


def _damaged_further_on(data: bytes, enc: str, text: str) -> str | None:
    """The CJK codec that reads the start of ``data`` cleanly, and far more
    plausibly than ``enc`` (the codec that reads it whole), but not all of
    it, for a few bad bytes further on: a Korean EUC-KR file with one trail
    byte turned to 80 past its start reads whole only as GB18030, which
    takes 80 as a trail byte (학교에서 -> 切背俊辑); EUC-JP with an A0 the
    same (子プロセス -> 灰プロセス)."""
    head = detect.sample(data, 1 << 13)
    if len(head) == len(data):
        return None  # all of it was looked at (_lossy_main)
    mine: float | None = None
    for family in detect.CJK_FAMILIES:
        name = family[0]
        if enc in family:
            continue
        reading = _strict_or_none(head, name)
        if reading is None or detect.unlikely(name, reading):
            continue
        # Scored on their first characters (a clean GB2312 file reads
        # cleanly as EUC-KR too, as Hangul no text has: no more is scored).
        mean, n = detect.non_ascii_mean(reading[:_PEEK])
        if n < 8 or mean < detect._CJK_SURE:
            continue
        if mine is None:
            # A reading unlikely in its codec (EUC-JP's kana read as
            # GB18030's) is beaten by any clean one.
            start = text[: len(reading)]
            mine = -99.0 if detect.unlikely(enc, start) else detect.non_ascii_mean(start[:_PEEK])[0]
        if mean < mine + _FURTHER_MARGIN:
            continue
        bad = data.decode(name, "replace").count("\ufffd")
        if 0 < bad <= max(1, _high_bytes(data) // 400):
            return name
    return None


#: Mean log10 score per character by which a codec's reading of the start
#: must beat the whole file's codec's to be tried as a damaged file's.
_FURTHER_MARGIN = 0.5
#: Characters of each reading :func:`_damaged_further_on` scores.
_PEEK = 1 << 10


def _has_utf8_lines(lines: list[bytes], data: bytes | None = None) -> bool:
    """Some line is non-ASCII, valid UTF-8 and plausible as such (``data``:
    the lines joined, when the caller has them: with no multi-byte UTF-8
    character in it, no line has one, and none is looked at)."""
    if data is not None and _UTF8_SEQ.search(data) is None:
        return False
    for ln in lines:
        if ln.isascii() or _NOT_UTF8.search(ln) or _UTF8_SEQ.search(ln) is None:
            # no multi-byte UTF-8 character in it, or a byte UTF-8 never
            # holds (most lines of GBK text: one scan, no failed decode)
            continue
        text = _strict_or_none(ln, "utf-8")
        # Valid UTF-8 is evidence in itself: two characters are enough.
        if text is not None and _plausible_reading(text, 2):
            return True
    return False


#: Bytes that are in no valid UTF-8.
_NOT_UTF8 = re.compile(rb"[\xc0\xc1\xf5-\xff]")
#: Signs of a damaged file read whole in the wrong CJK codec: half-width
#: katakana (GBK or Big5 read as Shift_JIS) and private-use characters
#: (Big5 read as GB18030, which decodes any byte pair).
_DAMAGE_SIGN = re.compile("[\uff61-\uff9f\ue000-\uf8ff]")


def _implausible_lines(text: str) -> bool:
    """Some line (of the first 16 K characters) reads badly."""
    head = text[:_SAMPLE]
    scores = plausibility.char_scores(head)
    total = 0.0
    n = 0
    for ch, sc in zip(head, scores):
        if ch == "\n":
            if n >= 2 and total < _POOR * n:
                return True
            total, n = 0.0, 0
        elif ch > "\x7f" and sc != 0.0:
            total += sc
            n += 1
    return n >= 2 and total < _POOR * n


def _gain(old: str, new: str) -> float:
    """How much more plausible ``new`` is, scoring only the lines that differ."""
    gain = 0.0
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) != len(new_lines):
        return plausibility.logprob(new) - plausibility.logprob(old)
    for a, b in zip(old_lines, new_lines):
        if a != b:
            gain += plausibility.logprob(b) - plausibility.logprob(a)
    return gain


def _plausible_reading(text: str, min_chars: int = _MIN_RUN_CHARS) -> bool:
    """Enough non-ASCII characters, and plausible ones, for a run of bytes
    to be read in a codec other than the file's."""
    # Counts first (C speed): the scored characters are among the non-ASCII ones.
    odd = detect._oddities(text)
    if odd * 10 > len(text) - len(text.encode("ascii", "ignore")):
        return False
    mean, n = detect.non_ascii_mean(text)
    return n >= min_chars and mean >= detect._CJK_PLAUSIBLE and odd * 10 <= n


def _line_alternatives(line: bytes, single_byte: bool) -> list[tuple[float, str, str]]:
    """Strict readings of one line in other codecs: the CJK ones, and (for a
    file whose main codec is single-byte or when asked) cp1252."""
    out = []
    for cand in detect.cjk_candidates(line):
        if cand.codec.startswith(("utf-16", "utf-32")):
            continue
        text = line.decode(cand.codec)
        out.append((plausibility.logprob(text), cand.codec, text))
    if single_byte:
        text = line.decode("cp1252", "replace")
        if "\ufffd" not in text:
            out.append((plausibility.logprob(text), "cp1252", text))
    out.sort(key=lambda t: -t[0])
    return out


def _lines_decoding(lines: list[bytes], joined: bytes, name: str) -> list[bytes]:
    """The lines (of ``joined``, their join by newlines) that ``name``
    decodes strictly: one lenient decode of them all, then a strict decode
    only of the lines where it replaced something (a newline is never
    part of a multi-byte character in the CJK codecs, so no error crosses
    a line)."""
    texts = joined.decode(name, "replace").split("\n")
    if len(texts) != len(lines):
        return [ln for ln in lines if _decodes(ln, name)]
    if not _encodes_fffd(name):
        # Every U+FFFD is a replacement: no strict decode needed.
        return [ln for ln, t in zip(lines, texts) if "\ufffd" not in t]
    return [ln for ln, t in zip(lines, texts) if "\ufffd" not in t or _decodes(ln, name)]


@functools.cache
def _encodes_fffd(name: str) -> bool:
    try:
        "\ufffd".encode(name)
    except UnicodeEncodeError:
        return False
    return True


def _main_codec(lines: list[bytes], declared: str | None) -> str:
    """The codec that reads most of the non-UTF-8 bytes strictly (ties: the
    more plausible reading), if its reading is plausible."""
    legacy = [ln for ln in lines if not ln.isascii() and not _decodes(ln, "utf-8")]
    if not legacy:
        return "utf-8"
    covered: list[tuple[int, str, list[bytes]]] = []
    joined = b"\n".join(legacy)
    for family in detect.CJK_FAMILIES:
        name = family[0]
        ok = _lines_decoding(legacy, joined, name)
        if ok:
            covered.append((sum(map(len, ok)), name, ok))
    covered.sort(key=lambda c: -c[0])
    best: tuple[int, float, str] | None = None
    for k, (size, name, ok) in enumerate(covered):
        if best is not None and size < best[0]:
            break
        if k >= 3 and size < covered[0][0]:
            break  # every codec that reads the most, then the next best up to three
        text = b"\n".join(ok)[:_SAMPLE].decode(name, "replace")
        if detect.unlikely(name, text) or not _plausible_reading(text):
            continue
        key = (size, plausibility.logprob(text), name)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is not None:
        return normalize_encoding(best[2])
    if declared:
        return declared
    return "utf-8"


def _decode_lines(data: bytes, main: str | None, declared: str | None) -> Decoded:
    """Decode line by line, when no codec reads the whole input.

    Each line is read in the main codec when it decodes strictly; else as
    UTF-8 when it is valid UTF-8; else in another codec only when that
    reading has enough plausible non-ASCII characters (a few stray bytes
    are not enough to guess a codec from); else its bad bytes become U+FFFD
    (reported, :attr:`Decoded.lossy`). UTF-8 artefacts (surrogates, overlong
    and truncated sequences) in a UTF-8 line are never re-read in another
    codec. Runs in other codecs are reported as ``mixed-encoding``.
    """
    lines = data.split(b"\n")
    if main is None:
        main = _main_codec(lines, declared)
    texts: list[str] = []
    encs: list[str] = []
    findings: list[Finding] = []
    lossy = False
    for i, ln in enumerate(lines, 1):
        if ln.isascii():
            texts.append(ln.decode("ascii"))
            encs.append("")
            continue
        as_main = _strict_or_none(ln, main)
        as_utf8 = _strict_or_none(ln, "utf-8") if main != "utf-8" else None
        if as_main is not None and as_utf8 is not None:
            # Valid in both: UTF-8 only when it reads clearly better.
            lp8 = plausibility.logprob(as_utf8)
            if _plausible_reading(as_utf8) and lp8 > plausibility.logprob(as_main) + _LINE_MARGIN:
                texts.append(as_utf8)
                encs.append("utf-8")
            else:
                texts.append(as_main)
                encs.append(main)
            continue
        if as_main is not None:
            texts.append(as_main)
            encs.append(main)
            continue
        if as_utf8 is not None:
            texts.append(as_utf8)
            encs.append("utf-8")
            continue
        chosen: tuple[str, str] | None = None
        _good, _bad, artefacts = _utf8_damage(ln)
        if not artefacts:
            # Clearly more plausible than the line in the main codec with
            # its bad bytes as U+FFFD: a damaged line of the file's own
            # codec reads in another as a run of rare characters (GBK as
            # Shift_JIS's half-width katakana, EUC-JP as GB18030).
            own: float | None = None
            for lp, name, text in _line_alternatives(ln, True):
                if not _plausible_reading(text) or detect.unlikely(name, text):
                    continue  # (EUC-JP's kana read as GB18030's: unlikely)
                if own is None:
                    own = plausibility.logprob(ln.decode(main, "replace"))
                if lp > own + _LINE_MARGIN:
                    chosen = (text, normalize_encoding(name))
                break
        if chosen is not None:
            texts.append(chosen[0])
            encs.append(chosen[1])
            continue
        # Undecodable: U+FFFD in whichever of the main codec and UTF-8 loses
        # fewer bytes (UTF-8 when the damage is UTF-8's own).
        options = []
        for name in dict.fromkeys((main, "utf-8")):
            replaced, spans = _replace(ln, name)
            lost = sum(len(raw) for _, raw in spans)
            options.append(
                (lost - (1 if name == "utf-8" and artefacts else 0), name, replaced, spans)
            )
        options.sort(key=lambda o: o[0])
        _, name, replaced, spans = options[0]
        texts.append(replaced)
        encs.append(name)
        lossy = True
        findings.extend(
            _undecodable(
                i,
                spans,
                name,
                f"bytes that no candidate encoding decodes were replaced with U+FFFD (line read as {name})",
            )
        )
    # The empty piece after a final newline is not a line: a run must not
    # reach it ("lines 2-3" of a 2-line file).
    runs = _runs(encs[:-1] if len(lines) > 1 and not lines[-1] else encs)
    used = {r.encoding for r in runs}
    text = "\n".join(texts)
    size: dict[str, int] = {}
    for r in runs:
        size[r.encoding] = size.get(r.encoding, 0) + sum(
            len(lines[k - 1]) for k in range(r.start, r.end + 1)
        )
    major = max(size, key=lambda k: size[k]) if size else main
    confidence = 0.0 if lossy else 0.8
    if len(used) <= 1:
        runs = []  # one encoding after all: no runs, nothing guessed
    run_findings = []
    for r in runs:
        if r.encoding == "utf-8":
            continue  # these bytes are output as they came
        where = f"line {r.start}" if r.start == r.end else f"lines {r.start}-{r.end}"
        run_findings.append(
            Finding(
                step="decode",
                line=r.start,
                end_line=r.end,
                col=1,
                code="mixed-encoding",
                message=f"{where} decoded as {r.encoding} (the file mixes encodings; most of it is {major})",
                original=r.encoding,
                replacement="utf-8",
                data={"encoding": r.encoding, "main": major},
            )
        )
    if run_findings:
        findings = sorted(run_findings + findings, key=lambda f: (f.line, f.col))
    return Decoded(
        text,
        major,
        confidence,
        lossy=lossy,
        findings=findings,
        runs=runs,
        declared=declared,
        method="lines",
        guessed=[(r.start, r.end) for r in runs if r.encoding != "utf-8"],
    )


def _strict_or_none(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _runs(encs: list[str]) -> list[Run]:
    """Group line encodings into runs; ASCII lines ("") join the run before
    them (or the one after, at the start)."""
    filled = list(encs)
    last = next((e for e in filled if e), "")
    for i, e in enumerate(filled):
        if e:
            last = e
        else:
            filled[i] = last
    runs: list[Run] = []
    for i, e in enumerate(filled, 1):
        if not e:
            continue
        if runs and runs[-1].encoding == e and runs[-1].end == i - 1:
            runs[-1] = Run(runs[-1].start, i, e)
        else:
            runs.append(Run(i, i, e))
    return runs


def _replace(data: bytes, enc: str) -> tuple[str, list[tuple[int, bytes]]]:
    """Decode with U+FFFD for bad bytes; the 1-based column and bytes of each
    replaced span."""
    out: list[str] = []
    spans: list[tuple[int, bytes]] = []
    pos = 0
    col = 1
    while pos <= len(data):
        try:
            piece = data[pos:].decode(enc)
            out.append(piece)
            break
        except UnicodeDecodeError as exc:
            good = data[pos : pos + exc.start].decode(enc, "replace")
            out.append(good)
            col += len(good)
            start, end = pos + exc.start, pos + exc.end
            # Merge adjacent bad bytes into one span.
            while end < len(data):
                try:
                    data[end:].decode(enc)
                    break
                except UnicodeDecodeError as nxt:
                    if nxt.start != 0:
                        break
                    end += nxt.end
            spans.append((col, data[start:end]))
            out.append("\ufffd")
            col += 1
            pos = end
    return "".join(out), spans


def _decode_with(data: bytes, enc: str, confidence: float, bom: bool, method: str) -> Decoded:
    try:
        return Decoded(data.decode(enc), enc, confidence, bom, method=method)
    except UnicodeDecodeError:
        pass
    if enc.startswith(("utf-16", "utf-32")):
        left = _pending(data, enc)
        if left:
            # Valid but for a character cut at the end.
            head = _decode_with(data[:-left], enc, confidence, bom, method)
            if not head.lossy:
                return _cut_off(head, data[-left:], None)
        text = data.decode(enc, errors="replace")
        f = Finding(
            step="decode",
            line=1,
            col=1,
            code="undecodable-bytes",
            message=f"bytes that are not valid {enc} were replaced with U+FFFD",
            fixed=False,
            replacement="\ufffd",
            data={"encoding": enc},
        )
        return Decoded(text, enc, confidence, bom, lossy=True, findings=[f], method=method)
    texts: list[str] = []
    findings: list[Finding] = []
    for i, ln in enumerate(data.split(b"\n"), 1):
        text, spans = _replace(ln, enc)
        texts.append(text)
        findings.extend(
            _undecodable(i, spans, enc, f"bytes that are not valid {enc} were replaced with U+FFFD")
        )
    return Decoded(
        "\n".join(texts), enc, confidence, bom, lossy=True, findings=findings, method=method
    )


def encode_text(text: str, decoded: Decoded, config: Config) -> bytes:
    """Encode cleaned text: UTF-8 (keeping a UTF-8 BOM), or the input's own
    encoding with ``keep_encoding``.

    >>> d = decode_bytes("中文".encode("big5"), Config())
    >>> encode_text(d.text, d, Config(keep_encoding=True)) == "中文".encode("big5")
    True
    """
    enc = decoded.encoding
    if config.keep_encoding and enc != "utf-8":
        try:
            body = text.encode(enc)
        except UnicodeEncodeError as exc:
            raise CleantextError(
                f"the cleaned text has characters that {enc} cannot encode ({text[exc.start : exc.end]!r})",
                hint="drop --keep-encoding to write UTF-8",
            ) from None
        if decoded.bom:
            body = {
                "utf-16-le": codecs.BOM_UTF16_LE,
                "utf-16-be": codecs.BOM_UTF16_BE,
                "utf-32-le": codecs.BOM_UTF32_LE,
                "utf-32-be": codecs.BOM_UTF32_BE,
            }.get(enc, b"") + body
        return body
    body = text.encode("utf-8", "surrogatepass")
    if decoded.bom and enc == "utf-8":
        body = codecs.BOM_UTF8 + body
    return body


def _undecodable(
    line: int, spans: list[tuple[int, bytes]], enc: str, message: str
) -> list[Finding]:
    """One report per span of bytes that became U+FFFD on ``line``."""
    return [
        Finding(
            step="decode",
            line=line,
            col=col,
            code="undecodable-bytes",
            message=message,
            fixed=False,
            original=raw.hex(" "),
            replacement="\ufffd",
            data={"encoding": enc},
        )
        for col, raw in spans
    ]
