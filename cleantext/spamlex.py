"""The spam lexicon and the line features the ``spam`` step combines.

The lexicon is package data (``cleantext/data/spam_terms.tsv``: term,
category, language). Terms in category ``filler`` are common words that spam
lines are padded with (亚洲, 在线观看, 彩票...); they count only on a line
that also has a specific term. Users add terms through
``Config.spam_terms``: one entry per term, optionally ``term<TAB>category``;
a user term without a category is specific (category ``user``).

>>> lex = lexicon()
>>> sorted({h.category for h in lex.find("亚洲香蕉视频综合在线,免费人成视网站在线不卡")})
['filler', 'porn']
>>> [h.term for h in lex.find("Buy VIAGRA online")]
['buy', 'viagra', 'online']
>>> lex.find("Buy online")  # filler alone is no evidence
[]
>>> lex.find("青島高新區:打造“一區多園”青島模式")
[]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from operator import add, attrgetter
from typing import NamedTuple

from ._hanzi_script import SIMPLIFIED_ONLY
from ._spam_keys import KEYS
from .opencc_triggers import TRADITIONAL_ONLY
from .textutil import CJK_START, HAN_CLASS, Budget, lazy_re, read_data

FILLER = "filler"

#: Characters that separate the keywords of a keyword run.
SEPARATORS = ",，、|｜/\\_;；·•◆★☆■●→>»"
#: Sentence-final punctuation: prose has it, keyword runs do not. One of
#: "。！？!?", or a "." before white space or the end: ``[。！？!?]|[.](?:\s|$)``
#: written as one class and then a test, as ``re`` skips at C speed to a
#: character of a leading class, not of an alternation of classes (three
#: times quicker on a line of English). The same places: at a character
#: of the class, the look-behind holds when that character is not "." (one
#: of "。！？!?"); when it is ".", the look-ahead tests what follows it.
_SENTENCE_END = re.compile(r"[.。！？!?](?:(?<!\.)|(?=\s|$))")
_SEGMENT_SPLIT = re.compile("[" + re.escape(SEPARATORS) + r"\s\u3000-]+")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_WORD = re.compile(r"[a-z0-9]{2,}")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
#: After a term of ASCII: a letter or digit of a script that spaces its
#: words (below U+2E80: Latin with its accents, Greek, Cyrillic...) goes on
#: with the word (Albanian "javë" is a week, not "jav"); Han, kana and
#: Hangul do not (spam writes "jav在线" as one run).
_WORD_GOES_ON = rf"(?![^\W_{CJK_START}-\U0010ffff])"


def _in_word(c: str) -> bool:
    """Whether ``c`` (lowered), right before a term of ASCII, puts it inside
    a word: the same letters and digits as :data:`_WORD_GOES_ON`.

    >>> _in_word("a"), _in_word("ë"), _in_word("д"), _in_word("在"), _in_word(" ")
    (True, True, True, False, False)
    """
    return c in _WORD_CHARS or ("\x80" <= c < CJK_START and c.isalnum())


#: Lone navigation words that go with a spam block they touch.
NAV_WORDS = frozenset(
    w.casefold()
    for w in (
        "Network",
        "Home",
        "Homepage",
        "Index",
        "Menu",
        "Navigation",
        "Sitemap",
        "Login",
        "Register",
        "English",
        "首页",
        "首頁",
        "主页",
        "主頁",
        "网站首页",
        "網站首頁",
        "返回首页",
        "返回首頁",
        "网站地图",
        "網站地圖",
        "导航",
        "導航",
        "登录",
        "登錄",
        "注册",
        "註冊",
        "简体",
        "簡體",
        "繁體",
        "繁体",
        "中文",
    )
)


class Hit(NamedTuple):
    """A term found in a line: the term and its category (the lexicon's own
    strings) and where it is. (A named tuple, made in some 0.25 us where a
    frozen dataclass took 0.6: a farm stream's lines have 80,000 hits.)"""

    term: str
    category: str
    start: int
    end: int


#: Deeper nesting than this in :func:`trie_pattern` falls back to a flat
#: alternation (``re`` compiles groups recursively).
MAX_GROUP_DEPTH = 100


def trie_pattern(terms: list[str]) -> str:
    """One regular expression for many literals, factored as a trie.

    Python's ``re`` tries alternatives one by one; a trie makes each position
    cost one branch per character, and optional tails keep the longest match.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    # Built bottom-up with an explicit stack, not by recursion: a term of
    # hundreds of characters would otherwise exceed Python's recursion limit.
    built: dict[int, tuple[str, int]] = {}  # node -> (pattern, group depth)
    stack: list[tuple[dict, bool]] = [(trie, False)]  # type: ignore[type-arg]
    while stack:
        node, ready = stack.pop()
        if not ready:
            stack.append((node, True))
            stack.extend((node[ch], False) for ch in node if ch)
            continue
        subs = [(ch, built.pop(id(node[ch]))) for ch in sorted(node) if ch]
        if not subs:
            built[id(node)] = ("", 0)
            continue
        depth = max(d for _, (_, d) in subs)
        alts = [re.escape(ch) + sub for ch, (sub, _) in subs]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        depth += len(alts) > 1
        if "" in node:
            body, depth = f"(?:{body})?", depth + 1
        built[id(node)] = (body, depth)
    pattern, depth = built[id(trie)]
    if depth > MAX_GROUP_DEPTH:
        # ``re`` compiles nested groups recursively: terms that are prefixes
        # of one another, hundreds deep, get a flat alternation instead
        # (longest first, so the longest term still wins).
        return (
            "(?:" + "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)) + ")"
        )
    return pattern


#: Texts up to this long are tested for a term's first two characters before
#: a group's pattern is compiled (see :class:`_Group`).
_PRETEST_CHARS = 4096


class _Group:
    """The terms of one kind (Latin or not) and their trie pattern, compiled
    on first need.

    Compiling the built-in lexicon's tries costs about 70 ms, most of a small
    file's run (`clean --check` on one short clean file). Until a text could
    hold a term, the pattern is not compiled: a term occurs in a text only if
    its first three characters do (all of it, for a term of one or two),
    which set lookups per position answer exactly for short texts. Once compiled, the pattern is used for everything.

    A group of terms that are not ASCII is not searched in a text that is
    (every one of its terms has a character outside ASCII, which such a text
    lacks: the answer is no hit, compiled or not), nor, before it is
    compiled, in one without the first such character of any of its terms
    (a set test at C speed, before the Python loop over the text's
    positions): English text, with no Han at all or a few odd characters
    (a ©, an accented name), never holds a Han term.
    """

    __slots__ = ("_first", "_latin", "_pattern", "_prefixes", "_singles", "_terms", "_wide")

    def __init__(self, terms: list[str], *, latin: bool) -> None:
        self._terms = terms
        self._latin = latin
        self._pattern: re.Pattern[str] | None = None
        self._prefixes = frozenset(t[:3] for t in terms if len(t) >= 2)
        self._singles = frozenset(t for t in terms if len(t) == 1)
        self._first: re.Pattern[str] | None = (
            re.compile("[" + re.escape("".join(sorted({t[0] for t in terms}))) + "]")
            if latin
            else None
        )
        #: The first character outside ASCII of each term (not latin: each has one).
        self._wide = frozenset(
            () if latin else (next(c for c in t if not c.isascii()) for t in terms)
        )

    def pattern_for(self, low: str) -> re.Pattern[str] | None:
        """The compiled pattern, or None when ``low`` cannot hold a term."""
        if self._first is not None and self._first.search(low) is None:
            return None
        if not self._latin and low.isascii():
            return None
        if self._pattern is None:
            if len(low) <= _PRETEST_CHARS and not self._could_hold(low):
                return None
            pattern = trie_pattern(self._terms)
            self._pattern = re.compile(pattern + _WORD_GOES_ON if self._latin else pattern)
        return self._pattern

    def _could_hold(self, low: str) -> bool:
        singles, prefixes = self._singles, self._prefixes
        if singles and not singles.isdisjoint(low):
            return True
        if not self._latin and self._wide.isdisjoint(low):
            return False
        # A term of two characters is its own prefix; a longer one, its first three.
        return any(
            low[i : i + 2] in prefixes or low[i : i + 3] in prefixes for i in range(len(low) - 1)
        )


#: The characters that make :meth:`Lexicon.lines_maybe_with_terms` step
#: aside: U+0130 (its lowercase is two characters, "i" and a combining dot,
#: so offsets in the lowered text move) and U+212A KELVIN SIGN (its
#: lowercase is "k"). See :class:`_KeyScan`.
ODD_LOWER = "\u0130\u212a"
_han_char = lazy_re(f"[{HAN_CLASS}]")


def key_pairs(term: str) -> list[str]:
    """The pairs of adjacent characters of ``term`` that can be its key in
    the key scan (:class:`_KeyScan`): a Han character and a Han or ASCII
    character, in either order.

    >>> key_pairs("av在线"), key_pairs("k粉"), key_pairs("casino")
    (['v在', '在线'], ['k粉'], [])
    """
    match = _han_char().match
    han = [match(c) is not None for c in term]
    return [
        term[i : i + 2] for i in range(len(term) - 1)
        if (han[i] or han[i + 1]) and (han[i] or term[i].isascii())
        and (han[i + 1] or term[i + 1].isascii())
    ]  # fmt: skip


def _ascii_preimage(ch: str) -> str:
    """The characters whose lowercase is ``ch`` (ASCII), apart from U+0130
    and U+212A: ``ch`` and its capital."""
    return ch + ch.upper() if ch.upper() != ch else ch


class _KeyScan:
    """Where specific terms may be, found by one scan at C speed.

    Why it is exact (a necessary condition of a hit of :meth:`Lexicon.find`
    and :meth:`Lexicon.lines_with_terms`, which search ``line.lower()``):
    ``tests/test_spamlex_scan.py`` checks over every code point that a Han
    character (``HAN_CLASS``) is its own lowercase and no other character's
    lowercase holds one; that the only characters whose lowercase holds an
    ASCII character are that character, its capital, U+0130 (lowercase
    "i" and U+0307) and U+212A (lowercase "k"); and that no lowercase is
    empty and only U+0130's is longer than one character. The scan is not
    used on a text with U+0130 or U+212A, so there every character lowers to
    one character of its own and the lowered text lines up with the text.

    * A term with a Han character is looked for by a *key*: two adjacent
      characters of it, one Han and the other Han or ASCII (in a term with
      no such pair, a Han character alone). Where the lowered line holds the
      term it holds the key, so the line holds the key (with its ASCII
      character in either case). One of the key's Han characters is its
      *anchor*. The pattern stops at the anchors (one character class,
      which ``re`` skips ahead to at C speed); an anchor that opens its key
      checks the next character against the class of all such keys' second
      characters, then which key it is (one alternative per second
      character, each tried with one comparison); an anchor that closes its
      key checks the character before it against a class, then the keys
      themselves. Each built-in term's key and anchor are chosen by
      ``scripts/make_spam_keys.py`` (``cleantext/_spam_keys.py``) so that
      the scan stops rarely and finds few keys in clean text; a user's term
      takes its last pair, anchored on its first Han character.
    * A term of ASCII is looked for in the text's ASCII characters, lowered
      (``str.encode("ascii", "ignore")``, which keeps every line end): where
      a lowered line holds it, its characters come from consecutive ASCII
      characters of the line, so the lowered ASCII text holds it, at a
      position with as many line ends before it. So does it hold any part
      of the term: each is looked for by its *key*, the four characters of
      it (all of it, if shorter) that open on its rarest letter in English
      (:func:`latin_key`), so that the scan stops at few letters and finds
      few keys in clean text (a trie of the whole terms stops at nearly
      every letter: half the scan's time on a text with English in it).
      Where the lowered ASCII text holds a key, it holds the term around
      it, where the key is in the term: that is tried (bytes.startswith)
      before the line goes in (English prose holds "pres" and "vice" often,
      "no prescription" and "seo service" seldom). The search goes on from
      the place after each key found, so it stops at every place where a
      key starts; there the trie finds the longest key, and every other key
      there is a start of it, so the terms tried are those of every key
      whose list ``latin_terms`` keeps under the longest.

    A term with neither (a Cyrillic or kana term of the user's) or with a
    line end in it makes the scan unusable for the lexicon.
    """

    __slots__ = ("han", "latin", "latin_terms", "usable")

    def __init__(self) -> None:
        self.han: re.Pattern[str] | None = None
        self.latin: re.Pattern[bytes] | None = None
        #: For each key of ``latin``: the ASCII terms whose key it starts
        #: with (its own and those of the keys it extends), each with where
        #: its key is in it.
        self.latin_terms: dict[bytes, list[tuple[int, bytes]]] = {}
        self.usable = False

    @classmethod
    def of(cls, terms: list[str]) -> _KeyScan:
        out = cls()
        latin: list[str] = []
        after: dict[str, set[str]] = {}  # second character -> anchors before it
        before: set[str] = set()  # an ASCII character and the anchor after it
        alone: set[str] = set()
        for term in terms:
            if not term or "\n" in term or "\r" in term:
                return out
            if term.isascii():
                latin.append(term)
                continue
            pairs = key_pairs(term)
            if not pairs:
                found = _han_char().findall(term)
                if not found:
                    return out
                alone.add(found[-1])
                continue
            # The built-in terms' keys were chosen rare (any pair would do).
            key, anchor = KEYS.get(term, ("", 0))
            if key not in pairs:
                key = pairs[-1]
                anchor = 0 if _han_char().match(key[0]) else 1
            if anchor == 0:
                for second in _ascii_preimage(key[1]) if key[1].isascii() else key[1]:
                    after.setdefault(second, set()).add(key[0])
            elif key[0].isascii():
                before.update(c + key[1] for c in _ascii_preimage(key[0]))
            else:
                before.add(key)
        anchors = set().union(*after.values()) | {k[1] for k in before} | alone
        if anchors:
            conds = []
            if after:
                # Consuming the second character is harmless: it is on the
                # anchor's line (no key holds a line end).
                alts = "|".join(
                    f"{re.escape(c)}(?<=[{_chars(a)}]{re.escape(c)})"
                    for c, a in sorted(after.items())
                )
                conds.append(f"(?=[{_chars(set(after))}])(?:{alts})")
            if before:
                # Classes first (one test each), then the keys themselves.
                firsts, seconds = {k[0] for k in before}, {k[1] for k in before}
                keys = "|".join(map(re.escape, sorted(before)))
                conds.append(f"(?<=[{_chars(firsts)}][{_chars(seconds)}])(?<={keys})")
            if alone:
                conds.append(f"(?<=[{_chars(alone)}])")
            out.han = re.compile(f"[{_chars(anchors)}](?:{'|'.join(conds)})")
        if latin:
            keyed = [(latin_key(t), t) for t in latin]
            latin_keys = sorted({k for k, _ in keyed})
            out.latin = re.compile(trie_pattern(latin_keys).encode("ascii"))
            out.latin_terms = {
                g.encode("ascii"): [
                    (t.find(k), t.encode("ascii")) for k, t in keyed if g.startswith(k)
                ]
                for g in latin_keys
            }
        out.usable = True
        return out


#: Lowercase letters from the rarest in English to the commonest (a fixed
#: table, not the lexicon's or any text's): what :func:`latin_key` picks by.
_RARE_FIRST = "zqxjkvbpygfwmucldrhsnioate"
#: The length of the key of an ASCII term in the key scan.
LATIN_KEY = 4


def latin_key(term: str) -> str:
    """The part of an ASCII ``term`` that the key scan looks for: its
    :data:`LATIN_KEY` characters that open on the rarest letter (the first
    such place; a digit or other character counts as commoner than any
    letter), or all of it when it is no longer.

    >>> latin_key("viagra"), latin_key("online casino"), latin_key("jav"), latin_key("bet365")
    ('viag', 'casi', 'jav', 'bet3')
    """
    if len(term) <= LATIN_KEY:
        return term

    def rank(c: str) -> int:
        r = _RARE_FIRST.find(c)
        return r if r >= 0 else len(_RARE_FIRST)

    at = min(range(len(term) - LATIN_KEY + 1), key=lambda i: (rank(term[i]), i))
    return term[at : at + LATIN_KEY]


def _chars(chars: set[str]) -> str:
    return re.escape("".join(sorted(chars)))


#: Characters :meth:`Lexicon.lines_with_terms` scans with the terms alone
#: before it builds the key scan (some 10 ms, what the terms' scan costs on
#: about this many characters of Chinese): a process that looks at a page
#: or two never builds it, one that looks at many pays about twice at most.
KEY_SCAN_BUDGET = 1 << 18
#: What a :meth:`Lexicon.find` of a line costs the terms' scan besides its
#: characters, in characters of that budget: some 10 us a call (lowering the
#: line, a search of each group), about what the scan takes for this many.
FIND_CHARS = 256


#: What :meth:`Lexicon.find`'s memo may hold, in characters of the lines
#: it holds, each of their hits counted as HIT_CHARS more.
MEMO_CHARS = 1_000_000
#: A :class:`Hit` and its term string: about as much as this many characters
#: of a line of Han (two bytes each).
HIT_CHARS = 64


class Lexicon:
    """A compiled set of spam terms; :meth:`find` lists the hits in a line.

    Matching ignores case; terms made only of ASCII match whole words. Specific
    terms are searched first, filler terms only on lines that have one.
    """

    def __init__(self, terms: dict[str, str]) -> None:
        self.categories = terms
        # A hit's term and category, the lexicon's own strings: not a copy of
        # the term for each hit (a farm page's findings keep the terms of its
        # spam lines: on 50 MB, 58,000 copies held 4.5 MiB through the later
        # steps).
        self._named: dict[str, tuple[str, str]] = {t: (t, c) for t, c in terms.items()}
        strong = [t for t, c in terms.items() if c != FILLER]
        filler = [t for t, c in terms.items() if c == FILLER]
        self._strong = self._compile(strong)
        self._filler = self._compile(filler)
        # The steps ask about the same lines again and again (the head and
        # tail searches, the body sample, the page model's edge lines).
        self._found: dict[str, list[Hit]] = {}
        self._held = 0
        self._keys: _KeyScan | None = None
        #: Characters :meth:`lines_with_terms` scans before it builds the
        #: key scan (see :data:`KEY_SCAN_BUDGET`).
        self._key_left = KEY_SCAN_BUDGET
        #: A term holds a line end (a user's): a scan of lines joined could
        #: find it across two (see :meth:`hits_of_lines`).
        self._multiline = any("\n" in t for t in terms)

    @staticmethod
    def _compile(terms: list[str]) -> list[_Group]:
        # Two patterns, not one alternation: ``re`` skips ahead on the first
        # characters of a literal trie, but not past an alternation of tries.
        # The Latin trie costs as much on a line of Han as on English: a
        # search for the first letters of its terms rules such lines out.
        out: list[_Group] = []
        other = [t for t in terms if not t.isascii()]
        if other:
            out.append(_Group(other, latin=False))
        latin = [t for t in terms if t.isascii()]
        if latin:
            out.append(_Group(latin, latin=True))
        return out

    def _scan(self, groups: list[_Group], low: str) -> list[Hit]:
        return list(map(Hit._make, self._matches(groups, low)))

    def _matches(self, groups: list[_Group], low: str) -> list[tuple[str, str, int, int]]:
        """The hits of ``groups`` in ``low``, in order per group: (term,
        category, start, end)."""
        found = []
        named = self._named
        for group in groups:
            rx = group.pattern_for(low)
            if rx is None:
                continue
            for m in rx.finditer(low):
                a, z = m.span()
                term = m.group()
                # (A term of ASCII only: the character before a term of a
                # Han word, in Han text, is no word's part.)
                if a and term[0].isascii() and _in_word(low[a - 1]):
                    continue  # not the start of a word
                term, category = named.get(term) or (term, "user")
                found.append((term, category, a, z))
        return found

    @property
    def key_scan_built(self) -> bool:
        """Whether the key scan of :meth:`lines_maybe_with_terms` is built
        (some milliseconds, paid once): after that it costs a search of the
        text at C speed, some five times quicker than the terms' scan."""
        return self._keys is not None

    def lines_maybe_with_terms(self, text: str) -> list[int] | None:
        """Indices of the lines of ``text`` (split at ``"\\n"``) that may hold
        a specific term: every line in which :meth:`find` or
        :meth:`lines_with_terms` (one line at a time) finds one is among them.
        One or two scans at C speed over the whole text, for clean text that
        has next to none (see :class:`_KeyScan`). ``None`` when this scan
        does not apply to the text or the lexicon (then scan the lines)."""
        if self._keys is None:
            self._keys = _KeyScan.of([t for t, c in self.categories.items() if c != FILLER])
        keys = self._keys
        if not keys.usable or "\u0130" in text or "\u212a" in text:
            return None
        found: set[int] = set()
        if keys.han is not None and not text.isascii():
            # (Every match opens on an anchor, a Han character: a text of
            # ASCII holds none, and is not scanned for them.)
            line = last = 0
            for m in keys.han.finditer(text):
                p = m.start()
                line += text.count("\n", last, p)
                last = p
                found.add(line)
        if keys.latin is not None:
            # A line goes in when a term of a key found in it is there too
            # (see _KeyScan): the key is looked for at every place (a search
            # from the place after each key found, not after its end: keys
            # may overlap), and a place holds the longest key there, whose
            # list names the terms of every key there.
            low = text.encode("ascii", "ignore").lower()
            search, holds, terms_of = keys.latin.search, low.startswith, keys.latin_terms
            line = last = 0
            mb = search(low)
            while mb is not None:
                p = mb.start()
                if any(p >= at and holds(term, p - at) for at, term in terms_of[mb.group()]):
                    line += low.count(b"\n", last, p)
                    last = p
                    found.add(line)
                    p = low.find(b"\n", p)  # the line is in: on to the next one
                    if p < 0:
                        break
                mb = search(low, p + 1)
        return sorted(found)

    def lines_with_terms(self, lines: list[str]) -> list[int]:
        """Indices of the ``lines`` that hold a specific term (one scan of
        them all, which is much cheaper than a call per line).

        Once the key scan is built (or KEY_SCAN_BUDGET characters have been
        scanned without it), the lines are those of them that
        :meth:`lines_maybe_with_terms` points at and this finds a term in
        (the key scan is some five times quicker than the terms' scan: a
        page's body lines are searched for terms on every page). The same
        lines: every line that holds a term is among the key scan's (a
        necessary condition, proved at :class:`_KeyScan`), when no line
        holds a line end (checked); and asked of some of the lines, this
        answers for each as it does in the whole list: the key scan applies
        only when no term holds a line end (so no match spans two lines)
        and no character lowers to two (see :meth:`hits_of_lines`)."""
        if not lines or not self._strong:
            return []
        if self._keys is None:
            size = sum(map(len, lines))
            if size <= self._key_left:
                self._key_left -= size
                return self._lines_with_terms(lines)
        joined = "\n".join(lines)
        if joined.count("\n") == len(lines) - 1:
            maybe = self.lines_maybe_with_terms(joined)
            if maybe is not None:
                if not maybe:
                    return []
                found = self._lines_with_terms([lines[k] for k in maybe])
                return [maybe[j] for j in found]
        return self._lines_with_terms(lines)

    def _lines_with_terms(self, lines: list[str]) -> list[int]:
        """:meth:`lines_with_terms` by the terms' scan alone."""
        if not lines:
            return []
        if self._multiline:
            # Line by line, as :meth:`hits_of_lines` goes: joined, a term
            # holding a line end is found across two lines (a line that
            # holds none of itself) and steps over a term at the second
            # line's start ("a\nb" found in "a" + "\n" + "bc" hides "bc").
            return [k for k, line in enumerate(lines) if self._matches(self._strong, line.lower())]
        low = "\n".join(lines).lower()
        if len(low) != sum(map(len, lines)) + len(lines) - 1:
            # A character that gets longer when lower-cased (U+0130 İ lowers to
            # two): offsets in ``low`` are measured on the lowered lines.
            lines = [line.lower() for line in lines]
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        found: set[int] = set()
        for hit in self._scan(self._strong, low):
            found.add(bisect.bisect_right(starts, hit.start) - 1)
        return sorted(found)

    def hits_of_lines(self, lines: list[str]) -> dict[int, list[Hit]]:
        """:meth:`find` of each of ``lines`` that holds a specific term (by
        index; :meth:`find` gives the others nothing): one scan of all the
        lines joined for specific terms, then one of those lines joined for
        filler, instead of the two scans a line that :meth:`find` makes.

        Why each line's hits are :meth:`find`'s, in the same order: no term
        holds a line end (else line by line), so no match spans two lines,
        and a scan of lines joined by ``"\\n"`` finds in each line what a
        scan of that line alone finds (a match found before it ends before
        its line end; the word tests read the ``"\\n"`` before and after
        it as no letter, as they read the ends of the line alone). Lowered
        joined, each line lowers as alone: the only lowering that reads
        context, a final sigma's, stops at a line end (neither cased nor
        case-ignorable); where a line's lowercase is longer (U+0130) the
        lines are lowered one by one. Each line's hits keep the order of
        :meth:`_hits` (the scan's, per group, then filler's), then sorted
        by start the same way. A line whose answer :meth:`find` holds
        already gets it (a page farm's lines recur from page to page).
        """
        if not lines or not self._strong:
            return {}
        if self._multiline:
            # Line by line (see _lines_with_terms): find() of the lines
            # that hold a term.
            return {k: f for k in self.lines_with_terms(lines) if (f := self.find(lines[k]))}
        low = "\n".join(lines).lower()
        lowered: list[str] | None = None
        if len(low) != sum(map(len, lines)) + len(lines) - 1:
            lowered = [line.lower() for line in lines]
            low = "\n".join(lowered)
        starts = [0]
        for line in lowered or lines:
            starts.append(starts[-1] + len(line) + 1)
        at: dict[int, list[tuple[str, str, int, int]]] = {}
        for m in self._matches(self._strong, low):
            k = bisect.bisect_right(starts, m[2]) - 1
            found = at.get(k)
            if found is None:
                found = at[k] = []
            found.append(m)
        # A line find() answered before: its answer (the same); the others
        # get their specific hits here, then filler from one more scan.
        out: dict[int, list[Hit]] = {}
        have: list[int] = []
        for k, found in at.items():
            held = self._found.get(lines[k])
            if held is not None:
                out[k] = list(held)
                continue
            s = starts[k]
            out[k] = [Hit(term, category, a - s, z - s) for term, category, a, z in found]
            have.append(k)
        if not have:
            return out
        if lowered is None:
            fill = "\n".join(low[starts[k] : starts[k + 1] - 1] for k in have)
        else:
            fill = "\n".join(lowered[k] for k in have)
        fstarts = [0]
        for k in have:
            fstarts.append(fstarts[-1] + starts[k + 1] - starts[k])
        filler: dict[int, list[Hit]] = {}
        for term, category, a, z in self._matches(self._filler, fill):
            j = bisect.bisect_right(fstarts, a) - 1
            more = filler.get(j)
            if more is None:
                more = filler[j] = []
            more.append(Hit(term, category, a - fstarts[j], z - fstarts[j]))
        for j, k in enumerate(have):
            line_hits = _with_filler(out[k], filler.get(j, ()))
            self._remember(lines[k], line_hits)
            out[k] = list(line_hits)
        return out

    def filler_terms(self, text: str) -> list[str]:
        """The filler terms in ``text`` (a line), whatever else it holds."""
        return sorted({h.term for h in self._scan(self._filler, text.lower())})

    def find_all(self, text: str) -> list[Hit]:
        """Specific and filler hits in ``text``, in order, whether or not a
        specific term is there (filler inside a specific term is not counted)."""
        return self._hits(text, need_specific=False)

    def find(self, text: str) -> list[Hit]:
        """Hits in ``text`` (a line), in order; none if no specific term is there."""
        found = self._found.get(text)
        if found is None:
            found = [] if self._surely_none(text) else self._hits(text, need_specific=True)
            self._remember(text, found)
        return list(found)

    def _surely_none(self, text: str) -> bool:
        """Whether the key scan shows that ``text`` (a line) holds no
        specific term, so that :meth:`find` finds nothing in it: some five
        times quicker than the terms' scan of a line, which the spam step
        asks of the first and last lines of every page (most of a small
        clean page's cost there). Why it is exact: without a line end,
        ``text`` is one line, and :meth:`lines_maybe_with_terms` names every
        line in which :meth:`find` finds a specific term (a necessary
        condition, proved at :class:`_KeyScan`); an empty list names none,
        and without a specific term :meth:`find` gives no hit (filler is
        not looked for). ``None`` (the scan does not apply) says nothing.
        The scan is built as :meth:`lines_with_terms` builds it: once
        KEY_SCAN_BUDGET characters were scanned without it (the budget both
        spend, a line asked here FIND_CHARS more), so that a process that
        looks at a page or two never builds it."""
        if self._keys is None:
            cost = len(text) + FIND_CHARS
            if cost <= self._key_left:
                self._key_left -= cost
                return False
        return "\n" not in text and self.lines_maybe_with_terms(text) == []

    def _remember(self, text: str, hits: list[Hit]) -> None:
        """Keep :meth:`find`'s answer for ``text`` (see :data:`MEMO_CHARS`)."""
        if text in self._found:
            return
        # A bound on what the memo keeps alive, its hits counted too: a
        # farm page's spam line has eight or so, each more than its line's
        # characters (on 50 MB of farm pages the memo held 7,500 lines and
        # 63,000 hits, 12 MiB, through the later steps, and 64 of its
        # 7,583 answers were asked again).
        cost = len(text) + HIT_CHARS * len(hits)
        self._held += cost
        if self._held > MEMO_CHARS:
            self._found.clear()
            self._held = cost
        self._found[text] = hits

    def _hits(self, text: str, *, need_specific: bool) -> list[Hit]:
        low = text.lower()
        hits = self._scan(self._strong, low)
        if not hits and need_specific:
            return []  # the filler scan is spared
        return _with_filler(hits, self._scan(self._filler, low))


def _with_filler(hits: list[Hit], filler: Sequence[Hit]) -> list[Hit]:
    """``hits`` (a line's specific hits) with the ``filler`` hits that
    overlap none of them added, in order of their start (``hits`` is
    extended and sorted in place)."""
    if filler:
        taken: set[int] = set()
        for h in hits:
            taken.update(range(h.start, h.end))
        hits += [h for h in filler if taken.isdisjoint(range(h.start, h.end))]
    hits.sort(key=attrgetter("start"))
    return hits


def _read_builtin() -> dict[str, str]:
    text = read_data("spam_terms.tsv").decode("utf-8")
    terms: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, category = line.split("\t")[:2]
        terms[term.lower()] = category
    return terms


def parse_user_terms(entries: tuple[str, ...]) -> dict[str, str]:
    """``("term", "term\\tcategory", "# comment")`` to ``{term: category}``.

    >>> parse_user_terms(("澳门皇冠", "foo bar\\tseo", "# note", ""))
    {'澳门皇冠': 'user', 'foo bar': 'seo'}
    """
    out: dict[str, str] = {}
    for entry in entries:
        if not entry.strip() or entry.lstrip().startswith("#"):
            continue
        term, _, category = entry.partition("\t")
        term = term.strip().lower()
        if term:
            out[term] = category.strip() or "user"
    return out


@lru_cache(maxsize=8)
def lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The built-in lexicon plus the user's ``extra`` terms (cached)."""
    terms = _read_builtin()
    terms.update(parse_user_terms(extra))
    return Lexicon(terms)


# --- line features ---------------------------------------------------------


def keyword_stack(hits: list[Hit]) -> int:
    """The most terms that touch one another (each starts where the last
    ended): the compounds of keyword heads (``国产精品久久在线观看``) stack
    three or four; prose rarely puts two side by side.

    >>> lex = lexicon()
    >>> keyword_stack(lex.find_all("国产精品久久在线观看")), keyword_stack(lex.find_all("亚洲的在线教育"))
    (3, 1)
    """
    best = run = 0
    end = -1
    for h in hits:
        run = run + 1 if h.start == end else 1
        end = h.end
        best = max(best, run)
    return best


def has_sentence_end(line: str) -> bool:
    """Whether ``line`` holds sentence-final punctuation (:data:`_SENTENCE_END`)."""
    return _SENTENCE_END.search(line) is not None


def segments(line: str) -> list[str]:
    """The pieces of ``line`` between separators and spaces."""
    return [s for s in _SEGMENT_SPLIT.split(line.strip()) if s]


#: A run of Latin words joined by single spaces (``GIMP online``, ``The
#: Free Online Dictionary``): one phrase, not one keyword per word.
_LATIN_PHRASE = re.compile(r"[A-Za-z0-9][\w'.+-]*(?: [A-Za-z0-9][\w'.+-]*)+")


def phrase_segments(line: str) -> list[str]:
    """:func:`segments`, with a phrase of Latin words kept as one segment.

    >>> phrase_segments("在线，GIMP online"), segments("在线，GIMP online")
    (['在线', 'GIMP online'], ['在线', 'GIMP', 'online'])
    """
    joined = _LATIN_PHRASE.sub(lambda m: m.group().replace(" ", "\x00"), line.strip())
    return [x.replace("\x00", " ") for x in segments(joined)]


def is_keyword_run(line: str, *, latin_phrases: bool = False) -> bool:
    """Many short segments, no sentence punctuation: the shape of a spam line.
    With ``latin_phrases``, words of a Latin phrase count as one segment
    (a glossary entry ``在线，GIMP online`` is two segments, not three).

    >>> is_keyword_run("亚洲香蕉视频综合在线,免费人成视网站在线不卡,日韩熟女精品一区二区三区")
    True
    >>> is_keyword_run("青島高新區:打造“一區多園”青島模式")
    False
    >>> is_keyword_run("在线，GIMP online"), is_keyword_run("在线，GIMP online", latin_phrases=True)
    (True, False)
    """
    if has_sentence_end(line):
        return False
    segs = phrase_segments(line) if latin_phrases else segments(line)
    if len(segs) < 3:
        return False
    mean = sum(len(s) for s in segs) / len(segs)
    return mean <= 16


@lru_cache(maxsize=1)
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(SIMPLIFIED_ONLY), frozenset(TRADITIONAL_ONLY)


@lru_cache(maxsize=1)
def _script_scans() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """What :func:`script_counts` scans with, for each set: a pattern of the
    runs of characters outside its members of the BMP and outside the
    planes past it, and its members past the BMP. A class naming characters
    past the BMP one by one is no bitmap in ``re`` but a list tried member
    by member, a hundred times slower: those planes are one range here."""
    return tuple(
        (
            re.compile(f"[^{_chars({c for c in chars if c <= _BMP_LAST})}{_PAST_BMP}]+"),
            frozenset(c for c in chars if c > _BMP_LAST),
        )
        for chars in _script_sets()
    )


_BMP_LAST = "\uffff"
_PAST_BMP = "\U00010000-\U0010ffff"
_ASTRAL = re.compile(f"[{_PAST_BMP}]")


def script_counts(text: str) -> tuple[int, int]:
    """(Simplified-only, Traditional-only) character counts.

    >>> script_counts("亚洲香蕉 當前位置")  # 亚 and 當; the rest are shared
    (1, 1)
    >>> script_counts("亚\U00024cf8\U0001f600")  # 𤳸, Traditional past the BMP, counts too
    (1, 1)
    """
    # One scan a set at C speed (a bitmap test a character), no Python loop
    # over the text: deleting the runs of other characters leaves the set's
    # members of the BMP and the characters past it, of which only the
    # set's own count (the few there are, looked at one by one).
    if _script_budget.cheap(len(text)):
        # (until SCRIPT_BUDGET: the same counts, a set lookup a character)
        simp_set, trad_set = _script_sets()
        return sum(map(simp_set.__contains__, text)), sum(map(trad_set.__contains__, text))
    (simp, simp_far), (trad, trad_far) = _script_scans()
    return _members(simp, simp_far, text), _members(trad, trad_far, text)


#: Characters :func:`script_counts` counts by looking each up in the two
#: sets (some 40 ns a character) before it builds :func:`_script_scans`
#: (two classes of 2,500 code points: 5-7 ms to build): a process that
#: counts a few small texts never pays for them, one that counts more pays
#: at most about twice what they would have cost.
SCRIPT_BUDGET = 131_072
_script_budget = Budget(SCRIPT_BUDGET, _script_scans)


def _members(outside: re.Pattern[str], far: frozenset[str], text: str) -> int:
    rest = outside.sub("", text)
    if _ASTRAL.search(rest) is None:
        return len(rest)
    return len(rest) - sum(c not in far for c in _ASTRAL.findall(rest))


def script_of(text: str, *, minimum: int = 2, ratio: float = 3.0) -> str | None:
    """``"hans"``, ``"hant"`` or ``None`` when the text does not say.

    >>> script_of("亚洲香蕉视频综合在线"), script_of("當前位置:主頁 > 新聞中心"), script_of("在线")
    ('hans', 'hant', None)
    """
    return script_of_counts(*script_counts(text), minimum=minimum, ratio=ratio)


def script_of_counts(s: int, t: int, *, minimum: int = 2, ratio: float = 3.0) -> str | None:
    """:func:`script_of` from the counts of :func:`script_counts`."""
    if s >= minimum and s >= ratio * t:
        return "hans"
    if t >= minimum and t >= ratio * s:
        return "hant"
    return None


def vocabulary(text: str) -> set[str]:
    """Han bigrams (single characters for one-character runs) and Latin words."""
    out: set[str] = set()
    for run in _HAN_RUN.findall(text):
        if len(run) == 1:
            out.add(run)
        else:
            out.update(map(add, run, run[1:]))  # (its bigrams, made at C speed)
    out.update(_WORD.findall(text.lower()))
    return out
