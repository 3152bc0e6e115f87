"""markup.protected_spans's C-speed scans give what the regex scans they
replace gave: a frozen copy of the earlier implementation (below) is the
reference, on texts built to be *almost* caught by each shortcut: fences of
both kinds, indented, unclosed, with backticks in the info string; indented
lines after blank and non-blank lines; HTML comments, CDATA and raw
elements, closed, unclosed, with odd case and blanks before the ``>`` of the
closing tag, long enough to cut the probe (issue 13)."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import markup
from cleantext.markup import code_spans, protected_spans
from cleantext.textutil import merge_spans

ROOT = Path(__file__).resolve().parent.parent

# --- the reference: protected_spans as it was before the fast scans ---------

_OPEN_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})([^\n]*)$", re.MULTILINE)
_HTML_RAW = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<(script|style|pre|code|textarea)\b[^<>]*>.*?(?:</\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_INDENTED_LINE = re.compile(r"^(?: {4}|\t)[^\n]*(?:\n|\Z)", re.MULTILINE)


def _ref_indented_blocks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _INDENTED_LINE.finditer(text):
        s, e = m.span()
        if spans and spans[-1][1] == s:
            spans[-1] = (spans[-1][0], e)
            continue
        prev_start = text.rfind("\n", 0, s - 1) + 1 if s else 0
        if s == 0 or not text[prev_start : s - 1].strip():
            spans.append((s, e))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def reference(text: str, kind: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if kind == "code":
        return [(0, len(text))]
    if kind == "html":
        if "<" in text:
            spans = [m.span() for m in _HTML_RAW.finditer(text)]
        return spans
    if kind != "markdown":
        return spans
    fenced: list[tuple[int, int]] = []
    if "```" in text or "~~~" in text:
        pos = 0
        while True:
            m = _OPEN_FENCE.search(text, pos)
            if m is None:
                break
            fence = m.group(2)
            if fence[0] == "`" and "`" in m.group(3):
                pos = m.end()
                continue
            close = re.compile(
                r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$",
                re.MULTILINE,
            ).search(text, m.end() + 1)
            end = len(text) if close is None else close.end()
            if end < len(text) and text[end] == "\n":
                end += 1
            fenced.append((m.start(), end))
            pos = end
    if "\n    " in text or "\n\t" in text or text.startswith(("    ", "\t")):
        fenced.extend(_ref_indented_blocks(text))
    fenced = merge_spans(fenced)
    rest = [(m.span()) for m in _HTML_RAW.finditer(text)] if "<" in text else []
    if "`" in text:
        starts = [s for s, _ in fenced]
        for span in code_spans(text):
            i = bisect.bisect_right(starts, span[0]) - 1
            if i >= 0 and fenced[i][0] <= span[0] < fenced[i][1]:
                continue
            rest.append(span)
    return merge_spans(fenced + rest)


def check(text: str) -> None:
    for kind in ("markdown", "html"):
        assert protected_spans(text, kind) == reference(text, kind), (kind, text)
    assert markup._html_raw_spans(text) == [m.span() for m in _HTML_RAW.finditer(text)]


# --- generated texts ----------------------------------------------------------

PIECES = [
    "```", "````", "~~~", "~~~~", "``", "`", "~", " ", "   ", "    ", "\t", "\n", "\n\n",
    "\n \n", "py", "a", "文字", "```py`x", "~~~ `x`", "```  ", "<", ">", "</", "<!--", "-->",
    "<![CDATA[", "<![cdata[", "]]>", "<pre>", "</pre>", "<PRE >", "</Pre  >", "</pre\n>",
    "<code class=x>", "</code>", "<script>", "</SCRIPT>", "<style", "</style", "<textarea>",
    "</textarea >", "<prefix>", "</prex>", "<p>", "ſ", "</ſcript>", "İ",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_generated_markdown_and_html(parts: list[str]) -> None:
    check("".join(parts))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=12), st.lists(st.sampled_from(PIECES), max_size=12)
)
def test_closing_tags_cut_by_the_probe(head: list[str], tail: list[str]) -> None:
    # blanks inside a closing tag longer than the probe looks at, so the
    # probe's cut falls in them (and the regex itself decides)
    for n in (0, 1, markup._PROBE_SPACE - 2, markup._PROBE_SPACE, markup._PROBE_SPACE + 3):
        text = "".join(head) + "<pre>x</pre" + " " * n + "".join(tail)
        check(text)
        check(text + ">")
        check(text.replace("</pre" + " " * n, "</PRE" + "\n" * n) + ">")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "    x",
        "\tx\n\n    y\n    z\n",
        "a\n    not code\n\n    code\n",
        "```\nx\n```\n",
        "   ```\nx\n   ```",
        "    ```\nx\n```\n",
        "```py`x\n```\ny\n```",
        "~~~\n```\n~~~\nrest",
        "````\n```\n````\n",
        "```\nunclosed\n",
        "a ~~~ b\n~~~\ncode\n",
        "x\n```",
        "<!-- a\n\n b",
        "<![CDATA[ a",
        "<pre>\n` x `\n",
        "<Script type=x>a</scRIPT\t>b<style>",
        "a `b\nc` d\n\ne `f`",
    ],
)
def test_hand_made(text: str) -> None:
    check(text)
    check(text.replace("\n", "\r\n"))


def _files() -> list[Path]:
    out: list[Path] = []
    # the inputs, and the project's own sources and documents (backticks,
    # fences, HTML in strings)
    for folder in ("fixtures", "seeds", "tests", "cleantext", "bench", "README.md"):
        p = ROOT / folder
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out.extend(f for f in sorted(p.rglob("*")) if f.is_file() and f.stat().st_size < 2e6)
    return out


def test_repository_texts() -> None:
    n = 0
    for f in _files():
        text = f.read_bytes().decode("utf-8", "replace")
        check(text)
        n += 1
    assert n > 100


# --- markup.sniff and markup.protected_for's pre-checks -----------------------

_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def test_sniff_fence_lines_as_the_regex() -> None:
    texts = ["a ```\n", "   ```x", "    ```", "x\n~~~", "x ~~~\n\t~~~", "a\n  ~~~~\n", "``"]
    for text in texts + [t.replace("\n", "\r\n") for t in texts]:
        runs = markup.fence_runs(text)
        assert runs == [run for run in ("```", "~~~") if run in text]
        fast = any(markup._line_start_at(text, _FENCE_LINE, run, 0) for run in runs)
        assert fast == bool(_FENCE_LINE.search(text)), text


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.data())
def test_protected_for_checks_as_the_scans(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    # the first fence line, as sniff's regex finds it
    runs = markup.fence_runs(text)
    assert runs == [run for run in ("```", "~~~") if run in text]
    fast = any(markup._line_start_at(text, _FENCE_LINE, run, 0) for run in runs)
    assert fast == bool(_FENCE_LINE.search(text))
    last = data.draw(st.integers(0, len(text) + 20))
    raw = markup._RAW_START.search(text, 0, last)
    assert markup._first_raw_start(text, last) == (raw.start() if raw else len(text))
    ticks = markup.find_chars(text, "`")
    for _ in range(5):
        lo = data.draw(st.integers(0, len(text)))
        hi = data.draw(st.integers(lo, min(len(text), lo + 6)))
        args = (text, lo, hi, len(text), len(text), True)
        assert markup._may_cover(*args, ticks) == markup._may_cover(*args, None)


# --- the last large text's scans, kept (markup._remembered) --------------------


def _large(body: str) -> str:
    text = body * (markup.MEMO_CHARS // len(body) + 1)
    assert len(text) >= markup.MEMO_CHARS
    return text


def test_a_large_text_is_scanned_once_for_the_steps_that_ask(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scans: list[str] = []
    scan, sniff = markup._protected_spans, markup._sniff

    def counted(text: str, kind: str) -> list[tuple[int, int]]:
        scans.append(kind)
        return scan(text, kind)

    def counted_sniff(text: str) -> str:
        scans.append("sniff")
        return sniff(text)

    monkeypatch.setattr(markup, "_protected_spans", counted)
    monkeypatch.setattr(markup, "_sniff", counted_sniff)
    text = _large("甲 `code` 乙\n\n    indented\n\n<pre>x</pre> 丙\n")
    want = scan(text, "markdown")
    assert want  # (a text with something to protect)
    for _ in range(3):  # the mojibake, pinyin and entities steps, say
        assert markup.detect(text, markup.Config()) == "markdown"
        got = protected_spans(text, "markdown")
        assert got == want
        got.clear()  # the caller's own copy: the next one is whole again
    assert scans == ["sniff", "markdown"]
    # the same text asked as HTML is another answer, scanned once too
    assert protected_spans(text, "html") == scan(text, "html")
    assert protected_spans(text, "html") == scan(text, "html")
    assert scans == ["sniff", "markdown", "html"]


def test_kept_scans_are_never_another_texts() -> None:
    # texts of the same length alive at once (other addresses), one with
    # code and one without, and a small text (never kept): each gets its own
    # answer, asked in turn
    a = _large("甲 `code` 乙\n")
    b = a.replace("`", "'")
    assert len(a) == len(b) and a != b
    small = "x `y` z"
    for _ in range(2):
        for text in (a, b, small, a + "\n", b):
            assert markup.sniff(text) == markup._sniff(text)
            for kind in ("markdown", "html"):
                assert protected_spans(text, kind) == markup._protected_spans(text, kind)
    # only the last large text's answers are kept
    assert {k[:3] for k in markup._MEMO} == {(id(b), len(b), hash(b))}
    assert markup.sniff(b) == "text" and markup.sniff(a) == "markdown"


# --- markup._run_places: the fence marks from the places of one character ----


def _ref_run_places(text: str, run: str) -> list[int]:
    """The search fence_marks made for each mark: str.find of the run
    from the end of the one before."""
    out: list[int] = []
    at = text.find(run)
    while at >= 0:
        out.append(at)
        at = text.find(run, at + 3)
    return out


@pytest.mark.parametrize("place_chars", [1, 3, 16, markup.FENCE_PLACE_CHARS])
def test_run_places_are_the_searches_for_the_run(
    place_chars: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The offsets from the character's places are those of the search for
    the run, on random texts of backticks, tildes and near misses (one or
    two of the character, four or more in a row, the two mixed), with a
    budget of places so small that the search for the run takes over
    anywhere in the text, and the usual one."""
    from _gen import random_texts

    monkeypatch.setattr(markup, "FENCE_PLACE_CHARS", place_chars)
    pieces = ["`", "``", "```", "````", "~", "~~", "~~~", "~`~", "a", "文", "\n", " "]
    texts = ["", "`", "``", "```", "~~~~~~~", "a```", "``` ```"]
    texts += random_texts(pieces, 2000, 13, (0, 60))
    for text in texts:
        for run in ("```", "~~~"):
            assert list(markup._run_places(text, run)) == _ref_run_places(text, run), (text, run)
        assert markup.fence_runs(text) == [r for r in ("```", "~~~") if r in text], text
        assert markup.fence_marks(text) == sorted(
            (at, r) for r in ("```", "~~~") for at in _ref_run_places(text, r)
        ), text
