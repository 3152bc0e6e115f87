"""Small text helpers shared by the steps (no third-party imports)."""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from functools import _CacheInfo


def read_data(name: str) -> bytes:
    """The bytes of the package's data file ``cleantext/data/<name>``, read
    as a plain file (as the readings table always was: the package is
    installed as files). No ``importlib.resources``: importing it and its
    first use (zipfile and more) cost some 5 ms of every process's start."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", name), "rb") as f:
        return f.read()


def lazy_re(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that compiles ``pattern`` on its first call and gives the
    same compiled regex on every call after: for a module-level regex that
    most texts never need. A class of Han characters (28,000 code points)
    takes the regex compiler about 1 ms, and a module's regexes are
    otherwise paid for at import by every process, the hook's on one small
    file too.

    >>> han = lazy_re("[\u4e00-\u9fff]+")
    >>> han().findall("a中文b"), han() is han()
    (['中文'], True)
    """
    return lru_cache(maxsize=1)(partial(re.compile, pattern, flags))


class _Cached(Protocol):
    """A function wrapped by :func:`functools.lru_cache` (as :func:`lazy_re` makes)."""

    def cache_info(self) -> _CacheInfo: ...


class Budget:
    """How many characters a process handles a way that costs nothing to
    set up (a lookup a character, a regex made for the text at hand, a
    table that fills itself) before it builds ``dear``: what costs once and
    is quicker after (a regex with a class of thousands of characters, a
    table of every character), an ``lru_cache`` function (a :func:`lazy_re`
    most often). A process that looks at a few small texts (a hook on one
    file, a worker's first small files) never builds it; one that looks at
    more pays at most about twice what building it at once would have
    cost; a text bigger than what is left goes the built way at once (alone
    it would cost more than building). Both ways must give the same
    answers: the budget only says which is quicker.

    >>> rx = lazy_re("[a-c]")
    >>> budget = Budget(10, rx)
    >>> budget.cheap(6), budget.cheap(6), budget.left
    (True, False, 4)
    >>> _ = rx(); budget.cheap(1)  # built: the cheap way is over
    False
    """

    def __init__(self, chars: int, dear: _Cached) -> None:
        self.left = chars
        self.dear = dear

    def built(self) -> bool:
        """Whether ``dear`` has been built (by this budget's user or another)."""
        return self.dear.cache_info().currsize > 0

    def cheap(self, n: int) -> bool:
        """Whether ``n`` more characters go the cheap way: ``dear`` is not
        built and they fit in what is left (then they are spent)."""
        if n > self.left or self.built():
            return False
        self.left -= n
        return True


def split_lines(text: str) -> list[str]:
    """Split on ``\\n`` only, keeping the ends (``\\r\\n`` stays together).

    Unlike :meth:`str.splitlines`, form feeds, U+2028 and friends do not
    start new lines, so line numbers agree with editors and ``grep -n``.

    >>> split_lines("a\\r\\nb\\nc")
    ['a\\r\\n', 'b\\n', 'c']
    >>> split_lines("")
    []
    """
    if not text:
        return []
    lines = text.splitlines(keepends=True)
    if len(lines) == count_lines(text):
        # str.splitlines also breaks at \r, \v, \f, U+2028...: with as many
        # lines as \n makes, it broke nowhere else (one there at the very
        # end makes no line), and it keeps \r\n with its line, as this does.
        # One list, where splitting on \n and adding it back held two
        # copies of the text at once.
        return lines
    del lines
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def find_chars(text: str, chars: str) -> list[int]:
    """Sorted offsets of every occurrence of any of ``chars`` in ``text``.

    One :meth:`str.find` loop per character: several times faster than a
    regular expression led by a character class, which is what makes the
    steps' pre-checks cheap on clean text.

    >>> find_chars("a(b（c(", "(（")
    [1, 3, 5]
    """
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    if len(chars) > 1:
        out.sort()
    return out


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` ([start, end) ranges) sorted and merged where they overlap
    or touch.

    >>> merge_spans([(5, 7), (0, 2), (2, 3), (6, 9)])
    [(0, 3), (5, 9)]
    """
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def count_lines(text: str) -> int:
    """Number of lines as :func:`split_lines` counts them.

    >>> count_lines("a\\nb"), count_lines("a\\nb\\n"), count_lines("")
    (2, 2, 0)
    """
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def strip_eol(line: str) -> str:
    """The line without its ``\\n`` / ``\\r\\n``."""
    if line.endswith("\n"):
        line = line[:-1]
        if line.endswith("\r"):
            line = line[:-1]
    return line


def changed_span(a: str, b: str) -> tuple[int, str, str]:
    """Where ``a`` and ``b`` differ: the common prefix length and the two
    differing middles (the common suffix left out).

    >>> changed_span("高新區(qū)新聞", "高新區新聞")
    (3, '(qū)', '')
    """
    p = 0
    n = min(len(a), len(b))
    while p < n and a[p] == b[p]:
        p += 1
    s = 0
    while s < n - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    return p, a[p : len(a) - s], b[p : len(b) - s]


def splice(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` of ``edits`` made;
    the edits are in order and do not overlap.

    >>> splice("高新區(qū)新聞", [(3, 8, ""), (8, 10, "新闻")])
    '高新區新闻'
    """
    out: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


class LineColumns:
    """Maps character offsets in a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


def is_han(ch: str) -> bool:
    """True for a Han ideograph in any CJK block or extension.

    Covers the URO, Extensions A to I, compatibility ideographs and their
    supplement, and the radicals blocks are excluded (they are not
    characters of running text).

    >>> is_han("區"), is_han("𠀀"), is_han("a"), is_han("，")
    (True, True, False, False)
    """
    return is_han_cp(ord(ch))


def is_han_cp(cp: int) -> bool:
    """:func:`is_han` for a code point."""
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x323AF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
        or cp == 0x3007
    )


#: Below this code point a letter belongs to a script that spaces its
#: words (Latin, Greek, Cyrillic, Arabic...); from it on come CJK radicals,
#: kana, Han and Hangul, where a word or a name runs on into the next
#: character with no space (the entities step's lost ampersand, the spam
#: lexicon's word ends).
CJK_START = "\u2e80"


# A character class for regular expressions with the same coverage.
HAN_CLASS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af\U0002f800-\U0002fa1f"
)
