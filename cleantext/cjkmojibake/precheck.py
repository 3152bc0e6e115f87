"""The cheap pre-checks of CJK mojibake repair, and the marks of damage.

:func:`suspect_lines` finds the lines worth a repair attempt with one
regular-expression pass (two unusual characters close together; "usual" is
:mod:`cleantext._cjk_common` plus scripts and punctuation);
:func:`big5_suspect_lines` finds short lines with one unusual character
that read back into more usual ones (GBK read as Big5 is mostly common
characters). :func:`has_damage_mark`, :func:`damage_marks` and
:func:`unrepaired_runs` tell a character that only damage produces
(private use, kana in Chinese, GBK-only Han...) from a rare word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from ..plausibility import pair_score
from ..textutil import HAN_CLASS, Budget, lazy_re
from ..textutil import is_han as _is_han

#: Kana, Han and Hangul (the class of :func:`cjk_char`).
CJK_CLASS = "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\U00020000-\U000323af"
#: A CJK character (compiled on first use, as :func:`cjk_or_punct`).
cjk_char = lazy_re(f"[{CJK_CLASS}]")
#: A CJK character or a mark of CJK punctuation.
cjk_or_punct = lazy_re(f"[{CJK_CLASS}\u3000-\u303f\uff01-\uff5e“”‘’—…·]")
KANA = re.compile("[\u3041-\u30ff]")
_HIGH_RUN = re.compile(r"[^\x00-\x7f]+")


def longest_high_run(text: str) -> int:
    return max((len(m.group()) for m in _HIGH_RUN.finditer(text)), default=0)


# --- the cheap pre-check -------------------------------------------------------


def char_class(cps: list[int]) -> str:
    """A regex character-class body for a sorted list of code points.

    >>> print(char_class([0x41, 0x42, 0x43, 0x5D, 0x4E00]))
    A-C\\]一
    """
    # (where each run ends found by one comprehension over the pairs side
    # by side: the big classes have 20,000 code points; re.escape changes
    # only ASCII characters, so the others are written as they are)
    ends = [i for i, a, b in zip(range(1, len(cps)), cps, cps[1:]) if b != a + 1]
    out: list[str] = []
    start = 0
    esc = _ASCII_ESCAPED.get
    for end in [*ends, len(cps)] if cps else []:
        a, b = cps[start], cps[end - 1]
        out.append(esc(a, chr(a)) if a == b else f"{esc(a, chr(a))}-{esc(b, chr(b))}")
        start = end
    return "".join(out)


#: re.escape of each ASCII character (:func:`char_class`).
_ASCII_ESCAPED = {cp: re.escape(chr(cp)) for cp in range(0x80)}


@lru_cache(maxsize=1)
def common_chars() -> frozenset[int]:
    """Code points that are ordinary in CJK text and rare in mojibake.

    The Han characters are the 4,270 most frequent ones of Simplified and
    Traditional text (:mod:`cleantext._cjk_common`); then scripts and
    punctuation.
    """
    from .._cjk_common import COMMON_HAN

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
def plain_chars() -> frozenset[int]:
    """Common Han, ASCII and CJK punctuation: what a damaged character next
    to a repaired run is *not* if it is damage too."""
    han = {cp for cp in common_chars() if 0x4E00 <= cp <= 0x9FFF}
    other = set(range(0x80)) | set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F))
    other.update(ord(c) for c in "“”‘’—…·")
    return frozenset(han | other)


#: An odd neighbour (kana, Greek, Cyrillic, symbols: see :func:`plain_chars`)
#: joins a repaired run even if the repair costs this much in context.
ODD_EXTEND = -3.0


@lru_cache(maxsize=1)
def suspect_usual() -> frozenset[int]:
    """The characters :func:`suspect_re` counts as usual: its unusual ones
    are all others but ``\\n``. Big5 read as GBK turns common characters
    into kana (中 -> い), so kana count as unusual here, and a match of two
    kana is dropped afterwards (that is Japanese)."""
    return common_chars().difference(_KANA_CPS)


@lru_cache(maxsize=1)
def suspect_re() -> re.Pattern[str]:
    # Two unusual characters at most one character apart. Mojibake is dense
    # with them; clean text has one now and then.
    return re.compile(_suspect_pattern(_unusual_class(), "suspect"))


@lru_cache(maxsize=1)
def suspect_pairs_re() -> re.Pattern[str]:
    """:func:`suspect_re`'s matches that are not two kana (see
    :func:`not_two_kana`): the matches :func:`suspect_spans` asks
    :func:`harmless` about, found at C speed. Japanese text has a match
    of two kana at nearly every kana, each once a call of ``harmless``
    that says yes."""
    return re.compile(_suspect_pattern(_unusual_class(), "pairs"))


def _unusual_class() -> str:
    """The class of :func:`suspect_re`'s unusual characters."""
    return f"[^{char_class(sorted(suspect_usual()))}\\n]"


def not_two_kana(s: str) -> str:
    """What :func:`suspect_re` (with ``s``, its class of unusual
    characters) takes after an unusual character, read from behind it
    (group 1: the rest of its match, greedy as there), where its match is
    not two kana: the character before is not kana, or the last of the
    match is not (group 1 read again by its back reference, then the
    character behind). A look-ahead is not gone back into once it holds,
    so group 1 is the match :func:`suspect_re` makes at that place, and
    only that match is asked about, as :func:`match_lines` asks
    :func:`harmless` about it (which says yes to two kana: :data:`KANA`
    is :func:`is_kana`)."""
    kana = KANA.pattern
    return f"(?=([^\\n]?{s}))(?:(?<!{kana})|(?=\\1(?<!{kana})))"


def _suspect_pattern(s: str, built: str) -> str:
    """The pattern of :func:`suspect_re` (``built`` "suspect") or of
    :func:`suspect_pairs_re` ("pairs") with the class ``s`` of unusual
    characters: the second is the first's match where
    :func:`not_two_kana` holds (the match taken again by the back
    reference)."""
    if built == "suspect":
        return f"{s}[^\\n]?{s}"
    return f"{s}{not_two_kana(s)}\\1"


#: A text at most this long is scanned, while the pre-check's regex of that
#: kind is not built, with one made for it: its unusual characters (its set
#: of characters less the usual ones) in place of the big class of usual
#: ones. The big regexes' classes of 4,000 code points take 15-20 ms to
#: build and compile, a text's own some 0.1 ms and 60 ns a character for
#: its set: the first files of a process (a hook on one file, a worker's
#: first small files) never pay for the big ones.
SMALL_TEXT = 65536
#: Characters each kind's own regexes may take in all (see SMALL_TEXT),
#: each text counted SMALL_COST more for its compile, before the big regex
#: is built: a process that cleans more pays at most about twice what the
#: big regex alone would have cost it.
SMALL_BUDGET = 131_072
SMALL_COST = 2048

#: The last text :func:`_odd_class` looked at and the code points in it
#: (both pre-checks look at the same text, one after the other).
_last_cps: tuple[str, frozenset[int]] = ("", frozenset())
#: Kana: unusual to :func:`suspect_re` (see there), usual to :func:`_one_unusual_re`.
_KANA_CPS = range(0x3041, 0x3100)


def _odd_class(text: str, built: str) -> tuple[str, frozenset[int]] | None:
    """The class body of the characters of ``text`` that the regex named
    ``built`` counts as unusual (``""``: none) and the code points of
    ``text``, or None: the text is longer than SMALL_TEXT, that regex is
    compiled, or its budget is spent.

    Why a regex with this class finds what the big one finds in ``text``: a
    class is only ever tried on characters of the text, and on every one of
    them ``[^usual]`` and ``[odd]`` agree (odd is the text's characters not
    in usual), so the two patterns, the same but for that class, match the
    same spans at the same places. With no odd character, nothing matches.
    (The text's code points less :func:`common_chars`, which holds ``\\n``,
    as sets of ints at C speed: no table of usual characters is built.)"""
    global _last_cps
    if len(text) > SMALL_TEXT or not _small_budgets[built].cheap(len(text) + SMALL_COST):
        return None
    last = _last_cps  # (read once: another thread may replace it)
    if last[0] is text:
        cps = last[1]
    else:
        cps = frozenset(map(ord, frozenset(text)))
        _last_cps = (text, cps)
    odd = cps.difference(common_chars())
    if built != "unusual":
        odd |= cps.intersection(_KANA_CPS)
    return char_class(sorted(odd)), cps


#: The code points of the last text :func:`suspect_re_for` or
#: :func:`suspect_pairs_for` made a regex for, and the body of its class of
#: unusual characters ("": nothing to find).
_last_suspect: tuple[frozenset[int], str] = (frozenset(), "")


def suspect_re_for(text: str) -> re.Pattern[str] | None:
    """:func:`suspect_re`, or a regex that finds the same in ``text`` made
    for it (see :data:`SMALL_TEXT`); None where either finds nothing.

    A text all of whose characters are in the last text given one of its
    own (a line of that text, or its repair that took in no new character)
    gets one made from that text's class, with no budget spent (and
    nothing compiled: ``re`` keeps the patterns it compiled): its class
    agrees with the big one on every character of the text too."""
    return _suspect_for(text, "suspect")


def suspect_pairs_for(text: str) -> re.Pattern[str] | None:
    """:func:`suspect_pairs_re`, or a regex that finds the same in ``text``
    made for it, as :func:`suspect_re_for` (the two share their last class
    of unusual characters: the same characters)."""
    return _suspect_for(text, "pairs")


def _suspect_for(text: str, built: str) -> re.Pattern[str] | None:
    """:func:`suspect_re_for` (``built`` "suspect") or
    :func:`suspect_pairs_for` ("pairs")."""
    global _last_suspect
    budget = _small_budgets[built]
    if len(text) <= SMALL_TEXT and not budget.built():
        cps, odd = _last_suspect  # (read once: another thread may replace it)
        if cps and cps.issuperset(map(ord, text)):
            return re.compile(_suspect_pattern(f"[{odd}]", built)) if odd else None
    found = _odd_class(text, built)
    if found is None:
        return suspect_re() if built == "suspect" else suspect_pairs_re()
    odd, cps = found
    _last_suspect = (cps, odd)
    return re.compile(_suspect_pattern(f"[{odd}]", built)) if odd else None


def suspect_lines(text: str) -> list[int]:
    """0-based indexes of the lines worth a repair attempt (may be empty).

    One regular-expression scan; clean CJK text finds nothing.

    >>> suspect_lines("中文\\n鍙戝睍\\nabc")
    [1]
    """
    return sorted(suspect_spans(text))


#: Lines of a text by number: (start, end) offsets, the end at the line's
#: ``\n`` (or the end of the text).
Spans = dict[int, tuple[int, int]]


def suspect_spans(text: str) -> Spans:
    """:func:`suspect_lines` with the offsets of each line.

    >>> suspect_spans("中文\\n鍙戝睍\\nabc")
    {1: (3, 6)}
    """
    if text.isascii():
        return {}
    rx = suspect_pairs_for(text)  # (a UTF-8 BOM read as GBK, '锘', is unusual)
    if rx is None:
        return {}
    return with_bom_lines(text, {line: (a, b) for line, a, b in match_lines(rx, text, _two_kana)})


def with_bom_lines(text: str, found: Spans) -> Spans:
    """``found`` (the lines of :func:`suspect_re` in ``text``) with the lines
    of a UTF-8 BOM read as GBK ('锘') put in after them."""
    if "\u9518" in text:  # 锘: a UTF-8 BOM read as GBK
        for line, a, b in match_lines(_BOM_RE, text):
            found.setdefault(line, (a, b))
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
    return sorted(big5_suspect_spans(text))


def big5_suspect_spans(text: str) -> Spans:
    """:func:`big5_suspect_lines` with the offsets of each line."""
    return _short_lines(text)


_BOM_RE = re.compile("\u9518")
#: Lines this short are looked at for one unusual character.
SHORT_LINE = 16


@lru_cache(maxsize=1)
def _one_unusual_re() -> re.Pattern[str]:
    """An unusual character with at most ``SHORT_LINE`` characters before
    it and after it on its line: every one in a line of at most
    ``SHORT_LINE + 1`` characters (the bound of :func:`_short_lines`, a
    ``\\r`` counted) is one; longer lines it finds are dropped by the
    length test. The lookarounds, one class
    first, leave the engine's fast scan for the class and spare the Python
    loop a stop at each unusual character of long lines (28 -> 6 ms on 10
    MB of clean prose)."""
    usual = sorted(set(common_chars()))
    return re.compile(_unusual_pattern(f"^{char_class(usual)}\\n"))


#: Each pre-check regex's budget (see :data:`SMALL_TEXT`).
_small_budgets = {
    "suspect": Budget(SMALL_BUDGET, suspect_re),
    "pairs": Budget(SMALL_BUDGET, suspect_pairs_re),
    "unusual": Budget(SMALL_BUDGET, _one_unusual_re),
}


#: What :func:`_one_unusual_re` asks after its unusual character: at most
#: ``SHORT_LINE`` characters of its line before it and after it.
SHORT_AROUND = f"(?<![^\\n]{{{SHORT_LINE + 2}}})(?![^\\n]{{{SHORT_LINE + 1}}})"


def _unusual_pattern(odd: str) -> str:
    """:func:`_one_unusual_re`'s pattern with ``odd`` as its class's body."""
    return f"[{odd}]{SHORT_AROUND}"


def _short_lines(text: str) -> Spans:
    """Lines of at most :data:`SHORT_LINE` characters with one unusual
    character that read in full as one of the Big5 kinds (a short clean
    line seldom round-trips strictly)."""
    if text.isascii():
        return {}
    found = _odd_class(text, "unusual")
    odd = None if found is None else found[0]
    if odd == "":
        return {}
    # One scan of the whole text for unusual characters; only their lines
    # are looked at (clean text has few, and no per-line loop is paid).
    # match_lines' loop, with the line counted only for a line kept (most
    # lines the scan stops in are too long: 12,599 of them in 50 MB of
    # prose, 346 kept).
    out: Spans = {}
    search = (_one_unusual_re() if odd is None else re.compile(_unusual_pattern(odd))).search
    n = len(text)
    pos = line = counted = 0
    while True:
        m = search(text, pos)
        if m is None:
            return out
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.start())
        if b < 0:
            b = n
        if short_line(text, a, b):
            line += text.count("\n", counted, a)
            counted = a
            out[line] = (a, b)
        pos = b + 1


def short_line(text: str, a: int, b: int) -> bool:
    """Whether :func:`_short_lines` keeps the line ``text[a:b]`` (``b`` at its
    ``\\n`` or the text's end) in which its regex found an unusual
    character: at most :data:`SHORT_LINE` characters (less a ``\\r``), all
    of it reading back as a Big5 kind."""
    if b - a > SHORT_LINE + 1:
        return False
    body = text[a:b].rstrip("\r")
    return bool(body) and len(body) <= SHORT_LINE and _round_trips(body)


def _round_trips(line: str) -> bool:
    """Whether all of ``line`` reads back strictly as Big5 read as GBK or
    GBK read as Big5, into text with fewer unusual characters."""
    common = common_chars()
    odd = -1  # (counted once a reading back differs: most short lines have none)
    for wrong, right in (("gb18030", "big5"), ("big5", "gbk")):
        try:
            back = line.encode(wrong).decode(right)
        except UnicodeError:
            continue
        if back != line:
            if odd < 0:
                odd = sum(1 for c in line if ord(c) not in common)
            if sum(1 for c in back if ord(c) not in common) < odd:
                return True
    return False


def is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff"


# An inline pinyin annotation after a Han character: 業(yè), 區（qū）. Its
# tone-marked vowels are Latin-1 letters, but the pinyin step owns them.
_ANNOTATION = re.compile("[(\uff08][a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}[0-5]?[)\uff09]")


def _in_annotation(s: str, i: int) -> bool:
    """Whether ``s[i]`` sits inside a pinyin annotation of the Han character
    before it."""
    lo = max(0, i - 8)
    j = max(s.rfind("(", lo, i), s.rfind("\uff08", lo, i))
    if j <= 0 or not _is_han(s[j - 1]):
        return False
    a = _ANNOTATION.match(s, j)
    return a is not None and a.end() > i


def _two_kana(m: re.Match[str]) -> bool:
    """Matches of the pre-check that are not damage (see :func:`harmless`;
    :func:`suspect_pairs_re` leaves out two kana already)."""
    return harmless(m.string, m.start(), m.end())


def harmless(s: str, a: int, b: int) -> bool:
    """Whether the pre-check's match ``s[a:b]`` is not damage: two kana
    (Japanese), a repeat, two rare Han characters that make a known word
    (猖獗), or a tone-marked vowel of a pinyin annotation (業(yè)孵)."""
    g = s[a:b]
    if (
        g[0] in "\u00e0\u00e1\u00e8\u00e9\u00ec\u00ed\u00f2\u00f3\u00f9\u00fa\u00fc"
        or "\u0101" <= g[0] <= "\u01dc"
    ):
        if _in_annotation(s, a):
            return True
    if is_kana(g[0]) and is_kana(g[-1]):
        return True
    if g[0] == g[-1]:
        return True  # 靄靄, 赃款赃, ──: a repeat is writing, not damage
    return len(g) == 2 and _is_han(g[0]) and _is_han(g[1]) and _known_word(g)


def _known_word(pair: str) -> bool:
    return pair_score(pair) is not None


def has_damage_mark(text: str) -> bool:
    """Whether ``text`` has a character that is a mark of damage: one that
    is odd in Chinese text (see :func:`plain_chars`) and is not a Han
    character of GB2312 or Big5 (rare words are not damage; private-use,
    kana, symbols, U+FFFD and GBK-only Han are)."""
    return _damage_re().search(text) is not None


@lru_cache(maxsize=1)
def _damage_re() -> re.Pattern[str]:
    ok = set(plain_chars()) | legacy_han()
    return re.compile(f"[^{char_class(sorted(ok))}\\s\xa0]")


@lru_cache(maxsize=1)
def legacy_han() -> frozenset[int]:
    """Every Han character of GB2312 and of Big5 (both levels)."""
    # Every pair of bytes decoded in one call per codec, one pair a line:
    # a pair that does not decode leaves U+FFFD in its line (these decoders
    # give up one byte at a time, so the newline stays the newline), and a
    # line that is one Han character is a pair that decodes to it alone.
    # (Each lead's row of pairs made from one row of trails, the lead put in
    # by one slice assignment: no object a pair.)
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    row = bytearray(b"".join(bytes([0, b]) + b"\n" for b in trails))
    rows = []
    for a in range(0xA1, 0xFA):
        row[0::3] = bytes([a]) * len(trails)
        rows.append(bytes(row))
    data = b"".join(rows)[:-1]
    # (the lines that are one Han character, found by one regex scan)
    one_han = re.compile(f"^[{HAN_CLASS}]$", re.MULTILINE)
    out: set[int] = set()
    for codec in ("gb2312", "big5"):
        text = data.decode(codec, "replace")
        if text.count("\n") + 1 != (0xFA - 0xA1) * len(trails):
            raise AssertionError(codec)  # pragma: no cover - see above
        out.update(map(ord, one_han.findall(text)))
    return frozenset(out)


def let_go() -> None:
    """Let go of the sets of code points above (a megabyte each, for
    the 60,000 of :func:`common_chars`); the regexes built from them are
    kept. The sets made again on the next use are the same."""
    common_chars.cache_clear()
    plain_chars.cache_clear()
    suspect_usual.cache_clear()
    legacy_han.cache_clear()
    unrepaired_ok.cache_clear()


#: The codec a kind's original text was in, when it is a legacy CJK one:
#: text from it has only characters it can encode.
ORIGIN = {"mojibake-big5-as-gbk": "big5", "mojibake-gbk-as-big5": "gb2312"}


@lru_cache(maxsize=4)
def foreign_re(code: str) -> re.Pattern[str] | None:
    """Han characters that the original codec of kind ``code`` cannot
    encode (None for kinds with no such codec): in a text established as
    damaged by that kind they cannot be its clean part."""
    codec = ORIGIN.get(code)
    if codec is None:
        return None
    han: list[int] = []
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            try:
                chr(cp).encode(codec)
            except UnicodeEncodeError:
                han.append(cp)
    return re.compile(f"[{char_class(han)}]")


@lru_cache(maxsize=1)
def unrepaired_re() -> re.Pattern[str]:
    """Runs of damage characters (:func:`_damage_re`) that are letters,
    private use, kana or controls: the symbols Chinese text uses ('●',
    '℃', '×') and U+FFFD (reported as lost characters) are left out."""
    return re.compile(f"[^{char_class(sorted(unrepaired_ok()))}\\s\xa0]+")


def unrepaired_chars(chars: Iterable[str]) -> set[str]:
    """The characters of ``chars`` that :func:`unrepaired_re` matches, from
    a set, with no regex compiled (a table of the screens asks this of
    every character it meets; the regex costs some 10 ms to build): its
    class is every character but those of :func:`unrepaired_ok`, ``\\s``
    (in a pattern of ``str``, the characters whose ``str.isspace`` is true:
    the tests check every code point) and U+00A0 (one of those)."""
    ok = unrepaired_ok()
    return {ch for ch in chars if ord(ch) not in ok and not ch.isspace()}


@lru_cache(maxsize=1)
def unrepaired_ok() -> frozenset[int]:
    """The code points that :func:`unrepaired_re`'s class leaves out, but
    for whitespace."""
    import unicodedata

    ok = set(plain_chars()) | legacy_han()
    ok.update(range(0x3000, 0x3041))  # CJK punctuation
    ok.update(range(0x1100, 0x1200))  # Hangul: Korean words in a Chinese page
    ok.update(range(0x3130, 0x3190))
    ok.update(range(0xAC00, 0xD7A4))
    ok.add(0xFFFD)
    ok.update(range(0xFF00, 0xFFF0))
    # the common symbols, punctuation, spaces and digits (the category asked
    # only of the common characters not in already)
    rest = common_chars().difference(ok)
    ok.update(cp for cp in rest if unicodedata.category(chr(cp))[0] in "SPZN")
    return frozenset(ok)


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
    for m in unrepaired_re().finditer(line):
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


def mixed_scripts(text: str) -> bool:
    """Whether the non-ASCII letters of ``text`` belong to two scripts or
    more (Han and kana count as one).

    >>> mixed_scripts("彻ϼ{"), mixed_scripts("中文abc"), mixed_scripts("한국어")
    (True, False, False)
    """
    scripts = {_script(c) for c in text if not c.isascii()} - {""}
    return len(scripts) > 1


def legacy_text(text: str, code: str) -> bool:
    """Whether ``text`` can be text of the original codec of kind ``code``
    (see :data:`ORIGIN`; GBK for GB2312): every character encodable in it."""
    codec = "gbk" if ORIGIN[code] == "gb2312" else ORIGIN[code]
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def damage_marks(text: str, code: str | None = None) -> bool:
    """:func:`has_damage_mark`, or with ``code`` a character the original codec
    of that kind cannot encode (see :func:`foreign_re`)."""
    if has_damage_mark(text):
        return True
    rx = foreign_re(code) if code else None
    return rx is not None and rx.search(text) is not None


def match_lines(
    rx: re.Pattern[str], text: str, skip: Callable[[re.Match[str]], bool] | None = None
) -> Iterator[tuple[int, int, int]]:
    """The lines of ``text`` that ``rx`` matches in (a match ``skip`` rejects
    does not count), each once: (0-based line number, start, end without the
    newline). One ``search`` per line found, not a loop over every line."""
    pos = line = counted = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            return
        if skip is not None and skip(m):
            pos = m.start() + 1
            continue
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.start())
        if b < 0:
            b = len(text)
        line += text.count("\n", counted, a)
        counted = a
        yield line, a, b
        pos = b + 1


def scan_lines(
    rx: re.Pattern[str], text: str, skip: Callable[[re.Match[str]], bool] | None = None
) -> list[int]:
    """Line numbers (0-based) of the lines ``rx`` matches in; see :func:`match_lines`."""
    return [line for line, _, _ in match_lines(rx, text, skip)]
