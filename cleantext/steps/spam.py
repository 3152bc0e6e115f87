"""The ``spam`` step: remove keyword lines injected above or below an article.

Hacked and site-farm pages prepend (or append) lines of porn, gambling,
fake-certificate, pharmacy or SEO keywords. A line is judged only if it holds a specific term from the lexicon
(``cleantext/data/spam_terms.tsv`` plus the user's ``spam_terms``; filler
words such as 在线观看 count only next to one). The evidence:

* **lexicon**: how many specific terms, and the *coverage*: the share of
  the line's letters inside spam terms;
* **shape**: a keyword run (several short segments between separators and
  no sentence punctuation);
* **script**: Simplified spam over a Traditional article, or the reverse;
* **vocabulary**: how many of the line's character bigrams occur in the body
  (the prose between head and tail, sampled);
* **position**: the head (before the first prose line), the tail (after the
  last) or the middle.

A score from 0 to 1 weighs these (lexicon 0.45, shape 0.2, script 0.15,
unshared vocabulary 0.2) and is reported with every finding. The decision
is made by explicit rules (:func:`_removable`): at the head and tail a
keyword run goes from score ``EDGE_THRESHOLD`` if its terms cover a fair
share of it; a short sentence or a one-phrase line goes only when it shares
(almost) nothing with the body and spam terms cover much of it. In the
middle only a keyword run on which every signal agrees goes
(``MIDDLE_THRESHOLD``); other suspects are reported (``fixed=False``).
Only short middle lines without a full stop are looked at, which keeps
clean text fast.

Lines that say what they are (``关键词：``, ``Tags:``, ``来源：``...) are
never removed, only reported. A lone navigation word (``Network``,
``Home``, ``首页``) next to a removed block goes with it, and so do the blank
lines that separated the block from the text.

>>> from cleantext.steps import Context
>>> text = "澳门新葡京,百家乐,时时彩,北京赛车\\n\\n今天天气很好。我们去公园散步。\\n"
>>> out, findings = remove_spam(text, Context())
>>> out
'今天天气很好。我们去公园散步。\\n'
>>> findings[0].line, findings[0].end_line, findings[0].code
(1, 2, 'spam-lines')
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import add
from os.path import commonprefix

from ..findings import Finding
from ..markup import fence_spans, is_code_file
from ..pagemodel import (
    SCRAPED,
    LineIndex,
    Signal,
    add_evidence,
    is_furniture,
    keep_authored,
    page_of,
    structure_of,
)
from ..spamlex import (
    FILLER,
    NAV_WORDS,
    Hit,
    Lexicon,
    has_sentence_end,
    is_keyword_run,
    keyword_stack,
    lexicon,
    phrase_segments,
    script_counts,
    script_of,
    script_of_counts,
    vocabulary,
)
from ..textutil import HAN_CLASS, lazy_re
from .base import Context

#: Score needed to remove a keyword-run line at the head or tail.
EDGE_THRESHOLD = 0.55
#: Score needed to remove a line in the middle (otherwise it is reported).
MIDDLE_THRESHOLD = 0.8
#: Score from which a line that is kept is reported.
REPORT_THRESHOLD = 0.5
#: Middle lines longer than this are prose, not injected keyword lines.
MIDDLE_MAX_CHARS = 160
#: A body line this long marks the article's edge by itself.
ANCHOR_CHARS = 40
#: From this many middle lines to search for terms on, the lexicon's key scan
#: picks out the few that may hold one (its patterns cost some milliseconds
#: to build, more than a search of a few hundred lines); once it is built,
#: from any number.
KEY_SCAN_LINES = 500
#: Characters of body text sampled for vocabulary and script.
BODY_SAMPLE = 30_000
#: Below this many characters, :func:`remove_spam` holds the lines of a
#: text it judges as lists (see there).
LIST_CHARS = 1 << 20

_STOP = re.compile("[。！？!?]")
_LABELLED = re.compile(
    r"^\s*(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤|标签云|tags?|keywords?|分类|分類|"
    r"来源|來源|作者|编辑|編輯|责任编辑|責任編輯|记者|記者|发布时间|發佈時間|日期|时间|時間)"
    r"\s*[:：]",
    re.IGNORECASE,
)


@dataclass
class _Verdict:
    index: int
    score: float
    terms: dict[str, list[str]] = field(default_factory=dict)
    keyword_run: bool = False
    mismatch: str | None = None
    overlap: float | None = None
    where: str = "head"
    labelled: bool = False
    strong: int = 0
    coverage: float = 0.0
    contacts: list[str] = field(default_factory=list)
    filler: int = 0
    furniture: bool = False
    #: Share of its vocabulary found in the page's other spam lines (set
    #: only for a line judged by that, see :func:`_echoes`).
    echo: float | None = None
    #: ``overlap`` of the line without its contacts (None: nothing else).
    content_overlap: float | None = None
    #: Shares a word with a kept line right above or below it (see
    #: :func:`_neighbours`).
    neighbour: bool = False
    #: The filler words of a line without a specific term (shown as evidence).
    padding: list[str] = field(default_factory=list)

    def evidence(self) -> str:
        parts = []
        for cat, ts in sorted(self.terms.items(), key=lambda kv: kv[0] == FILLER):
            shown = ", ".join(ts[:4]) + (f" +{len(ts) - 4}" if len(ts) > 4 else "")
            parts.append(f"{cat}: {shown}")
        if self.padding:
            shown = ", ".join(self.padding[:4]) + (" +more" if len(self.padding) > 4 else "")
            parts.append(f"filler words only: {shown}")
        if self.contacts:
            shown = ", ".join(self.contacts[:3])
            parts.append(f"contact/domain: {shown}" + (" +more" if len(self.contacts) > 3 else ""))
        if self.keyword_run:
            parts.append("keyword run")
        if self.mismatch:
            parts.append(self.mismatch)
        if self.overlap is not None:
            parts.append(f"{self.overlap:.0%} of its vocabulary in the body")
        if self.echo is not None:
            parts.append(f"{self.echo:.0%} of it in the page's spam lines")
        parts.append(f"at the {self.where}" if self.where != "middle" else "mid-document")
        return "; ".join(parts)

    def as_data(self, line: int) -> dict[str, object]:
        return {
            "line": line,
            "score": round(self.score, 3),
            "terms": self.terms,
            "keyword_run": self.keyword_run,
            "script_mismatch": self.mismatch,
            "overlap": None if self.overlap is None else round(self.overlap, 3),
            "position": self.where,
            "coverage": round(self.coverage, 3),
            "contacts": self.contacts,
        }


def _letters(text: str) -> int:
    """How many of ``text``'s characters are letters (``str.isalpha``)."""
    return sum(map(str.isalpha, text))


def _coverage(line: str, hits: list[Hit]) -> float:
    """Share of the line's letters (Han and Latin, not digits) inside spam terms.

    (The letters of every hit counted in one pass over the hits' text joined,
    not a pass a hit: the same sum, as a letter is one character whatever is
    beside it; hits that overlap count as often as before.)"""
    covered = _letters("".join([line[a:z] for _t, _c, a, z in hits]))
    return min(1.0, covered / (_letters(line) or 1))


def _prose(line: str) -> bool:
    """Long enough, with a sentence end: the shape of a body line."""
    s = line.strip()
    return len(s) >= 20 and has_sentence_end(s)


def _is_body(line: str, lex: Lexicon) -> bool:
    """A prose line that is not mostly spam terms: the article has started."""
    if not _prose(line):
        return False
    s = line.strip()
    if len(s) < 80 and _has_contact(s) and contacts(s) and not is_furniture(s):
        return False  # an SEO sentence with its domain or phone number
    if len(s) < 60 and len(lex.filler_terms(s)) >= 2:
        return False  # a short sentence of spam padding ("本站...每日更新")
    hits = lex.find(s)
    # A long paragraph that mentions a term (news on a gambling case) is
    # body; a short sentence with one (an SEO line) is not.
    return not hits or (len(s) >= 50 and _coverage(s, hits) < 0.2)


_LINK = re.compile(
    r"\[([^\]\n]*)\]\([^)\s]*\)|<a\b[^>]*>(.*?)</a>|《[^》\n]{1,40}》", re.IGNORECASE
)
#: The top-level domains of a bare domain in :data:`_CONTACT`.
_TLDS = (
    "com|net|org|cc|top|xyz|vip|app|tv|me|co|live|in|cn|info|biz|club|site|online|pw|ws|la|io|"
    "fun|icu|shop|win|bet|buzz|link|work|life|pro|tk|ml|ga|asia|hk|tw"
)
_CONTACT = re.compile(
    r"(?:https?://|www\.)[a-z0-9._~:/?#@!$&'*+;=%-]+"
    r"|(?<![a-z0-9_.@/])[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40})*"
    rf"\.(?:{_TLDS})(?![\w.-])"
    r"|(?<![\d-])1[3-9]\d(?:[- ]?\d{4}){2}(?![\d-])"
    r"|(?:qq|扣扣|企鹅|q群)\s*[:：号號]?\s*\d{5,11}"
    # (An ASCII label is a word of its own: "tg" in "chatgpt-price" is none.)
    r"|(?:微信号?|微信號|v信|薇信|威信|加微|飞机|飛機|(?<![a-z0-9_])(?:weixin|wx|vx|tg|telegram))"
    r"\s*[:：号號]?\s*[a-z][a-z0-9_-]{4,19}"
    # WeChat as one letter or a homophone ("加V：", "薇：") with a colon,
    # then a handle with digits.
    r"|(?:(?<![a-z0-9])v|薇|威)\s*[:：]\s*[a-z](?=[a-z_-]*\d)[a-z0-9_-]{4,19}",
    re.IGNORECASE,
)
#: What every match of ``_CONTACT`` holds (found at C speed, a few times
#: quicker than ``_CONTACT``, on the few lines that hold it), alternative by
#: alternative: a URL's "://" or "www." and a domain's "." (a "."); a mobile
#: number's ASCII "1" and one of "3" to "9"; a QQ number's five digits of
#: ``\d`` (full-width ones too); a WeChat or Telegram handle, or one after
#: "v：", a letter and four more of ``[a-z0-9_-]``. (With IGNORECASE too, so
#: ``[a-z0-9_-]`` takes every character that ``_CONTACT``'s ``[a-z]``
#: takes, U+212A and the rest; digits have no case.) The first character is
#: one class, tried where the line has a "." or a digit, then what follows
#: it: Chinese prose with full-width figures in it (２０２３年) passes the
#: class but not the rest.
_CONTACT_NEEDS = re.compile(
    r"[.\d](?:(?<=\.)|(?<=1)[3-9]|(?<=\d)\d{4})|://|[a-z0-9_-]{5}", re.IGNORECASE
)


#: What every match of ``_CONTACT`` in a line of ASCII holds, in the line
#: lowered (on ASCII, ``_CONTACT``'s IGNORECASE is the lowering: an ASCII
#: letter matches its own case and its capital only, and lowering changes
#: nothing else), alternative by alternative: "://" or "www." opens a URL;
#: a bare domain ends with a dot and its domain; a mobile number opens on
#: "1" and one of "3" to "9"; a QQ number follows "qq" (its other labels
#: are Han); a handle follows one of its ASCII labels, "weixin", "wx",
#: "vx", "tg" or "telegram" (the others are Han), or a "v" and a colon
#: (white space between). Every alternative opens on a letter, not a class
#: (``re`` skips at C speed to the characters they open on), and English
#: has few of the rest (a line of words, where ``_CONTACT_NEEDS`` takes
#: any word of five letters for a handle).
_ASCII_CONTACT_NEEDS = re.compile(
    rf"://|www\.|\.(?:{_TLDS})|1[3-9]|qq|weixin|wx|vx|tg|telegram|v\s*:"
)


def _may_hold_contact(line: str) -> bool:
    """Whether ``_CONTACT`` may match in ``line`` (when it does, this is
    True): ``_ASCII_CONTACT_NEEDS`` on a line of ASCII, ``_CONTACT_NEEDS``
    on any other."""
    if line.isascii():
        return _ASCII_CONTACT_NEEDS.search(line.lower()) is not None
    return _CONTACT_NEEDS.search(line) is not None


def _has_contact(line: str) -> bool:
    """``_CONTACT.search(line) is not None``: the quick test first (see
    :func:`_may_hold_contact`), which rules out nearly every line of prose."""
    return _may_hold_contact(line) and _CONTACT.search(line) is not None


def contacts(line: str) -> list[str]:
    """URLs, bare domains, mobile numbers, QQ and WeChat handles in ``line``
    (not inside a Markdown link's target: a link is the page's own).

    >>> contacts("蜜桃影院最新地址：mtyy1.com www.mt2.net 微信：abc12345 13912345678")
    ['mtyy1.com', 'www.mt2.net', '微信：abc12345', '13912345678']
    >>> contacts("相关阅读：[标题](https://example.com/1.html)"), contacts("2023-03-01 10:20")
    ([], [])
    >>> contacts("其他驱动到www.hp.com.cn去下载")  # part of a sentence
    []
    """
    if "](" in line:
        line = re.sub(r"\]\([^)\s]*\)", "]", line)
    if not _may_hold_contact(line):
        return []  # (_CONTACT finds nothing: see _may_hold_contact)
    out = []
    for m in _CONTACT.finditer(line):
        a, z = m.span()
        if 0 < a and z < len(line) and _han_re().match(line[a - 1]) and _han_re().match(line[z]):
            continue  # inside a sentence: "驱动到www.hp.com.cn去下载"
        out.append(m.group())
    return out


def _judge(line: str, hits: list[Hit], body: _Body, where: str, index: int) -> _Verdict:
    if hits and ("[" in line or "<a" in line or "《" in line):
        # A spam word inside a link title or a quoted title names an
        # article (a newsletter's 《快时尚赌场》), it is not the line's shape.
        titled = [(m.start(), m.end()) for m in _LINK.finditer(line)]
        hits = [h for h in hits if not any(a <= h.start < z for a, z in titled)]
        if not any(h.category != FILLER for h in hits):
            hits = []
    # The specific and filler terms, and each category's terms in the order
    # they first occur (one pass over the hits).
    strong: set[str] = set()
    filler: set[str] = set()
    terms: dict[str, list[str]] = {}
    for term, category, _a, _z in hits:
        (filler if category == FILLER else strong).add(term)
        listed = terms.get(category)
        if listed is None:
            terms[category] = [term]
        elif term not in listed:
            listed.append(term)
    coverage = _coverage(line, hits)
    contact = contacts(line)
    lex_score = min(1.0, 0.35 * len(strong) + 0.1 * len(filler) + 0.5 * coverage)
    run = is_keyword_run(line)
    mismatch = None
    script = script_of(line)
    if body.script and script and script != body.script:
        names = {"hans": "Simplified", "hant": "Traditional"}
        mismatch = f"{names[script]} over a {names[body.script]} body"
    overlap = content_overlap = None
    novelty = 0.5
    if body.text:
        v = vocabulary(line)
        overlap = body.shared(v) / len(v) if v else 0.0
        novelty = 1.0 - overlap
        if contact:
            # The same without its contacts (a handle or a number is in no
            # body): None when nothing else is left.
            rest = line
            for c in contact:
                rest = rest.replace(c, " ")
            v = vocabulary(rest)
            content_overlap = body.shared(v) / len(v) if v else None
        else:
            content_overlap = overlap
    score = min(
        1.0,
        0.45 * lex_score + 0.1 * bool(contact) + 0.2 * run + 0.15 * (mismatch is not None)
        + 0.2 * novelty,
    )  # fmt: skip
    padding: list[str] = []
    if not strong:
        padding = lexicon().filler_terms(line)
        filler = set(padding)
    return _Verdict(
        index, score, terms, run, mismatch, overlap, where,
        _LABELLED.match(line) is not None, len(strong), coverage,
        contact, len(filler), is_furniture(line), padding=padding,
        content_overlap=content_overlap,
    )  # fmt: skip


def _removable(v: _Verdict, line: str) -> bool:
    """The decision; the score orders the evidence, these rules make the call."""
    if v.labelled or v.furniture:
        return False
    if not v.strong:
        return _structural(v, line)
    if v.contacts and _structural(v, line) and (_residue(line, v) <= RESIDUE_MAX or v.filler >= 2):
        return True  # a specific term and a contact to sell it, little else
    # Without a body to compare with, only a keyword run or a line packed
    # with terms can go.
    if v.overlap is None:
        unrelated = v.strong >= 3 and v.coverage >= 0.6
    else:
        unrelated = v.overlap <= 0.1
    if v.where == "middle":
        return (
            v.keyword_run
            and v.strong >= 2
            and v.score >= MIDDLE_THRESHOLD
            and (v.overlap is None or v.overlap <= 0.2)
        )
    if v.overlap is not None and v.overlap > 0.5:
        return False
    if has_sentence_end(line):
        # An SEO sentence: short, mostly spam terms, nothing in common with the body.
        if len(line.strip()) > 120 or not unrelated:
            return False
        return (
            (v.strong >= 2 and v.coverage >= 0.2)
            or v.coverage >= 0.5
            # A spam term padded with filler words ("本站...偷拍...每日更新").
            or (len(line.strip()) <= 60 and v.filler >= 2)
            # A spam term and the site's domain or number to find it at
            # ("X为您提供最新的<term>，欢迎收藏<domain>！").
            or (len(line.strip()) <= 80 and bool(v.contacts))
        )
    if v.keyword_run:
        # A list of names or a review with one odd word is not a keyword run
        # of spam: one specific term must also cover a fair share of it.
        return v.score >= EDGE_THRESHOLD and (v.strong >= 2 or v.coverage >= 0.2)
    # One or two segments: unrelated to the body and largely spam terms
    # (more than half of it; less with a script mismatch or many terms).
    if not unrelated:
        return False
    if v.mismatch is not None or v.strong >= 2:
        return v.coverage >= 0.3
    return v.coverage >= 0.5


#: A line with a spam term and a contact goes without more evidence only if
#: it says little else: at most this many Han characters outside its terms
#: and contacts (a review that ends with a QQ number says more).
RESIDUE_MAX = 12


def _residue(line: str, v: _Verdict) -> int:
    rest = line
    for c in v.contacts:
        rest = rest.replace(c, " ")
    for ts in v.terms.values():
        for t in ts:
            rest = rest.replace(t, " ")
    return len(_han_re().findall(rest))


#: Words every contact line shares with any page's contact line.
_LABEL_WORDS = frozenset(("电话", "電話", "联系", "聯繫", "聯系", "手机", "手機", "微信"))
_NUMBER = re.compile(r"\d[\d -]{6,}\d")


def _neighbours(
    verdicts: list[_Verdict], bare: Sequence[str], n: int, evidence: set[int], gone: set[int]
) -> None:
    """Mark the contact lines without a specific term that share a word
    (a Han bigram, contacts left out) with the nearest line above or below
    that is not furniture, not labelled and has no evidence of its own
    (``evidence``: a lexicon term, a contact): the article's own line next
    to it (a short review line, a title), so the line is part of it. Spam
    lines come in blocks; their neighbours are spam lines or blanks. Blank
    lines and the lines that go (``gone``) are looked past, as a second run
    finds them gone."""
    for v in verdicts:
        if v.strong or not v.contacts or v.where == "middle":
            continue
        rest = bare[v.index]
        for c in v.contacts:
            rest = rest.replace(c, " ")
        words = {w for w in vocabulary(rest) if len(w) == 2 and not w.isascii()} - _LABEL_WORDS
        if not words:
            continue
        for step in (-1, 1):
            j = v.index + step
            while 0 <= j < n and (not bare[j].strip() or j in gone):
                j += step
            if (
                not 0 <= j < n or j in evidence
                or is_furniture(bare[j]) or _LABELLED.match(bare[j])
                or _NUMBER.search(bare[j])  # the publisher's 联系电话：010-...
            ):  # fmt: skip
                continue
            # One shared word with a short line (a review's "驱动难找"),
            # two with a paragraph (which shares one with almost anything).
            shared = len(words & vocabulary(bare[j]))
            if shared >= 2 or (shared and len(bare[j].strip()) < ANCHOR_CHARS):
                v.neighbour = True
                break


#: A head or tail line goes with the page's spam lines when this share of
#: its vocabulary is theirs and (almost) none of it the body's.
ECHO_SHARE = 0.5
#: Lines longer than this are not judged by the vocabulary they share.
ECHO_MAX_CHARS = 80


def _echoes(
    bare: Sequence[str],
    spam: dict[int, _Verdict],
    body: _Body,
    edge: list[int],
    skip: set[int],
    head_end: int,
    lex: Lexicon,
) -> list[_Verdict]:
    """Head and tail lines made of the words of the page's spam lines.

    A site farm writes its injected lines from one vocabulary: a line whose
    words are mostly those of the lines judged spam, and not the body's, is
    one of them even when no lexicon term is in it (an SEO sentence around
    the farm's keywords, a slogan with the same site name). Judged once,
    against the lines already judged: a chain of lines vouching for each
    other is not evidence.
    """
    # The spam lines' words, made when a line first needs them (read only
    # there, and the spam lines do not change in the loop: the same set
    # whenever it is made; on a farm stream no edge line gets that far,
    # and thousands of spam lines' words were made for nothing).
    vocab: set[str] | None = None
    out = []
    for i in edge:
        s = bare[i].strip()
        if (
            i in spam or i in skip or not s or len(s) > ECHO_MAX_CHARS
            or s.casefold() in NAV_WORDS or _LABELLED.match(s) or is_furniture(s)
        ):  # fmt: skip
            continue
        words = vocabulary(s)
        if len(words) < 3 or body.shared(words) > 0.1 * len(words):
            continue
        if vocab is None:
            vocab = set().union(*(vocabulary(bare[i]) for i in spam))
        share = len(words & vocab) / len(words)
        if share >= ECHO_SHARE:
            where = "head" if i < head_end else "tail"
            v = _judge(bare[i], lex.find(bare[i]), body, where, i)
            v.echo = share
            out.append(v)
    return out


def _maybe_structural(line: str) -> bool:
    """Cheap test: could a line without lexicon terms be spam by its shape?"""
    return (
        len(line) <= 400
        and (is_keyword_run(line) or _has_contact(line) or _short_sentence_with_filler(line))
        and not is_furniture(line)
    )


#: What :func:`_edge_line` keeps, in characters of the lines it holds, each
#: line counted EDGE_ENTRY_CHARS more (its entry and answer): the documents
#: of a folder share many head and tail lines (a man page's ``.PP`` and
#: ``.TP``, a translation project's footer): on 4,475 documents of
#: /usr/share/doc and source packages, 126,000 such lines asked, 56,600
#: distinct; with this bound 70,600 answers worked out (66,700 with four
#: times as much, 77,000 with a quarter). Kept between runs, so small.
EDGE_MEMO_CHARS = 1 << 18
#: See :data:`EDGE_MEMO_CHARS`.
EDGE_ENTRY_CHARS = 64
_EDGE_MEMO: dict[str, tuple[bool, list[str] | None]] = {}
_edge_held = 0


def _edge_line(line: str) -> tuple[bool, list[str] | None]:
    """What :func:`remove_spam` asks of a non-blank head or tail line
    without a lexicon term (``line``: with its ``"\r"``, if any):
    :func:`_maybe_structural` of it, and when that holds,
    :func:`_inert_padding` of the line bare (else None). Both read the line
    alone (and the built-in lexicon): an answer given before is given again
    (:data:`EDGE_MEMO_CHARS`)."""
    global _edge_held
    known = _EDGE_MEMO.get(line)
    if known is not None:
        return known
    maybe = _maybe_structural(line)
    answer = (maybe, _inert_padding(line[:-1] if line.endswith("\r") else line) if maybe else None)
    cost = len(line) + EDGE_ENTRY_CHARS
    _edge_held += cost
    if _edge_held > EDGE_MEMO_CHARS:
        _EDGE_MEMO.clear()
        _edge_held = cost
    _EDGE_MEMO[line] = answer
    return answer


def _inert(line: str) -> bool:
    """Whether the verdict of a head or tail line without a lexicon term
    (``line``, bare: as :func:`_judge` is given it) is sure to be neither
    removable nor scoring REPORT_THRESHOLD, whatever the body: such a
    verdict comes to no finding (see :func:`remove_spam`), so a text whose
    candidates are all such lines needs no body and no judging.

    Why it is exact: with no hit, :func:`_judge` scores no lexicon
    evidence, so the score is 0.1 for a contact, 0.2 for a keyword run,
    0.15 for a script mismatch and at most 0.2 for novelty; without a
    contact and without a script (which a mismatch needs; a line of ASCII
    has none), at most 0.4. With no specific term, :func:`_removable` is
    :func:`_structural`, whose contact branch needs a contact; past it, a
    line goes only as an SEO sentence (two filler terms in it stripped, see
    :func:`_short_sentence_with_filler`) or as a keyword run with two
    filler terms in it (``v.filler``), a mismatch, or one name opening
    every segment (:func:`_one_name_run`).
    """
    return _inert_padding(line) is not None


def _inert_padding(line: str) -> list[str] | None:
    """The filler words of ``line`` (``lexicon().filler_terms``, what
    :func:`_judge` shows as its ``padding``) when :func:`_inert` holds for
    it, else None: one pass of the tests for the two questions
    :func:`remove_spam` asks of a head or tail line without a term."""
    if not line.isascii() and script_of(line) is not None:
        return None
    s = line.strip()
    if contacts(line) or _one_name_run(s):
        return None
    filler = lexicon().filler_terms
    padding = filler(line)
    if len(padding) >= 2 or (s != line and len(filler(s)) >= 2):
        return None
    return padding


#: An SEO sentence without a specific term is judged only this short.
SEO_SENTENCE_MAX = 60


def _short_sentence_with_filler(line: str) -> bool:
    s = line.strip()
    return (
        len(s) <= SEO_SENTENCE_MAX and has_sentence_end(s) and len(lexicon().filler_terms(s)) >= 2
    )


def _seo_sentence(v: _Verdict, line: str) -> bool:
    """A short sentence at the head or tail built around stacked filler
    words (``本站中文字幕日韩每日更新，X永久免费。``): the words of a
    keyword head glued into one compound, at least two touching, much of
    the line, and nothing shared with the body. (Checked by
    :func:`_structural`, which has already required the edge and no shared
    vocabulary.)"""
    s = line.strip()
    if not _short_sentence_with_filler(s) or v.overlap is None or v.overlap > 0.1:
        return False
    return (
        len(lexicon().filler_terms(s)) >= 3
        and keyword_stack(lexicon().find_all(s)) >= 2
        and _filler_share(s) >= 0.3
    )


def _structural(v: _Verdict, line: str) -> bool:
    """A head or tail line without a specific lexicon term: structural
    evidence must agree. It shares (almost) no vocabulary with the body, and
    either it advertises a contact (URL, bare domain, phone, QQ or WeChat)
    in a short line that is not a sentence about the text, or it is a
    keyword run of the filler words spam lines are padded with (or of
    another script than the body)."""
    if v.where == "middle" or v.overlap is None:
        return False
    s = line.strip()
    if v.contacts and len(s) <= 120 and (len(s) <= 60 or not has_sentence_end(s)):
        if _contacts_only(s, v):
            return True  # handles and numbers under one or two labels
        # What it says besides its contacts must be foreign to the body and
        # to the article's lines around it (a reader's "谁找全驱动的共享下
        # QQ..." below "驱动难找" is about the article), and a sentence
        # must be mostly padding: filler words, or little else
        # ("想要找我帮忙的可以啊！QQ：..." is a reader's comment).
        if (
            v.content_overlap is not None
            and v.content_overlap <= 0.15
            and not v.neighbour
            and (
                (not has_sentence_end(s) and (_residue(s, v) <= CONTACT_AD_MAX or _short_items(s)))
                or v.filler >= 2
                or _residue(s, v) <= 6
            )
        ):
            return True
    if v.overlap > 0.15:
        return False
    if _seo_sentence(v, s):
        return True
    if not v.keyword_run or not is_keyword_run(s, latin_phrases=True):
        # Without a specific term the shape must hold with a Latin phrase
        # as one segment: a glossary entry of a manual (``在线，GIMP
        # online``) is a term and its English name, not three keywords.
        return False
    # A run of filler words: they cover much of it (a review listing its
    # complaints between commas mentions 官网 and 下载 in passing).
    filler_share = _filler_share(s)
    return (
        (v.filler >= 2 and filler_share >= 0.4)
        or (v.mismatch is not None and v.filler >= 1 and filler_share >= 0.2)
        or _one_name_run(s)
    )


#: An ad around a contact is terse: at most this many Han characters of
#: its own ("无抵押贷款 当天放款 电话..."); a line that says more is a
#: reader's request or comment that ends with a QQ number.
CONTACT_AD_MAX = 16
#: A line of contacts may carry this many Han characters of labels
#: (电话, 联系, 微信号...) besides them.
CONTACT_LABELS_MAX = 4


def _short_items(line: str) -> bool:
    """A list of short items (``办理结婚证,毕业证,健康证,身份证``): three or
    more Han segments of at most 6 characters on average, where a reader's
    clauses run to 8 or more.

    >>> _short_items("办理结婚证,毕业证,健康证,身份证 VX：gg4722")
    True
    >>> _short_items("操作系统安装太麻烦了，弄到现在还装不上去，有谁会的请指点下，QQ:1839")
    False
    """
    findall = _han_re().findall
    han = [x for x in map(findall, phrase_segments(line)) if x]
    return len(han) >= 3 and sum(map(len, han)) / len(han) <= 6


def _contacts_only(line: str, v: _Verdict) -> bool:
    """Two or more contacts and next to nothing else (``微信号 ab1234 QQ123456
    电话13912345678``): no vocabulary to share with any body, so the body
    is not asked (its 电话 or 联系 does not vouch for the line)."""
    return (
        len(v.contacts) >= 2
        and not has_sentence_end(line)
        and _residue(line, v) <= CONTACT_LABELS_MAX
    )


def _filler_share(line: str) -> float:
    """Share of the line's letters (Han and Latin) inside filler terms.

    Latin letters count on both sides: a title with ``Free Online`` in it
    is not a run of filler words because those two are.

    >>> round(_filler_share("出自在线词典 (The Free Online Dictionary of Computing)"), 2)
    0.3
    """
    letters = _letters(line) or 1
    low = line.lower()
    covered = sum(low.count(t) * len(t) for t in lexicon().filler_terms(line))
    return min(1.0, covered / letters)


def _one_name_run(line: str) -> bool:
    """An SEO title: every segment starts with the same name
    (``银河国际_银河国际app下载_银河国际官方网站``).

    >>> _one_name_run("减肥药哪里买_减肥药效果_减肥药价格"), _one_name_run("第一章_第二章_第三章")
    (True, False)
    """
    segs = [x for x in _NAME_SEPARATORS.split(line) if x]
    if len(segs) < 3:
        return False
    prefix = segs[0]
    for x in segs[1:]:
        prefix = commonprefix((prefix, x))
        if len(prefix) < 2:
            return False  # (it only gets shorter)
    return True


_NAME_SEPARATORS = re.compile(r"[_|｜,，、/\s-]+")


_WORDS = re.compile(r"[a-z0-9]{2,}")  # as in spamlex.vocabulary
_han_re = lazy_re(f"[{HAN_CLASS}]")


#: ``_Body.shared`` answers "is this Han bigram in the body?" with ``in`` on
#: the text until it has been asked this many times; then it keeps the set of
#: the text's two-character substrings (the same answers: a bigram occurs in
#: the text exactly when it is one of them), so a page with many candidate
#: lines does not scan 45,000 characters for each of their bigrams.
PAIR_ASKS = 64
_lone_han = lazy_re(f"(?<![{HAN_CLASS}])[{HAN_CLASS}](?![{HAN_CLASS}])")


@dataclass
class _Body:
    """The sampled body text and its script.

    Whether a line's word is in the body's vocabulary (:func:`vocabulary`)
    is asked of the text itself: a Han bigram is in it if it occurs in it
    (both characters are Han, so they sit in one Han run), which spares
    building the vocabulary of 30,000 characters for a few dozen questions;
    past ``PAIR_ASKS`` questions the text's bigrams are kept as a set. A
    one-character Han run is in it if the text has that character with no
    Han character on either side (the set of such characters, found in one
    scan).
    """

    text: str
    script: str | None
    #: The text's distinct lines joined (the text itself when none repeats):
    #: a word is in the text exactly when it is in one of its lines (no
    #: word of :func:`vocabulary` holds a newline, and a one-character run
    #: has a newline or an end beside it in the line as in the text).
    distinct: str = ""
    _words: set[str] | None = None
    _pairs: set[str] | None = None
    _asked: int = 0
    _lone: set[str] | None = None
    #: Once the bigrams are kept: every word the loop above finds in the
    #: body, in one set, so that a word is in the body exactly when it is in
    #: this set. Why: the loop looks an ASCII word up in ``_words``, a word of
    #: two other characters in ``_pairs`` and any other in ``_lone``; this
    #: set is ``_words`` (ASCII words), ``_pairs`` without its ASCII pairs
    #: (non-ASCII, two characters) and ``_lone`` (one non-ASCII character
    #: each): a word of one kind is never a member of the others' parts.
    _known: set[str] | None = None

    def shared(self, vocab: set[str]) -> int:
        """How many of ``vocab`` (words of :func:`vocabulary`) are in the
        body's vocabulary."""
        if self._known is not None:
            return len(vocab & self._known)
        n = 0
        text = self.distinct or self.text
        for tok in vocab:
            if tok.isascii():
                if self._words is None:
                    self._words = set(_WORDS.findall(text.lower()))
                n += tok in self._words
            elif len(tok) == 2:
                if self._pairs is None:
                    self._asked += 1
                    if self._asked <= PAIR_ASKS:
                        n += tok in text
                        continue
                    t = text
                    self._pairs = set(map(add, t, t[1:]))  # (t[i : i + 2] for each i)
                n += tok in self._pairs
            else:  # a one-character Han run
                if self._lone is None:
                    self._lone = set(_lone_han().findall(text))
                n += tok in self._lone
        if self._pairs is not None:
            # Asked often: from now on one set intersection at C speed (see
            # ``_known``).
            if self._words is None:
                self._words = set(_WORDS.findall(text.lower()))
            if self._lone is None:
                self._lone = set(_lone_han().findall(text))
            pairs = {p for p in self._pairs if not p.isascii()}
            self._known = self._words | pairs | self._lone
        return n


def _body_lines(parts: Sequence[str], order: range, lex: Lexicon) -> Iterator[int]:
    """The indices in ``order`` whose lines pass :func:`_is_body`, found a
    batch at a time: one term scan per batch instead of one per line."""
    batch = 64
    for b in range(0, len(order), batch):
        prose = [i for i in order[b : b + batch] if _prose(parts[i])]
        if not prose:
            continue
        with_terms = {prose[k] for k in lex.lines_with_terms([parts[i].strip() for i in prose])}
        for i in prose:
            if i not in with_terms or _is_body(parts[i], lex):
                yield i


def _body(parts: Sequence[str], start: int, stop: int, lex: Lexicon) -> _Body:
    """Vocabulary and script of the prose between head and tail (sampled;
    short lines with spam terms are left out: spam must not vouch for spam)."""
    sample: list[str] = []
    size = 0
    for i in _body_lines(parts, range(start, stop), lex):
        if size >= BODY_SAMPLE:
            break
        sample.append(parts[i])
        size += len(parts[i])
    if size >= BODY_SAMPLE:
        size = 0
        for i in _body_lines(parts, range(stop - 1, start - 1, -1), lex):
            if size >= BODY_SAMPLE // 2:
                break
            sample.append(parts[i])
            size += len(parts[i])
    if not sample:
        # No prose (a list, a page of titles): any line without spam terms.
        for i in range(len(parts)):
            if size >= BODY_SAMPLE:
                break
            if (
                parts[i].strip() and not lex.find(parts[i])
                and not _has_contact(parts[i]) and not is_keyword_run(parts[i])
                and not _short_sentence_with_filler(parts[i])
            ):  # fmt: skip
                sample.append(parts[i])
                size += len(parts[i])
    text = "\n".join(sample)
    # The sample's distinct lines (a page saved twice has each of its body
    # lines twice), and how often each occurs.
    times = Counter(sample)
    distinct = "\n".join(times) if len(times) < len(sample) else text
    counts = _sample_counts(text, distinct, times)
    return _Body(text, script_of_counts(*counts, minimum=5), distinct)


#: Script counts of the last samples counted (a page's later rounds sample
#: the same body again).
_COUNTS: dict[str, tuple[int, int]] = {}
_COUNTS_HELD = 8


def _sample_counts(text: str, distinct: str, times: Counter[str]) -> tuple[int, int]:
    """:func:`script_counts` of the sample ``text`` (its lines joined by
    newlines), counted once for the whole sample; ``distinct``: its distinct
    lines joined, ``times``: how often each occurs. When every line occurs
    the same number of times, the counts are that many times those of
    ``distinct``: a count is the sum of its lines' counts (a newline is in
    neither set, as the tests check)."""
    c = _COUNTS.get(text)
    if c is None:
        if len(_COUNTS) >= _COUNTS_HELD:
            _COUNTS.clear()
        k = next(iter(times.values()), 1)
        if distinct is not text and all(m == k for m in times.values()):
            s, t = script_counts(distinct)
            c = (k * s, k * t)
        else:
            c = script_counts(text)
        _COUNTS[text] = c
    return c


def _may_find(verdicts: list[_Verdict], bare: Sequence[str]) -> bool:
    """Whether judging ``verdicts`` can come to a finding (see the proof in
    :func:`remove_spam`): one of them is removable or scores REPORT_THRESHOLD."""
    return any(v.score >= REPORT_THRESHOLD or _removable(v, bare[v.index]) for v in verdicts)


#: A middle candidate (4 to ``MIDDLE_MAX_CHARS`` characters, none of them
#: a full stop of ``_STOP``), with the line end before it; the line ends at
#: a line end or at the end of the search. The run of characters outside
#: "\n" and ``_STOP`` stops at the line's end only on such a line (on a
#: longer one it stops at the bound, on one with a full stop at the stop);
#: possessive where the pattern syntax has it (3.11), so that such a line
#: fails without the run giving characters back one by one (each of which
#: fails the same way: the character after the run is in the line).
_MIDDLE_LINE = re.compile(
    rf"\n([^\n。！？!?]{{4,{MIDDLE_MAX_CHARS}}}{'+' if sys.version_info >= (3, 11) else ''})"
    r"(?![^\n])"
)


@dataclass
class _Outline:
    """What :func:`remove_spam` looks at on a text before it judges a line,
    found without splitting the text (``parts`` is ``text.split("\\n")``):
    ``n`` lines (``parts`` without the empty one after a last line end),
    the head ``range(head_end)``, the tail ``range(tail_start, n)``, the
    middle lines of candidate length without a full stop (``joined``,
    their text joined by ``\n``, and :attr:`rows`; ``where``, where the
    line end before each is in the text (one before where it starts), in
    order: their line numbers are counted only for the few that
    :meth:`numbers` is asked for) and ``lines``: ``parts[i]`` of every line
    read from the two ends (all of the head and tail, and the lines next to
    them)."""

    n: int
    head_end: int
    tail_start: int
    joined: str
    where: array[int]
    lines: dict[int, str]
    text: str
    start: int  # where line head_end starts (when head_end < n)

    @property
    def rows(self) -> list[str]:
        """The middle rows (no row holds a ``\n``: each is a line)."""
        return self.joined.split("\n") if self.where else []

    def rows_at(self, ks: Iterable[int]) -> list[str]:
        """Rows ``ks``, cut from the text: row ``k`` starts after the line
        end at ``where[k]`` and runs to the next line end or the text's end
        (it is the whole line: _MIDDLE_LINE's match ends at a line end, at
        the line end before the tail, or at the end of the text or before
        its last line end)."""
        text, where, find = self.text, self.where, self.text.find
        out = []
        for k in ks:
            a = where[k] + 1
            b = find("\n", a)
            out.append(text[a:b] if b >= 0 else text[a:])
        return out

    def numbers(self, ks: list[int]) -> list[int]:
        """The line numbers of rows ``ks`` (ascending): line head_end
        starts at ``start``, and each row's number is head_end and the line
        ends from there to the row (counted on from the row before)."""
        out: list[int] = []
        line, counted = self.head_end, self.start
        for k in ks:
            at = self.where[k] + 1
            line += self.text.count("\n", counted, at)
            counted = at
            out.append(line)
        return out


def _outline(text: str, lex: Lexicon) -> _Outline:
    """The head, tail and middle candidates of ``text`` (not empty) as
    remove_spam found them on the split text: the head and tail are read
    line by line from the text's two ends (str.find and str.rfind of the
    line ends), and the middle's short lines are found by one pattern
    (``_MIDDLE_LINE``) with their numbers counted from the line ends before
    them. A test checks all of it against the split text."""
    trailing = text.endswith("\n")
    n = text.count("\n") + (not trailing)  # len(parts) - (parts[-1] == "")
    lines: dict[int, str] = {}
    starts: dict[int, int] = {}  # where the lines read start in text
    # The next line to read forward (and where it starts), and backward
    # (and where it ends): every line outside the two is read.
    ahead, at = 0, 0
    behind, end = n - 1, len(text) - trailing

    def line(i: int) -> str:
        """``parts[i]`` (0 <= i < n)."""
        nonlocal ahead, at, behind, end
        got = lines.get(i)
        if got is not None:
            return got
        if i - ahead <= behind - i:
            while ahead <= i:
                stop = text.find("\n", at)
                if stop < 0:
                    stop = len(text)
                lines[ahead] = text[at:stop]
                starts[ahead] = at
                ahead, at = ahead + 1, stop + 1
        else:
            while behind >= i:
                start = text.rfind("\n", 0, end) + 1
                lines[behind] = text[start:end]
                starts[behind] = start
                behind, end = behind - 1, start - 1
        return lines[i]

    # The head runs to the first body line and the tail from the last one,
    # however many lines that is: a block of 200 spam lines goes in one pass
    # (a bound here left the lines past it for a second run).
    # A short sentence marks the article's edge only next to another body
    # line: alone among spam lines it is an SEO sentence.
    def anchored(i: int, step: int) -> bool:
        if not _is_body(line(i), lex):
            return False
        if len(line(i).strip()) >= ANCHOR_CHARS:
            return True
        j = i + step
        while 0 <= j < n and not line(j).strip():
            j += step
        return 0 <= j < n and _is_body(line(j), lex)

    head_end = next((i for i in range(n) if anchored(i, 1)), n)
    tail_start = n
    for i in range(n - 1, head_end - 1, -1):
        if anchored(i, -1):
            tail_start = i + 1
            break

    # The rows joined by "\n", a part at a time: no str of each row is
    # held (on 10 MB of GBK text 48,000 rows, 5 MiB of small objects that
    # the step's peak held beside their join).
    joined: list[str] = []
    where = array("q")  # (8 bytes a row: a list of ints would hold 13 MB on 50 MB)
    start = -1
    if head_end < tail_start:
        # Lines head_end and tail_start (when < n) were read: anchored asked.
        first = line(head_end)
        start = starts[head_end]
        if 4 <= len(first) <= MIDDLE_MAX_CHARS and not _STOP.search(first):
            joined.append(first)
            where.append(start - 1)
        # The rest: from the line end after line head_end to the one after
        # line tail_start - 1 (or the text's last line end).
        stop_at = starts[tail_start] - 1 if tail_start < n else len(text) - trailing
        # (The rows, and apart from them where their line ends before them
        # are: one scan, no match object or pair of offsets held for each;
        # ROWS_AT_ONCE rows at a time are joined and let go of.)
        found = _MIDDLE_LINE.finditer(text, start + len(first), stop_at)
        rows: list[str] = []
        append_row, append_at = rows.append, where.append
        while True:
            for m in islice(found, ROWS_AT_ONCE):
                append_row(m[1])
                append_at(m.start())
            if not rows:
                break
            joined.append("\n".join(rows))
            rows.clear()
    return _Outline(n, head_end, tail_start, "\n".join(joined), where, lines, text, start)


#: How many middle rows :func:`_outline` holds before it joins them.
ROWS_AT_ONCE = 1024


def remove_spam(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    """Remove injected spam lines; report doubtful ones (``fixed=False``)."""
    if is_code_file(ctx.config.filename):
        return text, []
    if not text:
        return text, []
    lex = lexicon(tuple(ctx.config.spam_terms))
    # Head, tail and the middle's candidate lines, found without splitting
    # the text (see _outline; the text is split only once a line is judged).
    outline = _outline(text, lex)
    n, head_end, tail_start = outline.n, outline.head_end, outline.tail_start
    # Candidates: every non-blank head and tail line; in the middle, short
    # lines without a full stop only (cheap tests that keep clean text fast;
    # the price: an SEO sentence in the middle of the text is not looked at).
    # Middle lines are searched for terms in one scan.
    edge = [*range(head_end), *range(tail_start, n)]
    rows: list[str] | None = None
    ks: Sequence[int] = range(len(outline.where))
    if len(ks) >= KEY_SCAN_LINES or (ks and lex.key_scan_built):
        # Only the lines the lexicon's key scan points at can hold a term (a
        # necessary condition, proved at spamlex._KeyScan): on clean text a
        # few of thousands. Asked of them alone, lines_with_terms answers for
        # each as it does in the whole list: the scan answers only where
        # every character lowers to one (no U+0130, whose two would move the
        # offsets of the lines after it). (Scanning the rows, not the whole
        # text: the loop over the lines costs less than scanning the long
        # ones, 24 against 38 ms on 10 MB of prose.)
        maybe = lex.lines_maybe_with_terms(outline.joined)
        if maybe is not None:
            ks = maybe
            rows = outline.rows_at(maybe)
    if rows is None:
        rows = outline.rows
    # The middle rows with a specific term and their hits (lex.find's, in
    # one scan of them all for specific terms and one of those for filler).
    row_hits = {ks[k]: hits for k, hits in lex.hits_of_lines(rows).items()}
    with_terms = sorted(row_hits)
    middle = outline.numbers(with_terms)
    hits_of = {i: row_hits[k] for i, k in zip(middle, with_terms, strict=True)}
    del row_hits
    # The head and tail lines that may hold a term: all of them, or those the
    # key scan points at (as for the middle rows above: a necessary
    # condition of a hit of lex.find, asked of each line alone or of the
    # lines joined, none of which holds a line end).
    edge_terms: Container[int] = outline.lines
    if len(edge) >= KEY_SCAN_LINES or (edge and lex.key_scan_built):
        maybe = lex.lines_maybe_with_terms("\n".join([outline.lines[i] for i in edge]))
        if maybe is not None:
            edge_terms = {edge[k] for k in maybe}
    candidates: list[tuple[int, str, list[Hit]]] = []
    # The candidates whose verdict may come to a finding: all but the lines
    # without a term that _inert rules out.
    live: set[int] = set()
    for i in sorted(edge + middle):
        in_middle = head_end <= i < tail_start
        line = "" if in_middle else outline.lines[i]
        if not in_middle and not line.strip():
            continue  # blank lines (a middle row with a term is not blank)
        where = "middle" if in_middle else "head" if i < head_end else "tail"
        hits = hits_of[i] if in_middle else lex.find(line) if i in edge_terms else []
        if hits:
            candidates.append((i, where, hits))
            live.add(i)
        elif not in_middle:
            shaped, padding = _edge_line(line)
            if shaped and padding is None:
                candidates.append((i, where, []))
                live.add(i)
            elif shaped and padding:
                # Inert, but its filler word makes it evidence (see below).
                candidates.append((i, where, []))
            # An inert line without a filler word is no candidate: its
            # verdict would change nothing. Why that is exact: it would have
            # no specific term, no contact (see _inert_padding) and no filler
            # word (``v.filler``, the number of its padding), so it is never
            # in ``spam`` or reported (it is inert), never in ``evidence``
            # nor asked by _neighbours (which reads the other verdicts'
            # neighbours from ``bare``), nor kept by the authored-document
            # filter; and when it would be the only verdict left, the step
            # returns the text unchanged with no finding either way.
    # The rows and the lines read are asked no more (the candidates' lines
    # are read from the split text below): on 50 MB of farm pages they held
    # 15 MiB to the end of the step, beside the output.
    del outline, rows, hits_of
    if not live:
        # The common case: no candidate, or none whose verdict can come to
        # a finding (see below); the page model is never decided.
        return text, []
    # Fenced code is never a candidate; the fences are found only now that
    # there are candidates (the same list as leaving fenced lines out above:
    # the tests there have no other effect).
    fenced = fence_spans(text, n)
    if fenced:
        starts = [a for a, _ in fenced]

        def inside(i: int) -> bool:
            k = bisect_right(starts, i) - 1
            return k >= 0 and i <= fenced[k][1]

        candidates = [c for c in candidates if not inside(c[0])]
    if not live.intersection(i for i, _w, _h in candidates):
        return text, []

    # Only now the text's lines, as offsets: each line is cut from the text
    # when it is read (on clean text, the common case, they are never
    # needed; a list of a 50 MB farm stream's lines held 45 MiB at the step's
    # peak, the offsets 2.6). ``parts``: the lines without their "\n" (as
    # ``text.split("\n")`` but for the empty piece after a last line end);
    # ``bare``: without their "\r" either.
    ix = LineIndex(text, keys=False)
    parts: Sequence[str] = ix.lines
    bare: Sequence[str] = ix.bare
    if len(text) < LIST_CHARS:
        # A small text's lines as lists (the same strings: a slice of the
        # sequences splits the text at its line ends), read without a call
        # each: a farm page's judging reads them some 90 times.
        # (Without a "\r" in the text, every line is its bare line.)
        parts = parts[:]
        bare = parts if "\r" not in text else bare[:]
    body = _body(parts, head_end, tail_start, lex)
    # Every candidate is judged before the page model is asked (judging needs
    # the body, not the page), so that a text whose candidates can come to
    # nothing never pays for the decision. Why that is exact: a finding is
    # either a removal of a line in ``spam`` or a report of a verdict scoring
    # REPORT_THRESHOLD or more. Both come from these verdicts: ``spam`` is
    # first the removable verdicts among them (structure lines dropped, a
    # subset); :func:`_neighbours` only sets ``neighbour``, which
    # :func:`_structural` reads only as a reason *not* to remove, so the
    # second ``spam`` is a subset of the first; echoed lines are looked for
    # only when ``spam`` holds two lines or more; the authored-document
    # filter only drops verdicts; and the page gets this step's evidence only
    # from a line in ``spam``. So with no removable verdict and none scoring
    # REPORT_THRESHOLD, the step returns the text unchanged with no finding
    # whatever the page model says. The candidates outside ``live`` can be
    # neither (see _inert): the others are judged first, and those only
    # when one of them may come to a finding (the same verdicts: judging
    # reads the line, its hits and the body, whose caches answer alike).
    first = {i: _judge(bare[i], hits, body, where, i) for i, where, hits in candidates if i in live}
    if not _may_find(list(first.values()), bare):
        return text, []
    judged = [
        first.get(i) or _judge(bare[i], hits, body, where, i) for i, where, hits in candidates
    ]
    del first
    page = page_of(text, ctx)
    # (Given the lines: the page model's own index of them beside ``parts``
    # was the step's peak on 50 MB of farm pages, 45 MiB more.)
    structure = structure_of(text, ctx, bare)
    # Structure lines (lists, tables, headings...) are never candidates.
    verdicts = [v for v in judged if v.index not in structure]
    if not verdicts:
        return text, []

    spam = {v.index: v for v in verdicts if _removable(v, bare[v.index])}
    # What this step is sure of from its lexicon (a term, or a run of filler
    # words) is evidence of a scraped page; a contact alone is not (a file
    # list names MANIFEST.in): it decides only on a page known to be scraped.
    sure = [v for v in spam.values() if v.strong or (v.keyword_run and v.filler >= 2)]
    if sure and not page.removes:
        # (In an authored document its own evidence still weighs against.)
        found = sorted(sure, key=lambda v: v.index)[:2]
        detail = "; ".join(f"line {v.index + 1}: {v.evidence()}" for v in found)
        page = add_evidence(ctx, Signal("spam-edge", SCRAPED, 3, detail))
    echoed: dict[int, _Verdict] = {}
    if page.removes and len(spam) >= 2 and body.text:
        edge_lines = [*range(head_end), *range(tail_start, n)]
        keep_out = set(structure).union(*(range(a, z + 1) for a, z in fenced))
        echoed = {
            v.index: v for v in _echoes(bare, spam, body, edge_lines, keep_out, head_end, lex)
        }
    if any(v.contacts and not v.strong for v in verdicts):
        # Contact lines decided again with the article's lines beside them,
        # found past the lines that go (as a second run finds them gone).
        evidence = {v.index for v in verdicts if v.strong or v.contacts or v.filler}
        _neighbours(verdicts, bare, n, evidence, set(spam) | set(echoed))
        spam = {v.index: v for v in verdicts if _removable(v, bare[v.index])}
    spam.update(echoed)
    verdicts += echoed.values()
    if not page.removes and page.has_authored("entries"):
        # A list of words or terms (a sensitive-word list): a line that is
        # one term is the list's entry, not reported (several terms on a
        # line still are: a page of keyword runs may pass for a list).
        verdicts = [v for v in verdicts if len(bare[v.index].split()) > 1]
        spam = {k: v for k, v in spam.items() if len(bare[k].split()) > 1}
    if not page.removes:
        # Lines judged by their shape alone (a URL, a keyword-run shape, no
        # lexicon term) say nothing in an authored document: a README's
        # links are not reported as possible spam.
        verdicts = [v for v in verdicts if v.strong or (v.keyword_run and v.filler >= 2)]
        spam = {k: v for k, v in spam.items() if v.strong or (v.keyword_run and v.filler >= 2)}
    findings: list[Finding] = []
    for v in verdicts:
        if v.index not in spam and v.score >= REPORT_THRESHOLD:
            why = "a labelled line" if v.labelled else "not sure enough"
            findings.append(
                Finding(
                    "spam", v.index + 1, 1, "spam-suspect",
                    f"possible spam line kept ({why}; score {v.score:.2f}): {v.evidence()}",
                    fixed=False, original=bare[v.index], score=round(v.score, 3),
                    data=v.as_data(v.index + 1),
                )
            )  # fmt: skip
    if not spam:
        return text, findings

    removed = set(spam)
    # Lone navigation words touching a removed block (blank lines between).
    changed = True
    while changed:
        changed = False
        for i in (*range(head_end), *range(tail_start, n)):
            if i in removed or bare[i].strip().casefold() not in NAV_WORDS:
                continue
            for step in (-1, 1):
                j = i + step
                while 0 <= j < n and not bare[j].strip():
                    j += step
                if 0 <= j < n and j in removed:
                    removed.add(i)
                    changed = True
                    break

    # Group into blocks (blank lines inside a block go with it), then take the
    # blank lines that separated each block from the text.
    blocks: list[list[int]] = []
    for i in sorted(removed):
        if blocks and all(not bare[k].strip() for k in range(blocks[-1][1] + 1, i)):
            blocks[-1][1] = i
        else:
            blocks.append([i, i])
    for b in blocks:
        after = b[1] + 1
        while after < n and not bare[after].strip():
            after += 1
        if after == n:  # reaches the end: take the blank lines before it
            b[1] = n - 1
            while b[0] > 0 and not bare[b[0] - 1].strip():
                b[0] -= 1
        else:
            b[1] = after - 1
    # Where each line starts in ``text`` (and one more: past the end):
    # removed lines and the output are slices of it.
    offsets = ix.starts
    navs_of = [[bare[k].strip() for k in range(a, z + 1) if k in removed and k not in spam]
               for a, z in blocks]  # fmt: skip
    # The lines are read no more: let go of them before the output is made
    # (on 50 MB of farm pages the list of lines held 35 MiB at the step's peak).
    del parts, bare, ix
    keep = bytearray(b"\x01") * n
    for (a, z), navs in zip(blocks, navs_of, strict=True):
        spam_lines = [spam[k] for k in range(a, z + 1) if k in spam]
        nav_at = [k for k in range(a, z + 1) if k in removed and k not in spam]
        keep[a : z + 1] = bytes(z + 1 - a)
        score = min(v.score for v in spam_lines)
        msg = (
            f"removed {len(spam_lines)} spam line{'s' if len(spam_lines) > 1 else ''} "
            f"(score {score:.2f}): "
            + " | ".join(f"line {v.index + 1}: {v.evidence()}" for v in spam_lines)
        )
        if navs:
            # Said apart from the evidence: these lines go because they touch
            # the block, not because they are spam.
            msg += " | and beside it the navigation word" + ("s " if len(navs) > 1 else " ")
            msg += ", ".join(f"{w!r} (line {k + 1})" for w, k in zip(navs, nav_at, strict=True))
        findings.append(
            Finding(
                "spam", a + 1, 1, "spam-lines", msg,
                original=text[offsets[a] : offsets[z + 1]], replacement="",
                end_line=z + 1, removes_lines=True, score=round(score, 3),
                data={"lines": [v.as_data(v.index + 1) for v in spam_lines], "nav": navs},
            )
        )  # fmt: skip
    findings.sort(key=lambda f: f.line)
    # What judging made is read no more: it goes before the output is made
    # (the candidates' hits, the verdicts, the body's sample and bigrams:
    # some 12 MiB on 50 MB of farm pages, beside the output and its pieces).
    del candidates, judged, verdicts, spam, echoed, body, removed, spam_lines
    # Each run of kept lines (from a 1 in ``keep`` to the next 0, or the
    # end), found at C speed: bytearray.find of the next 1 and of the 0 after it.
    kept: list[str] = []
    i = keep.find(1)
    while i >= 0:
        j = keep.find(0, i)
        if j < 0:
            j = n
        kept.append(text[offsets[i] : offsets[j]])
        i = keep.find(1, j)
    return keep_authored(text, "".join(kept), findings, page)
