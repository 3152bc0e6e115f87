"""The dedupe step: repeated copies go, the first copy and legitimate repeats stay."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Config, clean
from cleantext.steps import Context
from cleantext.steps.dedupe import near_duplicate, remove_duplicates
from cleantext.steps.spam import remove_spam

P = [
    "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。",
    "报告提出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。",
    "他说，城镇新增就业一千二百万人左右，城镇调查失业率百分之五点五左右，居民收入稳步增长。",
    "报告还说，要着力扩大国内需求，把恢复和扩大消费摆在优先位置，多渠道增加城乡居民收入。",
    "与会代表认为，报告实事求是，目标明确，措施有力，是一个凝心聚力、催人奋进的好报告。",
]


def run(text: str, **options: object) -> tuple[str, list]:
    return remove_duplicates(text, Context(config=Config(**options)))  # type: ignore[arg-type]


def fixed(findings: list) -> list:
    return [f for f in findings if f.fixed]


# --- the seed page -------------------------------------------------------------


def test_seed_raw_keeps_lines_1_to_41(seed_lines: list[str]) -> None:
    lines = seed_lines
    out, findings = run("\n".join(lines))
    assert out == "\n".join(lines[:41]) + "\n"
    [f] = findings
    assert (f.line, f.end_line, f.removes_lines, f.fixed) == (42, 81, True, True)
    assert f.original == "\n".join(lines[41:])
    assert f.data["source"] == [5, 41]
    # The breadcrumb without its prefix and the reordered date line; the
    # title (line 47) repeats line 7 exactly.
    assert (f.data["exact"], f.data["near"]) == (17, 2)
    assert f.score is not None and 0 < f.score < 1
    assert "5-41" in f.message


def test_seed_after_spam_keeps_breadcrumb_to_line_41(seed_lines: list[str]) -> None:
    lines = seed_lines
    text, _ = remove_spam("\n".join(lines), Context())
    out, findings = run(text)
    assert out == "\n".join(lines[4:41]) + "\n"
    assert (findings[0].line, findings[0].end_line) == (38, 77)


def test_seed_through_clean_reports_original_lines(
    seed_bytes: bytes, seed_lines: list[str]
) -> None:
    r = clean(seed_bytes, only=("spam", "dedupe"))
    assert [(f.step, f.line, f.end_line) for f in r.fixes] == [("spam", 1, 4), ("dedupe", 42, 81)]
    assert r.text == "\n".join(seed_lines[4:41]) + "\n"


def test_seed_idempotent(seed_text: str) -> None:
    out, _ = run(seed_text)
    assert run(out) == (out, [])


# --- small cases ---------------------------------------------------------------


def test_whole_article_twice_with_varied_header() -> None:
    first = ["首页 > 新闻 > 国内", "", "政府工作报告发布", "来源：新华社 2023-03-05", "", *P[:3]]
    second = ["新闻 > 国内", "", "政府工作报告发布", "2023-03-05 来源：新华社", "", *P[:3]]
    text = "\n".join(first + ["", ""] + second) + "\n"
    out, findings = run(text)
    assert out == "\n".join(first) + "\n"
    assert findings[0].data["near"] == 2


def test_three_copies_keep_the_first() -> None:
    art = "\n\n".join(P[:3])
    out, findings = run("\n\n".join([art, art, art]) + "\n")
    assert out == art + "\n"
    # The two later copies touch, so they go as one block.
    [f] = fixed(findings)
    assert (f.line, f.end_line, f.data["source"]) == (6, 17, [1, 5])


def test_paragraph_run_repeated_in_the_middle() -> None:
    doc = [P[0], "", P[1], "", P[2], "", P[1], "", P[2], "", P[3], "", P[4]]
    out, findings = run("\n".join(doc) + "\n")
    assert out == "\n".join([P[0], "", P[1], "", P[2], "", P[3], "", P[4]]) + "\n"
    [f] = findings
    assert (f.line, f.end_line) == (6, 9)


def test_headings_inside_the_repeated_run_go_too() -> None:
    part = ["一、总体要求", P[0], P[1], "二、主要任务", P[2], P[3]]
    out, _ = run("\n".join(part + part) + "\n")
    assert out == "\n".join(part) + "\n"


def test_crlf_and_no_final_newline() -> None:
    text = "\r\n".join([P[0], P[1], P[0], P[1]])
    out, _ = run(text)
    assert out == P[0] + "\r\n" + P[1] + "\r\n"


def test_single_repeated_paragraph_is_reported_not_removed() -> None:
    text = "\n".join([P[0], P[1], P[2], P[0], P[3]]) + "\n"
    out, findings = run(text)
    assert out == text
    [f] = findings
    assert (f.fixed, f.code, f.line) == (False, "duplicate-line", 4)
    # The message says nothing was removed (it read "a single line is kept").
    assert f.message == "line repeats line 1; kept: a line repeated alone is never removed"


# --- hard negatives ------------------------------------------------------------

HARD_NEGATIVES = {
    "repeated-end-marks": "新华社电 第一条消息的内容很短。\n（完）\n\n新华社电 第二条消息。\n（完）\n\n第三条。\n（完）\n",
    "list-items": "购物清单：\n- 苹果\n- 香蕉\n\n第二周：\n- 苹果\n- 香蕉\n",
    "numbered-list": "1. 是\n2. 否\n3. 不确定\n\n再问一次：\n1. 是\n2. 否\n3. 不确定\n",
    "table-rows": (
        "| 地区 | 增长率 | 备注说明 |\n|---|---|---|\n| 北京市 | 百分之五点二 | 与去年同期相比有所增长 |\n"
        "| 上海市 | 百分之五点二 | 与去年同期相比有所增长 |\n| 北京市 | 百分之五点二 | 与去年同期相比有所增长 |\n"
        "| 上海市 | 百分之五点二 | 与去年同期相比有所增长 |\n"
    ),
    "refrain": (
        "第一段歌词在这里唱\n心里想着远方\n\n我们一起走过春天\n我们一起走过夏天\n我们一起走向远方\n\n"
        "第二段歌词又开始\n眼里望着故乡\n\n我们一起走过春天\n我们一起走过夏天\n我们一起走向远方\n"
    ),
    "fenced-code": (
        "示例一：\n\n```python\n"
        + f"print('{P[0]}')\nprint('{P[1]}')\n"
        + "```\n\n示例二：\n\n```python\n"
        + f"print('{P[0]}')\nprint('{P[1]}')\n"
        + "```\n"
    ),
    "tilde-fence": "~~~\n" + P[0] + "\n" + P[1] + "\n~~~\n\n~~~\n" + P[0] + "\n" + P[1] + "\n~~~\n",
    "blank-and-nbsp-lines": "第一段。\n\xa0\n\n\u3000\n第二段。\n\xa0\n",
}


def test_hard_negatives_untouched() -> None:
    for name, text in HARD_NEGATIVES.items():
        out, findings = run(text)
        assert out == text, name
        assert not fixed(findings), name


def test_near_duplicate() -> None:
    assert near_duplicate("當前位置:主頁>新聞中心>高新區新聞>", "主頁>新聞中心>高新區新聞>")
    assert near_duplicate(
        "來源:高新院achie.org日期:2023-03-01點擊:", "2023-03-01來源:高新院achie.org點擊:"
    )
    assert not near_duplicate("第一章", "第二章")
    assert not near_duplicate("责任编辑：张三", "图片来源：视觉中国")


def test_near_duplicate_counts_bigrams_after_case_folding() -> None:
    # Three characters can fold to more bigrams than a short line has
    # ("ﬃ" folds to "ffi"): the length of a line before folding says nothing.
    assert near_duplicate("ﬃﬃﬃ", "ffiffiffix")


# --- properties ----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(P))), min_size=1, max_size=14),
    st.sampled_from(["\n", "\n\n", "\n\xa0\n"]),
)
def test_every_paragraph_survives_once_and_idempotent(order: list[int], sep: str) -> None:
    text = sep.join(P[i] for i in order) + "\n"
    out, findings = run(text)
    # Nothing is lost: every distinct paragraph is still there, first copy first.
    kept = [line for line in out.split("\n") if line.strip()]
    for i in set(order):
        assert P[i] in kept
    firsts = sorted(set(order), key=order.index)
    assert [P.index(x) for x in dict.fromkeys(kept)] == firsts
    # Output lines are input lines, in order.
    assert "".join(f.original for f in fixed(findings)) == "" or len(out) < len(text)
    again, findings2 = run(out)
    assert again == out
    assert not fixed(findings2)


def test_many_identical_short_lines_are_kept() -> None:
    # Its time per MB is the identical-short-lines case of bench/bench_adversarial.py.
    text = "（完）\n" * 200_000
    out, findings = run(text)
    assert out == text and findings == []


def test_code_and_data_files_are_left_alone() -> None:
    text = "\n".join(P[:3] + P[:3]) + "\n"
    assert remove_duplicates(text, Context(config=Config(filename="gen.py"))) == (text, [])
    assert run(text)[0] == "\n".join(P[:3]) + "\n"


def test_long_numbered_paragraphs_repeated_go() -> None:
    # "1、" numbers paragraphs of prose (not a Markdown list item).
    items = [f"{i}、{p}" for i, p in enumerate(P[:3], 1)]
    text = "\n".join(["清单：", *items, "", "再说一遍：", *items]) + "\n"
    out, _ = run(text)
    assert out == "\n".join(["清单：", *items, "", "再说一遍："]) + "\n"


def test_markdown_list_items_are_structure_and_stay() -> None:
    # Issue 9: list items are never removed, in any document.
    items = [f"{i}. {p}" for i, p in enumerate(P[:3], 1)]
    text = "\n".join(["清单：", *items, "", "再说一遍：", *items]) + "\n"
    out, findings = run(text)
    assert out == text
    assert not [f for f in findings if f.fixed]


def test_markdown_with_indented_blocks_keeps_its_repeats() -> None:
    # A Markdown document piped in without its name, whose tables are
    # indented blocks (rime-data-combo-pinyin's layouts.md: keyboard layouts
    # drawn in text, the same note under several): headings and indented
    # blocks are Markdown, and the repeats are the document's own (it lost
    # 7 of them before)
    note = (
        "標「*」的按鍵是基準鍵位，可以幫助手指找到其他按鍵的位置。\n"
        "本文和配置文件裏，用定位鍵的名字來稱呼每一種鍵盤佈局。\n"
    )
    rule = "    ------------------------------\n"
    table = (
        rule
        + "    指法  左4 左3 左2 右2 右3 右4\n"
        + rule
        + "    上排    c   l   d   u  -i   o\n"
        + "    中排    s   h   g*  er  -n  e\n"
        + rule
    )
    parts = ["# 鍵盤佈局\n"]
    for name in ("七指", "八指", "十指"):
        parts += [f"\n## {name}\n\n{name}佈局的說明。\n\n", table, "\n", note]
        parts.append("\n### 組合鍵\n\n    b+f = m, d+l = n\n    z+f = zh, c+l = ch\n")
    text = "".join(parts)
    assert clean(text).text == text
    # the same lines without the headings are no Markdown: indented text
    # alone (a page's text can be indented) is no evidence
    bare = text.replace("## ", "").replace("### ", "").replace("# ", "")
    assert clean(bare).text != bare


def test_whole_text_of_short_lines_repeated() -> None:
    # A review of short lines saved twice: no line is a paragraph, but the
    # whole text repeats, so the second copy goes.
    doc = [
        "年幼的我并不懂事",
        "他脸上有着瞧不起我的表情 可我却很平静",
        "他无需等待 很快我会让他知道",
    ]
    out, findings = run("\n".join(doc + [""] + doc) + "\n")
    assert out == "\n".join(doc) + "\n"
    assert fixed(findings)[0].data["source"] == [1, 3]


def test_short_run_repeated_inside_a_poem_is_reported() -> None:
    # The couplet repeats right after itself, but its neighbours are verse
    # lines: a stanza sung twice. Reported, kept.
    poem = ["莫道新程刚起步", "喜看大海又扬帆"]
    text = (
        "\n".join([P[0], "", "新春寄语", *poem, *poem, "清心执政符民意", "铁面倡廉正党风"]) + "\n"
    )
    out, findings = run(text)
    assert out == text
    [f] = findings
    assert (f.fixed, f.code, f.line, f.end_line, f.data["source"]) == (
        False,
        "duplicate-run",
        6,
        7,
        [4, 5],
    )


# --- rule 3b: short runs that are not refrains -------------------------------

CAPTION = ["江苏淮安新华书店新开设周恩来图书专柜（图片）", "（谭长谷摄）"]


def test_caption_and_credit_repeated_are_reported_not_removed_even_when_scraped() -> None:
    # Issue 9 point 3: only a whole second copy, and on a scraped page runs of
    # long prose paragraphs, go. A caption and its credit saved twice (right
    # after itself, or again at the end) is reported, on any page.
    for doc, src in (
        ([P[0], *CAPTION, *CAPTION, P[1]], [2, 3]),
        ([P[0], "", *CAPTION, "", P[1], "", *CAPTION], [3, 4]),
    ):
        text = "\n".join(doc) + "\n"
        for page in ("authored", "scraped"):
            out, findings = run(text, page=page)
            assert out == text and not fixed(findings), page
            [f] = [f for f in findings if f.code == "duplicate-run"]
            assert f.data["source"] == src, page


def test_short_sentences_repeated_are_reported_not_removed() -> None:
    # Review sentences shorter than a paragraph (PARAGRAPH_CHARS), saved
    # twice: reported, kept, also on a scraped page.
    review = ["我买的那台，键盘的右上边整体明显突出。", "正面印花不是很好看。"]
    text = "\n".join(["读盘时，声音响。", *review, *review, "CPU比较慢"]) + "\n"
    for page in ("authored", "scraped"):
        out, findings = run(text, page=page)
        assert out == text and not fixed(findings), page
        [f] = [f for f in findings if f.code == "duplicate-run"]
        assert (f.line, f.end_line, f.data["source"]) == (4, 5, [2, 3]), page


#: A chorus after a verse, sung again after the second verse: each of its
#: lines occurs twice, and the copy does not follow its source.
CHORUS = ["百般话语瞬间浮现", "情感线能否再通电"]
SONG = (
    "\n".join(
        [
            "约了我的却未见",
            "有人连手机都偷看几遍",
            *CHORUS,
            "",
            "白日梦醒先发现",
            "前面有张我最熟的脸",
            *CHORUS,
        ]
    )
    + "\n"
)


def test_short_run_with_a_verse_neighbour_is_kept() -> None:
    # The first copy's neighbours are verse lines, so nothing says the chorus
    # is not a refrain: kept, on a scraped page too.
    for page in ("auto", "scraped"):
        out, findings = run(SONG, page=page)
        assert out == SONG and not fixed(findings), page


def test_refrain_three_times_between_paragraphs_is_kept() -> None:
    # Each copy stands between paragraphs, but a run that recurs is a refrain.
    refrain = ["我们一起走过春天", "我们一起走向远方"]
    text = "\n".join([P[0], *refrain, P[1], *refrain, P[2], *refrain, P[3]]) + "\n"
    out, findings = run(text)
    assert out == text and not fixed(findings)
    # Not even reported: a refrain is the song, not a copy.
    assert not [f for f in findings if f.code == "duplicate-run"]


def test_short_run_saved_again_further_down_is_reported() -> None:
    # Issue 9 point 3: what is not a whole copy nor a run of long paragraphs
    # on a scraped page is reported. A chorus sung again after another verse
    # (each of its lines twice in the text) is kept and reported, though the
    # copy does not follow its source.
    out, findings = run(SONG)
    assert out == SONG
    [f] = findings
    assert (f.fixed, f.code, f.line, f.end_line, f.data["source"]) == (
        False,
        "duplicate-run",
        8,
        9,
        [3, 4],
    )
    assert "right after" not in f.message
    # A caption and its credit saved again at the end of a text: reported.
    text = "\n".join([P[0], "", *CAPTION, "", P[1], "", *CAPTION]) + "\n"
    out, findings = run(text)
    assert out == text
    [f] = findings
    assert (f.fixed, f.line, f.end_line, f.data["source"]) == (False, 8, 9, [3, 4])


def test_list_or_table_between_paragraphs_is_kept() -> None:
    items = ["- 苹果", "- 香蕉"]
    rows = ["| 北京 | 5 |", "| 上海 | 6 |"]
    for run_ in (items, rows):
        text = "\n".join([P[0], *run_, P[1], *run_, P[2]]) + "\n"
        out, findings = run(text)
        assert out == text and not fixed(findings)


def test_short_run_next_to_a_short_line_is_kept() -> None:
    # A heading next to the first copy: the run may belong to a block of short lines.
    text = "\n".join([P[0], "第一章", *CAPTION, P[1], *CAPTION]) + "\n"
    out, findings = run(text)
    assert out == text and not fixed(findings)


# --- a whole second copy takes its structure with it ---------------------------

ITEMS = [f"{i}. {p}" for i, p in enumerate(P[:3], 1)]


def test_list_inside_a_whole_repeated_article_goes_with_the_copy() -> None:
    # A scraped page saved twice: the copy's list items are verified as part
    # of a whole second copy, so the copy goes as one unit; the list
    # survives in the first copy.
    article = ["城镇建设的几个特点", *ITEMS, P[3], P[4]]
    text = "\n".join([*article, "", *article]) + "\n"
    out, findings = run(text, page="scraped")
    assert out == "\n".join(article) + "\n"
    [f] = fixed(findings)
    assert (f.line, f.end_line, f.data["source"]) == (7, 13, [1, 6])
    assert run(out, page="scraped") == (out, [])
    # Undecided, the whole text twice outweighs its list shape: a scraped page.
    assert run(text)[0] == out


def test_list_inside_a_whole_copy_under_a_new_header_goes() -> None:
    first = [
        "首页 > 新闻 > 国内",
        "",
        "城镇建设的几个特点",
        "来源：新华社 2023-03-05",
        "",
        *ITEMS,
        P[3],
    ]
    second = ["新闻 > 国内", "", "城镇建设的几个特点", "2023-03-05 来源：新华社", "", *ITEMS, P[3]]
    text = "\n".join([*first, "", *second]) + "\n"
    out, findings = run(text, page="scraped")
    assert out == "\n".join(first) + "\n"
    [f] = fixed(findings)
    assert (f.data["exact"], f.data["near"]) == (5, 2)


def test_three_whole_copies_with_a_list_keep_the_first() -> None:
    article = [P[3], *ITEMS, P[4]]
    text = "\n\n".join(["\n".join(article)] * 3) + "\n"
    out, _ = run(text, page="scraped")
    assert out == "\n".join(article) + "\n"


def test_the_same_list_repeated_alone_stays_in_a_scraped_page() -> None:
    # Only the list repeats (not the whole article): structure stays.
    text = "\n".join([P[3], *ITEMS, P[4], "", "再说一遍：", *ITEMS, P[0]]) + "\n"
    out, findings = run(text, page="scraped")
    assert out == text and not fixed(findings)
    # The list and a paragraph repeated in the middle of the text: not the
    # whole article, so the list stays and the lone paragraph is reported.
    text = "\n".join([P[0], *ITEMS, P[3], P[1], *ITEMS, P[3]]) + "\n"
    out, findings = run(text, page="scraped")
    assert out == text and not fixed(findings)


def test_whole_copy_of_list_items_only_is_not_verified() -> None:
    # No prose outside the list: the list stays even when the text repeats.
    text = "\n".join([*ITEMS, "", *ITEMS]) + "\n"
    out, findings = run(text, page="scraped")
    assert out == text and not fixed(findings)


def test_whole_repeated_article_with_a_list_in_an_authored_document() -> None:
    # Markdown with a heading and a list, saved twice: an authored document,
    # so the repeat is reported and nothing is removed.
    article = ["# 城镇建设", "", *ITEMS, "", P[3], "", "[更多](https://example.org/a)"]
    text = "\n".join([*article, "", *article]) + "\n"
    out, findings = run(text, filename="notes.md")
    assert out == text
    assert findings and not fixed(findings)
    assert all(f.code.endswith("-kept") for f in findings)


def test_a_text_of_list_items_twice_is_reported() -> None:
    # A numbered article and its byline saved twice, nothing else: the long
    # lines are all list items, so the copy is not removed (structure goes
    # only with a copy that has prose of its own), but the repeat is said.
    doc = [*ITEMS, "起造者： 谢英俊 建筑师"]
    text = "\n".join([*doc, "", *doc]) + "\n"
    for page in (None, "scraped"):
        out, findings = run(text, page=page)
        assert out == text
        [f] = findings
        assert (f.fixed, f.code, f.line, f.end_line, f.data["source"]) == (
            False,
            "duplicate-structure",
            6,
            9,
            [1, 4],
        )
    # Once, with prose around it, the list is not a whole text repeated.
    text = "\n".join([P[3], *doc, P[4], *doc]) + "\n"
    assert not [f for f in run(text)[1] if f.code == "duplicate-structure"]


# --- the header walk's loose comparison, the same answers for less -------------


def _old_near(a: str, b: str) -> bool:
    """``_near`` as it was before the sizes' test: sets for every pair."""
    from cleantext.steps.dedupe import BOUNDARY_MAX_CHARS, _bigrams

    if a == b:
        return True
    if max(len(a), len(b)) > BOUNDARY_MAX_CHARS:
        return False
    x, y = _bigrams(a), _bigrams(b)
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    if len(small) < 3 or len(small) < 0.5 * len(big):
        return False
    return len(small & big) >= 0.8 * len(small)


def _old_near_header(a: str, heads: list[str]) -> bool:
    return any(
        _old_near(a, h)
        or (len(a) >= 4 and a in h)
        or (len(h) >= 2 and h in a and len(a) <= len(h) + 12)
        for h in heads
    )


def _near_lines(rng: random.Random, n: int) -> list[str]:
    """Short lines from a few characters (many share bigrams), some folding
    to more characters ("ß", "ﬃ"), some past BOUNDARY_MAX_CHARS."""
    from cleantext.steps.dedupe import BOUNDARY_MAX_CHARS

    alphabet = "abcdeAB新聞中心ßﬃ >:-"
    out = []
    for _ in range(n):
        k = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 14, 20])
        s = "".join(rng.choice(alphabet) for _ in range(k))
        if rng.random() < 0.03:
            s = (s + "x" * BOUNDARY_MAX_CHARS)[: BOUNDARY_MAX_CHARS + rng.choice([0, 1])]
        out.append(s)
    return out


def test_near_header_is_the_old_any_of_near_and_substrings() -> None:
    from cleantext.steps.dedupe import _bigrams, _near, _near_header

    rng = random.Random(13)
    pool = _near_lines(rng, 400)
    # Lines a character away from one another (the almost caught ones).
    for s in list(pool[:150]):
        i = rng.randrange(len(s) + 1)
        pool.append(s[:i] + rng.choice("abc新ß") + s[i + 1 :])
        pool.append(s + s[: rng.randrange(len(s) + 1)])
    sizes: dict[str, int] = {}
    memo: dict[str, set[str]] = {}
    seen = Counter()
    for _ in range(3000):
        heads = rng.sample(pool, rng.randrange(0, 12))
        a = rng.choice(pool) if rng.random() < 0.9 else rng.choice(heads or pool)
        if rng.random() < 0.2:
            memo.clear()  # the step clears its sets now and then; the sizes stay
        want = _old_near_header(a, heads)
        assert _near_header(a, heads, memo, sizes, []) is want, (a, heads)
        # _near with the sizes kept gives the old answer too.
        for h in heads[:3]:
            assert _near(a, h, memo, sizes) is _old_near(a, h), (a, h)
        # Which edges of the sizes' test were met (checked below).
        if 3 <= len(a) <= 200 and not any(a in h or h in a for h in heads):
            na = len(_bigrams(a))
            for h in heads:
                if len(h) <= 200:
                    nh = len(_bigrams(h))
                    if na >= 3 and nh in (2 * na, 2 * na + 1, -(-na // 2), -(-na // 2) - 1):
                        seen[("edge", nh in (2 * na, -(-na // 2)), _old_near(a, h))] += 1
        seen[want] += 1
    # Both answers often, and pairs right at the sizes' bounds (in and just
    # out), some of them near duplicates.
    assert seen[True] > 200 and seen[False] > 1000, seen
    assert seen[("edge", True, True)] and seen[("edge", True, False)], seen
    assert seen[("edge", False, False)], seen


def test_near_header_sizes_bounds_by_hand() -> None:
    from cleantext.steps.dedupe import _near_header

    # "ßab" folds to "ssab": three bigrams (ss, sa, ab), none of them a
    # substring test. Six bigrams in the head: half, the bound, kept; seven:
    # out, though every bigram of the line is in it.
    for heads, want in (
        (["xssabyz"], True),
        (["xssabyzw"], False),
        (["ssabz", "xssabyzw"], True),
    ):
        assert _near_header("ßab", heads, {}, {}, []) is want, heads
        assert _old_near_header("ßab", heads) is want, heads
    # And the other way: a head of three bigrams, a line of six or seven.
    assert _near_header("xssabyz", ["ßab"], {}, {}, []) is True
    assert _near_header("xssabyzw", ["ßab"], {}, {}, []) is False
    assert _old_near_header("xssabyzw", ["ßab"]) is False


# --- a text of structure repeated: the first lines' hashes first -------------


def test_structure_copy_is_its_definition() -> None:
    """_structure_copy compares the hashes of the copies' first lines before
    it makes the content lines' hashes: the same report as the definition
    (a text that is its first part two or three times, keys compared, with
    structure in the copies and enough characters), on random texts of list
    items, prose and blank lines repeated, and near misses: a copy whose
    first or last line differs, lines that differ only in whitespace (the
    same key)."""
    from array import array
    from itertools import compress

    from cleantext.pagemodel import ContentKeys, LineIndex, structure_lines
    from cleantext.steps.dedupe import WHOLE_MIN_CHARS, _structure_copy

    pool = [
        "1. 第一项内容比较长的一段文字说明",
        "1.  第一项内容比较长的一段文字说明",
        "- 项目二",
        "# 标题",
        P[0],
        "短行",
        "",
        " ",
    ]
    rng = random.Random(13)
    for _ in range(400):
        part = [rng.choice(pool) for _ in range(rng.randint(1, 6))]
        copies = [list(part) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.4:  # a near miss: one line of one copy changed
            copy = rng.choice(copies)
            copy[rng.choice([0, -1, rng.randrange(len(copy))])] = rng.choice(pool)
        text = "\n".join(line for copy in copies for line in copy) + "\n"
        ix = LineIndex(text)
        pos = array("q", compress(range(len(ix)), ix.nonblank))
        protected = structure_lines(text)
        got = _structure_copy(ix.lines, pos, ContentKeys(ix, pos), protected, Context(), ix)
        m_, want = len(pos), []
        for c in (2, 3):
            n = m_ // c
            if n < 2 or m_ % c:
                continue
            if (
                all(ix.key(pos[i * n + t]) == ix.key(pos[t]) for i in range(c) for t in range(n))
                and any(pos[q] in protected for q in range(n, m_))
                and (c - 1) * sum(len(ix.key(pos[t])) for t in range(n)) >= WHOLE_MIN_CHARS
            ):
                want = [(pos[n] + 1, pos[m_ - 1] + 1)]
                break
        assert [(f.line, f.end_line) for f in got] == want, text


def test_content_positions_are_the_bisections() -> None:
    """content_positions, counted on from line to line (few lines) or read
    from the counts before every line (many): each line's index among the
    non-blank lines, as bisect_left of their positions finds it (the
    reference), on random texts' blank and non-blank lines, with the first
    and last lines among those asked, or none."""
    from bisect import bisect_left

    from cleantext.pagemodel import content_positions

    rng = random.Random(5)
    for _ in range(300):
        n = rng.randint(0, 300)
        nonblank = bytearray(rng.random() < rng.random() for _ in range(n))
        pos = [i for i in range(n) if nonblank[i]]
        share = rng.choice([0.0, 0.01, 0.05, 0.5, 1.0])
        lines = [i for i in pos if rng.random() < share or i in (pos[0], pos[-1])]
        want = [bisect_left(pos, i) for i in lines]
        assert content_positions(nonblank, lines) == want


def test_bigrams_as_ints_count_as_the_pairs_of_characters() -> None:
    """_bigrams makes each pair of characters one int: the same sizes, and
    the same sizes of intersections, as the sets of two-character strings
    (the reference), on random lines of odd and even length, empty ones,
    lines that fold longer ("ﬃ"), text past the BMP and lone surrogates."""
    from _gen import random_texts

    from cleantext.steps.dedupe import _LOOSE_DROP, _bigrams

    def pairs(s: str) -> set[str]:
        s = _LOOSE_DROP.sub("", s.casefold())
        return {s[i : i + 2] for i in range(len(s) - 1)}

    alphabet = [*"中文ab，A ", "ﬃ", "𠀀", "\ud800", "\udfff", "ß", "İ", "1", "_"]
    lines = ["", "a", "ab", "abc", "中", *random_texts(alphabet, 400, 17, (0, 12))]
    for a, b in zip(lines, lines[1:] + lines[:1]):
        x, y = _bigrams(a), _bigrams(b)
        assert (len(x), len(y), len(x & y)) == (
            len(pairs(a)),
            len(pairs(b)),
            len(pairs(a) & pairs(b)),
        )
    assert len(_bigrams("ﬃﬃﬃ")) == len(pairs("ffiffiffi")) == 3


def test_table_row_is_the_pattern() -> None:
    """_table_row answers lines without "|" or a tab without the pattern:
    the same as _TABLE.search (the reference) on random lines of bars,
    tabs, spaces, line ends and text."""
    from _gen import random_texts

    from cleantext.steps.dedupe import _TABLE, _table_row

    lines = random_texts(["|", "\t", " ", "\r", "\n", "a", "中", "\u3000"], 3000, 23, (0, 10))
    assert sum(map(_table_row, lines)) > 500
    for line in lines:
        assert _table_row(line) == (_TABLE.search(line) is not None), repr(line)
