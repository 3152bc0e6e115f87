"""The opt-in boilerplate step: breadcrumbs, hit counters, share/print/close rows."""

from __future__ import annotations

import pytest

from cleantext import Config, clean
from cleantext.steps import Context
from cleantext.steps.boilerplate import remove_boilerplate


def run(text: str, **options: object) -> tuple[str, list]:
    return remove_boilerplate(text, Context(config=Config(**options)))  # type: ignore[arg-type]


def test_not_in_the_default_chain() -> None:
    assert "boilerplate" not in Config().active_steps()
    assert "boilerplate" in Config(enable=("boilerplate",)).active_steps()


def test_seed_breadcrumbs_and_counters(seed_text: str) -> None:
    lines = seed_text.split("\n")
    out, findings = run("\n".join(lines))
    got = out.split("\n")
    # Line 5 (breadcrumb) and the blank line 6 after it are gone.
    assert got[:4] == lines[:4]
    assert got[4] == lines[6]  # the title
    assert got[6] == "來源:高新院 achie.org 日期:2023-03-01"
    assert [(f.code, f.line, f.end_line) for f in findings] == [
        ("breadcrumb", 5, 6),
        ("hit-counter", 9, None),
        ("breadcrumb", 45, 46),
        ("hit-counter", 49, None),
    ]
    assert findings[1].original == lines[8]
    assert findings[1].col == len("來源:高新院 achie.org 日期:2023-03-01") + 1
    assert run(out) == (out, [])


@pytest.mark.parametrize(
    "line",
    [
        "您的位置：首页 > 新闻中心 > 正文",
        "当前位置: 网站首页 » 通知公告",
        "首页 > 新闻 > 国内",
        "Home » News » China",
        "【打印】【关闭】",
        "[打印本页] [关闭窗口] [返回顶部]",
        "分享到：微信 微博 QQ空间",
        "字号：大 中 小 | 打印 | 关闭",
        "浏览次数：1,234",
        "点击：36次",
    ],
)
def test_whole_lines_go(line: str) -> None:
    # One line is too little evidence of a scraped page: the page is forced.
    text = "标题\n" + line + "\n正文第一段。\n"
    out, findings = run(text, page="scraped")
    assert out == "标题\n正文第一段。\n"
    assert findings[0].removes_lines and findings[0].line == 2
    # In an authored document (forced here) the line is reported, not removed.
    out, findings = run(text, page="authored")
    assert out == text
    assert findings and not any(f.fixed for f in findings)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源：新华社 点击：36次", "来源：新华社"),
        ("作者：张三 | 浏览量 120 | 2023-03-05", "作者：张三 | 2023-03-05"),
        ("发布时间：2023-03-05　阅读：", "发布时间：2023-03-05"),
    ],
)
def test_counter_fields_are_cut_from_the_line(line: str, expected: str) -> None:
    out, [f] = run(line + "\n", page="scraped")
    assert out == expected + "\n"
    assert (f.code, f.removes_lines, f.replacement) == ("hit-counter", False, expected)


@pytest.mark.parametrize(
    "text",
    [
        "他喜欢阅读，也喜欢打印照片。\n",
        "阅读 全文\n",
        "点击这里下载文件。\n",
        "价格 > 100 元的商品 > 50 件\n",
        "关闭工厂的决定引起争议\n",
        "分享经济的发展前景广阔，微信和微博都在其中。\n",
        "关键词：经济 改革 开放\n",
        "来源：新华社 2023-03-05\n",
    ],
)
def test_prose_and_headers_stay(text: str) -> None:
    assert run(text) == (text, [])


def test_clean_with_enable() -> None:
    r = clean("首页 > 新闻\n\n正文。\n", enable=("boilerplate",), only=())
    assert r.text == "正文。\n"


# --- the page model is asked only when a line is boilerplate -----------------------

BODY = "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。\n"


def _in_pipeline(text: str) -> tuple[str, list, Context]:
    ctx = Context(config=Config())
    ctx.page_text = text  # as the pipeline does: decided when first asked
    out, findings = remove_boilerplate(text, ctx)
    return out, findings, ctx


@pytest.mark.parametrize(
    "line",
    [
        "他在访问期间参观了工厂",  # the quick words in prose
        "打印机的位置在左边",  # two quick words, no label, no separator
        "点击这里查看详情",  # a counter word without a number
        "share the load",
        "views of the city",
    ],
)
def test_near_misses_leave_the_page_undecided(line: str) -> None:
    text = BODY + line + "\n" + BODY
    out, findings, ctx = _in_pipeline(text)
    assert (out, findings) == (text, [])
    assert ctx.page is None


@pytest.mark.parametrize(
    "line",
    ["当前位置：首页 > 新闻", "【打印】【关闭】", "浏览次数：123", "来源：新华社 点击：36次"],
)
def test_boilerplate_asks_for_the_page(line: str) -> None:
    _out, findings, ctx = _in_pipeline(BODY + line + "\n" + BODY)
    assert findings
    assert ctx.page is not None


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize("last", ["", "【打印】【关闭】", "【打印】【关闭】\r"])
def test_line_ends_are_taken_off_as_split_lines_does(end: str, last: str) -> None:
    lines = ["当前位置：首页 > 新闻", "", "标题", "来源：新华社 点击：36次", "正文。"]
    text = end.join(lines) + end + last
    out, findings = run(text)
    codes = [f.code for f in findings]
    assert codes[:2] == ["breadcrumb", "hit-counter"]
    assert ("share-row" in codes) is bool(last)  # a stray '\r' is stripped with the rest
    assert out.startswith("标题" + end + "来源：新华社" + end)
