"""The ``entities`` step: repair quote and punctuation entities left in text.

Scraped pages carry the entities ``ldquo rdquo lsquo rsquo quot apos mdash
ndash hellip middot nbsp amp lt gt`` (and their decimal and hex numeric
forms) in every state of decay. Each form gets its own finding code:

==========================  ==============  ===============================
form                        example         code
==========================  ==============  ===============================
well-formed, in plain text  ``&rdquo;``     ``entity``
double-escaped              ``&amp;rdquo;`` ``entity-double-escaped``
missing semicolon           ``&rdquo很``    ``entity-missing-semicolon``
lost ampersand              ``號rdquo;``    ``entity-lost-ampersand``
ampersand turned into ``?`` ``?rdquo;``     ``entity-lost-ampersand``
after full-width ``？``      ``貴？rdquo;``  ``entity-lost-ampersand``
full-width                  ``＆ldquo；``   ``entity-full-width``
==========================  ==============  ===============================

Only the ASCII ``?`` stands for a lost ampersand (what a GBK lead byte
that swallowed the ``&`` leaves when the text is encoded again); a
full-width ``？`` or U+FFFD before ``rdquo;`` is punctuation or a lost
character of its own, and stays: ``貴？rdquo;`` becomes ``貴？”``.

Numeric forms (``&#8221;``, ``&#x201D;``) are repaired like named ones, but
only for the code points of the names above.

What a repair produces depends on the markup (:mod:`cleantext.markup`):

- ``text``: the character (``&rdquo;`` becomes ``”``).
- ``markdown``: a broken form becomes the character, except that
  ``&amp;``, ``&lt;`` and ``&gt;`` are Markdown's own escapes (a broken one
  becomes the well-formed entity); well-formed entities all stay, being
  HTML in Markdown (``&nbsp;`` in a README's table is meant); code
  spans, fenced and indented code blocks are left alone.
- ``html``: well-formed entities are correct markup and stay, whether
  named or numeric; a broken form becomes the well-formed named entity
  (``?rdquo;`` becomes ``&rdquo;``). Double-escaped ``amp lt gt quot`` and
  the names that browsers read without a semicolon (``amp lt gt quot
  nbsp``) are left alone there: a page about HTML writes ``&amp;lt;`` on
  purpose. Scripts, styles, comments, ``<pre>`` and ``<code>`` are left
  alone.
- ``code`` (a source file, by its extension) and roff man pages
  (:func:`cleantext.markup.is_roff`: ``&lt;`` is literal text there):
  nothing is changed. (Code read from a pipe, with no name to tell, is an
  authored document when the page model finds it shaped like code: see
  below.)

In an **authored document** (:mod:`cleantext.pagemodel` decided one on
evidence of it: licence, reStructuredText, Markdown, Debian copyright...)
well-formed and double-escaped entities are meant and stay, whatever the
markup: a document about escaping writes ``&amp;mdash;`` and ``&lt;`` on
purpose. Only the damage no author writes is repaired there (a lost or
``?`` ampersand, full-width ``＆`` or ``；``); a missing semicolon
(``&amp`` before a space) is reported, ``fixed=False``
(``entity-missing-semicolon-kept``). HTML source is such a document
unless other evidence makes it a scraped page: libxml2's manual writes
``&amp;apos;`` to show the entity. A text with no evidence either way (a
pasted snippet) is treated as before.

``&nbsp;`` becomes U+00A0 NO-BREAK SPACE, the character it names, not an
ordinary space: the page meant a non-breaking space, other steps leave
NBSP alone (the seed's NBSP-only separator lines stay), and collapsing
whitespace is a layout decision this step does not make.

Guards against false repairs: a well-formed entity alone on its line or in
a table cell (``&quot;`` in a table of the XML entities), or a quotation
mark's entity between two spaces (``avoid generating &quot; (fix...)``: a
quote clings to what it quotes), names itself and
stays (``&nbsp;`` alone, a scraped page's blank line, does not); a lost-ampersand form (``rdquo;``) must not
follow a letter, digit or one of ``_.$@\\/#&-`` (so ``a.lt;`` in code is
not touched); the short names ``amp lt gt quot apos`` and the numeric forms
without an ampersand also need a non-ASCII neighbour (Chinese text around
them); a missing-semicolon form must not be followed by a letter, digit,
``_`` or ``=`` (so ``?a=1&ltx=2`` and ``&amplifier`` stay); an entity in
any form that is the whole of a quoted literal (``"&amp;"``, ``'hellip;'``)
names itself, in code or in a document about escaping, and stays.

The pre-check is one regular-expression scan at C speed
(:func:`cleantext.idle.entities_idle`, the pipeline's idle test): no
``&``, ``＆`` or ``?`` before a name or ``#`` and a digit or ``x``, no
semicolon after a name or numeric form means nothing to do. Otherwise
:func:`cleantext.textutil.find_chars` loops over those characters only.

>>> from cleantext.steps import Context
>>> fix_entities("他說&ldquo;好&rdquo;", Context())[0]
'他說“好”'
>>> fix_entities("蛟龍號?rdquo;“海燕號”", Context())[0]
'蛟龍號”“海燕號”'
>>> fix_entities("＆ldquo；中&amp;rdquo;&#8212;&#x2026;", Context())[0]
'“中”—…'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..findings import Finding
from ..markup import Protected, detect, is_roff, protected_spans
from ..pagemodel import AUTHORED, page_of
from ..textutil import CJK_START, find_chars
from .base import Context

#: The entity names this step repairs and the characters they stand for.
ENTITIES: dict[str, str] = {
    "ldquo": "\u201c",
    "rdquo": "\u201d",
    "lsquo": "\u2018",
    "rsquo": "\u2019",
    "quot": '"',
    "apos": "'",
    "mdash": "\u2014",
    "ndash": "\u2013",
    "hellip": "\u2026",
    "middot": "\u00b7",
    "nbsp": "\u00a0",
    "amp": "&",
    "lt": "<",
    "gt": ">",
}
_BY_CODEPOINT = {ord(ch): name for name, ch in ENTITIES.items()}
#: Markdown's own escapes: well-formed, they stay in Markdown.
_MARKUP = frozenset({"amp", "lt", "gt"})
#: Names a page about HTML double-escapes on purpose (``&amp;lt;``).
_HTML_DOUBLE_KEEP = frozenset({"amp", "lt", "gt", "quot"})
#: Names browsers read without a semicolon: not broken in HTML.
_HTML_LEGACY = frozenset({"amp", "lt", "gt", "quot", "nbsp"})
_SHORT = frozenset({"amp", "lt", "gt", "quot", "apos"})

_NAMES = "|".join(sorted(ENTITIES, key=len, reverse=True))
_NUM = r"\#[0-9]{2,5}|\#[xX][0-9a-fA-F]{2,4}"

# With something where the ampersand was: &, &amp;amp;..., ＆, or ? for &.
# Matched only at the offsets find_chars() gives for those characters.
_WITH_PRE = re.compile(rf"(?P<pre>[&＆?](?:amp[;；])*)(?P<body>{_NAMES}|{_NUM})(?P<semi>[;；])?")
# The ampersand lost: a name right before ; or ；, found from the semicolon.
_LOST_TAIL = re.compile(rf"(?:{_NAMES}|{_NUM})\Z")
_LOST_BLOCKERS = frozenset("_.$@\\/#&-?＆")
_BAD_NEXT = re.compile(r"[A-Za-z0-9_=]")


def _blocks_lost_ampersand(prev: str) -> bool:
    """Whether ``prev`` before ``rdquo;`` says the ampersand was never there."""
    return (prev.isascii() and prev.isalnum()) or prev in _LOST_BLOCKERS


def _name_of(body: str) -> str | None:
    if not body.startswith("#"):
        return body
    try:
        cp = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
    except ValueError:
        return None
    return _BY_CODEPOINT.get(cp)


def _well_formed(name: str, markup: str) -> str:
    """What a repaired ``name`` becomes in ``markup``."""
    if markup == "html" or (markup == "markdown" and name in _MARKUP):
        return f"&{name};"
    return ENTITIES[name]


_MESSAGES = {
    "entity": "the HTML entity {orig} in plain text stands for {char}",
    "entity-double-escaped": "{orig} is the entity &{name}; escaped twice",
    "entity-missing-semicolon": "{orig} is the entity &{name}; without its semicolon",
    "entity-lost-ampersand": "{orig} is the entity &{name}; with its ampersand lost",
    "entity-full-width": "{orig} is the entity &{name}; typed with full-width & or ;",
}


def fix_entities(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    """Repair the entity forms described in the module docstring.

    Where :func:`~cleantext.idle.entities_idle` holds, this finds nothing
    either (tests/test_idle.py checks it); it is not asked again here, since
    the pipeline has just asked it (a second scan of the text: 18 ms on 10
    MB of Chinese), and the first tests here are scans for '&' and ';'."""
    has_amp = "&" in text or "＆" in text
    has_semi = ";" in text or "；" in text
    if not (has_amp or has_semi):
        return text, []
    candidates: list[tuple[int, int, str | None, str, str | None]] = []
    last_end = 0
    if has_amp or "?" in text:
        for i in find_chars(text, "&＆?"):
            if i < last_end:
                continue
            m = _WITH_PRE.match(text, i)
            if m is not None:
                candidates.append((i, m.end(), m.group("pre"), m.group("body"), m.group("semi")))
                last_end = m.end()
    if has_semi:
        taken = [(c[0], c[1]) for c in candidates]
        k = 0
        for i in find_chars(text, ";；"):
            while k < len(taken) and taken[k][1] <= i:
                k += 1
            if k < len(taken) and taken[k][0] <= i:
                continue
            if i == 0 or not text[i - 1].isascii():
                continue
            tail = _LOST_TAIL.search(text, max(0, i - 7), i)
            if tail is None:
                continue
            # The longest name ending here: search finds the leftmost start.
            start = tail.start()
            prev = text[start - 1] if start else ""
            # (right after another entity, the character before is what that
            # one becomes: '&amp;rdquo#8220；' is '”“', at once)
            joined = any(b == start for _, b in taken)
            if prev and not joined and _blocks_lost_ampersand(prev):
                continue
            candidates.append((start, i + 1, None, tail.group(0), text[i]))
        candidates.sort()
    if not candidates:
        return text, []
    markup = detect(text, ctx.config)
    if markup == "code" or is_roff(text, ctx.config.filename):
        return text, []
    protected: Protected | None = None

    def covered(start: int, end: int) -> bool:
        """Whether markup protects ``text[start:end]`` (the spans worked out
        when first asked)."""
        nonlocal protected
        if protected is None:
            protected = Protected(protected_spans(text, markup))
        return bool(protected) and protected.covers(start, end)

    # Whether the page model found an authored document matters only to a
    # few forms (well-formed, double-escaped, missing semicolon): asked the
    # first time one of them is met, once (the decision costs a pass over
    # the page; a farm page's ``?rdquo;`` never needs it). Not for a
    # candidate that markup protects: it is left alone whatever the answer
    # (_repair's answer, None or a repair, only decides whether the loop
    # goes on to the protection test, which skips it; nothing is recorded
    # before), so for one the page model is not asked (any answer does).
    # The benchmark's 50 MB of prose asks for one '&lt' in a Markdown code
    # span: 1.1 s of its 1.3 s in this step.
    asked: list[bool] = []

    def authored() -> bool:  # (of the candidate the loop is at: start, end)
        if not asked:
            if covered(start, end):
                return False  # skipped below whatever the answer
            asked.append(_authored(text, ctx))
        return asked[0]

    findings: list[Finding] = []
    line, line_start, counted = 1, 0, 0  # line and column by counting newlines (C speed)
    out: list[str] = []
    pos = 0
    # (the body of the candidate that starts where another ends: what a
    # short name's right-hand neighbour becomes, see _repair's ``after``)
    bodies = {c[0]: c[3] for c in candidates}
    for start, end, pre, body, semi in candidates:
        if start < pos:
            continue
        if (
            pre is None
            and start
            and _blocks_lost_ampersand(text[start - 1])
            and not (findings and start == pos)
        ):
            # Admitted only as joined to the entity before it, which was not
            # repaired: its letters stay, so this is a word, not an entity
            # ('&rdquordquo；' stays; repairing the tail alone would leave
            # '&rdquo”', which a second run would change again).
            continue
        if pre == "&" and semi == ";" and _names_itself(text, start, end, body):
            continue
        if _quoted(text, start, end) or _in_attribute(text, start, end):
            continue
        repaired = _repair(
            text,
            start,
            end,
            pre,
            body,
            semi,
            markup,
            joined=bool(findings) and start == pos,
            after=bodies.get(end),
            authored=authored,
        )
        if repaired is None:
            continue
        code, name, new = repaired
        fixed = not (code == "entity-missing-semicolon" and authored())
        orig = text[start:end]
        if covered(start, end):
            continue
        # (candidates come in order: count the newlines since the last one
        # instead of holding every line's start)
        newlines = text.count("\n", counted, start)
        counted = start
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, start) + 1
        col = start - line_start + 1
        if not fixed:
            # '&amp' before a space in a document about escaping: may be meant
            findings.append(
                Finding(
                    step="entities",
                    line=line,
                    col=col,
                    code=code + "-kept",
                    message=_MESSAGES[code].format(orig=orig, name=name, char=ENTITIES[name])
                    + "; kept: an authored document may write it on purpose",
                    fixed=False,
                    original=orig,
                    data={"entity": name, "context": markup},
                )
            )
            continue
        findings.append(
            Finding(
                step="entities",
                line=line,
                col=col,
                code=code,
                message=_MESSAGES[code].format(orig=orig, name=name, char=ENTITIES[name])
                + f"; replaced with {new!r}",
                original=orig,
                replacement=new,
                data={"entity": name, "context": markup},
            )
        )
        out.append(text[pos:start])
        out.append(new)
        pos = end
    if not out:
        return text, findings
    out.append(text[pos:])
    return "".join(out), findings


#: The quotation marks: an entity of one between two spaces names itself.
_QUOTE_NAMES = frozenset(("quot", "apos", "ldquo", "rdquo", "lsquo", "rsquo"))
#: What stands between words in spaced scripts (and a line's end).
_WORD_GAP = frozenset(" \t\r\n")
#: What may stand around an entity that is a table cell or a line of its own.
_CELL_EDGE = frozenset("|\t\n")
#: An HTML start tag right before an entity (on the same line).
_IN_ELEMENT_BEFORE = re.compile(r"<[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?>\Z")


def _names_itself(text: str, start: int, end: int, body: str) -> bool:
    """Whether the well-formed entity ``text[start:end]`` is named as itself:
    alone on its line or in a table cell (a table of the XML entities lists
    ``&quot;`` in a cell of its own), a quotation mark between two spaces
    (it quotes nothing), or the whole content of an HTML
    element written out in text (``<A NAME="u">&nbsp;</A>`` in a man page
    about HTML). Such an entity is the text a reader should see, not damage. ``&nbsp;`` alone is a scraped page's blank line
    and is repaired. (In Markdown, code spans are protected anyway; in plain
    text a backtick means nothing.)

    >>> _names_itself("预定义实体\\n&quot;\\n\\" : 引号\\n", 6, 12, "quot")
    True
    >>> _names_itself("| &lt; | 小于号 |", 2, 6, "lt"), _names_itself("他說&quot;好", 2, 8, "quot")
    (True, False)
    >>> _names_itself("&nbsp;\\n", 0, 6, "nbsp"), _names_itself('<a id="u">&nbsp;</a>', 10, 16, "nbsp")
    (False, True)
    >>> _names_itself("avoid generating &quot; (fix)", 17, 23, "quot")
    True
    >>> _names_itself("he said &quot;yes&quot; twice", 8, 14, "quot")
    False
    """
    if _IN_ELEMENT_BEFORE.search(text, max(0, start - 200), start) and text.startswith("</", end):
        return True  # the whole content of an element shown as text: <A ...>&nbsp;</A>
    if body == "nbsp":
        return False
    if (
        _name_of(body) in _QUOTE_NAMES
        and (start == 0 or text[start - 1] in _WORD_GAP)
        and (end == len(text) or text[end] in _WORD_GAP)
        and " " in text[max(0, start - 1) : end + 1]
    ):
        # a quotation mark clings to the words it quotes: one between two
        # spaces quotes nothing, it is the entity named ('avoid
        # generating &quot; (fix in libxml2)' in libxslt's NEWS)
        return True
    i = start - 1
    while i >= 0 and text[i] in " \u3000\r":
        i -= 1
    j = end
    while j < len(text) and text[j] in " \u3000\r":
        j += 1
    return (i < 0 or text[i] in _CELL_EDGE) and (j >= len(text) or text[j] in _CELL_EDGE)


#: Quotes around a literal: a string in code. (Not the backtick: a code
#: span is Markdown's to protect, and in plain text it means nothing.)
_QUOTES = frozenset("\"'")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, an entity in any form, is the whole of a
    quoted literal (``"&amp;"``, ``'hellip;'``): code or a document about
    escaping that names the entity, not text a reader should see as the
    character.

    >>> _quoted('s.replace("&", "&amp;")', 16, 21), _quoted("'hellip;': '…'", 1, 8)
    (True, True)
    >>> _quoted('他說"&ldquo;好"', 3, 10), _quoted("'&quot;b'", 1, 7)
    (False, False)
    """
    return (
        0 < start < end < len(text) and text[start - 1] in _QUOTES and text[end] == text[start - 1]
    )


#: A start tag up to an open quoted attribute value: ``<name attr="..`` (the
#: attributes before it written out in full, unquoted values without ``&``
#: or ``;``, which a repair might make a ``>``; the value holds no quote of
#: its own kind, no ``<`` and no ``>``).
_ATTR_OPEN = re.compile(
    r"""<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>=&;]+))?)*"""
    r"""\s+[\w:.-]+\s*=\s*(?:(")[^"<>\n]*|(')[^'<>\n]*)"""
)
#: The rest of a value after an entity: its closing quote comes before the
#: line ends, with no ``<`` or ``>`` on the way.
_ATTR_REST = {q: re.compile(f"[^{q}<>\n]*{q}") for q in "\"'"}


def _in_attribute(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, an entity in any form, is inside a
    quoted attribute value of a start tag on its line (``<entry
    topic="FOO.&gt;">``): markup source, as XML set in a module's string
    is, whose escapes its parser needs.

    >>> _in_attribute('<e topic="FOO.&gt;"/>', 14, 18), _in_attribute("a &gt; b", 2, 6)
    (True, False)
    >>> _in_attribute('<a href="x">&amp;</a>', 12, 17)
    False
    """
    lt = text.rfind("<", max(0, start - 512), start)
    if lt < 0:
        return False
    head = _ATTR_OPEN.fullmatch(text, lt, start)
    if head is None:
        return False
    return _ATTR_REST[head.group(1) or head.group(2)].match(text, end) is not None


def _authored(text: str, ctx: Context) -> bool:
    """Whether the page model found evidence of an authored document (a text
    with no evidence either way, a pasted snippet, is not one here)."""
    page = page_of(text, ctx)
    return page.kind == AUTHORED and (page.authored > 0 or page.forced is not None)


def _repair(
    text: str,
    start: int,
    end: int,
    pre: str | None,
    body: str,
    semi: str | None,
    markup: str,
    *,
    joined: bool = False,
    after: str | None = None,
    authored: Callable[[], bool] = lambda: False,
) -> tuple[str, str, str] | None:
    """``(code, name, replacement)`` for one candidate, or ``None`` to leave it.
    ``joined``: a repaired entity ends right before it, so its character, not
    the text's, is the neighbour. ``after``: the body of a candidate that
    starts where this one ends, whose character is the right-hand neighbour
    a short name without its ampersand is judged by (``lt；rdquo；`` is
    ``<”`` at once, as a second run would make it). ``authored()``: whether the page model
    found an authored document, where well-formed and double-escaped
    entities are meant (called only for those forms)."""
    name = _name_of(body)
    if name is None:
        return None
    orig = text[start:end]
    prev = "\u201d" if joined else (text[start - 1] if start else "")
    nxt = text[end] if end < len(text) else ""
    if after is not None:
        nxt = ENTITIES.get(_name_of(after) or "", nxt)
    lead = pre[0] if pre else None
    if lead is None or lead == "?":
        if semi is None:
            return None
        if lead is None and prev.isalpha() and prev < CJK_START:
            # the end of a word of a script that spaces its words, as an
            # ASCII letter before the name is: German 'zusammengefügt;' and
            # 'enthält;' are not 'zusammengefü>' and 'enthä<'
            return None
        if lead is None and (name in _SHORT or body.startswith("#")):
            if not ((prev and not prev.isascii()) or (nxt and not nxt.isascii())):
                return None
            if body.startswith("#") and not (prev and not prev.isascii()):
                return None
        if lead == "?" and name in _SHORT:
            # Among ASCII, ``?lt;`` is a code (Rime's array30 tables write
            # ``?lt;i``, a key sequence), not a character lost before an
            # ampersand that was dropped, as in Chinese text.
            if not ((prev and not prev.isascii()) or (nxt and not nxt.isascii())):
                return None
        code = "entity-lost-ampersand"
    elif semi is None:
        if _BAD_NEXT.match(nxt):
            return None
        if markup == "html" and name in _HTML_LEGACY and lead == "&":
            return None
        code = "entity-full-width" if lead == "＆" else "entity-missing-semicolon"
    elif lead == "＆" or semi == "；" or "；" in (pre or ""):
        code = "entity-full-width"
    elif pre and len(pre) > 1:
        if (markup in ("html", "markdown") and name in _HTML_DOUBLE_KEEP) or authored():
            return None
        code = "entity-double-escaped"
    else:
        if markup in ("html", "markdown") or authored():
            return None
        code = "entity"
    new = _well_formed(name, markup)
    if new == orig:
        return None
    return code, name, new
