"""Which codec reads a file's bytes: encoding detection for every family.

:func:`detect` answers for bytes that are not plain UTF-8 (the decode step
tries BOMs, UTF-16/32 NUL patterns, strict UTF-8 and 7-bit escapes first;
see :mod:`cleantext.decode`). Cheapest evidence first:

1. A ``<meta charset>`` / ``<?xml encoding?>`` declaration, for any codec
   Python knows, read as browsers read it (:data:`SUPERSETS`: ``Shift_JIS``
   as cp932, ``gb2312`` as GB18030, ``iso-8859-1`` as cp1252...). It is
   taken when its codec decodes the bytes strictly and the reading is not
   implausible.
2. The CJK multi-byte families (GB18030, Big5/cp950/HKSCS, Shift_JIS/cp932/
   Shift_JIS-2004, EUC-JP/EUC-JIS-2004, EUC-KR/cp949, Johab) and BOM-less
   UTF-16/32: each that decodes the bytes strictly (a C-speed filter that
   leaves few) is scored by :mod:`cleantext.plausibility`, a Han
   unigram/bigram model with Hangul and kana costs, on at most
   ``_SCORED_CJK`` bytes. A reading whose non-ASCII characters are plausible
   CJK (and that beats the cp1252 reading of the same bytes) is the answer.
3. Otherwise chardet 7 (trained bigram models for every single-byte code
   page: ISO-8859 parts, Windows 125x, DOS and Mac code pages, KOI8,
   TIS-620...) ranks the single-byte codecs; the first of its answers that
   decodes the whole input strictly wins. When chardet's best is a CJK
   codec, the CJK model's ranking is used instead.

The confidence is the share of the evidence behind the *text* the answer
produces: codecs that decode the bytes to the same text (cp1252 and
ISO-8859-15 for most French) agree rather than compete, so the confidence
says how likely the decoded text is right, which is what a caller needs.
"""

from __future__ import annotations

import codecs
import functools
import math
import re
import struct
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from . import letterpairs, plausibility
from .textutil import lazy_re

__all__ = [
    "Detection",
    "SUPERSETS",
    "codecs_for_label",
    "declared_label",
    "detect",
    "wide_encoding",
]

#: The CJK multi-byte families; in each, the first codec that decodes the
#: bytes strictly names the family (the strictest name that fits).
CJK_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("gb18030",),
    ("big5", "cp950", "big5hkscs"),
    ("shift_jis", "cp932", "shift_jis_2004"),
    ("euc_jp", "euc_jis_2004"),
    ("euc_kr", "cp949"),
    ("johab",),
)
_FAMILY_OF = {name: fam for fam in CJK_FAMILIES for name in fam}
#: log10 lead with which the model overrules chardet's CJK family.
_CJK_OVERRULE = 10.0
WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
CJK_CODECS = frozenset(n for fam in CJK_FAMILIES for n in fam) | {
    "gb2312",
    "gbk",
    "hz",
    "iso2022_jp",
    "iso2022_jp_1",
    "iso2022_jp_2",
    "iso2022_jp_2004",
    "iso2022_jp_3",
    "iso2022_jp_ext",
    "iso2022_kr",
    "euc_jisx0213",
    "shift_jisx0213",
}

#: How a declared label is read, as browsers do (WHATWG Encoding Standard):
#: the first of these codecs that decodes the bytes strictly. A file that
#: says Shift_JIS but uses Microsoft's extensions is read as cp932 (the
#: label's own codec first, since the two map a few characters differently:
#: 0x8160 is WAVE DASH in Shift_JIS, FULLWIDTH TILDE in cp932).
SUPERSETS: dict[str, tuple[str, ...]] = {
    "shift_jis": ("shift_jis", "cp932", "shift_jis_2004"),
    "cp932": ("cp932", "shift_jis_2004"),
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"),
    "cp950": ("cp950", "big5hkscs"),
    "euc_jp": ("euc_jp", "euc_jis_2004"),
    "euc_kr": ("euc_kr", "cp949"),
    "latin_1": ("cp1252", "iso8859-1"),
    "iso8859-1": ("cp1252", "iso8859-1"),
    "ascii": ("cp1252", "iso8859-1"),
    "iso8859-9": ("cp1254", "iso8859-9"),
    "iso8859-11": ("cp874", "iso8859-11"),
    "tis-620": ("cp874", "tis-620"),
    "iso2022_jp": ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_2004"),
}

#: Web labels Python does not know (from the WHATWG Encoding Standard).
WEB_LABELS = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "x-gbk": "gb18030",
    "x-euc-jp": "euc_jp",
    "x-x-big5": "big5",
    "ks_c_5601-1987": "cp949",
    "windows-949": "cp949",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic",
    "x-mac-ukrainian": "mac_cyrillic",
    "windows-874": "cp874",
    "dos-874": "cp874",
    "x-user-defined": "cp1252",
    "iso-8859-8-i": "iso8859-8",
    "visual": "iso8859-8",
    "logical": "iso8859-8",
    "cn-gb": "gb18030",
    "x-euc-tw": "",
    "ibm866": "cp866",
}

_DECL = re.compile(
    rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{2,40})["']"""
    rb"""|<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9._:-]{2,40})""",
    re.IGNORECASE,
)

#: A coding cookie on one of the first two lines: Emacs's ``-*- coding: X
#: -*-`` (in a comment of any language: ``;;``, ``%%``, ``#``) and PEP 263's
#: ``# coding=X`` / ``# vim: set fileencoding=X``.
_COOKIE = re.compile(
    rb"""-\*-[^\n]*?\bcoding:[ \t]*([A-Za-z0-9._-]{2,40})"""
    rb"""|^[ \t\f]*\#[^\n]*?coding[:=][ \t]*([A-Za-z0-9._-]{2,40})""",
    re.MULTILINE,
)

#: Bytes of input looked at for a single-byte reading's oddities (the
#: winner still decodes it all).
_SCORED = 512
#: Bytes of input scored per CJK candidate (as many answers on
#: bench_detect's splits as 512, half the scoring).
_SCORED_CJK = 256
#: A CJK reading is plausible when its non-ASCII characters average at
#: least this log10 score (prose: -2 to -3.5; other scripts read as Han: -5
#: to -7).
_CJK_PLAUSIBLE = -4.0
#: A reading less plausible than that (rare characters: numerals, stems and
#: branches, a TeX file's tables) is still taken when it is at least this
#: plausible and its non-ASCII text is Han alone, in many separate runs
#: (:func:`_scattered_han`).
_CJK_SPARSE = -5.0
#: How many separate runs of Han :func:`_scattered_han` asks for.
_SPARSE_RUNS = 16
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")
_HAN_ONLY = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _scattered_han(text: str) -> bool:
    """Whether the non-ASCII characters of ``text`` (a strict multi-byte
    reading) are Han alone, in at least :data:`_SPARSE_RUNS` separate runs.
    Single-byte text read in a multi-byte codec gives that seldom: each run
    of its high bytes must pair up whole (a word of Cyrillic or Greek letters
    of odd length before a space does not decode), and a lone accented
    letter paired with the ASCII letter after it is an oddity; while a
    file of ASCII markup with a Chinese word or numeral here and there
    (zhnumber-gbk.cfg, read as ISO-8859-13 before) is just that."""
    runs = 0
    for m in _NON_ASCII_RUN.finditer(text):
        if _HAN_ONLY.fullmatch(m.group()) is None:
            return False
        runs += 1
    return runs >= _SPARSE_RUNS


#: Characters of a whole reading :func:`_rival_reading` scores.
_RIVAL_CHARS = 1 << 16
#: How far (log10, per character) below an implausible reading another
#: family's reading of the same bytes may average and still be as likely.
_RIVAL_MARGIN = 1.0


def _rival_reading(data: bytes, pick: Candidate, codec: str, cands: list[Candidate]) -> bool:
    """Whether the bytes read as ``codec`` (``pick``'s reading) are no
    text whose reading is sure: below :data:`_CJK_SPARSE` over the whole
    input (its first :data:`_RIVAL_CHARS` characters), while a CJK codec of
    another family decodes them whole, strictly, about as (im)plausibly
    (within :data:`_RIVAL_MARGIN`). kakasi's ``itaijidict``, pairs of
    variant kanji in EUC-JP with no kana, reads as GB18030 pairs of Han just
    as rare (``芦蘆`` or ``安槊``): the model of Chinese cannot tell which,
    and its share of the scores says nothing. A table of rare characters
    no other codec decodes (jieba's ``hmm_model.gbk``) is not ambiguous."""
    mean = pick.mean
    if pick.n < 0:
        mean = _non_ascii_mean(pick.text, pick.scores or plausibility.char_scores(pick.text))[0]
    if mean >= _CJK_PLAUSIBLE:
        return False
    full = pick.full if pick.full is not None else _strict(data, codec)
    if full is None:
        return False
    whole = non_ascii_mean(full[:_RIVAL_CHARS])[0]
    if whole >= _CJK_SPARSE:
        return False
    family = _FAMILY_OF.get(codec, (codec,))
    for c in cands:
        if c.codec in family or c is pick:
            continue
        other = c.full if c.full is not None else _strict(data, c.codec)
        if other is not None and non_ascii_mean(other[:_RIVAL_CHARS])[0] >= whole - _RIVAL_MARGIN:
            return True
    return False


#: ...and is taken without asking chardet when it is this plausible, has
#: eight non-ASCII characters or more and no oddity (:func:`_oddities`).
_CJK_SURE = -3.6
#: A GB18030 reading this plausible over at least ``_CJK_EARLY_N``
#: non-ASCII characters, with no oddity, is taken without trying the other
#: CJK codecs (on bench_detect, corpus snippets of Big5, Shift_JIS,
#: EUC-JP/KR and GB text: no wrong GB18030 reading of 16 characters or
#: more averaged above -3.76; 668 of 753 right ones reach -3.4).
_CJK_EARLY = -3.3
_CJK_EARLY_N = 16
#: ...first on this many characters of its start (half the scoring; on the
#: same texts no wrong reading's first 64 characters averaged above -3.74,
#: and they take 645-650 of the 753 right ones, 663-668 on 256 bytes).
_CJK_EARLY_CHARS = 64
#: A UTF-16/32 reading of a large input's start below this mean is not
#: decoded whole (legacy bytes read as UTF-16: -6 and lower).
_WIDE_POOR = -5.5
#: log10 margin a CJK reading needs over chardet's single-byte answer.
_CJK_MARGIN = 2.0
#: Inputs shorter than this (bytes) have chardet's ranking weighed with
#: the plausibility of each reading.
_SHORT = 256
#: The highest confidence of an answer from a short single-byte input.
_SHORT_CAP = 0.85
#: Weight of the plausibility model (built for CJK: it scores š and ž as
#: symbols) in that ranking.
_PLAUS_WEIGHT = 0.3
#: log10 units of plausibility worth a tenfold chardet confidence.
_CHARDET_WEIGHT = 10.0
#: Weights of :mod:`cleantext.letterpairs`' pair model and language model
#: in that ranking (chosen on bench_detect's dev split: 855/887 excerpts
#: right without them, 865/887 with them).
_PAIR_WEIGHT = 1.0
_LANG_WEIGHT = 0.5
#: How far (log10) below the best reading's other scores a reading may be
#: and still be given the language model's score (the same answers on the
#: dev split for any reach from 3 to 1,000; 10 scores 1,266 readings of 775
#: excerpts instead of 3,259).
_LANG_REACH = 10.0
#: log10 cost per rarity level (:data:`_RARE`) of a short input's reading
#: in a regional or obsolete code page (HP Roman-8 read Croatian, Afrikaans
#: and Lithuanian excerpts of the dev split: ``VAˋADA``, ``lõe``, ``GRUPù``).
_RARE_PRIOR = 2.0
#: log10 cost of each kana in a GB18030 reading (:func:`cjk_candidates`):
#: kana are a thousand times rarer in Chinese than in Japanese text.
_KANA_IN_GB = 3.0
#: chardet confidence below which a rival reading of a long input counts
#: as it is, without looking at its oddities (it weighs little anyway).
_RIVAL_WEIGHED = 0.05
#: chardet confidences of a long input this close to its best one (a
#: share of it) are a tie: chardet's bigrams cannot tell those code pages
#: apart, and the more common one wins (:data:`_OLDER`).
_NEAR_TIE = 0.995
#: A declared codec is overruled only by a reading this implausible.
_DECLARED_POOR = -5.0


@dataclass(frozen=True)
class Detection:
    """The answer of :func:`detect`.

    :param encoding: a Python codec name, or ``None`` when no codec decodes
        the bytes strictly.
    :param confidence: 0 to 1, calibrated on ``bench/bench_detect.py``.
    :param method: ``declared``, ``cjk``, ``chardet`` or ``none``.
    :param declared: the codec a markup declaration names, if any.
    :param clean: a single-byte answer whose reading has no oddity at all
        (:func:`single_byte_candidates`' counts): no line of it is text in
        another codec read wrongly.
    """

    encoding: str | None
    confidence: float
    method: str
    declared: str | None = None
    clean: bool = False
    #: the decoded input, when detection had to decode it whole anyway
    text: str | None = field(default=None, repr=False, compare=False)


@functools.lru_cache(maxsize=1024)
def canonical(name: str) -> str | None:
    """Python's name for a codec label (``None`` if Python has no such codec;
    remembered: chardet's answers name the same few dozen codecs)."""
    label = name.strip().lower()
    label = WEB_LABELS.get(label, label)
    if not label:
        return None
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def codecs_for_label(label: str) -> tuple[str, ...]:
    """The codecs to try, in order, for a declared label (browser supersets).

    >>> codecs_for_label("Shift_JIS"), codecs_for_label("GB2312"), codecs_for_label("ISO-8859-1")
    (('shift_jis', 'cp932', 'shift_jis_2004'), ('gb18030',), ('cp1252', 'iso8859-1'))
    >>> codecs_for_label("KOI8-R"), codecs_for_label("no-such")
    (('koi8-r',), ())
    """
    name = canonical(label)
    if name is None:
        return ()
    if name.startswith(("utf-16", "utf-32")):
        return ("utf-8",)  # a page that says UTF-16 in ASCII markup is not UTF-16
    return SUPERSETS.get(name, (name,))


def declared_label(data: bytes) -> str | None:
    """The label a ``<?xml encoding?>`` or ``<meta charset>`` in the first
    2 KB names, as written; else a coding cookie's on one of the first two
    lines (:data:`_COOKIE`: SKK's Japanese dictionaries say ``;; -*-
    coding: euc-jp -*-`` and were read as GB18030 before).

    >>> declared_label(b'<meta http-equiv="Content-Type" content="text/html; charset=big5">')
    'big5'
    >>> declared_label(b";; -*- mode: fundamental; coding: euc-jp -*-\\n"), declared_label(b"# coding=latin-1\\n")
    ('euc-jp', 'latin-1')
    >>> declared_label(b"a\\nb\\n# -*- coding: euc-jp -*-\\n") is None
    True
    """
    m = _DECL.search(data[:2048])
    if m:
        return (m.group(1) or m.group(2)).decode("ascii")
    end = data.find(b"\n", data.find(b"\n", 0, 1024) + 1, 2048)
    m = _COOKIE.search(data, 0, end if end >= 0 else min(len(data), 2048))
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii")


_HIGH = re.compile(rb"[\x80-\xff]")


def sample(data: bytes, size: int) -> bytes:
    """``size`` bytes from the line where the first non-ASCII byte is (the
    markup of a page's head says nothing about its encoding), cut after a
    newline (or an ASCII byte) when possible, so that no multi-byte
    character is cut."""
    if len(data) <= size:
        return data
    m = _HIGH.search(data)
    if m is not None and m.start() > size // 2:
        start = data.rfind(b"\n", 0, m.start()) + 1
        if len(data) - start <= size:
            return data[start:]
        data = data[start:]
    cut = data.rfind(b"\n", size // 2, size)
    if cut < 0:
        # The last ASCII byte after the middle, else the middle.
        low = size // 2
        ascii_at = data[low + 1 : size].translate(_HIGH_AS_1).rfind(0)
        cut = low + 1 + ascii_at if ascii_at >= 0 else low
    return data[: cut + 1]


_HIGH_AS_1 = bytes(0 if b < 0x80 else 1 for b in range(256))


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _window(text: str, size: int = 160) -> str:
    """``size`` characters of ``text`` from just before its first
    non-ASCII one (what a plausibility score looks at)."""
    m = _NON_ASCII.search(text)
    start = max(0, m.start() - 16) if m else 0
    return text[start : start + size]


def _strict(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


#: Inputs up to this size (bytes) are decoded whole by each CJK codec
#: before their start is: cheaper than an incremental decoder for the
#: codecs that fail, and the same candidates.
_STRICT_FIRST = 1 << 16
_INCREMENTAL: dict[str, codecs._IncrementalDecoder] = {}


def _prefix_ok(head: bytes, name: str) -> str | None:
    """Decode the start of a larger input (it may end inside a character)."""
    factory = _INCREMENTAL.get(name)
    if factory is None:
        factory = _INCREMENTAL[name] = codecs.getincrementaldecoder(name)
    dec = factory(errors="strict")
    try:
        return str(dec.decode(head, final=False))
    except UnicodeDecodeError:
        return None


def non_ascii_mean(text: str) -> tuple[float, int]:
    """Mean log10 score of the non-ASCII characters of ``text`` (in
    context), and how many there are."""
    return _non_ascii_mean(text, plausibility.char_scores(text))


def _non_ascii_mean(text: str, scores: list[float]) -> tuple[float, int]:
    picked = [s for ch, s in zip(text, scores) if ch > "\x7f" and s]
    n = len(picked)
    return (math.fsum(picked) / n if n else 0.0), n


@dataclass
class Candidate:
    """One reading of the bytes: ``text`` is the scored sample's;
    ``mean`` and ``n`` are :func:`non_ascii_mean`'s (computed for the best
    candidate only; ``n`` is -1 for the others)."""

    codec: str
    text: str
    logprob: float
    mean: float = 0.0
    n: int = 0
    #: other codecs that read the sample the same way (and the whole input)
    also: tuple[str, ...] = ()
    scores: list[float] = field(default_factory=list, repr=False)
    #: the whole input decoded (``None`` when not kept)
    full: str | None = field(default=None, repr=False)
    #: :func:`_sure_scores` found ``text`` clearly text in ``codec`` (no
    #: oddity, no half-width katakana, plausible over enough characters)
    sure: bool = False


#: On a large input, a candidate whose start reads this many log10 units
#: below the best one's is kept without decoding the input whole in its
#: codec (:func:`cjk_candidates`): whether it would decode or not, its share
#: of the confidence, 10**-40 of the best one's, is lost in rounding
#: (a double holds 16 digits), and it is never the answer.
_LAZY_REACH = 40.0


def cjk_candidates(
    data: bytes, *, stop_when_sure: bool = False, eager: bool = False
) -> list[Candidate]:
    """Every CJK or BOM-less UTF-16/32 codec that decodes ``data`` strictly,
    scored on its start, best first; readings equal to a better one's are
    dropped (they say the same thing).

    ``stop_when_sure``: a GB18030 reading that is clearly Chinese
    (:data:`_CJK_EARLY`) is the one candidate returned, the other codecs
    untried (what :func:`detect` needs; the rivals of such a reading score
    far below it).

    On a large input the legacy codecs are tried on its start only, and
    the input is decoded whole only in the codecs of the candidates in
    reach of the best one (:data:`_LAZY_REACH`), best first: one strict
    decode where the best decodes (Big5 read as GB18030 fails near the end
    of a large file, a whole decode for nothing). If one of those fails,
    every codec is decoded whole (``eager``), as for smaller inputs."""
    head = sample(data, _SCORED_CJK)
    whole = len(head) == len(data)
    small = len(data) <= _STRICT_FIRST
    lazy = not (whole or small or eager)
    seen: dict[str, int] = {}
    same: dict[int, list[str]] = {}
    readings: list[tuple[str, str, str | None]] = []
    out: list[Candidate] = []
    #: the first reading's scores, when ``stop_when_sure`` computed them
    first_scores: list[float] | None = None
    families: list[tuple[str, ...]] = list(CJK_FAMILIES)
    families += [(w,) for w in WIDE if len(data) % (4 if "32" in w else 2) == 0]
    for family in families:
        for name in family:
            full: str | None = None
            if whole:
                text = full = _strict(data, name)
            elif small:
                # The whole input first: most codecs fail on it at C speed,
                # and a wide reading that fails is not scored.
                full = _strict(data, name)
                if full is None:
                    continue
                if name.startswith(("utf-16", "utf-32")):
                    unit = 4 if "32" in name else 2
                    text = _prefix_ok(data[: len(head) - len(head) % unit], name)
                    if text is not None and non_ascii_mean(text)[0] < _WIDE_POOR:
                        text = None
                else:
                    text = _prefix_ok(head, name)
            elif name.startswith(("utf-16", "utf-32")):
                unit = 4 if "32" in name else 2
                text = _prefix_ok(data[: len(head) - len(head) % unit], name)
                # Legacy bytes read as UTF-16 mostly decode: a reading that
                # is no text is not worth decoding the whole input for.
                if text is not None and non_ascii_mean(text)[0] >= _WIDE_POOR:
                    full = _strict(data, name)
                if full is None:
                    text = None
            else:
                text = _prefix_ok(head, name)
                if text is not None and not lazy:
                    full = _strict(data, name)
                    if full is None:
                        text = None
            if text is None:
                continue
            if text not in seen:
                seen[text] = len(readings)
                readings.append((name, text, full))
            else:
                same.setdefault(seen[text], []).append(name)
            break
        if stop_when_sure and family is CJK_FAMILIES[0] and readings:
            sure = _sure_scores(*readings[0][:2])
            if isinstance(sure, Candidate):
                sure.full = readings[0][2]
                if lazy:
                    sure.full = _strict(data, sure.codec)
                    if sure.full is None:
                        return cjk_candidates(data, stop_when_sure=stop_when_sure, eager=True)
                return [sure]
            first_scores = sure
    for i, (name, text, full) in enumerate(readings):
        also = tuple(same.get(i, ()))
        if i == 0 and first_scores is not None:
            scores = first_scores
        elif unlikely(name, text):
            out.append(Candidate(name, text, -1e9, -99.0, 0, also, full=full))
            continue
        else:
            scores = plausibility.char_scores(text)
        logprob = math.fsum(scores)
        if name == "gb18030" and not also:
            # GB2312 has the kana of JIS X 0208 at the same codes: EUC-JP
            # read as GB18030 keeps its kana and garbles its kanji (when
            # EUC-JP reads the bytes the same, the reading is both). Chinese
            # writes no kana (unlikely() rules out readings with many).
            logprob -= _KANA_IN_GB * len(_KANA.findall(text))
        out.append(Candidate(name, text, logprob, 0.0, -1, also, scores, full))
    out.sort(key=lambda c: -c.logprob)
    if lazy:
        for c in out:
            if c.full is not None or (c is not out[0] and c.logprob < out[0].logprob - _LAZY_REACH):
                continue
            for name in (c.codec, *c.also):
                full = _strict(data, name)
                if full is None:
                    return cjk_candidates(data, stop_when_sure=stop_when_sure, eager=True)
                if name == c.codec:
                    c.full = full
    if out and out[0].n < 0:
        best = out[0]  # only the best one's mean is asked for
        best.mean, best.n = _non_ascii_mean(best.text, best.scores)
    return out


def _sure_scores(name: str, text: str) -> Candidate | list[float] | None:
    """For :func:`cjk_candidates`' early stop: the candidate of a reading
    that is clearly text in ``name`` (plausible at :data:`_CJK_EARLY` over
    :data:`_CJK_EARLY_N` characters or more, no oddity, no half-width
    katakana, no kana: EUC-JP may read those bytes otherwise, see
    :data:`_KANA_IN_GB`), judged on its first :data:`_CJK_EARLY_CHARS`
    characters, then on all; otherwise its scores (``None``:
    :func:`unlikely` rules it out, and it is not scored)."""
    if unlikely(name, text):
        return None
    if _KANA.search(text):
        return plausibility.char_scores(text)
    scores: list[float] = []
    for part in (text[:_CJK_EARLY_CHARS], text) if len(text) > _CJK_EARLY_CHARS else (text,):
        scores = plausibility.char_scores(part)
        mean, n = _non_ascii_mean(part, scores)
        if n >= _CJK_EARLY_N and mean >= _CJK_EARLY and not _HALFWIDTH.search(part):
            if not _oddities(part):
                return Candidate(name, part, math.fsum(scores), mean, n, (), scores, sure=True)
    return scores


#: Bytes looked at for UTF-16/32 NUL patterns.
_SAMPLE = 1 << 14


def wide_encoding(data: bytes, *, partial: bool = False) -> str | None:
    """UTF-16/32 without a BOM, recognised by where the NUL bytes fall
    (text with ASCII in it) or by a plausible reading, and a strict decode
    of the whole input (``partial``: ``data`` is the start of a file).

    >>> wide_encoding("plain text, 中文".encode("utf-16-le")), wide_encoding(b"\\x89PNG\\x00\\x00")
    ('utf-16-le', None)
    """
    if partial:
        data = data[: len(data) - len(data) % 4]
    sample = data[: _SAMPLE - (_SAMPLE % 4)]
    n = len(sample)
    if n < 4:
        return None
    zeros = [sample[i::4].count(0) for i in range(4)]
    quarter = n / 4
    # UTF-32: the top byte (and mostly the next one) is always zero, and
    # the low byte mostly is not (a run of NULs is not UTF-32 text).
    if n % 4 == 0 and len(data) % 4 == 0:
        if zeros[3] >= quarter * 0.98 and zeros[2] >= quarter * 0.5 and zeros[0] <= quarter * 0.5:
            if _wide_text(data, "utf-32-le", partial):
                return "utf-32-le"
        if zeros[0] >= quarter * 0.98 and zeros[1] >= quarter * 0.5 and zeros[3] <= quarter * 0.5:
            if _wide_text(data, "utf-32-be", partial):
                return "utf-32-be"
    if len(data) % 2 == 0:
        even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
        half = n / 2
        if odd >= half * 0.3 and even <= half * 0.05 and _wide_text(data, "utf-16-le", partial):
            return "utf-16-le"
        if even >= half * 0.3 and odd <= half * 0.05 and _wide_text(data, "utf-16-be", partial):
            return "utf-16-be"
    # Few NULs (text mostly outside ASCII: Cyrillic, CJK...): the reading
    # must be plausible text.
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        if len(data) % (4 if "32" in enc else 2) or not _wide_text(data, enc, partial):
            continue
        head = codecs.getincrementaldecoder(enc)().decode(data[:_SAMPLE], final=False)
        mean, n = non_ascii_mean(head)
        if len(set(head)) < 6 or not any(c in " \n，。、" for c in head):
            continue  # text has spaces or CJK punctuation, and variety
        if n >= 2 and mean >= _CJK_PLAUSIBLE and (best is None or mean > best[0]):
            best = (mean, enc)
    return best[1] if best else None


def _wide_text(data: bytes, enc: str, partial: bool = False) -> bool:
    """Decodes strictly, and to text: few control characters besides
    whitespace (binary with a NUL pattern decodes to controls)."""
    try:
        text = codecs.getincrementaldecoder(enc)().decode(data[: _SAMPLE * 4], final=False)
        if not partial:
            data.decode(enc)
    except UnicodeDecodeError:
        return False
    controls = sum(1 for c in text if (c < " " and c not in "\t\n\r\f") or "\x7f" <= c < "\xa0")
    return controls * 20 <= len(text)


_hangul = lazy_re("[\uac00-\ud7a3]")
_KANA = re.compile("[\u3040-\u30ff]")


def unlikely(codec: str, text: str) -> bool:
    """A cheap first pass (C-speed counts, no scoring): readings that real
    text in ``codec`` does not look like. Single-byte text read as GB18030
    is mostly outside GB2312, and Japanese read as GB18030 keeps its kana;
    read as EUC-KR, mostly Hanja; read as EUC-JP, kanji with no kana.

    >>> unlikely("gb18030", "丂丄丅丆丏丒丗丟 (rare GBK extension characters)")
    True
    >>> unlikely("gb18030", "发展经济"), unlikely("euc_kr", "대한민국 헌법")
    (False, False)
    """
    n = len(text) - len(text.encode("ascii", "ignore"))
    if n < 8:
        return False
    if codec == "gb18030":
        # Chinese uses no kana: EUC-JP read as GB18030 keeps its kana.
        if len(_KANA.findall(text)) * 5 > n:
            return True
        # GB2312 writes ASCII as one byte each and every other character
        # it has as two: how many of the non-ASCII characters it has, from
        # the length of one encode (no decode back).
        gb = text.encode("gb2312", "ignore")
        outside = n - (len(gb) - (len(text) - n)) // 2
        if outside * 2 > n:
            return True
        rare, common = _rare_han_gb2312(gb)
        return rare + common >= 8 and rare * 5 > 3 * (rare + common)
    if codec in _HAN_TIERS:
        rare, common = rare_han(text, codec)
        # Classical verse, the richest real text in rare characters, has at
        # most half of them in the rare tier (chinese-poetry, 9,603 poems).
        return rare + common >= 8 and rare * 5 > 3 * (rare + common)
    if codec in ("euc_kr", "cp949", "johab"):
        return len(_hangul().findall(text)) * 5 < n
    if codec in ("euc_jp", "euc_jis_2004"):
        return not _KANA.search(text)
    return False


#: codec -> (charset to encode in, pattern keeping the lead byte of each
#: double-byte character and dropping the rest, lead bytes of its Han
#: characters, lead bytes of the rarely used ones).
_HAN_TIERS: dict[str, tuple[str, re.Pattern[bytes], bytes, bytes]] = {}


def _lead_range(*spans: tuple[int, int]) -> bytes:
    return bytes(b for lo, hi in spans for b in range(lo, hi + 1))


for _names, _charset, _pattern, _han, _rare in (
    # GB2312: level 1 (B0-D7, 3,755 common hanzi by pinyin), level 2
    # (D8-F7, by radical).
    (
        ("gb18030",),
        "gb2312",
        rb"([\xa1-\xf7])[\xa1-\xfe]|[\x00-\x7f]",
        _lead_range((0xB0, 0xF7)),
        _lead_range((0xD8, 0xF7)),
    ),
    # Big5: frequently used hanzi A440-C67E, less frequently used C940-F9D5.
    (
        ("big5", "cp950", "big5hkscs"),
        "big5",
        rb"([\x81-\xfe])[\x40-\x7e\xa1-\xfe]|[\x00-\x7f]",
        _lead_range((0xA4, 0xF9)),
        _lead_range((0xC9, 0xF9)),
    ),
    # Shift_JIS: JIS X 0208 level 1 kanji (leads 88-98), level 2 (98-EA).
    (
        ("shift_jis", "cp932", "shift_jis_2004"),
        "shift_jis",
        rb"([\x81-\x9f\xe0-\xfc])[\x40-\x7e\x80-\xfc]|[\x00-\x7f\xa1-\xdf]",
        _lead_range((0x88, 0x9F), (0xE0, 0xEA)),
        _lead_range((0x98, 0x9F), (0xE0, 0xEA)),
    ),
):
    for _name in _names:
        _HAN_TIERS[_name] = (_charset, re.compile(_pattern), _han, _rare)


def rare_han(text: str, codec: str) -> tuple[int, int]:
    """How many Han characters of ``text`` are in the rarely used tier of
    ``codec``'s character set (GB2312 level 2, Big5's less frequently used
    hanzi, JIS level 2 kanji), and how many in the common tier. Real text
    has a few percent rare ones; Cyrillic or Latin read as GBK, Big5 or
    Shift_JIS is mostly rare ones (at C speed: one encode, one regex
    scan, two translates).

    >>> rare_han("中华人民共和国", "gb18030")
    (0, 7)
    >>> rare_han("Привет всем".encode("cp1251").decode("gbk"), "gb18030")
    (4, 1)
    """
    charset, pattern, han, rare = _HAN_TIERS[codec]
    leads = b"".join(pattern.findall(text.encode(charset, "ignore")))
    all_han = len(leads) - len(leads.translate(None, han))
    rare_n = len(leads) - len(leads.translate(None, rare))
    return rare_n, all_han - rare_n


_ASCII_BYTES = bytes(range(0x80))
_GB_HAN, _GB_RARE = _HAN_TIERS["gb18030"][2:]


def _rare_han_gb2312(gb: bytes) -> tuple[int, int]:
    """:func:`rare_han` of a text for GB18030, from the text encoded in
    GB2312 (``errors="ignore"``): without its ASCII bytes, that is pairs of
    a lead byte (A1-F7) and a trail byte (A1-FE), so every other byte is a
    lead (what the tier pattern finds, at C speed)."""
    leads = gb.translate(None, _ASCII_BYTES)[::2]
    all_han = len(leads) - len(leads.translate(None, _GB_HAN))
    rare_n = len(leads) - len(leads.translate(None, _GB_RARE))
    return rare_n, all_han - rare_n


def posterior(scores: list[float]) -> float:
    """The share of the first score among all (log10 scores, best first)."""
    if not scores:
        return 0.0
    best = scores[0]
    rest = math.fsum(10 ** max(-300.0, s - best) for s in scores[1:])
    return 1.0 / (1.0 + rest)


_SINGLE_BYTE: list[str] = []
#: Code pages that are not ASCII-compatible (EBCDIC): candidates only for
#: input with no ASCII space.
_EBCDIC = frozenset(("cp500", "cp1140", "cp424", "cp875", "cp1026", "cp273", "cp037"))
#: Characters besides letters that text in a single-byte code page uses.
_TEXT_SYMBOLS = frozenset("\xa0«»‘’‚“”„–—…•·°§©®™€£¥¢¿¡×÷±²³¹¼½¾µ¤¦¨¯´¸ªº†‡‰‹›¬\xad")
_PREFILTER_BYTES = 1 << 16
#: Oddities per byte of non-ASCII runs a code page may have over the best
#: one and still be ranked by chardet (and always one).
_PREFILTER_SLACK = 0.03
#: A non-ASCII byte after an ASCII lower-case letter, and one before an
#: ASCII letter. Each pattern in two forms finding the same bytes: sre scans
#: fast for the character class a pattern starts with, so the form starting
#: with the rarer kind of byte is used (:func:`_after_before`).
_AFTER_LOWER = re.compile(rb"[a-z]([\x80-\xff])")
_AFTER_LOWER_HIGH_FIRST = re.compile(rb"[\x80-\xff](?<=[a-z][\x80-\xff])")
_BEFORE_LETTER = re.compile(rb"[\x80-\xff](?=[A-Za-z])")
_BEFORE_LETTER_ASCII_FIRST = re.compile(rb"[A-Za-z](?<=([\x80-\xff])[A-Za-z])")


@dataclass(frozen=True)
class _Tables:
    """Per code page, ``bytes.translate`` tables giving each non-ASCII
    byte a class: ``l`` lower-case, ``u`` upper-case, ``L`` other letter or
    mark, ``p`` a symbol text uses, ``x`` anything else, ``U`` undefined
    (``runs``); ``x`` for a byte that cannot follow an ASCII lower-case
    letter (an upper-case letter, a letter of another alphabet) in
    ``after``, or precede an ASCII letter (a letter of another alphabet)
    in ``before``; ``a`` for a Latin letter in ``latin`` (three in a row
    are rare in any language written in Latin letters, and what Cyrillic
    or Greek read in a Latin code page gives); ``key``: the class of
    ``runs`` and the mark of ``latin`` in one byte (code pages giving an
    input's bytes the same keys count the same sequences in it)."""

    runs: bytes
    after: bytes
    before: bytes
    latin: bytes
    key: bytes


_TABLES: dict[str, _Tables] = {}
#: The code pages of ``_TABLES`` and their tables, in the same order.
_TABLE_LIST: list[tuple[str, _Tables]] = []
#: Bits per code page in the packed counts of :func:`_prefilter` (more
#: than the bytes it looks at, separators included, can count).
_FIELD = 32
#: Per non-ASCII byte, fields per code page (``_TABLES`` order) set to 1
#: where the byte reads as a symbol no text uses (``x`` in ``runs``) or is
#: undefined (``U``), in two blocks (``high``), or is ``x`` in ``after``
#: (``after``), or in ``before`` (``before``): a byte histogram times these
#: counts every code page at once (three integers, not one four blocks
#: wide: the multiplications cost by the width of the integer).
_PACKED: dict[str, list[int]] = {}
#: ASCII bytes as spaces (the runs of non-ASCII bytes split apart).
_ASCII_AS_SPACE = bytes(0x20 if b < 0x80 else b for b in range(256))


def _byte_class(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat == "Ll":
        return "l"
    if cat == "Lu":
        return "u"
    if cat[0] in "LM":
        return "L"
    return "p" if ch in _TEXT_SYMBOLS else "x"


def _tables() -> dict[str, _Tables]:
    if _TABLES:
        return _TABLES
    from chardet.registry import REGISTRY

    for name, info in REGISTRY.items():
        if info.is_multibyte_cjk or name.startswith(("utf", "ascii")):
            continue
        runs, after, before = bytearray(range(256)), bytearray(range(256)), bytearray(range(256))
        latin = bytearray(b"-" * 256)
        for b in range(0x80, 0x100):
            try:
                ch = bytes((b,)).decode(name)
            except (UnicodeDecodeError, LookupError):
                runs[b] = after[b] = before[b] = ord("U")
                continue
            kind = _byte_class(ch)
            runs[b] = ord(kind)
            is_latin = "LATIN" in unicodedata.name(ch, "")
            foreign = kind in "luL" and not is_latin
            after[b] = ord("x" if foreign or kind == "u" else "p")
            before[b] = ord("x" if foreign else "p")
            if kind in "luL" and is_latin:
                latin[b] = ord("a")
        joint = bytes(r | (0x80 if a == ord("a") else 0) for r, a in zip(runs, latin))
        _TABLES[name] = _Tables(bytes(runs), bytes(after), bytes(before), bytes(latin), joint)
        _SINGLE_BYTE.append(name)
    _TABLE_LIST.extend(_TABLES.items())
    n = len(_TABLE_LIST)
    for key, blocks in (
        ("high", (("runs", "x", 0), ("runs", "U", 1))),
        ("after", (("after", "x", 0),)),
        ("before", (("before", "x", 0),)),
    ):
        packed = [0] * 256
        for table, cls, block in blocks:
            for i, (_, t) in enumerate(_TABLE_LIST):
                tr = getattr(t, table)
                for b in range(0x80, 0x100):
                    if tr[b] == ord(cls):
                        packed[b] |= 1 << (_FIELD * (block * n + i))
        _PACKED[key] = packed
    return _TABLES


def _packed_counts(data: bytes, packed: list[int]) -> int:
    """Every code page's count of ``data``'s bytes that ``packed`` marks,
    one ``_FIELD``-bit field each (``data``: non-ASCII bytes)."""
    total = 0
    for b in _distinct(data):
        total += data.count(b) * packed[b]
    return total


def single_byte_candidates(data: bytes) -> list[str]:
    """The single-byte code pages worth ranking for ``data``, best first: a
    byte-class prefilter at C speed (one ``translate`` and a few counts per
    code page). A code page is dropped when some byte is undefined in it,
    or when its reading has clearly more oddities than the best one's:
    symbols no text uses (box drawing, C1 controls), an upper-case letter
    after a lower-case one, a letter of another alphabet touching an ASCII
    letter.

    >>> single_byte_candidates("Привет, как дела? Всё хорошо.".encode("cp1251"))[:1]
    ['cp1251']
    >>> "cp1251" in single_byte_candidates("Za gęślą jaźń".encode("iso8859-2"))
    False
    """
    return [name for _, name in _prefilter(data)]


def _prefilter(data: bytes) -> list[tuple[int, str]]:
    """:func:`single_byte_candidates` with each one's count of oddities."""
    _tables()
    data = data[:_PREFILTER_BYTES]
    high = data.translate(None, _ASCII_BYTES)
    if not high:
        return []
    runs = b" ".join(data.translate(_ASCII_AS_SPACE).split())
    after, before = _after_before(data, len(high))
    ebcdic = b" " not in data
    slack = max(1.0, _PREFILTER_SLACK * len(runs))
    # The counts of single bytes for every code page at once (a byte
    # histogram times packed per-byte marks, unpacked in one step), the
    # ones of byte sequences (an upper-case letter after a lower-case one,
    # three Latin letters) with a translate per code page still in reach.
    n = len(_TABLE_LIST)
    width = n * (_FIELD // 8)
    total = _packed_counts(high, _PACKED["high"])
    counts = struct.unpack(f"<{2 * n}I", total.to_bytes(2 * width, "little"))
    for part, table in ((after, "after"), (before, "before")):
        if part:
            total = _packed_counts(part, _PACKED[table])
            counts += struct.unpack(f"<{n}I", total.to_bytes(width, "little"))
        else:
            counts += (0,) * n
    distinct = _distinct(high)
    seqs: dict[bytes, int] = {}
    # By the counts of single bytes (a lower bound of each total): once one
    # is out of reach of the best total so far, so is every one after it,
    # and a code page out of reach is not in the answer (its total is more
    # than the lowest total plus the slack).
    first = sorted(
        (counts[i] + counts[2 * n + i] + counts[3 * n + i], i)
        for i in range(n)
        if not counts[n + i] and (ebcdic or _TABLE_LIST[i][0] not in _EBCDIC)
    )
    scored: list[tuple[int, int, str]] = []
    best = math.inf
    for bad, i in first:
        if bad > best + slack:
            break
        name, t = _TABLE_LIST[i]
        # Code pages giving the input's bytes the same classes and Latin
        # marks count the same sequences.
        key = distinct.translate(t.key)
        seq = seqs.get(key)
        if seq is None:
            # (a count is 0, untried, when the input has no byte of a class
            # it looks for: no upper- or no lower-case letter, no Latin one)
            seq = 0
            if (b"l" in key or b"\xec" in key) and (b"u" in key or b"\xf5" in key):
                seq += runs.translate(t.runs).count(b"lu")
            if max(key) >= 0x80:
                seq += runs.translate(t.latin).count(b"aaa")
            seqs[key] = seq
        bad += seq
        best = min(best, bad)
        scored.append((bad, _RARE.get(name, 0), name))
    if not scored:
        return []
    scored.sort()
    limit = scored[0][0] + slack
    return [(bad, name) for bad, _, name in scored if bad <= limit]


def _after_before(data: bytes, n_high: int) -> tuple[bytes, bytes]:
    """The non-ASCII bytes of ``data`` that follow an ASCII lower-case
    letter, and those that precede an ASCII letter (``n_high``: how many
    non-ASCII bytes it has). Where non-ASCII bytes are few (Latin-script
    text), the scan looks for them; where they are many (Cyrillic, Greek),
    for the ASCII letters: same bytes, in the same order, either way."""
    if n_high * 3 < len(data):
        after = _AFTER_LOWER_HIGH_FIRST.findall(data)
        before = _BEFORE_LETTER.findall(data)
    else:
        after = _AFTER_LOWER.findall(data)
        before = _BEFORE_LETTER_ASCII_FIRST.findall(data)
    return b"".join(after), b"".join(before)


def _one_reading(data: bytes, names: list[str]) -> bool:
    """Whether the (ASCII-compatible) code pages ``names`` all read the
    non-ASCII bytes of ``data`` the same way (and all read them: past the
    prefilter's first 64 KB, a byte may be undefined in one of them).

    >>> _one_reading(b"\\xe9t\\xe9", ["cp1252", "iso8859-15"])
    True
    >>> _one_reading(b"x" * 70_000 + b"\\x81", ["cp1252", "iso8859-15"])
    False
    """
    if not names or any(name in _EBCDIC for name in names):
        return False
    high = _distinct(data, 0x80)
    try:
        first = high.decode(names[0])
        return all(high.decode(name) == first for name in names[1:])
    except UnicodeDecodeError:
        return False


_ASCII_BYTES = bytes(range(0x80))
_ALL_BYTES = bytes(range(0x100))


def _distinct(data: bytes, low: int = 0) -> bytes:
    """The distinct bytes of ``data`` from ``low`` up, in order:
    ``bytes(sorted(b for b in set(data) if b >= low))`` at C speed (the
    byte values absent from ``data`` deleted from all of them, then those
    deleted from all).

    >>> _distinct(b"abca\\xe9\\xe9"), _distinct(b"abca\\xe9\\xe9", 0x80)
    (b'abc\\xe9', b'\\xe9')
    """
    values = _ALL_BYTES[low:]
    return values.translate(None, values.translate(None, data))


def _chardet(data: bytes, include: list[str] | None = None) -> list[tuple[str, float]]:
    """chardet 7's ranking as ``(python codec, confidence)``, best first
    (``include``: among these codecs only, which is faster)."""
    out: list[tuple[str, float]] = []
    for enc, conf in _chardet_ranking(data, include):
        if not enc:
            continue
        name = canonical(enc)
        if name is not None:
            out.append((name, conf))
    # Ties (chardet gives kz1048 the confidence of cp1251 when it sees no
    # better rival) go to the code page more text is written in.
    out.sort(key=lambda t: (-t[1], _RARE.get(t[0], 0)))
    return out


def _chardet_ranking(data: bytes, include: list[str] | None) -> list[tuple[str | None, float]]:
    """``chardet.detect_all(data, ignore_threshold=True, max_bytes=65536,
    compat_names=False, include_encodings=include)`` as (encoding,
    confidence) pairs, without the language it also fills in for each
    answer (a fifth of its time on a small file; detection has no use for
    it): the pipeline's ranking, confidences clamped to 1, sorted, one per
    encoding, as detect_all does. ``detect_all`` itself where chardet has
    no such pipeline."""
    import chardet

    try:
        from chardet.enums import EncodingEra
        from chardet.pipeline.orchestrator import _run_pipeline_core
        from chardet.registry import normalize_encodings
    except ImportError:  # another chardet: its public API
        return [
            (
                None if r.get("encoding") is None else str(r.get("encoding")),
                float(r.get("confidence") or 0.0),
            )
            for r in _detect_all_quietly(chardet, data, include)
        ]
    with _quiet_no_match():
        results = _run_pipeline_core(
            data,
            EncodingEra.ALL,
            1 << 16,
            include_encodings=(
                None if include is None else _normalized(tuple(include), normalize_encodings)
            ),
            full_ranking=True,
        )
    pairs = [(r.encoding, min(float(r.confidence), 1.0)) for r in results]
    pairs.sort(key=lambda p: -p[1])  # stable, as detect_all's
    seen: set[str | None] = set()
    unique = []
    for enc, conf in pairs:
        if enc not in seen:
            seen.add(enc)
            unique.append((enc, conf))
    return unique


def _detect_all_quietly(chardet: Any, data: bytes, include: list[str] | None) -> list[Any]:
    with _quiet_no_match():
        return list(
            chardet.detect_all(
                data,
                ignore_threshold=True,
                max_bytes=1 << 16,
                compat_names=False,
                include_encodings=include,
            )
        )


@contextmanager
def _quiet_no_match() -> Iterator[None]:
    """chardet warns (UserWarning) when its fallback for bytes no code page
    left reads, cp1252, is not among those it was asked about, and answers
    None: the answer detection expects. Not passed on to the caller, whose
    ``-W error`` would make it an exception out of :func:`cleantext.clean`
    (two bytes, ``b"\\x9dP"``, were enough)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="no_match_encoding", category=UserWarning)
        yield


_NORMALIZED: dict[tuple[str, ...], frozenset[str] | None] = {}


def _normalized(
    include: tuple[str, ...], normalize: Callable[..., frozenset[str] | None]
) -> frozenset[str] | None:
    """chardet's ``normalize_encodings(include, ...)``, remembered per list
    (the prefilter leaves the same few lists again and again)."""
    got = _NORMALIZED.get(include)
    if got is None:
        if len(_NORMALIZED) > 4096:
            _NORMALIZED.clear()
        got = _NORMALIZED[include] = normalize(list(include), "include_encodings")
    return got


#: Code pages written for the same languages (an ISO-8859 part and its
#: Windows or DOS twin): where they read an input's bytes alike, chardet
#: gives them the same confidence (within 0.001 on bench_detect's whole
#: files; cp1250 and iso8859-2 within 0.006), so it is asked about the
#: first one only, and the others take its place behind it.
_SIBLINGS: tuple[tuple[str, ...], ...] = (
    ("cp1252", "iso8859-15", "iso8859-1"),
    ("cp850", "cp858"),
    ("cp1250", "iso8859-2"),
    ("cp1254", "iso8859-9"),
    ("cp1257", "iso8859-13", "iso8859-4"),
    ("cp1253", "iso8859-7"),
    ("cp1255", "iso8859-8"),
)


def _chardet_siblings(data: bytes, include: list[str]) -> list[tuple[str, float]]:
    """:func:`_chardet` among ``include``, asking chardet about one code
    page of each set of :data:`_SIBLINGS` that reads ``data`` alike; the
    others get its confidence and follow it."""
    present = set(include)
    follow: dict[str, list[str]] = {}
    high: bytes | None = None
    for group in _SIBLINGS:
        members = [name for name in group if name in present]
        if len(members) < 2:
            continue
        if high is None:
            high = _distinct(data, 0x80)
        first = high.decode(members[0], "replace")
        alike = [name for name in members[1:] if high.decode(name, "replace") == first]
        if alike:
            follow[members[0]] = alike
    if not follow:
        return _chardet(data, include)
    dropped = {name for names in follow.values() for name in names}
    out: list[tuple[str, float]] = []
    for name, conf in _chardet(data, [name for name in include if name not in dropped]):
        out.append((name, conf))
        out += [(other, conf) for other in follow.get(name, ())]
    out.sort(key=lambda t: (-t[1], _RARE.get(t[0], 0)))
    return out


#: Regional or obsolete code pages: they lose ties against common ones.
_RARE = dict.fromkeys(
    ("kz1048", "ptcp154", "cp1006", "koi8-t", "hp-roman8", "cp720", "cp856", "cp1125"), 2
) | dict.fromkeys(("mac-iceland", "cp858", "cp860", "cp861", "cp863", "cp865", "iso8859-10"), 1)


#: Code pages of DOS, the classic Mac OS and HP-UX: files today seldom use
#: them (:func:`_age`).
_OLDER = frozenset(
    ("hp-roman8", "cp437", "cp737", "cp775", "cp850", "cp852", "cp855", "cp856", "cp857")
    + ("cp858", "cp860", "cp861", "cp862", "cp863", "cp864", "cp865", "cp866", "cp869")
    + ("mac-cyrillic", "mac-greek", "mac-iceland", "mac-latin2", "mac-roman", "mac-turkish")
)


#: The single-byte code pages most files use, the most common first: a
#: short input read alike by one of them and by a rarer one is said to be
#: in the first of them that reads it.
_COMMONEST = ("cp1252", "iso8859-1", "iso8859-15", "cp1251", "cp1250", "iso8859-2")


def _age(name: str) -> int:
    """How seldom files use code page ``name`` today: 0 for Windows and ISO
    code pages, 1 for :data:`_OLDER`, more for :data:`_RARE` ones."""
    return (name in _OLDER) + _RARE.get(name, 0)


def detect(data: bytes) -> Detection:
    """The codec of ``data`` (bytes that are not plain UTF-8 or ASCII).

    >>> detect("Törökország és Magyarország között".encode("cp1250")).encoding
    'cp1250'
    >>> detect("中華民國的經濟發展".encode("big5")).encoding
    'big5'
    >>> detect(b'<meta charset="Shift_JIS">' + "日本語①".encode("cp932")).encoding
    'cp932'
    """
    label = declared_label(data)
    declared: str | None = None
    if label is not None:
        for name in codecs_for_label(label):
            text = _strict(data, name)
            if text is None:
                continue
            declared = name
            if non_ascii_mean(_window(text))[0] >= _DECLARED_POOR:
                return Detection(name, 0.95, "declared", declared)
            break
    cands = cjk_candidates(data, stop_when_sure=True)
    best_cjk: Candidate | None = None
    cjk_lp = -math.inf
    cjk_odd = 0
    if cands:
        best_cjk = cands[0]
        mean, n = best_cjk.mean, best_cjk.n
        if best_cjk.sure:
            # What the test below answers: _sure_scores found no oddity and
            # no half-width katakana in the text, and n and mean past
            # _CJK_EARLY_N and _CJK_EARLY (beyond 8 and _CJK_SURE).
            conf = posterior([c.logprob for c in cands])
            return Detection(best_cjk.codec, _cap(conf), "cjk", declared, text=best_cjk.full)
        odd = _oddities(best_cjk.text)
        if n and odd == 0 and _CJK_SPARSE <= mean < _CJK_PLAUSIBLE:
            full = best_cjk.full if best_cjk.full is not None else best_cjk.text
            if _scattered_han(full):
                conf = posterior([c.logprob for c in cands])
                if _rival_reading(data, best_cjk, best_cjk.codec, cands):
                    conf *= 0.5
                return Detection(
                    best_cjk.codec, _cap(conf) * 0.9, "cjk", declared, text=best_cjk.full
                )
        if n and mean >= _CJK_PLAUSIBLE:
            # Half-width katakana is rare in text since the 1990s, and what
            # Thai, Cyrillic or DOS code pages read as Shift_JIS give.
            half = len(_HALFWIDTH.findall(best_cjk.text))
            cjk_lp = best_cjk.logprob - 3.0 * odd - 2.0 * half
            cjk_odd = odd
            if n >= 8 and odd == 0 and not half and mean >= _CJK_SURE:
                conf = posterior([c.logprob for c in cands])
                return Detection(best_cjk.codec, _cap(conf), "cjk", declared, text=best_cjk.full)
    head = sample(data, _SCORED)
    prefiltered = _prefilter(data)
    include = [name for _, name in prefiltered]
    if cands:
        _tables()
        from chardet.registry import REGISTRY

        include += [k for k, e in REGISTRY.items() if e.is_multibyte_cjk]
    if not cands and len(head) >= _SHORT and _one_reading(data, include):
        # Every code page left reads the bytes the same way: chardet has
        # nothing to tell apart (its share would be 1 all the same).
        ranked = [(include[0], 1.0)]
    else:
        ranked = (
            (_chardet_siblings if len(head) >= _SHORT else _chardet)(data, include)
            if include
            else []
        )
    # The single-byte readings chardet proposes, best first: (codec,
    # chardet's confidence, text of the sample).
    readings: list[tuple[str, float, str]] = []
    defined = (
        {name for _, name in prefiltered if name not in _EBCDIC}
        if len(data) <= _PREFILTER_BYTES
        else set()
    )
    head_high: bytes | None = None
    by_key: dict[str, str] = {}
    for name, conf in ranked[:12]:
        if name in CJK_CODECS or name.startswith(("utf-16", "utf-32")):
            if best_cjk is not None and not readings:
                # chardet sees the whole input; the model saw its start.
                # On long inputs chardet's family wins unless the model is
                # sure of another; on short ones the model knows better.
                pick, codec = best_cjk, best_cjk.codec
                for c in cands:
                    fits = [a for a in (c.codec, *c.also) if name in _FAMILY_OF.get(a, (a,))]
                    if fits:
                        if len(head) >= _SHORT and best_cjk.logprob - c.logprob < _CJK_OVERRULE:
                            pick, codec = c, fits[0]
                        break
                scores = [pick.logprob] + [c.logprob for c in cands if c is not pick]
                conf = posterior(scores)
                if _rival_reading(data, pick, codec, cands):
                    conf *= 0.5
                return Detection(codec, _cap(conf) * 0.9, "cjk", declared)
            continue
        if name in defined:
            # Every byte of the input is defined in this code page (the
            # prefilter saw them all): it decodes, and code pages reading
            # the sample's non-ASCII bytes alike give the same text.
            if head_high is None:
                head_high = _distinct(head, 0x80)
            key = head_high.decode(name)
            text = by_key.get(key)
            if text is None:
                text = by_key[key] = head.decode(name)
        else:
            text = _strict(head, name)
            if text is None or _strict(data, name) is None:
                continue
        readings.append((name, conf, text))
    if not readings:
        if best_cjk is not None:
            conf = posterior([c.logprob for c in cands])
            return Detection(best_cjk.codec, _cap(conf) * 0.5, "cjk", declared)
        return Detection(None, 0.0, "none", declared)
    if len(head) < _SHORT:
        # chardet's bigrams see little in a few words: weigh its ranking
        # with the plausibility of each reading (a letter, not a symbol,
        # after letters; no word mixing ASCII letters with another alphabet),
        # how natural its non-ASCII characters are beside their neighbours
        # (pairs seen in text of any language) and how well one language
        # writes its words (``õnnestu`` Estonian, not ``ınnestu``).
        top = max(readings[0][1], 1e-9)
        scored = []
        lp_of: dict[str, float] = {}
        for name, conf, text in readings:
            if text not in lp_of:
                odd = _reading_oddities(text)
                lp_of[text] = (
                    _PLAUS_WEIGHT * plausibility.logprob(text)
                    - 5.0 * odd
                    + _PAIR_WEIGHT * letterpairs.logprob(text)
                )
            lp = lp_of[text]
            prior = _RARE_PRIOR * _RARE.get(name, 0)
            scored.append(
                (lp + _CHARDET_WEIGHT * math.log10(max(conf, 1e-9) / top) - prior, name, text)
            )
        # The language model (the costly part) only for the readings still
        # in reach of the best one; the others get the lowest of its scores.
        best_of: dict[str, float] = {}
        for sc, _, text in scored:
            best_of[text] = max(best_of.get(text, -math.inf), sc)
        lead = max(best_of.values())
        near = [text for text, sc in best_of.items() if sc >= lead - _LANG_REACH]
        if len(near) > 1:
            # (one reading in reach: adding the same score to every reading
            # would change neither the ranking nor the share)
            lang_of = {text: _LANG_WEIGHT * letterpairs.language_logprob(text) for text in near}
            low = min(lang_of.values())
            scored = [(sc + lang_of.get(text, low), name, text) for sc, name, text in scored]
        scored.sort(key=lambda t: -t[0])
        answer, mine = scored[0][1], scored[0][2]
        if len(head) == len(data) and answer not in _COMMONEST:
            # The same text from a common code page is named by it: "a\xe9b
            # caf\xe9" reads alike in cp1252, ISO-8859-1 and -14. (A common
            # answer stays: Hungarian without ő reads alike in cp1250.)
            alike = {name for _, name, text in scored if text == mine}
            answer = next((name for name in _COMMONEST if name in alike), answer)
        by_text: dict[str, float] = {}
        for sc, _, text in scored:
            by_text[text] = max(by_text.get(text, -math.inf), sc)
        others = sorted((v for t, v in by_text.items() if t != mine), reverse=True)
        # A few words of a single-byte code page are never certain: such an
        # answer stays below 0.9 (calibrated on bench/bench_detect.py).
        share = min(posterior([by_text[mine], *others]), _SHORT_CAP)
    else:
        answer, top, mine = readings[0]
        # In a tie, a code page of DOS or the classic Mac OS gives way to a
        # Windows or ISO one (``Fran\xe7ois`` in an ISO-8859-1 AUTHORS file
        # is ``François``, not cp850's ``Franþois``).
        for name, conf, text in readings[1:]:
            if conf < top * _NEAR_TIE:
                break
            if _age(name) < _age(answer):
                answer, mine = name, text
        # chardet's weight behind the same text, among its candidates; a
        # rival reading with more oddities (letters no language uses
        # together, symbols inside words) hardly counts.
        agree = total = 0.0
        mine_odd = -1
        odder: dict[str, bool] = {}
        for _, conf, text in readings:
            if text == mine:
                agree += conf
            elif conf >= _RIVAL_WEIGHED:
                if mine_odd < 0:
                    mine_odd = _reading_oddities(mine)
                if text not in odder:
                    odder[text] = _more_oddities(text, mine_odd)
                if odder[text]:
                    conf *= 0.02
            total += conf
        share = agree / total if total else 0.0
    if (
        best_cjk is not None
        and cjk_lp > -math.inf
        and best_cjk.n >= 4
        and cjk_odd * 10 <= best_cjk.n
    ):
        # A plausible CJK reading against the single-byte answer: the same
        # bytes, so the plausibility scores compare.
        if cjk_lp > plausibility.logprob(mine) + _CJK_MARGIN:
            conf = posterior([c.logprob for c in cands])
            return Detection(best_cjk.codec, _cap(conf) * 0.9, "cjk", declared)
    clean = len(data) <= _PREFILTER_BYTES and (0, answer) in prefiltered
    return Detection(answer, _cap(share) * 0.97, "chardet", declared, clean)


_HALFWIDTH = re.compile("[\uff61-\uff9f]")
_fullwidth = lazy_re("[\u3040-\u30ff\u4e00-\u9fff]")
_sandwich = lazy_re(
    "(?<=[A-Za-z])[\u1100-\uffff]{1,2}(?=[A-Za-z])"
    # a full-width letter touching an ASCII letter: "ｂn" (cp437 "éé" read as Shift_JIS)
    "|(?<=[A-Za-z])[\uff21-\uff3a\uff41-\uff5a]|[\uff21-\uff3a\uff41-\uff5a](?=[A-Za-z])"
)


def _oddities(text: str) -> int:
    """Signs that a CJK reading is single-byte text misread: a character
    wedged between ASCII letters (``se밤les``: one accented letter and the
    next letter read as one character) and half-width katakana (what KOI8
    and DOS code pages read as Shift_JIS give)."""
    n = len(_sandwich().findall(text))
    half = len(_HALFWIDTH.findall(text))
    if half:
        # Real half-width text (old Japanese mail, forms) keeps some kanji
        # and kana; Cyrillic read as Shift_JIS is half-width katakana alone.
        full = len(_fullwidth().findall(text))
        if full * 6 < half:
            n += half
    return n


#: The accented letters of the languages written in the Latin alphabet
#: (lower case), from their orthographies. A reading whose letters no one
#: language uses together ("novějąí", Czech with a Polish letter) is a
#: code page confusion.
LATIN_ALPHABETS: tuple[str, ...] = (
    "äöüß",  # German
    "àâæçéèêëîïôœùûüÿ",  # French
    "áéíñóúü",  # Spanish, Basque, Galician
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóùú",  # Italian
    "àçèéíïòóúü",  # Catalan
    "éëïóöüáèêíú",  # Dutch, Afrikaans
    "åäöéæø",  # Swedish, Danish, Norwegian
    "áðéíóúýþæö",  # Icelandic, Faroese
    "äöåšžõü",  # Finnish, Estonian
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "ąćęłńóśźż",  # Polish
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Slovene, Croatian, Bosnian, Serbian Latin
    "ăâîșțşţ",  # Romanian
    "çë",  # Albanian
    "āčēģīķļņšūž",  # Latvian
    "ąčęėįšųūž",  # Lithuanian
    "çğıöşüâî",  # Turkish, Azerbaijani
    "ĉĝĥĵŝŭ",  # Esperanto
    "ċġħżàèìòù",  # Maltese
    "áéíóúàèìòù",  # Irish, Scottish Gaelic, Welsh
    "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",  # Vietnamese
)
_LATIN_SETS = tuple(frozenset(a) for a in LATIN_ALPHABETS)


#: The characters whose lower case has a letter of U+00C0-U+024F (those
#: characters themselves, ẞ, the Angstrom sign, Ȿ, Ɀ: checked against every
#: code point in tests/test_detect_speed.py): no other character counts in
#: :func:`latin_misfit`, and a C-speed scan finds the few that do.
_LOWER_LATIN_ELSEWHERE = "\u1e9e\u212b\u2c7e\u2c7f"
_MAY_LOWER_LATIN = re.compile(f"[\xc0-\u024f{_LOWER_LATIN_ELSEWHERE}]")


def latin_misfit(text: str, chars: set[str] | None = None) -> int:
    """How many accented Latin letters of ``text`` the best-fitting
    language lacks (0 when one language has them all); ``chars``: its
    distinct characters from U+00C0 up, when the caller has them.

    >>> latin_misfit("Za gęślą jaźń"), latin_misfit("novější"), latin_misfit("novějąí")
    (0, 0, 1)
    """
    # Each distinct character lower-cased (what text.lower() gives them;
    # only Greek final sigma depends on context, and it is no Latin letter).
    pool = "".join(set(text) if chars is None else chars)
    letters = {
        low
        for c in _MAY_LOWER_LATIN.findall(pool)
        for low in c.lower()
        if "\xc0" <= low <= "\u024f" and low.isalpha()
    }
    if not letters or any(letters <= s for s in _LATIN_SETS):
        return 0
    return min(len(letters - s) for s in _LATIN_SETS)


def word_oddities(text: str, limit: int | None = None) -> int:
    """Non-letters wedged inside words (``maj·scula``, ``k—nnen``, a
    no-break space between letters or before a space) or glued to the start
    of a lower-case word (``—ледните``): code page confusions. ``limit``:
    the count stops once it is over this (a caller asking only whether it is).

    >>> word_oddities("número inválido"), word_oddities("n·mero k—nnen"), word_oddities("l·lengua")
    (0, 2, 0)
    >>> word_oddities("n·mero k—nnen n·mero", limit=0)
    1
    """
    n = 0
    last = len(text) - 1
    stop = len(text) if limit is None else limit
    for m in _NON_LETTER_HIGH.finditer(text):
        if n > stop:
            break
        i, c = m.start(), m.group()
        if c.isalpha() or c in "’‘":
            continue
        p = text[i - 1] if i else " "
        q = text[i + 1] if i < last else " "
        if c == "\xa0":
            n += (p.isalpha() and q.isalpha()) or p == " " or q == " "
        elif c == "·" and p == "l" and q == "l":
            continue  # Catalan l·l
        elif p.isalpha() and q.isalpha() and not unicodedata.category(c).startswith("M"):
            n += 1
        elif q.islower() and unicodedata.category(c) in ("Pd", "Po", "Sm", "So", "Sc", "Sk"):
            n += c not in "¿¡"  # a dash or symbol glued to a word: "—ледните"
    return n


#: A non-ASCII character that is not a letter (letters are skipped in C:
#: text in other alphabets is mostly letters). The pattern starts with
#: the character class, which sre scans for fast; the lookbehinds then
#: test the character just matched.
_NON_LETTER_HIGH = re.compile(
    "[^\x00-\x7f](?:(?<![^\\W\\d_])"
    # numbers that are no digits (\w has them, isalpha() not): ² ½ Ⅷ ①
    "|(?<=[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f\u2460-\u24ff\u2776-\u2793]))"
)
#: A word (a run of letters) with an ASCII letter and a letter of Greek or
#: a later alphabet; matched from the word's start only, so that it is one
#: scan of each word, not one from each of its letters.
_CLASH = re.compile(
    "(?<![^\\W\\d_])(?=[^\\W\\d_]*[A-Za-z])(?=[^\\W\\d_]*[^\\W\\d_\x00-\u036f])[^\\W\\d_]+"
)

#: An ASCII letter, then a letter beyond U+036F with only non-ASCII Latin
#: letters between them: what a word of :data:`_CLASH` holds, read either
#: way (the text reversed for the other order), found at C speed: the scan
#: stops at ASCII letters only, where :data:`_CLASH` looks at every word.
_ascii_near_foreign = lazy_re("[A-Za-z][^\\W\\d_\x00-\x7f\u0370-\U0010ffff]*[^\\W\\d_\x00-\u036f]")


def _reading_oddities(text: str) -> int:
    if text.isascii():
        return 0
    n = word_oddities(text)
    try:
        # Latin-1 text (most readings in a Western code page): its distinct
        # characters from its bytes, and no letter of Greek or beyond.
        chars = set(_distinct(text.encode("latin-1"), 0xC0).decode("latin-1"))
    except UnicodeEncodeError:
        chars = set(text)
        n += script_clash(text, chars)
    return n + latin_misfit(text, chars)


def _more_oddities(text: str, limit: int) -> bool:
    """Whether ``_reading_oddities(text) > limit``: its three counts (none
    negative) added cheapest first, stopping once the sum is over."""
    if text.isascii():
        return limit < 0
    try:
        chars = set(_distinct(text.encode("latin-1"), 0xC0).decode("latin-1"))
        n = latin_misfit(text, chars)
    except UnicodeEncodeError:
        chars = set(text)
        n = latin_misfit(text, chars)
        if n > limit:
            return True
        n += script_clash(text, chars)
    return n > limit or n + word_oddities(text, limit - n) > limit


_WORD = re.compile(r"[^\W\d_]+")


def script_clash(text: str, chars: set[str] | None = None) -> int:
    """How many words mix ASCII letters with letters of a non-Latin
    alphabet (Greek and beyond), which real text does not do (``chars``:
    the distinct characters of ``text``, or at least those past U+00BF).

    >>> script_clash("Café crème"), script_clash("Cafι crθme"), script_clash("Привет, мир")
    (0, 2, 0)
    """
    if not text or max(text if chars is None else chars, default="") <= "\u036f":
        return 0  # no letter of Greek or a later alphabet (a C-speed scan)
    near = _ascii_near_foreign()
    if near.search(text) is None and near.search(text[::-1]) is None:
        # A word with both kinds of letter has an ASCII letter next to a
        # letter beyond U+036F, or only Latin letters between them.
        return 0
    return len(_CLASH.findall(text))


def _cap(conf: float) -> float:
    return round(min(conf, 0.999), 4)
