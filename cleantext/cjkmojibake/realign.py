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
``?,F(xiàn)``). Of the second kind only the shortest run, borne out by an
annotation, is read again (:func:`after_lost_lead`, in the mojibake step).
"""

from __future__ import annotations

import re

from ..textutil import is_han

#: A run of characters not ASCII nor blank (GBK's two-byte area holds Han,
#: full-width forms, symbols such as ``≌``, Greek and Cyrillic: each is
#: checked to take two bytes).
DOUBLE_RUN = re.compile("[^\\x00-\\x7f\\s]*")
#: How much more plausible (log-probability, in all) the run read in step
#: must make it and three characters either side.
REALIGN_GAIN = 2.0


def in_step(text: str, at: int) -> tuple[int, str] | None:
    """The run of :data:`DOUBLE_RUN` at ``at`` read in step: ``(end,
    text)``, or ``None``.

    The run ends at an ASCII byte, a second byte in step (``^``, ``f``),
    which is taken back; or at a ``?`` (another lost character), and the
    unpaired first byte before it is dropped (the ``?`` marks it). A second
    byte in ASCII right after the start (``餐?cān)d的菜``, 廳 being 8F 64)
    is the whole run. The run is read again without its first byte when
    every byte then decodes as GBK and the reading makes the run and three
    characters either side clearly more plausible (:data:`REALIGN_GAIN`)."""
    m = DOUBLE_RUN.match(text, at)
    assert m is not None  # (it matches the empty string)
    run, end = m.group(), m.end()
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(data) != 2 * len(run):
        return None
    start, shown = at, len(run)
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
    if gain < REALIGN_GAIN:
        return None
    return end, fixed


#: A ``?`` before a full-width form or its ASCII twin, then an ASCII byte
#: from 40 on, then a bracket: what :func:`after_lost_lead` reads, matched
#: at each ``?`` (found with str.find: a pattern that opened with a look
#: behind would be tried at every character of the text).
_LEAD = re.compile("\\?[\uff01-\uff5e!-'*->@-~][@-~][(（]")
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
    """The characters after a lost first byte that read in step, where an
    annotation bears them out: ``(start, end, fixed)`` for each,
    ``text[start:end]`` to become ``fixed``, the ``?`` before ``start`` kept
    to mark the lost character.

    The ``?`` stands after Han (or the bracket of an annotation) and before
    a character of GBK's A3 row (a full-width form, shown as such or folded
    to ASCII by NFKC): the second byte of a lost ``。`` (A1 A3) read with
    the next character's first. Only the shortest such run is read again:
    that character and an ASCII byte, the next character's second
    (``?,F``: 現 is AC 46), followed by an annotation that is a reading of
    the character so read (``?,F(xiàn)``). A longer run is left as it is: a
    farm's decoder drops the pairs it cannot decode (GBK's user-defined
    area), and a run read again over such a gap has a wrong character
    where the gap was, as plausible as the right ones."""
    out: list[tuple[int, int, str]] = []
    match = _LEAD.match
    q = text.find("?", 1)
    while q >= 0:
        at, q = q, text.find("?", q + 1)
        if match(text, at) is None or not (is_han(text[at - 1]) or text[at - 1] in ")）"):
            continue
        c0, term = text[at + 1], text[at + 2]
        first = _folded(c0) if c0.isascii() else c0.encode("gbk", "replace")
        if first is None or len(first) != 2 or first[0] != _FULL_WIDTH:
            continue
        try:
            fixed = (first[1:] + term.encode("ascii")).decode("gbk")
        except UnicodeDecodeError:
            continue
        if len(fixed) == 1 and is_han(fixed) and _confirmed(text, at + 3, fixed):
            out.append((at + 1, at + 3, fixed))
    return out


_ANNOTATION_AFTER = re.compile("[(（]([^()（）\\s]{1,8})[)）]")


def _confirmed(text: str, end: int, fixed: str) -> bool:
    """Whether an annotation right after ``end`` is a reading of ``fixed``."""
    m = _ANNOTATION_AFTER.match(text, end)
    if m is None:
        return False
    from .. import readings

    return readings.is_reading(fixed, m.group(1))
