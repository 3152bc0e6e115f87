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
The pre-check is a ``(``/``（``/``?`` membership test, then a
:func:`cleantext.textutil.find_chars` loop over just those characters; the
reading table is loaded only when a bracket follows a Han character and
holds Latin letters.

>>> from cleantext.steps import Context
>>> strip_pinyin("青島高新區(qū):打造“一區(qū)多園”青島模式", Context())[0]
'青島高新區:打造“一區多園”青島模式'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .. import readings
from ..findings import Finding
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
    if not ("(" in text or "（" in text or "?" in text or "？" in text or "\ufffd" in text):
        return text, []
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
    for start in find_chars(text, "(（"):
        if not start or not is_han(text[start - 1]):
            continue
        if annotations and start < annotations[-1].end:
            continue  # a copy of the annotation before it
        found_at = _annotation_at(text, start, readings)
        if found_at is None:
            continue
        m, end = found_at
        prev = text[start - 1]
        written = m.group("py")
        if m.group("close"):
            found = readings.matching_variant_reading(prev, written)
            if found is not None:
                annotations.append(
                    _Annotation(start, end, prev, written, found[0], found[1], found[2])
                )
            elif readings.is_syllable(written):
                unmatched.append((start, end, prev, written))
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
    messages: dict[tuple[str, str, str, str], str] = {}
    edits.extend((a.start, a.end, "", None, a) for a in annotations)
    edits.sort(key=lambda e: e[0])
    out: list[str] = []
    pos = 0
    removed_on_line = 0
    current_line = 0
    for e_start, e_end, replacement, finding, ann in edits:
        if e_start < pos:
            continue
        line, col = index.line_col(e_start)
        if line != current_line:
            current_line, removed_on_line = line, 0
        out.append(text[pos:e_start])
        out.append(replacement)
        pos = e_end
        original = text[e_start:e_end]
        if ann is None:
            assert finding is not None
            findings.append(finding)
            removed_on_line += len(original) - len(replacement)
            continue
        a = ann
        if a.char in T2S_BY_READING:
            orig_line = ctx.line_map[line - 1] if 0 < line <= len(ctx.line_map) else line
            hints.setdefault(orig_line, []).append(
                ReadingHint(col - 2 - removed_on_line, a.char, a.base, a.tone)
            )
        removed_on_line += len(original)
        key = (a.char, original, a.via, a.context)
        cached = messages.get(key)
        if cached is not None:
            message = cached
        else:
            # A farm page annotates the same few dozen pairs again and again.
            if a.via:
                why = f"{a.written} is a reading of {a.via}, a form of {a.char}"
            elif a.context:
                why = f"{a.written} is how {a.char} reads in {a.context}, by pypinyin's phrases"
            else:
                why = f"{a.written} is a reading of {a.char}"
            message = messages[key] = (
                f"removed the pinyin annotation {original} after {a.char} ({why})"
            )
        data: dict[str, Any] = {"char": a.char, "pinyin": a.written}
        if a.via:
            data["via"] = a.via
        if a.context:
            data["context"] = a.context
        findings.append(
            Finding(
                "pinyin",
                line,
                col,
                "pinyin-annotation",
                message,
                original=original,
                replacement="",
                data=data,
            )
        )
    out.append(text[pos:])
    findings.sort(key=lambda f: (f.line, f.col))
    return "".join(out), findings
