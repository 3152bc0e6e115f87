"""The authored evidence's counts made at C speed (Debian fields, code-shaped
lines, the verse width test, the licence phrases searched for only when the
head holds their strings) give what the loops over the lines they replaced
give, on random texts built from the pieces each test reads and on the real
documents of tests/data/harm (issue 13)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from _gen import random_texts

from cleantext import pagemodel as pm
from cleantext.pagemodel import (
    _LICENCE,
    LineIndex,
    _code_line,
    _code_shaped,
    _code_shaped_index,
    _debian_fields,
    _licence_terms,
    _narrow,
)

ROOT = Path(__file__).resolve().parent.parent
HARM = sorted((ROOT / "tests" / "data" / "harm").iterdir())
REAL = [p.read_text(encoding="utf-8") for p in HARM] + [
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir())
]

#: The per-line pattern the Debian count was made with.
_DEBIAN_FIELD = re.compile(
    r"^(?:Format|Upstream-Name|Upstream-Contact|Source|Files|Copyright|License|Comment|"
    r"Disclaimer|Files-Excluded|Package|Version|Depends|Description|Maintainer|Section|"
    r"Priority|Architecture|Build-Depends|Standards-Version|Homepage)\s*:",
)
#: Whitespace within a line and line ends: ``\s`` takes them all.
_SPACES = [" ", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u3000", "\n", "\r\n"]
_DEBIAN_PIECES = [
    "Files", "Files-Excluded", "License", "Homepage", "Package", "Format", "Sources", ":",
    "：", "x", "中", *_SPACES,
]  # fmt: skip
_CODE_PIECES = [
    "import", "export", "from x import", "from  import", "def", "class", "return", "if (",
    "for (", "#include", "//", "/*", "*/", ";", "{", "}", "a", "_", "中", "9", "(", *_SPACES,
    # (the Python and Cython statements')
    "if", "else", "cdef", "cimport", "raise", "pass", "raise X", ":", "=", "==", "+=", ")",
    "]", "[", "@", "#", ".", ",", "A", "assert ", ": ", '"""', "'''", '"', "'", "\\n", "r",
]  # fmt: skip


def _texts(pieces: list[str], n: int, seed: int) -> list[str]:
    return random_texts(pieces, n, seed, (0, 30)) + REAL


def test_debian_fields_are_the_lines_the_pattern_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    for limit in (400, 3, 1):
        monkeypatch.setattr(pm, "DEBIAN_LINES", limit)
        for text in _texts(_DEBIAN_PIECES, 3000, 71):
            ix = LineIndex(text)
            want = sum(1 for x in ix.bare[:limit] if _DEBIAN_FIELD.match(x))
            assert _debian_fields(text, ix) == want, (limit, text)


def test_code_shaped_from_the_index_is_the_lines_test(monkeypatch: pytest.MonkeyPatch) -> None:
    for limit in (2000, 4, 1):
        monkeypatch.setattr(pm, "CODE_LINES", limit)
        for text in _texts(_CODE_PIECES, 3000, 72) + [";\n" * 9, "x;\r\n" * 9 + "a\n" * 20]:
            ix = LineIndex(text)
            assert _code_shaped_index(text, ix) == _code_shaped(ix.bare), (limit, text)
            # (and the count itself, which decides the signal only past its bounds)
            head = ix.bare[:limit]
            code = sum(map(_code_line, head))
            n = min(len(ix), limit)
            end = ix.starts[n] - 1 if n else 0
            found = sorted(
                [m.start() for m in pm._CODE_END_AT.finditer(text, 0, end)]
                + [m.end() for m in pm._CODE_START_AT.finditer(text, 0, end)]
            )
            first = pm._CODE_START_FIRST.match(text, 0, end) is not None
            assert len(pm._line_numbers(text, found, n, first)) == code, (limit, text)


def _module(rng: random.Random) -> str:
    """Code lines, prose and docstrings (some of them unclosed or empty),
    with random line ends."""
    blocks = []
    for _ in range(rng.randint(0, 30)):
        kind = rng.randrange(4)
        if kind == 0:
            blocks.append(rng.choice(["x = 1", "def f():", "    return x", "a"]))
        elif kind == 1:
            quote = rng.choice(['"""', "'''"])
            prose = [
                rng.choice(["Words", "", "x = 1"] + ["Prose"] * 6)
                for _ in range(rng.randint(0, 16))
            ]
            blocks.append("\n".join([quote + "Doc.", *prose, quote * rng.randint(0, 1)]))
        else:
            blocks.append(rng.choice(["Words of prose", "", "", "", '"""', "  \r"]))
    return "".join(x + rng.choice(["\n", "\r\n", "\n"]) for x in blocks)


def test_code_outside_docstrings_from_the_index_is_the_lines_test() -> None:
    # Where the lines outside the docstrings decide (many texts), both
    # ways agree.
    rng = random.Random(77)
    decided = 0
    for text in [_module(rng) for _ in range(3000)] + REAL:
        ix = LineIndex(text)
        signal = _code_shaped_index(text, ix)
        assert signal == _code_shaped(ix.bare), text
        head = ix.bare[: pm.CODE_LINES]
        whole = pm._code_signal(sum(map(_code_line, head)), sum(1 for x in head if x.strip()))
        decided += whole is None and signal is not None
    assert decided > 50


def test_narrow_is_the_test_of_every_line() -> None:
    pieces = ["a", "中", " ", "\t", "\r", "\u3000", "\n", "\r\n"]
    for width in (0, 1, 3, 6, 80):
        for text in _texts(pieces, 2000, 73):
            ix = LineIndex(text)
            want = all(len(x) <= width or len(x.strip()) <= width for x in ix.bare)
            assert _narrow(ix, width) == want, (width, text)


#: Every string a licence phrase needs, each one short, cut and in capitals.
_LICENCE_PIECES = [
    *(x for needs, _ in pm._LICENCE_PARTS for x in needs),
    *(x[:-1] for needs, _ in pm._LICENCE_PARTS for x in needs),
    *(x.upper() for needs, _ in pm._LICENCE_PARTS for x in needs),
    "this program", "this library", "this file", "provided by ", '"', "“", "”", "without ",
    "any ", "s to you", " to you", "\u0130", "\u017f", " ", "\n", "x",
]  # fmt: skip


def test_licence_terms_searched_for_by_their_strings_are_the_pattern_s() -> None:
    texts = random_texts(_LICENCE_PIECES, 4000, 74, (0, 8)) + REAL
    for text in texts:
        want = {m.group().lower() for m in _LICENCE.finditer(text)}
        assert _licence_terms(text) == want, text


def test_licence_strings_are_held_by_every_match() -> None:
    for needs, pattern in pm._LICENCE_PARTS:
        for text in random_texts(_LICENCE_PIECES, 300, 75, (0, 6)):
            for m in re.finditer(pattern, text.lower()):
                assert all(x in m.group() for x in needs), (pattern, m.group())


def _decided(text: str, name: str | None, **kw: object) -> dict[str, object]:
    from cleantext import Config
    from cleantext.pagemodel import decide

    page = decide(text, Config(filename=name), **kw)  # type: ignore[arg-type]
    return {**page.to_dict(), "lines": sorted(page._cache["lines"])}


def test_a_decision_from_a_step_s_index_and_walk_is_its_own() -> None:
    from cleantext.pagemodel import Protected

    pieces = ["# h", "- a", "| a | b |", "```", "Files: *", " x", "    code", "中文。", "a", "\n"]
    texts = [*random_texts(pieces, 400, 76, (0, 14)), *REAL]
    for text in texts:
        for name in (None, "README.md"):
            want = _decided(text, name, later=False)
            ix = LineIndex(text)
            walked = Protected(text, ix.bare)
            # Not walked: its index alone is taken.
            assert _decided(text, name, later=False, index=ix, walked=walked) == want
            walked = Protected(text, ix.bare)
            set(walked)  # (the whole walk made)
            assert walked.walked
            assert _decided(text, name, later=False, index=ix, walked=walked) == want
            # An index and a walk of another text (a step's, after a repair): not taken.
            other = text + "- b\n# c\n"
            ix = LineIndex(other)
            walked = Protected(other, ix.bare)
            set(walked)
            assert _decided(text, name, later=False, index=ix, walked=walked) == want


def test_the_pipeline_s_decision_is_the_decision_alone() -> None:
    from cleantext import Config, clean
    from cleantext.pagemodel import decide

    para = "This paragraph is long enough to count as one when it is repeated below it.\n"
    block = "## Usage\n\n" + para + "\n" + para.upper() + "\n"
    texts = [*REAL, "# Title\n\n" + block * 2, "# 标题\n\n" + block * 3 + "- a\n- b\n"]
    decided = 0
    for text in texts:
        for name in (None, "README.md", "NEWS"):
            r = clean(text.encode("utf-8"), filename=name)
            if r.page is not None:
                decided += 1
                assert r.page.to_dict() == decide(text, Config(filename=name)).to_dict(), name
    assert decided


def _columns_reference(text: str, ix: LineIndex, total: int) -> tuple[int, int] | None:
    """_columns without its count of double spaces, over the bare lines."""
    read = min(total, pm.ENTRY_LINES)
    if read < 12:
        return None
    at = [i for i in range(len(ix)) if ix.nonblank[i]][:read]
    widths: dict[int, int] = {}
    for line in (ix.line(i) for i in range(at[-1] + 1)):
        m = pm._ROW_FIRST.match(line)
        if m is not None:
            widths[len(m.group(1))] = widths.get(len(m.group(1)), 0) + 1
    rows = sum(n for n in widths.values() if n >= pm.COLUMN_ROWS)
    return (rows, read) if rows >= 12 and 5 * rows >= 4 * read else None


def _dense_reference(text: str) -> pm.Signal | None:
    """_code_dense without its look at the first 4,096 characters."""
    head = text[:200_000]
    pairs = len(pm._CODE_PAIR.findall(head))
    lines = sum(1 for x in head.split("\n") if x.strip())
    if pairs >= pm.DENSE_PAIRS and pairs * 500 >= len(head) and lines < 20:
        return pm._code_dense(head)  # (the signal's wording)
    return None


def test_columns_and_dense_code_are_their_references() -> None:
    rows = ["  ab    Row one", "  cd    Row two", "  efg   Row", "x  y", "word", "  ", "\t"]
    code = ["){", "};", ";}", "})", "}}", "a", " ", "\n", "\r\n", "x\n" * 30, "&amp;", "f(n)"]
    code += ["{", "}", ";", "var a=1", " \n"]
    for text in random_texts([*rows, "\n", "\r\n", "\n"], 1500, 78, (0, 60)) + REAL:
        ix = LineIndex(text)
        total = ix.nonblank.count(1)
        assert pm._columns(text, ix, total) == _columns_reference(text, ix, total), text
    for text in random_texts(code, 3000, 79, (0, 150)) + REAL:
        assert pm._code_dense(text) == _dense_reference(text), text


def test_head_is_the_text_of_the_first_lines() -> None:
    pieces = ["a", "中", " ", "\r", "\n", "\n", "\r\n", "\u2028"]
    texts = random_texts(pieces, 3000, 74, (0, 30)) + ["", "\n", "\n\n", "a", "a\n", "a\r\nb"]
    for k in (0, 1, 2, 3, 5, 2000):
        for text in texts:
            head = pm._head(text, k)
            assert text.startswith(head), (k, text)
            assert pm.bare_lines(head) == pm.bare_lines(text)[:k], (k, text)
            assert list(LineIndex(head).bare) == pm.bare_lines(text)[:k], (k, text)


def test_is_code_is_the_reference_on_the_first_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    # The lines test on the bare lines of the head (a loop of finds before),
    # the five tests one after another, against is_code; with few lines
    # read, the texts of CODE_LINES lines and one more or fewer are near
    # misses of the head.
    from cleantext import Config
    from cleantext.steps import Context

    modules = [_module(random.Random(seed)) for seed in range(300)]
    shaped = 0
    for limit in (2000, 8, 1):
        monkeypatch.setattr(pm, "CODE_LINES", limit)
        for text in _texts(_CODE_PIECES, 1500, 75) + modules + ["#!x\n;\n;\n;\n;\n;\n", "#!"]:
            for name in (None, "x.py", "README"):
                head = pm.bare_lines(text)[:limit]
                want = (
                    pm._code_named((name or ""), head) is not None
                    or _code_shaped(head) is not None
                    or pm._code_dense(text) is not None
                    or pm._roff(text) is not None
                    or pm._catalog(text) is not None
                )
                ctx = Context(config=Config(filename=name))
                assert pm.is_code(text, ctx) == want, (limit, name, text)
                shaped += limit == 8 and name is None and _code_shaped(head) is not None
    assert shaped > 20


#: The Markdown links' pattern as it was written before its ``^`` was asked
#: after the bracket (the reference).
_MD_LINK_REF = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)|^\[[^\]\n]+\]:\s*\S", re.MULTILINE)
_MACRO_PIECES = [
    "\n", "\r\n", ".", "..", "TH", "SH", "B", "BR", "I", "nf", "x", " ", "\t", "=", "head1",
    "head7", "item", "cut", "encoding", "[", "]", "(", ")", ":", "a", "](", "]:", "中", "\u2028",
]  # fmt: skip


def test_macros_and_links_are_found_as_before() -> None:
    # _ROFF_AT and _POD_AT count what _ROFF and _POD find in the text up to
    # an end (at, just before and past a line's start); _MD_LINK finds the
    # matches of the reference, at every place it is asked from.
    texts = random_texts(_MACRO_PIECES, 4000, 78, (0, 24)) + REAL
    for text in texts:
        for end in {0, 1, len(text) // 2, len(text) - 1, len(text)}:
            end = max(end, 0)
            assert pm._ROFF_AT.count(text, end) == len(pm._ROFF.findall(text[:end])), text
            assert pm._POD_AT.count(text, end) == len(pm._POD.findall(text[:end])), text
        assert [m.span() for m in pm._MD_LINK.finditer(text)] == [
            m.span() for m in _MD_LINK_REF.finditer(text)
        ], text
    for text in texts[:4000]:
        for i in range(len(text) + 1):
            got, want = pm._MD_LINK.search(text[i:]), _MD_LINK_REF.search(text[i:])
            assert (got and got.span()) == (want and want.span()), (text, i)
