"""Proofs at C speed that a kind repairs nothing in a line (asked by
:func:`~cleantext.cjkmojibake.decide._cannot_repair` before the model).

Two proofs: :func:`may_repair` for the kinds decoded as UTF-8 (below), and
:func:`legacy_stretches` for Big5 read as GBK and GBK read as Big5 (the
section "the Big5/GBK kinds"). Each translates the line to letters that
say what a repair needs of each character (one ``str.translate``, with a
table that fills itself) and looks for what a repair needs with a regular
expression.

The kinds that decode the bytes as UTF-8 (UTF-8 read as GBK, Big5 or
Shift_JIS) can only repair a run of *valid units* (see
:func:`~cleantext.cjkmojibake.roundtrip.line_units`): whole characters whose
bytes in the wrong codec are complete UTF-8 sequences. :func:`may_repair`
looks for such a run with what :func:`~cleantext.cjkmojibake.decide._judge`
asks of every repair in it, with one ``str.translate`` and one regular
expression search, and the step's model is not asked about the kind when
there is none.

The proof (why a line this search finds nothing in has no repair by the
kind, under thresholds with neither ``foreign`` nor ``punct_ok``:
:data:`~cleantext.cjkmojibake.decide.STRICT` and ``STRICT_SEEN``):

1. A repair is a run of units ``[a, b)`` of ``line_units`` that
   :func:`~cleantext.cjkmojibake.decide._best_runs` found: no run crosses a
   unit whose repair is ``None`` and an extension never takes one in, and
   the trims only shorten it. So every unit of it is valid: its characters'
   bytes (each character encoded alone, as ``line_units`` does) parse as
   UTF-8 from the unit's first byte to its last.
2. ``_judge`` turns down a run whose damaged text is all plain characters
   unless it is *marked*, which needs ``foreign``: the run holds a
   character that is not plain (:func:`~.precheck.plain_chars`).
3. ``_judge`` turns down a run whose repaired text, less U+FFFD, is not
   empty and has no :func:`~.precheck.cjk_char`, and (without ``punct_ok``)
   one whose repaired text is all U+FFFD. So the repaired text holds a CJK
   character or is empty, which only a byte order mark gives (decoded
   U+FEFF is dropped). Every CJK character and U+FEFF starts in UTF-8 with
   one of the lead bytes E3-ED, EF (three bytes) or F0 (four): the run's
   bytes hold one of these as the first byte of a sequence.

So the line holds a sequence of characters that parse as UTF-8 from a
sequence boundary to a sequence boundary, one of them not plain, with one
of those leads at a sequence start. The search is for that sequence, with
UTF-8 loosened to its lengths (a lead of two, three or four bytes, then
continuation bytes 80-BF: every valid sequence is such a one): an
automaton whose state is the number of continuation bytes still due. A
character is translated to a letter that says which states its bytes take
to which (and whether a lead above is read at state 0 on the way) and
whether it is plain; the regular expression is the automaton's paths from
state 0 to state 0 that take in an odd letter and a lead above.

A line with U+FFFD is not screened for UTF-8 read as GBK: ``line_units``
takes U+FFFD there as the byte 0x80 (or a lost byte), not its own bytes.

Every character of a line is translated (a table that fills itself), so
none can be left out of the search as a wall that is not one.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import cast

from ..plausibility import char_cost
from ..textutil import Budget, is_han_cp, read_data
from .precheck import (
    KANA,
    MIXED_SPAN,
    ORIGIN,
    common_chars,
    has_damage_mark,
    is_kana,
    plain_chars,
    unrepaired_chars,
)
from .roundtrip import (
    GB,
    KINDS,
    LATIN,
    UTF8,
    Kind,
    char_table,
    encoder,
    per_char,
    prime_encoder,
)

# --- the loosened UTF-8 automaton ------------------------------------------------

#: Lead bytes of the UTF-8 form of every CJK character (:data:`~.precheck.CJK_CLASS`:
#: kana, Han, Hangul, compatibility ideographs, the supplementary planes'
#: Han) and of U+FEFF: E3-ED and EF (three bytes), F0 (four).
CJK_LEADS = frozenset([*range(0xE3, 0xEE), 0xEF, 0xF0])

#: One step of a character: (state before, state after, a CJK lead read).
Step = tuple[int, int, bool]


def _run(data: bytes, state: int) -> tuple[int, bool] | None:
    """The state after ``data`` from ``state`` (continuation bytes due), and
    whether a CJK lead was read at state 0; None if the bytes cannot be
    read so."""
    cjk = False
    for b in data:
        if state:
            if not 0x80 <= b <= 0xBF:
                return None
            state -= 1
        elif b < 0x80:
            pass
        elif 0xC2 <= b <= 0xDF:
            state = 1
        elif 0xE0 <= b <= 0xEF:
            state = 2
        elif 0xF0 <= b <= 0xF4:
            state = 3
        else:
            return None
        if b in CJK_LEADS:  # (read as a lead: it is no continuation byte)
            cjk = True
    return state, cjk


def _kind_of(b: int) -> int:
    """The byte of the kind of ``b`` in :data:`_BYTE_KINDS` (the automaton
    reads every byte of a kind alike)."""
    if b < 0x80:
        return 0x41
    if b <= 0xBF:
        return 0x80
    if 0xC2 <= b <= 0xDF:
        return 0xC2
    if 0xE0 <= b <= 0xEF:
        return 0xE3 if b in CJK_LEADS else 0xE0
    if 0xF0 <= b <= 0xF4:
        return 0xF0 if b in CJK_LEADS else 0xF1
    return 0xC0


#: A byte of each kind the automaton tells apart: ASCII, continuation,
#: lead of two, of three (not CJK, CJK), of four (CJK, not CJK), invalid.
_BYTE_KINDS = (0x41, 0x80, 0xC2, 0xE0, 0xE3, 0xF0, 0xF1, 0xC0)
#: ``bytes.translate`` table: each byte to the byte of its kind.
_KINDS_TABLE = bytes(_kind_of(b) for b in range(256))
_STEPS_MEMO: dict[bytes, frozenset[Step]] = {}


def steps_of(data: bytes | None) -> frozenset[Step]:
    """Every (state before, state after, CJK lead read) that ``data`` allows;
    empty for a wall (no bytes, or bytes that no UTF-8 can hold whole)."""
    if data is None:
        return frozenset()
    kinds = data.translate(_KINDS_TABLE)
    got = _STEPS_MEMO.get(kinds)
    if got is None:
        out = set()
        for s in range(4):
            r = _run(kinds, s)
            if r is not None:
                out.add((s, r[0], r[1]))
        got = _STEPS_MEMO[kinds] = frozenset(out)
    return got


# --- letters -------------------------------------------------------------------------

Key = tuple[frozenset[Step], bool]


@lru_cache(maxsize=1)
def _alphabet() -> dict[Key, str]:
    """A letter (from U+0100) for every (steps, odd) a character can have:
    the steps of every string of one or two bytes (those of a byte depend
    only on its kind above), and none (a wall: no bytes, or GB18030's four,
    which have a byte 30-39 between two others >= 0x80). The same letters
    serve every kind, so one pattern serves them all."""
    steps = {frozenset[Step]()}
    for a in _BYTE_KINDS:
        steps.add(steps_of(bytes([a])))
        for b in _BYTE_KINDS:
            steps.add(steps_of(bytes([a, b])))
    keys = sorted(((st, odd) for st in steps for odd in (False, True)), key=repr)
    return {key: chr(0x100 + i) for i, key in enumerate(keys)}


class _Table(dict[int, str]):
    """A ``str.translate`` table from characters to letters for one kind,
    which adds each character it has not seen (so no character of a line
    is left as it is, outside every class)."""

    def __init__(self, kind: Kind) -> None:
        super().__init__()
        self.name = "utf8:" + kind.code  # (in the file of the BMP's letters)
        self.bmp: list[str] | None = None  # (the BMP's letters: see _letters)
        self.codecs = kind.wrong
        self.encode = encoder(kind.wrong)
        self.plain = plain_chars()
        self.alphabet = _alphabet()
        self.line = ""  # the text being translated: its characters encoded at once
        self.fast: dict[int, str] | None = None  # (a plain copy: see _letters)

    def __missing__(self, cp: int) -> str:
        # every new character of the line at once (one that is not in it:
        # another thread's line, alone)
        line, self.line = self.line, ""
        if line:
            self._fill(line)
        if cp not in self:
            self._fill(chr(cp))
        return self[cp]

    def _fill(self, text: str) -> None:
        new = [ch for ch in set(text) if ord(ch) not in self]
        prime_encoder("".join(new), self.codecs)
        encode, plain, alphabet = self.encode, self.plain, self.alphabet
        for ch in new:
            cp = ord(ch)
            self[cp] = alphabet[(steps_of(encode(ch)), cp not in plain)]  # (see _alphabet)


#: The steps of a character of two bytes, a continuation byte then ASCII:
#: read at state 1 it ends a sequence and gives an ASCII character that the
#: damaged text did not have (no other letter gives one: ASCII gives
#: itself, every other sequence a character above ASCII).
_EXTRA_ASCII = frozenset([(1, 0, False)])


def _classes(ids: dict[Key, str]) -> Callable[[int, int, str], str]:
    """The class of letters with a step ``s -> t`` (and an odd letter, flag
    "o", or a CJK lead read, flag "c")."""
    for steps, _odd in ids:
        for s, t, _c in steps:
            if (s, t) not in _STEPS:  # pragma: no cover - see _STEPS
                raise AssertionError(f"a step {s}->{t} the unit grammar does not take")

    def cls(s: int, t: int, flag: str) -> str:
        chars = [
            letter
            for (steps, odd), letter in ids.items()
            if (flag != "o" or odd)
            and any(a == s and b == t and (flag != "c" or c) for a, b, c in steps)
        ]
        return _class_of(chars)

    # (each class is asked for again and again as the patterns are written)
    return lru_cache(maxsize=None)(cls)


def _class_of(chars: list[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]" if chars else "(?!)"


def _run_pattern(ids: dict[Key, str]) -> str:
    """A run of units (paths from state 0 to state 0) with an odd letter and
    a step that reads a CJK lead, as a regular expression over the letters
    of ``ids`` (no other letter is in any of its classes).

    The run is taken from its first unit with either (the units before it
    add nothing), which starts with a letter that has a step from state 0
    to another (a unit of several letters) or, from 0 to 0, an odd letter
    or a CJK lead. From there the states are fixed (the automaton is
    deterministic), so the units that follow one another are one chain:
    two lookaheads from the same place, one for a unit with an odd letter
    and one for a unit with a CJK lead, find them in one run. The first
    lookahead is one class, which fails at once at the places where no
    such unit starts (ASCII, most of all).
    """
    cls = _classes(ids)
    starts = [
        letter
        for (steps, odd), letter in ids.items()
        if any(s == 0 and (t != 0 or odd or c) for s, t, c in steps)
    ]
    unit = _unit()
    any_unit = _render(unit, "", cls)
    odd_unit = _render(unit, "o", cls)
    cjk_unit = _render(unit, "c", cls)
    return f"(?={_class_of(starts)})(?=(?:{any_unit})*?{odd_unit})(?=(?:{any_unit})*?{cjk_unit})"


def _chain_pattern(ids: dict[Key, str]) -> str:
    """A chain of units, longest first (see :func:`may_repair`)."""
    return f"(?:{_render(_unit(), '', _classes(ids))})+"


#: Every step a character of one or two bytes can take (the only ones with
#: steps: a four-byte GB18030 character has a byte 30-39 after a lead or
#: before a continuation byte, a wall): a lead of 2, 3 or 4 bytes then a
#: continuation byte (0->0, 0->1, 0->2), a continuation byte then ASCII or
#: a lead (1->0, 1->1, 1->2, 1->3), two continuation bytes (2->0, 3->1),
#: and one byte (0->0, 0->1, 0->2, 0->3, 1->0, 2->1, 3->2).
_STEPS = frozenset(
    [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (2, 1), (3, 1), (3, 2)]
)

_Node = tuple[str, object]


def _atom(s: int, t: int) -> _Node:
    return ("atom", (s, t))


def _cat(*nodes: _Node) -> _Node:
    return ("cat", list(nodes))


def _alt(*nodes: _Node) -> _Node:
    return ("alt", list(nodes))


def _star(node: _Node) -> _Node:
    return ("star", node)


def _unit() -> _Node:
    """The paths from state 0 back to state 0 that meet it nowhere else,
    over :data:`_STEPS`: a unit of ``line_units`` (one or more characters
    whose bytes are whole UTF-8 sequences, cut where a character boundary
    meets a sequence boundary)."""
    a = _atom
    # from 1 back to 1 without 0: 1->1 | 1->2 2->1 | 1->3 3->1 | 1->3 3->2 2->1
    loop1 = _alt(
        a(1, 1), _cat(a(1, 2), a(2, 1)), _cat(a(1, 3), a(3, 1)), _cat(a(1, 3), a(3, 2), a(2, 1))
    )
    to0_from1 = _alt(a(1, 0), _cat(a(1, 2), a(2, 0)), _cat(a(1, 3), a(3, 2), a(2, 0)))
    p10 = _cat(_star(loop1), to0_from1)
    p20 = _alt(a(2, 0), _cat(a(2, 1), p10))
    p30 = _alt(_cat(a(3, 1), p10), _cat(a(3, 2), p20))
    return _alt(a(0, 0), _cat(a(0, 1), p10), _cat(a(0, 2), p20), _cat(a(0, 3), p30))


def _render(node: _Node, flag: str, cls: Callable[[int, int, str], str]) -> str:
    """The regular expression of the strings of ``node``, with ``flag`` ("o":
    an odd letter, "c": a step that reads a CJK lead; "": none) on one of
    its letters at least."""
    kind, arg = node
    if kind == "atom":
        s, t = cast(tuple[int, int], arg)
        return cls(s, t, flag)
    if kind == "alt":
        return "(?:" + "|".join(_render(n, flag, cls) for n in cast(list[_Node], arg)) + ")"
    if kind == "cat":
        items = cast(list[_Node], arg)
        plain = [_render(n, "", cls) for n in items]
        if not flag:
            return "".join(plain)
        alts = [
            "".join(plain[:i]) + _render(n, flag, cls) + "".join(plain[i + 1 :])
            for i, n in enumerate(items)
        ]
        return "(?:" + "|".join(alts) + ")"
    body = cast(_Node, arg)
    star = "(?:" + _render(body, "", cls) + ")*"
    if not flag:
        return star
    return star + _render(body, flag, cls) + star


# --- the screen ----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _table(kind: Kind) -> _Table:
    return _Table(kind)


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    return re.compile(_run_pattern(_alphabet()))


@lru_cache(maxsize=1)
def _no_extra_ascii() -> dict[int, str]:
    """A ``str.translate`` table that makes a wall ("\\x00", no letter) of
    each letter of :data:`_EXTRA_ASCII`: :func:`_regex` finds a run in the
    letters so translated exactly where the regex of :func:`_run_pattern`
    over the alphabet without those letters finds one in the letters as
    they are (its pattern is :func:`_regex`'s with them taken out of every
    class, and a class is all that reads a letter; neither pattern's
    classes hold "\\x00"), with no second regex of 5,500 characters to
    compile (about 10 ms)."""
    return {ord(c): "\x00" for (steps, _odd), c in _alphabet().items() if steps == _EXTRA_ASCII}


@lru_cache(maxsize=1)
def _chain_regex() -> re.Pattern[str]:
    return re.compile(_chain_pattern(_alphabet()))


@lru_cache(maxsize=1)
def _flag_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An odd letter; a letter that reads a CJK lead (it has one step)."""
    ids = _alphabet()
    odd = _class_of([letter for (_steps, o), letter in ids.items() if o])
    cjk = _class_of([letter for (steps, _o), letter in ids.items() if any(c for *_x, c in steps)])
    return re.compile(odd), re.compile(cjk)


#: The screens compile some 70 ms of patterns on first use: until the texts
#: of a process have brought this many parts to the strict passes (a small
#: file, a hook's cold start), the proofs of the model's side are left to
#: do the work alone; they give the same answers (every proof only saves
#: work). Many small files in one process pass it after a few dozen pages.
MIN_PARTS = 64
_PARTS = [0]


def ready() -> bool:
    """Whether the screens are in use in this process (see :data:`MIN_PARTS`)."""
    return _PARTS[0] >= MIN_PARTS


def warm(parts: int) -> bool:
    """Count ``parts`` more parts; whether the screens are in use now."""
    _PARTS[0] += parts
    return ready()


def screens(kind: Kind) -> bool:
    """Whether :func:`may_repair` applies to ``kind`` (decoded as UTF-8 from a
    CJK codec)."""
    return kind.right == UTF8 and kind.wrong != LATIN


def may_repair(line: str, kind: Kind, alone: bool = False) -> bool:
    """False only if ``kind`` surely repairs nothing in ``line`` under
    thresholds with neither ``foreign`` nor ``punct_ok`` (see the module
    docstring), and with ``alone`` (:data:`~.decide.STRICT`) none either
    that ``_judge`` lets through judged alone; True when in doubt.

    Judged alone, a repair of a line whose kept runs take in fewer than
    :data:`~.precheck.MIXED_SPAN` non-ASCII characters must not give more
    ASCII than it takes (``_odd_short_repair``): its run has no letter of
    :data:`_EXTRA_ASCII`. So there is a run as above without one, or the
    chains of units with an odd letter and a CJK lead (every run is inside
    one) hold that many non-ASCII characters together. The chains are
    found one after another, longest first: a chain the search passes over
    would start with a byte that continues a sequence, which no run does.
    """
    if not screens(kind) or (kind.wrong == GB and "\ufffd" in line):
        return True
    letters = _letters(line, _table(kind))
    if _regex().search(letters) is None:
        return False
    if not alone or _regex().search(letters.translate(_no_extra_ascii())) is not None:
        return True
    odd, cjk = _flag_regexes()
    total = 0
    for m in _chain_regex().finditer(letters):
        a, b = m.span()
        if odd.search(letters, a, b) and cjk.search(letters, a, b):
            total += b - a - len(line[a:b].encode("ascii", "ignore"))
    return total >= MIXED_SPAN


# --- the Big5/GBK kinds: what a repair judged alone needs ---------------------------
#
# For the kinds of one character per unit between the two legacy codecs
# (Big5 read as GBK and GBK read as Big5), under STRICT (a span judged
# alone, neither ``foreign`` nor ``need_mark``, two damaged characters at
# least), a repair is a run of characters whose repair is not None
# (_best_runs), and _judge turns it down unless:
#
# - its repaired text can be encoded in the other legacy codec
#   (``legacy_text``), holds no character of cost -9 or less that is not
#   U+FFFD (the kinds with no context rule: C1 controls, private use,
#   unassigned...; a Han character's cost moves with its neighbour and is
#   not used here), no kana unless its damaged text has kana, and (when the
#   damaged text has no mark of damage, ``has_damage_mark``) only Han or
#   common characters: a character whose repair breaks one of these is a
#   wall for the runs (the last two only in a line with no kana, and with
#   no mark of damage: then no run of it has any);
# - its damaged text holds a character that is not plain, two non-ASCII
#   characters side by side and a Han or private-use character;
# - the runs kept in the line take in, together, ``run_total`` non-ASCII
#   characters (the final round of _candidates judges each with the total
#   of the runs it keeps) with ``run_total >= LEGACY_SPAN`` or twice it at
#   least the line's non-ASCII characters, and ``run_total >= MIN_UNMARKED
#   + 1`` unless the run has a character of ``unrepaired_re``.
#
# So the stretches between walls with such a character, such a pair and
# such a character must hold, together, that many non-ASCII characters.

#: Bits of a character's letter for the legacy kinds.
_WALL, _WALL_NO_KANA, _WALL_NO_MARK, _ODD, _HAN_PUA, _UNREPAIRED, _HIGH = (1 << i for i in range(7))


class _LegacyTable(dict[int, str]):
    """A ``str.translate`` table from characters to letters (U+0100 plus the
    bits above) for one legacy kind, which adds each character it has not
    seen."""

    def __init__(self, kind: Kind) -> None:
        from .decide import _DAMAGE_COST  # (decide imports this module)

        super().__init__()
        self.name = "legacy:" + kind.code  # (in the file of the BMP's letters)
        self.bmp: list[str] | None = None  # (the BMP's letters: see _letters)
        self.kind = kind
        self.damage = _DAMAGE_COST
        self.plain = plain_chars()
        self.common = common_chars()
        self.line = ""  # the line being translated
        self.fast: dict[int, str] | None = None  # (a plain copy: see _letters)
        self.units = char_table("", kind)  # (the table char_table fills)

    def __missing__(self, cp: int) -> str:
        # every new character of the line at once (one that is not in it:
        # another thread's line, alone)
        self._fill(set(self.line))
        if cp not in self:
            self._fill({chr(cp)})
        return self[cp]

    def _fill(self, chars: set[str]) -> None:
        new = [ch for ch in chars if ord(ch) not in self]
        if not new:
            return
        joined = "".join(new)
        units = char_table(joined, self.kind)
        reps = [units[ch][0] for ch in new]
        # legacy_text (its codec, one character at a time: these are stateless)
        origin = ORIGIN[self.kind.code]
        codec = ("gbk" if origin == "gb2312" else origin,)
        prime_encoder("".join(r for r in reps if r), codec)
        legacy = encoder(codec)
        unrepaired = unrepaired_chars(new)
        plain, common, damage = self.plain, self.common, self.damage
        for ch, rep in zip(new, reps):
            cp = ord(ch)
            bits = 0
            if rep is None or any(legacy(r) is None for r in rep):
                bits |= _WALL
            elif rep != ch:
                for r in rep:
                    rc = ord(r)
                    if r != "\ufffd" and not is_han_cp(rc) and char_cost(r) <= damage:
                        bits |= _WALL
                    if is_kana(r) and not is_kana(ch):
                        bits |= _WALL_NO_KANA
                    if r != "\ufffd" and not is_han_cp(rc) and rc not in common:
                        bits |= _WALL_NO_MARK
            if cp not in plain:
                bits |= _ODD
            if is_han_cp(cp) or 0xE000 <= cp <= 0xF8FF:
                bits |= _HAN_PUA
            if ch in unrepaired:
                bits |= _UNREPAIRED
            if cp > 0x7F:
                bits |= _HIGH
            self[cp] = chr(0x100 + bits)


def _letters_with(need: int, walls: int) -> str:
    """A class of the letters with every bit of ``need`` and none of ``walls``."""
    return (
        "["
        + "".join(chr(0x100 + b) for b in range(128) if b & need == need and not b & walls)
        + "]"
    )


@lru_cache(maxsize=8)
def _stretch_re(walls: int) -> re.Pattern[str]:
    """A stretch between walls (or the line's edges) with a letter that is
    not plain, two non-ASCII letters side by side and a Han letter."""
    any_ = _letters_with(0, walls)
    odd = _letters_with(_ODD, walls)
    high = _letters_with(_HIGH, walls)
    han = _letters_with(_HAN_PUA, walls)
    return re.compile(
        f"(?<!{any_})(?=(?:{any_})*?{odd})(?=(?:{any_})*?{high}{high})(?=(?:{any_})*?{han})(?:{any_})+"
    )


_UNREPAIRED_LETTER = re.compile(_letters_with(_UNREPAIRED, 0))
#: The letter of every ASCII character, and of no other: an ASCII character
#: round-trips as itself (no wall), is plain, no Han, no mark and not high;
#: every other character has the bit _HIGH. So a stretch's high letters are
#: its length less its count of this one (str.count, no list of matches).
_ASCII_LETTER = chr(0x100)


def _high_in(letters: str, a: int, b: int) -> int:
    """How many letters of ``letters[a:b]`` have the bit _HIGH."""
    return b - a - letters.count(_ASCII_LETTER, a, b)


@lru_cache(maxsize=8)
def _legacy_table(kind: Kind) -> _LegacyTable:
    return _LegacyTable(kind)


def legacy_stretches(line: str, kind: Kind) -> tuple[int, bool] | None:
    """For ``kind`` (Big5 read as GBK or GBK read as Big5): how many non-ASCII
    characters the stretches between walls of ``line`` that hold a
    character that is not plain, two non-ASCII characters side by side and
    a Han or private-use character take in together, and whether one holds
    a character of ``unrepaired_re`` (see above); None for another kind."""
    if kind.code not in ORIGIN or not per_char(kind):
        return None
    walls = _WALL
    if KANA.search(line) is None:
        walls |= _WALL_NO_KANA
    if not has_damage_mark(line):
        walls |= _WALL_NO_MARK
    letters = _letters(line, _legacy_table(kind))
    total = 0
    unrepaired = False
    for m in _stretch_re(walls).finditer(letters):
        a, b = m.span()
        total += _high_in(letters, a, b)
        unrepaired = unrepaired or _UNREPAIRED_LETTER.search(letters, a, b) is not None
    return total, unrepaired


# --- translating to letters at a plain dict's speed ------------------------------------
#
# ``str.translate`` with one of the tables above (dict subclasses that fill
# themselves through ``__missing__``) costs more than with a plain dict (21
# against 16 ms for the 430,000 characters of clean50's strict parts, five
# such translates a text). So each table has a plain copy of what it
# holds (``fast``: the same letters), and a text is translated with the
# copy. A character the copy lacks comes out of that translate as itself.
# Every letter of both alphabets is in LETTERS, and the copy holds every
# character of LETTERS (put in on first use), so a character left as
# itself is outside LETTERS, and one search of the output finds every one:
# those are filled into the table (as its __missing__ does), copied into
# ``fast``, and the text is translated again. The letters are those the
# table itself gives.

#: The range of every letter (U+0100 + an index of :func:`_alphabet`, or
#: U+0100 + the bits of a legacy letter: fewer than 256 either way).
_LETTER_RANGE = "".join(map(chr, range(0x100, 0x200)))
_NOT_A_LETTER = re.compile("[^\u0100-\u01ff]")


def _letters(text: str, table: _Table | _LegacyTable) -> str:
    """``text.translate(table)`` (see above, and below for ``bmp``)."""
    bmp = table.bmp
    if bmp is None and not BMP_BUDGET.cheap(len(text)):
        bmp = _bmp_of(table)
    if bmp:
        letters = text.translate(bmp)
        if _NOT_A_LETTER.search(letters) is None:
            return letters
        # characters past the BMP, left as they are: the table's own letters
        table.line = "".join(set(_NOT_A_LETTER.findall(letters)))
        return _NOT_A_LETTER.sub(lambda m: table[ord(m.group())], letters)
    fast = table.fast
    if fast is None:
        fast = table.fast = {}
        _fill_fast(table, _LETTER_RANGE)
    letters = text.translate(fast)
    if _NOT_A_LETTER.search(letters) is None:
        return letters
    _fill_fast(table, "".join(set(_NOT_A_LETTER.findall(letters))))
    return text.translate(fast)


def _fill_fast(table: _Table | _LegacyTable, chars: str) -> None:
    """Put ``chars`` into ``table`` (all at once) and into its copy."""
    fast = table.fast
    assert fast is not None
    table.line = chars
    for ch in chars:
        fast[ord(ch)] = table[ord(ch)]


# --- the letters of the BMP, computed ahead of time ------------------------------------
#
# A table fills itself some ten microseconds a character, and a big text
# brings thousands of new characters to each of the five tables (some
# 0.4 s of a process's one clean() of 50 MB of prose, against 0.1 s to
# translate). Every letter is a function of the character alone (its bytes
# in the kind's codecs, the package's own tables of characters and scores),
# so the letter of every character of the BMP is in a data file for each
# table (``data/screen_letters.gz``, written by
# ``scripts/build_screen_letters.py`` with :func:`bmp_letters_file`, which
# computes them with the tables themselves; the tests compute them again
# and compare). Once :data:`BMP_BUDGET` is spent (a text that big, or the
# texts of a process together), each table is translated with a list of the
# letters of its BMP, loaded on first use: a list indexed by code point is
# a ``str.translate`` table (a ``LookupError``, the ``IndexError`` past
# U+FFFF, leaves a character as it is) and a quicker one than a dict (30
# against 40 ns a character, no entry to make a new character). The few
# characters past the BMP left as they are get the table's own letters.

#: The tables in the data file, in its order.
BMP_TABLES = tuple(
    [f"utf8:{k.code}" for k in KINDS if screens(k)]
    + [f"legacy:{k.code}" for k in KINDS if k.code in ORIGIN and per_char(k)]
)
_BMP_FILE = "screen_letters.gz"
_BMP_MAGIC = "cleantext screen letters 2"
BMP = 0x10000


def _key_text(key: Key) -> str:
    """A letter's (steps, odd) in words that do not hang on set order."""
    steps, odd = key
    return ",".join(f"{s}{t}{int(c)}" for s, t, c in sorted(steps)) + ("+" if odd else "-")


def bmp_letters_file(unicode: Iterable[str] | None = None) -> bytes:
    """The data file's bytes before compression: a line of its name and
    version, a line of the Unicode versions of the Pythons whose letters
    they are (``unicode``; by default this one's: the letters hang on
    ``unicodedata`` and the codecs, which come with a Python's version, so
    a Python of another Unicode version does not use the file unless
    ``scripts/build_screen_letters.py`` found it gives the same letters),
    a line of the (steps, odd) of each letter of the UTF-8 tables'
    alphabet in the order of their numbers (so the file does not hang on
    how :func:`_alphabet` orders them), a line of the tables' names
    (:data:`BMP_TABLES`), then for each table the letter of every code
    point of the BMP, one byte each (the letter less U+0100), computed by a
    fresh table of this module (characters all at once: the tests show
    that a table gives the same letters filled one character at a time)."""
    ids = _alphabet()
    order = sorted(ids, key=ids.__getitem__)
    versions = " ".join(sorted((unicodedata.unidata_version,) if unicode is None else unicode))
    head = [_BMP_MAGIC, f"unicode {versions}".rstrip(), " ".join(map(_key_text, order))]
    out = ["\n".join([*head, " ".join(BMP_TABLES), ""]).encode()]
    every = "".join(map(chr, range(BMP)))
    for name in BMP_TABLES:
        side, code = name.split(":")
        kind = next(k for k in KINDS if k.code == code)
        table: _Table | _LegacyTable = _Table(kind) if side == "utf8" else _LegacyTable(kind)
        if isinstance(table, _Table):
            table._fill(every)
        else:
            table._fill(set(every))
        out.append(bytes(ord(table[cp]) - 0x100 for cp in range(BMP)))
    return b"".join(out)


@lru_cache(maxsize=1)
def _bmp_file() -> dict[str, bytes]:
    """The letters of the BMP of each table, from the data file (see
    :func:`read_bmp_letters`)."""
    return read_bmp_letters(gzip.decompress(read_data(_BMP_FILE)))


def read_bmp_letters(raw: bytes) -> dict[str, bytes]:
    """The letters of the BMP of each table of ``raw`` (the data file's
    bytes, see :func:`bmp_letters_file`) as bytes, a letter less U+0100 a
    code point, the UTF-8 tables' letters numbered as :func:`_alphabet`
    numbers them in this process; none if ``raw`` is not a file this
    module reads (another version, letters not found the same on this
    Python's Unicode version, an alphabet it does not have): then the
    tables fill themselves, as they would without it."""
    try:
        magic, unicode, alphabet, names, body = raw.split(b"\n", 4)
    except ValueError:
        return {}
    if unicodedata.unidata_version not in unicode.decode().split(" ")[1:]:
        return {}
    numbers = {_key_text(key): ord(letter) - 0x100 for key, letter in _alphabet().items()}
    keys = alphabet.decode().split(" ")
    tables = names.decode().split(" ")
    if (
        magic.decode() != _BMP_MAGIC
        or sorted(keys) != sorted(numbers)
        or len(body) != BMP * len(tables)
    ):
        return {}
    # the file's numbers of the UTF-8 letters to this process's
    renumber = bytes([numbers[k] for k in keys] + [0] * (256 - len(keys)))
    out = {}
    for i, name in enumerate(tables):
        data = body[i * BMP : (i + 1) * BMP]
        out[name] = data.translate(renumber) if name.startswith("utf8:") else data
    return out


#: Characters translated by tables that fill themselves before the letters
#: of the BMP are loaded (:func:`_bmp_file`: a few milliseconds, and half a
#: megabyte a table): a hook's small file fills the few characters it has.
BMP_BUDGET = Budget(65_536, _bmp_file)
#: Each letter's one ``str`` (a list of them is a table).
_LETTER_STRS = list(_LETTER_RANGE)


def _bmp_of(table: _Table | _LegacyTable) -> list[str]:
    """The list of the letters of the BMP for ``table`` (empty: no data)."""
    data = _bmp_file().get(table.name)
    table.bmp = [] if data is None else list(map(_LETTER_STRS.__getitem__, data))
    return table.bmp


# --- many lines at once -----------------------------------------------------------------
#
# The step asks about every window of its first pass (every suspect line of
# a text) before it looks at them one by one: the lines joined by a wall,
# one translate and one search (or one finditer) per kind, and the matches
# given back to their lines. A wall letter belongs to no class: no run and
# no stretch crosses it, so each line gets what it would get alone.

#: What joins the lines: a wall for every kind (GB18030 has four bytes for
#: it, the other codecs none), checked before it is used.
SEP = "\uffff"


def _joined(lines: list[str]) -> tuple[str, list[int]]:
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + len(SEP)
    return SEP.join(lines), starts


def may_repair_many(lines: list[str], kind: Kind, alone: bool = False) -> list[bool]:
    """:func:`may_repair` of each of ``lines``."""
    if not screens(kind):
        return [True] * len(lines)
    table = _table(kind)
    if steps_of(table.encode(SEP)):  # pragma: no cover - SEP is a wall
        return [may_repair(line, kind, alone) for line in lines]
    out = [True] * len(lines)
    idx = [i for i, line in enumerate(lines) if not (kind.wrong == GB and "\ufffd" in line)]
    joined, starts = _joined([lines[i] for i in idx])
    letters = _letters(joined, table)
    found = [False] * len(idx)
    rx = _regex()
    pos = 0
    while True:
        m = rx.search(letters, pos)
        if m is None:
            break
        k = bisect_right(starts, m.start()) - 1
        found[k] = True
        if k + 1 == len(starts):
            break
        pos = starts[k + 1]
    for k, i in enumerate(idx):
        # (judged alone, the lines with a run are asked again one by one)
        out[i] = found[k] and (not alone or may_repair(lines[i], kind, alone))
    return out


#: The lines last grouped by :func:`_wall_groups`, and their groups.
_LAST_GROUPS: list[tuple[tuple[str, ...], dict[int, list[int]]]] = []


def forget_groups() -> None:
    """Let go of :func:`_wall_groups`' memo (the lines of the last
    :func:`cleantext.cjkmojibake.prove_many`, as a tuple: half a megabyte
    on 10 MB of Chinese), asked only within that call."""
    _LAST_GROUPS.clear()


def let_go() -> None:
    """Let go of the tables of letters (each holds a list of the BMP's
    letters, half a megabyte) and of the file of those letters. Pure
    functions of the kinds and the data file: the tables made again on the
    next use translate alike (a few milliseconds)."""
    _table.cache_clear()
    _legacy_table.cache_clear()
    _bmp_file.cache_clear()


def _wall_groups(lines: list[str]) -> dict[int, list[int]]:
    """The indexes of ``lines`` by the walls :func:`legacy_stretches` puts
    in each (kana or none, a mark of damage or none): the same for both
    legacy kinds, so the lines the two ask about in turn are grouped once."""
    key = tuple(lines)
    if _LAST_GROUPS and _LAST_GROUPS[0][0] == key:
        return _LAST_GROUPS[0][1]
    groups: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        walls = _WALL
        if KANA.search(line) is None:
            walls |= _WALL_NO_KANA
        if not has_damage_mark(line):
            walls |= _WALL_NO_MARK
        groups.setdefault(walls, []).append(i)
    _LAST_GROUPS[:] = [(key, groups)]
    return groups


def legacy_stretches_many(lines: list[str], kind: Kind) -> list[tuple[int, bool]] | None:
    """:func:`legacy_stretches` of each of ``lines``."""
    if kind.code not in ORIGIN or not per_char(kind):
        return None
    table = _legacy_table(kind)
    table.line = SEP
    if not ord(table[ord(SEP)]) - 0x100 & _WALL:  # pragma: no cover - SEP is a wall
        return [legacy_stretches(line, kind) or (0, False) for line in lines]
    groups = _wall_groups(lines)
    out = [(0, False)] * len(lines)
    for walls, idx in groups.items():
        joined, starts = _joined([lines[i] for i in idx])
        letters = _letters(joined, table)
        totals = [0] * len(idx)
        unrepaired = [False] * len(idx)
        for m in _stretch_re(walls).finditer(letters):
            a, b = m.span()
            k = bisect_right(starts, a) - 1
            totals[k] += _high_in(letters, a, b)
            if not unrepaired[k]:
                unrepaired[k] = _UNREPAIRED_LETTER.search(letters, a, b) is not None
        for k, i in enumerate(idx):
            out[i] = (totals[k], unrepaired[k])
    return out
