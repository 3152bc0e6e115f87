"""GBK read one byte out of step after a lost character, read again in step.

Scraped pages of the seed's family lose single bytes of their GBK text. A
lost first byte reads as ``?`` and its second byte pairs with the next
character's first: every character after it reads one byte out of step
(``因?yàn)槲也幌灿^看``, ``等?!稘h語大辭典》``) until a second byte that is
ASCII (``^``, ``h``) is read as itself and brings the reading back in step,
or another ``?`` marks an unpaired byte. :func:`in_step` reads such a run
again without its first byte (the lost character's, which the ``?``
marks), when every byte then decodes as GBK and the reading is clearly more
plausible (:data:`REALIGN_GAIN`).

Two places start such a run: a pinyin annotation written inside a
character (its remnant has no bracket: ``?yàn)``; the pinyin step), and a
lost first byte of ``。`` (GBK A1 A3), whose second byte A3 reads with the
next character's first as a full-width form (``！``, ``，``), or, in text
folded by NFKC as scraped corpora are, as its ASCII twin (``?!稘h``,
``?,F(xiàn)``): :func:`after_lost_lead`, in the mojibake step.

A farm's decoder drops the pairs of bytes it cannot decode (GBK's
user-defined area) from the run out of step, and a run read again over
such a gap has one wrong character where the gap was: :func:`over_a_gap`
leaves such a run as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..textutil import is_han

#: A run of characters not ASCII nor blank (GBK's two-byte area holds Han,
#: full-width forms, symbols such as ``≌``, Greek and Cyrillic: each is
#: checked to take two bytes).
DOUBLE_RUN = re.compile("[^\\x00-\\x7f\\s]*")
#: How much more plausible (log-probability, in all) the run read in step
#: must make it and three characters either side.
REALIGN_GAIN = 2.0


def in_step(text: str, at: int, first: bytes = b"") -> tuple[int, str] | None:
    """The run of :data:`DOUBLE_RUN` at ``at`` read in step: ``(end,
    text)``, or ``None``. ``first`` is the character before ``at`` as
    bytes, when it starts the run but the text shows it folded to ASCII
    (``!`` for ``！``, A3 A1): the run then starts before ``at``.

    The run ends at an ASCII byte, a second byte in step (``^``, ``f``),
    which is taken back; or at a ``?`` (another lost character), and the
    unpaired first byte before it is dropped (the ``?`` marks it). A second
    byte in ASCII right after the start (``餐?cān)d的菜``, 廳 being 8F 64)
    is the whole run. The run is read again without its first byte when
    every byte then decodes as GBK and the reading makes the run and three
    characters either side clearly more plausible (:data:`REALIGN_GAIN`),
    and not as plausible with a pair of bytes dropped inside it
    (:func:`over_a_gap`)."""
    m = DOUBLE_RUN.match(text, at)
    assert m is not None  # (it matches the empty string)
    run, end = m.group(), m.end()
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(data) != 2 * len(run):
        return None
    data = first + data
    start = at - 1 if first else at
    shown = len(run) + (1 if first else 0)
    nxt = text[end : end + 1]
    lost = nxt == "?"  # (a full-width ？ is in the run: not ASCII)
    if "\x40" <= nxt <= "\x7e":
        if not shown and not ("\x7f" < text[end + 1 : end + 2] and not text[end + 1].isspace()):
            return None  # (a lone ASCII byte only before a character not ASCII)
        data += nxt.encode("ascii")
        end += 1
    elif lost and shown:
        data = data[:-1]
    else:
        return None
    try:
        fixed = data[1:].decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(fixed) != shown - lost or not DOUBLE_RUN.fullmatch(fixed):
        return None
    from .. import plausibility

    before, after = text[max(0, start - 3) : start], text[end : end + 3]
    gain = plausibility.logprob(before + fixed + after) - plausibility.logprob(
        before + text[start:end] + after
    )
    if gain < REALIGN_GAIN or over_a_gap(before, fixed, after):
        return None
    return end, fixed


#: The second bytes whose pair with any next first byte from A1 on falls in
#: GBK's user-defined area (AA-AF and F8-FE rows: no character), and those
#: whose pair does with a first byte from 81 to A0 (A1-A7 rows, 40-A0).
_GAP_SECONDS = bytes(range(0xAA, 0xB0)) + bytes(range(0xF8, 0xFF))
_GAP_SECONDS_LOW = bytes(range(0xA1, 0xA8))
#: How many of the commonest characters that could stand after a gap are
#: paired with each that could stand before it (12: as many wrong runs
#: found as with 24 in bench/bench_realign.py, in half the time).
_GAP_TOP = 12
#: How much less plausible than the run a reading over a gap may be and
#: still reject it: it has one character more, which costs about 3.
_GAP_ALLOWANCE = 1.0
#: A full-width letter or digit: between two Han, a character over a gap.
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _gbk(pair: bytes) -> str | None:
    try:
        ch = pair.decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


def over_a_gap(before: str, fixed: str, after: str) -> bool:
    """Whether ``fixed``, a run read in step, reads likelier with a pair of
    bytes lost inside it: a farm's decoder drops the pairs it cannot decode
    (GBK's user-defined area) from the run out of step, and read again over
    the gap the run has one wrong character there, made of the first byte
    of the character before the gap and the second of the one after it
    (``等?;诘乩韺W``, 。基于地理學 with F9 D3 dropped, reads 悔地理學).

    For each character of ``fixed``, the two characters it would be over a
    gap (its first byte with a second byte whose pair with the next first
    byte has no character; that first byte with its second byte) are tried
    in their context, every one that could stand before the gap with the
    commonest after it (:data:`_GAP_TOP`): a reading so made, one
    character longer, that is nearly as likely as the run
    (:data:`_GAP_ALLOWANCE`: ``等基于地`` against ``等悔地``) means the run
    cannot be read again with confidence. So does a full-width letter or
    digit between Han (``民ｒ香``: ``，`` and 向 with their pair lost)."""
    for k, ch in enumerate(fixed):
        prev = fixed[k - 1] if k else before[-1:]
        nxt = fixed[k + 1] if k + 1 < len(fixed) else after[:1]
        if _gap_at(prev, ch, nxt):
            return True
    return False


@lru_cache(maxsize=4096)
def _gap_at(prev: str, ch: str, nxt: str) -> bool:
    """:func:`over_a_gap` at one character ``ch`` between ``prev`` and
    ``nxt`` (cached: a page repeats its runs)."""
    if _FULL_WIDTH_ALNUM.match(ch) and is_han(prev[:1] or " ") and is_han(nxt or " "):
        return True  # ('民ｒ香': '，' and 向 with their pair AC CF lost)
    from .. import plausibility

    logprob = plausibility.logprob
    pair = ch.encode("gbk")
    bar = logprob(prev + ch + nxt) - _GAP_ALLOWANCE
    for low in (False, True):
        xs = _before_gap(pair[0], low)
        ys = _after_gap(pair[1], low)
        if not xs or not ys:
            continue
        # each character's score in context is at most 0, so prev + x + y
        # + nxt scores at most prev + x and what nxt adds after y: the
        # pairs that cannot pass the bar are not scored whole
        heads = [(x, logprob(prev + x)) for x in xs]
        tails = [(y, logprob(y + nxt) - logprob(y)) for y in ys]
        best_tail = max(t for _y, t in tails)
        for x, head in heads:
            if head + best_tail <= bar:
                continue
            for y, tail in tails:
                if head + tail > bar and logprob(prev + x + y + nxt) > bar:
                    return True
    return False


@lru_cache(maxsize=1024)
def _before_gap(lead: int, low: bool) -> tuple[str, ...]:
    """The characters of first byte ``lead`` whose second byte pairs with
    the next first byte in the user-defined area (``low``: with a first
    byte from 81 to A0)."""
    seconds = _GAP_SECONDS_LOW if low else _GAP_SECONDS
    return tuple(x for t in seconds if (x := _gbk(bytes((lead, t)))))


@lru_cache(maxsize=1024)
def _after_gap(trail: int, low: bool) -> tuple[str, ...]:
    """The commonest :data:`_GAP_TOP` characters of second byte ``trail``
    whose first byte pairs with a gap's (``low``: 81 to A0, else A1 on)."""
    from .. import plausibility

    firsts = range(0x81, 0xA1) if low else range(0xA1, 0xFF)
    ys = [y for lead in firsts if (y := _gbk(bytes((lead, trail))))]
    ys.sort(key=plausibility.char_cost, reverse=True)
    return tuple(ys[:_GAP_TOP])


#: A ``?`` before a full-width form or its ASCII twin: where
#: :func:`after_lost_lead` looks, matched at each ``?`` (found with
#: str.find: a pattern that opened with a look behind would be tried at
#: every character of the text).
_LEAD = re.compile("\\?[\uff01-\uff5e!-'*->@-~]")
#: The first bytes of GBK's full-width forms (``！`` is A3 A1).
_FULL_WIDTH = 0xA3


def _folded(ch: str) -> bytes | None:
    """The GBK bytes of the full-width form that NFKC folds to ASCII ``ch``
    (A3 A1 for ``!``), or ``None`` when it is not one of the A3 row."""
    try:
        data = chr(ord(ch) + 0xFEE0).encode("gbk")
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 and data[0] == _FULL_WIDTH else None


def after_lost_lead(text: str) -> list[tuple[int, int, str]]:
    """The runs after a lost first byte that read in step: ``(start, end,
    fixed)`` for each, ``text[start:end]`` to become ``fixed``, the ``?``
    before ``start`` kept to mark the lost character.

    The ``?`` stands after Han (or the bracket of an annotation) and before
    a character of GBK's A3 row (a full-width form, shown as such or folded
    to ASCII by NFKC): the second byte of a lost ``。`` (A1 A3) read with
    the next character's first. The run from that character is read again
    by :func:`in_step` (``?!稘h語`` is ``?《漢語``). The shortest run, that
    character and an ASCII byte, the next character's second (``?,F``:
    現 is AC 46), is taken only when an annotation after it is a reading of
    the character so read (``?,F(xiàn)``): two ASCII characters after a
    question mark are common in text, and one character's plausibility
    says little."""
    out: list[tuple[int, int, str]] = []
    match = _LEAD.match
    q = text.find("?", 1)
    while q >= 0:
        at, q = q, text.find("?", q + 1)
        if match(text, at) is None or not (
            is_han(text[at - 1]) or _ANNOTATION_BEFORE.search(text, max(0, at - 12), at)
        ):
            continue
        c0, term = text[at + 1], text[at + 2 : at + 3]
        first = _folded(c0) if c0.isascii() else c0.encode("gbk", "replace")
        if first is None or len(first) != 2 or first[0] != _FULL_WIDTH:
            continue
        if "\x40" <= term <= "\x7e":
            # the shortest run: only an annotation bears it out
            try:
                fixed = (first[1:] + term.encode("ascii")).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(fixed) == 1 and is_han(fixed) and _confirmed(text, at + 3, fixed):
                out.append((at + 1, at + 3, fixed))
            continue
        step = in_step(text, at + 2, first) if c0.isascii() else in_step(text, at + 1)
        if step is not None and step[1]:
            out.append((at + 1, step[0], step[1]))
    return out


#: An annotation with a tone (``(xiàn)``), as the farm writes them: after
#: one, a ``?`` is looked at as after Han; after one, a character read in
#: step from two ASCII characters is borne out.
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONED = f"[a-zü\u00e0-\u01dc]{{0,6}}[{_TONE_VOWELS}][a-zü]{{0,6}}"
_ANNOTATION_BEFORE = re.compile(f"[\u4e00-\u9fff][(（]{_TONED}[)）]$")
_ANNOTATION_AFTER = re.compile(f"[(（]({_TONED})[)）]")


def _confirmed(text: str, end: int, fixed: str) -> bool:
    """Whether an annotation right after ``end`` is a reading of ``fixed``."""
    m = _ANNOTATION_AFTER.match(text, end)
    if m is None:
        return False
    from .. import readings

    return readings.is_reading(fixed, m.group(1))
