"""Markup detection: what kind of document a text is, and which parts of it are code.

Steps that touch markup-like text (``entities``, ``pinyin``) ask
:func:`detect` for the context and :func:`protected_spans` for the regions
they must leave alone:

- ``markdown``: fenced code blocks (backtick or tilde fences, an unclosed
  fence runs to the end), indented code blocks, inline code spans, HTML
  comments and ``<pre>``/``<code>``/``<script>``/``<style>`` elements;
- ``html``: comments, CDATA and ``<script>``/``<style>``/``<pre>``/
  ``<code>``/``<textarea>`` elements;
- ``text``: nothing.

The context is ``config.context`` when set; otherwise the file name
decides (a code file, :func:`is_code_file`, is ``code``, which every step
leaves alone; ``.md`` is Markdown, ``.html`` and ``.xhtml`` are HTML; any
other suffix is text, unless the text opens as an HTML document does);
otherwise the content does: a doctype or several HTML
tags make HTML, a gettext catalog's messages make code (:func:`is_gettext`),
a code fence or an inline code span makes Markdown.

>>> from cleantext.config import Config
>>> detect("x", Config(filename="README.md")), detect("x", Config(filename="a.HTM"))
('markdown', 'html')
>>> detect("See `a &amp; b`.\\n", Config()), detect("<!DOCTYPE html><p>x</p>", Config())
('markdown', 'html')
>>> detect("plain 文字", Config()), detect("x", Config(filename="setup.py"))
('text', 'code')
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterator
from typing import cast

from .config import Config
from .textutil import find_chars, merge_spans

#: File kinds by suffix. :func:`detect` returns ``markdown``, ``html``,
#: ``code`` or ``text`` (the three of :data:`cleantext.config.CONTEXTS` plus
#: ``code``).
MARKDOWN_EXTENSIONS = frozenset(".md .markdown .mdown .mkd .mkdn .mdwn .mdx .rmd .qmd".split())
#: Subtitles read as HTML: their cues hold HTML's tags and entities (SubRip's
#: ``<i>`` and ``<font color>``, WebVTT's ``<c>`` and ``<v>`` and the
#: ``&amp;``, ``&lt;`` and ``&gt;`` its cue text must write, SAMI's HTML),
#: so an entity there is meant (``2 &lt; 3`` made ``2 < 3`` opens a tag).
SUBTITLE_EXTENSIONS = frozenset(".srt .vtt .smi .sami".split())
HTML_EXTENSIONS = (
    frozenset(".html .htm .xhtml .shtml .rss .atom .opf .ncx".split()) | SUBTITLE_EXTENSIONS
)

#: Code files: source code, build files, configuration and structured data
#: (XML formats included: XML knows no HTML entity names; saved mail, web
#: archives and calendar or contact cards, MIME whose HTML parts write their
#: entities on purpose; the message catalogs of translations: Fluent's
#: ``.ftl``, whose ``&lt;`` a program shows as markup, Apple's ``.strings``,
#: XLIFF, ``.resx``, Flutter's ``.arb``). A code file's
#: text is content however it looks, so every step leaves it alone: the
#: entities and pinyin steps protect all of it, and the spam, boilerplate and
#: dedupe steps skip it (a repeated block or a lexicon of spam terms there is
#: meant). :func:`is_code_file` is the one test; a file is code by its suffix
#: (:data:`CODE_EXTENSIONS`) or by its whole name (:data:`CODE_NAMES`).
CODE_EXTENSIONS = frozenset(
    """
    .py .pyi .pyx .c .h .cc .cpp .cxx .hpp .hh .cs .java .kt .kts .go .rs .rb .php .pl .pm
    .sh .bash .zsh .fish .ps1 .bat .cmd .js .mjs .cjs .ts .tsx .jsx .vue .svelte .dart
    .css .scss .sass .less .lua .r .jl .swift .m .mm .scala .clj .el .ex .exs .erl .hs .ml
    .sql .proto .graphql .tex .sty .bib .ipynb .diff .patch .lock .po .pot
    .pyx .pxd .pxi .f .f90 .f95 .f03 .for
    .vim .tcl .awk .sed .nix .zig .groovy .tf .hcl .rkt .scm .lisp .nim .fs .fsx .vb .vbs .pas
    .asm .vhd .vhdl .coffee .elm .m4 .properties .desktop
    .ftl .strings .xlf .xliff .resx .arb
    .ejs .pug .jade .njk .nunjucks .swig .hbs .handlebars .mustache .liquid .jinja .jinja2 .j2
    .twig .erb .haml .slim .tpl .jsp .asp .aspx .cshtml .razor .art .eta .vm .astro
    .wxml .wxss .wxs .styl .stylus
    .eml .mbox .mht .mhtml .ics .vcf
    .mk .cmake .gradle .json .jsonl .ndjson .yaml .yml .toml .ini .cfg .conf
    .csv .tsv .psv .lst .xml .xsd .xsl .xslt .svg .sgml .dtd .ent .log
    """.split()
)
CODE_NAMES = frozenset({"makefile", "gnumakefile", "dockerfile", "cmakelists.txt"})


def _base_name(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1].lower()


def is_code_file(filename: str | None) -> bool:
    """Whether ``filename`` names a code file (see :data:`CODE_EXTENSIONS`).

    >>> is_code_file("spam_terms.tsv"), is_code_file("page.txt"), is_code_file(None)
    (True, False, False)
    >>> is_code_file("src/Makefile"), is_code_file("README.md"), is_code_file("a.HH")
    (True, False, True)
    """
    if not filename:
        return False
    name = _base_name(filename)
    return name in CODE_NAMES or os.path.splitext(name)[1] in CODE_EXTENSIONS


#: How an HTML, XML or SGML document starts: a doctype (``<!DOCTYPE html>``,
#: DocBook's ``<!doctype refentry ...>``), ``<html`` or ``<?xml``; an XML
#: DTD's first declaration (``<!ENTITY``, ``<!ELEMENT``, ``<!ATTLIST``), after
#: comments if any (Mozilla's translations are DTDs of ``<!ENTITY name
#: "...&quot;...">``, whose entities a plain-text repair would turn into
#: quotes that end the value); or a WebVTT file, whose first line is
#: ``WEBVTT`` (its cues are read as HTML: see :data:`SUBTITLE_EXTENSIONS`).
#: (A comment's body is matched a character at a time, never past ``-->``:
#: one way to match, however many comments.)
_HTML_START = re.compile(
    r"\A\s*(?:<!doctype\s+\w|<html[\s>]|<\?xml\s"
    r"|(?:<!--(?:[^-]|-(?!->))*-->\s*)*<!(?:ENTITY|ELEMENT|ATTLIST)\s)"
    r"|\A\ufeff?(?-i:WEBVTT)(?:[ \t\r\n]|\Z)",
    re.IGNORECASE,
)
#: An XML document without a prolog: its root element's start tag first,
#: and its end tag last (``<doc>...</doc>``, as XML test data and fragments
#: of configuration are written).
_ROOT_START = re.compile(r"\s*<([A-Za-z_][\w.:-]*)[\s/>]")
_ROOT_END = re.compile(r"</([A-Za-z_][\w.:-]*)\s*>\s*\Z")


def _markup_start(text: str) -> bool:
    """Whether ``text`` starts as an HTML, XML or SGML document does
    (:data:`_HTML_START`), or is one XML element from its first character
    to its last.

    >>> _markup_start("<doc><a>x &amp; y</a></doc>\\n"), _markup_start("<b>x</b> and <i>y</i>")
    (True, False)
    """
    if _HTML_START.match(text):  # (anchored: fails at the first other character)
        return True
    root = _ROOT_START.match(text)
    if root is None:
        return False
    end = _ROOT_END.search(text, max(0, len(text) - 256))
    return end is not None and end.group(1) == root.group(1)


_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|br|hr|table|tr|td|th|li|ul|ol|h[1-6]|img|meta|"
    r"script|style|strong|em|b|i|font|section|article|header|footer|nav|pre|code)\b[^<>\n]*>",
    re.IGNORECASE,
)
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INDENTED_LINE = re.compile(r"^(?: {4}|\t)[^\n]*(?:\n|\Z)", re.MULTILINE)


def code_spans(text: str, *, stop_at_first: bool = False) -> list[tuple[int, int]]:
    """Markdown inline code spans: a run of n backticks up to the next run of
    exactly n backticks in the same paragraph (no blank line between).

    >>> t = "a `x` b ``y ` z`` c ` d"
    >>> [t[s:e] for s, e in code_spans(t)]
    ['`x`', '``y ` z``']
    """
    runs: list[tuple[int, int]] = []
    for i in find_chars(text, "`"):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    # One pass, linear in the text: the next run of the same length comes
    # from a table built right to left, and the paragraph's end (the next
    # blank line) is searched again only once a run has passed it.
    following: list[int] = [0] * len(runs)
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        n = runs[k][1] - runs[k][0]
        following[k] = last.get(n, -1)
        last[n] = k
    spans: list[tuple[int, int]] = []
    limit = -1
    i = 0
    while i < len(runs):
        start, end = runs[i]
        if limit < end:
            blank = _BLANK_LINE.search(text, end)
            limit = blank.start() if blank else len(text)
        j = following[i]
        if j >= 0 and runs[j][0] < limit:
            spans.append((start, runs[j][1]))
            if stop_at_first:
                break
            i = j + 1
        else:
            i += 1
    return spans


#: Where an indented line can start after the first line: a newline and
#: the indent (a literal first character, so the scan runs at C speed, where
#: the ``^`` of :data:`_INDENTED_LINE` is tried at every offset).
_INDENT_AFTER_NL = re.compile(r"\n(?= {4}|\t)")


def _indented_lines(text: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _INDENTED_LINE.finditer(text)]``: a match starts
    at a line start (offset 0 or after a newline) that opens with the
    indent, and every such line start gives one (``[^\n]*`` then the
    newline or the end always follows); each match ends at the next line's
    start, so trying each such line start in order is the same scan."""
    starts = [m.end() for m in _INDENT_AFTER_NL.finditer(text)]
    if text.startswith(("    ", "\t")):
        starts.insert(0, 0)
    match = _INDENTED_LINE.match
    return [m.span() for s in starts if (m := match(text, s))]


def _indented_blocks(text: str) -> list[tuple[int, int]]:
    """Indented code blocks: runs of lines indented 4 spaces or a tab that
    follow a blank line (or start the text)."""
    spans: list[tuple[int, int]] = []
    for s, e in _indented_lines(text):
        if spans and spans[-1][1] == s:
            spans[-1] = (spans[-1][0], e)
            continue
        prev_start = text.rfind("\n", 0, s - 1) + 1 if s else 0
        if s == 0 or not text[prev_start : s - 1].strip():
            spans.append((s, e))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_ROFF_NAME = re.compile(r"\.(?:[1-9][a-z]*|man)(?:\.(?:gz|bz2|xz|z))?\Z", re.IGNORECASE)
_ROFF_START = re.compile(r"\A(?:\ufeff)?(?:\.TH\s|'\\\"|\.\\\")")


def is_roff(text: str, filename: str | None) -> bool:
    """Whether ``text`` is a roff (man page) source: by its name (``.1`` to
    ``.9`` with an optional section suffix, ``.man``, compressed or not) or
    by its first line (``.TH``, ``'\\"`` or ``.\\"``). Roff knows no HTML
    entities: ``&lt;`` there is four characters of literal text.

    >>> is_roff("x", "man/proc.5.gz"), is_roff("x", "clipboard.3tk"), is_roff("x", "a.txt")
    (True, True, False)
    >>> is_roff('.TH LS 1\\n', None), is_roff('.\\\\" comment\\n', "-"), is_roff("text", None)
    (True, True, False)
    """
    if filename and filename not in ("-", "<stdin>") and _ROFF_NAME.search(_base_name(filename)):
        return True
    return bool(_ROFF_START.match(text))


#: How much of a text :func:`is_gettext` reads.
GETTEXT_HEAD = 100_000
#: The start of a message's source or translation in a gettext catalog
#: (a line opening with the keyword and its string's quote), after a newline
#: or at the start of the text.
_MSGID = re.compile(r'(?:\A|\n)msgid "')
_MSGSTR = re.compile(r'(?:\A|\n)msgstr(?:\[\d+\])? "')


def is_gettext(text: str) -> bool:
    """Whether ``text`` is a gettext catalog (a ``.po`` or ``.pot`` file) by
    its content: its head (:data:`GETTEXT_HEAD` characters) holds at least
    two ``msgid "`` and two ``msgstr "`` lines, and lines of the catalog's
    own (a keyword, a ``#`` comment or a ``"`` continuation) are at least
    half of its non-blank lines. A catalog repeats its lines on purpose
    (``msgstr ""``, the same word in two contexts, a plural's forms), and
    its strings are a program's, entities and all: it is code, as a file
    named ``.po`` is. A document that quotes a message or two is not.

    >>> is_gettext('msgid ""\\nmsgstr ""\\n\\n#: a.py:1\\nmsgid "Week"\\nmsgstr "Javë"\\n')
    True
    >>> is_gettext('Add:\\n\\nmsgid "Week"\\nmsgstr "Javë"\\nmsgid "Day"\\nmsgstr "Ditë"\\n\\n'
    ...            'Then run\\nmsgfmt and\\nrestart the\\nserver, then\\ncheck the\\npage.\\n')
    False
    """
    head = text[:GETTEXT_HEAD]
    if 'msgid "' not in head:
        return False
    if len(_MSGID.findall(head)) < 2 or len(_MSGSTR.findall(head)) < 2:
        return False
    own = head.startswith(("msg", "#", '"')) + sum(map(head.count, ("\nmsg", "\n#", '\n"')))
    lines = head.count("\n") + 1 - head.count("\n\n") - head.count("\n\r\n")
    return 2 * own >= lines


def is_markup_document(text: str, filename: str | None) -> bool:
    """Whether ``text`` is the source of an HTML or XML document: by its
    name (:data:`HTML_EXTENSIONS`) or by how it starts (a doctype, ``<html``,
    ``<?xml``), or an XML element from its first character to its last
    (:func:`_markup_start`). Its lines are markup, not a page's text: a
    table or a manual's navigation repeats lines on purpose, and a line
    removed from it may leave a tag open.

    >>> is_markup_document("<!DOCTYPE html>\\n<p>x</p>", None)
    True
    >>> is_markup_document("x", "manual/index.HTM"), is_markup_document("a <b>c</b>", "a.txt")
    (True, False)
    >>> is_markup_document("<doc>\\n  <v>1 &gt; 0</v>\\n</doc>\\n", None)
    True
    """
    if filename and filename not in ("-", "<stdin>"):
        if os.path.splitext(_base_name(filename))[1] in HTML_EXTENSIONS:
            return True
    return _markup_start(text)


def detect(text: str, config: Config) -> str:
    """``text``, ``markdown``, ``html`` or ``code`` (see the module docstring)."""
    if config.context:
        return config.context
    if config.filename and config.filename not in ("-", "<stdin>"):
        if is_code_file(config.filename):
            return "code"
        ext = os.path.splitext(_base_name(config.filename))[1]
        if ext in MARKDOWN_EXTENSIONS:
            return "markdown"
        if ext in HTML_EXTENSIONS:
            return "html"
        if ext:
            # an HTML document under another name (a template.txt that opens
            # with <?xml or <!DOCTYPE html) is HTML all the same
            return "html" if _markup_start(text) else "text"
    return sniff(text)


def sniff(text: str) -> str:
    """Decide from the content alone: ``html``, ``code`` (a gettext catalog),
    ``markdown`` or ``text``."""
    return cast(str, _remembered(text, "sniff", "", _sniff))


# --- the last large text's scans, kept for the next step that asks -------------
#
# The steps of one run ask about the same text one after another (the
# mojibake step's lost characters, then pinyin, then entities: each wants
# the protected spans of a text that nothing changed), and on a large text
# each scan costs tens of milliseconds. The answers for the last large text
# asked about are kept, keyed by the text object (``id``), its length and
# its ``hash`` (computed once per string object and cached in it by
# Python; 15 ms on 50 MB, less than one scan): no reference to the text is
# held, so a text the pipeline lets go of is freed all the same. Another
# text can only be taken for it if it sits at the same address (the first
# one freed), has the same length and the same 64-bit hash (randomised per
# process): a collision of SipHash on two strings of equal length, not a
# case to plan for. Only answers that depend on the text alone (and on the
# markup asked for) are kept; each entry's key holds its text's, so two
# threads asking about two texts never mix them up.

#: Texts at least this long have their scans kept (see above).
MEMO_CHARS = 1 << 16
_MEMO: dict[tuple[int, int, int, str, str], object] = {}


def _remembered(text: str, what: str, markup: str, scan: Callable[..., object]) -> object:
    """``scan(text)`` (``scan(text, markup)`` with ``markup``), kept for the
    last large text asked about (see above)."""
    args = (text, markup) if markup else (text,)
    if len(text) < MEMO_CHARS:
        return scan(*args)
    of_text = (id(text), len(text), hash(text))
    key = (*of_text, what, markup)
    found = _MEMO.get(key)
    if found is None:
        found = scan(*args)
        for k in list(_MEMO):
            if k[:3] != of_text:
                _MEMO.pop(k, None)  # (another text's: only the last one's are kept)
        _MEMO[key] = found
    return found


def _sniff(text: str) -> str:
    if _markup_start(text):
        return "html"
    if is_gettext(text):
        return "code"
    # _FENCE_LINE.search(text): a fence line holds one of the runs
    runs = fence_runs(text)
    if any(_line_start_at(text, _FENCE_LINE, run, 0) for run in runs):
        return "markdown"
    if "`" in text and code_spans(text, stop_at_first=True):
        return "markdown"
    if "<" in text:
        tags = 0
        for _ in _HTML_TAG.finditer(text):
            tags += 1
            if tags >= 3:
                return "html"
    return "text"


#: A fence line as the removal steps (spam, dedupe) see one: three backticks
#: or tildes after at most three blanks.
_FENCE_START = re.compile(r"^\s{0,3}(```|~~~)")


def fenced_lines(lines: list[str], n: int) -> set[int]:
    """Indices of the first ``n`` of ``lines`` that are inside Markdown code
    fences (the fence lines included; an unclosed fence runs to the end).

    >>> sorted(fenced_lines(["a", "```py", "x = 1", "```", "b"], 5))
    [1, 2, 3]
    """
    out: set[int] = set()
    fence = ""
    for i in range(n):
        m = _FENCE_START.match(lines[i])
        if fence:
            out.add(i)
            if m and m.group(1) == fence:
                fence = ""
        elif m:
            fence = m.group(1)
            out.add(i)
    return out


def fence_runs(text: str) -> list[str]:
    """The runs that open a fence (``"```"``, ``"~~~"``) that ``text``
    holds, each looked for from the places of its character
    (:func:`_run_places`): a search for one character runs some ten times
    faster than one for three (on 2.7 MB of Chinese, 0.2 against 1.9 ms),
    and most texts hold neither.

    >>> fence_runs("a ~~~ b"), fence_runs("`code`"), fence_runs("文字")
    (['~~~'], [], [])
    """
    # (The character first, by ``in``: most texts have neither, and a
    # folder of small pages asks this of each; no generator made for them.)
    return [run for run in _FENCE_RUNS if run[0] in text and next(_run_places(text, run), -1) >= 0]


_FENCE_RUNS = ("```", "~~~")
#: :func:`_run_places` tries at most one place of the run's character for
#: this many characters of the text before it searches the rest for the
#: run itself (a place costs about what the search for three characters
#: costs over this many: a text full of backticks costs at most about twice).
FENCE_PLACE_CHARS = 256


def _run_places(text: str, run: str) -> Iterator[int]:
    """Where ``run`` (three of one character) occurs in ``text``, each
    searched for from the end of the one before: the offsets of
    ``at = text.find(run, at + 3)`` from ``text.find(run)`` on, found from
    the places of its character. Why the same: every occurrence of the run
    starts at a place of its character, so trying those from where the
    search starts, in order (:meth:`str.find` of one character, at C speed,
    then :meth:`str.startswith`), meets the first occurrence first. Past
    ``len(text) // FENCE_PLACE_CHARS`` places that hold no run, the search
    for the run itself goes on from the place after the last one tried
    (none before it holds the next occurrence). (Prose with a few
    thousand backticks and no fence: 23 -> 8 ms on 23 million characters.)"""
    char = run[0]
    left = len(text) // FENCE_PLACE_CHARS
    at = text.find(char)
    while at >= 0:
        if text.startswith(run, at):
            yield at
            at = text.find(char, at + 3)
            continue
        left -= 1
        if left < 0:
            at = text.find(run, at + 1)
            while at >= 0:
                yield at
                at = text.find(run, at + 3)
            return
        at = text.find(char, at + 1)


def fence_marks(text: str) -> list[tuple[int, str]]:
    """Where ``"```"`` and ``"~~~"`` occur in ``text``: (offset, mark),
    ascending, each kind searched from the end of the one before (the first
    of each kind on a line is always among them: a mark holds no newline).

    >>> fence_marks("a\\n``````\\n~~~")
    [(2, '```'), (5, '```'), (9, '~~~')]
    """
    marks = [
        (at, mark) for mark in _FENCE_RUNS if mark[0] in text for at in _run_places(text, mark)
    ]
    marks.sort()
    return marks


def fence_spans(
    text: str, n: int, marks: list[tuple[int, str]] | None = None
) -> list[tuple[int, int]]:
    """:func:`fenced_lines` of the first ``n`` lines of
    ``text`` (split at ``"\\n"``), as ``(first, last)`` line ranges, found
    from the fence marks in the text instead of a test of every line: a
    line is a fence line when a mark opens it after at most three
    whitespace characters (``\\s`` is :meth:`str.isspace`). A mark there
    is found by the search from the end of the one before (as
    ``re.finditer`` would): the marks before it on the line would start in
    its whitespace, and none spans a line end. A test checks the ranges
    against fenced_lines. (``marks``: :func:`fence_marks` of ``text``, if
    known.)

    >>> fence_spans("a\\n  ```py\\nx\\n```\\nb\\n~~~\\nc", 7)
    [(1, 3), (5, 6)]
    """
    if marks is None:
        marks = fence_marks(text)
    spans: list[tuple[int, int]] = []
    fence = ""
    line = last = 0
    for at, mark in marks:
        # Only the four characters before the mark are searched for its
        # line's start: a start further back leaves more than three
        # characters before the mark, and an unbounded search per mark
        # made a long line of marks quadratic (1.2 M backticks: 2 s).
        lo = at - 4
        nl = text.rfind("\n", max(lo, 0), at)
        if nl < 0 and lo >= 0:
            continue
        start = nl + 1
        if at > start and not text[start:at].isspace():
            continue
        line += text.count("\n", last, at)
        last = at
        if line >= n:
            break
        if not fence:
            fence = mark
            spans.append((line, n - 1))  # (an unclosed fence runs to the end)
        elif mark == fence:
            fence = ""
            spans[-1] = (spans[-1][0], line)
    return spans


_OPEN_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})([^\n]*)$", re.MULTILINE)
_HTML_RAW = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<(script|style|pre|code|textarea)\b[^<>]*>.*?(?:</\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)


#: The opening of each alternative of :data:`_HTML_RAW` (same order, same
#: flags), and what its lazy ``.*?`` runs to: a comment's ``-->``, CDATA's
#: ``]]>``, an element's closing tag (:data:`_CLOSE_PROBE`), or the end.
_RAW_HEAD = re.compile(
    r"<(?:(!--)|(!\[CDATA\[)|(script|style|pre|code|textarea)\b[^<>]*>)", re.IGNORECASE
)
#: ``</\1\s*>`` of :data:`_HTML_RAW` tried on ``"<" + name + ">"`` and the
#: text from a ``</`` on: the same backreference to the same written name.
_CLOSE_PROBE = re.compile(r"<(script|style|pre|code|textarea)>(</\1\s*>)?", re.IGNORECASE)
_SPACE_TO_END = re.compile(r"\s*\Z")
#: How far past the name :func:`_raw_at` cuts the text it probes.
_PROBE_SPACE = 64


def _raw_at(text: str, i: int) -> tuple[int, int] | None:
    r"""``_HTML_RAW.match(text, i)``'s span, without stepping the regex
    engine's lazy ``.*?`` through every character up to the end (it tries
    the closing at each): the opening is matched as :data:`_HTML_RAW`
    matches it, and the first closing after it is found with ``str.find``
    (the closing tag can only start at a ``</``, tried in order); at no
    closing the lazy scan runs to ``\Z``, the end."""
    head = _RAW_HEAD.match(text, i)
    if head is None:
        return None
    start = head.end()
    if head.group(1) or head.group(2):
        close = "-->" if head.group(1) else "]]>"
        at = text.find(close, start)
        return (i, len(text) if at < 0 else at + 3)
    name = head.group(3)
    prefix = "<" + name + ">"
    size = 2 + len(name) + _PROBE_SPACE
    at = text.find("</", start)
    while at >= 0:
        seg = text[at : at + size]
        probe = _CLOSE_PROBE.match(prefix + seg)
        if probe is not None and probe.group(2) is not None:
            return (i, at + len(probe.group(2)))
        if at + size < len(text) and _SPACE_TO_END.match(seg, 2 + len(name)):
            # cut inside the blanks of ``\s*``: let the regex itself decide
            m = _HTML_RAW.match(text, i)
            return None if m is None else m.span()
        at = text.find("</", at + 1)
    return (i, len(text))


def _html_raw_spans(text: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _HTML_RAW.finditer(text)]``, at C speed where
    the text holds few ``<``: every alternative of :data:`_HTML_RAW` opens
    with ``<`` (and no match is empty), so ``finditer`` can match only at a
    ``<``; trying :func:`_raw_at` at each ``<`` from the previous match's
    end on, in order, finds the same matches. ``str.find`` jumps between
    them where the regex engine steps through every character."""
    n = text.count("<")
    if n * 256 > len(text):  # many: one regex scan beats a loop per "<"
        return [m.span() for m in _HTML_RAW.finditer(text)]
    out: list[tuple[int, int]] = []
    find = text.find
    i = find("<")
    while i >= 0:
        span = _raw_at(text, i)
        if span:
            out.append(span)
            i = find("<", span[1])
        else:
            i = find("<", i + 1)
    return out


def _line_start_at(text: str, pattern: re.Pattern[str], run: str, pos: int) -> re.Match[str] | None:
    """The first match of the MULTILINE ``pattern`` at a line start at or
    after ``pos`` whose line holds ``run``, for a ``pattern`` that matches
    only at a line start: the line starts of the occurrences of ``run``
    from ``pos`` on (``str.find``, C speed), tried in order, where the regex
    engine would try ``^`` at every offset. A line start is tried at most
    once (the next occurrence is looked for from the next line). When
    every match of ``pattern`` holds one of a few runs on its line (a fence:
    up to three spaces, then three backticks or tildes), the earliest of
    their answers is ``pattern.search(text, pos)``."""
    n = len(text)
    if pos > n:
        return None
    at = text.find(run, pos)
    while at >= 0:
        line = text.rfind("\n", 0, at) + 1
        if line >= pos:
            m = pattern.match(text, line)
            if m:
                return m
        nl = text.find("\n", at)
        if nl < 0:
            return None
        at = text.find(run, nl + 1)
    return None


def protected_spans(text: str, markup: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` character ranges to leave alone.

    >>> t = "a `x&amp;` b\\n```\\n&rdquo;\\n```\\nc"
    >>> [t[s:e] for s, e in protected_spans(t, "markdown")]
    ['`x&amp;`', '```\\n&rdquo;\\n```\\n']
    """
    if markup in ("code", "text"):
        return _protected_spans(text, markup)
    found = cast(list[tuple[int, int]], _remembered(text, "protected", markup, _protected_spans))
    return list(found)  # (a copy: the caller's own)


def _protected_spans(text: str, markup: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if markup == "code":
        return [(0, len(text))]
    if markup == "html":
        if "<" in text:
            spans = _html_raw_spans(text)
        return spans
    if markup != "markdown":
        return spans
    fenced: list[tuple[int, int]] = []
    runs = fence_runs(text)
    if runs:
        pos = 0
        while True:
            m = _first_open_fence(text, pos, runs)
            if m is None:
                break
            fence = m.group(2)
            if fence[0] == "`" and "`" in m.group(3):
                pos = m.end()
                continue
            close = _line_start_at(
                text,
                re.compile(
                    r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$",
                    re.MULTILINE,
                ),
                fence,
                m.end() + 1,
            )
            end = len(text) if close is None else close.end()
            if end < len(text) and text[end] == "\n":
                end += 1
            fenced.append((m.start(), end))
            pos = end
    fenced.extend(_indented_blocks(text))  # none without an indented line
    fenced = merge_spans(fenced)
    rest = _html_raw_spans(text) if "<" in text else []
    if "`" in text:
        starts = [s for s, _ in fenced]
        for span in code_spans(text):
            i = bisect.bisect_right(starts, span[0]) - 1
            if i >= 0 and fenced[i][0] <= span[0] < fenced[i][1]:
                continue
            rest.append(span)
    return merge_spans(fenced + rest)


def _first_open_fence(text: str, pos: int, runs: list[str]) -> re.Match[str] | None:
    """``_OPEN_FENCE.search(text, pos)``: the earlier of the first opening
    of a backtick fence and of a tilde fence (each holds three of its
    character on its line: see :func:`_line_start_at`); ``runs`` are those
    of the two the text holds."""
    best: re.Match[str] | None = None
    for run in runs:
        m = _line_start_at(text, _OPEN_FENCE, run, pos)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


#: Where an element :data:`_HTML_RAW` protects can start (a superset).
_RAW_START = re.compile(r"<(?:!--|!\[CDATA\[|(?:script|style|pre|code|textarea)\b)", re.IGNORECASE)

#: :func:`protected_for` looks at most this many spans one by one.
FEW_SPANS = 32


def protected_for(text: str, config: Config, spans: list[tuple[int, int]]) -> Protected:
    """``Protected(protected_spans(text, detect(text, config)))`` as far as
    ``spans`` (each within one line) are concerned: the same answer to
    ``covers`` for each of them, without the detection and the scan of the
    whole text when a few tests prove that no markup would protect any.

    Each test is a necessary condition of a protected span covering
    ``[lo, hi)``, for every markup :func:`detect` may find (``code``, from
    the configuration only, protects everything): an HTML comment, CDATA or
    raw element opening before ``hi``; a fence (three backticks or tildes)
    on a line that starts before ``hi`` (its span takes in the marker's
    indentation); the line indented four spaces or a tab (an indented code
    block is whole lines); a backtick before ``hi`` and one from ``lo`` on
    with no blank line between either and the span (a code span stays
    within a paragraph, and the span holds no backtick).

    >>> c = Config()
    >>> bool(protected_for("甲區(qū)", c, [(1, 6)])), bool(protected_for("`甲區(qū)`", c, [(2, 7)]))
    (False, True)
    >>> bool(protected_for("`a`\\n\\n甲區(qū)\\n\\n`b`", c, [(6, 11)]))
    False
    """
    markup: str | None = None
    if config.context or (config.filename and config.filename not in ("-", "<stdin>")):
        markup = detect(text, config)  # decided by the configuration or the file name
        if markup == "code":
            return Protected([(0, len(text))])
        if markup == "text":
            return Protected([])
    if len(spans) <= FEW_SPANS:
        # (what opens after the last span matters to none; a margin for an
        # opening that runs past it)
        last = max((hi for _, hi in spans), default=0) + 16
        first_raw = _first_raw_start(text, last) if "<" in text else len(text)
        markdown = markup in (None, "markdown")
        first_fence = len(text)
        ticks: list[int] | None = None
        if markdown:
            for fence in ("```", "~~~"):
                at = text.find(fence, 0, last)
                if 0 <= at < first_fence:
                    first_fence = at
            if first_fence < len(text):
                # a fence's span opens at the start of its line, before the
                # indentation of the marker (' ```' covers its space)
                first_fence = text.rfind("\n", 0, first_fence) + 1
            if text.count("`") <= MANY_TICKS:
                ticks = find_chars(text, "`")
        if not any(
            _may_cover(text, lo, hi, first_raw, first_fence, markdown, ticks) for lo, hi in spans
        ):
            return Protected([])
    return Protected(protected_spans(text, markup or detect(text, config)))


#: Up to this many backticks :func:`protected_for` lists them all (one scan)
#: rather than looking back and forth from each span (a scan each, as far as
#: the nearest backtick: the whole text before it when it holds none).
MANY_TICKS = 1 << 16


def _first_raw_start(text: str, last: int) -> int:
    """``_RAW_START.search(text, 0, last)``'s start, or ``len(text)`` at none:
    it opens with a ``<``, so only the ``<`` before ``last`` are tried (same
    ``endpos``), in order, found by ``str.find`` where the regex engine
    steps through every character; one regex scan where they are many."""
    if text.count("<", 0, last) * 256 > last:
        raw = _RAW_START.search(text, 0, last)
        return raw.start() if raw else len(text)
    i = text.find("<", 0, last)
    while i >= 0:
        if _RAW_START.match(text, i, last):
            return i
        i = text.find("<", i + 1, last)
    return len(text)


def _may_cover(
    text: str,
    lo: int,
    hi: int,
    first_raw: int,
    first_fence: int,
    markdown: bool,
    ticks: list[int] | None = None,
) -> bool:
    """Whether a protected span may cover ``[lo, hi)`` (see :func:`protected_for`);
    ``ticks``, when given, are the offsets of every backtick in ``text``."""
    if first_raw < hi or "\n" in text[lo:hi]:
        return True
    if not markdown:
        return False
    if first_fence < hi:
        return True
    line = text.rfind("\n", 0, lo) + 1
    if text.startswith(("    ", "\t"), line):
        return True
    if ticks is None:
        before = text.rfind("`", 0, hi)
    else:  # the last backtick before hi, the first from lo on
        k = bisect.bisect_left(ticks, hi)
        before = ticks[k - 1] if k else -1
    if before < 0:
        return False
    if ticks is None:
        after = text.find("`", lo)
    else:
        k = bisect.bisect_left(ticks, lo)
        after = ticks[k] if k < len(ticks) else -1
    if after < 0 or before >= lo:
        return after >= 0
    return not (_BLANK_LINE.search(text, before + 1, lo) or _BLANK_LINE.search(text, hi, after))


class Protected:
    """Fast "is this offset protected?" over :func:`protected_spans`."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._spans = spans

    def __bool__(self) -> bool:
        return bool(self._spans)

    def covers(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` overlaps a protected span."""
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self._spans[i][1] > start
