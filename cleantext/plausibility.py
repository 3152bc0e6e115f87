"""How plausible a piece of text is as natural writing (CJK-aware).

One number per text, higher meaning more like real prose. The decode step
uses it to choose between the encodings that decode a file cleanly, and the
mojibake step to decide whether a repaired span beats the damaged one.

It is a small character language model: Han characters are scored with
unigram and in-word bigram log10 frequencies (``data/cjk_freq.txt.gz``,
built by ``scripts/build_cjk_freq.py`` from jieba's MIT-licensed word list,
in both Simplified and Traditional forms), and every other character gets a
log10 cost by class and context: ASCII is cheap; kana are ordinary;
Hangul syllables cost by how common their jamo are, and much more outside
the 2,350 of KS X 1001; Latin-1 letters cost more, and more again in runs,
as capitals inside words or next to symbols; the characters mojibake is
made of (C1 controls, private use, box drawing, U+FFFD, Latin-1 symbols next
to Han, Hangul next to Han, one katakana between kanji, letters of two
alphabets in one word) are expensive. Costs are fixed by hand, not fitted:
they only need to rank a text above its own mis-decodings.

API (stable; part of the library's internal contract):

- :func:`logprob` -> the total log10 score of a text (sum over characters;
  whitespace is free). Use it to compare different decodings *of the same
  bytes*, where every candidate has to explain the same input.
- :func:`score` -> the mean log10 score per scored character, about -1.5
  for English, -2.5 to -3.5 for Chinese prose and -5 or lower for mojibake.
- :func:`compare` ``(a, b)`` -> ``score(b) - score(a)``: positive when ``b``
  is the more plausible one.
- :func:`char_scores` -> one score per character (whitespace gets ``0.0``),
  for finding the damaged spans in a line.

>>> score("发展经济") > score("鍙戝睍缁忔祹")
True
>>> compare("·¢Õ¹", "发展") > 1.5
True
>>> score("") == 0.0
True
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from collections.abc import Iterable
from itertools import chain, compress, count, islice, repeat
from operator import contains

from .textutil import is_han_cp as _is_han_cp
from .textutil import read_data

__all__ = ["score", "logprob", "compare", "char_scores", "char_cost"]

#: log10 score of a Han character that is not in the table at all.
UNKNOWN_HAN = -7.0
#: Extra cost where Han touches a Latin-1 letter or symbol.
_SWITCH_LATIN1 = -2.0
#: Extra cost where Han touches Hangul (rare outside mojibake).
_SWITCH_HANGUL = -2.5
#: Extra cost where Han touches an ASCII letter with no space between.
_SWITCH_ASCII = -1.5

# The 26 most frequent Hangul syllables of Korean text (from the language
# frequency table shipped in charset-normalizer, MIT).
_COMMON_HANGUL = frozenset("이다에의는로하을가고지서한은기으년대사시를리도인스일")

_KS_HANGUL: set[str] = set()


def _ks_hangul() -> set[str]:
    """The 2,350 Hangul syllables of KS X 1001 (rows 0xB0-0xC8 of EUC-KR)."""
    if not _KS_HANGUL:
        raw = bytes(
            b for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF) for b in (lead, trail)
        )
        _KS_HANGUL.update(raw.decode("euc_kr"))
    return _KS_HANGUL


# Hangul syllable = initial (19) x medial (21) x final (28). Jamo that are
# rare in Korean words make a syllable less plausible (a rough structural
# model: we ship no Korean corpus).
_RARE_INITIAL = frozenset((1, 4, 8, 10, 13, 15))  # ㄲ ㄸ ㅃ ㅆ ㅉ ㅋ
_RARE_MEDIAL = frozenset((2, 3, 7, 10, 15, 19))  # ㅑ ㅒ ㅖ ㅙ ㅞ ㅢ
_COMMON_FINAL = frozenset((0, 1, 4, 8, 16, 17, 19, 20, 21))  # - ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅆ ㅇ


def _hangul_cost(index: int) -> float:
    initial, medial, final = index // 588, (index % 588) // 28, index % 28
    cost = -2.9
    if initial in _RARE_INITIAL:
        cost -= 0.7
    if medial in _RARE_MEDIAL:
        cost -= 1.0
    if final not in _COMMON_FINAL:
        cost -= 1.3
    return cost


# Filled from the data file on first use (see scripts/build_cjk_freq.py).
_UNI: dict[str, float] = {}  # Han char -> log10((1 - L) * P(c)), the back-off
#: The pairs of the table (two Han characters, "ab"), by their first
#: character: ``_SECONDS[a]`` is the second characters of a's pairs, and
#: ``_SCORES[a]`` the score of each, ``log10(L * P(b|a) + (1 - L) * P(b))``,
#: as one character (:data:`_Q_LP`), in the same order: the data file's "r"
#: line cut in two (some 13,000 strings where a dict of the 140,000 pairs
#: holds one object a pair: 14 MiB, and 60 ms to fill in every process that
#: scores text). See :func:`_pair_lp`.
_SECONDS: dict[str, str] = {}
_SCORES: dict[str, str] = {}
#: A pair's score is ``-q / 8`` for the character ``chr(_Q0 + q)``
#: (scripts/build_cjk_freq.py: the ``Q0`` there), ``q`` from 0 to 78.
_Q0 = 0x30
_Q_LP = {chr(_Q0 + q): -q / 8.0 for q in range(0x7F - _Q0)}
_UNI_RAW: dict[str, float] = {}  # Han char -> log10 P(c)
_COST: dict[str, float] = {}  # memo for non-Han context-free costs
#: Han char -> the lowest log10 of a pair ending in it (:func:`_min_into`):
#: the data file's "m" lines, which scripts/build_cjk_freq.py derives from
#: its pairs (the tests compute it from the pairs and compare).
_MIN_INTO: dict[str, float] = {}

# Character kinds used for context rules.
(
    _K_SPACE,
    _K_ASCII,
    _K_ASCII_LETTER,
    _K_HAN,
    _K_LATIN1,
    _K_LATIN1_UPPER,
    _K_LATIN1_SYMBOL,
    _K_HANGUL,
    _K_HALFKANA,
    _K_KATAKANA,
    _K_SCRIPT,
    _K_OTHER,
) = range(12)
_LATIN1_KINDS = (_K_LATIN1, _K_LATIN1_UPPER, _K_LATIN1_SYMBOL)


def _load() -> None:
    if _UNI:
        return
    raw = read_data("cjk_freq.txt.gz")
    uni_raw: dict[str, float] = {}
    uni: dict[str, float] = {}
    backoff: float | None = None
    # (Every process that scores text pays this load, so it is kept cheap:
    # zip with repeat fills a dict at C speed; the pairs stay in their rows,
    # two strings for each first character (see _SECONDS); _min_into's table
    # is read from the file's "m" lines, not computed over every pair. _UNI,
    # the mark of a finished load, is filled last. Two tables with the same
    # characters share their key strings: a character of the text is a new
    # string each time it is taken out, 80 bytes, 1.5 MiB for both pairs.)
    for line in gzip.decompress(raw).decode("utf-8").split("\n"):
        if not line or line[0] == "#":
            continue
        tag, _, body = line.partition("\t")
        if tag == "N":
            backoff = math.log10(1 - float(body.split("\t")[0]))
            continue
        if tag == "r":
            # (a row: the first character, n second ones, n scores)
            rows = body.split(" ")
            firsts = [row[0] for row in rows]
            _SECONDS.update(zip(firsts, [row[1 : (len(row) + 1) >> 1] for row in rows]))
            _SCORES.update(zip(firsts, [row[(len(row) + 1) >> 1 :] for row in rows]))
            continue
        lp = -int(tag[1:]) / 8.0
        if tag[0] == "c":
            chars = list(body)
            uni_raw.update(zip(chars, repeat(lp)))
            if backoff is None:
                raise ValueError("cjk_freq: the N line must come before the c lines")
            uni.update(zip(chars, repeat(lp + backoff)))
        elif tag[0] == "m":
            _MIN_INTO.update(zip(body, repeat(lp)))
    _UNI_RAW.update(uni_raw)
    _UNI.update(uni)


_CJK_PUNCT = frozenset("，。、；：？！“”‘’《》〈〉「」『』【】（）〔〕—…·～﹏・")
_CJK_SYMBOLS = frozenset("∼ㆍ※○●◎□■△▲☆★→")
_CP1252_PUNCT = frozenset("‘’“”—…")
_CP1252_OTHER = frozenset("€‚ƒ„†‡ˆ‰Š‹ŒŽ•–˜™š›œžŸ")


def _kind_cost(ch: str) -> tuple[int, float]:
    """Context-free (kind, cost) of a non-Han character."""
    cp = ord(ch)
    if cp < 0x80:
        if ch in " \t\r\n\f\v":
            return _K_SPACE, 0.0
        if ch.isalpha():
            return _K_ASCII_LETTER, -1.2
        if ch.isdigit():
            return _K_ASCII, -1.5
        if cp < 0x20 or cp == 0x7F:
            return _K_OTHER, -8.0
        return _K_ASCII, -1.8
    if cp < 0xA0:
        return _K_OTHER, -9.0  # C1 controls: bytes decoded as Latin-1
    if cp == 0xA0 or cp == 0x3000:
        return _K_SPACE, -1.0
    if ch in _CJK_PUNCT:
        return _K_OTHER, -2.0
    if cp <= 0xFF:
        if ch.isalpha() and cp not in (0xAA, 0xBA, 0xB5):
            return (_K_LATIN1, -3.0) if ch.islower() else (_K_LATIN1_UPPER, -3.5)
        if ch in "£°©®«»×§¿¡½":
            return _K_LATIN1_SYMBOL, -3.0
        return _K_LATIN1_SYMBOL, -5.0
    if ch in _CJK_SYMBOLS or 0x2460 <= cp <= 0x2473:
        return _K_OTHER, -2.5  # ∼ ㆍ ※ ① ... (common in CJK documents)
    if ch in _CP1252_PUNCT:
        return _K_OTHER, -2.5
    if ch in _CP1252_OTHER:
        # The rest of cp1252's 0x80-0x9F: context makes them Latin-1 kin.
        return _K_LATIN1_SYMBOL, (-2.5 if ch == "–" else -4.5)
    if 0x3041 <= cp <= 0x309F:
        return _K_OTHER, -2.0  # hiragana
    if 0x30A0 <= cp <= 0x30FF:
        return _K_KATAKANA, -2.4
    if 0xFF01 <= cp <= 0xFF5E:
        return _K_OTHER, -2.3  # full-width ASCII
    if 0xFF61 <= cp <= 0xFF9F:
        return _K_HALFKANA, -4.0  # half-width katakana
    if 0xAC00 <= cp <= 0xD7A3:
        # Korean text keeps to the 2,350 syllables of KS X 1001 (EUC-KR);
        # the other 8,822 are what UTF-16 read from legacy bytes gives.
        if ch in _COMMON_HANGUL:
            return _K_HANGUL, -1.9
        if ch not in _ks_hangul():
            return _K_HANGUL, -6.0
        return _K_HANGUL, _hangul_cost(cp - 0xAC00)
    if 0x3000 <= cp <= 0x303F:
        return _K_OTHER, -3.0  # other CJK punctuation
    if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
        return _K_OTHER, -9.0  # private use
    if 0x2500 <= cp <= 0x259F:
        return _K_OTHER, -6.0  # box drawing, blocks
    if cp == 0xFFFD:
        return _K_OTHER, -10.0
    if 0xD800 <= cp <= 0xDFFF:
        return _K_OTHER, -10.0
    if 0x100 <= cp <= 0x17F:
        # Latin Extended-A: Central European letters, as Latin-1's.
        return (_K_LATIN1, -3.0) if ch.islower() else (_K_LATIN1_UPPER, -3.5)
    if 0x180 <= cp <= 0x24F:
        return _K_LATIN1_SYMBOL, -4.5  # Latin Extended-B: rare
    cat = unicodedata.category(ch)
    if cat in ("Ll", "Lu", "Lo", "Lm", "Mn", "Mc"):
        # Greek, Cyrillic, Hebrew, Arabic, Indic, Thai...; rarer scripts
        # further up are mostly what UTF-16 read from other bytes gives.
        if cat == "Lm" or cp >= 0x1000:
            return _K_OTHER, -5.0
        return _K_SCRIPT, -3.0
    if cat == "Nd":
        return _K_OTHER, -4.0
    if cat in ("Cn", "Co", "Cs", "Cc", "Cf"):
        return _K_OTHER, -9.0
    return _K_OTHER, -5.0  # symbols


_KIND: dict[str, int] = {}


def _costs(text: str) -> list[float]:
    _load()
    uni, seconds_of, scores_of, q_lp = _UNI, _SECONDS, _SCORES, _Q_LP
    memo, kinds = _COST, _KIND
    out: list[float] = []
    append = out.append
    prev = ""
    prev_kind = prev2_kind = _K_SPACE
    hangul_run = 0
    for ch in text:
        cost = memo.get(ch)
        if cost is None:
            if _is_han_cp(ord(ch)):
                kind = _K_HAN
                cost = uni.get(ch, UNKNOWN_HAN)
            else:
                kind, cost = _kind_cost(ch)
            memo[ch] = cost
            kinds[ch] = kind
        kind = kinds[ch]
        if kind == _K_HAN:
            if prev_kind == _K_HAN:
                # (the pair's score if prev + ch is a pair of the table: _pair_lp)
                seconds = seconds_of.get(prev)
                if seconds is not None:
                    i = seconds.find(ch)
                    if i >= 0:
                        cost = q_lp[scores_of[prev][i]]
            elif prev_kind in _LATIN1_KINDS:
                cost += _SWITCH_LATIN1
            elif prev_kind == _K_HANGUL:
                cost += _SWITCH_HANGUL
            elif prev_kind == _K_ASCII_LETTER or prev_kind == _K_HALFKANA or prev_kind == _K_SCRIPT:
                cost += _SWITCH_ASCII
            elif prev_kind == _K_KATAKANA and prev2_kind != _K_KATAKANA:
                cost -= 1.0  # one katakana between kanji: a misread byte pair
        elif kind == _K_ASCII_LETTER:
            if prev_kind == _K_HAN:
                cost += _SWITCH_ASCII
        elif kind == _K_LATIN1:
            # A lower-case accented letter: natural after a letter, less so
            # after another one, and suspicious after symbols or Han.
            if prev_kind == _K_LATIN1:
                # Two in a row happen (pää, ção); longer runs are other
                # alphabets read as Latin-1 (Cyrillic from cp1251...).
                cost -= 0.5 if prev2_kind != _K_LATIN1 else 2.0
            elif prev_kind == _K_LATIN1_UPPER or prev_kind == _K_LATIN1_SYMBOL:
                cost -= 2.5
            elif prev_kind == _K_HAN:
                cost += _SWITCH_LATIN1
        elif kind == _K_LATIN1_UPPER or kind == _K_LATIN1_SYMBOL:
            # Capitals and symbols of Latin-1 inside words or in runs are
            # what GBK bytes read as Latin-1 look like (·¢Õ¹).
            if prev_kind in _LATIN1_KINDS:
                cost -= 2.5
            elif prev_kind == _K_ASCII_LETTER and kind == _K_LATIN1_UPPER:
                cost -= 1.0
            elif prev_kind == _K_HAN:
                cost += _SWITCH_LATIN1
        elif kind == _K_SCRIPT:
            # Letters of alphabets below U+1000 (Greek, Cyrillic, Hebrew,
            # Arabic...): words keep to one of them.
            if prev_kind == _K_SCRIPT and (ord(prev) >> 8) != (ord(ch) >> 8):
                cost -= 2.5
            elif prev_kind == _K_HAN:
                cost += _SWITCH_ASCII
        elif kind == _K_KATAKANA:
            if prev_kind == _K_HAN:
                cost -= 0.5
        elif kind == _K_HALFKANA:
            if prev_kind == _K_HALFKANA:
                cost += 1.2  # runs of half-width katakana are Japanese
            elif prev_kind == _K_HAN:
                cost -= 1.5
        elif kind == _K_HANGUL:
            if prev_kind == _K_HAN:
                cost += _SWITCH_HANGUL
            elif prev_kind == _K_HANGUL:
                hangul_run += 1
                if hangul_run > 5:
                    cost -= 1.0  # Korean puts spaces between words
        if kind != _K_HANGUL:
            hangul_run = 0
        elif prev_kind != _K_HANGUL:
            hangul_run = 1
        append(cost)
        prev = ch
        prev2_kind = prev_kind
        prev_kind = kind
    return out


# --- bounds of a character's score in any text ------------------------------------
#
# What :mod:`cleantext.cjkmojibake.decide` needs to prove, without scoring a
# line, that no stretch of it gains enough from a repair: for each
# character, the highest score :func:`_costs` can give it where it does not
# end a bigram of the table, and the lowest it can give it after a
# character that is not one of :data:`SWITCH_BEFORE`.
#
# From the context rules of :func:`_costs`: every rule adds a cost (<= 0)
# except a half-width katakana after another (+1.2) and a Han character
# after a Han character whose pair is in the table (the pair's log10 in
# place of the character's own); a Han character's cost is its own or a
# pair's, less at most :data:`SWITCH_MAX` after a character of a kind in
# SWITCH_BEFORE (Latin-1, Hangul, an ASCII letter, half-width katakana,
# another alphabet, katakana); every other character's cost is its own
# less the most its kind's rules take away (:data:`_KIND_MIN_ADJUST`).

#: The most a Han character's cost drops after a character of another
#: script (see :data:`SWITCH_BEFORE`).
SWITCH_MAX = max(-_SWITCH_LATIN1, -_SWITCH_HANGUL, -_SWITCH_ASCII, 1.0)

#: A character class that holds every character after which a Han
#: character may cost less than its own (or its pair's) score: everything
#: but Han, ASCII other than letters, CJK punctuation, hiragana, full-width
#: ASCII and the typography of Chinese text (all of kinds with no rule).
SWITCH_BEFORE = (
    "[^\\x00-\\x40\\x5b-\\x60\\x7b-\\x7f\u3000-\u303f\u3041-\u309f\uff01-\uff5e"
    "“”‘’—…·" + "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U000323af\U0002f800-\U0002fa1f]"
)

#: The most each kind's context rules take from a character's own cost.
_KIND_MIN_ADJUST = {
    _K_ASCII_LETTER: _SWITCH_ASCII,
    _K_LATIN1: -2.5,
    _K_LATIN1_UPPER: -2.5,
    _K_LATIN1_SYMBOL: -2.5,
    _K_SCRIPT: -2.5,
    _K_KATAKANA: -0.5,
    _K_HALFKANA: -1.5,
    _K_HANGUL: _SWITCH_HANGUL,
}


def run_scored(ch: str) -> bool:
    """Whether :func:`_costs` scores ``ch`` from more than the character
    itself and the two before it (``prev``, ``prev_kind``, ``prev2_kind``;
    the start of the text counts as spaces): a Hangul syllable, whose score
    counts the run of syllables before it (``hangul_run``). Every other
    character scores the same wherever the two characters before it are
    the same (the tests check)."""
    return "\uac00" <= ch <= "\ud7a3"


def _min_into() -> dict[str, float]:
    _load()
    return _MIN_INTO


def score_bounds(ch: str) -> tuple[float, float]:
    """The highest and the lowest score :func:`_costs` gives ``ch`` in any
    text: the highest where ``ch`` does not end a pair of the table (see
    :func:`pair_score`), the lowest where the character before it is not
    one of :data:`SWITCH_BEFORE` (after one, a Han character may cost
    :data:`SWITCH_MAX` less)."""
    return score_bounds_of((ch,))[ch]


def score_bounds_of(chars: Iterable[str]) -> dict[str, tuple[float, float]]:
    """:func:`score_bounds` of each of ``chars``."""
    _load()
    uni, low_into, memo, kinds = _UNI, _min_into(), _COST, _KIND
    out: dict[str, tuple[float, float]] = {}
    for ch in chars:
        if _is_han_cp(ord(ch)):
            own = uni.get(ch, UNKNOWN_HAN)
            out[ch] = (own, min(own, low_into.get(ch, own)))
            continue
        memo_cost = memo.get(ch)
        if memo_cost is None:
            kind, cost = _kind_cost(ch)
            memo[ch] = cost
            kinds[ch] = kind
        else:
            cost = memo_cost
        kind = kinds[ch]
        out[ch] = (
            cost + 1.2 if kind == _K_HALFKANA else cost,
            cost + _KIND_MIN_ADJUST.get(kind, 0.0),
        )
    return out


def _pair_lp(first: str, second: str) -> float | None:
    """The score of the pair ``first + second`` (two characters) in the
    table, or None (see :data:`_SECONDS`)."""
    seconds = _SECONDS.get(first)
    i = -1 if seconds is None else seconds.find(second)
    return _Q_LP[_SCORES[first][i]] if i >= 0 else None


def pair_score(pair: str) -> float | None:
    """The log10 of a pair of Han characters in the table (the score of its
    second character after the first), or None."""
    _load()
    return _pair_lp(pair[0], pair[1]) if len(pair) == 2 else None


def pairs() -> dict[str, float]:
    """The table of pairs, each with its :func:`pair_score`: a new dict of
    140,000 entries at every call (for tests and scripts; the model keeps
    the pairs in rows, see :data:`_SECONDS`)."""
    _load()
    return {
        first + second: _Q_LP[q]
        for first, seconds in _SECONDS.items()
        for second, q in zip(seconds, _SCORES[first])
    }


def pairs_at(text: str) -> tuple[list[int], list[float]]:
    """Where ``text`` has a pair of the table: every ``k`` with
    ``text[k : k + 2]`` a pair, in order, and the :func:`pair_score` of each.

    Each character is looked up with the next at C speed (whether the
    second characters of its pairs hold the next one; a character that
    starts no pair has "", which holds none; operator.contains, a function,
    costs half what the slot wrapper str.__contains__ does), with no string
    made for a place; only the pairs found are read in Python, for their
    scores (:func:`_pair_lp`)."""
    _load()
    seconds, scores, q_lp = _SECONDS, _SCORES, _Q_LP
    follows = map(contains, map(seconds.get, text, repeat("")), islice(text, 1, None))
    starts = list(compress(count(), follows))
    lps: list[float] = []
    for k in starts:
        first = text[k]
        lps.append(q_lp[scores[first][seconds[first].find(text[k + 1])]])
    return starts, lps


def char_cost(ch: str) -> float:
    """The context-free log10 score of one character (Han: its unigram)."""
    _load()
    if _is_han_cp(ord(ch)):
        return _UNI_RAW.get(ch, UNKNOWN_HAN)
    return _kind_cost(ch)[1]


def char_scores(text: str) -> list[float]:
    """One log10 score per character of ``text``, in context (whitespace 0).

    >>> [round(s) for s in char_scores("a\\x85")]
    [-1, -9]
    """
    return _costs(text)


def logprob(text: str) -> float:
    """Total log10 score of ``text`` (more negative = less plausible).

    Compare this between different decodings of the same bytes. A long
    text is scored a piece at a time (pieces end after a newline, where a
    character's score forgets what came before), summed exactly by
    :func:`math.fsum`: a float per character of a whole file read line
    by line held eight bytes a character and more.
    """
    if len(text) <= _PIECE:
        return math.fsum(_costs(text))
    return math.fsum(chain.from_iterable(map(_costs, _pieces(text))))


#: Characters :func:`logprob` scores at a time (at least: up to a newline).
_PIECE = 1 << 16


def _pieces(text: str) -> Iterable[str]:
    """``text`` in pieces of at least :data:`_PIECE` characters, each but
    the last ending with a newline."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + _PIECE - 1)
        end = n if end < 0 else end + 1
        yield text[start:end]
        start = end


def score(text: str) -> float:
    """Mean log10 score per non-whitespace character; ``0.0`` if there is none.

    >>> score("中华人民共和国") > score("涓崕浜烘皯鍏卞拰鍥")
    True
    """
    costs = _costs(text)
    n = sum(1 for c in costs if c != 0.0)
    return math.fsum(costs) / n if n else 0.0


def compare(a: str, b: str) -> float:
    """``score(b) - score(a)``: how much more plausible ``b`` is than ``a``.

    >>> compare("鍙戝睍", "发展") > 2
    True
    """
    return score(b) - score(a)
