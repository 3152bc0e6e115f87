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
is loaded only when there is a candidate. A farm page (every candidate a
complete annotation that reads its character) takes a fast path: the
candidates found a line at a time as strings, each distinct one judged
once per process, one finding per line built from them at C speed, and
the annotations removed by one substitution over blocks of lines.

>>> from cleantext.steps import Context
>>> strip_pinyin("青島高新區(qū):打造“一區(qū)多園”青島模式", Context())[0]
'青島高新區:打造“一區多園”青島模式'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice
from operator import itemgetter
from typing import Any, NamedTuple, cast

from .. import readings
from ..findings import Finding
from ..idle import pinyin_idle
from ..markup import Protected, detect, protected_spans
from ..readings import T2S_BY_READING
from ..textutil import HAN_CLASS, LineIndex, find_chars, is_han
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
_HAN_ANNOTATION = re.compile(f"(?<=[{HAN_CLASS}])" + _ANNOTATION.pattern)
_LOST = re.compile(rf"(?P<lost>[?？\ufffd])(?P<rest>[(（]?{_SP}(?P<py>{_PY}){_SP}[)）])")
# Any bracketed syllable after a Han character: what is taken out of a line
# to see the words its annotated characters stand in.
_ANY_ANNOTATION = re.compile(rf"(?<=[{HAN_CLASS}])[(（]{_SP}{_PY}{_SP}[)）]")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_TONE_MARKED = re.compile("[\u00e0-\u01dc\u1e3f-\u1ec1\u0300-\u030c]")

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
    for m in _ANY_ANNOTATION.finditer(line):
        parts.append(line[pos : m.start()])
        if m.start() <= at:
            index -= m.end() - m.start()
        pos = m.end()
    parts.append(line[pos:])
    clean = "".join(parts)
    for m in _HAN_RUN.finditer(clean):
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
    """Remove annotations by the rule in the module docstring; report the rest."""
    if pinyin_idle(text):
        return text, []
    return _strip(text, ctx)


def _strip(text: str, ctx: Context, *, fast: bool = True) -> tuple[str, list[Finding]]:
    """:func:`strip_pinyin` past its idle test; ``fast=False`` never takes
    the farm page's fast path (:func:`_strip_farm`), for tests."""
    annotations: list[_Annotation] = []
    lost: list[_Lost] = []
    reports: list[
        tuple[int, int, str, str, dict[str, Any]]
    ] = []  # (start, end, code, message, data)
    unmatched: list[tuple[int, int, str, str]] = []
    if "?" in text or "？" in text or "\ufffd" in text:
        for i in find_chars(text, "?？\ufffd"):
            m = _LOST.match(text, i)
            if m is None:
                continue
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
                if (
                    nxt is None
                    or not nxt.group("close")
                    or not readings.is_syllable(nxt.group("py"))
                ):
                    break
                end = nxt.end()
            lost.append(_Lost(m.start(), end, written, text[m.start() + 1 : end], marked))
    # One verdict per (character, written syllable): a farm page repeats the
    # same few dozen pairs thousands of times.
    verdicts: dict[tuple[str, str], tuple[str, int | None, str] | bool] = {}
    size = len(text)
    if not lost and fast:
        farm = _strip_farm(text, ctx)
        if farm is not None:
            return farm
    for m in _HAN_ANNOTATION.finditer(text):
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
    # Leave code alone (Markdown, HTML): decided only now that there is work.
    markup = detect(text, ctx.config)
    protected = Protected(protected_spans(text, markup))
    if protected:
        annotations = [a for a in annotations if not protected.covers(a.start - 1, a.end)]
        reports = [r for r in reports if not protected.covers(r[0] - 1, r[1])]
        lost = [x for x in lost if not protected.covers(x.start, x.end)]
        unmatched = [u for u in unmatched if not protected.covers(u[0] - 1, u[1])]
    if not annotations and not reports and not lost:
        return text, []

    pairs: Counter[tuple[str, str]] = Counter((a.char, a.base) for a in annotations)
    han = sum(map(len, _HAN_RUN.findall(text))) if annotations else 0
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
    index = LineIndex(text)
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
        if ann.char in T2S_BY_READING:
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


#: Texts up to this long keep the candidates of the first pass of
#: :func:`_strip_farm` for the second (a page's; a corpus file's are found again).
KEEP_CANDIDATES = 1 << 18

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
    count: int, named: list[str], at: tuple[int, int], original: str, chars: str
) -> Finding:
    """The finding for ``count`` (> 1) annotations removed from one line:
    ``named`` are its first distinct annotations (``區(qū)``; one more than
    the message names when there are more), ``original`` every removed
    annotation in order, ``chars`` the character each one followed."""
    shown = ", ".join(named[:NAMED_IN_MESSAGE])
    if len(named) > NAMED_IN_MESSAGE:
        shown += "..."
    return Finding(
        "pinyin",
        at[0],
        at[1],
        "pinyin-annotation",
        f"removed {count} pinyin annotations from this line ({shown}), each a reading of the "
        "character before it",
        original=original,
        replacement="",
        data={"count": count, "chars": chars},
    )


# -- the fast path: a farm page and nothing else --------------------------------------------

# Every candidate in a line (split on LF) as one string, the character it
# follows and the candidate as written (``區(qū)``, or ``產(ch`` cut off at the
# end of the line): no groups, so ``findall`` makes one object per match.
# The end of a line is what the end of a line or of the text is to _ANNOTATION.
_LINE_CANDIDATE = re.compile(f"[{HAN_CLASS}][(（]{_SP}{_PY}{_SP}(?:[)）]|(?=\\r?\\Z))")
#: The characters around a syllable in a candidate: its brackets and spaces.
_AROUND = " \u3000()（）"
_FIRST = itemgetter(0)  # a candidate's character
_REST = itemgetter(slice(1, None))  # the candidate as written, without it
# A complete annotation in a line: (char, annotation as written, syllable).
_PAIR = re.compile(rf"([{HAN_CLASS}])([(（]{_SP}({_PY}){_SP}[)）])")
# (The bracket first, the Han character behind it checked after: ``re``
# then skips ahead to brackets instead of trying the lookbehind everywhere.)
_PAIR_BRACKETS = re.compile(rf"[(（](?<=[{HAN_CLASS}][(（]){_SP}{_PY}{_SP}[)）]")
# An annotation followed by another bracketed syllable, maybe a copy of it
# (中(zhong)(zhong)): the general path.
_COPY = re.compile(rf"[(（](?<=[{HAN_CLASS}][(（]){_SP}{_PY}{_SP}[)）][(（]{_SP}{_PY}{_SP}[)）]")


@lru_cache(maxsize=64)
def _hinted_pairs(chars: frozenset[str]) -> re.Pattern[str]:
    """:data:`_PAIR` for the annotations of ``chars`` only."""
    return re.compile(rf"([{''.join(sorted(chars))}])([(（]{_SP}({_PY}){_SP}[)）])")


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
    """The verdict on one candidate of :data:`_LINE_CANDIDATE` (``區(qū)``):
    ``None`` when it is cut off or its syllable reads neither the character
    nor a variant of it. Cached for the process: farm pages annotate the
    same few hundred pairs."""
    if candidate[-1] not in ")）":
        return None  # cut off at the end of a line
    char = candidate[0]
    written = candidate[2:].strip(_AROUND)
    verdict = readings.matching_variant_reading(char, written)
    if verdict is None:
        return None
    base, tone, via = verdict
    label = _label((char, candidate[1:], written, via, ""), {})
    return _Judged(written, via, (char, base), base, tone, label)


def _strip_farm(text: str, ctx: Context) -> tuple[str, list[Finding]] | None:
    """The common damaged page, in a few scans at C speed: every bracketed
    syllable after a Han character is a complete annotation whose syllable
    reads it (no copies, none cut off, none unexplained), nothing is
    protected, and the page shows the farm pattern. Returns exactly what the
    general path would, or ``None`` to leave the text to it."""
    if text.endswith("\r"):
        return None  # (a last line ending in a lone CR: _LINE_CANDIDATE would differ)
    # A page's candidates are kept for the second pass, by line; a long
    # text's are counted a block of lines at a time and found again there
    # instead (a farm page has hundreds of thousands, too many to hold).
    keep = len(text) <= KEEP_CANDIDATES
    kept: list[tuple[int, str, list[str]]] = []
    found: Counter[str] = Counter()
    if keep:
        kept = list(_candidate_lines(text))
        found.update(chain.from_iterable([c for _, _, c in kept]))
    else:
        for _, _, candidates in _candidate_lines(text):
            found.update(candidates)
    if not found:
        return None
    # One verdict per distinct candidate (cached: map calls the cache at C
    # speed); each (character, syllable) pair counted in a plain dict.
    judged = list(map(_judge, found))
    if None in judged:
        return None
    info: dict[str, _Judged] = dict(zip(found, cast(list[_Judged], judged)))
    counts: dict[tuple[str, str], int] = {}
    for j, n in zip(info.values(), found.values()):
        counts[j.pair] = counts.get(j.pair, 0) + n
    total = sum(found.values())
    del found, judged
    # (a copy needs one bracket right after another: four substring tests
    # at C speed say whether the pattern can match at all)
    if (")(" in text or "）（" in text or ")（" in text or "）(" in text) and _COPY.search(
        text
    ) is not None:
        return None
    # The Han characters are counted only when the text's length does not
    # decide: there are no more of them than characters.
    pairs = Counter(counts)
    if not evidence(total, pairs, len(text))["farm_pattern"]:
        han = sum(map(len, _HAN_RUN.findall(text)))
        if not evidence(total, pairs, han)["farm_pattern"]:
            return None
    if protected_spans(text, detect(text, ctx.config)):
        return None
    hinted = frozenset(c[0] for c in info if c[0] in T2S_BY_READING)
    verdicts = {(c[0], j.written): j for c, j in info.items() if c[0] in hinted}
    hints = ctx.readings
    labels: dict[_Removed, str] = {}
    label_of = {c: j.label for c, j in info.items()}
    findings: list[Finding] = []
    for i, line, ms in kept if keep else _candidate_lines(text):
        # (every candidate is a complete annotation here)
        first = ms[0]
        # The first match is the first occurrence of its own text.
        at = (i + 1, line.find(first) + 2)
        if len(ms) == 1:
            chars = first[0]
            j = info[first]
            group: list[_Removed] = [(chars, first[1:], j.written, j.via, "")]
            findings.append(_removal_finding(group, at, labels))
        else:
            chars = "".join(map(_FIRST, ms))
            # the first distinct candidates (the message names a few only)
            named = list(map(label_of.__getitem__, islice(dict.fromkeys(ms), NAMED_IN_MESSAGE + 1)))
            findings.append(_group_finding(len(ms), named, at, "".join(map(_REST, ms)), chars))
        if hinted and not hinted.isdisjoint(chars):
            # Each hint's column is in the cleaned line: the annotations
            # before it are counted out a segment at a time.
            orig_line = ctx.line_map[i] if i < len(ctx.line_map) else i + 1
            removed = 0
            pos = 0
            for hm in _hinted_pairs(hinted).finditer(line):
                char, original, written = hm.groups()
                segment = line[pos : hm.start()]
                removed += len(segment) - len(_PAIR_BRACKETS.sub("", segment))
                verdict = verdicts[(char, written)]
                hints.setdefault(orig_line, []).append(
                    ReadingHint(hm.start() - removed, char, verdict.base, verdict.tone)
                )
                removed += len(original)
                pos = hm.end()
    del kept
    return _remove_annotations(text), findings


def _candidate_lines(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """``(index, line, candidates)`` for each line (split on LF) with a
    candidate (:data:`_LINE_CANDIDATE`), a block of lines of about
    :data:`SUB_BLOCK` characters split at a time (a long text is not held
    as a list of lines)."""
    first = 0
    pos = 0
    size = len(text)
    while pos < size:
        end = size if size - pos <= SUB_BLOCK else (text.find("\n", pos + SUB_BLOCK) + 1 or size)
        lines = (text if pos == 0 and end == size else text[pos:end]).split("\n")
        for k, line in enumerate(lines):
            if "(" in line or "（" in line:
                candidates = _LINE_CANDIDATE.findall(line)
                if candidates:
                    yield first + k, line, candidates
        first += len(lines) - 1
        pos = end


#: :func:`_remove_annotations` substitutes in blocks of whole lines of about
#: this many characters.
SUB_BLOCK = 1 << 16


def _remove_annotations(text: str) -> str:
    """``text`` without the annotations :data:`_PAIR_BRACKETS` finds. None
    crosses a line, so a long text is substituted a block of lines at a
    time: a substitution holds every piece between two matches as an
    object of its own until it joins them, several times the text on a
    farm page."""
    if len(text) <= SUB_BLOCK:
        return _PAIR_BRACKETS.sub("", text)
    out: list[str] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos + SUB_BLOCK) + 1 or len(text)
        out.append(_PAIR_BRACKETS.sub("", text[pos:end]))
        pos = end
    return "".join(out)
