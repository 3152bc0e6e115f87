"""A numbered code listing in a scraped page is no authored code or list.

Spam-headed farms copy 51CTO's tech articles (the search tool's pages
corpus holds several: a Simplified line of porn keywords over a Traditional
article, a category line, an image placeholder ``[[410500]]``). The site's
code viewer numbers each line of code in an ``<ol>``, so the page's text
gives ``  1. const s = TCP(); `` and ``  2.  `` for a blank line of code.
Those lines were counted as code and as list items, the article was taken
for an authored document, and the spam line (score 1.00) was only
reported. The article below was written for this test in that shape.
"""

from __future__ import annotations

import pytest

from cleantext import Config, clean
from cleantext.pagemodel import (
    AUTHORED,
    SCRAPED,
    LineIndex,
    _code_shaped,
    _code_shaped_index,
    _listing_lines,
    bare_lines,
    decide,
)

SPAM = (
    "精品欧美一区二区三区在线观看_久久久久国色av免费观看_国产精品久久在线观看_"
    "亚洲第一综合网站_美女精品久久久_欧美日韩国产成人在线"
)

LISTING = [
    "  1. const server = new Server('127.0.0.1', 8080); ",
    "  2.  ",
    "  3. server.bind(); ",
    "  4. server.listen(); ",
    "  5.  ",
    "  6. for (let i = 0; i < 4; i++) { ",
    "  7.     // 子進程處理連接,主進程繼續創建 ",
    "  8.     if (fork() === 0) { ",
    "  9.         server.accept(); ",
    "  10.     } ",
    "  11. } ",
    "  12.  ",
    "  13. wait(); ",
]

ARTICLE = [
    "用多個進程共享一個端口",
    "",
    "開發 前端",
    "本文介紹如何讓多個子進程共享同一個監聽端口,以及這樣做的好處和需要注意的地方。",
    "",
    "[[410500]]",
    "",
    "前言:上一篇實現了單進程的服務器,這一篇在它的基礎上支持多進程架構,設計上比較簡單,主要關注功能。",
    "",
    "首先看看怎麼使用。",
    "",
    *LISTING,
    "",
    "原理是主進程先創建一個套接字並綁定端口,然後通過fork讓多個子進程共享這個端口,最後主進程進入等待。",
]


def _page(*, spam: bool) -> str:
    return "\n".join(([SPAM, ""] if spam else []) + ARTICLE) + "\n"


def test_a_farm_page_with_a_numbered_listing_loses_its_spam_line() -> None:
    text = _page(spam=True)
    page = decide(text, Config())
    assert page.kind == SCRAPED, page.signals
    assert not page.has_authored("code") and not page.has_authored("lists")
    result = clean(text)
    assert result.text == _page(spam=False)
    fixed = [f for f in result.findings if f.fixed]
    assert [(f.step, f.line) for f in fixed] == [("spam", 1)]


def test_the_article_alone_is_left_as_it_is() -> None:
    text = _page(spam=False)
    assert clean(text).text == text


def test_listing_lines_are_found_and_an_authors_ordered_list_is_not_one() -> None:
    lines = bare_lines(_page(spam=False))
    first = lines.index(LISTING[0])
    found = _listing_lines(lines.__getitem__, [first], len(lines))
    assert found == set(range(first, first + len(LISTING)))
    steps = ["1. 安裝套件", "2. 建立設定檔", "3. 啟動服務", "4. 打開瀏覽器查看結果"]
    assert not _listing_lines(steps.__getitem__, [0], len(steps))
    # Numbers that do not go 1, 2, 3... one line after another are no listing.
    skipped = ["1. x = 1;", "3. y = 2;", "4. z = 3;"]
    assert not _listing_lines(skipped.__getitem__, [0], len(skipped))


@pytest.mark.parametrize(
    "text",
    [
        _page(spam=True),
        "\n".join(LISTING) + "\n",
        "\n".join(["  1. int a = 0;", "  2. int b = 1;", "  3. return a + b;", "x = 1;"] * 3),
        "1. a;\r\n2.\r\n3. b;\r\nc;\r\nd;\r\ne;\r\nf;\r\n",
    ],
)
def test_code_shape_with_and_without_an_index_agree(text: str) -> None:
    # is_code() reads the lines without an index; the decision with one.
    head = bare_lines(text)
    assert _code_shaped(head) == _code_shaped_index(text, LineIndex(text))


def test_source_code_with_a_numbered_comment_is_still_code() -> None:
    source = "\n".join(
        [
            "/* Steps:",
            " 1. open the socket;",
            " 2. bind it;",
            " 3. listen. */",
            "int main(void) {",
            "    int s = socket(AF_INET, SOCK_STREAM, 0);",
            "    bind(s, addr, len);",
            "    listen(s, 16);",
            "    return 0;",
            "}",
        ]
    )
    page = decide(source + "\n", Config())
    assert page.has_authored("code") and page.kind == AUTHORED
