"""The ``mojibake`` step: undo text that was decoded with the wrong codec.

Three passes, each behind a cheap pre-check, so that clean text goes
through one or two regular-expression scans and nothing else (ftfy is not
even imported):

1. **CJK round trips** (:mod:`cleantext.cjkmojibake`): UTF-8 read as GBK,
   GBK read as Latin-1/cp1252, Big5 read as GBK and back, UTF-8 read as
   Big5 or Shift_JIS, a UTF-8 BOM read as GBK. A span is repaired only when
   the repaired text is clearly more plausible than the damaged one. Then a
   document-level decision: a kind whose repairs took in most of the text
   (:data:`DOC_SHARE`) damaged all of it, so every line is looked at again
   with the :data:`~cleantext.cjkmojibake.DOCUMENT` thresholds, lines with
   nothing repaired yet are repaired whole if that is no less plausible,
   and a character or two left at the edge of a repair join it (the names
   and one-character lines of a damaged page). In a text mostly clean, a
   kind found with strong evidence (:data:`DOC_GAIN`) is established for the
   document too: every line with a mark of damage is looked at again, with
   relaxed thresholds (a page whose header was repaired has its later lines
   with the same damage repaired as well). Once any CJK kind was repaired,
   what is left that looks like damage inside Chinese text (``ϵͳ`` in
   ``操作ϵͳ的内核``: characters of another script that no repair restores
   with confidence) is reported at its position (``mojibake-unrepaired``,
   ``fixed=False``), never guessed.
2. **ftfy** for the Latin family (UTF-8 read as cp1252, MacRoman, cp437,
   cp1251...), on the non-CJK runs with a letter in them of the lines that
   look damaged, with a configuration that never touches correct CJK text:
   no quote uncurling, no width folding, no normalisation, no line-break or
   control-character changes, no HTML unescaping (entities are another
   step). ``decode_inconsistent_utf8``, which turns GBK read as Latin-1 into
   Armenian and friends, is on only for runs with no Latin-1 stretch that
   looks like GBK (:func:`_utf8_like`); and ftfy runs after the CJK pass.
3. **Reports of lost characters** (``fixed=False``): ``锟斤拷`` (U+FFFD
   saved as UTF-8 and read as GBK), ``烫烫烫`` and ``屯屯屯`` (uninitialised
   memory read as GBK), runs of U+FFFD, and ``?`` standing where a Han
   character was (``蛟龍?zhí``). Nothing can bring these back, so they
   are located, not guessed.

>>> text, findings = fix_mojibake("今天鍙戝睍很好", Context())
>>> text
'今天发展很好'
>>> [(f.code, f.col, f.original, f.replacement) for f in findings]
[('mojibake-utf8-as-gbk', 3, '鍙戝睍', '发展')]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..cjkmojibake import (
    BIG5_KINDS,
    BOM_CODE,
    DOCUMENT,
    KINDS,
    LATIN,
    RELAXED,
    STRICT,
    STRICT_SEEN,
    Kind,
    big5_suspect_spans,
    char_class,
    damage_marks,
    encode_all,
    forget_proofs,
    has_damage_mark,
    let_go,
    match_lines,
    prove_many,
    repair,
    repair_gaps,
    repair_whole,
    strict_parts,
    suspect_spans,
    unrepaired_runs,
    utf8_coverage,
)
from ..cjkmojibake.precheck import (
    ORIGIN,
    SHORT_AROUND,
    SMALL_TEXT,
    Spans,
    common_chars,
    harmless,
    not_two_kana,
    short_line,
    suspect_re,
    suspect_usual,
    with_bom_lines,
)
from ..cjkmojibake.realign import after_lost_lead
from ..findings import Finding
from ..markup import FEW_SPANS, detect, is_markup_document, protected_for, protected_spans
from ..pagemodel import is_code, is_made_of_entries
from ..textutil import HAN_CLASS, changed_span, lazy_re, splice, split_lines, strip_eol
from .base import Context

STEP = "mojibake"

# --- pass 3: lost characters ------------------------------------------------

_QUESTION_PARTICLES = frozenset("吗嗎呢么麼嘛吧呀啊哪谁誰")
# Every kind of lost character in one scan: each alternative starts with
# its character, so the regex engine skips to one of those five characters
# (a repeat first would make it try every position). The alternatives'
# characters differ, so the matches are those of one search per kind.
_LOST = re.compile("锟斤拷(?:锟斤拷)*|烫烫烫+|屯屯屯+|\ufffd\ufffd*|\\?\\?*")
_LOST_GROUP = {"锟": "kkk", "烫": "tang", "屯": "tang", "\ufffd": "fffd", "?": "q"}
#: The Han that a lost character's '?' stands beside (:func:`_lost_question`)
#: and that :func:`is_japanese` counts: the unified ideographs block, not
#: all of ``HAN_CLASS``.
_HAN = re.compile("[\u4e00-\u9fff]")
_ENTITY_TAIL = re.compile(r"[A-Za-z]{2,8};|#[0-9]{2,6};|#x[0-9a-fA-F]{2,6};")
# What is left of a pinyin annotation after its character was lost
# (``?zhí)``): the pinyin step reports it, with the surviving reading.
_PINYIN_REMNANT = re.compile("[(\uff08]?[a-zA-Z\u00e0-\u00fc\u0101-\u01dc]{1,7}[0-5]?[)\uff09]")

_LOST_MESSAGES = {
    "kkk": "'锟斤拷' is U+FFFD saved as UTF-8 and read as GBK: the original characters are lost",
    "tang": "'烫烫烫'/'屯屯屯' is uninitialised memory (0xCC/0xCD bytes) read as GBK: no text was there",
    "fffd": "U+FFFD replacement characters: the original characters were lost in decoding",
    "q": "'?' stands where a character could not be encoded: the original character is lost",
}


def _lost_question(text: str, m: re.Match[str]) -> bool:
    """Whether a run of '?' stands for lost Han characters.

    Yes between a Han character and a letter, digit or Han character
    (``蛟龍?zhí``), or at the start of a line or word right before Han
    (``?年``). No after a question particle (``吗?我``), and not for a '?'
    that is an entity whose '&' was lost (``?rdquo;``: the entities step)
    or the remnant of a pinyin annotation (``?zhí)``: the pinyin step
    reports that one, with the reading that survives).
    """
    a, b = m.start(), m.end()
    prev = text[a - 1] if a else "\n"
    nxt = text[b] if b < len(text) else "\n"
    if _ENTITY_TAIL.match(text, b) or _PINYIN_REMNANT.match(text, b):
        return False
    if _HAN.match(prev):
        return prev not in _QUESTION_PARTICLES and (
            nxt.isalnum() and nxt.isascii() or bool(_HAN.match(nxt))
        )
    return prev.isspace() and bool(_HAN.match(nxt))


def _lost_characters(text: str) -> list[Finding]:
    return [f for f, _a, _b in _lost_hits(text)]


@lru_cache(maxsize=1)
def _lost_re() -> re.Pattern[str]:
    """:data:`_LOST` with its run of '?' found only where
    :func:`_lost_question` may say yes: the character before the run is
    Han, a space or none (the text's start: "\\n" to it), and the one
    after it an ASCII letter or digit, or Han (what either of its two
    answers asks; none at the text's end). The same Han as it asks
    (:data:`_HAN`; ``\\s`` is ``str.isspace``, checked
    for every code point in tests/test_mojibake_fastpaths.py). A run whose
    first '?' fails the look behind has no match at a later '?' either (a
    '?' before it), nor one cut short by the look ahead (a '?' after it):
    the runs found are those of :data:`_LOST` that pass, and its other
    alternatives start with other characters. (Speed only: '?' is common
    in text, a Python test each.)"""
    han = _HAN.pattern[1:-1]
    question = f"\\?(?:(?<=[{han}\\s]\\?)|(?<=\\A\\?))\\?*(?=[A-Za-z0-9{han}])"
    return re.compile(_LOST.pattern.replace("|\\?\\?*", "|" + question))


#: What every match of :data:`_LOST` (and of :func:`_lost_re`) starts with
#: (each alternative with its own character).
_LOST_STARTS = "锟烫屯\ufffd?"
#: :func:`_lost_matches` tries the places of the characters above one by one
#: while they are at most one in this many characters of the text.
LOST_SPARSE = 256


def _lost_matches(text: str) -> Iterator[re.Match[str]]:
    """``_lost_re().finditer(text)``, found from the places of
    :data:`_LOST_STARTS` (``str.find`` passes over a text many times faster
    than the regex engine's scan of each character) while they are few
    (:data:`LOST_SPARSE`), else by that scan; no regex is built for a text
    with none.

    The same matches: finditer gives, from its position, the match at the
    first place ``p`` from there at which the pattern matches (what
    ``match(text, p)`` gives: its look behind and ``\\A`` see the text
    before ``p`` as finditer's do), then goes on from its end (no match is
    empty). A match starts with a character of :data:`_LOST_STARTS`, so
    the places of those, in order from the position, are tried until one
    matches: the first place that does."""
    places: list[int] = []
    most = len(text) // LOST_SPARSE
    for ch in _LOST_STARTS:
        at = text.find(ch)
        while at >= 0:
            places.append(at)
            if len(places) > most:
                yield from _lost_re().finditer(text)
                return
            at = text.find(ch, at + 1)
    if not places:
        return
    places.sort()
    match = _lost_re().match
    end = 0
    for at in places:
        if at >= end:
            m = match(text, at)
            if m is not None:
                yield m
                end = m.end()


def _lost_hits(text: str) -> list[tuple[Finding, int, int]]:
    """:func:`_lost_characters` with each finding's offsets in ``text``."""
    hits: list[tuple[str, re.Match[str]]] = []
    for m in _lost_matches(text):
        group = _LOST_GROUP[m.group()[0]]
        if group != "q" or _lost_question(text, m):
            hits.append((group, m))
    if not hits:
        return []
    out: list[tuple[Finding, int, int]] = []
    line, counted = 1, 0  # the hits come in order: newlines counted once
    for group, m in hits:
        line += text.count("\n", counted, m.start())
        counted = m.start()
        col = m.start() - text.rfind("\n", 0, m.start())
        n = len(m.group())
        if group == "kkk":
            n = n // 3 * 2  # each 锟斤拷 is two U+FFFD
        finding = Finding(
            step=STEP,
            line=line,
            col=col,
            code="lost-characters",
            message=_LOST_MESSAGES[group],
            fixed=False,
            original=m.group(),
            replacement=None,
            data={"pattern": group, "lost": n},
        )
        out.append((finding, m.start(), m.end()))
    return out


# --- pass 2: ftfy ----------------------------------------------------------------


def _cps(ranges: list[tuple[int, int]], minus: str = "") -> set[int]:
    drop = {ord(c) for c in minus}
    return {cp for lo, hi in ranges for cp in range(lo, hi + 1) if cp not in drop}


def _class(ranges: list[tuple[int, int]], minus: str = "") -> str:
    return char_class(sorted(_cps(ranges, minus)))


# Characters that Latin-family mojibake is made of (what UTF-8 bytes become
# in cp1252, Latin-1, cp1250/1251/1257, MacRoman, cp437).
_MOJI_RANGES = [
    (0x00A0, 0x024F),
    (0x02B0, 0x02FF),
    (0x0370, 0x052F),
    (0x2010, 0x2044),
    (0x20AC, 0x20AC),
    (0x2116, 0x2116),
    (0x2122, 0x2122),
    (0x2200, 0x22FF),
    (0x2500, 0x25FF),
    (0xF8FF, 0xF8FF),
    (0xFB01, 0xFB02),
    (0xFFFD, 0xFFFD),
]
# Typography that is ordinary in Chinese text: two of these side by side
# (“”, ……, ——) are not a reason to look.
_TYPOGRAPHY = "\xa0“”‘’—–…·•×÷°±§"
# The plain letters of Russian and Greek (А-я, Α-Ω, and α-ω with the small
# letters that carry accents): two of these side by side are a word, not
# mojibake. A UTF-8 sequence read in a code page shows its lead byte's
# character and then its first continuation byte's, and in none of the code
# pages ftfy repairs are both of those plain letters: cp1251, cp1253 and
# cp437 give plain letters for lead bytes only, MacRoman ('π', 'Ω') for
# continuation bytes only. So a line whose only pairs are of these is left
# alone: ftfy (and its import, 75 ms) is not paid for 'автомобиль' in a
# Chinese text.
_PLAIN_LETTERS = [(0x0391, 0x03A1), (0x03A3, 0x03A9), (0x03AC, 0x03CE), (0x0410, 0x044F)]


@lru_cache(maxsize=1)
def _ftfy_cps() -> frozenset[int]:
    """The code points of the class that :func:`_ftfy_line_re` starts with
    (C1 controls and the strict class)."""
    return frozenset(range(0x80, 0xA0)) | _cps(_MOJI_RANGES, minus=_TYPOGRAPHY)


@lru_cache(maxsize=1)
def _plain_classes() -> tuple[str, str]:
    """Character classes (their insides) of the plain letters and of the
    Latin ranges less them."""
    return _class(_PLAIN_LETTERS), char_class(sorted(_cps(_MOJI_RANGES) - _cps(_PLAIN_LETTERS)))


@lru_cache(maxsize=1)
def _ftfy_re() -> re.Pattern[str]:
    a = _class(_MOJI_RANGES)
    plain, a_not_plain = _plain_classes()
    strict_not_plain = char_class(
        sorted(_ftfy_cps() - _cps(_PLAIN_LETTERS) - set(range(0x80, 0xA0)))
    )
    # A strict character next to one of the class, but not two plain letters.
    return re.compile(
        f"[\x80-\x9f]|[{strict_not_plain}][{a}]|[{a}][{strict_not_plain}]"
        f"|[{plain}][{a_not_plain}]|[{a_not_plain}][{plain}]|\u00c3[ \xa0]"
    )


@lru_cache(maxsize=1)
def _ftfy_quick_re() -> re.Pattern[str]:
    """One character class that every match of :func:`_ftfy_re` contains
    (a plain class keeps the regex engine's fast scan)."""
    return re.compile(f"[{char_class(sorted(_ftfy_cps()))}]")


@lru_cache(maxsize=1)
def _ftfy_line_re() -> re.Pattern[str]:
    """What :func:`_ftfy_re` matches, as seen from the character of the
    quick class in it (every match has one first or second): a line holds
    a match of one exactly when it holds a match of the other. Each
    alternative starts with a plain class, so the regex engine scans for
    the quick class alone, not for every character of the Latin ranges (the
    typography of Chinese text among them) as it does for the full pattern."""
    # One leading class (the quick one: C1 controls and the strict class,
    # which holds 'Ã'), then what the alternatives ask of the character's
    # neighbours. A lone class first keeps the engine's fast scan (an
    # alternation of classes first is tried at every position: 54 -> 7 ms
    # on 10 MB of clean prose).
    return re.compile(f"[{char_class(sorted(_ftfy_cps()))}]{_ftfy_after()}")


def _ftfy_after() -> str:
    """What :func:`_ftfy_line_re` asks of its character's neighbours, read
    after it: a C1 control (itself); a strict character before or after one
    of the class, the two not both plain letters (:data:`_PLAIN_LETTERS`);
    'Ã' before a space."""
    a = _class(_MOJI_RANGES)
    plain, a_not_plain = _plain_classes()
    return (
        f"(?:(?<=[\x80-\x9f])|(?<![{plain}])(?:(?=[{a}])|(?<=[{a}].))"
        f"|(?<=[{plain}])(?:(?=[{a_not_plain}])|(?<=[{a_not_plain}].))"
        f"|(?<=\u00c3)(?=[ \xa0]))"
    )


def _ftfy_lines(text: str) -> list[tuple[int, int, int]]:
    """The lines :func:`_ftfy_re` matches in, as :func:`match_lines` gives
    them (line number, start, end)."""
    return list(match_lines(_ftfy_line_re(), text))


# --- the three line scans in one --------------------------------------------------
#
# The CJK pre-checks (suspect_spans, big5_suspect_spans) and the ftfy pass's
# lines (_ftfy_lines) each scan the whole text with a regex that starts with
# one class; on a large text every scan costs about the same, some 3 ns a
# character, however few it finds. _scan finds what the three find with one
# regex: one class that holds the first character of every match of each
# (the suspect class, which holds the short-line one, and the ftfy one),
# then the three regexes' own tests of what comes next, as alternatives.
# It matches at every place where one of the three matches (a character
# each, its tests look around it without taking in more), so every place
# each regex's search finds comes up in order, and each one's loop is run
# on them as it runs on its own search's matches.

#: Texts longer than this are scanned by :func:`_scan` (shorter ones by the
#: pre-checks' own regexes, which they may make for the text alone).
SCAN_ONCE = SMALL_TEXT
#: From this many characters on, a pass of the step lets go of the sets and
#: tables of characters it built from data and filled with the text's
#: characters (cjkmojibake.let_go: 8 and 13 MiB on 10 MB of GBK, where the
#: run peaked at 44): they are held through the removal steps that follow
#: otherwise, where a large text's run peaks; made again (milliseconds,
#: beside a second of work) only if the step runs again.
LET_GO_CHARS = 1 << 20


@lru_cache(maxsize=1)
def _scan_re() -> re.Pattern[str]:
    """One character of the suspect class (:func:`suspect_re`'s, which
    holds every unusual character of :func:`big5_suspect_spans`) or of the
    ftfy class (:func:`_ftfy_line_re`'s), where: a character of the suspect
    class comes after at most one other of its line (group 1: the rest of
    :func:`suspect_re`'s match, greedy as there), its first and last
    character not both kana (:func:`~cleantext.cjkmojibake.precheck.not_two_kana`:
    :func:`harmless` says yes to such a match at once, and Japanese text
    has one at nearly every kana); or what
    :func:`big5_suspect_spans`' regex asks after its character holds; or the
    character is of the ftfy class and what :func:`_ftfy_line_re` asks
    after it holds (:func:`_ftfy_near`, which that implies). None of the
    three asks what the character itself is: :func:`_scan` does."""
    usual = suspect_usual()
    ftfy = _ftfy_cps()
    suspect = not_two_kana(f"[^{char_class(sorted(usual))}\\n]")
    return re.compile(
        f"[^{char_class(sorted(usual - ftfy))}\\n](?:{suspect}|{SHORT_AROUND}|{_ftfy_near()})"
    )


def _ftfy_near() -> str:
    """What :func:`_ftfy_after` asks, loosened so that :func:`_scan_re` asks
    it in three look-arounds, not five and a test of the character's class:
    the character is a C1 control or 'Ã' (before anything, not only a
    space), or a character of the Latin ranges comes after or before it.
    Each alternative of _ftfy_after implies one of these, so the scan
    matches at every place where :func:`_ftfy_line_re` matches (and at a
    few more, which _scan's own test turns down). On farm pages every
    tone-marked vowel of an annotation is a place tried (300,000 in 5 MB):
    52 -> 44 ms for the scan of 5 MB."""
    a = _class(_MOJI_RANGES)
    return f"(?:(?<=[\x80-\x9f\u00c3])|(?=[{a}])|(?<=[{a}].))"


def _scan(text: str) -> tuple[Spans, Spans, list[tuple[int, int, int]]]:
    """``suspect_spans(text)``, ``big5_suspect_spans(text)`` and
    ``_ftfy_lines(text)`` from one scan (see above).

    Each of the three loops goes on from its own position: from the
    first place there at which its regex matches (one of the places the
    scan finds, in order), and it sees there what its search would: the
    suspect regex's match is the character and group 1 when that character
    is of its class (the group is there when its alternative matched,
    which is tried first); the short-line regex matches when the character
    is not common and :data:`SHORT_AROUND` holds after it; the ftfy regex
    is asked itself, at a character of the class it starts with
    (:func:`_ftfy_cps`: at any other it fails at once, and most places are
    unusual Han). A place where the scan matches but none of the three
    would (:func:`_ftfy_near` is looser than the ftfy regex) changes
    nothing: the suspect alternative did not match there (no group 1), and
    the other two loops ask their own regexes. Line numbers are counted
    once for all three: the lines they keep start in order, as the places
    do."""
    usual = suspect_usual()
    common = common_chars()
    around = _short_around_re().match
    ftfy_at = _ftfy_line_re().match
    ftfy_first = _ftfy_cps()
    cjk: Spans = {}
    big5: Spans = {}
    ftfy: list[tuple[int, int, int]] = []
    cjk_pos = big5_pos = ftfy_pos = 0
    line = counted = 0
    for m in _scan_re().finditer(text):
        p = m.start()
        cp = ord(text[p])
        a = b = -1
        if p >= cjk_pos and cp not in usual and m.start(1) >= 0:
            if harmless(text, p, m.end(1)):
                cjk_pos = p + 1
            else:
                a, b = _line_around(text, p)
                line += text.count("\n", counted, a)
                counted = a
                cjk[line] = (a, b)
                cjk_pos = b + 1
        if p >= big5_pos and cp not in common and around(text, p):
            if a < 0:
                a, b = _line_around(text, p)
            if short_line(text, a, b):
                line += text.count("\n", counted, a)
                counted = a
                big5[line] = (a, b)
            big5_pos = b + 1
        if p >= ftfy_pos and cp in ftfy_first and ftfy_at(text, p):
            if a < 0:
                a, b = _line_around(text, p)
            line += text.count("\n", counted, a)
            counted = a
            ftfy.append((line, a, b))
            ftfy_pos = b + 1
    return with_bom_lines(text, cjk), big5, ftfy


def _line_around(text: str, p: int) -> tuple[int, int]:
    """Where the line of ``text[p]`` starts, and where its ``\\n`` is (the
    text's end at none)."""
    b = text.find("\n", p)
    return text.rfind("\n", 0, p) + 1, len(text) if b < 0 else b


@lru_cache(maxsize=1)
def _short_around_re() -> re.Pattern[str]:
    """Any character but ``\\n``, then :data:`SHORT_AROUND`."""
    return re.compile(f".{SHORT_AROUND}")


# ftfy gets runs with a letter in them: a lone C1 control or symbol between
# CJK runs is left-over CJK damage, not Latin text.
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


#: A repair into a script the rest of the line does not use needs at least
#: this many characters of damage: two letters of a two-byte script, say
#: ('”é”é' read as MacRoman is Cyrillic 'ӎӎ', no evidence of a Cyrillic word;
#: the entities step's '”' next to a repaired 'é' made it on a second run),
#: are a guess; two Han characters (six) or three Cyrillic letters are not.
FOREIGN_MIN_CHARS = 6


def _foreign_letter(new: str, line: str, start: int, end: int) -> bool:
    """Whether ``new`` has a letter of a script other than Latin or Greek (a
    mid-word 'γ' in a gene name) that no letter of ``line`` outside
    ``[start, end)`` is written in (one CJK character from 'é”“' in a Latin
    line is a guess, not a repair)."""
    import unicodedata

    rest: set[str] | None = None
    for ch in new:
        if not ch.isalpha():
            continue
        script = unicodedata.name(ch, "").split(" ")[0]
        if script in ("LATIN", "GREEK", ""):
            continue
        if rest is None:
            rest = {
                unicodedata.name(c, "").split(" ")[0]
                for c in line[:start] + line[end:]
                if c.isalpha()
            }
        if script not in rest:
            return True
    return False


#: A repair changes at most this many characters for its pieces to be
#: looked at one by one (:func:`_foreign_piece`); a longer one is one piece.
FOREIGN_PIECES_MAX = 2_000


def _foreign_piece(line: str, start: int, old: str, new: str) -> bool:
    """Whether the repair of ``old`` at ``start`` of ``line`` into ``new``
    has a piece, shorter than :data:`FOREIGN_MIN_CHARS`, that gives a
    letter of a script no other letter of the line, as repaired, is
    written in (:func:`_foreign_letter`). A repair is as sure as its least
    sure piece: two pairs of characters far apart in a line of random
    bytes are no better evidence than one ('Ů¸' -> Arabic 'ٸ' beside 'á¸˝'
    -> 'ḽ', in fortunes-pl's quoted line noise), while the letters of a
    Hebrew line's short words vouch for each other."""
    if len(old) < FOREIGN_MIN_CHARS:
        return _foreign_letter(new, line, start, start + len(old))
    if len(old) > FOREIGN_PIECES_MAX or new.isascii():
        return False
    from difflib import SequenceMatcher

    repaired = line[:start] + new + line[start + len(old) :]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if (
            tag != "equal"
            and i2 - i1 < FOREIGN_MIN_CHARS
            and _foreign_letter(new[j1:j2], repaired, start + j1, start + j2)
        ):
            return True
    return False


# Runs of CJK text that ftfy is never given.
_cjk_run = lazy_re(f"[{HAN_CLASS}\u3000-\u30ff\u3130-\u318f\uac00-\ud7a3\uff00-\uffef]+")


@lru_cache(maxsize=2)
def _ftfy_config(inconsistent: bool = False) -> Any:
    """ftfy's configuration: CJK-safe; ``inconsistent`` turns on
    ``decode_inconsistent_utf8`` (only for runs whose bytes read as UTF-8)."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=inconsistent,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


_CODEC_NAMES = {
    "latin-1": "latin1",
    "sloppy-windows-1252": "cp1252",
    "sloppy-windows-1251": "cp1251",
    "sloppy-windows-1250": "cp1250",
    "sloppy-windows-1253": "cp1253",
    "sloppy-windows-1254": "cp1254",
    "sloppy-windows-1257": "cp1257",
    "windows-1252": "cp1252",
    "macroman": "macroman",
    "cp437": "cp437",
    "iso-8859-2": "latin2",
}


def _ftfy_code(explanation: list[Any]) -> str:
    steps = [(str(a), str(p)) for a, p in explanation]
    encodes = [p for a, p in steps if a == "encode"]
    decodes = [p for a, p in steps if a == "decode"]
    if encodes and decodes and decodes[0].startswith("utf-8"):
        return "mojibake-utf8-as-" + _CODEC_NAMES.get(encodes[0], encodes[0])
    applied = [p for a, p in steps if a == "apply"]
    if "fix_c1_controls" in applied:
        return "mojibake-c1-controls"
    if applied:
        return "mojibake-" + applied[0].replace("_", "-")
    return "mojibake-latin"


def _utf8_like(seg: str) -> bool:
    """Whether ftfy may use ``decode_inconsistent_utf8`` on ``seg``.

    That fixer decodes any UTF-8-looking pair it finds, which turns GBK read
    as Latin-1 ('·¢Õ¹') into Armenian; it is allowed unless ``seg`` has a
    run of four or more Latin-1 characters whose bytes do not read as UTF-8
    (what GBK read as Latin-1 looks like).
    """
    for m in _LATIN1_RUN.finditer(seg):
        data = encode_all(m.group().replace("\ufffd", "\x80"), LATIN)
        if utf8_coverage(data) < 0.7:
            return False
    return True


_LATIN1_RUN = re.compile(
    "[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]{4,}"
)


def _lone_letter(new: str, line: str, start: int, end: int) -> bool:
    """Whether a repair of ``line[start:end]`` into ``new`` gives one letter
    that belongs to no word: in Chinese text, two or three characters with
    no letter on either side are an example of the damage being written
    about ('無法顯示 “Ã©” 或 Ã¨”'), not a damaged word ('CafÃ©')."""
    if len(new) != 1 or not new.isalpha() or end - start > 3:
        return False
    before = line[start - 1] if start > 0 else " "
    after = line[end] if end < len(line) else " "
    return not before.isalnum() and not after.isalnum()


#: Quotation marks of the languages ftfy's repairs meet (either side: a
#: right-to-left text's marks read the other way round).
_QUOTE_MARKS = frozenset("\"'“”„‟‘’‚‛«»‹›「」『』")
#: Invisible direction marks that may stand between a quote and its text.
_BIDI_MARKS = frozenset("\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _quoted_specimen(line: str, start: int, end: int, new: str) -> bool:
    """Whether the repair of ``line[start:end]`` into ``new`` changes only
    quoted specimens: every changed piece becomes one letter and is the
    whole of a quotation (direction marks aside). A manual that explains
    mojibake quotes it ('sequences like "Ã©" or "Ã¨"', in the Debian
    handbook's twenty translations); a damaged word has letters around it.

    >>> _quoted_specimen('like "Ã©" or "Ã¨"', 6, 16, 'é" or "è')
    True
    >>> _quoted_specimen('a "cafÃ©"', 7, 9, 'é'), _quoted_specimen('"Ã©tÃ©"', 1, 7, 'été')
    (False, False)
    """
    from difflib import SequenceMatcher

    old = line[start:end]
    pieces = [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    for i1, i2, j1, j2 in pieces:
        if j2 - j1 != 1 or not new[j1].isalpha():
            return False
        left, right = start + i1 - 1, start + i2
        while left >= 0 and line[left] in _BIDI_MARKS:
            left -= 1
        while right < len(line) and line[right] in _BIDI_MARKS:
            right += 1
        if left < 0 or right >= len(line):
            return False
        if line[left] not in _QUOTE_MARKS or line[right] not in _QUOTE_MARKS:
            return False
    return bool(pieces)


def _ftfy_line(line: str) -> list[tuple[int, int, str, list[Any]]]:
    """ftfy's repairs of one line: (start, end, replacement, explanation)."""
    out: list[tuple[int, int, str, list[Any]]] = []
    rx = _ftfy_re()
    pos = 0
    cuts = [(m.start(), m.end()) for m in _cjk_run().finditer(line)] + [(len(line), len(line))]
    for a, b in cuts:
        seg = line[pos:a]
        if seg and rx.search(seg) and _LATIN_LETTER.search(seg):
            from ftfy import fix_and_explain  # (imported only for a run ftfy is given)

            fixed, explanation = fix_and_explain(seg, _ftfy_config(_utf8_like(seg)))
            if fixed != seg:
                # narrow the change down to what differs
                p, old, new = changed_span(seg, fixed)
                if _foreign_piece(line, pos + p, old, new):
                    # A few characters read as a letter or two of a script
                    # the line does not use ('Ž“' -> Thaana 'ޓ', '”é”é' ->
                    # Cyrillic 'ӎӎ'): too little evidence, and the kind of
                    # repair a later step's output (an entity's '“') would
                    # trigger on a second run.
                    pos = b
                    continue
                if len(cuts) > 1 and _lone_letter(new, line, pos + p, pos + p + len(old)):
                    pos = b
                    continue
                out.append((pos + p, pos + p + len(old), new, list(explanation or [])))
        pos = b
    return out


# --- pass 1: CJK round trips ---------------------------------------------------------

#: Total gain (log10 plausibility) of one kind's repairs in a text above
#: which the kind is taken as established for the whole text.
DOC_GAIN = 15.0
#: The kind is a fact about the whole text when its repairs took in at
#: least this share of the text's non-ASCII characters (a page damaged
#: everywhere, not a damaged passage in clean text) ...
DOC_SHARE = 0.5
#: ... with at least this total gain.
DOC_SHARE_GAIN = 6.0


def _evidence(
    code: str, gains: dict[str, float], found_chars: dict[str, int], text: str
) -> str | None:
    """How far kind ``code`` is established in ``text``: ``"document"`` when
    its repairs cover most of the text (:data:`DOC_SHARE`), ``"strong"`` for
    a total gain of :data:`DOC_GAIN` in a text mostly clean, else None."""
    gain = gains.get(code, 0.0)
    if gain < DOC_SHARE_GAIN:
        return None
    n = len(text) - len(text.encode("ascii", "ignore")) - text.count("\xa0") - text.count("\u3000")
    if n and found_chars.get(code, 0) >= DOC_SHARE * n:
        return "document"
    return "strong" if gain >= DOC_GAIN else None


class _Edits:
    """The edits made to each line so far, so that every finding's column
    is a column of the step's input even when an earlier pass changed the
    line (edits never overlap: later passes leave repaired spans alone)."""

    def __init__(self) -> None:
        self.by_line: dict[int, list[tuple[int, int, int]]] = {}

    def to_input(self, i: int, pos: int) -> int:
        for start, old, new in reversed(self.by_line.get(i, [])):
            if pos >= start + new:
                pos -= new - old
            elif pos > start:
                pos = start
        return pos

    def to_current(self, i: int, pos: int) -> int:
        """Where column ``pos`` of the input line is now (``pos`` outside
        every edit)."""
        for start, old, new in self.by_line.get(i, []):
            if pos >= start + old:
                pos += new - old
        return pos

    def add(self, i: int, start: int, old: int, new: int) -> None:
        """Record an edit at ``start`` of the line as it is now."""
        self.by_line.setdefault(i, []).append((start, old, new))


_hangul = lazy_re("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_KANA = re.compile("[\u3041-\u30ff]")


def _foreign(ch: str) -> bool:
    """Hangul, or a modifier letter or symbol (``˄``) that is not kana."""
    if _hangul().match(ch):
        return True
    return unicodedata.category(ch) in ("Lm", "Sk") and not _KANA.match(ch) and ch not in "々〻"


#: Hiragana endings and particles every Japanese text is full of.
_JA_GRAMMAR = re.compile("ます|です|する|した|して|ない|れる|られ|いる|ある|こと|には|では|から")


def is_japanese(text: str) -> bool:
    """Whether ``text`` is written in Japanese: kana are at least a third of
    its kana and Han characters, and its hiragana read as Japanese grammar
    (``ます``, ``する``, ``こと``... twice at least). Japanese prose is
    mostly kana (69% in a Japanese man page); Big5 read as GBK makes kana of
    Big5's common characters too, but scattered ones (``セ厨癟玡ぃ``), not
    Japanese endings."""
    kana = len(_KANA.findall(text))
    if kana < 2:
        return False
    for n, _ in enumerate(_HAN.finditer(text)):  # more than twice as much Han?
        if n >= 2 * kana:
            return False
    hits = 0
    for _ in _JA_GRAMMAR.finditer(text):
        hits += 1
        if hits >= 2:
            return True
    return False


def _unjapanese(body: str, start: int, end: int, new: str, kind: Kind | None) -> bool:
    """Whether repairing ``body[start:end]`` (in a Japanese text, see
    :func:`is_japanese`) to ``new`` would destroy its Japanese: a round trip
    that gives it Hangul or modifier letters (``順に処`` as ``혤˄I``) is no
    repair, nor one decoded as GBK or Big5 that takes a kana away (``揃え``
    as ``資片``): those codecs hold Chinese text, and kana in the damaged span
    of a Japanese text is the Japanese it was. (Kinds decoded as UTF-8 may
    take kana away: UTF-8 read as GBK or Shift_JIS makes kana of its own.)
    ``kind`` is ``None`` for an ftfy repair."""
    old = body[start:end]
    if any(_foreign(ch) and ch not in old for ch in new):
        return True
    return (
        kind is not None
        and kind.right[0] != "utf-8"
        and len(_KANA.findall(new)) < len(_KANA.findall(old))
    )


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


class _Code:
    """The spans of code in each line of the step's input (Markdown fenced
    blocks and code spans, HTML ``<pre>``/``<code>``/``<script>``, a whole
    source file: see :mod:`cleantext.markup`): examples and programs, never
    mojibake to repair. Found on first use only (a text with no repair to
    make never pays for the markup scan), in the input's columns, and read
    in a line's current columns through the edits made to it so far."""

    def __init__(self, text: str, ctx: Context) -> None:
        self.text = text
        self.ctx = ctx
        self._by_line: dict[int, list[tuple[int, int]]] | None = None
        self._spans: list[tuple[int, int]] | None = None

    def _raw(self) -> list[tuple[int, int]]:
        """The spans of code in the input's offsets (sorted, apart)."""
        if self._spans is None:
            context = detect(self.text, self.ctx.config)
            self._spans = [] if context == "text" else protected_spans(self.text, context)
        return self._spans

    def overlaps(self, ranges: list[tuple[int, int]]) -> list[bool]:
        """For each ``(start, end)`` of the input inside one line, whether it
        overlaps code: what :meth:`spans` of its line says of its columns,
        without cutting every span of the text into lines (a text with a few
        lost characters and long code blocks paid for every line of them)."""
        if self._spans is None and len(ranges) <= FEW_SPANS:
            # markup.protected_for proves a few ranges clear of code without
            # the scan of the whole text (each call still looks at the whole
            # text for a '<': more ranges than that get the one scan below)
            prot = protected_for(self.text, self.ctx.config, ranges)
            return [prot.covers(a, b) for a, b in ranges]
        spans = self._raw()
        starts = [a for a, _b in spans]
        out = []
        for start, end in ranges:
            k = bisect_right(starts, start)  # the spans before k start at or before it
            out.append(
                (k > 0 and spans[k - 1][1] > start) or (k < len(spans) and spans[k][0] < end)
            )
        return out

    def _build(self) -> dict[int, list[tuple[int, int]]]:
        text = self.text
        spans = self._raw()
        out: dict[int, list[tuple[int, int]]] = {}
        line = pos = 0  # line number of offset pos, pos at the start of a line
        for a, b in spans:
            line += text.count("\n", pos, a)
            pos = text.rfind("\n", 0, a) + 1
            while pos < b:
                nl = text.find("\n", pos)
                end = len(text) if nl < 0 else nl
                lo, hi = max(a, pos) - pos, min(b, end) - pos
                if hi > lo:
                    out.setdefault(line, []).append((lo, hi))
                if nl < 0 or nl + 1 >= b:
                    break
                pos = nl + 1
                line += 1
        return out

    def spans(self, i: int, edits: _Edits) -> list[tuple[int, int]]:
        """Line ``i``'s code spans in its current columns."""
        if self._by_line is None:
            self._by_line = self._build()
        found = self._by_line.get(i)
        if not found:
            return []
        return [(edits.to_current(i, a), edits.to_current(i, b)) for a, b in found]


class _Lines:
    """The lines of the step's text (ends kept, as :func:`split_lines` has
    them), split only when a pass needs every line: until then a line is
    read at its offsets (``spans``, line number -> start and the offset of
    its ``\\n``) and a changed line is kept apart, so that clean text and a
    text with a few repairs are never held as a list of lines, and the text
    is built again only if something changed."""

    def __init__(self, text: str, spans: dict[int, tuple[int, int]] | None = None) -> None:
        self.text = text
        self.spans: dict[int, tuple[int, int]] = dict(spans or {})
        self.changed: dict[int, str] = {}
        self._all: list[str] | None = None

    def __getitem__(self, i: int) -> str:
        if self._all is not None:
            return self._all[i]
        if i in self.changed:
            return self.changed[i]
        span = self.spans.get(i)
        if span is None:
            return self.all()[i]
        a, b = span
        return self.text[a : b + 1]  # with its "\n" (none at the end of the text)

    def __setitem__(self, i: int, line: str) -> None:
        if self._all is not None:
            self._all[i] = line
        else:
            self.changed[i] = line

    def all(self) -> list[str]:
        """Every line (the text split once, from then on the lines)."""
        if self._all is None:
            self._all = split_lines(self.text)
            for i, line in self.changed.items():
                self._all[i] = line
            self.changed = {}
        return self._all

    def joined(self) -> str:
        """The text with the changes made so far (``text`` itself if none)."""
        if self._all is not None:
            new = "".join(self._all)
            return self.text if new == self.text else new
        if not self.changed:
            return self.text
        parts: list[str] = []
        pos = 0
        for i in sorted(self.changed):
            a, b = self.spans[i]
            parts += [self.text[pos:a], self.changed[i]]
            pos = b + 1
        parts.append(self.text[pos:])
        new = "".join(parts)
        return self.text if new == self.text else new


@dataclass
class _Passes:
    """What the CJK passes over one text share: its lines (repaired in
    place), the findings so far, the spans repaired so far in each line
    (which later passes leave alone), the edits made (for input columns)
    and the spans of code (which no repair touches)."""

    lines: _Lines
    findings: list[Finding]
    edits: _Edits
    code: _Code
    repaired: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def _cjk_pass(
    state: _Passes,
    indexes: list[int],
    kinds: Any,
    th: Any,
    repaired_by: dict[str, set[int]] | None = None,
    *,
    whole: bool = False,
    gaps: bool = False,
) -> dict[str, float]:
    """Repair ``state.lines[i]`` for ``i`` in ``indexes`` in place; returns
    the total gain per kind code. The spans repaired are added to
    ``state.repaired`` (and, per kind code, the line to ``repaired_by``)."""
    lines, findings, repaired, edits, code = (
        state.lines,
        state.findings,
        state.repaired,
        state.edits,
        state.code,
    )
    relaxed = th.need_mark
    gains: dict[str, float] = {}
    japanese: bool | None = None  # decided once a line with kana has a repair
    for i in indexes:
        raw = lines[i]
        body = strip_eol(raw)
        if whole:
            pc = repair_whole(body, kinds[0])
            found = [pc] if pc is not None else []
            new = body if pc is None else body[: pc.start] + pc.replacement + body[pc.end :]
        elif gaps:
            found = repair_gaps(body, kinds[0], repaired.get(i, []))
            new = body
            for pc in reversed(found):
                new = new[: pc.start] + pc.replacement + new[pc.end :]
        else:
            new, found = repair(body, kinds, th, protect=repaired.get(i), windowed=not relaxed)
        if japanese is None and found and _KANA.search(body):
            japanese = is_japanese(lines.joined())
        if japanese and any(
            _unjapanese(body, pc.start, pc.end, pc.replacement, pc.repair.kind) for pc in found
        ):
            found = [
                pc
                for pc in found
                if not _unjapanese(body, pc.start, pc.end, pc.replacement, pc.repair.kind)
            ]
            new = splice(body, sorted((pc.start, pc.end, pc.replacement) for pc in found))
        if found:
            in_code = code.spans(i, edits)
            if in_code and any(_overlaps(pc.start, pc.end, in_code) for pc in found):
                found = [pc for pc in found if not _overlaps(pc.start, pc.end, in_code)]
                new = splice(body, sorted((pc.start, pc.end, pc.replacement) for pc in found))
        if not found:
            continue
        # the repaired spans of the line, in the columns of the new line
        spans = []
        for a, b in repaired.get(i, []):
            d = sum(len(pc.replacement) - (pc.end - pc.start) for pc in found if pc.end <= a)
            spans.append((a + d, b + d))
        shift = 0
        for pc in found:
            spans.append((pc.start + shift, pc.start + shift + len(pc.replacement)))
            shift += len(pc.replacement) - (pc.end - pc.start)
        repaired[i] = sorted(spans)
        pieces = [(pc.start, pc.end, pc.replacement, pc.repair, pc.codes) for pc in found]
        for pc in found:
            gains[pc.repair.kind.code] = gains.get(pc.repair.kind.code, 0.0) + pc.repair.gain
            if repaired_by is not None:
                repaired_by.setdefault(pc.repair.kind.code, set()).add(i)
        shift = 0
        for start, end, replacement, r, codes in pieces:
            data: dict[str, Any] = {
                "encode": r.kind.wrong[0].replace("-sloppy", ""),
                "decode": r.kind.right[0],
                "score_before": r.score_before,
                "score_after": r.score_after,
            }
            if len(codes) > 1:
                data["layers"] = codes
            if relaxed:
                data["relaxed"] = True
            if r.code == BOM_CODE:
                message = (
                    "UTF-8 text with a byte order mark decoded as GBK ('锘'): "
                    "decoded right, the byte order mark dropped"
                )
            else:
                message = (
                    f"{r.kind.label}: encoded back and decoded right "
                    f"(plausibility {r.score_before} -> {r.score_after})"
                )
                if len(codes) > 1:
                    message += f"; damaged {len(codes)} times"
                if relaxed:
                    message += "; the same damage was found elsewhere in the text"
            current = start + shift
            findings.append(
                Finding(
                    step=STEP,
                    line=i + 1,
                    col=edits.to_input(i, current) + 1,
                    code=r.code,
                    message=message,
                    original=body[start:end],
                    replacement=replacement,
                    score=r.gain,
                    data=data,
                )
            )
            edits.add(i, current, end - start, len(replacement))
            shift += len(replacement) - (end - start)
        lines[i] = new + raw[len(body) :]
    return gains


def _unrepaired(
    lines: list[str],
    edits: _Edits,
    code: _Code,
    repaired: dict[int, list[tuple[int, int]]],
) -> list[Finding]:
    """Reports of what still looks like damage inside Chinese text once the
    repairs are done: a run of characters that are marks of damage (see
    :func:`cleantext.cjkmojibake.damage_marks`: another script's letters,
    private use, kana, GBK-only Han) next to a Han character, outside code
    and outside what was repaired. Called only for a text in which a CJK
    kind of mojibake was repaired, so that Greek letters in a clean science
    text are never mentioned."""
    out: list[Finding] = []
    for i, raw in enumerate(lines):
        if raw.isascii():
            continue
        body = strip_eol(raw)
        runs = unrepaired_runs(body)
        if not runs:
            continue
        skip = list(repaired.get(i, [])) + code.spans(i, edits)
        for a, b in runs:
            if _overlaps(a, b, skip):
                continue
            out.append(
                Finding(
                    step=STEP,
                    line=i + 1,
                    col=edits.to_input(i, a) + 1,
                    code="mojibake-unrepaired",
                    message=(
                        f"{body[a:b]!r} looks like mojibake in Chinese text (characters of "
                        "another script), but no repair restores it with confidence; left as it is"
                    ),
                    fixed=False,
                    original=body[a:b],
                    data={"chars": [f"U+{ord(c):04X}" for c in body[a:b]]},
                )
            )
    return out


# --- the step ----------------------------------------------------------------------


def _shaped_like_code(text: str, ctx: Context) -> bool:
    """Whether ``text`` is code by its shape alone: no markup configured,
    none known by the file's name or by how the text starts (the Markdown or
    HTML the sniff finds in a module's backticks or string literals is a
    guess), and code evidence in the page model
    (:func:`cleantext.pagemodel.is_code`: a module or a script piped in
    without its name). A test's ``'Ã¶'`` there is what its author wrote, as
    in the same file named ``.py``, whose code no repair touches. Data
    evidence (YAML, JSON) does not count: a Debian copyright file is shaped
    like YAML, and a maintainer's name in it is real mojibake."""
    config = ctx.config
    if config.context:
        return False
    if config.filename and config.filename not in ("-", "<stdin>"):
        if detect(text, config) != "text":
            return False
    elif is_markup_document(text, None):
        return False
    return is_code(text, ctx)


#: Why a repair was kept as a report, by the test that kept it.
_SHAPED_LIKE_CODE = "the text is shaped like code, with no name to say so"
_AN_ENTRY = "an entry of a list, judged alone, and the rest of the text does not show this damage"
_IN_JAPANESE = "Japanese text: Big5 and GBK are the codecs of Chinese"


def _kept(f: Finding, why: str) -> Finding:
    """Repair ``f`` as a report (``-kept``), saying ``why`` and, in its data,
    what it would have given (``would_be``)."""
    return f.with_(
        fixed=False,
        replacement=None,
        code=f.code + "-kept",
        message=f"kept ({why}); would have: {f.message}",
        data={**f.data, "would_be": f.replacement},
    )


def _keep_unsure(text: str, ctx: Context, passes: _Passes, document: set[str]) -> None:
    """Put back the lines that a Big5/GBK repair changed
    (:data:`~cleantext.cjkmojibake.precheck.ORIGIN`: its damage is ordinary
    Han characters) where the text says the repair is a guess, and make
    their findings reports (``-kept``): a change not sure enough is
    reported, not made.

    - In Japanese text (:func:`is_japanese`: kana and Japanese endings),
      every such repair: Big5 and GBK are the codecs of Chinese, and a
      Japanese dictionary's rare kanji read likelier as common Chinese
      characters (SKK's ``SKK-JISYO.L`` had 4,428 lines "repaired":
      ``申し`` -> ``ビ苹``).
    - In a text made of entries (the page model's ``entries`` or ``data``
      evidence: a word list, a JSON map), unless that kind damaged the
      whole text (``document``): each entry is judged alone, with no
      sentence around it ('旮旮旯旯' as '深深身身', '瑞蚨祥' as '风雍不', in
      jieba's dictionary; '乾癟癟' as '爱莽莽' in OpenCC's; '僕僮' as '共弓'
      in zhconv's JSON map)."""
    origin = [f for f in passes.findings if f.fixed and f.code in ORIGIN]
    if not origin:
        return
    if is_japanese(text):
        why, unsure = _IN_JAPANESE, {f.line - 1 for f in origin}
    else:
        unsure = {f.line - 1 for f in origin if f.code not in document}
        if not unsure or not is_made_of_entries(text, ctx):
            return
        why = _AN_ENTRY
    lines = passes.lines
    original = split_lines(text)
    for i in unsure:
        lines[i] = original[i]
        passes.repaired.pop(i, None)
        passes.edits.by_line.pop(i, None)
    passes.findings[:] = [
        _kept(f, why) if f.fixed and f.line - 1 in unsure else f for f in passes.findings
    ]


def _realign(text: str, ctx: Context, code: _Code | None) -> tuple[str, list[Finding]]:
    """``text`` with the runs read out of step after a lost first byte read
    again (:func:`~cleantext.cjkmojibake.realign.after_lost_lead`), but in
    code or in a text shaped like code, and a finding for each."""
    runs = after_lost_lead(text)
    if not runs or _shaped_like_code(text, ctx):
        return text, []
    coded = (code or _Code(text, ctx)).overlaps([(a - 1, b) for a, b, _f in runs])
    out: list[str] = []
    findings: list[Finding] = []
    pos = 0
    line, counted = 1, 0
    for (a, b, fixed), inside in zip(runs, coded):
        if inside:
            continue
        line += text.count("\n", counted, a)
        counted = a
        findings.append(
            Finding(
                step=STEP,
                line=line,
                col=a - text.rfind("\n", 0, a),
                code="misaligned-bytes",
                message=(
                    f"{text[a:b]!r} after the lost character '?' is GBK read one byte out of "
                    f"step (the lost character's second byte read with the next one's first): "
                    f"read again in step as {fixed!r}"
                ),
                original=text[a:b],
                replacement=fixed,
            )
        )
        out += (text[pos:a], fixed)
        pos = b
    if not findings:
        return text, []
    out.append(text[pos:])
    return "".join(out), findings


def fix_mojibake(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    """Repair mojibake in ``text`` (see the module docstring)."""
    lines: _Lines | None = None
    findings: list[Finding] = []
    edits = _Edits()
    code = _Code(text, ctx)

    ftfy_found: list[tuple[int, int, int]] | None = None
    if len(text) > SCAN_ONCE and not text.isascii():
        cjk_spans, big5_spans, ftfy_found = _scan(text)
        if cjk_spans or big5_spans:
            # The windows of long lines (decide.strict_parts) are found with
            # suspect_re: built now (as the pre-check's own scan of a large
            # text built it), not once their first lines have spent the
            # budget of regexes made for one line (speed only: the same
            # matches either way).
            suspect_re()
    else:
        cjk_spans = suspect_spans(text)
        big5_spans = big5_suspect_spans(text)
    cjk_lines = sorted(cjk_spans)
    big5_lines = sorted(set(big5_spans) - set(cjk_spans))
    if cjk_lines or big5_lines:
        lines = _Lines(text, {**big5_spans, **cjk_spans})
        passes = _Passes(lines, findings, edits, code)
        repaired = passes.repaired
        repaired_by: dict[str, set[int]] = {}
        # the screens of every part the strict passes look at, at once
        prove_many([p for i in cjk_lines + big5_lines for p in strict_parts(strip_eol(lines[i]))])
        try:
            gains = _cjk_pass(passes, cjk_lines, KINDS, STRICT, repaired_by)
            for kcode, g in _cjk_pass(passes, big5_lines, BIG5_KINDS, STRICT, repaired_by).items():
                gains[kcode] = gains.get(kcode, 0.0) + g
        finally:
            forget_proofs()
        # A kind repaired on the strict terms is no longer alone: the spans
        # the strict terms held back as too short to be damage on their own
        # are looked at again, in the lines looked at so far.
        seen = tuple(k for k in KINDS if gains.get(k.code, 0.0) > 0.0)
        if seen:
            looked = sorted(set(cjk_lines) | set(big5_lines))
            for kcode, g in _cjk_pass(passes, looked, seen, STRICT_SEEN, repaired_by).items():
                gains[kcode] = gains.get(kcode, 0.0) + g
        found_chars: dict[str, int] = {}
        for f in findings:
            found_chars[f.code] = found_chars.get(f.code, 0) + len(f.original or "")
        # A kind that repaired most of the text is a fact about the whole
        # text (a Big5 page read as GBK is damaged everywhere, not in
        # patches): every line is looked at again with less evidence
        # needed, so that names and one-character lines, too short to
        # convince on their own, are repaired too. A kind found with strong
        # evidence in a text mostly clean is looked for on every line that
        # has a mark of damage: a page does not change its damage halfway.
        document: set[str] = set()
        for kind in KINDS:
            evidence = _evidence(kind.code, gains, found_chars, text)
            if evidence == "strong":
                every = lines.all()
                rest = [i for i, ln in enumerate(every) if not ln.isascii() and has_damage_mark(ln)]
                by_kind: dict[str, set[int]] = {}
                _cjk_pass(passes, rest, (kind,), RELAXED, by_kind)
                # and the character or two a relaxed repair left at its edge
                # ('眎倍' -> '張倍' -> '張捷'): half a name is worse than none
                edges = by_kind.get(kind.code, set()) | repaired_by.get(kind.code, set())
                _cjk_pass(passes, sorted(edges), (kind,), DOCUMENT, gaps=True)
            elif evidence == "document":
                document.add(kind.code)
                every = lines.all()
                rest = [
                    i
                    for i, ln in enumerate(every)
                    if not ln.isascii() and damage_marks(ln, kind.code)
                ]
                _cjk_pass(passes, rest, (kind,), DOCUMENT, repaired_by)
                # lines with nothing repaired yet: all of the line, or nothing
                done = set(repaired) | {i for s in repaired_by.values() for i in s}
                untouched = [
                    i for i, ln in enumerate(lines.all()) if i not in done and not ln.isascii()
                ]
                _cjk_pass(passes, untouched, (kind,), DOCUMENT, whole=True)
                # and a character or two left between repaired spans or at
                # the end of a line (the edges of a name: '努柑' for '努裡')
                _cjk_pass(passes, sorted(repaired), (kind,), DOCUMENT, gaps=True)
        _keep_unsure(text, ctx, passes, document)

    cjk_repaired = any(f.fixed for f in findings)
    japanese: bool | None = None
    current = text if lines is None else lines.joined()
    found_lines = ftfy_found if current is text and ftfy_found is not None else _ftfy_lines(current)
    if found_lines:
        if lines is None:
            lines = _Lines(text)
        if current is text:
            lines.spans.update((i, (a, b)) for i, a, b in found_lines)
        for i, _a, _b in found_lines:
            raw = lines[i]
            body = strip_eol(raw)
            repairs = _ftfy_line(body)
            if repairs:
                in_code = code.spans(i, edits)
                if in_code:
                    repairs = [r for r in repairs if not _overlaps(r[0], r[1], in_code)]
                if repairs and japanese is None and _KANA.search(body):
                    japanese = is_japanese(current)
                if japanese:
                    repairs = [r for r in repairs if not _unjapanese(body, r[0], r[1], r[2], None)]
            if not repairs:
                continue
            parts: list[str] = []
            pos = 0
            shift = 0
            for a, b, rep, explanation in repairs:
                if _quoted_specimen(body, a, b, rep):
                    # reported, not made: the line keeps its quoted examples
                    findings.append(
                        Finding(
                            step=STEP,
                            line=i + 1,
                            col=edits.to_input(i, a + shift) + 1,
                            code=_ftfy_code(explanation) + "-kept",
                            message="kept (each change is a quoted letter, an example of the "
                            f"damage, not damage): would have repaired {body[a:b]!r} -> {rep!r}",
                            original=body[a:b],
                            fixed=False,
                            data={"ftfy": [[str(act), str(param)] for act, param in explanation]},
                        )
                    )
                    continue
                parts.append(body[pos:a])
                parts.append(rep)
                pos = b
                col = edits.to_input(i, a + shift) + 1
                edits.add(i, a + shift, b - a, len(rep))
                shift += len(rep) - (b - a)
                findings.append(
                    Finding(
                        step=STEP,
                        line=i + 1,
                        col=col,
                        code=_ftfy_code(explanation),
                        message="Latin-family mojibake repaired by ftfy: "
                        + ", ".join(f"{act} {param}" for act, param in explanation),
                        original=body[a:b],
                        replacement=rep,
                        data={"ftfy": [[str(act), str(param)] for act, param in explanation]},
                    )
                )
            if pos:  # (0: every repair of the line was a quoted specimen)
                parts.append(body[pos:])
                lines[i] = "".join(parts) + raw[len(body) :]

    if cjk_repaired and lines is not None:
        findings.extend(_unrepaired(lines.all(), edits, code, repaired))
    new_text = text if lines is None else lines.joined()
    if new_text is not text and _shaped_like_code(text, ctx):
        new_text = text
        findings = [_kept(f, _SHAPED_LIKE_CODE) if f.fixed else f for f in findings]
    if "?" in new_text:
        new_text, realigned = _realign(new_text, ctx, code if new_text is text else None)
        findings.extend(realigned)
    hits = _lost_hits(new_text)
    if hits:
        # reports of lost characters in code neither: '锟斤拷' in a fenced
        # block is an example of the damage
        final = code if new_text is text else _Code(new_text, ctx)
        coded = final.overlaps([(a, b) for _f, a, b in hits])
        findings.extend(f for (f, _a, _b), inside in zip(hits, coded) if not inside)
    findings.sort(key=lambda f: (f.line, f.col))
    if len(text) >= LET_GO_CHARS:
        let_go()
    return new_text, findings
