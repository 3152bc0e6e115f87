"""The ``dedupe`` step: remove repeated copies of the article or of paragraph runs.

Scrapers often save an article twice, the second time under a reordered
header. Lines are compared by a normalised key (whitespace removed, NBSP and
ideographic spaces included) held in one dict, so the cost is linear in the
size of the text:

1. walk the non-blank lines; a line whose key was seen before starts a run
   that is extended while the following lines repeat the lines after the
   first occurrence (the walk then jumps past the run, so a file of
   identical lines stays linear);
2. runs that touch are merged into blocks; at each end of a block, up to
   ``BOUNDARY_LINES`` short lines that nearly repeat the lines at the same
   place around the first copy (a breadcrumb without its prefix, a
   date/source line reordered) join it;
3. a block is removed only if it holds two real paragraphs
   (``MIN_PARAGRAPHS``: lines of ``LINE_CHARS`` or sentences of
   ``SENTENCE_CHARS``; not table rows, nor short list items), or one paragraph of
   ``PARAGRAPH_CHARS`` and another line, or if it is the whole text again
   (``X X``). A short line repeated alone (``（完）``), list items, table
   rows and refrains stay; a long line repeated alone is reported;
3b. a run of short lines repeated (a caption and its photo credit, a
   headline and its byline, a few short review sentences saved twice, a
   chorus) is reported, never removed, on a scraped page too: issue 9 lets
   dedupe remove only a whole second copy of the article and, on scraped
   pages, repeated runs of long prose paragraphs; a caption saved twice
   looks exactly like a couplet quoted twice;
4. the blank lines that separated the block from the kept text go too.

The first copy is always the one kept. Structure (list items, headings,
tables, fenced code: :func:`~cleantext.pagemodel.structure_lines`) is never
matched or removed, except inside a verified whole second copy of the
article (:func:`_whole_copies`: every line of the copy repeats the whole
first copy in order, with long paragraphs of prose in it); that copy goes
as one unit, list items and headings included, since they survive in the
first copy. The same list repeated alone stays.

>>> from cleantext.steps import Context
>>> para = ["第一段很长的文字，讲了一件事情的来龙去脉，细节很多。", "第二段也很长，继续讲这件事情后来怎样了，结局如何。"]
>>> text = "\\n".join(["标题", *para, "", "标题", *para]) + "\\n"
>>> out, findings = remove_duplicates(text, Context())
>>> out == "\\n".join(["标题", *para]) + "\\n"
True
>>> findings[0].line, findings[0].end_line, findings[0].data["source"]
(4, 7, [1, 3])
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Sequence
from itertools import compress
from typing import NamedTuple

from ..findings import Finding
from ..markup import fence_marks, fence_spans, is_code_file
from ..pagemodel import (
    LATER_CHARS,
    Keys,
    LineIndex,
    Protected,
    content_keys,
    content_positions,
    index_of,
    is_breadcrumb,
    is_code,
    is_furniture,
    is_header_field,
    keep_authored,
    known_page,
    line_keys,
    page_of,
    plain_lines,
    repeat_runs,
    structure_of,
)
from .base import Context

#: A block must repeat at least this many paragraphs to be removed.
MIN_PARAGRAPHS = 2
#: A line this long (normalised) counts as a paragraph even without a full
#: stop (list items only from ``PARAGRAPH_CHARS``; table rows never).
LINE_CHARS = 20
#: A long paragraph: one of these and any other repeated line make a block.
PARAGRAPH_CHARS = 30
#: A line with sentence punctuation counts as a paragraph from this length.
SENTENCE_CHARS = 12
#: How many near-duplicate header/footer lines may join a block at each end.
BOUNDARY_LINES = 8
#: Header lines longer than this are not compared loosely.
BOUNDARY_MAX_CHARS = 200
#: A line this short above a second copy may be a category line of its header.
SHORT_HEADER_CHARS = 16
#: A text repeated whole (X X) goes if the repeat has at least this many characters.
WHOLE_MIN_CHARS = 30
#: A single repeated line at least this long is reported (never removed).
REPORT_LINE_CHARS = 30
#: The bigram sets dedupe keeps from one block's header walk to the next
#: (they are let go of at once when there are more).
MEMO_SETS = 256

_SENTENCE = re.compile(r"[。！？!?.;；]")
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)】》]*$")
_LIST = re.compile(r"^\s*(?:[-*+•·]\s|\d{1,3}[.)、．]|[(（]\d{1,3}[)）]|[０-９]{1,3}[、．])")
_TABLE = re.compile(r"^\s*\||\|\s*$|\t.*\t")
_LOOSE_DROP = re.compile(r"[\W_]+")


def _table_row(line: str) -> bool:
    """Whether ``_TABLE`` finds a table row's mark in ``line``. Every match
    holds a "|" or a tab (its first two alternatives a "|", the third two
    tabs), so a line with neither is answered without the pattern: most
    lines, at C speed."""
    return ("|" in line or "\t" in line) and _TABLE.search(line) is not None


def _is_paragraph(bare: str, key: str) -> bool:
    if _table_row(bare):
        return False
    if _LIST.match(bare):
        return len(key) >= PARAGRAPH_CHARS
    if len(key) >= LINE_CHARS:
        return True
    return len(key) >= SENTENCE_CHARS and _SENTENCE.search(key) is not None


def _bigrams(s: str) -> set[int]:
    """The pairs of adjacent characters of ``s`` casefolded and without
    ``_LOOSE_DROP``, each as one int: the two characters' UTF-32 units side
    by side. Two pairs give the same int exactly when they are the same two
    characters (each character is one unit, a lone surrogate too, passed
    through as its code point), so the sets' sizes and the sizes of their
    intersections are those of the sets of two-character strings. Read at
    C speed from the UTF-32 bytes as 64-bit units: from byte 0 the pairs
    that start at an even index, from byte 4 those at an odd one (some 40%
    quicker than making a string of each pair)."""
    # (Not built as pairs of characters: the tuples, tracked by the garbage
    # collector, measured slower. Memoised only for one block's header walk
    # (_near): a process-wide lru_cache kept 76 MB of a 10 MB run.)
    s = _LOOSE_DROP.sub("", s.casefold())
    units = memoryview(s.encode("utf-32-le", "surrogatepass"))
    n = len(s)
    pairs = set(units[: 8 * (n // 2)].cast("Q"))
    if n > 2:
        pairs.update(units[4 : 4 + 8 * ((n - 1) // 2)].cast("Q"))
    return pairs


def near_duplicate(a: str, b: str) -> bool:
    """Two short lines saying the same thing, maybe reordered or with a prefix.

    >>> near_duplicate("當前位置:主頁 > 新聞中心 >", "主頁 > 新聞中心 >")
    True
    >>> near_duplicate("來源:高新院 日期:2023-03-01 點擊:", "2023-03-01 來源:高新院 點擊:")
    True
    >>> near_duplicate("第一章 开始", "第二章 结束")
    False
    """
    return _near(a, b, {})


def _near(a: str, b: str, memo: dict[str, set[int]], sizes: dict[str, int] | None = None) -> bool:
    """:func:`near_duplicate`, with the bigrams of each line kept in ``memo``
    (one block's: the header walk compares each of up to 16 lines with each
    of up to 11 lines of the first copy's header) and, if given, the number
    of them in ``sizes`` (the whole text's: a number, not a set, so it may
    be kept for every line compared; a site's header lines recur on each of
    its pages).

    The test on the sizes alone (the smaller set has three bigrams or more,
    and half as many as the larger) comes first: when the sizes are known it
    says no without the sets (a line's sizes are those of the sets it would
    have made; the answer is the same)."""
    if a == b:
        return True
    if max(len(a), len(b)) > BOUNDARY_MAX_CHARS:
        return False
    if sizes is not None:
        na, nb = _size(a, memo, sizes), _size(b, memo, sizes)
        small_n, big_n = (na, nb) if na <= nb else (nb, na)
        if small_n < 3 or small_n < 0.5 * big_n:
            return False
    x, y = _bigrams_in(a, memo), _bigrams_in(b, memo)
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    if len(small) < 3 or len(small) < 0.5 * len(big):
        return False
    return len(small & big) >= 0.8 * len(small)


def _size(s: str, memo: dict[str, set[int]], sizes: dict[str, int]) -> int:
    """The number of bigrams of ``s`` (kept in ``sizes``; its set, when
    made here, in ``memo``)."""
    n = sizes.get(s)
    if n is None:
        n = sizes[s] = len(_bigrams_in(s, memo))
    return n


def _bigrams_in(s: str, memo: dict[str, set[int]]) -> set[int]:
    """The bigrams of ``s``, kept in ``memo``."""
    x = memo.get(s)
    if x is None:
        x = memo[s] = _bigrams(s)
    return x


def _near_header(
    a: str,
    heads: Sequence[str],
    memo: dict[str, set[int]],
    sizes: dict[str, int],
    head_sizes: list[int],
) -> bool:
    """Line key ``a`` repeats a line of a first copy's header (``heads``):
    ``any(_near(a, h) or (len(a) >= 4 and a in h) or (len(h) >= 2 and h in a
    and len(a) <= len(h) + 12) for h in heads)``, the same answer for less.
    ``head_sizes``: the sizes of the heads' bigram sets (-1 for a head too
    long to compare), filled by the first call of a block.

    The substring tests (at C speed) for every ``h`` come first (each test
    is true or false whatever ran before it: the order does not change the
    answer). Then :func:`_near` for every ``h``, its steps written out: true
    if ``a == h``; false if either is longer than ``BOUNDARY_MAX_CHARS``;
    false unless the smaller set has three bigrams or more and at least half
    as many as the larger, that is, with ``na`` bigrams of ``a`` and ``nh``
    of ``h``: ``na >= 3``, ``nh >= 3`` and ``na / 2 <= nh <= 2 * na`` (if
    ``nh <= na`` the smaller is ``nh``: ``nh >= 3`` and ``nh >= na / 2``,
    and ``na >= 3`` follows; if ``nh > na`` the smaller is ``na``:
    ``na >= 3`` and ``na >= nh / 2``, and ``nh >= 3`` follows); then the
    intersection of the two sets holds 80% of the smaller. Only the heads
    within the sizes' bounds are given the sets."""
    la = len(a)
    for h in heads:
        if (la >= 4 and a in h) or (len(h) >= 2 and h in a and la <= len(h) + 12):
            return True
    if a in heads:
        return True
    if la > BOUNDARY_MAX_CHARS:
        return False
    na = _size(a, memo, sizes)
    if na < 3:
        return False
    if not head_sizes:
        head_sizes.extend(
            _size(h, memo, sizes) if len(h) <= BOUNDARY_MAX_CHARS else -1 for h in heads
        )
    lo, hi = 0.5 * na, 2 * na
    x: set[int] | None = None
    for h, nh in zip(heads, head_sizes):
        if nh >= 3 and lo <= nh <= hi:
            if x is None:
                x = _bigrams_in(a, memo)
            y = _bigrams_in(h, memo)
            if len(x & y) >= 0.8 * min(na, nh):
                return True
    return False


def _enough_paragraphs(ix: LineIndex, pos: Sequence[int], keys: Keys, start: int, end: int) -> bool:
    """Two paragraphs, or one of ``PARAGRAPH_CHARS`` among two lines or more
    (stops as soon as it knows, so a huge block costs little). (The lines
    cut from ``ix``'s text here: ``ix.lines[i]``, a call fewer a line.)"""
    found = 0
    long = False
    text, starts = ix.text, ix.starts
    for q in range(start, end):
        key = keys[q]
        if len(key) >= SENTENCE_CHARS:
            i = pos[q]
            if _is_paragraph(text[starts[i] : starts[i + 1] - 1].rstrip("\r"), key):
                found += 1
                long = long or len(key) >= PARAGRAPH_CHARS
                if found >= MIN_PARAGRAPHS or (long and end - start >= 2):
                    return True
    return False


def _header_stop(bare: str, key: str) -> bool:
    """A line a header does not hold: a paragraph of prose, a list item or
    table row."""
    if _table_row(bare):
        return True
    return len(key) >= PARAGRAPH_CHARS and _SENTENCE_END.search(key) is not None or len(key) > 80


def _whole_copies(
    lines: Sequence[str],
    pos: Sequence[int],
    keys: Keys,
    protected: Container[int],
    flags: bytes,
) -> set[int]:
    """Content positions of verified whole second (and third) copies of the
    article and of the first copy they repeat, structure lines included.

    A copy is whole when every line of it repeats the first copy in order
    (one run of exact repeats); the first copy starts within
    ``BOUNDARY_LINES`` of the top and the copy within ``BOUNDARY_LINES``
    after it (or after another whole copy of the same lines), and those
    lines in between, and the lines after the last copy, hold no paragraph
    of prose (a header or a footer, not more of the article); and the copy
    holds two long paragraphs (``PARAGRAPH_CHARS``; long list items count),
    one of them prose outside any structure. A list repeated alone, or a
    part of the article repeated, is not whole. (``flags``: for
    :func:`~cleantext.pagemodel.repeat_runs`.)
    """
    m_ = len(keys)

    def prose(a: int, z: int) -> bool:
        return any(_header_stop(lines[pos[q]].rstrip("\r"), keys[q]) for q in range(a, z))

    found: list[tuple[int, int, int]] = []  # copy start, length, source start
    for p, k, j in repeat_runs(keys, flags):
        last = found[-1] if found else None
        if (
            last is not None
            and (last[2], last[1]) == (j, k)
            and 0 <= p - last[0] - k <= BOUNDARY_LINES
        ):
            gap = last[0] + k  # right after another whole copy
        elif 0 <= p - (j + k) <= BOUNDARY_LINES:
            gap = j + k  # right after the first copy
        else:
            continue
        long = [
            q for q in range(p, p + k)
            if len(keys[q]) >= PARAGRAPH_CHARS and _is_paragraph(lines[pos[q]].rstrip("\r"), keys[q])
        ]  # fmt: skip
        if (
            j <= BOUNDARY_LINES and k >= 2 and len(long) >= 2
            and any(pos[q] not in protected for q in long)
            and not prose(0, j) and not prose(gap, p)
        ):  # fmt: skip
            found.append((p, k, j))
    out: set[int] = set()
    if found and not prose(found[-1][0] + found[-1][1], m_):
        for p, k, j in found:
            out.update(range(j, j + k))
            out.update(range(p, p + k))
    return out


def _structure_copy(
    lines: Sequence[str],
    pos: Sequence[int],
    keys: Keys,
    protected: Container[int],
    ctx: Context,
    ix: LineIndex,
) -> list[Finding]:
    """A report for a text that is the same lines two or three times and
    nothing else, when the copies are not removed because their long lines
    are structure (a numbered article saved twice; fenced code twice):
    structure is never removed outside a copy with prose in it, but the
    repeat is said."""
    m_ = len(keys)
    hashes: array[int] | None = None  # of the content lines' keys, if asked
    line_hashes = ix.hashes
    for c in (2, 3):
        part = m_ // c
        if part < 2 or m_ % c:
            continue
        if line_hashes[pos[part]] != line_hashes[pos[0]]:
            # The second copy's first line has another key than the first
            # line's (equal keys hash alike): the test below fails on its
            # first hash (hashes[part] == hashes[0]), so it is not made.
            continue
        if hashes is None:
            hashes = array("q", compress(ix.hashes, ix.nonblank))
        if (
            # Equal keys hash alike: the hashes rule most texts out at C speed.
            all(hashes[i * part : (i + 1) * part] == hashes[:part] for i in range(1, c))
            and all(keys[i * part + t] == keys[t] for i in range(1, c) for t in range(part))
            and any(pos[q] in protected for q in range(part, m_))
            and (c - 1) * sum(len(keys[t]) for t in range(part)) >= WHOLE_MIN_CHARS
        ):  # fmt: skip
            a, z = pos[part], pos[m_ - 1]
            s_z = _original(pos[part - 1] + 1, ctx)
            return [
                Finding(
                    "dedupe", a + 1, 1, "duplicate-structure",
                    f"lines {a + 1}-{z + 1} repeat the whole text above them (lines 1-{s_z}); "
                    "kept: list items, headings, tables and code are removed only with a "
                    "second copy that has prose of its own",
                    fixed=False, original="\n".join(x.rstrip("\r") for x in lines[a : z + 1]),
                    end_line=z + 1, score=0.5, data={"source": [_original(pos[0] + 1, ctx), s_z]},
                )
            ]  # fmt: skip
    return []


def _original(n: int, ctx: Context) -> int:
    """Line ``n`` of this step's input, numbered as in the original input."""
    return ctx.line_map[n - 1] if 0 < n <= len(ctx.line_map) else n


def _report_single(
    findings: list[Finding],
    lines: Sequence[str],
    pos: Sequence[int],
    keys: Keys,
    start: int,
    end: int,
    src: int,
    src_end: int,
    ctx: Context,
    counts: Counter[str] | None,
) -> None:
    """A long line repeated alone, or a run of short lines repeated (not
    table rows) right after itself (a poem or a caption saved twice, or a
    refrain sung twice) or anywhere else when each of its lines occurs just
    twice (a headline and its byline, a caption and its credit saved again
    further down; a refrain recurs; not in code, where ``counts`` is None),
    is reported, never removed: issue 9 removes only a whole second copy
    and, on a scraped page, a run of long paragraphs; everything else that
    repeats is reported."""
    if (
        end - start >= 2
        and (
            src_end == start
            or (counts is not None and all(counts[keys[q]] == 2 for q in range(start, end)))
        )
        and not any(_table_row(lines[pos[q]]) for q in range(start, end))
    ):  # fmt: skip
        a, z = pos[start], pos[end - 1]
        s_a, s_z = _original(pos[src] + 1, ctx), _original(pos[src_end - 1] + 1, ctx)
        where = " right after them" if src_end == start else ""
        findings.append(
            Finding(
                "dedupe", a + 1, 1, "duplicate-run",
                f"these {z - a + 1} lines repeat lines {s_a}-{s_z}{where}; "
                "kept, since short lines repeated may be a refrain, verse or a caption",
                fixed=False, original="\n".join(x.rstrip("\r") for x in lines[a : z + 1]),
                end_line=z + 1, score=0.5,
                data={"source": [s_a, s_z]},
            )
        )  # fmt: skip
    elif end - start == 1 and len(keys[start]) >= REPORT_LINE_CHARS:
        i = pos[start]
        findings.append(_repeated_line(i, _original(pos[src] + 1, ctx), lines[i]))


def _repeated_line(i: int, source: int, line: str) -> Finding:
    """The report of line ``i`` (0-based), which repeats line ``source``
    (1-based) alone: one line repeated is never removed."""
    return Finding(
        "dedupe", i + 1, 1, "duplicate-line",
        f"line repeats line {source}; kept: a line repeated alone is never removed",
        fixed=False, original=line.rstrip("\r"), score=0.5, data={"source": [source, source]},
    )  # fmt: skip


def _single_repeats(text: str, prep: _Prepared, ctx: Context) -> list[Finding] | None:
    """The step's findings when no two neighbouring content lines both
    repeat an earlier line and no repeated line can make a whole second
    copy; else None (the full analysis is needed). (``prep``: see
    :func:`_prepare`.)

    Why this is exact: protection (structure lines get keys of their own)
    only takes repeats away, so every line of a run or block, and of the
    second half of a text repeated whole, repeats an earlier line among the
    unprotected keys too. With no two such lines neighbours, every run (and
    so every block: touching runs would be neighbours) is one line long,
    no text is its first half again (``_structure_copy`` needs lines
    ``part`` and ``part + 1`` to repeat lines 0 and 1) nor holds a whole
    copy (``_whole_copies`` needs runs of two). A one-line block never holds
    two paragraphs (``_enough_paragraphs``), and it is a candidate for a
    whole copy only if its source is among the first ``BOUNDARY_LINES + 1``
    content lines and it is among the last as many (``maybe_whole``):
    excluded here. What is left is ``_report_single`` on one line: a report
    for each later occurrence, outside structure, of a key of
    ``REPORT_LINE_CHARS`` or more, naming its first occurrence outside
    structure. The page model is never needed (it decides only removals
    and multi-line reports).
    """
    ix, known, repeated, places = prep
    nonblank = ix.nonblank
    m_ = nonblank.count(1)
    # The lines whose key repeats, and their content positions.
    flags = list(map(repeated.__contains__, known.values()))
    at = list(compress(known, flags))
    content = list(compress(places, flags))
    edge = BOUNDARY_LINES + 1
    if content[0] < edge and content[-1] >= m_ - edge:
        return None
    # Two neighbours that both repeat an earlier line: the full analysis.
    seen: set[str] = set()
    last = -2  # the last content line that repeats an earlier one
    for q, i in zip(content, at):
        if known[i] in seen:
            if last == q - 1:
                return None
            last = q
        else:
            seen.add(known[i])
    del content, seen
    long = {k for k in repeated if len(k) >= REPORT_LINE_CHARS}
    if not long:
        return []
    # The marked lines themselves (a few), cut from the text; structure is
    # worked out only if one of them may be structure.
    marked = {i: ix.line(i) for i in at if known[i] in long}
    protected: Container[int]
    if plain_lines(text, marked.values()):
        protected = ()  # none of them can be structure
    else:
        protected = _protected(text, ix)
    first: dict[str, int] = {}
    findings: list[Finding] = []
    for i, line in marked.items():
        if i not in protected:
            j = first.setdefault(known[i], i)
            if j != i:
                findings.append(_repeated_line(i, _original(j + 1, ctx), line))
    return findings


#: A line whose key starts with NUL (whitespace, then NUL).
_NUL_KEY = re.compile(r"^[^\S\n]*\x00", re.MULTILINE)


def _fenced_lines(text: str, ix: LineIndex) -> set[int]:
    """``markup.fenced_lines`` of the lines of ``ix`` (from the fence marks
    alone: :func:`~cleantext.markup.fence_spans`)."""
    return {i for first, last in fence_spans(text, len(ix)) for i in range(first, last + 1)}


def _protected(text: str, ix: LineIndex) -> Protected:
    """The lines this step never matches: structure and fenced code as
    ``markup.fenced_lines`` finds it (as ranges, from the fence marks
    alone: :func:`~cleantext.markup.fence_spans`; a fence left open holds
    the rest of the text), answered a line at a time
    (:class:`~cleantext.pagemodel.Protected`: on a text with a few repeated
    lines, the structure of the others is never worked out)."""
    marks = fence_marks(text)
    fenced = fence_spans(text, len(ix), marks) if marks else []
    return Protected(text, ix.bare, fenced, None, marks)


def remove_duplicates(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    """Remove repeated sections, keeping the first copy."""
    if is_code_file(ctx.config.filename):
        return text, []
    if not text:
        return text, []
    if len(text) < LATER_CHARS and known_page(text, ctx) is None and _no_repeats(text):
        return text, []
    prep = _prepare(text, ctx)
    repeated = prep.repeated
    # No content line repeated: nothing to do, decided without the page
    # model (the common case: clean text).
    if not repeated:
        return text, []
    quick = _single_repeats(text, prep, ctx)
    if quick is not None:
        return text, quick
    return _analyse(text, prep, ctx)


def _no_repeats(text: str) -> bool:
    """Whether no two non-blank lines of ``text`` (shorter than
    LATER_CHARS) have the same key (:func:`~cleantext.pagemodel.line_keys`):
    then :func:`_prepare` finds no repeated key and the step returns the
    text with no finding. Asked of
    a small text before the page model's index of it is made (a few
    microseconds where the index and its repeats cost some 20 on a page of
    clean prose, which the step asks of every page): why it is exact, the
    index's ``repeats`` are the keys that two non-blank lines or more have
    (lines whose hashes repeat, their keys counted; equal keys hash alike),
    and a small text's keys are held by the index anyway (``keep``).
    Asked only while the page model is not known for the text:
    :func:`~cleantext.pagemodel.index_of` then makes a new index, so that
    not making it changes nothing else."""
    keys = line_keys(text)
    distinct = set(keys)
    distinct.discard("")
    return len(distinct) == len(keys) - keys.count("")


class _Prepared(NamedTuple):
    """What :func:`_prepare` works out once for both
    :func:`_single_repeats` and :func:`_analyse`."""

    ix: LineIndex
    known: dict[int, str]
    repeated: set[str]
    places: list[int]


def _prepare(text: str, ctx: Context | None = None) -> _Prepared:
    """The lines of ``text`` by offsets and key hashes (the page model's if
    it was made on this text),
    :meth:`~cleantext.pagemodel.LineIndex.repeats` of them, and the content
    position of each line of the first (``known``, in its order: worked out
    once for both :func:`_single_repeats` and :func:`_analyse`)."""
    ix = index_of(text, ctx) if ctx is not None else LineIndex(text)
    known, repeated = ix.repeats()
    return _Prepared(ix, known, repeated, content_positions(ix.nonblank, list(known)))


def _analyse(text: str, prep: _Prepared, ctx: Context) -> tuple[str, list[Finding]]:
    """The whole analysis of a text with a repeated line (``prep``: see
    :func:`_prepare`; its ``places`` is emptied
    once read, ``known`` and ``repeated`` when a block is removed, and ``ix``
    forgets its repeats).

    The page model's decision is asked for only when a block is to be
    removed (an authored document keeps it): reports need only its code
    evidence (:func:`~cleantext.pagemodel.is_code`) and the structure lines.
    """
    ix, known, repeated, places = prep
    lines = ix.lines  # no line ends; cut from the text when asked
    n = len(ix)
    nonblank = ix.nonblank
    # In source code and man pages a sequence of lines recurs as syntax
    # (roff macro pairs, an #if block): only a run right after itself is
    # reported. (Asked when a report needs it.)
    code: bool | None = None
    # Structure lines and fenced code (blank ones among them: only content
    # lines are ever asked about). With the page model decided (a page with
    # evidence, often with many repeated lines), its structure lines, a set
    # (made once for the run's text, or kept from spam's); else asked line
    # by line: the structure of the whole text is worked out only if a
    # line's answer needs it (a few repeated lines of prose need none).
    protected: set[int] | Protected
    if known_page(text, ctx) is not None:
        protected = structure_of(text, ctx, ix.bare)
        if "```" in text or "~~~" in text:
            protected = protected | _fenced_lines(text, ix)
    else:
        protected = _protected(text, ix)
    # content position -> line, the content lines' keys, 1 where one repeats
    pos, keys, marks = content_keys(ix, known, repeated, places)
    m_ = len(keys)
    places.clear()  # read no more (a farm page's: 157,000 ints, 5 MiB)
    held: list[Finding] = []  # a whole text of structure repeated: reported
    # (Skipped when no content line is protected, if that is known; else
    # gone through: with no content line protected it changes nothing, as
    # it hides only protected lines, a text of structure repeated needs
    # one, whole copies need none, and it sets no other state.)
    if (
        protected.may_hold(nonblank)
        if isinstance(protected, Protected)
        else any(map(nonblank.__getitem__, protected))
    ):
        # Structure is never matched, except inside a verified whole second
        # copy of the article (and the first copy it repeats): that copy
        # goes as one unit, its list items and headings survive in the first.
        free = {pos[q] for q in _whole_copies(lines, pos, keys, protected, bytes(marks))}
        if not free:
            held = _structure_copy(lines, pos, keys, protected, ctx, ix)
        # The other protected lines get keys of their own, "\x00" and the
        # line number, never equal to another line's: the keys asked for so
        # far now, every other when asked (ContentKeys.hidden).
        hidden = protected
        if free:
            hidden = (
                protected.without(free) if isinstance(protected, Protected) else protected - free
            )
        asked = list(keys)
        if isinstance(hidden, Protected):
            # (Asked of every line whose key is set, and maybe more: a set
            # when as many questions would walk the whole text anyway.)
            hidden = hidden.for_many(len(asked))
        keys.hidden = hidden
        for q in asked:
            i = pos[q]
            if i in hidden:
                key = keys[q] = f"\x00{i}"
                marks[q] = key in repeated
        if any(k.startswith("\x00") for k in repeated):
            # (A line's key may even be one of those: then every one is asked.)
            for i in hidden:
                if nonblank[i]:
                    q = bisect_left(pos, i)
                    marks[q] = keys[q] in repeated
        if "\x00" in text:
            # A line whose key is "\x00" and a protected line's number
            # (NUL, then digits) now repeats that line: both are walked.
            for m in _NUL_KEY.finditer(text):
                j = ix.line_of(m.start())
                if j < n and j not in hidden:
                    key = ix.key(j)
                    i = int(key[1:]) if key[1:].isdigit() and key[1:].isascii() else -1
                    if 0 <= i < n and nonblank[i] and i in hidden and key == f"\x00{i}":
                        marks[bisect_left(pos, i)] = marks[bisect_left(pos, j)] = 1
    # A protected line's key is its own: not among the repeated keys.
    flags = bytes(marks)
    del marks

    # 1. Runs: (start, length, source start), in content positions.
    runs = repeat_runs(keys, flags)
    if not runs:
        return text, held

    # 2. Merge touching runs into blocks: [start, end(excl), src_start, src_end(excl)].
    blocks: list[list[int]] = []
    for start, length, src in runs:
        if blocks and blocks[-1][1] == start:
            b = blocks[-1]
            b[1] = start + length
            b[2] = min(b[2], src)
            b[3] = max(b[3], src + length)
        else:
            blocks.append([start, start + length, src, src + length])

    findings: list[Finding] = []
    counts: Counter[str] | None = None
    # The number of bigrams of each line compared loosely (see _near), and
    # the bigrams of the lines compared lately (a site's header lines recur
    # on each of its pages, one after another), at most about MEMO_SETS sets.
    sizes: dict[str, int] = {}
    memo: dict[str, set[int]] = {}
    spans: list[tuple[int, int, int, int, int, int]] = []  # line a, z, src a, src z, exact, near
    for start, end, src, src_end in blocks:
        exact = end - start
        # Is it a repeat worth removing? Two paragraphs; or one long
        # paragraph with company; or the whole text again (X X, X X X).
        enough = _enough_paragraphs(ix, pos, keys, start, end)
        maybe_whole = src <= BOUNDARY_LINES and m_ - end <= BOUNDARY_LINES
        if not (enough or maybe_whole):
            if end - start >= 2:
                code, counts = _counts(text, ctx, keys, flags, code, counts)
            _report_single(
                findings, lines, pos, keys, start, end, src, src_end, ctx, None if code else counts
            )
            continue
        # 3. Near-duplicate header lines before the block, footer lines after.
        if len(memo) > MEMO_SETS:
            memo.clear()
        near = 0
        q, r = start - 1, src - 1
        while (
            start - q <= BOUNDARY_LINES and q >= src_end and r >= 0 and q > r
            and not keys[q].startswith("\x00")
            and _near(keys[q], keys[r], memo, sizes)
        ):  # fmt: skip
            same = keys[q] == keys[r]
            q, r, exact, near = q - 1, r - 1, exact + same, near + (not same)
        new_src = r + 1
        header_above = False
        if enough or maybe_whole:
            # A reformatted header of the copy: another breadcrumb prefix,
            # other date format and field names, the title repeated. The
            # short lines above the copy (no paragraph between) go with it
            # up to the topmost one that repeats a line of the first copy's
            # header or is header furniture (breadcrumb, date/source/author,
            # hit counter); lines between them (a category line) go too.
            head_sizes: list[int] = []  # filled when first asked (_near_header)
            first_header = [
                keys[k] for k in range(max(0, new_src - BOUNDARY_LINES), min(new_src + 3, src_end))
            ]
            top = q + 1
            k = q
            while (
                start - k <= 2 * BOUNDARY_LINES and k >= src_end
                and not keys[k].startswith("\x00")
                and not _header_stop(lines[pos[k]].rstrip("\r"), keys[k])
            ):  # fmt: skip
                # The header's top is a line that repeats the first copy's
                # header (the title) or a breadcrumb; furniture and category
                # lines below it go with it, but a date or source line with
                # nothing of the header above it may be the first copy's
                # footer, and stays.
                if is_breadcrumb(lines[pos[k]]) or _near_header(
                    keys[k], first_header, memo, sizes, head_sizes
                ):
                    top = k
                elif not is_furniture(lines[pos[k]]) and len(keys[k]) > SHORT_HEADER_CHARS:
                    break  # a line of text that is neither: the header ends below it
                k -= 1
            # Header fields above the top (a forum's 楼主/级别 lines, a blog's
            # post counts) are never a footer: they go too.
            while top - 1 >= src_end and is_header_field(lines[pos[top - 1]]):
                top -= 1
            near += q + 1 - top
            # The whole first copy, then nothing but a header, then the copy.
            header_above = top < q + 1 and top == src_end
            q = top - 1
        new_start = q + 1
        q, r = end, src_end
        while (
            q - end < BOUNDARY_LINES and q < m_ and r < start and not keys[q].startswith("\x00")
            and _near(keys[q], keys[r], memo, sizes)
        ):  # fmt: skip
            same = keys[q] == keys[r]
            q, r, exact, near = q + 1, r + 1, exact + same, near + (not same)
        new_end, new_src_end = q, r
        whole = (
            (new_src == 0 and new_src_end == new_start and new_end == m_) or header_above
        ) and (
            new_end - new_start >= 2
            and sum(len(keys[q]) for q in range(new_start, new_end)) >= WHOLE_MIN_CHARS
        )  # fmt: skip
        if not (enough or whole):
            if end - start >= 2:
                code, counts = _counts(text, ctx, keys, flags, code, counts)
            _report_single(
                findings, lines, pos, keys, start, end, src, src_end, ctx, None if code else counts
            )
            continue
        # 4. Lines: from after the previous content line to the block's last
        # line, or to the end of the text if only blank lines follow.
        a = pos[new_start - 1] + 1 if new_start > 0 else 0
        z = pos[new_end - 1] if new_end < m_ else n - 1
        spans.append((a, z, pos[new_src], pos[new_src_end - 1], exact, near))

    if not spans:
        return text, sorted(findings + held, key=lambda f: f.line)
    # The keys are asked no more: they go before the output is made (the
    # caller's ``known`` and ``repeated`` too, emptied here, and the index's
    # copy of them), and the removed lines are cut from the text for their
    # findings only once the pieces of the output have gone. On 50 MB of
    # farm pages the keys and the removed copies held 35 MiB at the step's
    # peak, beside the output and its pieces.
    del keys, counts, sizes, memo
    ix.forget_repeats()
    known.clear()
    repeated.clear()
    starts = ix.starts  # line i with its end: text[starts[i] : starts[i + 1]]
    kept: list[str] = []
    removals: list[tuple[int, int, int, int, int, int]] = []
    last_end = -1
    for a, z, sa, sz, exact, near in spans:
        a = max(a, last_end + 1)  # ascending, and from here on disjoint
        if a > z:
            continue
        kept.append(text[starts[last_end + 1] : starts[a]])
        last_end = z
        removals.append((a, z, sa, sz, exact, near))
    kept.append(text[starts[last_end + 1] :])
    new = "".join(kept)
    del kept
    for a, z, sa, sz, exact, near in removals:
        total = exact + near
        # Name the first copy by the lines of the original input, as the
        # pipeline does for the finding's own line numbers.
        src_a, src_z = _original(sa + 1, ctx), _original(sz + 1, ctx)
        msg = (
            f"removed a repeat of lines {src_a}-{src_z}: {exact} line"
            f"{'s' if exact != 1 else ''} repeated exactly"
        )
        if near:
            msg += f", {near} near-duplicate header/footer line{'s' if near != 1 else ''}"
        findings.append(
            Finding(
                "dedupe", a + 1, 1, "duplicate-section", msg,
                original=text[starts[a] : starts[z + 1]], replacement="",
                end_line=z + 1, removes_lines=True, score=round(exact / total, 3),
                data={"source": [src_a, src_z], "exact": exact, "near": near},
            )
        )  # fmt: skip
    findings.sort(key=lambda f: f.line)
    # (Decided now, if not before, from this step's index of the text and its
    # structure lines, if their whole walk was made: the same as its own.)
    page = page_of(text, ctx, ix, protected if isinstance(protected, Protected) else None)
    return keep_authored(text, new, findings, page)


def _counts(
    text: str,
    ctx: Context,
    keys: Keys,
    flags: bytes,
    code: bool | None,
    counts: Counter[str] | None,
) -> tuple[bool, Counter[str] | None]:
    """Whether the page model holds code evidence, and if not how often
    each repeated key occurs (counted once, when a report of a run first
    needs them; a key that occurs once is not counted: the reports ask
    whether a key occurs exactly twice)."""
    if code is None:
        code = is_code(text, ctx)
    if not code and counts is None:
        counts = Counter(map(keys.__getitem__, compress(range(len(flags)), flags)))
    return code, counts
