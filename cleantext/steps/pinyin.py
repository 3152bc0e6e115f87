"""The ``pinyin`` step: remove inline pinyin annotations such as ``區(qū)``.

Site-farm pages annotate characters with their pinyin in parentheses,
``高新區(qū)`` or ``高新區（qū）``, which makes the text unreadable and
unsearchable. An *annotation* is a Han character (any CJK block or
extension, by Unicode range, see :data:`cleantext.textutil.HAN_CLASS`)
followed by one pinyin syllable in ASCII or full-width parentheses, where
the syllable is a reading of that character: with tone marks (``qū``),
a tone number (``qu1``, ``lv4``) or no tone (``qu``); heteronyms count
(``乾(gān)`` and ``乾(qián)`` are both annotations); a neutral tone
(``ge5``, ``ge0``) matches any tone of the syllable, since in context any
syllable may lose its tone (一個 yí ge). Readings come from pypinyin's table
(:mod:`cleantext.readings`). Word-level annotations (``中國(zhōngguó)``)
are not single-character annotations and are left alone, unreported.

**When annotations are removed (the rule).** Teaching text annotates on
purpose; site farms annotate the same few dozen characters every time they
occur. A document's annotations are removed, all of them, when it shows
the farm pattern:

- at least 2 annotations, the same character with the same reading
  annotated at least twice, and at least 1 annotation per 100 Han
  characters; or
- at least 5 annotations and at least 3 per 100 Han characters (dense
  even without repeats).

Otherwise every annotation is kept and reported (``pinyin-kept``,
``fixed=False``, with the evidence in ``data``). A textbook sentence like
``「行」讀作行(xíng)走、銀行(háng)`` has no repeated (character, reading)
pair and stays; a page with ``區(qū)`` a hundred times goes.

Parentheses are never removed unless they hold exactly one syllable that
reads the character before them: ``(針對...)``, ``(1)``, ``(注)``,
``(完)``, ``(Beijing)`` and dates stay.

**Runs read out of step.** A farm that writes annotations into GBK bytes
puts some inside a character: its first byte and the bracket read as
``?``, the remnant has no bracket (``因?yàn)槲也幌灿^看``), and the characters
after it read one byte out of step up to an ASCII second byte (``^``) or
another lost character. After such a remnant (with a tone), a run whose
bytes read one byte on decode as GBK and read clearly more plausibly is
read again (``misaligned-bytes``: ``因?我不喜觀看``), before the annotations
are looked for; the ``?`` stays for the lost character (see
:func:`_in_step`).

**Reports, not changes:**

- ``lost-character``: ``?zhí)``, a character lost to ``?`` (or U+FFFD)
  whose annotation survives. The text stays; the pinyin is in the message
  and in ``data["pinyin"]``, to help whoever restores the character.
- ``truncated-annotation``: ``產(ch`` at the end of a line, an annotation
  cut off mid-way. The text stays.
- ``pinyin-unmatched``: in a document that shows the farm pattern, a
  bracketed syllable with a tone (``(qū)``, ``qu1``) after a Han character
  it is not a reading of (a variant character the table lacks, or a
  character changed after annotation). The text stays.

**Hand-off to ``convert``.** For each removed annotation on a character
whose Traditional-to-Simplified conversion depends on the reading (乾, 著,
瞭, 蘋... see :data:`cleantext.readings.T2S_BY_READING`), the step leaves
``ctx.readings[original_line]`` = a list of
:class:`~cleantext.steps.ReadingHint` (column, char, base, tone), the column
being the 0-based index of the character in the output line.

In Markdown and HTML, code (see :mod:`cleantext.markup`) is left alone.
The pre-check is one regular-expression scan at C speed
(:func:`cleantext.idle.pinyin_idle`, also the pipeline's idle test):
a text with no bracket after a Han character before a pinyin letter, and
no ``?`` before a bracketed syllable, has nothing to do. The reading table
is loaded only when there is a candidate (and searched by bisection, a
few microseconds a character). A text with a few candidates is served by
them: the work is proportional to them, and the Han characters are
counted only as far as the rule needs (:func:`_han_count`). A text with
many (:data:`FARM_PROBE`) is first tried as a farm page, every candidate a
complete annotation that reads its character: each line with a bracket is
split at its annotations once, which gives its cleaned text and its one
finding in the same pass, each distinct annotation judged once per
process (:func:`_strip_farm`).

>>> from cleantext.steps import Context
>>> strip_pinyin("青島高新區(qū):打造“一區(qū)多園”青島模式", Context())[0]
'青島高新區:打造“一區多園”青島模式'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import islice
from operator import add, attrgetter, itemgetter
from typing import Any, NamedTuple, cast

from .. import readings
from ..cjkmojibake.realign import in_step
from ..findings import Finding
from ..idle import pinyin_places
from ..markup import detect, protected_for, protected_spans
from ..readings import PINYIN_LETTERS, T2S_BY_READING
from ..textutil import HAN_CLASS, is_han, lazy_re
from .base import Context, ReadingHint

_PY = (
    r"["
    + "a-zA-Z\u00fc\u00dc"
    # a e i o u with tone marks, u-umlaut with tones, n m with tones, e-circumflex
    + "\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec"
    + "\u014d\u00f3\u01d2\u00f2\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc"
    + "\u0144\u0148\u01f9\u1e3f\u00ea\u1ebf\u1ec1"
    # combining tone marks and the colon of u: (lu:4)
    + "\u0300\u0301\u0304\u030c\u0308:"
    + r"]{1,8}[0-5]?"
)
# Two patterns, each led by a character class so that the search skips
# ahead at C speed: an annotation (or one cut off at the end of a line), and
# the remnant of a lost character. A space may stand inside the brackets
# (``會(huì )``), as some farm templates write it.
_SP = "[ \u3000]?"
_ANNOTATION = re.compile(rf"[(（]{_SP}(?P<py>{_PY}){_SP}(?P<close>[)）]|(?=\r?\n|\Z))")
# The same, only after a Han character: one scan of the text finds every
# candidate (a farm page has tens of thousands) at C speed.
_candidate = lazy_re(f"[(（](?<=[{HAN_CLASS}][(（])" + _ANNOTATION.pattern[len("[(（]") :])
_LOST = re.compile(rf"(?P<lost>[?？\ufffd])(?P<rest>[(（]?{_SP}(?P<py>{_PY}){_SP}[)）])")
# Any bracketed syllable after a Han character: what is taken out of a line
# to see the words its annotated characters stand in.
_any_annotation = lazy_re(rf"(?<=[{HAN_CLASS}])[(（]{_SP}{_PY}{_SP}[)）]")
_han_run = lazy_re(f"[{HAN_CLASS}]+")
_TONE_MARKED = re.compile("[\u00e0-\u01dc\u1e3f-\u1ec1\u0300-\u030c]")

#: A text with more candidates than this is tried on the farm page's fast
#: path (:func:`_strip_farm`) first.
FARM_PROBE = 64

#: Thresholds of the removal rule (see the module docstring).
MIN_ANNOTATIONS = 2
MIN_REPEATS = 2
MIN_PER_100_HAN = 1.0
DENSE_MIN_ANNOTATIONS = 5
DENSE_PER_100_HAN = 3.0


@dataclass(slots=True)
class _Annotation:
    start: int  # offset of the bracket
    end: int  # after the last copy (a doubled annotation is one)
    char: str
    written: str
    base: str
    tone: int | None
    via: str = ""  # the variant whose reading it is (績(jì): 绩)
    context: str = ""  # the word it reads so in (成績(jì)), when only that explains it


@dataclass(slots=True)
class _Lost:
    start: int  # offset of the '?'
    end: int
    written: str
    rest: str  # what is left of the annotation: 'zhí)'
    marked: bool  # with a tone: never content, removed even outside a farm page


def evidence(annotations: int, pairs: Counter[tuple[str, str]], han: int) -> dict[str, Any]:
    """The numbers the removal rule looks at, and its verdict."""
    per100 = 100.0 * annotations / max(han, 1)
    repeats = max(pairs.values(), default=0)
    farm = (
        annotations >= MIN_ANNOTATIONS and repeats >= MIN_REPEATS and per100 >= MIN_PER_100_HAN
    ) or (annotations >= DENSE_MIN_ANNOTATIONS and per100 >= DENSE_PER_100_HAN)
    return {
        "annotations": annotations,
        "distinct": len(pairs),
        "max_repeats": repeats,
        "per_100_han": round(per100, 2),
        "farm_pattern": farm,
    }


def _han_count(text: str, annotations: int) -> int:
    """The Han characters in ``text`` as :func:`evidence` needs them for
    ``annotations`` annotations: their number, or a number of them past
    20,001 per annotation when the text has that many. Past it the rule
    says no and ``per_100_han`` rounds to 0.0 whatever the exact count
    (100 / 20,001 < 0.005), so a long text with a stray annotation or two
    is counted only until then.

    >>> _han_count("區" * 50 + "a", 1), _han_count("區" * 90_000, 1) < 90_000
    (50, True)
    """
    enough = 20_001 * annotations
    step = 4 * enough
    han_run = _han_run()
    if len(text) <= step:
        return len(text) - len(han_run.sub("", text))
    han = 0
    for pos in range(0, len(text), step):
        chunk = text[pos : pos + step]
        han += len(chunk) - len(han_run.sub("", chunk))
        if han >= enough:
            break
    return han


class _LineCounter:
    """1-based (line, column) of offsets, asked mostly in increasing order:
    the newlines since the last offset asked are counted at C speed (an
    offset before it starts again from the top)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0  # the last offset asked
        self._line = 1  # its line
        self._start = 0  # where its line starts

    def line_col(self, offset: int) -> tuple[int, int]:
        if offset < self._pos:
            self._pos, self._line, self._start = 0, 1, 0
        newlines = self._text.count("\n", self._pos, offset)
        if newlines:
            self._line += newlines
            self._start = self._text.rfind("\n", self._pos, offset) + 1
        self._pos = offset
        return self._line, offset - self._start + 1


def _context_of(text: str, start: int) -> tuple[str, int]:
    """The Han run around ``text[start - 1]`` (the annotated character) in
    its line with every annotation taken out, and the character's index in
    it: the words a farm's generator saw."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    b = len(text) if b < 0 else b
    line = text[a:b]
    at = start - a - 1
    parts: list[str] = []
    pos = 0
    index = at
    for m in _any_annotation().finditer(line):
        parts.append(line[pos : m.start()])
        if m.start() <= at:
            index -= m.end() - m.start()
        pos = m.end()
    parts.append(line[pos:])
    clean = "".join(parts)
    for m in _han_run().finditer(clean):
        if m.start() <= index < m.end():
            return m.group(), index - m.start()
    return "", -1


def _annotation_at(text: str, start: int, readings: Any) -> tuple[re.Match[str], int] | None:
    """The annotation opening at ``start`` and where it ends, taking in the
    copies of it that follow (``中(zhong)(zhong)``); None if there is none."""
    m = _ANNOTATION.match(text, start)
    if m is None:
        return None
    end = m.end()
    if m.group("close"):
        prev = text[start - 1]
        while end < len(text) and text[end] in "(（":
            nxt = _ANNOTATION.match(text, end)
            if nxt is None or not nxt.group("close"):
                break
            w = nxt.group("py")
            if w.lower() != m.group("py").lower() and not readings.matching_variant_reading(
                prev, w
            ):
                break
            end = nxt.end()
    return m, end


def strip_pinyin(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    """Remove annotations by the rule in the module docstring; report the rest.

    Where :func:`~cleantext.idle.pinyin_idle` holds, :func:`_strip` finds
    nothing either (a test checks it); it is not asked again here, since the
    pipeline has just asked it, and :func:`_strip` opens with the same scans.
    """
    if text.isascii():
        return text, []
    return _strip(text, ctx)


def few_places(text: str) -> int:
    """How many of the idle test's places :func:`_few` matches one by one:
    :data:`FARM_PROBE`, or one per 1,024 characters of a longer text. Past
    that the patterns' own scans of the text (C speed, a few nanoseconds a
    character each, three or four of them) cost less than matching at each
    place in Python (about a microsecond): a page of prose with a few
    hundred bracketed words is served by its places, a farm page with
    thousands of annotations by the scans and the fast path.

    >>> few_places("區" * 100), few_places("區" * 1_000_000)
    (64, 976)
    """
    return max(FARM_PROBE, len(text) >> 10)


def _few(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]] | None:
    """The matches of :data:`_LOST` and of :data:`_candidate` in ``text``,
    from one scan (the idle test's) when it finds at most
    :func:`few_places` places; ``None`` when it finds more.

    The idle test matches wherever either can start (a superset: a bracket
    after a Han character before a pinyin letter, a ``?`` before a bracketed
    syllable) and its matches hold no other such place, so matching each
    pattern at its places finds what their own scans would (a test checks
    it).
    """
    limit = few_places(text)
    places = list(islice(pinyin_places(text), limit + 1))
    if len(places) > limit:
        return None
    lost: list[re.Match[str]] = []
    found: list[re.Match[str]] = []
    candidate = _candidate().match
    for place in places:
        at = place.start()
        if text[at] in "?？\ufffd":
            m = _LOST.match(text, at)
            if m is not None:
                lost.append(m)
        else:
            m = candidate(text, at)
            if m is not None:
                found.append(m)
    return lost, found


#: A text with at most this many lost-character marks is matched at each.
FEW_MARKS = 4096


def _lost_matches(text: str) -> Iterable[re.Match[str]]:
    """The matches of :data:`_LOST` in ``text``, in order. No remnant holds
    a mark (``?``, ``？``, U+FFFD: none is a bracket, space or pinyin letter),
    so a match starts at every mark where one starts and the scan misses
    none: a text with few marks (a damaged page has one a page, in its
    ``?rdquo;``) is matched at each, found with str.find (a few times
    faster than the pattern's scan of the text, and than counting the
    marks: str.count reads the whole text, where a search for a character
    skips ahead); past :data:`FEW_MARKS` of them the text is scanned."""
    found: list[re.Match[str]] = []
    marks = 0
    for mark in "?？\ufffd":
        at = text.find(mark)
        while at >= 0:
            marks += 1
            if marks > FEW_MARKS:
                return _LOST.finditer(text)
            m = _LOST.match(text, at)
            if m is not None:
                found.append(m)
            at = text.find(mark, at + 1)
    found.sort(key=_MATCH_START)
    return found


_MATCH_START = re.Match.start


def _realign(text: str, lost: list[_Lost]) -> tuple[str, list[Finding]] | None:
    """``text`` with the runs :func:`_in_step` reads again after the
    remnants of ``lost`` (those with a tone), and a finding for each."""
    out: list[str] = []
    findings: list[Finding] = []
    pos = 0
    index = _LineCounter(text)
    for x in lost:
        if not x.marked or x.rest[:1] in "(（" or x.start < pos:
            continue
        step = in_step(text, x.end)
        if step is None:
            continue
        end, fixed = step
        line, col = index.line_col(x.end)
        findings.append(
            Finding(
                step="pinyin",
                line=line,
                col=col,
                code="misaligned-bytes",
                message=(
                    f"{text[x.end : end]!r} after the lost character {text[x.start : x.end]!r} is "
                    f"GBK read one byte out of step (the annotation was written inside a "
                    f"character): read again in step as {fixed!r}"
                    if fixed
                    else f"{text[x.end : end]!r} after the lost character "
                    f"{text[x.start : x.end]!r} is that character's second byte read with the "
                    f"first of the next lost one (the '?' after it): removed"
                ),
                original=text[x.end : end],
                replacement=fixed,
            )
        )
        out += (text[pos : x.end], fixed)
        pos = end
    if not findings:
        return None
    out.append(text[pos:])
    return "".join(out), findings


def _strip(
    text: str, ctx: Context, *, fast: bool = True, realigned: bool = False
) -> tuple[str, list[Finding]]:
    """:func:`strip_pinyin` past its idle test; ``fast=False`` never takes
    the farm page's fast path (:func:`_strip_farm`), for tests. The runs
    after lost characters that read out of step are read again first
    (:func:`_realign`), and the text so repaired is stripped."""
    annotations: list[_Annotation] = []
    lost: list[_Lost] = []
    reports: list[
        tuple[int, int, str, str, dict[str, Any]]
    ] = []  # (start, end, code, message, data)
    unmatched: list[tuple[int, int, str, str]] = []
    scanned = _few(text)
    lost_found: Iterable[re.Match[str]] = ()
    if scanned is not None:
        lost_found = scanned[0]
    elif "?" in text or "？" in text or "\ufffd" in text:
        lost_found = _lost_matches(text)
    for m in lost_found:
        written = m.group("py")
        prev = text[m.start() - 1] if m.start() else ""
        if not readings.is_syllable(written):
            continue
        marked = bool(_TONE_MARKED.search(written) or written[-1].isdigit())
        if not (prev and is_han(prev)) and not _TONE_MARKED.search(written):
            continue
        end = m.end()
        while end < len(text) and text[end] in "(（":
            # more annotations of the lost character ('?zhí)(zhí)'): the same remnant
            nxt = _ANNOTATION.match(text, end)
            if nxt is None or not nxt.group("close") or not readings.is_syllable(nxt.group("py")):
                break
            end = nxt.end()
        lost.append(_Lost(m.start(), end, written, text[m.start() + 1 : end], marked))
    if lost and not realigned:
        again = _realign(text, lost)
        if again is not None:
            fixed_text, fixes = again
            out_text, rest = _strip(fixed_text, ctx, fast=fast, realigned=True)
            return out_text, sorted(fixes + rest, key=lambda f: (f.line, f.col))
    # One verdict per (character, written syllable): a farm page repeats the
    # same few dozen pairs thousands of times.
    verdicts: dict[tuple[str, str], tuple[str, int | None, str] | bool] = {}
    size = len(text)
    # A text with many candidates is tried on the farm page's fast path; the
    # first few are found anyway, and a text with no more is served by them.
    candidates: Iterator[re.Match[str]]
    if scanned is not None:
        placed = scanned[1]
        if len(placed) > FARM_PROBE and not lost and fast and _may_be_farm(text, placed):
            farm = _strip_farm(text, ctx)
            if farm is not None:
                return farm
        candidates = iter(placed)
    else:
        candidates = _candidate().finditer(text)
        probe = list(islice(candidates, FARM_PROBE + 1))
        if len(probe) > FARM_PROBE:
            # (no _may_be_farm here: a text with this many places is most
            # likely a farm page, whose candidates all pass; it would cost a
            # verdict a candidate, and the fast path refuses the same
            # candidate when it meets it)
            if not lost and fast:
                farm = _strip_farm(text, ctx)
                if farm is not None:
                    return farm
            candidates = _candidate().finditer(text)
        else:
            candidates = iter(probe)
    for m in candidates:
        start = m.start()
        prev = text[start - 1]
        written = m.group("py")
        if m.group("close"):
            end = m.end()
            if end < size and text[end] in "(（":
                found_at = _annotation_at(text, start, readings)
                assert found_at is not None
                end = found_at[1]
            key = (prev, written)
            verdict = verdicts.get(key)
            if verdict is None:
                found = readings.matching_variant_reading(prev, written)
                verdict = verdicts[key] = (
                    found if found is not None else readings.is_syllable(written)
                )
            if verdict is True:
                unmatched.append((start, end, prev, written))
            elif verdict is not False:
                assert not isinstance(verdict, bool)
                annotations.append(
                    _Annotation(start, end, prev, written, verdict[0], verdict[1], verdict[2])
                )
        elif readings.is_prefix_of_reading(prev, written) or readings.is_reading(prev, written):
            reports.append(
                (
                    start,
                    m.end(),
                    "truncated-annotation",
                    f"{prev}{m.group(0)} looks like a pinyin annotation of {prev} cut off at the "
                    "end of the line; left as it is",
                    {"char": prev, "pinyin": written},
                )
            )
    if not annotations and not reports and not lost:
        return text, []
    # Leave code alone (Markdown, HTML): decided only now that there is work,
    # and only as far as these spans need.
    protected = protected_for(
        text,
        ctx.config,
        [(a.start - 1, a.end) for a in annotations]
        + [(r[0] - 1, r[1]) for r in reports]
        + [(x.start, x.end) for x in lost]
        + [(u[0] - 1, u[1]) for u in unmatched],
    )
    if protected:
        annotations = [a for a in annotations if not protected.covers(a.start - 1, a.end)]
        reports = [r for r in reports if not protected.covers(r[0] - 1, r[1])]
        lost = [x for x in lost if not protected.covers(x.start, x.end)]
        unmatched = [u for u in unmatched if not protected.covers(u[0] - 1, u[1])]
    if not annotations and not reports and not lost:
        return text, []

    pairs: Counter[tuple[str, str]] = Counter((a.char, a.base) for a in annotations)
    han = _han_count(text, len(annotations)) if annotations else 0
    ev = evidence(len(annotations), pairs, han)
    remove = ev["farm_pattern"]
    if remove and unmatched:
        # What no reading of the character or its variants explains may be
        # the reading pypinyin's phrase dictionary gives it in its words
        # (成績(jì)): the farm annotated the Simplified text in context.
        still: list[tuple[int, int, str, str]] = []
        for u_start, u_end, ch, written in unmatched:
            run, at = _context_of(text, u_start)
            found_c = readings.matching_context_reading(run, at, written) if run else None
            if found_c is None:
                still.append((u_start, u_end, ch, written))
                continue
            word = run[max(0, at - 2) : at + 3]
            annotations.append(
                _Annotation(u_start, u_end, ch, written, found_c[0], found_c[1], context=word)
            )
        annotations.sort(key=lambda a: a.start)
        unmatched = still
    if remove:
        for u_start, u_end, ch, written in unmatched:
            if not (written[-1].isdigit() or _TONE_MARKED.search(written)):
                continue  # toneless and unexplained: not worth a word
            reports.append(
                (
                    u_start,
                    u_end,
                    "pinyin-unmatched",
                    f"{ch}{text[u_start:u_end]} looks like one of this page's pinyin annotations, "
                    f"but {written!r} is not a reading of {ch} that we know; left as it is",
                    {"char": ch, "pinyin": written},
                )
            )
    # The remnant of a lost character's annotation is never content: it
    # goes, and the '?' stays as the mark of the lost character. Without a
    # tone it could be a word after a question mark: only on a farm page.
    edits: list[tuple[int, int, str, Finding | None, _Annotation | None]] = []
    index = _LineCounter(text)
    for x in lost:
        line, col = index.line_col(x.start)
        mark = text[x.start]
        if x.marked or remove:
            edits.append(
                (
                    x.start,
                    x.end,
                    mark,
                    Finding(
                        step="pinyin",
                        line=line,
                        col=col,
                        code="lost-character",
                        message=(
                            f"{text[x.start : x.end]!r}: a character was lost (now {mark!r}); "
                            f"removed what is left of its pinyin annotation, {x.rest!r} (it read "
                            f"{x.written!r}), and kept {mark!r} to mark the lost character"
                        ),
                        original=text[x.start : x.end],
                        replacement=mark,
                        data={"pinyin": x.written},
                    ),
                    None,
                )
            )
        else:
            reports.append(
                (
                    x.start,
                    x.end,
                    "lost-character",
                    f"{text[x.start : x.end]!r}: a character was lost (now {mark!r}) but its "
                    f"pinyin annotation {x.written!r} may survive; left as it is",
                    {"pinyin": x.written},
                )
            )

    findings: list[Finding] = []
    for r_start, r_end, code, message, r_data in reports:
        line, col = index.line_col(r_start)
        findings.append(
            Finding(
                step="pinyin",
                line=line,
                col=col,
                code=code,
                message=message,
                fixed=False,
                original=text[r_start:r_end],
                data=r_data,
            )
        )
    if not remove:
        for a in annotations:
            line, col = index.line_col(a.start)
            findings.append(
                Finding(
                    step="pinyin",
                    line=line,
                    col=col,
                    code="pinyin-kept",
                    message=(
                        f"{a.char}{text[a.start : a.end]} is a pinyin annotation, kept: the document "
                        "does not show the site-farm pattern (few, unrepeated annotations)"
                    ),
                    fixed=False,
                    original=text[a.start : a.end],
                    data={"char": a.char, "pinyin": a.written, "evidence": ev},
                )
            )
        annotations = []
    if not annotations and not edits:
        findings.sort(key=lambda f: (f.line, f.col))
        return text, findings

    hints = ctx.readings
    edits.extend((a.start, a.end, "", None, a) for a in annotations)
    edits.sort(key=lambda e: e[0])
    out: list[str] = []
    pos = 0
    removed_on_line = 0
    line, line_start, counted = 1, 0, 0
    group: list[_Removed] = []  # this line's annotations removed since the last other edit
    group_at = (0, 0)
    labels: dict[_Removed, str] = {}
    for e_start, e_end, replacement, finding, ann in edits:
        if e_start < pos:
            continue
        # Line and column by counting newlines since the last edit (C speed)
        # instead of a search per edit.
        newlines = text.count("\n", counted, e_start)
        counted = e_start
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, e_start) + 1
            removed_on_line = 0
            if group:
                findings.append(_removal_finding(group, group_at, labels))
                group = []
        col = e_start - line_start + 1
        out.append(text[pos:e_start])
        out.append(replacement)
        pos = e_end
        if ann is None:
            assert finding is not None
            if group:
                findings.append(_removal_finding(group, group_at, labels))
                group = []
            findings.append(finding)
            removed_on_line += e_end - e_start - len(replacement)
            continue
        if ann.char in T2S_BY_READING and ctx.keep_readings:
            orig_line = ctx.line_map[line - 1] if 0 < line <= len(ctx.line_map) else line
            hints.setdefault(orig_line, []).append(
                ReadingHint(col - 2 - removed_on_line, ann.char, ann.base, ann.tone)
            )
        removed_on_line += e_end - e_start
        if not group:
            group_at = (line, col)
        group.append((ann.char, text[e_start:e_end], ann.written, ann.via, ann.context))
    if group:
        findings.append(_removal_finding(group, group_at, labels))
    out.append(text[pos:])
    findings.sort(key=lambda f: (f.line, f.col))
    return "".join(out), findings


#: A grouped finding names at most this many of its distinct annotations in
#: its message, first ones first (its ``original`` holds every one it removed).
NAMED_IN_MESSAGE = 6


#: One removed annotation: the character, the annotation as written
#: (``(qū)``), the syllable, the variant whose reading it is, the word it
#: reads so in (see :class:`_Annotation`).
_Removed = tuple[str, str, str, str, str]


def _label(r: _Removed, labels: dict[_Removed, str]) -> str:
    """``區(qū)``, with why the syllable reads the character when it is not
    one of its own readings; cached: a farm repeats the same pairs."""
    label = labels.get(r)
    if label is None:
        char, original, written, via, context = r
        label = f"{char}{original}"
        if via:
            label += f" ({written} is a reading of {via}, a form of {char})"
        elif context:
            label += f" ({written} is how {char} reads in {context}, by pypinyin's phrases)"
        labels[r] = label
    return label


def _removal_finding(
    group: list[_Removed], at: tuple[int, int], labels: dict[_Removed, str]
) -> Finding:
    """One finding for the annotations removed from one line with no other
    change between them: the first one's line and column, how many, which
    (``original`` is every removed annotation in order, ``data["chars"]``
    the characters they followed, one per annotation)."""
    line, col = at
    if len(group) == 1:
        char, original, written, via, context = group[0]
        if via:
            why = f"{written} is a reading of {via}, a form of {char}"
        elif context:
            why = f"{written} is how {char} reads in {context}, by pypinyin's phrases"
        else:
            why = f"{written} is a reading of {char}"
        data: dict[str, Any] = {"char": char, "pinyin": written}
        if via:
            data["via"] = via
        if context:
            data["context"] = context
        return Finding(
            "pinyin",
            line,
            col,
            "pinyin-annotation",
            f"removed the pinyin annotation {original} after {char} ({why})",
            original=original,
            replacement="",
            data=data,
        )
    named: list[str] = []
    for r in group:
        label = _label(r, labels)
        if label not in named:
            named.append(label)
            if len(named) > NAMED_IN_MESSAGE:
                break
    return _group_finding(
        len(group),
        named,
        at,
        "".join([r[1] for r in group]),
        "".join([r[0] for r in group]),
    )


def _group_finding(
    count: int, named: Sequence[str], at: tuple[int, int], original: str, chars: str
) -> Finding:
    """The finding for ``count`` (> 1) annotations removed from one line:
    ``named`` are its first distinct annotations (``區(qū)``; one more than
    the message names when there are more), ``original`` every removed
    annotation in order, ``chars`` the character each one followed. Its
    message is written when read (see :class:`_GroupFinding`)."""
    return _made_group(
        at[0], at[1], "", original.encode("utf-8", "surrogatepass"), _LAZY_DATA, named, count, chars
    )


def _group_message(count: int, named: Sequence[str]) -> str:
    """The message of :func:`_group_finding`."""
    shown = ", ".join(named[:NAMED_IN_MESSAGE])
    if len(named) > NAMED_IN_MESSAGE:
        shown += "..."
    return (
        f"removed {count} pinyin annotations from this line ({shown}), each a reading of the "
        "character before it"
    )


#: Finding.message's, Finding.data's and Finding.original's own slots.
_MESSAGE: Any = Finding.__dict__["message"]
_DATA: Any = Finding.__dict__["data"]
_ORIGINAL: Any = Finding.__dict__["original"]
#: What a _GroupFinding's data slot holds while its data is made when read.
_LAZY_DATA: dict[str, Any] = {}
#: The fields a Finding's equality compares.
_COMPARED = tuple(f.name for f in fields(Finding) if f.compare)


def _plain(values: tuple[Any, ...]) -> Finding:
    return Finding(*values)


class _GroupSlots(Finding):
    """The slots of a :class:`_GroupFinding`, which is one of these made
    (:func:`_made_group`): the dataclass's ``__init__`` stores each field
    straight into its slot here, where in a _GroupFinding three of them go
    through its properties, a Python call each (the findings of a farm page
    cost some 40% less to make)."""

    __slots__ = ("_chars", "_count", "_named")
    _named: Sequence[str]
    _count: int
    _chars: str


def _made_group(
    line: int,
    col: int,
    message: str,
    original: str | bytes,
    data: dict[str, Any],
    named: Sequence[str],
    count: int,
    chars: str,
) -> Finding:
    """A :class:`_GroupFinding` with these fields (the others a Finding's
    defaults) and these slots, its own ``original`` either a ``str`` or
    its UTF-8 bytes: made as a :class:`_GroupSlots`, whose layout is the
    same (the class adds no slot), then made a _GroupFinding."""
    f = _GroupSlots(
        "pinyin", line, col, "pinyin-annotation", message, True,
        original,  # type: ignore[arg-type]  # (bytes or str: see _GroupFinding.original)
        "", None, False, None, data,
    )  # fmt: skip
    f._named, f._count, f._chars = named, count, chars
    f.__class__ = _GroupFinding
    return f


class _GroupFinding(_GroupSlots):
    """A :class:`~cleantext.findings.Finding` of several annotations removed
    from one line whose message and data are made when they are read, from
    the count, the characters and the labels it names (``_named``, one tuple
    for every finding of a line's text): a farm page has a finding on nearly
    every line, and their messages, a few hundred bytes each, and data
    dicts were the largest part of what the step's findings held through
    the later steps (some 25 MiB on 50 MB); its ``original`` is held in
    UTF-8 and decoded when read (see :attr:`original`). It is a Finding in every other
    way: the same fields, the same ``repr``, equal to a Finding with the
    same fields, and pickled or copied as a plain one. A message, data or
    original set on it (``with_``) is kept. (Its data is a new dict at each read:
    findings are read-only to their readers.)"""

    __slots__ = ()

    @property
    def message(self) -> str:
        written: str = _MESSAGE.__get__(self, Finding)
        if written:
            return written
        try:
            named = self._named
        except AttributeError:  # made by dataclasses.replace with an empty message
            return written
        return _group_message(self._count, named)

    @message.setter
    def message(self, value: str) -> None:
        _MESSAGE.__set__(self, value)

    @property
    def original(self) -> str:
        """Every removed annotation in order, held in UTF-8 (``(qū)``: a
        letter or a bracket a byte, where the ``str`` of a tone mark takes
        two for each; on 50 MB of farm pages 20 -> 11 MiB held through the
        later steps) and decoded when read, unless a ``str`` was set on it."""
        held: str | bytes = _ORIGINAL.__get__(self, Finding)
        if isinstance(held, bytes):
            return held.decode("utf-8", "surrogatepass")
        return held

    @original.setter
    def original(self, value: str) -> None:
        _ORIGINAL.__set__(self, value)

    @property
    def data(self) -> dict[str, Any]:
        """``{"count": ..., "chars": ...}``, made when read (a dict a line
        held 5 MiB on 50 MB), unless data was set on it."""
        data: dict[str, Any] = _DATA.__get__(self, Finding)
        if data is not _LAZY_DATA:
            return data
        return {"count": self._count, "chars": self._chars}

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        _DATA.__set__(self, value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Finding):
            return all(getattr(self, n) == getattr(other, n) for n in _COMPARED)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return _plain, (tuple(getattr(self, n) for n in _FIELD_NAMES),)


_GroupFinding.__qualname__ = _GroupFinding.__name__ = "Finding"  # (its repr: a Finding's)
_FIELD_NAMES = tuple(f.name for f in fields(Finding))


def _again(f: Finding, line: int, col: int) -> Finding:
    """The finding of a line met again at ``line``: ``f``, the one its
    first occurrence gave, at ``line`` and ``col``, made of the same
    objects (message or labels, ``original``, ``data``)."""
    if isinstance(f, _GroupFinding):
        return _made_group(
            line, col, _MESSAGE.__get__(f, Finding), _ORIGINAL.__get__(f, Finding),
            _DATA.__get__(f, Finding), f._named, f._count, f._chars,
        )  # fmt: skip
    return Finding(
        "pinyin", line, col, "pinyin-annotation", f.message, True, f.original, "", None, False,
        None, f.data,
    )  # fmt: skip


# -- the fast path: a farm page and nothing else --------------------------------------------

# A complete annotation, the bracket first and the Han character behind it
# checked after (``re`` then skips ahead to brackets instead of trying a
# lookbehind everywhere); captured, so that ``split`` gives a line's text
# between its annotations and the annotations themselves.
_split = lazy_re(rf"([(（](?<=[{HAN_CLASS}][(（]){_SP}{_PY}{_SP}[)）])")
# An annotation cut off at the end of a line (``產(ch``): what _ANNOTATION
# takes for one when no bracket closes it, its bracket after a Han character
# (see _cut_off). At most this many characters from the end of the line:
# the character, the bracket, a space, eight letters and a digit, a space,
# a CR.
_cut = lazy_re(rf"[(（]{_SP}{_PY}{_SP}\r?\Z")
_CUT_SPAN = 14
#: What a line with such an annotation can end with: a pinyin letter, a
#: tone digit, a space, a CR (a test checks it against _cut_off). Most lines
#: end otherwise, and are not searched.
_CUT_ENDS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + PINYIN_LETTERS.replace("a-zA-Z", "")
    + ":012345 \u3000\r"
)
# An annotation followed by another bracketed syllable, maybe a copy of it
# (中(zhong)(zhong)): the general path; and where one may be: a closing
# bracket, an opening one, and the first letter of a syllable (each match of
# _copy has that where its two brackets meet).
_copy = lazy_re(rf"[(（](?<=[{HAN_CLASS}][(（]){_SP}{_PY}{_SP}[)）][(（]{_SP}{_PY}{_SP}[)）]")
# (One pattern a closing bracket: each then opens with a literal, which
# ``re`` searches for faster than a class, 2.8 against 7 ms on 2.7 MB.)
_JUNCTIONS = tuple(
    re.compile(rf"{close}[(（]{_SP}{_PY[: _PY.index(']') + 1]}") for close in (r"\)", "）")
)
_LAST = itemgetter(-1)  # the character before an annotation, from the text before it
_LABEL = attrgetter("label")  # of a _Judged


class _Judged(NamedTuple):
    """What the fast path needs to know about one complete candidate."""

    written: str  # the syllable as written
    via: str  # the variant whose reading it is, if not the character's own
    pair: tuple[str, str]  # (character, syllable without tone): what repeats
    base: str
    tone: int | None
    label: str  # how a grouped finding names it (see _label)


@lru_cache(maxsize=1 << 14)
def _judge(candidate: str) -> _Judged | None:
    """The verdict on one complete candidate, the character and its
    annotation (``區(qū)``): ``None`` when its syllable reads neither the
    character nor a variant of it. Cached for the process: farm pages
    annotate the same few hundred pairs."""
    char = candidate[0]
    written = candidate[2:].strip(_AROUND)
    verdict = readings.matching_variant_reading(char, written)
    if verdict is None:
        return None
    base, tone, via = verdict
    label = _label((char, candidate[1:], written, via, ""), {})
    return _Judged(written, via, (char, base), base, tone, label)


def _may_be_farm(text: str, candidates: list[re.Match[str]]) -> bool:
    """False when :func:`_strip_farm` is sure to give up on ``text``: one of
    its ``candidates`` (matches of :data:`_candidate`) is a complete
    annotation whose syllable :func:`_judge` does not accept (a bracketed
    word after a Han character, ``环境(IDE)``). The fast path splits each
    line at :data:`_split`, which matches where :data:`_candidate` matches
    with a closing bracket (the same pattern without the cut-off
    alternative), keys each piece as the character before it and the
    piece, as here, and gives up on the first key :func:`_judge` refuses
    (every distinct key of a block is judged). So a refused candidate is a
    necessary condition of giving up, and this test (one cached verdict a
    candidate) spares the pass over the lines of a page that is no farm's.
    """
    for m in candidates:
        if m.group("close"):
            start = m.start()
            if _judge(text[start - 1 : m.end()]) is None:
                return False
    return True


#: The characters around a syllable in an annotation: its brackets and spaces.
_AROUND = " \u3000()（）"

#: :func:`_strip_farm` reads a text a block of whole lines of about this many
#: characters at a time (a long text is not held as a list of lines).
SUB_BLOCK = 1 << 16
#: What :func:`_strip_farm` keeps of the lines it met, in characters of the
#: lines (each held with its cleaned line and finding): past it, it lets go
#: of them all and starts again (on damaged50, 4.75 million characters of
#: 26,286 distinct lines with annotations; with this bound 104,090 of the
#: 114,478 lines met again are found; a text whose lines never recur holds
#: that many characters of them at most, with their cleaned lines: some
#: 13 MiB of Han text, not as many lines as it has).
FARM_MEMO_CHARS = 1 << 22


#: What :func:`_strip_farm` takes from one line with annotations: how many,
#: the column of the first, the reading hints it leaves for convert, the
#: line without them, the finding it gave first, and for a grouped finding
#: what :func:`_made_group` makes it of (its ``original`` as held, its
#: labels, its characters; ``None`` for a plain finding): a line met again
#: gets its finding made of them at once (:func:`_again` reads them back
#: from the finding's slots, three descriptor calls). (A plain tuple: made
#: at C speed, a NamedTuple's ``__new__`` is a Python call.)
_FarmLine = tuple[
    int, int, list[ReadingHint], str, Finding, tuple[bytes, tuple[str, ...], str] | None
]


def _cut_off(end: str) -> bool:
    """Whether ``end``, a line's last :data:`_CUT_SPAN` characters, ends
    with an annotation cut off (``產(ch``): :data:`_cut` after a Han
    character. What follows _cut's bracket holds no bracket, so it can only
    match at the last bracket of ``end``: its search finds that match if
    there is one, and the character before it then decides, as a Han class
    before the bracket in the pattern would (a test checks it): a class of
    every Han character costs a pattern some 3 ms to compile."""
    m = _cut().search(end)
    return m is not None and m.start() > 0 and is_han(end[m.start() - 1])


def _has_copy(text: str) -> bool:
    """Whether :data:`_copy` matches in ``text`` (an annotation right before
    another bracketed syllable, maybe a copy of it: 中(zhong)(zhong)), asked
    only where one can: a match has a closing bracket, an opening one and a
    syllable's first letter where its two brackets meet (a match of
    :data:`_JUNCTIONS`, found at C speed), and lies within 13 characters of
    it (neither half is longer; the lookbehind sees before the window). No
    match of _JUNCTIONS holds another's start, so their scans find every one."""
    for junction in _JUNCTIONS:
        for m in junction.finditer(text):
            near = m.start()
            if _copy().search(text, max(0, near - 13), near + 14):
                return True
    return False


def _strip_farm(text: str, ctx: Context) -> tuple[str, list[Finding]] | None:
    """The common damaged page, in one pass over its lines: every bracketed
    syllable after a Han character is a complete annotation whose syllable
    reads it (no copies, none cut off, none unexplained), nothing is
    protected, and the page shows the farm pattern. Returns exactly what the
    general path would, or ``None`` to leave the text to it.

    Each line with a bracket is split at its annotations once (at C speed):
    the pieces give the cleaned line, the annotations removed, the
    characters they follow and the columns, so the findings and the output
    are built in the same pass, on the hope that the page is a farm's; the
    first candidate that is not an annotation gives up (the reading hints
    are kept aside until then). Each distinct (character, annotation) is
    judged once; of the counts the removal rule looks at, only the total
    and whether some (character, syllable) repeats are kept: here the rule
    decides removal, and its other figures are never shown."""
    if text.endswith("\r"):
        return None  # (a last line ending in a lone CR: _ANNOTATION's end of line differs)
    if _has_copy(text):
        return None
    info: dict[str, _Judged] = {}  # verdicts by character and annotation (區(qū))
    total = 0  # annotations
    repeated = False  # some (character, syllable) annotated twice
    pairs: set[tuple[str, str]] = set()  # those seen while none is
    labels: dict[_Removed, str] = {}
    findings: list[Finding] = []
    hints: dict[int, list[ReadingHint]] = {}
    line_map = ctx.line_map
    keep_readings = ctx.keep_readings
    out: list[str] = []
    first = 0  # index of the block's first line
    pos = 0
    size = len(text)
    # What each line with annotations gave, by its text: a line met again
    # (the second copy of an article, a site's header lines on each of its
    # pages, an article a farm posts on several pages) gives the same
    # pieces, verdicts and hints, each a function of the line's text alone
    # (the verdicts are cached, and a line that gives up the fast path ends
    # it at its first occurrence), so only its finding is made again, at
    # its own line and column, from the one its first occurrence gave: it
    # says the same, made of the same strings (its message, its
    # ``original``, its ``data``; findings are read-only to their readers),
    # not of copies (on 50 MB of farm pages the findings of the second
    # copies held some 25 MiB of copies until dedupe). Kept across blocks
    # (FARM_MEMO_CHARS), let go of when the step returns: on 50 MB of farm
    # pages 46,288 of the 72,574 lines a block met first had been met in an
    # earlier block, 26,286 lines in all. (A line met again after the memo
    # let go of it is met as if for the first time: the same answers.)
    done: dict[str, _FarmLine] = {}
    held_chars = 0  # of the lines in ``done``
    split = _split().split
    while pos < size:
        end = size if size - pos <= SUB_BLOCK else (text.find("\n", pos + SUB_BLOCK) + 1 or size)
        lines = (text if pos == 0 and end == size else text[pos:end]).split("\n")
        changed = False
        # The block's characters with their annotations, of the lines first
        # met in it (a line met in an earlier block adds none: its keys
        # were judged there, and it annotates them a second time).
        block: set[str] = set()
        block_total = 0
        for k, line in enumerate(lines):
            if "(" not in line and "（" not in line:
                continue
            seen = done.get(line)
            if seen is not None:
                many, col, line_hints, cleaned, made, group = seen
                if group is None:
                    findings.append(_again(made, first + k + 1, col))
                else:
                    held, named, chars = group
                    findings.append(
                        _made_group(first + k + 1, col, "", held, _LAZY_DATA, named, many, chars)
                    )
            else:
                if line[-1:] in _CUT_ENDS and _cut_off(line[-_CUT_SPAN:]):
                    return None  # cut off at the end of the line
                parts = split(line)
                if len(parts) == 1:
                    continue
                anns = parts[1::2]
                chars = "".join(map(_LAST, parts[0:-1:2]))
                many, col = len(anns), len(parts[0]) + 1
                at = (first + k + 1, col)
                # (The verdicts are asked of _judge's cache, at C speed; those
                # of the block are kept in ``info`` at its end.)
                if many == 1:
                    key = chars + anns[0]
                    block.add(key)
                    j = _judge(key)
                    if j is None:
                        return None
                    made = _removal_finding([(chars, anns[0], j.written, j.via, "")], at, labels)
                    group = None
                else:
                    # (each string hashed once: the dict's hashes serve the set)
                    distinct = dict.fromkeys(map(add, chars, anns))
                    block.update(distinct)
                    # the first distinct candidates (the message names a few only)
                    first_judged = list(map(_judge, islice(distinct, NAMED_IN_MESSAGE + 1)))
                    if None in first_judged:
                        return None
                    named = tuple(map(_LABEL, cast("list[_Judged]", first_judged)))
                    made = _group_finding(many, named, at, "".join(anns), chars)
                    group = (_ORIGINAL.__get__(made, Finding), named, chars)
                line_hints = []
                # (Only when they are kept: the verdicts the hints ask for are
                # asked at the end of the block anyway, of every annotation.)
                if keep_readings and _HINTED_CHAR.search(chars):
                    # Each hint's column is in the cleaned line: the length of
                    # the text before its annotation, less one.
                    for hm in _HINTED_CHAR.finditer(chars):
                        n = hm.start()
                        key = chars[n] + anns[n]
                        j = _judge(key)
                        if j is None:
                            return None
                        at_col = sum(map(len, parts[0 : 2 * n + 1 : 2])) - 1
                        line_hints.append(ReadingHint(at_col, key[0], j.base, j.tone))
                cleaned = "".join(parts[0::2])
                held_chars += len(line)
                if held_chars > FARM_MEMO_CHARS:
                    done.clear()
                    held_chars = len(line)
                done[line] = (many, col, line_hints, cleaned, made, group)
                findings.append(made)
            block_total += many
            if line_hints:
                # (a hint is immutable: a repeated line's are its first one's)
                i = first + k
                orig_line = line_map[i] if i < len(line_map) else i + 1
                hints.setdefault(orig_line, []).extend(line_hints)
            lines[k] = cleaned
            changed = True
        # Every annotation of the block judged (each distinct one once; the
        # verdicts are the process's cached ones, looked up at C speed, and
        # one refused gives up whichever it is).
        todo = block.difference(info)
        if todo:
            judged = dict(zip(todo, map(_judge, todo)))
            if None in judged.values():
                return None
            info.update(cast("dict[str, _Judged]", judged))
        total += block_total
        if not repeated:
            # (``pairs`` is read only while none repeats: once one does, the
            # rest of the block and the blocks after are not looked at.
            # More annotations than keys: a key twice in the block, or a
            # line met in an earlier block, whose keys were annotated there
            # too; a repeat either way.)
            repeated = block_total > len(block)
            if not repeated:
                for key in block:
                    pair = info[key].pair
                    if pair in pairs:
                        repeated = True
                        break
                    pairs.add(pair)
        out.append("\n".join(lines) if changed else text[pos:end])
        first += len(lines) - 1
        pos = end
    if not total:
        return None
    # The rule (see evidence()) with the Han characters counted only when
    # the text's length does not decide: there are no more of them than
    # characters, and the fewer, the denser the annotations.
    han = len(text)
    for _ in range(2):
        per100 = 100.0 * total / max(han, 1)
        if (total >= MIN_ANNOTATIONS and repeated and per100 >= MIN_PER_100_HAN) or (
            total >= DENSE_MIN_ANNOTATIONS and per100 >= DENSE_PER_100_HAN
        ):
            break
        if han != len(text):
            return None
        han = sum(map(len, _han_run().findall(text)))
    if protected_spans(text, detect(text, ctx.config)):
        return None
    for orig_line, line_hints in hints.items():
        ctx.readings.setdefault(orig_line, []).extend(line_hints)
    return "".join(out), findings


#: The characters whose conversion to Simplified a reading decides.
_HINTED_CHAR = re.compile(f"[{''.join(sorted(T2S_BY_READING))}]")
