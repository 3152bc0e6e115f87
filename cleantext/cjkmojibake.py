"""Repair the CJK kinds of mojibake by byte round trips, checked by plausibility.

Mojibake is text whose bytes were decoded with the wrong codec. When the
wrong decoding lost nothing, encoding the damaged text back with that codec
gives the original bytes, and decoding those with the right codec gives the
original text. ftfy does this for the Latin family; this module does it for
the kinds that CJK text suffers, none of which ftfy repairs:

========================  =====================  ==================
code                      damaged (example)      repaired
========================  =====================  ==================
mojibake-utf8-as-gbk      ``鍙戝睍``               ``发展``
mojibake-gbk-as-latin1    ``·¢Õ¹``               ``发展``
mojibake-big5-as-gbk      ``祇甶``               ``發展``
mojibake-gbk-as-big5      ``楷桯``               ``发展``
mojibake-utf8-as-big5     ``鈭箏之``             ``人大``
mojibake-utf8-as-sjis     ``蜿大ｱ``               ``发展``
mojibake-utf8-bom-as-gbk  ``锘夸腑``             ``中`` (the BOM dropped)
========================  =====================  ==================

How a repair is found, per line: the line is encoded back with the wrong
codec, character by character (characters that codec cannot encode split
the line); the bytes are parsed as the right codec; the places where a
character boundary of both sides falls on the same byte cut the line into
*units* (for UTF-8 read as GBK: every two damaged characters of Han, say,
against three repaired ones). Each unit gets the difference of the
:mod:`cleantext.plausibility` scores of its repaired and damaged forms, and
the runs of units with the best positive total become the repaired spans.
A span is kept only when it is *clearly* more plausible than the damaged
text (:data:`MIN_GAIN` in total and :data:`MIN_GAIN_PER_CHAR` per damaged
character) and its repaired text contains nothing that is itself damage.
So a line that is half clean and half damaged gets only its damaged half
repaired, and clean text, whose round trips give nonsense, is left alone.

Three refinements:

- A run also takes in a neighbouring unit whose repair costs a little, when
  judged in context (a damaged character that happens to be cheap, like the
  kana ``い`` that Big5 ``中`` becomes), and more readily when the damaged
  character is *odd* in Chinese text (kana, Greek, symbols, private use).
- UTF-8 read as GB18030 by a lenient decoder has U+FFFD where a byte could
  not be used. Before another character that byte can only have been 0x80,
  which is put back; before ASCII or the end its value is lost, and the
  character it belonged to comes out as U+FFFD (the step reports it).
- :data:`RELAXED` thresholds: the step uses them near lines where a kind
  was found with strong evidence, so that names and one-character lines of
  a damaged page are repaired too. In a text that a kind damaged nearly
  everywhere, :data:`DOCUMENT` (a character the original codec cannot hold
  is a mark of damage), :func:`repair_whole` (a line at once, if no less
  plausible) and :func:`repair_gaps` (one or two characters the model
  prefers damaged at the edge of a repair) finish the job.

The module is pure Python with no third-party import; it does nothing until
:func:`suspect_lines` finds a line worth a look, which one regular
expression pass over the text decides (two unusual characters close
together; "usual" is :mod:`cleantext._cjk_common` plus scripts and
punctuation), or :func:`big5_suspect_lines` one for the Big5 kinds (a
short line with one unusual character that reads back into more usual
ones: GBK read as Big5 is mostly common characters). Long lines are examined only around
their suspect spots.

>>> repair_line("今天鍙戝睍很好")[0]
'今天发展很好'
>>> repair_line("中国经济发展很好")[0]
'中国经济发展很好'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .textutil import changed_span
from .textutil import is_han as _is_han

__all__ = [
    "Kind",
    "Repair",
    "KINDS",
    "repair_line",
    "repair_whole",
    "repair_gaps",
    "damage_marks",
    "suspect_lines",
    "MIN_GAIN",
]

#: A span is repaired only if the log10 plausibility of the repaired text is
#: at least this much higher than that of the damaged text ...
MIN_GAIN = 4.0
#: ... and at least this much per damaged (non-ASCII) character.
MIN_GAIN_PER_CHAR = 1.0
#: A span judged on its own that is all Han characters must have at least
#: this many damaged characters: true mojibake damages whole lines, not two
#: characters of a verse or a name (one more for the Big5/GBK kinds, whose
#: damage is ordinary Han characters).
MIN_UNMARKED = 3
#: Big5/GBK repairs judged on their own that take in fewer damaged
#: characters of a line than this must take in at least half of it.
LEGACY_SPAN = 8
#: The repaired text must have a mean per-character score at least this high
#: (Chinese prose scores about -1.5 to -3.5; mojibake -4.5 and below).
MIN_SCORE = -4.0
#: Repaired characters that cost this much or more are damage themselves
#: (C1 controls, private use, U+FFFD, unassigned code points).
_DAMAGE_COST = -9.0


@dataclass(frozen=True)
class Thresholds:
    """How much evidence a repair needs (see the module docstring).

    :data:`STRICT` is for a span judged on its own. :data:`RELAXED` is for
    the rest of a text in which the same kind was already found with strong
    evidence: short names and one-character lines then get repaired too.
    """

    min_gain: float = MIN_GAIN
    min_gain_per_char: float = MIN_GAIN_PER_CHAR
    min_score: float = MIN_SCORE
    extend: float = -0.5
    min_damaged: int = 2
    min_latin_run: int = 4
    #: the Latin-1 bytes may read as UTF-8 too (ftfy's reading) and still be
    #: taken as GBK, when the text is known to be GBK read as Latin-1
    utf8_ok: bool = False
    #: a repair may give CJK punctuation alone ('¡£' -> '。')
    punct_ok: bool = False
    #: mostly-odd blocks are repaired if they lose no more than this (None: never)
    odd_floor: float | None = None
    #: the damaged text must hold a mark of damage (see :func:`_damage_text`)
    need_mark: bool = False
    #: characters the original codec cannot encode count as marks of damage
    #: and as odd (see :func:`_foreign_re`): for a text known to have come
    #: from that codec
    foreign: bool = False
    #: nothing else in the text shows this kind of damage: a span must be
    #: more than a few ordinary characters of a clean line (see
    #: :data:`MIN_UNMARKED`, :data:`LEGACY_SPAN`), or verse and names get
    #: "repaired" (皎皎 -> 伯伯, 许敖敖 -> 许偷偷)
    alone: bool = False


#: For a span judged on its own, in a text where nothing else has shown the
#: damage yet.
STRICT = Thresholds(alone=True)
#: As :data:`STRICT`, for the lines of a text in which the same kind was
#: already repaired on the strict terms.
STRICT_SEEN = Thresholds()
RELAXED = Thresholds(
    min_gain=1.5,
    min_gain_per_char=0.3,
    min_score=-5.0,
    extend=-2.5,
    min_damaged=1,
    min_latin_run=2,
    utf8_ok=True,
    punct_ok=True,
    odd_floor=-6.0,
    need_mark=True,
)

#: For a whole text established as damaged by one kind (the step's
#: document-level decision): as :data:`RELAXED`, and a character that the
#: text's original codec cannot hold (``赋`` in a Big5 page read as GBK) is
#: a mark of damage too.
DOCUMENT = Thresholds(
    min_gain=1.5,
    min_gain_per_char=0.3,
    min_score=-5.0,
    extend=-2.5,
    min_damaged=1,
    min_latin_run=2,
    utf8_ok=True,
    punct_ok=True,
    odd_floor=-6.0,
    need_mark=True,
    foreign=True,
)

#: A repair in a later layer (text damaged twice) needs this much gain.
LATER_LAYER_GAIN = 12.0
#: How many layers of mojibake one call undoes at most.
MAX_LAYERS = 3


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


_UTF8 = ("utf-8",)
_GB = ("gb18030",)
_BIG5 = ("big5", "cp950")
_SJIS = ("shift_jis", "cp932")
_LATIN = ("latin-1-sloppy",)

#: The kinds tried on every suspect line.
KINDS: tuple[Kind, ...] = (
    Kind("mojibake-utf8-as-gbk", _GB, _UTF8, "UTF-8 text decoded as GBK/GB18030"),
    Kind("mojibake-gbk-as-latin1", _LATIN, _GB, "GBK text decoded as Latin-1/cp1252"),
    Kind("mojibake-big5-as-gbk", _GB, _BIG5, "Big5 text decoded as GBK/GB18030"),
    Kind("mojibake-gbk-as-big5", _BIG5, _GB, "GBK text decoded as Big5"),
    Kind("mojibake-utf8-as-big5", _BIG5, _UTF8, "UTF-8 text decoded as Big5"),
    Kind("mojibake-utf8-as-sjis", _SJIS, _UTF8, "UTF-8 text decoded as Shift_JIS"),
)

BOM_CODE = "mojibake-utf8-bom-as-gbk"

#: The kinds that :func:`big5_suspect_lines` finds more lines for.
BIG5_KINDS: tuple[Kind, ...] = tuple(k for k in KINDS if "big5" in k.code and "utf8" not in k.code)


@dataclass
class Repair:
    """One repaired span of a line (offsets in characters, end exclusive)."""

    start: int
    end: int
    original: str
    replacement: str
    kind: Kind
    gain: float
    score_before: float
    score_after: float
    bom: bool = False
    data: dict[str, object] = field(default_factory=dict)

    @property
    def code(self) -> str:
        if self.bom:
            return BOM_CODE
        return self.kind.code


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


_ENC_CACHE: dict[tuple[str, ...], dict[str, bytes | None]] = {}


def _encoder(codecs_: tuple[str, ...]) -> Callable[[str], bytes | None]:
    cache = _ENC_CACHE.setdefault(codecs_, {})

    def enc(ch: str) -> bytes | None:
        try:
            return cache[ch]
        except KeyError:
            pass
        out: bytes | None = None
        for name in codecs_:
            if name == "latin-1-sloppy":
                out = _sloppy_latin(ch)
            else:
                try:
                    out = ch.encode(name)
                except UnicodeEncodeError:
                    out = None
            if out is not None:
                break
        cache[ch] = out
        return out

    return enc


# --- parsing the bytes as the right codec, one character per match -----------

_PARSERS: dict[tuple[str, ...], re.Pattern[bytes]] = {
    _UTF8: re.compile(
        rb"[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
        rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
        rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
    ),
    _GB: re.compile(
        rb"[\x00-\x7f]|[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e\x80-\xfe]"
    ),
    _BIG5: re.compile(rb"[\x00-\x7f]|[\x81-\xfe][\x40-\x7e\xa1-\xfe]"),
}

# UTF-8, plus the surrogate halves of CESU-8 (emoji that went through
# Java or MySQL's utf8mb3): ftfy's business, not ours.
_UTF8_OR_CESU = re.compile(_PARSERS[_UTF8].pattern + rb"|\xed[\xa0-\xbf][\x80-\xbf]")

_DEC_CACHE: dict[tuple[str, ...], dict[bytes, str | None]] = {}


def _decoder(codecs_: tuple[str, ...]) -> Callable[[bytes], str | None]:
    cache = _DEC_CACHE.setdefault(codecs_, {})

    def dec(b: bytes) -> str | None:
        try:
            return cache[b]
        except KeyError:
            pass
        out: str | None = None
        for name in codecs_:
            try:
                out = b.decode(name)
                break
            except UnicodeDecodeError:
                continue
        cache[b] = out
        return out

    return dec


def _encode_all(text: str, codecs_: tuple[str, ...]) -> bytes:
    enc = _encoder(codecs_)
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


_CJK_CHAR = re.compile(
    "[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\U00020000-\U000323af]"
)
_CJK_OR_PUNCT = re.compile(_CJK_CHAR.pattern[:-1] + "\u3000-\u303f\uff01-\uff5e“”‘’—…·]")
_KANA = re.compile("[\u3041-\u30ff]")
_HIGH_RUN = re.compile(r"[^\x00-\x7f]+")


def _longest_high_run(text: str) -> int:
    return max((len(m.group()) for m in _HIGH_RUN.finditer(text)), default=0)


# --- the cheap pre-check -------------------------------------------------------


def _ranges(cps: list[int]) -> str:
    """A regex character-class body for a sorted list of code points."""
    out: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = cps[i], cps[j]
        out.append(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}")
        i = j + 1
    return "".join(out)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[int]:
    """Code points that are ordinary in CJK text and rare in mojibake.

    The Han characters are the 4,270 most frequent ones of Simplified and
    Traditional text (:mod:`cleantext._cjk_common`); then scripts and
    punctuation.
    """
    from ._cjk_common import COMMON_HAN

    cps: set[int] = set(range(0x00, 0x80))
    cps.update(map(ord, COMMON_HAN))
    for lo, hi in (
        (0x0370, 0x04FF),  # Greek, Cyrillic
        (0x3000, 0x303F),  # CJK punctuation
        (0x3041, 0x30FF),  # kana
        (0x1100, 0x11FF),
        (0x3130, 0x318F),
        (0xAC00, 0xD7A3),  # Hangul
        (0xFF01, 0xFF5E),  # full-width ASCII
        (0xFFE0, 0xFFE6),
        (0x2460, 0x2473),  # circled numbers
        (0xFE50, 0xFE58),  # small form variants (﹐﹗﹖ in Big5 text) ...
        (0xFE5F, 0xFE6B),  # ... but not the small brackets ﹙﹚﹛﹜﹝﹞, which are
        # what GBK '、。' and Big5 '（）' become read as the other codec
        (0x2190, 0x2199),  # arrows
    ):
        cps.update(range(lo, hi + 1))
    cps.update(ord(c) for c in "\xa0\u200b“”‘’—–…·•×÷°±§№℃※≥≤≠■□▲△◆◇○●★☆\ufeff")
    return frozenset(cps)


@lru_cache(maxsize=1)
def _plain_chars() -> frozenset[int]:
    """Common Han, ASCII and CJK punctuation: what a damaged character next
    to a repaired run is *not* if it is damage too."""
    han = {cp for cp in _common_chars() if 0x4E00 <= cp <= 0x9FFF}
    other = set(range(0x80)) | set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F))
    other.update(ord(c) for c in "“”‘’—…·")
    return frozenset(han | other)


#: An odd neighbour (kana, Greek, Cyrillic, symbols: see :func:`_plain_chars`)
#: joins a repaired run even if the repair costs this much in context.
_ODD_EXTEND = -3.0


@lru_cache(maxsize=1)
def _suspect_re() -> re.Pattern[str]:
    # Two unusual characters at most one character apart. Mojibake is dense
    # with them; clean text has one now and then. Big5 read as GBK turns
    # common characters into kana (中 -> い), so kana count as unusual here,
    # and a match of two kana is dropped afterwards (that is Japanese).
    usual = sorted(set(_common_chars()) - set(range(0x3041, 0x3100)))
    s = f"[^{_ranges(usual)}\\n]"
    return re.compile(f"{s}[^\\n]?{s}")


def suspect_lines(text: str) -> list[int]:
    """0-based indexes of the lines worth a repair attempt (may be empty).

    One regular-expression scan; clean CJK text finds nothing.

    >>> suspect_lines("中文\\n鍙戝睍\\nabc")
    [1]
    """
    found = _scan(_suspect_re(), text, _two_kana)
    if "\u9518" in text:  # 锘: a UTF-8 BOM read as GBK
        found = sorted(set(found) | set(_scan(_BOM_RE, text)))
    return found


def big5_suspect_lines(text: str) -> list[int]:
    """0-based indexes of more lines worth a look for the Big5 kinds only
    (:data:`BIG5_KINDS`). GBK text read as Big5 is mostly common Traditional
    characters, which :func:`suspect_lines` does not see: a line of at most
    :data:`SHORT_LINE` characters with one unusual character is looked at
    if all of it reads back strictly into text with fewer unusual ones.

    >>> big5_suspect_lines("中文\\n竭祥赸辦.\\n導ㄛ2-3陎腔梓\\n還有很多很多文字在這一行裡面呢，赸")
    [1, 2]
    """
    return _short_lines(text)


_BOM_RE = re.compile("\u9518")
#: Lines this short are looked at for one unusual character.
SHORT_LINE = 16


@lru_cache(maxsize=1)
def _one_unusual_re() -> re.Pattern[str]:
    usual = sorted(set(_common_chars()))
    return re.compile(f"[^{_ranges(usual)}\\n]")


def _short_lines(text: str) -> list[int]:
    """Lines of at most :data:`SHORT_LINE` characters with one unusual
    character that read in full as one of the Big5 kinds (a short clean
    line seldom round-trips strictly)."""
    rx = _one_unusual_re()
    out: list[int] = []
    for i, body in enumerate(text.split("\n")):
        if len(body) <= SHORT_LINE + 1:
            body = body.rstrip("\r")
            if body and len(body) <= SHORT_LINE and rx.search(body) and _round_trips(body):
                out.append(i)
    return out


def _round_trips(line: str) -> bool:
    """Whether all of ``line`` reads back strictly as Big5 read as GBK or
    GBK read as Big5, into text with fewer unusual characters."""
    common = _common_chars()
    odd = sum(1 for c in line if ord(c) not in common)
    for wrong, right in (("gb18030", "big5"), ("big5", "gbk")):
        try:
            back = line.encode(wrong).decode(right)
        except UnicodeError:
            continue
        if back != line and sum(1 for c in back if ord(c) not in common) < odd:
            return True
    return False


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff"


# An inline pinyin annotation after a Han character: 業(yè), 區（qū）. Its
# tone-marked vowels are Latin-1 letters, but the pinyin step owns them.
_ANNOTATION = re.compile("[(\uff08][a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}[0-5]?[)\uff09]")


def _in_annotation(m: re.Match[str]) -> bool:
    """Whether the first character of match ``m`` sits inside a pinyin
    annotation of the Han character before it."""
    s, i = m.string, m.start()
    lo = max(0, i - 8)
    j = max(s.rfind("(", lo, i), s.rfind("\uff08", lo, i))
    if j <= 0 or not _is_han(s[j - 1]):
        return False
    a = _ANNOTATION.match(s, j)
    return a is not None and a.end() > i


def _two_kana(m: re.Match[str]) -> bool:
    """Matches of the pre-check that are not damage: two kana (Japanese),
    a repeat, two rare Han characters that make a known word (猖獗), or a
    tone-marked vowel of a pinyin annotation (業(yè)孵)."""
    g = m.group()
    if (
        g[0] in "\u00e0\u00e1\u00e8\u00e9\u00ec\u00ed\u00f2\u00f3\u00f9\u00fa\u00fc"
        or "\u0101" <= g[0] <= "\u01dc"
    ):
        if _in_annotation(m):
            return True
    if _is_kana(g[0]) and _is_kana(g[-1]):
        return True
    if g[0] == g[-1]:
        return True  # 靄靄, 赃款赃, ──: a repeat is writing, not damage
    return len(g) == 2 and _is_han(g[0]) and _is_han(g[1]) and _known_word(g)


def _known_word(pair: str) -> bool:
    from . import plausibility

    plausibility._load()
    return pair in plausibility._BI


def _damage_text(text: str) -> bool:
    """Whether ``text`` has a character that is a mark of damage: one that
    is odd in Chinese text (see :func:`_plain_chars`) and is not a Han
    character of GB2312 or Big5 (rare words are not damage; private-use,
    kana, symbols, U+FFFD and GBK-only Han are)."""
    return _damage_re().search(text) is not None


@lru_cache(maxsize=1)
def _damage_re() -> re.Pattern[str]:
    ok = set(_plain_chars()) | _legacy_han()
    return re.compile(f"[^{_ranges(sorted(ok))}\\s\xa0]")


@lru_cache(maxsize=1)
def _legacy_han() -> frozenset[int]:
    """Every Han character of GB2312 and of Big5 (both levels)."""
    out: set[int] = set()
    for a in range(0xA1, 0xFA):
        for b in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            for codec in ("gb2312", "big5"):
                try:
                    ch = bytes([a, b]).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(ch) == 1 and _is_han(ch):
                    out.add(ord(ch))
    return frozenset(out)


#: The codec a kind's original text was in, when it is a legacy CJK one:
#: text from it has only characters it can encode.
_ORIGIN = {"mojibake-big5-as-gbk": "big5", "mojibake-gbk-as-big5": "gb2312"}


@lru_cache(maxsize=4)
def _foreign_re(code: str) -> re.Pattern[str] | None:
    """Han characters that the original codec of kind ``code`` cannot
    encode (None for kinds with no such codec): in a text established as
    damaged by that kind they cannot be its clean part."""
    codec = _ORIGIN.get(code)
    if codec is None:
        return None
    han: list[int] = []
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            try:
                chr(cp).encode(codec)
            except UnicodeEncodeError:
                han.append(cp)
    return re.compile(f"[{_ranges(han)}]")


@lru_cache(maxsize=1)
def _unrepaired_re() -> re.Pattern[str]:
    """Runs of damage characters (:func:`_damage_re`) that are letters,
    private use, kana or controls: the symbols Chinese text uses ('●',
    '℃', '×') and U+FFFD (reported as lost characters) are left out."""
    import unicodedata

    ok = set(_plain_chars()) | _legacy_han()
    ok.update(cp for cp in _common_chars() if unicodedata.category(chr(cp))[0] in "SPZN")
    ok.update(range(0x3000, 0x3041))  # CJK punctuation
    ok.update(range(0x1100, 0x1200))  # Hangul: Korean words in a Chinese page
    ok.update(range(0x3130, 0x3190))
    ok.update(range(0xAC00, 0xD7A4))
    ok.add(0xFFFD)
    ok.update(range(0xFF00, 0xFFF0))
    return re.compile(f"[^{_ranges(sorted(ok))}\\s\xa0]+")


def unrepaired_runs(line: str) -> list[tuple[int, int]]:
    """Spans of ``line`` that look like mojibake left in Chinese text: runs
    of characters that are marks of damage but not symbols Chinese text
    uses, with a Han character right before or after, or standing alone
    between spaces or the line's edges (a name that came out as kana).

    >>> line = "操作ϵͳ的内核ʹ用α"
    >>> [line[a:b] for a, b in unrepaired_runs(line)]
    ['ϵͳ', 'ʹ', 'α']
    """
    out: list[tuple[int, int]] = []
    for m in _unrepaired_re().finditer(line):
        a, b = m.span()
        before = line[a - 1] if a else ""
        after = line[b] if b < len(line) else ""
        if (
            (before and _is_han(before))
            or (after and _is_han(after))
            or ((not before or before.isspace()) and (not after or after.isspace()) and b - a > 1)
        ):
            out.append((a, b))
    return out


#: Repairs shorter than this (damaged characters) must not mix scripts.
MIXED_SPAN = 6


def _script(ch: str) -> str:
    cp = ord(ch)
    if _is_han(ch) or 0x3040 <= cp <= 0x30FF:
        return "cjk"
    if 0xAC00 <= cp <= 0xD7A3 or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if 0x0370 <= cp <= 0x03FF:
        return "greek"
    if 0x0400 <= cp <= 0x052F:
        return "cyrillic"
    if ch.isalpha():
        return "latin" if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF else f"other-{cp >> 7}"
    return ""


def _mixed_scripts(text: str) -> bool:
    """Whether the non-ASCII letters of ``text`` belong to two scripts or
    more (Han and kana count as one).

    >>> _mixed_scripts("彻ϼ{"), _mixed_scripts("中文abc"), _mixed_scripts("한국어")
    (True, False, False)
    """
    scripts = {_script(c) for c in text if not c.isascii()} - {""}
    return len(scripts) > 1


def _legacy_text(text: str, code: str) -> bool:
    """Whether ``text`` can be text of the original codec of kind ``code``
    (see :data:`_ORIGIN`; GBK for GB2312): every character encodable in it."""
    codec = "gbk" if _ORIGIN[code] == "gb2312" else _ORIGIN[code]
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def damage_marks(text: str, code: str | None = None) -> bool:
    """:func:`_damage_text`, or with ``code`` a character the original codec
    of that kind cannot encode (see :func:`_foreign_re`)."""
    if _damage_text(text):
        return True
    rx = _foreign_re(code) if code else None
    return rx is not None and rx.search(text) is not None


def _scan(
    rx: re.Pattern[str], text: str, skip: Callable[[re.Match[str]], bool] | None = None
) -> list[int]:
    found: list[int] = []
    pos = line = counted = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            return found
        if skip is not None and skip(m):
            pos = m.start() + 1
            continue
        line += text.count("\n", counted, m.start())
        counted = m.start()
        found.append(line)
        nl = text.find("\n", m.start())
        if nl < 0:
            return found
        pos = nl + 1


# --- the repair ----------------------------------------------------------------


@dataclass
class _Unit:
    start: int  # char offsets in the line
    end: int
    rep: str | None  # None: the bytes are not valid in the right codec
    bom: bool = False


def _units(line: str, kind: Kind) -> list[_Unit]:
    enc = _encoder(kind.wrong)
    dec = _decoder(kind.right)
    parser = _PARSERS[kind.right]
    lossy = kind.right == _UTF8 and kind.wrong == _GB and "\ufffd" in line
    units: list[_Unit] = []
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
            units.append(_Unit(i, i + 1, None))
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
                    and not all(ord(c) in _common_chars() for c in t)
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
                    _Unit(starts[seg_start], starts[pos], "".join(pieces) if valid else None, bom)
                )
                seg_start, pieces, valid, bom = pos, [], True, False
        if seg_start < off:
            units.append(_Unit(starts[seg_start], j, None))
        i = j
    return units


def _best_runs(
    deltas: list[float | None],
    lo: int,
    hi: int,
    out: list[tuple[int, int, float]],
    extend: Callable[[int, int, int, bool], float | None],
    th: Thresholds = STRICT,
    odd: Callable[[int], bool] = lambda k: False,
) -> None:
    """Maximal-sum runs of units in ``[lo, hi)`` (``None`` is a barrier).

    ``extend(k, a, b, left)`` says what taking unit ``k`` into the run
    ``[a, b)`` gains, judged in context, or ``None`` if it cannot join.

    The best run is taken, then the parts on either side of it are searched
    the same way. No run crosses a barrier (nor does an extension), so the
    stretches between barriers are searched one by one; the parts left to
    search are kept on a list, not on the call stack, so a line with
    thousands of damaged spans needs no deep recursion.
    """
    todo: list[tuple[int, int]] = []
    seg = hi
    for k in range(hi - 1, lo - 2, -1):
        if k < lo or deltas[k] is None:
            if k + 1 < seg:
                todo.append((k + 1, seg))
            seg = k
    while todo:
        lo_, hi_ = todo.pop()
        found = _best_run(deltas, lo_, hi_, extend, th, odd)
        if found is None:
            continue
        a, b, total = found
        out.append((a, b, total))
        # left part first, as a recursive search would
        if b < hi_:
            todo.append((b, hi_))
        if lo_ < a:
            todo.append((lo_, a))


def _best_run(
    deltas: list[float | None],
    lo: int,
    hi: int,
    extend: Callable[[int, int, int, bool], float | None],
    th: Thresholds,
    odd: Callable[[int], bool],
) -> tuple[int, int, float] | None:
    """The best run of ``[lo, hi)`` with its neighbours taken in, or None."""
    best = (0.0, -1, -1)
    cur = 0.0
    cur_start = lo
    for k in range(lo, hi):
        d = deltas[k]
        if d is None:
            cur, cur_start = 0.0, k + 1
            continue
        if cur <= 0.0:
            cur, cur_start = 0.0, k
        cur += d
        if cur > best[0]:
            best = (cur, cur_start, k + 1)
    total, a, b = best
    if a < 0 or total < th.min_gain:
        return None
    # Take in neighbours that cost little once their own neighbours are
    # repaired too: a damaged character that happens to be cheap (kana, say)
    # still belongs to the damaged run.
    while a > lo:
        g = extend(a - 1, a, b, True)
        if g is None or g < (_ODD_EXTEND if odd(a - 1) else th.extend):
            break
        a -= 1
        total += g
    while b < hi:
        g = extend(b, a, b, False)
        if g is None or g < (_ODD_EXTEND if odd(b) else th.extend):
            break
        total += g
        b += 1
    return a, b, total


def _candidates(
    line: str, kind: Kind, orig_scores: list[float], th: Thresholds = STRICT
) -> list[Repair]:
    from .plausibility import char_scores, logprob, score

    units = _units(line, kind)
    if not any(u.rep is not None and u.rep != line[u.start : u.end] for u in units):
        return []
    # the line with every valid unit repaired, for scores in context
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for u in units:
        t = u.rep if u.rep is not None else line[u.start : u.end]
        parts.append(t)
        spans.append((pos, pos + len(t)))
        pos += len(t)
    cand = "".join(parts)
    cand_scores = char_scores(cand)
    deltas: list[float | None] = []
    for u, (a, b) in zip(units, spans):
        if u.rep is None:
            deltas.append(None)
        else:
            deltas.append(sum(cand_scores[a:b]) - sum(orig_scores[u.start : u.end]))

    def extend(k: int, a: int, b: int, left: bool) -> float | None:
        u = units[k]
        orig = line[u.start : u.end]
        if u.rep is None or u.rep == orig:
            return None
        if left:
            pre = line[max(0, u.start - 3) : u.start]
            post = "".join(v.rep or "" for v in units[a : min(b, a + 3)])
        else:
            pre = "".join(v.rep or "" for v in units[max(a, b - 3) : b])
            post = line[u.end : u.end + 3]
        return logprob(pre + u.rep + post) - logprob(pre + orig + post)

    plain = _plain_chars()
    foreign = _foreign_re(kind.code) if th.foreign else None

    def odd(k: int) -> bool:
        """The unit's damaged text has nothing ordinary Chinese text has."""
        seg = line[units[k].start : units[k].end]
        if foreign is not None and foreign.search(seg):
            return True
        return all(ord(c) not in plain for c in seg)

    runs: list[tuple[int, int, float]] = []
    _best_runs(deltas, 0, len(units), runs, extend, th, odd)

    # The deltas were scored with every unit repaired, so a clean character
    # next to the damage was judged among garbage: an edge unit of plain
    # text that loses once its real neighbours are there is not damage.
    # Kana made from GBK/Big5 bytes of plain text is such a neighbour too.
    def new_kana(k: int) -> bool:
        rep, orig = units[k].rep or "", line[units[k].start : units[k].end]
        return kind.right != _UTF8 and _KANA.search(rep) is not None and _KANA.search(orig) is None

    trimmed: list[tuple[int, int, float]] = []
    for a, b, gain in runs:
        while b - a > 1 and not odd(b - 1):
            g = extend(b - 1, a, b - 1, False)
            if not new_kana(b - 1) and (g is None or g >= 0.0):
                break
            b -= 1
        while b - a > 1 and not odd(a):
            g = extend(a, a + 1, b, True)
            if not new_kana(a) and (g is None or g >= 0.0):
                break
            a += 1
        trimmed.append((a, b, gain))
    runs = trimmed
    if th.odd_floor is not None:
        # In a text known to have this damage, a block of units that are
        # mostly odd characters (a name that came out as kana) is repaired
        # even without a gain of its own, unless that costs too much.
        taken = [False] * len(units)
        for a, b, _ in runs:
            for k in range(a, b):
                taken[k] = True
        k = 0
        while k < len(units):
            if deltas[k] is None or taken[k] or units[k].rep == line[units[k].start : units[k].end]:
                k += 1
                continue
            j = k
            while (
                j < len(units)
                and deltas[j] is not None
                and not taken[j]
                and units[j].rep != line[units[j].start : units[j].end]
            ):
                j += 1
            # (rare Han characters do not count: '皎皎' is a word)
            n_odd = sum(
                1
                for m in range(k, j)
                if odd(m)
                and (
                    not any(_is_han(c) for c in line[units[m].start : units[m].end])
                    or (
                        foreign is not None
                        and foreign.search(line, units[m].start, units[m].end) is not None
                    )
                )
            )
            total = sum(d for d in deltas[k:j] if d is not None)
            if n_odd * 2 >= j - k and total >= th.odd_floor:
                runs.append((k, j, max(total, th.min_gain)))
            k = j
    out: list[Repair] = []
    line_high = sum(1 for c in line if ord(c) > 0x7F)
    common = _common_chars()
    trimmed_runs: list[tuple[int, int, float]] = []
    for a, b, gain in runs:
        # trim units that the repair leaves as they were (ASCII)
        while a < b and units[a].rep == line[units[a].start : units[a].end] and not units[a].bom:
            a += 1
        while (
            b > a
            and units[b - 1].rep == line[units[b - 1].start : units[b - 1].end]
            and not units[b - 1].bom
        ):
            b -= 1
        if a < b:
            trimmed_runs.append((a, b, gain))
    # how much of the line the runs take in together (a line of damage may
    # come out as a few runs, cut by punctuation)
    run_total = sum(
        1
        for a, b, _ in trimmed_runs
        for c in line[units[a].start : units[b - 1].end]
        if ord(c) > 0x7F
    )
    for a, b, gain in trimmed_runs:
        start, end = units[a].start, units[b - 1].end
        original = line[start:end]
        replacement = "".join(u.rep or "" for u in units[a:b])
        damaged = sum(1 for c in original if ord(c) > 0x7F)
        has_bom = any(u.bom for u in units[a:b])
        if damaged < th.min_damaged and not has_bom:
            continue
        if gain < th.min_gain_per_char * damaged:
            continue
        if kind.wrong == _LATIN:
            # Latin-1 letters are what UTF-8 mojibake of European text is
            # made of too ('HÃ´tel' is also GBK for 'H么tel'): leave to ftfy
            # anything short or whose bytes read as UTF-8.
            # (U+FFFD counts as the continuation byte it probably replaced)
            c0 = max(0, start - 6)
            before = _encode_all(line[c0:start].replace("\ufffd", "\x80"), kind.wrong)
            span = _encode_all(original.replace("\ufffd", "\x80"), kind.wrong)
            after_ = _encode_all(line[end : end + 6].replace("\ufffd", "\x80"), kind.wrong)
            cov = utf8_coverage(before + span + after_, len(before), len(before) + len(span))
            if _longest_high_run(original) < th.min_latin_run or (cov >= 0.8 and not th.utf8_ok):
                continue
        elif (
            not any(
                _is_han(c) or "\ue000" <= c <= "\uf8ff" or (th.foreign and _is_kana(c))
                for c in original
            )
            or _longest_high_run(original) < th.min_damaged
        ):
            # text decoded with a CJK codec has Han (or user-defined) characters in it
            continue
        known = replacement.replace("\ufffd", "")  # less the characters that were lost
        if known and not (_CJK_CHAR if not th.punct_ok else _CJK_OR_PUNCT).search(known):
            continue  # the kinds here all repair CJK text
        if not known and replacement and not th.punct_ok:
            continue  # the kinds here all repair CJK text
        marked = foreign is not None and foreign.search(original) is not None
        if all(ord(c) in plain for c in original) and not marked:
            continue  # damage always has something odd in it
        if th.need_mark and not marked and not _damage_text(original):
            continue  # less evidence: then a clear mark of damage is needed
        unmarked = MIN_UNMARKED + (1 if kind.code in _ORIGIN else 0)
        if (
            th.alone
            and run_total < unmarked
            and (run_total < line_high or kind.code in _ORIGIN)
            and not _unrepaired_re().search(original)
        ):
            # a few characters with nothing odd about them are words of a
            # rarer register (皎皎, 泬寥, 雁嚶嚶, 许敖敖 in verse and names;
            # '梪●' in a classic, ● marking a lost character), not damage,
            # however much likelier the round trip reads
            continue
        if (
            th.alone
            and not _damage_text(original)
            and any(not _is_han(c) and ord(c) not in common and c != "\ufffd" for c in replacement)
        ):
            # Chinese text with nothing odd in it, judged on its own, is
            # not "repaired" into scripts no Chinese page mixes in ('岷峨，'
            # is not UTF-8 read as GBK of 'Ặ룬')
            continue
        if not th.need_mark and run_total < MIXED_SPAN and _mixed_scripts(replacement):
            # a short repair into letters of two scripts at once is a wrong
            # reading ('褰幌納' is not UTF-8 read as GBK of '彻ϼ{')
            continue
        if (
            th.alone
            and kind.code in _ORIGIN
            and run_total < LEGACY_SPAN
            and 2 * run_total < line_high
        ):
            # a few characters of a longer clean line: a whole page read
            # with the wrong legacy codec damages whole lines ('萋萋麥隴'
            # in a line of verse is not GBK read as Big5 of '抵抵沉明')
            continue
        if th.alone and kind.code in _ORIGIN and not _legacy_text(replacement, kind.code):
            # judged on its own, a repair into the other legacy codec must
            # give the text that codec's pages hold: common Han characters
            # of it, mostly ('床Ⅱ—Ⅲ' is not GBK read as Big5 of '散ｊ〞ｋ')
            continue
        if kind.right != _UTF8 and _KANA.search(replacement) and not _KANA.search(original):
            continue  # kana from GBK/Big5 bytes: Chinese text read into Japanese
        rep_scores = cand_scores[spans[a][0] : spans[b - 1][1]]
        if any(s <= _DAMAGE_COST and c != "\ufffd" for s, c in zip(rep_scores, replacement)):
            continue
        if replacement.count("\ufffd") > original.count("\ufffd"):
            continue
        after = score(known) if known.strip() else 0.0
        if known.strip() and after < th.min_score:
            continue
        out.append(
            Repair(
                start=start,
                end=end,
                original=original,
                replacement=replacement,
                kind=kind,
                gain=round(gain, 2),
                score_before=round(score(original), 2),
                score_after=round(after, 2),
                bom=has_bom,
            )
        )
    return out


_LATIN_PAIR = re.compile(
    "[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}"
)
_TWO_UTF8 = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){2}"
)


def _may_apply(line: str, kind: Kind) -> bool:
    """A cheap necessary condition for ``kind`` to repair anything in ``line``."""
    if kind.wrong == _LATIN:
        return _LATIN_PAIR.search(line) is not None
    if kind.right == _UTF8:
        # two UTF-8 characters in a row somewhere in the bytes
        if "\ufffd" in line or "\u9518" in line:
            return True
        data = line.encode(kind.wrong[-1], errors="ignore")
        return _TWO_UTF8.search(data) is not None
    return True


def _one_layer(line: str, kinds: tuple[Kind, ...], th: Thresholds = STRICT) -> list[Repair]:
    from .plausibility import char_scores

    orig_scores = char_scores(line)
    found: list[Repair] = []
    for kind in kinds:
        if _may_apply(line, kind):
            found.extend(_candidates(line, kind, orig_scores, th))
    # the best repairs that do not overlap
    found.sort(key=lambda r: -r.gain)
    chosen: list[Repair] = []
    for r in found:
        if all(r.end <= c.start or r.start >= c.end for c in chosen):
            chosen.append(r)
    chosen.sort(key=lambda r: r.start)
    return chosen


def _apply(line: str, repairs: list[Repair]) -> str:
    out: list[str] = []
    pos = 0
    for r in repairs:
        out.append(line[pos : r.start])
        out.append(r.replacement)
        pos = r.end
    out.append(line[pos:])
    return "".join(out)


def _inverse(a: Kind, b: Kind) -> bool:
    return a.wrong[0] == b.right[0] and a.right[0] == b.wrong[0]


def _shift_spans(spans: list[tuple[int, int]], repairs: list[Repair]) -> list[tuple[int, int]]:
    """Where ``spans`` of a text are after ``repairs`` (each inside one span,
    or outside all of them) are applied to it; the repairs' own spans join."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        na, nb = a, b
        for r in repairs:
            d = len(r.replacement) - (r.end - r.start)
            if r.end <= a:
                na, nb = na + d, nb + d
            elif r.start >= a and r.end <= b:
                nb += d
        out.append((na, nb))
    shift = 0
    for r in repairs:
        if not any(a <= r.start and r.end <= b for a, b in spans):
            out.append((r.start + shift, r.start + shift + len(r.replacement)))
        shift += len(r.replacement) - (r.end - r.start)
    return sorted(out)


def repair_line(
    line: str,
    kinds: tuple[Kind, ...] = KINDS,
    th: Thresholds = STRICT,
    *,
    max_layers: int = MAX_LAYERS,
    protect: list[tuple[int, int]] | None = None,
) -> tuple[str, list[list[Repair]]]:
    """Repair one line (no newline in it).

    Returns the new line and the repairs made, one list per layer: the
    offsets of a layer's repairs are in the text the layer before produced.
    A later layer only works inside what the layer before repaired (text
    damaged twice), and never undoes it with the inverse kind. Spans in
    ``protect`` (text an earlier pass repaired) are left alone.
    """
    layers: list[list[Repair]] = []
    for _ in range(max_layers):
        repairs = _one_layer(line, kinds, th)
        if protect:
            repairs = [r for r in repairs if all(r.end <= a or r.start >= b for a, b in protect)]
        if layers:
            prev = layers[-1]
            spans = _shift_spans([], prev)
            repairs = [
                r
                for r in repairs
                if any(a <= r.start and r.end <= b for a, b in spans)
                and not any(_inverse(r.kind, p.kind) for p in prev)
                and r.gain >= LATER_LAYER_GAIN
            ]
        if not repairs:
            break
        layers.append(repairs)
        line = _apply(line, repairs)
    return line, layers


def repaired_spans(layers: list[list[Repair]]) -> list[tuple[int, int]]:
    """The spans of the final line that :func:`repair_line` produced."""
    spans: list[tuple[int, int]] = []
    for repairs in layers:
        spans = _shift_spans(spans, repairs)
    return spans


@dataclass
class Piece:
    """One change to a line, in the line's own columns (see :func:`repair`).

    :param repair: the repair (of the first layer, if the text was damaged
        more than once); its ``kind``, ``gain`` and scores describe the piece.
    :param codes: the codes of every layer undone, outermost first.
    """

    start: int
    end: int
    replacement: str
    repair: Repair
    codes: list[str]


#: Characters of clean text kept on each side of the suspect part of a long
#: line when only that part is examined.
WINDOW_MARGIN = 40


def _windows(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _suspect_re().finditer(line):
        a, b = max(0, m.start() - WINDOW_MARGIN), min(len(line), m.end() + WINDOW_MARGIN)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans or [(0, len(line))]


def repair(
    line: str,
    kinds: tuple[Kind, ...] = KINDS,
    th: Thresholds = STRICT,
    *,
    protect: list[tuple[int, int]] | None = None,
    windowed: bool = False,
) -> tuple[str, list[Piece]]:
    """Repair one line; the changes come back as :class:`Piece` s in the
    columns of ``line``. With ``windowed``, a long line is examined only
    around its suspect characters (what :func:`suspect_lines` looks for),
    which keeps a rare word in a long clean paragraph cheap."""
    windows = _windows(line) if windowed and len(line) > 4 * WINDOW_MARGIN else [(0, len(line))]
    if protect and not th.alone:
        # the parts between the repaired spans, each judged on its own (the
        # repaired text would only confuse the search for the best runs)
        windows = []
        pos = 0
        for a, b in sorted(protect):
            if a > pos:
                windows.append((pos, a))
            pos = max(pos, b)
        if pos < len(line):
            windows.append((pos, len(line)))
    pieces: list[Piece] = []
    for w0, w1 in windows:
        part = line[w0:w1]
        prot = [(max(a, w0) - w0, min(b, w1) - w0) for a, b in protect or [] if a < w1 and b > w0]
        new, layers = repair_line(
            part, kinds, th, max_layers=1 if th.need_mark else MAX_LAYERS, protect=prot
        )
        if not layers:
            continue
        if len(layers) > 1:
            p, old, rep = changed_span(part, new)
            codes = [r.code for rs in layers for r in rs]
            pieces.append(Piece(w0 + p, w0 + p + len(old), rep, layers[0][0], codes))
        else:
            pieces.extend(
                Piece(w0 + r.start, w0 + r.end, r.replacement, r, [r.code]) for r in layers[0]
            )
    out: list[str] = []
    pos = 0
    for pc in pieces:
        out.append(line[pos : pc.start])
        out.append(pc.replacement)
        pos = pc.end
    out.append(line[pos:])
    return "".join(out), pieces


def repair_whole(line: str, kind: Kind) -> Piece | None:
    """The repair of all of ``line`` by ``kind``, for a text established as
    damaged by that kind (the step's document-level decision), or None.

    Every character must round-trip (the bytes are valid in the right
    codec), and the repaired line must be no less plausible than the line
    as it is, with no character that is damage itself: what is left of a
    page that was damaged everywhere (a name, ``約癘`` for ``廣記``, a
    one-character line).
    """
    from .plausibility import char_scores, logprob, score

    units = _units(line, kind)
    if not units or any(u.rep is None for u in units):
        return None
    rep = "".join(u.rep or "" for u in units)
    if rep == line or any(u.bom for u in units):
        return None
    p, original, replacement = changed_span(line, rep)
    if original.isascii() or not _CJK_OR_PUNCT.search(replacement):
        return None
    if _KANA.search(replacement) and not _KANA.search(original):
        return None
    if "\ufffd" in replacement or any(s_ <= _DAMAGE_COST for s_ in char_scores(replacement)):
        return None
    gain = logprob(rep) - logprob(line)
    if gain < 0.0 or score(replacement) < DOCUMENT.min_score:
        return None
    r = Repair(
        start=p,
        end=p + len(original),
        original=original,
        replacement=replacement,
        kind=kind,
        gain=round(gain, 2),
        score_before=round(score(original), 2),
        score_after=round(score(replacement), 2),
    )
    return Piece(p, p + len(original), replacement, r, [kind.code])


#: A short gap joins the repaired text around it if that costs no more
#: than this in context (see :func:`repair_gaps`).
GAP_FLOOR = -3.0
_GAP_CHARS = 2
#: ... and a gap of up to four characters with a mark of damage in it
#: (kana, a character the original codec lacks), at this cost.
GAP_FLOOR_MARKED = -6.0
_GAP_CHARS_MARKED = 4


def repair_gaps(line: str, kind: Kind, spans: list[tuple[int, int]]) -> list[Piece]:
    """Repairs of the one or two characters left between the repaired
    ``spans`` of ``line`` or between one and the line's edge, for a text
    established as damaged by ``kind``.

    The plausibility model sometimes prefers the damaged character (``柑``
    over ``裡`` after ``努``), so a gap takes the repair when it round-trips,
    gives CJK text and costs at most :data:`GAP_FLOOR` judged with the
    repaired text around it (:data:`GAP_FLOOR_MARKED` for a gap of up to
    four characters with a mark of damage, see :func:`damage_marks`: the
    name ``苦く茫`` for ``賴仁瓊``). The gap must be all non-ASCII, non-space.
    """
    from .plausibility import char_scores, logprob

    if not spans:
        return []
    spans = sorted(spans)
    bounds = [0] + [x for ab in spans for x in ab] + [len(line)]
    out: list[Piece] = []
    for k in range(0, len(bounds), 2):
        a, b = bounds[k], bounds[k + 1]
        gap = line[a:b]
        if not gap or any(c.isascii() or c.isspace() or c == "\xa0" for c in gap):
            continue
        marked = damage_marks(gap, kind.code)
        if len(gap) > (_GAP_CHARS_MARKED if marked else _GAP_CHARS):
            continue
        units = _units(gap, kind)
        if not units or any(u.rep is None for u in units):
            continue
        rep = "".join(u.rep or "" for u in units)
        common = _common_chars()
        if rep == gap or _KANA.search(rep):
            continue
        if not _CJK_CHAR.search(rep) and not all(ord(c) in common and not c.isascii() for c in rep):
            continue  # CJK text, or the bullets and symbols of CJK text ('●' read as '〈')
        if "\ufffd" in rep or any(s_ <= _DAMAGE_COST for s_ in char_scores(rep)):
            continue
        pre, post = line[max(0, a - 3) : a], line[b : b + 3]
        gain = logprob(pre + rep + post) - logprob(pre + gap + post)
        if gain < (GAP_FLOOR_MARKED if marked else GAP_FLOOR):
            continue
        r = Repair(a, b, gap, rep, kind, round(gain, 2), 0.0, 0.0)
        r.score_before, r.score_after = round(_score(gap), 2), round(_score(rep), 2)
        out.append(Piece(a, b, rep, r, [kind.code]))
    return out


def _score(text: str) -> float:
    from .plausibility import score

    return score(text)


def _build_common_table(path: str = "cleantext/_cjk_common.py", threshold: float = -5.0) -> int:
    """Regenerate :mod:`cleantext._cjk_common` from the frequency table
    (run from the repository root); returns the number of characters."""
    from . import plausibility

    plausibility._load()
    level1: set[str] = set()  # GB2312 level 1 and Big5's common set
    for a in range(0xA4, 0xD8):
        for b in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            for codec, lo, hi in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
                if lo <= a <= hi:
                    try:
                        level1.add(bytes([a, b]).decode(codec))
                    except UnicodeDecodeError:
                        pass
    # jieba's word list was built from web text with some mojibake in it
    # ('鍏', '锛', '銆' are frequent there): keep level-1 characters only.
    common = {c for c, lp in plausibility._UNI_RAW.items() if lp >= threshold and c in level1}
    # Taiwan-standard forms the table files under another variant (為 for
    # 爲, 裡 for 裏): Big5 characters that OpenCC's t2s makes a frequent one.
    import opencc  # only when regenerating

    t2s = opencc.OpenCC("t2s")
    big5 = {c for c in level1 if c.encode("big5", errors="ignore")}
    for c in big5 - common:
        s = t2s.convert(c)
        if s != c and s in common and plausibility._UNI_RAW.get(s, -9.0) >= threshold + 0.5:
            common.add(c)
    chars = sorted(common, key=ord)
    body = "".join(chars)
    with open(path, encoding="utf-8") as f:
        old = f.read()
    head = old[: old.index("COMMON_HAN = (")]
    lines = "".join(f'    "{body[i : i + 60]}"\n' for i in range(0, len(body), 60))
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "COMMON_HAN = (\n" + lines + ")\n")
    return len(chars)
