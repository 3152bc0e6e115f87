"""Repair decisions: which runs of units a line's repair takes, judged by
plausibility, and the thresholds for a span judged alone, in a text where
the kind was seen, or in a text established as damaged.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, repeat

from ..textutil import HAN_CLASS, Budget, changed_span, splice
from ..textutil import is_han as _is_han
from . import screen
from .precheck import (
    KANA,
    MIXED_SPAN,
    ODD_EXTEND,
    ORIGIN,
    char_class,
    cjk_char,
    cjk_or_punct,
    common_chars,
    damage_marks,
    foreign_re,
    has_damage_mark,
    is_kana,
    legacy_text,
    longest_high_run,
    mixed_scripts,
    plain_chars,
    suspect_re_for,
    unrepaired_chars,
)
from .roundtrip import (
    BOM_CODE,
    GB,
    KINDS,
    LATIN,
    PARSERS,
    UTF8,
    Kind,
    Unit,
    char_table,
    encode_all,
    encoder,
    line_units,
    per_char,
    prime_encoder,
    utf8_coverage,
)
from .screen import legacy_stretches, may_repair

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
    #: the damaged text must hold a mark of damage (see :func:`has_damage_mark`)
    need_mark: bool = False
    #: characters the original codec cannot encode count as marks of damage
    #: and as odd (see :func:`foreign_re`): for a text known to have come
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
DOCUMENT = replace(RELAXED, foreign=True)

#: A repair in a later layer (text damaged twice) needs this much gain.
LATER_LAYER_GAIN = 12.0
#: How many layers of mojibake one call undoes at most.
MAX_LAYERS = 3


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


def _odd_short_repair(original: str, replacement: str) -> bool:
    """Readings a short repair judged alone must not give: an ASCII letter
    out of a Han character's bytes ('蛟鰐' is not '倘k'), and a combining
    mark out of none ('閲徧綬' is not '量̾R')."""
    if sum(map(str.isascii, replacement)) > sum(map(str.isascii, original)):
        return True
    return any(unicodedata.category(c) == "Mn" for c in replacement) and not any(
        unicodedata.category(c) == "Mn" for c in original
    )


def _repeat(original: str) -> bool:
    """One character repeated: writing, not damage, for a repair judged
    alone, however long the line ('恁恁恁' is not '选选选', five times in
    a line of a qu)."""
    body = original.strip()
    return len(body) > 1 and len(set(body)) == 1


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
        if g is None or g < (ODD_EXTEND if odd(a - 1) else th.extend):
            break
        a -= 1
        total += g
    while b < hi:
        g = extend(b, a, b, False)
        if g is None or g < (ODD_EXTEND if odd(b) else th.extend):
            break
        total += g
        b += 1
    return a, b, total


_Run = tuple[int, int, float]


@dataclass
class _Units:
    """A line cut into the units of one kind, scored as if every unit were
    repaired at once: what :func:`_candidates` searches for runs to repair.

    ``deltas[k]`` is what repairing unit ``k`` gains in that line (``None``
    for a unit that does not round-trip: a barrier no run crosses);
    ``spans[k]`` are its columns there, ``cand_scores`` its characters'
    scores. ``foreign`` matches characters the kind's original codec cannot
    hold (with :attr:`Thresholds.foreign` only), ``plain`` the code points of
    ordinary Chinese text.
    """

    line: str
    kind: Kind
    units: list[Unit]
    spans: list[tuple[int, int]]
    cand_scores: list[float]
    deltas: list[float | None]
    plain: frozenset[int]
    foreign: re.Pattern[str] | None

    def text(self, k: int) -> str:
        """Unit ``k`` as the line has it (damaged)."""
        u = self.units[k]
        return self.line[u.start : u.end]

    def unchanged(self, k: int) -> bool:
        """The repair leaves unit ``k`` as it is (ASCII, say)."""
        return self.units[k].rep == self.text(k)

    def extend(self, k: int, a: int, b: int, left: bool) -> float | None:
        """What taking unit ``k`` into the run ``[a, b)`` gains, judged with
        three characters of context on either side, or ``None`` if it
        cannot join (see :func:`_best_runs`)."""
        from ..plausibility import logprob

        u, units, line = self.units[k], self.units, self.line
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

    def odd(self, k: int) -> bool:
        """The unit's damaged text has nothing ordinary Chinese text has."""
        seg = self.text(k)
        if self.foreign is not None and self.foreign.search(seg):
            return True
        return all(ord(c) not in self.plain for c in seg)

    def new_kana(self, k: int) -> bool:
        """Repairing unit ``k`` makes kana out of GBK/Big5 bytes of text
        that had none: Chinese text read into Japanese."""
        rep = self.units[k].rep or ""
        return (
            self.kind.right != UTF8
            and KANA.search(rep) is not None
            and KANA.search(self.text(k)) is None
        )


#: The last line scored with every unit repaired, and its scores: the proof
#: of :func:`_best_gain` scores it, and when it cannot rule the kind out,
#: :func:`_scored_units` needs the same scores.
_LAST_CAND: list[tuple[str, list[float]]] = []


def _cand_scores(cand: str) -> list[float]:
    from ..plausibility import char_scores

    if _LAST_CAND and _LAST_CAND[0][0] == cand:
        return _LAST_CAND[0][1]
    scores = char_scores(cand)
    _LAST_CAND[:] = [(cand, scores)]
    return scores


def _scored_units(line: str, kind: Kind, orig_scores: list[float], th: Thresholds) -> _Units | None:
    """``line`` cut into units of ``kind`` and scored (see :class:`_Units`),
    or None when no unit would change."""
    if per_char(kind):
        chars = set(line)
        tables = _tables(chars, kind)
        if not tables.multi or tables.multi.isdisjoint(chars):
            return _scored_chars(line, kind, orig_scores, th, tables, chars)
    units = line_units(line, kind)
    if not any(u.rep is not None and u.rep != line[u.start : u.end] for u in units):
        return None
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
    cand_scores = _cand_scores(cand)
    deltas: list[float | None] = []
    for u, (a, b) in zip(units, spans):
        if u.rep is None:
            deltas.append(None)
        else:
            deltas.append(sum(cand_scores[a:b]) - sum(orig_scores[u.start : u.end]))
    foreign = foreign_re(kind.code) if th.foreign else None
    return _Units(line, kind, units, spans, cand_scores, deltas, plain_chars(), foreign)


def _scored_chars(
    line: str,
    kind: Kind,
    orig_scores: list[float],
    th: Thresholds,
    t: _KindTables,
    chars: set[str],
) -> _Units | None:
    """:func:`_scored_units` for a kind of one character per unit whose
    characters in ``line`` each repair to one character or to None (no
    character of ``t.multi``), at C speed: the loops of the general form
    give the same numbers. Unit ``k`` is character ``k`` and its span in
    the repaired line is ``(k, k + 1)`` (every piece one character); the
    repaired line is ``line.translate(t.repaired)`` (a character that does
    not round-trip, or repairs to itself, stays); no unit changes exactly
    when that is ``line`` itself. A delta was ``sum`` of one score less
    ``sum`` of one: the scores themselves (a sum of one number adds it to
    the int 0, which only turns -0.0 into 0.0, and _costs gives no -0.0:
    its costs are sums of non-zero constants, and an exact zero of a sum
    comes out +0.0); None at a barrier."""
    cand = line.translate(t.repaired)
    if cand == line:
        return None
    units = line_units(line, kind)
    n = len(line)
    spans = list(zip(range(n), range(1, n + 1)))
    cand_scores = _cand_scores(cand)
    deltas: list[float | None] = list(map(operator.sub, cand_scores, orig_scores))
    if t.wall_set and not chars.isdisjoint(t.wall_set):
        walls = t.wall_set
        deltas = [None if ch in walls else d for ch, d in zip(line, deltas)]
    foreign = foreign_re(kind.code) if th.foreign else None
    return _Units(line, kind, units, spans, cand_scores, deltas, plain_chars(), foreign)


def _trim_clean_edges(su: _Units, runs: list[_Run]) -> list[_Run]:
    """The runs less the clean units at their edges.

    The deltas were scored with every unit repaired, so a clean character
    next to the damage was judged among garbage: an edge unit of plain
    text that loses once its real neighbours are there is not damage. Kana
    made from GBK/Big5 bytes of plain text is such a neighbour too.
    """
    trimmed: list[_Run] = []
    for a, b, gain in runs:
        while b - a > 1 and not su.odd(b - 1):
            g = su.extend(b - 1, a, b - 1, False)
            if not su.new_kana(b - 1) and (g is None or g >= 0.0):
                break
            b -= 1
        while b - a > 1 and not su.odd(a):
            g = su.extend(a, a + 1, b, True)
            if not su.new_kana(a) and (g is None or g >= 0.0):
                break
            a += 1
        trimmed.append((a, b, gain))
    return trimmed


def _odd_blocks(su: _Units, runs: list[_Run], th: Thresholds, floor: float) -> list[_Run]:
    """Blocks of units outside ``runs`` that are mostly odd characters.

    In a text known to have this damage, such a block (a name that came out
    as kana) is repaired even without a gain of its own, unless that costs
    more than ``floor``.
    """
    units, deltas, line, foreign = su.units, su.deltas, su.line, su.foreign
    taken = [False] * len(units)
    for a, b, _ in runs:
        for k in range(a, b):
            taken[k] = True
    found: list[_Run] = []
    k = 0
    while k < len(units):
        if deltas[k] is None or taken[k] or su.unchanged(k):
            k += 1
            continue
        j = k
        while j < len(units) and deltas[j] is not None and not taken[j] and not su.unchanged(j):
            j += 1
        # (rare Han characters do not count: '皎皎' is a word)
        n_odd = sum(
            1
            for m in range(k, j)
            if su.odd(m)
            and (
                not any(_is_han(c) for c in su.text(m))
                or (
                    foreign is not None
                    and foreign.search(line, units[m].start, units[m].end) is not None
                )
            )
        )
        total = sum(d for d in deltas[k:j] if d is not None)
        if n_odd * 2 >= j - k and total >= floor:
            found.append((k, j, max(total, th.min_gain)))
        k = j
    return found


def _trim_unchanged(su: _Units, runs: list[_Run]) -> list[_Run]:
    """The runs less the units at their ends that the repair leaves as they
    were (ASCII; a byte order mark stays in); runs left empty go."""
    units = su.units
    out: list[_Run] = []
    for a, b, gain in runs:
        while a < b and su.unchanged(a) and not units[a].bom:
            a += 1
        while b > a and su.unchanged(b - 1) and not units[b - 1].bom:
            b -= 1
        if a < b:
            out.append((a, b, gain))
    return out


def _candidates(
    line: str, kind: Kind, orig_scores: list[float], th: Thresholds = STRICT
) -> list[Repair]:
    """The repairs of ``line`` by ``kind`` that the thresholds ``th`` accept:
    the best runs of units (:func:`_best_runs`), trimmed of clean edges,
    each judged by :func:`_judge`."""
    su = _scored_units(line, kind, orig_scores, th)
    if su is None:
        return []
    runs: list[_Run] = []
    _best_runs(su.deltas, 0, len(su.units), runs, su.extend, th, su.odd)
    runs = _trim_clean_edges(su, runs)
    if th.odd_floor is not None:
        runs += _odd_blocks(su, runs, th, th.odd_floor)
    runs = _trim_unchanged(su, runs)
    units = su.units
    line_high = sum(1 for c in line if ord(c) > 0x7F)
    # how much of the line the runs take in together (a line of damage may
    # come out as a few runs, cut by punctuation)
    run_total = sum(
        1 for a, b, _ in runs for c in line[units[a].start : units[b - 1].end] if ord(c) > 0x7F
    )
    while True:
        judged = (_judge(su, a, b, gain, th, run_total, line_high) for a, b, gain in runs)
        out = [r for r in judged if r is not None]
        # A run turned down is not damage, so it is no evidence that the
        # line is damaged either: judged again with only the runs kept
        # counted ('鳶跕跕瘴煙' turned down does not make '渠儂伎' part of a
        # damaged line).
        kept = sum(1 for r in out for c in r.original if ord(c) > 0x7F)
        if not out or kept >= run_total:
            return out
        run_total = kept


def _damage_in_place(line: str, start: int, end: int, replacement: str) -> bool:
    """Whether ``replacement`` put in place of ``line[start:end]`` has a
    character that is damage itself next to the text around it as it stays.

    The candidate scores judge a run beside the other units' readings, which
    a neighbour turned down does not get: '仜' read from '\\x81›' after
    '”A' (itself read as '擜') passed, after 'A' it is damage, so a second
    run, given the '”' that the entities step wrote, repaired what the first
    left ('?rdquo;A\\x81›¨€views 12Ã©').
    """
    from ..plausibility import char_scores

    c0 = max(0, start - _CONTEXT)
    scores = char_scores(line[c0:start] + replacement + line[end : end + _CONTEXT])
    here = scores[start - c0 : start - c0 + len(replacement)]
    return any(s <= _DAMAGE_COST and c != "\ufffd" for s, c in zip(here, replacement))


#: An ideographic description character (U+2FF0-U+2FFF) not followed by a
#: component: an ideograph, a radical or another description character.
_BROKEN_IDS = re.compile(
    "[\u2ff0-\u2fff](?![\u2e80-\u2fff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff])"
)


def _broken_description(replacement: str) -> bool:
    """Whether ``replacement`` holds an ideographic description character
    that describes nothing. Text has them only to spell a character's
    shape ('⿰亻尔'), so one before a comma or a letter is a wrong reading:
    GBK has them (A9 8A-95), and German quotes read as GBK gave
    '„Ã©“' -> '劽⿹' in the Debian handbook.

    >>> _broken_description("⿰亻尔"), _broken_description("劽⿹, 劽")
    (False, True)
    """
    return _BROKEN_IDS.search(replacement) is not None


def _changed(su: _Units, k: int) -> bool:
    """Whether unit ``k`` (if any) reads differently as a candidate."""
    if not 0 <= k < len(su.units):
        return False
    u = su.units[k]
    return u.rep != su.line[u.start : u.end]


#: Characters of context either side for :func:`_damage_in_place`.
_CONTEXT = 8


def _judge(
    su: _Units, a: int, b: int, gain: float, th: Thresholds, run_total: int, line_high: int
) -> Repair | None:
    """The repair of units ``[a, b)`` if the thresholds ``th`` accept it,
    else None. ``run_total`` is how many non-ASCII characters all the runs
    of the line take in, ``line_high`` how many the line has."""
    from ..plausibility import score

    line, kind, units, foreign = su.line, su.kind, su.units, su.foreign
    start, end = units[a].start, units[b - 1].end
    original = line[start:end]
    replacement = "".join(u.rep or "" for u in units[a:b])
    damaged = sum(1 for c in original if ord(c) > 0x7F)
    has_bom = any(u.bom for u in units[a:b])
    if damaged < th.min_damaged and not has_bom:
        return None
    if th.alone and 2 * run_total < line_high and not has_damage_mark(original):
        # The runs take in less than half of the line: a line mostly clean,
        # where a run with no mark of damage is a few characters of its own,
        # judged by its own size (the tests below that ask how many the
        # runs take in). A long line of characters (a conversion table's
        # 3,000 Han in one line) has such runs here and there that add up
        # ('诮窍丘丘秋秋' is not Big5 read as GBK of '睍ж⑧⑧⑦⑦', nor '髣鵬'
        # UTF-8 read as Shift_JIS of '闖Q'); '涓�' twice in a line has a mark.
        run_total = damaged
    if gain < th.min_gain_per_char * damaged:
        return None
    if kind.wrong == LATIN:
        # Latin-1 letters are what UTF-8 mojibake of European text is
        # made of too ('HÃ´tel' is also GBK for 'H么tel'): leave to ftfy
        # anything short or whose bytes read as UTF-8.
        # (U+FFFD counts as the continuation byte it probably replaced)
        c0 = max(0, start - 6)
        before = encode_all(line[c0:start].replace("\ufffd", "\x80"), kind.wrong)
        span = encode_all(original.replace("\ufffd", "\x80"), kind.wrong)
        after_ = encode_all(line[end : end + 6].replace("\ufffd", "\x80"), kind.wrong)
        cov = utf8_coverage(before + span + after_, len(before), len(before) + len(span))
        if longest_high_run(original) < th.min_latin_run or (cov >= 0.8 and not th.utf8_ok):
            return None
        if _european(line):
            return None
        if cov >= 0.8 and _latin_words(line, start, end, kind):
            # Even in a text known to hold this damage, bytes that read as
            # UTF-8 of accented letters inside ASCII words are European
            # mojibake, ftfy's ('BÃ¼yÃ¼' is 'Büyü', not GBK 'B眉y眉')
            return None
    elif (
        not any(
            _is_han(c) or "\ue000" <= c <= "\uf8ff" or (th.foreign and is_kana(c)) for c in original
        )
        or longest_high_run(original) < th.min_damaged
    ):
        # text decoded with a CJK codec has Han (or user-defined) characters in it
        return None
    known = replacement.replace("\ufffd", "")  # less the characters that were lost
    if known and not (cjk_char if not th.punct_ok else cjk_or_punct)().search(known):
        return None  # the kinds here all repair CJK text
    if not known and replacement and not th.punct_ok:
        return None  # the kinds here all repair CJK text
    marked = foreign is not None and foreign.search(original) is not None
    if all(ord(c) in su.plain for c in original) and not marked:
        return None  # damage always has something odd in it
    if th.need_mark and not marked and not has_damage_mark(original):
        return None  # less evidence: then a clear mark of damage is needed
    unmarked = MIN_UNMARKED + (1 if kind.code in ORIGIN else 0)
    if (
        th.alone
        and run_total < unmarked
        and (run_total < line_high or kind.code in ORIGIN)
        and not unrepaired_chars(original)
    ):
        # a few characters with nothing odd about them are words of a
        # rarer register (皎皎, 泬寥, 雁嚶嚶, 许敖敖 in verse and names;
        # '梪●' in a classic, ● marking a lost character), not damage,
        # however much likelier the round trip reads
        return None
    common = common_chars()
    if (
        th.alone
        and not has_damage_mark(original)
        and any(not _is_han(c) and ord(c) not in common and c != "\ufffd" for c in replacement)
    ):
        # Chinese text with nothing odd in it, judged on its own, is
        # not "repaired" into scripts no Chinese page mixes in ('岷峨，'
        # is not UTF-8 read as GBK of 'Ặ룬')
        return None
    if not th.need_mark and run_total < MIXED_SPAN and mixed_scripts(replacement):
        # a short repair into letters of two scripts at once is a wrong
        # reading ('褰幌納' is not UTF-8 read as GBK of '彻ϼ{')
        return None
    if th.alone and run_total < MIXED_SPAN and _odd_short_repair(original, replacement):
        return None
    if th.alone and _repeat(original):
        return None
    if th.alone and kind.code in ORIGIN and run_total < LEGACY_SPAN and 2 * run_total < line_high:
        # a few characters of a longer clean line: a whole page read
        # with the wrong legacy codec damages whole lines ('萋萋麥隴'
        # in a line of verse is not GBK read as Big5 of '抵抵沉明')
        return None
    if th.alone and kind.code in ORIGIN and not legacy_text(replacement, kind.code):
        # judged on its own, a repair into the other legacy codec must
        # give the text that codec's pages hold: common Han characters
        # of it, mostly ('床Ⅱ—Ⅲ' is not GBK read as Big5 of '散ｊ〞ｋ')
        return None
    if kind.right != UTF8 and KANA.search(replacement) and not KANA.search(original):
        return None  # kana from GBK/Big5 bytes: Chinese text read into Japanese
    rep_scores = su.cand_scores[su.spans[a][0] : su.spans[b - 1][1]]
    if any(s <= _DAMAGE_COST and c != "\ufffd" for s, c in zip(rep_scores, replacement)):
        return None
    if _broken_description(replacement):
        return None
    if (_changed(su, a - 1) or _changed(su, b)) and _damage_in_place(line, start, end, replacement):
        return None
    if replacement.count("\ufffd") > original.count("\ufffd"):
        return None
    after = score(known) if known.strip() else 0.0
    if known.strip() and after < th.min_score:
        return None
    return Repair(
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


_LATIN_PAIR = re.compile(
    "[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}"
)
#: Every character that sloppy Latin-1 encodes and that is not ASCII
#: (Latin-1's upper half and cp1252's characters for 0x80-0x9F; and U+201B,
#: which its range of quotes takes in): the class of :data:`_LATIN_PAIR`.
_LATIN_HIGH = _LATIN_PAIR.pattern[: -len("{2}")]


@lru_cache(maxsize=4)
def _latin_run(n: int) -> re.Pattern[str]:
    """``n`` characters of :data:`_LATIN_HIGH` in a row."""
    return re.compile(f"{_LATIN_HIGH}{{{n}}}")


#: A letter no sloppy Latin-1 decode gives (Latin Extended-A and -B less
#: cp1252's Œ œ Š š Ÿ Ž ž ƒ), or a Latin-1 letter ending an ASCII word,
#: before a space, a digit, punctuation of ASCII or the line's end (``é``
#: in ``takové``): no byte of those is the second of a GBK, Big5 or UTF-8
#: pair, so the letter is no first half read alone.
_EUROPEAN = re.compile(
    "[\u0100-\u0151\u0154-\u015f\u0162-\u0177\u0179-\u017c\u017f-\u0191\u0193-\u024f]"
    "|(?<=[A-Za-z])[\xc0-\xff](?=[\x00-\x3f]|$)"
)


def _european(line: str) -> bool:
    """Whether ``line`` is European text written right, not CJK bytes read as
    Latin-1: it holds a letter such a decode cannot give, or an accented
    letter alone at the end of an ASCII word (:data:`_EUROPEAN`). A line
    decoded as Latin-1 was decoded whole, and the GBK, Big5 or UTF-8 bytes
    of CJK text give runs of two high characters or more; so its runs of
    accented letters are words (Czech ``snášíš``, whose ``ášíš`` reads as
    GBK ``釟須``, in a line with ``takové`` or ``proč``).

    >>> _european('proč ho snášíš?'), _european('takové utrpení, snášíš')
    (True, True)
    >>> _european("ÖÐÎÄ ÍøÕ¾ abc"), _european("iPhoneÊÖ»ú 2")
    (False, False)
    """
    return _EUROPEAN.search(line) is not None


_LATIN_LETTERS = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
_HIGH_RUN = re.compile("[^\x00-\x7f]+")


def _latin_words(line: str, start: int, end: int, kind: Kind) -> bool:
    """Whether ``line[start:end]`` is UTF-8 of accented Latin letters inside
    ASCII words, read as Latin-1: four in five of its runs of non-ASCII
    characters, encoded back, read as UTF-8 of Latin letters alone and
    touch an ASCII letter or are a word of one letter ('BÃ¼yÃ¼', 'signe Ã\xa0
    s'Ã©loigner'). GBK of Chinese read
    so gives other letters (``什么``: ``Ê²Ã´``, UTF-8 ``ʲô``) or stands
    among Han and punctuation.

    >>> k = KINDS[[x.code for x in KINDS].index("mojibake-gbk-as-latin1")]
    >>> _latin_words("BÃ¼yÃ¼", 1, 6, k), _latin_words("说Ê²Ã´呀", 1, 5, k)
    (True, False)
    """
    runs = latin = 0
    for m in _HIGH_RUN.finditer(line, start, end):
        runs += 1
        try:
            text = encode_all(m.group(), kind.wrong).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if _LATIN_LETTERS.fullmatch(text) is None:
            continue
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end()] if m.end() < len(line) else " "
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            latin += 1
        elif len(text) == 1 and before in _WORD_EDGE and after in _WORD_EDGE:
            latin += 1  # a word of one letter (French 'à', Portuguese 'é')
    return runs > 0 and 5 * latin >= 4 * runs


_WORD_EDGE = frozenset(" \t\xa0,.;:!?'\"()")


_TWO_UTF8 = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}){2}"
)


def _may_apply(line: str, kind: Kind) -> bool:
    """A cheap necessary condition for ``kind`` to repair anything in ``line``."""
    if kind.wrong == LATIN:
        return _LATIN_PAIR.search(line) is not None
    if kind.right == UTF8:
        # two UTF-8 characters in a row somewhere in the bytes
        if "\ufffd" in line or "\u9518" in line:
            return True
        data = line.encode(kind.wrong[-1], errors="ignore")
        return _TWO_UTF8.search(data) is not None
    return True


# --- proofs that a kind repairs nothing in a line -----------------------------
#
# Most lines the pre-check sends here are clean text with a rare word in it
# (橄榄, 貂蝉, a name), and every kind found nothing in them after cutting
# them into units and searching the scored units (about 2 ms a line). Two
# necessary conditions of a repair are checked first, for a fraction of
# that: a kind that fails one is not tried, which changes no result
# (tests/test_mojibake.py compares with the full search on every line).


@lru_cache(maxsize=1)
def _odd_re() -> re.Pattern[str]:
    """A character that is not plain (see :func:`plain_chars`): every
    repair's damaged text has one (:func:`_judge`)."""
    return re.compile(f"[^{char_class(sorted(plain_chars()))}]")


@lru_cache(maxsize=1)
def _plain_strs() -> frozenset[str]:
    return frozenset(map(chr, plain_chars()))


#: Characters of lines :func:`_odd_at` looks at without :func:`_odd_re`
#: (a class of 4,400 code points, some 8 ms to build) before it builds it:
#: a process that looks at a few lines never pays for it, one that looks at
#: more pays at most about twice what the regex would have cost.
ODD_BUDGET = 131_072
_odd_budget = Budget(ODD_BUDGET, _odd_re)


def _odd_at(line: str, chars: set[str]) -> list[int]:
    """Where ``line`` (of characters ``chars``) has a character that is not
    plain: what :func:`_odd_re` finds, or, before it is built and while
    :data:`ODD_BUDGET` lasts, those of the line's characters that are not
    plain looked up one by one (none: nothing looked up)."""
    if _odd_budget.cheap(len(line)):
        odd = chars.difference(_plain_strs())
        return [k for k, ch in enumerate(line) if ch in odd] if odd else []
    return [m.start() for m in _odd_re().finditer(line)]


_HIGH_PAIR = re.compile("[^\x00-\x7f]{2}")
_UTF8_RUN = re.compile(b"(?:" + PARSERS[UTF8].pattern + b")+")
#: A byte no UTF-8 sequence has: what a character the wrong codec cannot
#: encode becomes, so that no run of UTF-8 crosses it.
_NO_UTF8 = b"\xff"


@dataclass
class _KindTables:
    """What the proofs know of each character seen so far, for one kind:
    its bytes in the wrong codec (:data:`_NO_UTF8` if it has none), and for
    a kind of one character per unit its repaired character (``repaired``,
    for ``str.translate``: the character itself where it stays), whether it is a barrier (``walls``: -inf, so
    that no sum of gains crosses it) or repairs to other than one character
    (``multi``)."""

    seen: set[str] = field(default_factory=set)
    data: dict[str, bytes] = field(default_factory=dict)
    repaired: dict[int, str] = field(default_factory=dict)
    walls: dict[str, float] = field(default_factory=dict)
    wall_set: set[str] = field(default_factory=set)
    multi: set[str] = field(default_factory=set)
    #: for a kind of one character per unit: the most the repair can gain
    #: at each character (see :func:`_gain_bound`)
    gain: dict[str, float] = field(default_factory=dict)
    #: ... and the lowest score of each character (``score_bounds``), for
    #: the second look of :func:`_gain_bound`
    low: dict[str, float] = field(default_factory=dict)
    #: ... and for ``str.translate``, what the repair does to each character
    #: (see :func:`_exact_mask`): "c" changes it, "u" leaves it and its
    #: score is read from it and the two characters before it alone, "k"
    #: leaves it (a barrier, a character of several, a Hangul syllable);
    #: "n" is the line break between lines bounded at once
    flags: dict[int, str] = field(default_factory=lambda: {ord("\n"): "n"})

    def add(self, chars: set[str], kind: Kind) -> None:
        new = chars.difference(self.seen)
        if not new:
            return
        if per_char(kind):
            # (the bytes are for _no_utf8_run, which no such kind asks)
            from ..plausibility import run_scored, score_bounds_of

            # (the set itself, not its characters joined: the tables of
            # roundtrip key their entries with these very strings, where a
            # string cut again from a join is a new 76 bytes a character)
            table = char_table(new, kind)
            reps = {ch: table[ch][0] for ch in new}
            bounds = score_bounds_of(new.union(r for r in reps.values() if r))
            self.low.update((ch, bounds[ch][1]) for ch in new)
            for ch, rep in reps.items():
                cp = ord(ch)  # (one int for both tables' keys)
                # (a character that stays is in ``repaired`` too: translate
                # looks up every character, and a miss costs more than a hit)
                if rep is None:
                    self.walls[ch] = self.gain[ch] = float("-inf")
                    self.wall_set.add(ch)
                    self.repaired[cp] = ch
                elif len(rep) != 1:
                    self.multi.add(ch)
                    self.gain[ch] = float("inf")
                    self.repaired[cp] = ch
                else:
                    self.repaired[cp] = rep
                    self.gain[ch] = bounds[rep][0] - bounds[ch][1]
                if ch == "\n":
                    continue  # (its flag is "n")
                if rep is not None and len(rep) == 1 and rep != ch:
                    self.flags[cp] = "c"
                elif rep is None or len(rep) != 1 or run_scored(ch):
                    self.flags[cp] = "k"  # (translate leaves it; no exact 0.0)
                else:
                    self.flags[cp] = "u"
        else:
            prime_encoder(new, kind.wrong)  # (at C speed, then looked up)
            enc = encoder(kind.wrong)
            for ch in new:
                self.data[ch] = enc(ch) or _NO_UTF8
        self.seen |= new


_TABLES: dict[str, _KindTables] = {}


def _tables(chars: set[str], kind: Kind) -> _KindTables:
    t = _TABLES.get(kind.code)
    if t is None:
        t = _TABLES[kind.code] = _KindTables()
    t.add(chars, kind)
    return t


def _no_utf8_run(line: str, kind: Kind, chars: set[str]) -> bool:
    """Whether no run of UTF-8 in the bytes of ``line`` encoded with
    ``kind.wrong`` (one character at a time, as :func:`line_units` does)
    holds a whole character that is not plain and two non-ASCII characters
    side by side: then no repair by ``kind`` (decoded as UTF-8) passes
    :func:`_judge`, whatever the scores.

    The units of a repair are whole characters whose bytes are complete
    UTF-8 characters; UTF-8 synchronises on its lead bytes, so the bytes of
    consecutive valid units lie inside one match of :data:`_UTF8_RUN`, found
    without knowing where the units start.
    """
    odd = _odd_at(line, chars)
    if not odd:
        return True
    data_of = _tables(chars, kind).data
    if kind.wrong == GB and "\ufffd" in chars:  # as line_units: U+FFFD was 0x80
        data_of = {**data_of, "\ufffd": b"\x80"}
    chunks = list(map(data_of.__getitem__, line))
    data = b"".join(chunks)
    offsets = [0, *accumulate(map(len, chunks))]
    n = len(line)
    # First only the bytes near each odd character: a run that reaches the
    # edge of that stretch may go on past it, and then the whole line is
    # searched (the runs of clean text are short).
    near = _NEAR_ODD
    for k in odd:
        lo_c, hi_c = max(0, k - near), min(n, k + near + 1)
        lo, hi = offsets[lo_c], offsets[hi_c]
        for m in _UTF8_RUN.finditer(data, lo, hi):
            a, b = m.span()
            if b <= offsets[k]:
                continue
            if a >= offsets[k + 1]:
                break
            if (lo_c and a < lo + 4) or (hi_c < n and b > hi - 4):
                return _no_run_in(line, odd, data, offsets)
            if _run_repairs(line, odd, offsets, a, b):
                return False
    return True


#: How many characters on either side of an odd character are searched
#: first for the run of UTF-8 it is in (see :func:`_no_utf8_run`).
_NEAR_ODD = 8


def _run_repairs(line: str, odd: list[int], offsets: list[int], a: int, b: int) -> bool:
    """Whether the whole characters of ``line`` inside the bytes ``[a, b)``
    (``offsets`` of each character) hold an odd one and two non-ASCII ones
    side by side."""
    i = bisect_left(offsets, a)
    j = bisect_right(offsets, b) - 1
    return j - i >= 2 and any(i <= k < j for k in odd) and _HIGH_PAIR.search(line, i, j) is not None


def _no_run_in(line: str, odd: list[int], data: bytes, offsets: list[int]) -> bool:
    """:func:`_no_utf8_run` on every run of the line's bytes."""
    return not any(_run_repairs(line, odd, offsets, *m.span()) for m in _UTF8_RUN.finditer(data))


def _best_gain(
    line: str,
    kind: Kind,
    chars: set[str],
    scores: Callable[[], list[float]],
    floor: float = float("inf"),
) -> float | None:
    """The total of the best run of units of ``line`` for a kind of one
    character per unit (see ``_PER_CHAR`` in :mod:`.roundtrip`), as the
    first search of :func:`_best_runs` finds it, or None if a character
    repairs to other than one character; below ``floor``, a bound of it
    may come back instead (a number at least as high, and below ``floor``
    too: the same answer to "is it below ``floor``").

    ``scores`` gives :func:`~cleantext.plausibility.char_scores` of ``line``.
    The line with every unit repaired is a ``str.translate``, scored as
    :func:`_scored_units` scores it, and the gains are the same numbers
    (a barrier, a unit that does not round-trip, is -inf: no run crosses
    it). Every run :func:`_best_runs` finds totals at most this much.
    The bound (:func:`_gain_bound`) is tried first: it needs neither score.
    """
    t = _tables(chars, kind)
    if t.multi and not t.multi.isdisjoint(chars):
        return None
    cand = line.translate(t.repaired)
    if floor != float("inf"):
        bound = _gain_bound(line, cand, kind, floor, floor + _HOPELESS)
        if bound < floor:
            return bound
    gains = map(operator.sub, _cand_scores(cand), scores())
    if t.wall_set and not chars.isdisjoint(t.wall_set):
        gains = map(operator.add, gains, map(t.walls.get, line, repeat(0.0)))
    return _best_total(gains)


# --- a bound of the best gain without the model ---------------------------------------
#
# The gain of unit k in _best_gain is the score of the repaired character
# in the repaired line less the score of the line's character in the line.
# plausibility.score_bounds gives, for every character, the highest score
# it can have where it does not end a pair of the table and the lowest
# after a character outside SWITCH_BEFORE. So the gain at k is at most
# high(repaired) - low(line's): one table per kind, read at C speed
# (map), raised where the repaired line has a pair of the table at k (by
# what the pair scores above high: found with one set of the repaired
# line's pairs) and where the line has a Han character at k after one of
# SWITCH_BEFORE (by SWITCH_MAX: found with one regular expression; the low
# bound of any other character takes in every rule of its kind already,
# see plausibility._KIND_MIN_ADJUST). Where the repair leaves the
# character at k and the two before it as they are, the gain is exactly
# 0.0 (see _exact_mask), and that is its bound. Every gain is at most its
# bound, so every run's total is at most the bound's best run.


@lru_cache(maxsize=1)
def _switch_re() -> re.Pattern[str]:
    """A character of SWITCH_BEFORE before a Han character (the Han of
    ``_costs``' rules: :data:`~cleantext.textutil.HAN_CLASS`)."""
    from ..plausibility import SWITCH_BEFORE

    return re.compile(f"{SWITCH_BEFORE}(?=[{HAN_CLASS}])")


#: Where :func:`_exact_mask` finds a gain of exactly 0.0: a character the
#: repair leaves whose score is read from the two before it alone ("u"),
#: neither of those two changed ("c") in its line ("n": a line break).
_EXACT = re.compile("(?<!c)(?<!c[^n])u")
#: The mask's bytes: 0 where _EXACT put "\x00", 1 elsewhere.
_MASK_BYTES = bytes.maketrans(b"\x00cukn", b"\x00\x01\x01\x01\x01")


def _exact_mask(text: str, flags: dict[int, str]) -> bytes:
    """A byte for each character of ``text`` (lines joined by "\\n"): 0
    where the repair's gain is exactly 0.0, else 1 (``flags``:
    ``_KindTables.flags``).

    Why 0.0: ``_costs`` scores a character other than a Hangul syllable
    (:func:`~cleantext.plausibility.run_scored`) from itself, the character
    before it and the kinds of the two before it (the start of a line as
    spaces). Where the repaired line has the same character there and the
    same two before it (or the same start of the line), both lines score
    it with the same numbers, and the gain, one score less the other, is
    0.0 (or -0.0 from the mask's product: the same in every sum and
    comparison of the bound)."""
    return _EXACT.sub("\x00", text.translate(flags)).encode("ascii").translate(_MASK_BYTES)


#: A bound this far above the floor is not brought under it by a second look
#: (on 10 MB of clean prose the second look proves lines whose first bound
#: is at most 2.3 above the floor; damaged lines start 2 and more above it):
#: the line goes to the model at once. (Speed only: the model decides.)
_HOPELESS = 4.0


def _gain_bound(
    line: str,
    cand: str,
    kind: Kind,
    floor: float = float("inf"),
    give_up: float = float("inf"),
) -> float:
    """A number at least the best run's total of :func:`_best_gain` (see the
    section's comment); ``cand`` is the line with every unit repaired, and
    :func:`_tables` has seen every character of ``line``. At ``floor`` or
    above, the gains found exact are taken in, then the line's own pairs of
    the table (see :func:`_closer_look`); at ``give_up`` or above, any
    number at least ``give_up`` may come back at once."""
    # (the tables again, the same, if another thread's step let go of them)
    t = _TABLES.get(kind.code) or _tables(set(line), kind)
    gains = _bound_gains(line, cand, list(map(t.gain.__getitem__, line)))
    best = _best_total(gains)
    if best < floor:
        return best
    return _closer_look(line, gains, _exact_mask(line, t.flags), t.low, floor, give_up)


def _closer_look(
    line: str,
    gains: list[float],
    mask: bytes,
    low: dict[str, float],
    floor: float,
    give_up: float,
) -> float:
    """The bound of ``line`` whose first look's ``gains`` (see
    :func:`_bound_gains`) did not prove it below ``floor``: those gains
    with the exact ones (``mask``, the line's :func:`_exact_mask`) in
    place, then, if that is not below ``floor`` either and below
    ``give_up``, the second look. (The exact gains are looked for only
    here: most lines of Chinese prose are proved by the first look.)"""
    gains = list(map(operator.mul, gains, mask))
    best = _best_total(gains)
    if best < floor or best >= give_up:
        return best
    return _second_look(line, gains, low, mask)


def _bound_gains(text: str, cand: str, gains: list[float]) -> list[float]:
    """The bound of each unit's gain in ``text`` (the first look: see the
    section's comment; the exact ones come in later, see
    :func:`_closer_look`): ``gains`` (changed and returned) is the table's bound
    (``_KindTables.gain``) of each character, ``cand`` is ``text`` with
    every unit repaired (as long: one character for one). ``text`` may be
    lines joined by "\\n", each line's bounds then those it has alone:
    "\\n" is outside SWITCH_BEFORE and HAN_CLASS and in no pair of the
    table (every pair is two Han characters: the tests check), so only the
    slot of a "\\n" takes a rule of its neighbour."""
    from ..plausibility import SWITCH_MAX, pairs_at, score_bounds_of

    for m in _switch_re().finditer(text):
        gains[m.end()] += SWITCH_MAX
    # (the repaired line's pairs, found cheaply: a wrong reading makes few
    # words; they only add, and one sum is taken once they are in; a place
    # has one pair ending at it at most)
    starts, lps = pairs_at(cand)
    if starts:
        highs = score_bounds_of({cand[k + 1] for k in starts})
        for k, lp in zip(starts, lps):
            extra = lp - highs[cand[k + 1]][0]
            if extra > 0.0:
                gains[k + 1] += extra
    return gains


def _second_look(line: str, gains: list[float], low: dict[str, float], mask: bytes) -> float:
    """The best total of the first look's ``gains`` of ``line`` less what
    the line's own pairs take from it (``gains`` is changed; ``low``: the
    low score bound of each character of the line; ``mask``: the line's
    :func:`_exact_mask`, where the gain is exact already).

    Where two characters of the line are a pair of the table (two Han
    characters: every pair is), the second scores the pair's log10 exactly
    (no rule applies between two Han characters, and the character before
    is not one of SWITCH_BEFORE), at least the low bound taken above. One
    pair ends at a place at most."""
    from ..plausibility import pairs_at

    starts, lps = pairs_at(line)
    for k, lp in zip(starts, lps):
        if mask[k + 1]:
            gains[k + 1] -= lp - low[line[k + 1]]
    return _best_total(gains)


def _gain_bounds_many(
    lines: list[str], kind: Kind, floor: float, give_up: float
) -> list[float | None]:
    """:func:`_gain_bound` of each of ``lines`` (none with a line break in
    it), as :func:`_best_gain` asks it with ``floor`` and ``give_up``, for
    all of them at once: one translate, one table lookup a character, one
    search for pairs; None for a line :func:`_best_gain` answers None (a
    character that repairs to other than one character)."""
    if not lines:
        return []
    joined = "\n".join(lines)
    if joined.count("\n") != len(lines) - 1:
        raise ValueError("a line with a line break in it")
    t = _TABLES.get(kind.code)
    try:
        # (the table has seen every character, or one is missing: KeyError;
        # no set of the characters is made when none is)
        gains = list(map(t.gain.__getitem__, joined)) if t is not None else None
    except KeyError:
        gains = None
    if t is None or gains is None:
        t = _tables(set(joined), kind)
        gains = list(map(t.gain.__getitem__, joined))
    multi = bool(t.multi) and not t.multi.isdisjoint(joined)
    gains = _bound_gains(joined, joined.translate(t.repaired), gains)
    out: list[float | None] = []
    closer: list[tuple[int, list[float]]] = []  # (the lines the first look leaves)
    pos = 0
    for line in lines:
        end = pos + len(line)
        if multi and not t.multi.isdisjoint(line):
            out.append(None)
        else:
            seg = gains[pos:end]
            best = _best_total(seg)
            if best >= floor:
                closer.append((len(out), seg))
            out.append(best)
        pos = end + 1
    if closer:
        # (their masks from one pass over them joined: each line's own)
        todo = [lines[i] for i, _ in closer]
        masks = _exact_mask("\n".join(todo), t.flags)
        pos = 0
        for line, (i, seg) in zip(todo, closer):
            end = pos + len(line)
            out[i] = _closer_look(line, seg, masks[pos:end], t.low, floor, give_up)
            pos = end + 1
    return out


def _best_total(gains: Iterable[float]) -> float:
    """The best total of a run of ``gains`` (0.0 for none), as _best_run sums.

    (A run that does not gain starts again at the next unit: ``cur = d``
    where _best_run adds ``d`` to 0.0, the same number but for -0.0, which
    is no best either way and starts again next; no gain is NaN: the
    scores are finite and a bound is finite or -inf, +inf being only for a
    character that repairs to several, where _best_gain answers None.)"""
    best = cur = 0.0
    for d in gains:
        if cur > 0.0:
            cur += d
        else:
            cur = d
        if cur > best:
            best = cur
    return best


def _cannot_repair(
    line: str,
    kind: Kind,
    th: Thresholds,
    scores: Callable[[], list[float]],
    screened: bool = False,
    chars: set[str] | None = None,
    bounded: bool = False,
) -> bool:
    """Whether :func:`_candidates` is sure to find nothing for ``kind`` in
    ``line`` under ``th`` (a proof, not a guess: False when in doubt).
    ``screened``: the screens of :mod:`.screen` were asked already (by
    :func:`prove_many`) and proved nothing; they are not asked either
    before a text has put them in use (:func:`.screen.warm`). ``bounded``:
    :func:`prove_many` took the bound of :func:`_best_gain` with
    ``th.min_gain`` and it proved nothing (the model is asked at once)."""
    screened = screened or not screen.ready()
    if kind.wrong == LATIN and th.min_latin_run > 2:
        # A repair of GBK read as Latin-1 is a run of valid units (no run
        # crosses a barrier, nor does an extension or an odd block), and a
        # unit is valid only if each of its characters encodes in sloppy
        # Latin-1 (line_units: one that does not is a barrier of its own;
        # U+FFFD too, which only GB18030's lossy reading takes as a byte).
        # _judge turns down a Latin-1 repair whose damaged text has no run
        # of th.min_latin_run non-ASCII characters (longest_high_run): such
        # a run is that many characters of _LATIN_HIGH in a row in the line.
        # ('……' and '——' of Chinese prose are cp1252 pairs, no run of four.)
        if _latin_run(th.min_latin_run).search(line) is None:
            return True
    if kind.right == UTF8 and kind.wrong != LATIN and not screened:
        # no run of valid units with an odd character and a CJK character
        # repaired (the proof is in .screen): one translate and one search
        if not th.foreign and not th.punct_ok and not may_repair(line, kind, th.alone):
            return True
    if th.alone and not th.foreign and th.min_damaged >= 2 and not screened:
        # Big5/GBK kinds: the stretches a repair judged alone can take, as
        # .screen finds them, against what _judge asks of run_total
        found = legacy_stretches(line, kind)
        if found is not None and _too_little(line, *found):
            return True
    if chars is None:
        chars = set(line)
    if kind.right == UTF8 and kind.wrong != LATIN:
        if not th.foreign and th.min_damaged >= 2 and _no_utf8_run(line, kind, chars):
            return True
    if th.odd_floor is None and per_char(kind):
        # every repair starts from a run of units whose gains sum to
        # th.min_gain (_odd_blocks, which do not, are off)
        best = _best_gain(line, kind, chars, scores, float("inf") if bounded else th.min_gain)
        if best is not None and best < th.min_gain:
            return True
    return False


def _too_little(line: str, total: int, unrepaired: bool) -> bool:
    """Whether stretches that take in ``total`` non-ASCII characters of
    ``line`` (one with a character of ``unrepaired_re``, or none) hold less
    than _judge asks of the runs kept in a line judged alone by a Big5/GBK
    kind: ``run_total`` of LEGACY_SPAN or half the line's non-ASCII
    characters, and more than MIN_UNMARKED unless a run has such a
    character."""
    high = len(line) - len(line.encode("ascii", "ignore"))
    if total < LEGACY_SPAN and 2 * total < high:
        return True
    return total <= MIN_UNMARKED and not unrepaired


#: (line, kind code) -> whether the screens prove the kind repairs nothing in
#: the line under :data:`STRICT`, for many lines at once (:func:`prove_many`).
_PROVED: dict[tuple[str, str], bool] = {}


#: The (line, kind code) of :data:`_PROVED` whose bound of :func:`_best_gain`
#: was taken (:func:`_gain_bounds_many`) and proved nothing.
_BOUNDED: set[tuple[str, str]] = set()


def prove_many(lines: list[str], kinds: tuple[Kind, ...] = KINDS) -> None:
    """Prove for each of ``lines`` which of ``kinds`` repair nothing in it
    under :data:`STRICT` (what :func:`_cannot_repair` proves with the
    screens of :mod:`.screen` and, for the kinds of one character per unit,
    the bound of :func:`_best_gain`), all lines at once; :func:`_one_layer`
    then leaves those kinds out. Replaces what an earlier call proved; call
    :func:`forget_proofs` when the lines are done with."""
    _PROVED.clear()
    _BOUNDED.clear()
    if not screen.warm(len(lines)):
        return
    lines = list(dict.fromkeys(lines))  # (a part twice is proved once: keyed by its text)
    for kind in kinds:
        if screen.screens(kind):
            ok = screen.may_repair_many(lines, kind, STRICT.alone)
            _PROVED.update(((line, kind.code), not may) for line, may in zip(lines, ok))
        found = screen.legacy_stretches_many(lines, kind)
        if found is not None:
            _PROVED.update(
                ((line, kind.code), _too_little(line, *f)) for line, f in zip(lines, found)
            )
        if per_char(kind) and STRICT.odd_floor is None:
            # (the last proof of _cannot_repair for these kinds, for the
            # lines the screens left: see there)
            code = kind.code
            todo = [line for line in lines if not _PROVED.get((line, code)) and "\n" not in line]
            floor = STRICT.min_gain
            bounds = _gain_bounds_many(todo, kind, floor, floor + _HOPELESS)
            for line, bound in zip(todo, bounds):
                if bound is not None:
                    _PROVED[line, code] = bound < floor
                    if bound >= floor:
                        _BOUNDED.add((line, code))


def forget_proofs() -> None:
    _PROVED.clear()
    _BOUNDED.clear()
    _WINDOWS.clear()
    screen.forget_groups()


def let_go() -> None:
    """Let go of the set of plain characters as strings and of the tables
    of each kind (:data:`_TABLES`): made again when asked, the same (see
    :func:`cleantext.cjkmojibake.let_go`)."""
    _plain_strs.cache_clear()
    _TABLES.clear()


#: The windows :func:`strict_parts` found, by line, for :func:`repair` to
#: use again (its windows are the same: :func:`_windows` of the line);
#: emptied by :func:`forget_proofs`.
_WINDOWS: dict[str, list[tuple[int, int]]] = {}


def strict_parts(line: str) -> list[str]:
    """The parts of ``line`` that :func:`repair` looks at under STRICT, windowed."""
    if len(line) <= 4 * WINDOW_MARGIN:
        return [line]
    windows = _WINDOWS[line] = _windows(line)
    return [line[a:b] for a, b in windows]


def _one_layer(line: str, kinds: tuple[Kind, ...], th: Thresholds = STRICT) -> list[Repair]:
    from ..plausibility import char_scores

    memo: list[list[float]] = []

    def scores() -> list[float]:
        if not memo:
            memo.append(char_scores(line))
        return memo[0]

    found: list[Repair] = []
    proved = _PROVED if _PROVED and th == STRICT else {}
    chars: set[str] | None = None  # (the line's characters, for every kind's proofs)
    for kind in kinds:
        # (the screens asked with the other lines: the same proofs, at once)
        screened = proved.get((line, kind.code))
        if screened or not _may_apply(line, kind):
            continue
        if chars is None:
            chars = set(line)
        bounded = screened is not None and (line, kind.code) in _BOUNDED
        if not _cannot_repair(line, kind, th, scores, screened is not None, chars, bounded):
            found.extend(_candidates(line, kind, scores(), th))
    # the best repairs that do not overlap
    found.sort(key=lambda r: -r.gain)
    chosen: list[Repair] = []
    for r in found:
        if all(r.end <= c.start or r.start >= c.end for c in chosen):
            chosen.append(r)
    chosen.sort(key=lambda r: r.start)
    return chosen


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
        line = splice(line, ((r.start, r.end, r.replacement) for r in repairs))
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
    rx = suspect_re_for(line)
    for m in rx.finditer(line) if rx is not None else ():
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
    if windowed and len(line) > 4 * WINDOW_MARGIN:
        windows = _WINDOWS.get(line) or _windows(line)
    else:
        windows = [(0, len(line))]
    if _PROVED and th == STRICT and not protect and _all_proved(line, windows, kinds):
        # (what _one_layer reads first for each part: every kind left out,
        # no repair in any part, the line as it is)
        return line, []
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
    return splice(line, ((pc.start, pc.end, pc.replacement) for pc in pieces)), pieces


def _all_proved(line: str, windows: list[tuple[int, int]], kinds: tuple[Kind, ...]) -> bool:
    """Whether :func:`_one_layer` under STRICT leaves out each of ``kinds``
    for the part of ``line`` in each of ``windows`` before any search, as it
    reads first: proved by :func:`prove_many` to repair nothing in it, or
    failing :func:`_may_apply`."""
    proved = _PROVED
    return all(
        proved.get((part, kind.code)) or not _may_apply(part, kind)
        for part in [line[a:b] for a, b in windows]
        for kind in kinds
    )


def repair_whole(line: str, kind: Kind) -> Piece | None:
    """The repair of all of ``line`` by ``kind``, for a text established as
    damaged by that kind (the step's document-level decision), or None.

    Every character must round-trip (the bytes are valid in the right
    codec), and the repaired line must be no less plausible than the line
    as it is, with no character that is damage itself: what is left of a
    page that was damaged everywhere (a name, ``約癘`` for ``廣記``, a
    one-character line).
    """
    from ..plausibility import char_scores, logprob, score

    units = line_units(line, kind)
    if not units or any(u.rep is None for u in units):
        return None
    rep = "".join(u.rep or "" for u in units)
    if rep == line or any(u.bom for u in units):
        return None
    p, original, replacement = changed_span(line, rep)
    if original.isascii() or not cjk_or_punct().search(replacement):
        return None
    if kind.wrong == LATIN and (_european(line) or _latin_words(line, p, p + len(original), kind)):
        return None  # European text, written right or ftfy's to repair (see _judge)
    if KANA.search(replacement) and not KANA.search(original):
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
    from ..plausibility import char_scores, logprob

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
        if kind.wrong == LATIN and _latin_words(line, a, b, kind):
            continue  # accented letters of a European word (see _judge)
        units = line_units(gap, kind)
        if not units or any(u.rep is None for u in units):
            continue
        rep = "".join(u.rep or "" for u in units)
        common = common_chars()
        if rep == gap or KANA.search(rep):
            continue
        if not cjk_char().search(rep) and not all(
            ord(c) in common and not c.isascii() for c in rep
        ):
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
    from ..plausibility import score

    return score(text)
