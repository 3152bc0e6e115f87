"""The fast paths of the dedupe step and the page model give what the full
walks give: each shortcut is checked against the slow path on texts built to
be *almost* caught by it (issue 13)."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Config
from cleantext.pagemodel import (
    _HAN,
    _NUMBERED,
    HAN_RUN_CHARS,
    PARAGRAPH_CHARS,
    SCRAPED,
    LineIndex,
    Signal,
    _copy_under_header,
    _second_copy,
    _structure,
    bare_lines,
    line_keys,
)
from cleantext.steps import Context
from cleantext.steps.dedupe import (
    _analyse,
    _no_repeats,
    _prepare,
    _single_repeats,
    remove_duplicates,
)

LONG = [
    "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。",
    "报告提出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。",
    "Redistribution and use in source and binary forms, with or without modification.",
]
SHORT = ["工具库", "（完）", "Home", "UnitTest", "记者 王政"]
#: Lines each structure test takes, lines that open or close its state, and
#: lines that look like them but are not.
TRICKY = [
    "# 标题",
    "#不是标题",
    "- 一项",
    "-不是列表",
    "1. 第一",
    "１. 全角",
    "| a | b |",
    "a\tb\tc",
    "a\tb",
    "+---+---+",
    "=====",
    "---",
    "Files: *",
    "License: MIT",
    "Copyright: 2020 某人",
    "Upstream-Name: x",
    "Sources: not a field",
    " continued line",
    "\tcontinued with a tab",
    "    indented code()",
    "  两个空格开头的段落。",
    "   - 三个空格的列表项",
    "  # 缩进的标题",
    "  | 缩进的表格 |",
    "\t\t两个制表符",
    " ",
    "    缩进的中文段落。",
    "```",
    "~~~",
    "",
    "   ",
    "\u3000",
    "plain prose line",
    "普通的一行文字。",
]
#: Long lines shaped like structure (a list item, indented code, a table row).
SHAPED = ["- " + LONG[0], "    " + LONG[2], "| " + LONG[1] + " |", " " + LONG[0]]
WHITESPACE = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


def test_line_keys_are_the_lines_without_whitespace() -> None:
    text = "".join(f"a{c}b{c}\n" for c in WHITESPACE.replace("\n", "")) + " x \r\n\r\n\u3000y"
    expected = ["".join(x.split()) for x in text.split("\n")]
    assert line_keys(text) == expected
    assert line_keys(text + "\n") == expected
    assert line_keys("") == []


def test_line_keys_cut_in_slices_are_the_same(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cleantext import pagemodel

    text = "".join(f"第{i}行 line {i}\r\n" + "\n" * (i % 3) for i in range(200))
    whole = line_keys(text)
    for size in (1, 2, 5, 17, 100):
        monkeypatch.setattr(pagemodel, "LINE_KEYS_SLICE", size)
        for t in (text, text.rstrip("\n"), text + "x", "\n", "x", ""):
            assert line_keys(t) == ["".join(x.split()) for x in bare_lines(t)], (size, t[-20:])
        assert line_keys(text) == whole


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*WHITESPACE, "a", "中", "\r"]), max_size=40))
def test_line_keys_on_any_whitespace(text: str) -> None:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    assert line_keys(text) == ["".join(x.split()) for x in lines]


def _both(text: str) -> None:
    """remove_duplicates (fast paths) == the full analysis, text and findings."""
    ctx_a, ctx_b = Context(config=Config()), Context(config=Config())
    ctx_a.page_text = ctx_b.page_text = text
    fast = remove_duplicates(text, ctx_a)
    full = _analyse(text, _prepare(text), ctx_b) if text else (text, [])
    assert fast == full, text
    # The page model decided first, on this text: dedupe takes its index.
    from cleantext.pagemodel import decide

    ctx_c = Context(config=Config())
    ctx_c.page = decide(text, ctx_c.config)
    assert "index" in ctx_c.page._cache
    assert remove_duplicates(text, ctx_c) == fast, text
    assert ("index" in ctx_c.page._cache) == (not text)  # taken when used


def test_dedupe_no_repeats_is_the_index_s_answer() -> None:
    # _no_repeats (the small text's shortcut) says what _prepare's repeats
    # say, on random texts of few characters (lines that repeat often, and
    # that differ only by whitespace, which keys drop) and on near misses.
    from _gen import random_texts

    alphabet = ["a", "b", "中", " ", "\u3000", "\t", "\r", "\n", "\n", "\x0b", "\x1c", "\x85"]
    texts = random_texts(alphabet, 3000, 29, (0, 16))
    texts += [
        "", "\n", "\n\n", "a", "a\n", "a\na", "a\na\n", "a\n\na", "a b\nab\n", "a\r\na\n",
        "中\u3000文\n中文", "a\nb\n", "a\nb\nc\nb", "x\x1cy\nxy", " \n\t\n\r\n",
        LONG[0] + "\n" + LONG[1] + "\n" + LONG[0].replace("，", " ，"),
    ]  # fmt: skip
    for text in texts:
        assert _no_repeats(text) == (not _prepare(text).repeated), repr(text)
    for text in texts[-16:]:
        _both(text)


def test_dedupe_one_line_repeats_give_the_full_analysis() -> None:
    # Caught: long lines repeated alone, one right after itself (工具库 工具库).
    body = [f"第{i}行的内容各不相同，这是一段普通的文字，没有重复。" for i in range(30)]
    for text in (
        "\n".join([*body[:10], LONG[0], *body[10:15], LONG[0], *body[15:]]) + "\n",
        "\n".join([*body[:10], LONG[0], LONG[0], *body[10:]]) + "\n",
        "\n".join([*body[:10], SHORT[0], *body[10:15], SHORT[0], *body[15:]]) + "\n",
        "\n".join([*body[:10], "- " + LONG[0], *body[10:15], "- " + LONG[0], *body[15:]]),
        # Only the top is repeated (or only the end): no whole copy.
        "\n".join([LONG[0], *body[:5], LONG[0], *body[5:]]),
        "\n".join([*body[:20], LONG[0], *body[20:], LONG[0]]),
    ):
        ctx = Context(config=Config())
        assert _single_repeats(text, _prepare(text), ctx) is not None
        _both(text)
        assert ctx.page is None  # the page model was never asked


def test_dedupe_near_misses_take_the_full_analysis() -> None:
    body = [f"第{i}行的内容各不相同，这是一段普通的文字，没有重复。" for i in range(12)]
    for text in (
        # Two neighbours repeating earlier lines: a run of two.
        "\n".join([*body[:4], LONG[0], LONG[1], *body[4:8], LONG[0], LONG[1], *body[8:]]),
        # Two neighbours repeating two different earlier lines: a block of two.
        "\n".join([*body[:4], LONG[0], *body[4:6], LONG[1], *body[6:8], LONG[0], LONG[1]]),
        # A line near the top repeated near the end: maybe a whole copy.
        "\n".join([LONG[0], *body, LONG[0]]),
        # The same with blank lines between (content positions count).
        "\n\n".join([SHORT[1], *body, SHORT[1]]),
    ):
        assert _single_repeats(text, _prepare(text), Context(config=Config())) is None
        _both(text)


def test_dedupe_fences_only_markup_finds_are_protected_with_the_page_model_too() -> None:
    # A fence opened by a tab (markup's \s{0,3}; not the page model's
    # spaces), one of four closed by three (markup closes it, the page
    # model does not), with a repeat inside: the same with the page model's
    # structure lines as with the lines asked one at a time.
    body = [f"第{i}行的内容各不相同，这是一段普通的文字，没有重复。" for i in range(6)]
    for fence in (["\t```", "\t```"], ["````", "```"], ["\u3000~~~", "~~~"]):
        lines = [*body[:3], LONG[0], LONG[1], fence[0], LONG[0], LONG[1], fence[1], *body[3:]]
        _both("\n".join(lines))
        _both("\n".join([*lines, LONG[2], "", LONG[2]]))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(LONG + SHORT + TRICKY + SHAPED), max_size=30),
    st.sampled_from(["\n", "\r\n"]),
)
def test_dedupe_fast_paths_equal_the_full_analysis(lines: list[str], nl: str) -> None:
    _both(nl.join(lines))
    _both(nl.join(lines) + nl)


def _structures(text: str) -> None:
    """The sparse walk gives what the walk of every line gives, on a list of
    the lines and on an index's lines (with keys, whose blank lines it reads
    from the index, and without)."""
    lines = bare_lines(text)
    every = _structure(text, lines, sparse=False)
    assert _structure(text, lines) == every, text
    assert _structure(text, LineIndex(text).bare) == every, text
    assert _structure(text, LineIndex(text, keys=False).bare) == every, text


def test_structure_sparse_walk_near_misses() -> None:
    for text in (
        # A stanza continued after a non-blank, non-field line, then closed.
        "License: MIT\nprose\n continued\n\n not continued\n",
        # A stanza's blank line inside a fence does not close it.
        "License: MIT\n```\n\n```\n continued\n",
        # Indented code after a structure line, and after prose.
        "- item\n    code()\nprose\n    not code()\n",
        # Candidates on the first line; two tabs on the first and last line.
        "    code()\nx",
        "a\tb\tc\nprose\nd\te\tf",
        # Setext underline under prose and under a blank line; CRLF.
        "Title\r\n=====\r\n\r\n=====\r\n",
        # A stanza open to the end of the text.
        "Files: *\n continued\nprose\n\tcontinued",
    ):
        _structures(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TRICKY + SHORT), max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_structure_sparse_walk_equals_the_walk_of_every_line(lines: list[str], nl: str) -> None:
    _structures(nl.join(lines))
    _structures(nl.join(lines) + nl)


#: Lines that open, close or nearly open or close a ``<pre>``-like block (in
#: any case, with the closing tag on the same line, before or after the
#: opening one, an ``ſ`` that IGNORECASE takes for ``s``, a ``K`` that it
#: takes for ``k``, an ``İ`` that lower() makes two characters) and fences
#: of either kind and length.
PRE = [
    "<pre>",
    "</pre>",
    "<PRE class=x>",
    "x </Pre> y",
    "<pre>one line</pre>",
    "</pre> then <pre>",
    "<code>inline",
    "</CODE>",
    "<script type=x>",
    "</ſcript>",
    "</scrİpt>",
    "</script>",
    "<style>",
    "</style >",
    "<prefix>",
    "<pre",
    "````",
    "~~~~",
    " ```py",
    "    ```",
]


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.sampled_from(TRICKY + PRE + SHORT[:2]), max_size=25),
    st.sampled_from(["\n", "\r\n"]),
)
def test_structure_sparse_walk_with_blocks_equals_the_walk_of_every_line(
    lines: list[str], nl: str
) -> None:
    _structures(nl.join(lines))
    _structures(nl.join(lines) + nl)


def test_structure_sparse_walk_with_blocks_near_misses() -> None:
    for text in (
        # A block's blank line does not close a stanza; its lines are taken.
        "License: MIT\n<pre>\n\n</pre>\n continued\n",
        # Closed on the same line: the next line is walked.
        "<pre>x</pre>\n- item\n",
        # A closing tag inside a fence does not close the block.
        "<pre>\n```\n</pre>\n```\n- item\n</pre>\n- item\n",
        # An opening tag inside a fence opens nothing; one never closed.
        "```\n<pre>\n```\n- item\n<code>\n- item\n",
        # ſ and İ: IGNORECASE finds them, lower() does not close with them.
        "<script>\n</ſcript>\n</scrİpt>\n- item\n</SCRIPT>\n- item\n",
        # Indented code right after a block, and a setext line under one.
        "<pre>\n</pre>\n    code()\n<pre></pre>\n=====\n",
        # A fence of four closed by three (no) and by five (yes).
        "````\n- a\n```\n- b\n`````\n- c\n",
    ):
        _structures(text)


#: Pieces of lines for random texts: each test's marks, tags, fences, field
#: names, the whitespace the tests tell apart, Han and a letter.
WALK_PIECES = [
    "\n", "\n", "\n", "\r\n", " ", " ", "    ", "\t", "\u3000", "\x0c", "#", "# ", "-", "- ",
    "=", "===", "|", "+", "+---+", "*", "1.", "2)", "`", "```", "~~~", "---", "<pre>", "</pre>",
    "<code>", "</code>", "<PRE", "Files:", "License: ", "Copyright", ":", "a", "x", "中", "Files",
]  # fmt: skip


def test_structure_sparse_walk_on_random_texts_in_small_blocks(monkeypatch: object) -> None:
    # The walk cuts the lines it visits a block at a time: blocks of one,
    # two and three lines (and the usual size) on random texts of the pieces
    # above give the walk of every line.
    from _gen import random_texts

    from cleantext import pagemodel

    texts = random_texts(WALK_PIECES, 1500, 31, (0, 60))
    saved = pagemodel._WALK_BLOCK
    try:
        for block in (1, 2, 3, saved):
            pagemodel._WALK_BLOCK = block
            for text in texts[:: 1 if block in (3, saved) else 5]:
                _structures(text)
    finally:
        pagemodel._WALK_BLOCK = saved


def test_structure_sparse_walk_stanza_near_misses() -> None:
    # A stanza's lines: continuation lines by a space or a tab (taken at
    # once), by another space (\u3000, \x0c: not continuation lines), a
    # candidate and a field line inside it, a whitespace-only line (blank:
    # it closes the stanza), indented code after it, a setext line under a
    # continuation line, a field line that is also a table row.
    for text in (
        "License: MIT\n continued\n\u3000not\n\x0cnot\n- item\n    code\n",
        "Files: *\n x\n \t \n y\n    code()\n",
        "Files: *\n x\n===\n\tLicense: a\tb\tc\n y\n\n    code()\n",
        "License:\ta\tb\n continued\n\nFiles:\n\u3000\n continued\n",
        "Copyright: x\n" + " line\n" * 200 + "\n line\n",
        "License: MIT\nprose\n\tcontinued after prose\n    and after that\n",
    ):
        _structures(text)
        _structures(text.replace("\n", "\r\n"))


def test_structure_sparse_walk_skips_what_front_matter_and_fences_took() -> None:
    # The walk jumps over the lines taken before it (front matter, fences)
    # and goes on at the next line to visit: a stanza open before a fence
    # stays open after it, a block opened in a fence opens nothing, a fence
    # in front matter and front matter's last line, a fence left open.
    for text in (
        "License: MIT\n```\n- a\n\n```\n continued\n\n not continued\n",
        "License: MIT\n```\n- a\n```\nprose\n continued\n",
        "---\ntitle: x\n```\n- a\n---\n```\n- b\n```\n    code()\n",
        "---\ntitle: x\n---\n- a\n",
        "- a\n```\n<pre>\n```\n- b\n</pre>\n- c\n",
        "prose\n~~~\n- a\n\n    code()\nLicense: MIT\n continued\n",
        "```\n```\n```\n- a\n",
        "x\n````\n```\n- a\n`````\n- b\n",
    ):
        _structures(text)
        _structures(text.replace("\n", "\r\n"))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["---", "title: x", "```", "~~~", *TRICKY[:20], *PRE[:6]]), max_size=25
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_structure_sparse_walk_with_front_matter_and_fences_equals_the_walk(
    lines: list[str], nl: str
) -> None:
    _structures(nl.join(lines))
    _structures(nl.join(lines) + nl)


def test_letter_class_holds_only_letters() -> None:
    import re

    from cleantext.pagemodel import _LETTER

    for a, b in re.findall(r"(.)-(.)", _LETTER):
        assert all(chr(c).isalpha() for c in range(ord(a), ord(b) + 1)), (a, b)


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("中文字abcXYZé①１2,，。()（）ā\u3007\u4dc0\u9ffd々ー가"),
        max_size=30,
    )
)
def test_chinese_counts_letters_as_isalpha_does(key: str) -> None:
    from cleantext.pagemodel import _HAN, _chinese

    han = len(_HAN.findall(key))
    expected = 2 * han >= len(key) or (
        4 * han >= len(key) and 2 * han >= sum(c.isalpha() for c in key)
    )
    assert _chinese(key) == expected


# --- the page model's second-copy evidence ------------------------------------


def _reference_chinese(key: str) -> bool:
    han = len(_HAN.findall(key))
    if 2 * han >= len(key):
        return True
    return 4 * han >= len(key) and 2 * han >= sum(c.isalpha() for c in key)


def _reference_second_copy(lines: list[str], structure: set[int]) -> Signal | None:
    """pagemodel._second_copy as it was before issue 13: every line walked."""
    # A line's key is empty exactly when the line is blank (split() and
    # strip() know the same whitespace): computed once for both uses.
    all_keys = ["".join(x.split()) for x in lines]
    keys = [k for k in all_keys if k]
    if len(set(keys)) == len(keys):
        return None  # no line repeated: no copy, no run, no repeated line
    for copies in (2, 3):
        part = len(keys) // copies
        if (
            part >= 2 and len(keys) % copies == 0
            and all(keys[k * part : (k + 1) * part] == keys[:part] for k in range(1, copies))
            # What the copies add: as much as dedupe's whole-text rule asks.
            and (copies - 1) * sum(map(len, keys[:part])) >= 30
        ):  # fmt: skip
            # The strongest sign there is: outweighs verse or list shapes
            # (5 > 2 x 2; a file name or front matter as well still wins).
            return Signal(
                "second-copy", SCRAPED, 5, f"the whole text {copies} times ({part} lines each)"
            )
    seen: dict[str, int] = {}
    repeats: list[tuple[int, int]] = []
    chars = 0
    prev: tuple[int, int] | None = None  # content positions of the last repeat
    run = run_chars = best = best_chars = 0
    han_run = han_chars = han_best = han_best_chars = 0
    content = 0
    for i, key in enumerate(all_keys):
        if not key:
            continue
        content += 1
        if i in structure:
            prev = None
            continue
        j = seen.setdefault(key, content)
        if j == content:
            prev = None
            continue
        if len(key) < 6:
            # A short line (``（完）``, a caption) inside a copied run keeps
            # the run going but adds nothing to it.
            if prev is None or prev != (content - 1, j - 1):
                run = run_chars = han_run = han_chars = 0
            prev = (content, j)
            continue
        if len(key) >= PARAGRAPH_CHARS:
            repeats.append((i, j))
            chars += len(key)
        # Lines (not numbered titles) repeated in the order of their first
        # copy: a copied run of paragraphs.
        if _NUMBERED.match(lines[i]):
            prev = None
            continue
        if prev is None or prev != (content - 1, j - 1):
            run = run_chars = han_run = han_chars = 0
        run, run_chars = run + 1, run_chars + len(key)
        if _reference_chinese(key):
            han_run, han_chars = han_run + 1, han_chars + len(key)
        if run_chars > best_chars:
            best, best_chars = run, run_chars
        if han_chars > han_best_chars:
            han_best, han_best_chars = han_run, han_chars
        prev = (content, j)
    # Two long lines outside structure repeated: is it the whole article?
    whole = _copy_under_header(keys) if len(repeats) >= 2 else None
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
    # Lines of any script: as much as the Chinese rule below asks, at the
    # density it states (two lines of 20 Han characters say as much as two
    # English lines of 80): 160 characters. Three hard-wrapped lines of
    # advice a HOWTO repeats (146 characters) are no sign of a scrape.
    if best >= 2 and best_chars >= 4 * HAN_RUN_CHARS:
        return Signal(
            "second-copy",
            SCRAPED,
            2,
            f"a run of {best} lines repeated in order ({best_chars} characters)",
        )
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


REPEATED = [
    "第一段很长的文字，讲了一件事情的来龙去脉，细节很多。",
    "第二段也很长，继续讲这件事情后来怎样了，结局如何。",
    "說(shuō)老實(shí)話(huà)，紅(hóng)薯我吃得不少，千種(zhǒng)萬(wàn)種(zhǒng)",
    "A line of English prose that is long enough to count as a paragraph here.",
    "1. 编号的标题行",
    "（完）",
    "短行",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(REPEATED + TRICKY[:12]), max_size=30))
def test_second_copy_equals_the_walk_of_every_line(lines: list[str]) -> None:
    _assert_second_copy_is_the_walk(lines)


def _assert_second_copy_is_the_walk(lines: list[str]) -> None:
    """_second_copy of the lines as a text equals the walk of every line."""
    text = "\n".join(lines) + "\n"
    split = bare_lines(text)
    structure = _structure(text, split)
    fast = _second_copy(LineIndex(text), structure)
    assert fast == _reference_second_copy(split, structure), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY + SHORT), max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_plain_lines_are_never_structure(lines: list[str], nl: str) -> None:
    from cleantext.pagemodel import plain_lines, structure_lines

    text = nl.join(lines) + nl
    bare = bare_lines(text)
    structure = structure_lines(text)
    for i, line in enumerate(bare):
        if plain_lines(text, [line]):
            assert i not in structure, (i, text)


def test_line_index_gives_the_lines_and_keys(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from collections import Counter

    from cleantext import pagemodel
    from cleantext.pagemodel import LineIndex

    text = "".join(
        f"第{i}行 x\r\n" + "\n" * (i % 4) + " \u3000\n" * (i % 3) + f"重复 {i % 7 * (i % 2)}\n"
        for i in range(300)
    )
    for size in (1, 7, 300, 1 << 20):
        monkeypatch.setattr(pagemodel, "LINE_KEYS_SLICE", size)
        monkeypatch.setattr(pagemodel, "_KEY_BLOCK", size)
        # (Without a space, other whitespace in its lines: the keys come
        # from the lines' own pieces.)
        bare_text = text.replace(" ", "\t")
        for t in (text, bare_text, text + "末行", text + "\r", "", "\n", "x", "\n\n", " \n"):
            ix = LineIndex(t)
            bare, keys = bare_lines(t), line_keys(t)
            assert len(ix) == len(bare) == len(keys)
            assert list(ix.bare) == bare and ix.bare[1:4] == bare[1:4]
            assert [ix.line(i) for i in range(len(ix))] == t.split("\n")[: len(ix)]
            assert [ix.key(i) for i in range(len(ix))] == keys
            assert list(ix.hashes) == [hash(k) for k in keys]
            assert bytes(ix.nonblank) == bytes(bool(k) for k in keys)
            assert all(ix.line_of(ix.starts[i]) == i for i in range(len(ix)) if ix.line(i))
            assert LineIndex(t, keys=False).starts == ix.starts
            # The keys of every line whose key repeats (and maybe more: a hash
            # two keys share), and the repeated keys.
            known, repeated = ix.repeats()
            counts = Counter(k for k in keys if k)
            assert repeated == {k for k, c in counts.items() if c > 1}
            assert all(known[i] == keys[i] for i in known)
            assert {i for i, k in enumerate(keys) if k in repeated} <= set(known)
            # Lines few enough to be cut one by one: the same.
            sparse = LineIndex(t + "\n" * (16 * len(known)))
            assert sparse.repeats() == (known, repeated)


def test_repeated_hashes_are_those_of_repeated_keys() -> None:
    from cleantext.pagemodel import LineIndex

    text = "a\n\nb\n \na\nc\n\n"
    ix = LineIndex(text)
    assert ix.repeated_hashes() == {hash("a")}
    assert LineIndex("a\nb\n\n\n").repeated_hashes() == set()
    # A non-blank line whose hash is a blank line's (0): blank lines do not
    # count, two such lines do.
    ix.hashes[2] = 0
    assert ix.repeated_hashes() == {hash("a")}
    ix.hashes[5] = 0
    assert ix.repeated_hashes() == {hash("a"), 0}


def _protected_is_the_walk(text: str) -> None:
    """dedupe's protected lines, answered line by line, are the lines of
    structure_lines and markup.fenced_lines, and so is the set they make
    (with some lines excluded too)."""
    from cleantext.markup import fenced_lines
    from cleantext.pagemodel import structure_lines
    from cleantext.steps.dedupe import _fenced_lines, _protected

    ix = LineIndex(text)
    n = len(ix)
    assert _fenced_lines(text, ix) == fenced_lines(text.split("\n"), n), text
    every = structure_lines(text) | fenced_lines(text.split("\n"), n)
    lazy = _protected(text, ix)
    assert [i in lazy for i in range(-1, n + 1)] == [i in every for i in range(-1, n + 1)], text
    assert set(lazy) == every, text
    from cleantext.markup import fence_marks, fence_spans
    from cleantext.pagemodel import Protected

    marks = fence_marks(text)
    given = Protected(text, ix.bare, fence_spans(text, n, marks), structure_lines(text), marks)
    assert given.walked and set(given) == every, text
    for p in (lazy, given):
        assert set(p.without({0, 2})) == every - {0, 2}
        nonblank = ix.nonblank
        assert p.may_hold(nonblank) or not any(nonblank[i] for i in every), text
    fresh = _protected(text, ix)
    assert [i in fresh for i in reversed(range(n))] == [i in every for i in reversed(range(n))]
    # For many questions: a set of the walk's lines, or the lines as they
    # are (a few questions), with some lines excluded or not: the same answers.
    for count in (0, 1, n, 10**6):
        for p in (_protected(text, ix), _protected(text, ix).without({0, 2})):
            want = [i in p for i in range(-1, n + 1)]
            many = p.for_many(count)
            assert isinstance(many, set) == (count == 10**6 or p.walked), (text, count)
            assert [i in many for i in range(-1, n + 1)] == want, (text, count)
    # Walked whole after a few lines asked (some answered alone, then the
    # walk's), and a copy without some lines shares the walk.
    from cleantext import pagemodel

    saved = pagemodel.ONE_AT_A_TIME
    try:
        for budget in (-1, 0, 2):
            pagemodel.ONE_AT_A_TIME = budget - n // 64
            p = _protected(text, ix)
            q = p.without({1})
            assert [i in p for i in range(n)] == [i in every for i in range(n)], text
            assert q.walked == p.walked
            assert [i in q for i in range(n)] == [i in every - {1} for i in range(n)], text
    finally:
        pagemodel.ONE_AT_A_TIME = saved


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(PRE + TRICKY[-12:] + ["\x1c```", "\u3000```", "\r```"]), max_size=20),
    st.sampled_from(["\n", "\r\n"]),
)
def test_dedupe_fences_are_markup_s(lines: list[str], nl: str) -> None:
    for text in (nl.join(lines), nl.join(lines) + nl):
        _protected_is_the_walk(text)


@settings(max_examples=800, deadline=None)
@given(
    st.lists(
        st.sampled_from(["---", "title: x", "```", *TRICKY, *PRE[:8], *SHORT[:2]]), max_size=25
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_protected_lines_one_at_a_time_are_the_walk_s(lines: list[str], nl: str) -> None:
    _protected_is_the_walk(nl.join(lines))
    _protected_is_the_walk(nl.join(lines) + nl)


FENCES = [
    "```",
    "~~~",
    "````",
    " ```",
    "   ~~~~",
    "    ```",
    "\t```",
    "\u3000```",
    "x```",
    "``",
    "~~",
]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(FENCES + TRICKY[-8:]), max_size=20), st.sampled_from(["\n", "\r\n"])
)
def test_fenced_ranges_from_the_marks_are_the_pattern_s(lines: list[str], nl: str) -> None:
    from cleantext.markup import fence_marks
    from cleantext.pagemodel import _fenced_ranges

    for text in (nl.join(lines), nl.join(lines) + nl, "".join(lines)):
        bare = bare_lines(text)
        assert _fenced_ranges(text, bare, fence_marks(text)) == _fenced_ranges(text, bare), text


def test_fenced_ranges_from_the_marks_near_misses() -> None:
    from cleantext.markup import fence_marks
    from cleantext.pagemodel import _fenced_ranges

    # Three spaces and four, on the first line and after one; a mark after
    # another on a line; a line of many marks (only four characters back
    # are searched for the line's start).
    for text in ("   ```\nx\n", "    ```\nx\n", "a\n   ~~~\nb\n    ~~~\n", "x```\n```", "`" * 40):
        for t in (text, "a\n" + text, text.replace("\n", "\r\n")):
            bare = bare_lines(t)
            assert _fenced_ranges(t, bare, fence_marks(t)) == _fenced_ranges(t, bare), t


def test_protected_lines_near_misses() -> None:
    from cleantext.steps.dedupe import _protected

    for text, walked in (
        # Candidates answered alone: a heading, a list item, a table row, a
        # setext line under prose and under a blank line, a stanza field.
        ("prose\n# 标题\n- 一项\na\tb\tc\nTitle\n=====\n\n=====\nLicense: MIT\n", False),
        # Not candidates: "#不是标题" is one (a marker first) that no test takes.
        ("#不是标题\n-不是列表\n１. 全角\n", False),
        # A line starting with a space or a tab after a line that may open
        # a stanza, or shaped like indented code: the walk (a stanza's
        # continuation, indented code after a list item).
        ("License: MIT\n continued\n", True),
        ("prose\nLicense: MIT\n  两个空格开头的段落。\n", True),
        ("- item\n    code()\nprose\n", True),
        ("prose\n\tcode()\n", True),
        # Else answered alone: paragraphs indented with spaces (People's
        # Daily), four spaces or a tab before Han, a list item, a heading;
        # a stanza field after them, or not at a line's start.
        ("  两个空格开头的段落。\n    缩进的中文段落。\n\t中文\n   - 三个空格的列表项\n", False),
        ("  # 缩进的标题\n  | 缩进的表格 |\n  两个\nLicense: MIT\n", False),
        (" License: MIT\n  两个空格开头的段落。\nxLicense: MIT\n", False),
        # <pre>-like blocks, found as the walk finds them: closed on the
        # same line, a tag in a fence (opens nothing), a closer in a fence
        # (closes nothing), a tag inside a block, ſ and İ, never closed.
        ("- a\n<pre>\n- b\n</pre>\n- c\n", False),
        ("<pre>x</pre>\n- item\n<code>a</code> <pre>\n- b\n</PRE>\n- c\n", False),
        ("```\n<pre>\n```\n- a\n<pre>\n```\n</pre>\n```\n- b\n</pre>\n- c\n", False),
        ("<script>\n<pre>\n</ſcript>\n</scrİpt>\n- a\n</SCRIPT>\n- b\n<style>\n- c\n", False),
        ("---\ntitle: <pre>\n---\n- a\n", False),
        # A closer in a fence markup finds (a tab before it) and the page
        # model does not: it closes the block.
        ("<pre>\n\t```\n</pre>\n\t```\nprose\n</pre>\n- b\n", False),
        # A line starting with a space after a block: the walk.
        ("<pre>\n</pre>\n    code()\n", True),
        # Fences and front matter, taken before the walk (and the markup
        # fence that \s{0,3} allows and pagemodel's ` {0,3}` does not).
        ("---\ntitle: x\n---\n- a\n```\n- b\n", False),
        ("x\n\t```\n- a\n\t```\n", False),
        ("x\n````\n```\n- a\n`````\n- b\n", False),
    ):
        for t in (text, text.replace("\n", "\r\n")):
            _protected_is_the_walk(t)
            ix = LineIndex(t)
            p = _protected(t, ix)
            for i in range(len(ix)):
                i in p  # noqa: B015 (asked for the walk's sake)
            assert p.walked == walked, t


# --- repeat_runs walking the repeated keys only; the code evidence alone -------


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from("abcdef"), max_size=40), st.lists(st.booleans(), max_size=40))
def test_repeat_runs_on_the_repeated_keys_equal_the_walk_of_every_key(
    keys: list[str], extra: list[bool]
) -> None:
    from collections import Counter

    from cleantext.pagemodel import repeat_runs

    counts = Counter(keys)
    exact = bytes(counts[k] > 1 for k in keys)
    # Flags on more keys than repeat (a protected line's own key) change nothing.
    more = bytes(f or (i < len(extra) and extra[i]) for i, f in enumerate(exact))
    assert repeat_runs(keys, exact) == repeat_runs(keys) == repeat_runs(keys, more)


CODE_TEXTS = [
    "#!/bin/sh\necho hi\n",
    " #!/bin/sh\n",
    "\n#!/bin/sh\n",
    "".join(f"x = {i};\n" for i in range(5)),
    "".join(f"x = {i};\n" for i in range(4)) + "prose\n",
    "".join(f"x = {i};\n" for i in range(5)) + "".join(f"句子{i}\n" for i in range(12)),
    "".join(f"x = {i};\n" for i in range(5)) + "".join(f"句子{i}\n" for i in range(11)),
    "".join(f"prose {i}\n" for i in range(2000)) + "".join(f"x = {i};\n" for i in range(9)),
    ".TH X 1\n.SH NAME\n.PP\ntext\n",
    ".TH X 1\n.SH NAME\ntext\n",
    "a\n.TH X 1\n.SH NAME\n.B b\n",
    "import os\nimport sys\ndef f():\n    return 1\nclass A:\n",
    "今天天气很好。\n",
    "",
    "\n",
]


def test_code_evidence_alone_is_the_decision_s() -> None:
    from cleantext.pagemodel import decide, is_code

    for text in CODE_TEXTS:
        for name in (None, "-", "x.py", "README", "dir\\x.c", "notes.txt"):
            for page in (None, "scraped", "authored"):
                config = Config(filename=name, page=page)
                expected = any(s.name == "code" for s in decide(text, config).signals)
                assert is_code(text, Context(config=config)) == expected, (text[:20], name, page)
                # In the pipeline the decision is made on its input.
                for other in CODE_TEXTS[:3] + CODE_TEXTS[-3:]:
                    ctx = Context(config=config, page_text=other)
                    expected = any(s.name == "code" for s in decide(other, config).signals)
                    assert is_code(text, ctx) == expected


def test_fortunes_near_misses() -> None:
    from cleantext.pagemodel import _FORTUNE, _fortunes

    # A % with another % or a letter on its line, after whitespace that is
    # not a line end, at the very start and end of the text, lines apart.
    for text in ("%", "%\n", " %\n% %\n%a\na%\n\t%\x0b\n", "%\n%", "x\n\x85%\u2028\n", "% \n\n %"):
        assert _fortunes(text) == len(_FORTUNE.findall(text)), text


def test_whitespace_is_what_str_split_and_the_regex_class_agree_on() -> None:
    # _fortunes reads the head of a line with str.isspace where _FORTUNE has
    # [^\S\n]: the same characters.
    import re

    for c in map(chr, range(sys.maxunicode + 1)):
        assert c.isspace() == (re.match(r"\s", c) is not None), hex(ord(c))


def test_bare_at_gives_the_bare_lines() -> None:
    text = "a\r\n\r\n\rb\r\r\nc\n\nd\r"
    ix = LineIndex(text)
    every = list(range(len(ix)))
    assert ix.bare_at(every) == [ix.bare_line(i) for i in every] == bare_lines(text)
    assert ix.bare_at([3, 0, 3]) == [bare_lines(text)[i] for i in (3, 0, 3)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["%", " % ", "%\r", "\u3000%\x1c", "%%", "a%", "", " ", "verse", "\r"]),
        max_size=20,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_fortunes_and_stanzas_are_counted_as_the_lines_are(lines: list[str], nl: str) -> None:
    from cleantext.pagemodel import _FORTUNE, _fortunes

    for text in (nl.join(lines), nl.join(lines) + nl):
        bare = bare_lines(text)
        assert len(_FORTUNE.findall(text)) == sum(1 for x in bare if x.strip() == "%"), text
        assert _fortunes(text) == len(_FORTUNE.findall(text)), text
        stanzas = sum(1 for i in range(1, len(bare)) if not bare[i].strip() and bare[i - 1].strip())
        assert bytes(LineIndex(text).nonblank).count(b"\x01\x00") == stanzas, text


def test_a_line_equal_to_a_protected_line_s_own_key_repeats_it() -> None:
    # "# 标题" (line 3, structure) gets the key "\x003", which the NUL line
    # has too: with the short line before them, a run of two lines repeated
    # (reported, as the walk of every key finds it). One digit off: nothing.
    head = "1. 第一\n</script>\n（完）\n# 标题\nRedistribution and use in source.\n</script>\n"
    for nul, runs in (("\x003", 1), ("\x004", 0), ("\x0003", 0)):
        text = head + f"当前位置：首页 > 新闻\n（完）\n{nul}\n工具库\n"
        _, findings = remove_duplicates(text, Context(config=Config()))
        found = [(f.code, f.line, f.end_line) for f in findings if f.code == "duplicate-run"]
        assert found == [("duplicate-run", 8, 9)] * runs, (nul, findings)
        _both(text)


def test_a_line_index_is_freed_without_the_garbage_collector() -> None:
    import gc
    import weakref

    from cleantext.pagemodel import LineIndex

    ix = LineIndex("a\nb\na\n")
    assert list(ix.bare) == ["a", "b", "a"] and ix.repeats()[1] == {"a"}
    gone = weakref.ref(ix)
    gc.disable()
    try:
        del ix
        assert gone() is None  # no reference cycle holds it (and its repeats)
    finally:
        gc.enable()


#: Pieces of lines that the furniture and contact tests look for, almost
#: look for, or would see otherwise with their case changed (including the
#: characters that IGNORECASE folds to an ASCII letter: ſ K İ ı).
_FIELD_PIECES = [
    *("1", "3", "8", "0", "13812345678", "１", "-", " ", "\t", "\r", "5", "2020"),
    *("http://", "HTTPS://", "http:/", "www.", "WWW.", ".com", ".CoM", ".tv", ".tvx", "x.cc"),
    *("ſ", "\u212a", "\u0130", "\u0131", "微信", "v信", "V信", "薇", "威", "信", "qq", "QQ"),
    *(":", "：", "号", "abcde", "z9", "中", "_", "é", "(", "（", ")", "|", "·"),
    *("posts", "Posts", "POSTS", "posted on", "Posted By", "posted in", "by ", "by x |"),
    *("楼主", "发表于", "分類於", "【字体：", "字号:", "views", "Views (", "hits:", "阅读"),
    *("©", "(c)", "(C)", "copyright", "CopyRight", "COPYRIGHT", "版权所有", "ICP备", "icp证"),
    *("公网安备", "上一篇", "下一頁", "责任编辑", "編輯"),
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_FIELD_PIECES), max_size=12))
def test_furniture_and_contact_tests_answer_as_their_patterns(pieces: list[str]) -> None:
    from cleantext.pagemodel import (
        _BLOG_FIELDS,
        _CONTACTISH,
        _COPYRIGHT,
        _FOLD_ODD,
        _blog_field,
        _contactish,
        _copyright,
    )

    s = "".join(pieces)
    assert _blog_field(s) == (_BLOG_FIELDS.search(s) is not None), s
    assert _copyright(s) == (_COPYRIGHT.search(s) is not None), s
    # (the IGNORECASE search, and the case-sensitive one on lower-cased text
    # that stood for it where no character folds oddly)
    expected = _CONTACTISH.search(s) is not None
    assert _contactish(s) == expected, s
    if _FOLD_ODD.search(s) is None:
        lower = re.compile(_CONTACTISH.pattern)  # case-sensitive
        assert (lower.search(s.lower()) is not None) == expected, s


def test_furniture_and_contact_near_misses() -> None:
    from cleantext.pagemodel import (
        _BLOG_FIELDS,
        _CONTACTISH,
        _COPYRIGHT,
        _blog_field,
        _contactish,
        _copyright,
    )

    for s in (
        "13812345678", "a13812345678", "113812345678", "１13812345678", "x1381234567",
        "138-1234-5678", "电话:138 1234 5678号", "12812345678",
        "微信:abcde", "微信：abcd", "v信 abcde1", "信:abcde", "QQ号12345", "qq:1234",
        "www.x", "ww.x", "x.com", "x.comb", "x.COM", "http://", "https:/", "HTTP://x",
        "posts - 3", " posts - 3", "Posted on x", "a posted on", "by x | y", "by  x|",
        "楼主：", "x 楼主", "发表于 x", "发表于", "【字体：", "字号:", "views: 3", "Views (3",
        "© 2020", "(c) 2020", "(C)2020", "(c) 202", "Copyright", "ICP备", "京icp证",
        "上一篇：x", "x上一篇", "（责任编辑：", "(编辑:", "责任编辑", "ſ", "COPYRİGHT",
        "\u212aopyright", "\u0131cp备",
    ):  # fmt: skip
        assert _blog_field(s) == (_BLOG_FIELDS.search(s) is not None), s
        assert _copyright(s) == (_COPYRIGHT.search(s) is not None), s
        assert _contactish(s) == (_CONTACTISH.search(s) is not None), s


#: Edge lines of each kind the scraped evidence looks for, twice or more.
_EDGE_KINDS = [
    "當前位置:主頁 > 新聞 >",
    "2023-03-01 來源:高新院 點擊:",
    "亚洲香蕉视频,免费人成视频,日韩熟女精品,澳门新葡京",
    "首页 > 新闻 > 点击:3",  # a breadcrumb: its hit counter is not counted
    "亚洲香蕉视频,免费人成视频,日韩熟女精品,澳门新葡京,百家乐",
    "来源:新华社 2023-03-02",
    "分享到",
    "联系电话 13812345678",
    "亚洲香蕉视频,免费人成视频,日韩熟女精品,六合彩",
    "打印本页",
    "浏览次数:12",
    "正文很長的一段話。",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EDGE_KINDS), max_size=14), st.integers(0, 90))
def test_scraped_evidence_reads_the_first_lines_found(lines: list[str], middle: int) -> None:
    # Each kind of edge line is looked for until its first (spam: the first
    # two) is found; a breadcrumb line takes no other test. The evidence is
    # that of every line tested: the same signals and details (line
    # numbers), with the lines at the head, or at both ends of a long text.
    from cleantext.pagemodel import _scraped_signals

    half = len(lines) // 2
    text = "\n".join([*lines[:half], *["正文。"] * middle, *lines[half:]]) + "\n"
    got = _scraped_signals(LineIndex(text).bare, Config())
    assert got == _scraped_signals(bare_lines(text), Config())
    assert got == _every_edge_line(bare_lines(text))


#: Pieces of edge lines for the spam-term scan: specific terms (Han, Latin,
#: in capitals), parts of them, filler, a word joined to a Latin term, the
#: characters the key scan steps aside for, a line end inside a line ("\r").
_TERM_PIECES = [
    "百家乐", "澳门新葡京", "成人视频", "在线观看", "免费", "viagra", "VIAGRA", "xviagra",
    "casino", "cas", "ino", "seo service", "porn", "\u0130", "\u212a", "ΑΣ", "。", ", ",
    " ", "\r", "正文", "- ", "# ", "|", "a", "Q", "当前位置:", "位 置", "首页", " > ", "/",
    "&gt;", "&GT;", "Home", "»", "新闻", "来源:", "2023-03-01", "点击:", "12", "分享到",
    "ß", "Navigation", "MENU", "打印本页", "wwW.", "电话", "13812345678", "一",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_TERM_PIECES), max_size=6).map("".join), max_size=90),
    st.booleans(),
)
def test_scraped_evidence_spam_terms_from_one_scan(lines: list[str], built: bool) -> None:
    # The edge lines' spam terms come from one scan of the lines tested
    # (hits_of_lines), of only those the key scan points at once it is built:
    # the same evidence as find() asked of every line, the key scan built
    # or not.
    from cleantext.pagemodel import _scraped_signals
    from cleantext.spamlex import lexicon

    lexicon.cache_clear()
    if built:
        lexicon(()).lines_maybe_with_terms("a")
    text = "\n".join(lines) + "\n"
    got = _scraped_signals(LineIndex(text).bare, Config())
    assert lexicon(()).key_scan_built == built
    lexicon.cache_clear()
    assert got == _every_edge_line(bare_lines(text)), lines


def test_scraped_evidence_spam_terms_random() -> None:
    from _gen import random_texts

    from cleantext.pagemodel import _scraped_signals
    from cleantext.spamlex import lexicon

    alphabet = [*_TERM_PIECES, "\n", "\n", "\n"]
    for built in (False, True):
        for text in random_texts(alphabet, 150, seed=20 + built, length=(1, 200)):
            lexicon.cache_clear()
            if built:
                lexicon(()).lines_maybe_with_terms("a")
            got = _scraped_signals(LineIndex(text).bare, Config())
            lexicon.cache_clear()
            assert got == _every_edge_line(bare_lines(text)), text


def test_crumb_any_is_in_every_breadcrumb() -> None:
    # _CRUMB_ANY finds something in every line is_breadcrumb takes (near
    # misses: labels and separators, in other cases), and lines_matching
    # finds the lines in which it finds something.
    from _gen import random_texts

    from cleantext.pagemodel import _CRUMB_ANY, is_breadcrumb, lines_matching

    alphabet = [*_TERM_PIECES, "\n", "当前位置：", "您的位置 :", "位", "置", "&", "gt;", "→", "›"]
    texts = random_texts(alphabet, 3000, seed=7, length=(0, 12))
    for text in texts:
        for line in text.split("\n"):
            if is_breadcrumb(line):
                assert _CRUMB_ANY.search(line), line
        want = {k for k, line in enumerate(text.split("\n")) if _CRUMB_ANY.search(line)}
        assert lines_matching(_CRUMB_ANY, text) == want, text
    assert sum(map(is_breadcrumb, (x for t in texts for x in t.split("\n")))) > 50


def test_edge_tests_need_han_or_a_short_line() -> None:
    # _scraped_signals walks only lines with a Han character or short enough
    # to be a navigation word (and breadcrumbs and lines with terms): every
    # word of the source/date, hit-counter and share patterns, one of which
    # each of their matches holds, is Han; a casefold is never shorter than
    # its string (no character folds to nothing).
    from cleantext.pagemodel import _HIT_WORDS, _SHARE, _SOURCE_DATE, NAV_CHARS
    from cleantext.spamlex import NAV_WORDS

    for rx in (_SOURCE_DATE, _HIT_WORDS, _SHARE):
        group = re.search(r"\(\?:([^)]*)\)", rx.pattern)
        words = (group[1] if group else rx.pattern).split("|")
        assert all(_HAN.fullmatch(c) for w in words for c in w), rx.pattern
        assert not rx.flags & re.IGNORECASE
    assert all(c.casefold() for c in map(chr, range(sys.maxunicode + 1)))
    assert NAV_CHARS == max(map(len, NAV_WORDS))


def _every_edge_line(lines: list[str]) -> list[Signal]:
    """_scraped_signals as it was: every test on every edge line."""
    from cleantext.pagemodel import (
        _DATE,
        _HAN,
        _LIST_ITEM,
        _SHARE,
        _SOURCE_DATE,
        EDGE_LINES,
        FURNITURE_MAX,
        _contactish,
        _hit,
        is_breadcrumb,
        is_furniture,
    )
    from cleantext.spamlex import FILLER, NAV_WORDS, has_sentence_end, is_keyword_run, lexicon

    out: list[Signal] = []
    n = len(lines)
    edge = [*range(min(n, EDGE_LINES)), *range(max(EDGE_LINES, n - EDGE_LINES), n)]
    lex = lexicon(())
    spam: list[str] = []
    crumbs, source, hits, nav, contact = [], [], [], [], []
    for i in edge:
        s = lines[i].strip()
        if not s or len(s) > 400 or _LIST_ITEM.match(s) or s.startswith(("#", "|", "[", "!")):
            continue
        if len(s) <= FURNITURE_MAX:
            if is_breadcrumb(s):
                crumbs.append(i)
                continue
            if _SOURCE_DATE.search(s) and (_DATE.search(s) or len(s) <= 60):
                source.append(i)
            if _hit(s):
                hits.append(i)
            if s.casefold() in NAV_WORDS or _SHARE.match(s):
                nav.append(i)
        if _HAN.search(s) and _contactish(s) and not is_furniture(s):
            contact.append(i)
        found = lex.find(s)
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


# --- the second copy's walk: keys set at C speed, numbers, whole copies -------


def test_numbered_lines_have_keys_numbered_first_takes() -> None:
    # Every character an alternative of _NUMBERED can start with is one that
    # _NUMBERED_FIRST takes (each alternative, started with it, ends as one
    # of these do): the walk cuts the line only after it.
    from cleantext.pagemodel import _NUMBERED_FIRST

    for c in map(chr, range(sys.maxunicode + 1)):
        if c.isspace() or _NUMBERED_FIRST.match(c):
            continue
        for rest in (" ", ") ", ". "):
            assert not _NUMBERED.match(c + rest), hex(ord(c))


NUMBERED = [
    "1. 编号的标题行，后面还有很长的一段文字说明这是什么。",
    "  2. 缩进的编号标题行，后面还有很长的一段文字说明。",
    "１. 全角数字的编号标题行，后面还有很长的一段文字说明。",
    "iv. A numbered title in roman numerals, long enough to count here.",
    "ı) dotless i and a bracket, long enough to count as a paragraph.",
    "\u212a) a Kelvin sign and a bracket, long enough to count as a line.",
    "Ⅳ. 罗马数字符号不是数字也不是字母，这一行也足够长了。",
    "1.编号后面没有空格的一行，足够长，是一段普通的文字。",
    "a) 字母编号的标题行，后面还有很长的一段文字说明。",
]


def test_second_copy_with_a_numbered_line_in_a_run_equals_the_walk_of_every_line() -> None:
    # A run of three lines repeated, the middle one numbered or nearly so:
    # a numbered title breaks the run.
    for x in NUMBERED:
        for lines in ([LONG[0], x, LONG[1]] * 2, [x, LONG[0], LONG[1], x, LONG[0], LONG[1]]):
            _assert_second_copy_is_the_walk(lines)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NUMBERED + REPEATED[:3] + TRICKY[:6]), max_size=30))
def test_second_copy_with_numbered_lines_equals_the_walk_of_every_line(lines: list[str]) -> None:
    _assert_second_copy_is_the_walk(lines)


@settings(max_examples=500, deadline=None)
@given(
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(1, 12),
    st.lists(st.integers(0, 40), max_size=3),
)
def test_whole_copy_with_flags_is_the_walk_of_every_run(
    head: int, gap: int, tail: int, size: int, edits: list[int]
) -> None:
    # Two copies with header lines of their own around them, near the bound
    # of lines that occur once (3 * COPY_HEADER_LINES), some lines changed.
    from collections import Counter

    from cleantext.pagemodel import COPY_HEADER_LINES

    body = [f"第{t}段文字，讲了一件事情的来龙去脉，细节很多。" for t in range(size)]
    keys = (
        [f"头{t}" for t in range(head)] + body + [f"间{t}" for t in range(gap)]
        + body + [f"尾{t}" for t in range(tail)]
    )  # fmt: skip
    for e in edits:
        if e < len(keys):
            keys[e] = f"改{e}"
    counts = Counter(keys)
    flags = bytes(counts[k] > 1 for k in keys)
    found = _copy_under_header(keys, flags)
    assert found == _copy_under_header(keys), keys
    if found is not None:
        assert flags.count(0) <= 3 * COPY_HEADER_LINES


def test_repeated_keys_with_a_hash_two_keys_share() -> None:
    # One key a hash: the marked keys are the repeated ones. Two keys that
    # share a hash: counted (one of them, or neither, repeats).
    ix = LineIndex("a\nb\na\n")
    assert ix.repeats() == ({0: "a", 2: "a"}, {"a"})
    for text, repeated in (
        ("a\nb\na\n", {"a"}),
        ("a\nb\n", set()),
        ("a\nb\nb\na\n", {"a", "b"}),
        ("a\nb\nb\n", {"b"}),
    ):
        ix = LineIndex(text)
        for i in range(len(ix)):
            ix.hashes[i] = hash("a")  # "b" hashes as "a" does
        known, found = ix.repeats()
        assert found == repeated, text
        assert known == {i: k for i, k in enumerate(line_keys(text)) if k}, text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "", " ", "\t", "d e", "第一", "x"]), max_size=60),
    st.integers(0, 3),
)
def test_content_keys_are_the_loop_s(lines: list[str], spread: int) -> None:
    from bisect import bisect_left

    from cleantext.pagemodel import content_keys

    # A few known lines (bisected one by one) or many (counted at once).
    text = "\n".join(lines) + "\n" * (1 + 20 * spread)
    ix = LineIndex(text)
    known, repeated = ix.repeats()
    pos, keys, flags = content_keys(ix, known, repeated)
    every = [k for k in line_keys(text) if k]
    assert list(pos) == [i for i, k in enumerate(line_keys(text)) if k]
    marks = bytearray(len(pos))
    for i, key in known.items():
        q = bisect_left(pos, i)
        assert keys[q] == key
        marks[q] = key in repeated
    assert flags == bytes(marks)
    assert len(keys) == len(every) and [keys[q] for q in range(len(keys))] == every


def test_fence_marks_are_ruled_out_by_one_character() -> None:
    from cleantext.markup import fence_runs

    for text in ("", "`", "``", "` ``", "```", "~~", "~ ~~", "~~~", "`~`", "~`~`~", "a```"):
        assert bool(fence_runs(text)) == ("```" in text or "~~~" in text), text


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["?rdquo;", "？nbsp;", "?amp", "锟斤拷", "锟斤", "烫烫烫", "烫烫", "\ufffd"]
                        + ["\ufffd\ufffd", "?", "？", "rdquo;", "文字", "a"]),
        max_size=12,
    )
)  # fmt: skip
def test_damage_is_the_pattern_s(pieces: list[str]) -> None:
    from cleantext.pagemodel import _DAMAGE, _damage

    text = "".join(pieces)
    fast, slow = _damage(text), _DAMAGE.search(text)
    assert (fast and (fast.start(), fast.group())) == (slow and (slow.start(), slow.group()))


def test_roff_and_directives_are_asked_of_the_head_as_of_the_text() -> None:
    # Macros and directives just inside and just past the head, a "\n." or a
    # ".. " only past it, ":returns" and ":type" fields without ".. " or
    # ":param" in the head.
    from cleantext.pagemodel import _REST, _ROFF, _directives, _roff

    macros = ".TH X 1\n.SH NAME\n.PP\n"
    fields = ":returns: x\n:type y: int\n:return: z\n"
    for pad in (0, 99_990, 99_999, 100_000, 199_990, 200_000):
        for head in ("", macros, ".. note::\n", fields, ":param x: y\n", "\n.", "x.. y"):
            for tail in ("", macros, "\n.", ".. note::\n", ":param", fields):
                text = head + "x" * pad + "\n" + tail
                roff = len(_ROFF.findall(text[:100_000])) if "\n." in text or text[:1] == "." else 0
                found = _roff(text)
                expected = f"{roff} roff macros (a man page)" if roff >= 3 else None
                assert (found.detail if found else None) == expected, (head, pad, tail)
                rest = (
                    len(_REST.findall(text[:200_000])) if ".. " in text or ":param" in text else 0
                )
                assert _directives(text, text[:200_000]) == rest, (head, pad, tail)


# --- keys kept for the repeats; pinyin annotations counted from the brackets ---


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "b", "a b", "", " ", "\u3000", "第一", "x\r", "a\t"]), max_size=60
    ),
    st.booleans(),
)
def test_repeats_from_the_keys_kept_are_those_cut_again(lines: list[str], end: bool) -> None:
    text = "\n".join(lines) + ("\n" if end else "")
    kept = LineIndex(text, keep=True)
    assert kept.repeats() == LineIndex(text).repeats()
    assert kept._keys is None  # used, and let go of
    assert kept.repeats() == LineIndex(text).repeats()


def test_a_decision_holds_no_keys() -> None:
    from cleantext.pagemodel import decide

    farm = "說(shuō)老實(shí)話(huà)，紅(hóng)薯我吃得不少。\n" * 3
    for text in ("", "a\nb\na\n", farm, "---\ntitle: x\n---\n\n# T\n\n- a\n- b\n"):
        for config in (Config(), Config(page="scraped")):
            for later in (True, False):
                page = decide(text, config, later=later)
                assert page._cache["index"]._keys is None, (text, config, later)
                assert page.signals is not None  # (worked out, if put off)
                assert page._cache["index"]._keys is None


#: Annotations, brackets after other characters, without a tone, unclosed.
PINYIN_PIECES = (
    "中(ā) 中(ab) 中(shuō) 中（hóng） 中(hóng） a(ā) ((ā) ( （ 中(āb 中() 說( ） ) 中(ǖ) x 中"
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PINYIN_PIECES.split()), max_size=30), st.integers(0, 40))
def test_annotations_counted_from_the_brackets_are_the_matches(
    pieces: list[str], sample: int
) -> None:
    from cleantext import pagemodel
    from cleantext.pagemodel import _PINYIN_AT, _annotations

    text = "".join(pieces)
    expected = sum(len(p().findall(text)) for p in _PINYIN_AT)
    old, pagemodel._SAMPLE = pagemodel._SAMPLE, sample
    try:
        assert _annotations(text) == expected, text
    finally:
        pagemodel._SAMPLE = old


def _line_numbers_loop(text: str, offsets: list[int], n: int, first: bool) -> list[int]:
    """The reference of ``pagemodel._line_numbers``: a line at a time."""
    out: list[int] = [0] if first and n else []
    i = at = 0
    for start in offsets:
        i += text.count("\n", at, start)
        at = start
        if (not out or out[-1] != i) and i < n:
            out.append(i)
    return out


def test_line_numbers_at_c_speed_equal_the_loop() -> None:
    # Random texts, offsets (repeated ones too, at the end of the text, at a
    # newline), every n around the number of lines, with and without line 0.
    import random

    from _gen import random_texts

    from cleantext.pagemodel import _line_numbers

    rng = random.Random(43)
    for text in random_texts(["\n", "\n", "a", "\r", " "], 600, 41, (0, 30)):
        lines = text.count("\n") + 1
        for _ in range(4):
            offsets = sorted(rng.choices(range(len(text) + 1), k=rng.randint(0, 8)))
            for n in range(max(0, lines - 2), lines + 2):
                for first in (False, True):
                    want = _line_numbers_loop(text, offsets, n, first)
                    assert _line_numbers(text, offsets, n, first) == want, (text, offsets, n)


def test_candidate_and_tag_lines_are_the_lines_the_tests_find() -> None:
    # Found in the whole text at C speed: the lines whose start a candidate
    # test matches or that hold two tabs, and the lines _PRE_OPEN finds a
    # tag in, as the lines themselves say.
    from _gen import random_texts

    from cleantext.pagemodel import (
        _CANDIDATE_FIRST,
        _PRE_OPEN,
        _TWO_TABS,
        _candidate_lines,
        _pre_lines,
    )

    for text in random_texts(WALK_PIECES + ["\t", "\t"], 1500, 47, (0, 40)):
        lines = bare_lines(text)
        want = [i for i, x in enumerate(lines) if _CANDIDATE_FIRST.match(x) or _TWO_TABS.search(x)]
        assert _candidate_lines(text, lines) == want, text
        tags = [i for i, x in enumerate(lines) if _PRE_OPEN.search(x)]
        assert _pre_lines(text, len(lines)) == tags, text


#: Pieces of licence phrases and of their near misses: in any case, with the
#: characters IGNORECASE takes for an ASCII letter, a Greek sigma (its lower
#: case reads the letters around it), quotes of each kind, Han.
_LICENCE_PIECES = [
    "Permission is hereby granted", "PROVIDED BY ", "provided ", "by ", "“AS IS”", '"as is"',
    "as is", "\"", "“", "”", "General Public License", "licensed under the", "Licen", "sed",
    "without any warranty", "WITHOUT WARRANTY", "without  warranty", "许可协议", "開源許可",
    "\u017f", "\u212a", "\u0130", "\u0131", "Σ", "ΑΣ", "σ", "s", "S", "k", "K", "i", "I", " ",
    "\n", "x", "-", "spdx-License-Identifier", "This program is free software", "this file is",
]  # fmt: skip


def _licence_reference(head: str) -> set[str]:
    from cleantext.pagemodel import _LICENCE

    return {m.group().lower() for m in _LICENCE.finditer(head)}


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_LICENCE_PIECES), max_size=14))
def test_licence_terms_read_from_the_lower_case_are_the_patterns(pieces: list[str]) -> None:
    from cleantext.pagemodel import _licence_terms

    s = "".join(pieces)
    assert _licence_terms(s) == _licence_reference(s), s


def test_licence_terms_on_random_texts_and_near_misses() -> None:
    from _gen import random_texts

    from cleantext.pagemodel import _licence_terms

    texts = random_texts(_LICENCE_PIECES, 3000, 53, (0, 12))
    texts += [
        "provided by ΑΣ “as is”", "Provided By x\u212a \"AS IS\"", "licen\u017fed under the",
        "L\u0130cense", "general public l\u0131cense", "PROVIDED BY " + "x" * 60 + '"as is"',
        "PROVIDED BY " + "x" * 61 + '"as is"', "provided by \n\"as is\"", "mozilla public license",
    ]  # fmt: skip
    for s in texts:
        assert _licence_terms(s) == _licence_reference(s), s


def _best_run_reference(events, counts):  # type: ignore[no-untyped-def]
    """The one-pass loop _best_run replaced (every line asked)."""
    run = chars = best = best_chars = 0
    for again, key, i in events:
        if again:
            run = chars = 0
        if key is not None and counts(key, i):
            run, chars = run + 1, chars + len(key)
        if chars > best_chars:
            best, best_chars = run, chars
    return best, best_chars


def test_best_run_asks_the_longest_runs_first_with_the_same_answer() -> None:
    import random

    from cleantext.pagemodel import _best_run

    rng = random.Random(17)
    for _ in range(3000):
        events = []
        first_again = rng.random() < 0.8
        for i in range(rng.randrange(0, 30)):
            key = None if rng.random() < 0.2 else "x" * rng.choice([6, 7, 10, 20, 40])
            # (the first event starts a run, as _second_copy's do, or not)
            events.append(((i == 0 and first_again) or rng.random() < 0.3, key, i))
        keep = {i for i in range(30) if rng.random() < 0.6}
        asked: list[int] = []

        def counts(key: str, i: int, keep: set[int] = keep, asked: list[int] = asked) -> bool:
            asked.append(i)
            return i in keep

        want = _best_run_reference(events, lambda key, i, keep=keep: i in keep)
        assert _best_run(events, counts) == want, events
        assert len(asked) <= sum(1 for _, key, _ in events if key is not None)


def _entries_loop(text: str) -> tuple[int, int] | None:
    """The reference of pagemodel._entries: each of the first 1,000
    non-blank lines asked in turn (at most 32 characters, a "\\r" before its
    newline included, with no sentence end and none of ",，、|｜;；")."""
    from cleantext.spamlex import has_sentence_end

    pieces = text.split("\n")
    if pieces[-1] == "":
        pieces.pop()  # (the empty piece after a last newline is no line)
    lines = [x for x in pieces if x.strip()][:1000]
    if len(lines) < 12:
        return None
    hits = sum(
        1
        for x in lines
        if len(x) <= 32
        and not has_sentence_end(x.removesuffix("\r"))
        and not set(x) & set(",，、|｜;；")
    )
    return (hits, len(lines)) if len(lines) - hits <= len(lines) // 10 else None


#: Pieces of lists, of YAML and of prose, with what lies at their edges:
#: fields of 24 and 25 characters, a "." last or inside, "!" and "。", a
#: comma, two spaces, a tab, "\r" before a line end, a key's colon with and
#: without a space after it, list items, comments, indented values.
LIST_PIECES = [
    "\n", "\n", "\r\n", "\n\n", " ", "  ", "\t", "\r", "赌博", "六合彩", "CASINO", "a.b", "x.",
    "y.z.", "!", "。", ",", "、", "|", ";", "a" * 24, "b" * 25, "key:", "key: v", "- ", "-",
    "# c", "---", "...", '"q": 1', "    ", "The committee met again.", "：", "\x0b", "\u3000",
]  # fmt: skip


#: Whole lines of lists, YAML and prose (a line is drawn from these, then
#: maybe cut or joined with random pieces), so that texts are lists, YAML,
#: or nearly so.
LIST_LINES = [
    "赌博", "CASINO", "  pc86            Generic 86-key PC", "云计算 5 n", "a b c d", "a b c d e",
    "x.", "a.b", "! model", "赌博,六合彩", "b" * 25, "a" * 24, "key: value", "  nested: 1",
    "- item", "- key: v", "    a value over", "  several lines", "# comment", "---",
    "The committee met again on Tuesday.", "今天的新闻很多，大家都在看。", "", "   ", "\t",
    "col\tumn", "key:value", '"quoted": 1', "  ", "word\r",
]  # fmt: skip


def _list_texts(n: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    entries = [
        "赌博",
        "CASINO",
        "  pc86            Generic 86-key PC",
        "云计算 5 n",
        "a b c d",
        "x.",
    ]
    yaml = ["key: value", "  nested: 1", "- item", "- key: v", "    a value over", "# comment"]
    out = []
    for _ in range(n):
        lines = []
        family, share = rng.choice([entries, yaml, LIST_LINES]), rng.choice([0.8, 0.9, 0.95, 1])
        for _ in range(rng.randint(0, 40)):
            line = rng.choice(family if rng.random() < share else LIST_LINES)
            if rng.random() < 0.15:
                line += rng.choice(LIST_PIECES)
            lines.append(line)
        out.append("\n".join(lines) + rng.choice(["", "\n", "\r\n"]))
    return out


def test_entries_in_one_search_equal_the_loop() -> None:
    from _gen import random_texts

    from cleantext.pagemodel import _entries

    texts = random_texts(LIST_PIECES, 1000, 47, (0, 120)) + _list_texts(3000, 48)
    # Lists long enough to be read to the 1,000th line, and nearly lists.
    texts += [
        "赌博\n" * 995 + "The committee met again on Tuesday.\n" * k for k in (5, 99, 100, 101)
    ]
    texts += ["\n".join(["x"] * 10 + ["a b c d e"] * k) + "\n" for k in (1, 2, 3)]
    for text in texts:
        ix = LineIndex(text)
        want = _entries_loop(text)
        assert _entries(text, ix, ix.nonblank.count(1)) == want, text


def test_data_shape_bound_rules_out_only_what_the_walk_would() -> None:
    from _gen import random_texts

    from cleantext.pagemodel import _data_shaped, _yaml_lines

    texts = random_texts(LIST_PIECES, 1000, 53, (0, 160)) + _list_texts(3000, 54)
    texts += ["key: v\n  more\n" * 4 + "The committee met again.\n" * k for k in range(0, 12)]
    texts += ["key: v\n" * 150 + "The committee met again.\n" * k for k in (40, 41, 60, 61, 99)]
    for text in texts:
        if text.lstrip()[:1] in ("[", "{"):
            continue  # (the JSON test comes first, and does not use the bound)
        got = _data_shaped(text, LineIndex(text))
        want = _yaml_lines([x for x in bare_lines(text) if x.strip()][:200])
        assert (got.detail.split()[0] if got else None) == (str(want) if want else None), text
