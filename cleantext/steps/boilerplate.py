"""The ``boilerplate`` step (opt-in): breadcrumbs, hit counters, share rows.

Not in the default chain (``--enable boilerplate``): these lines are page
furniture, not damage, and some users keep them.

* **breadcrumbs**: ``當前位置:主頁 > 新聞中心 > ...`` (a location label), or
  a line of two or more short segments joined by ``>``, ``»``, ``›`` or
  ``→`` that starts at a home word (``首页``, ``Home``...);
* **hit counters**: ``點擊:``, ``浏览次数：123``, ``阅读量 5``... The field
  is cut out of the line; a line left empty goes whole;
* **share, print and close rows**: a line made only of link labels such as
  ``【打印】【关闭】``, ``分享到：微信 微博``, ``返回顶部``, ``加入收藏``.

Whole lines go with the blank lines that followed them (or preceded them
at the end of the text).

>>> from cleantext.steps import Context
>>> out, fs = remove_boilerplate("当前位置：首页 > 新闻\\n\\n标题\\n来源：新华社 点击：36次\\n【打印】【关闭】\\n", Context())
>>> out
'标题\\n来源：新华社\\n'
>>> [f.code for f in fs]
['breadcrumb', 'hit-counter', 'share-row']
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..markup import is_code_file
from ..pagemodel import is_breadcrumb, keep_authored, page_of, structure_of
from ..spamlex import trie_pattern
from ..textutil import strip_eol
from .base import Context

#: Lines longer than this are never boilerplate.
MAX_CHARS = 200

# Linear on any line: a run of blanks is entered only at its first character
# (the look-behind) and no two adjacent quantifiers take the same characters.
_COUNTER = re.compile(
    r"(?:^|(?<![ \t\u3000\xa0])[ \t\u3000\xa0]+(?:[|｜][ \t\u3000\xa0]*)?|[|｜][ \t\u3000\xa0]*)"
    r"(?:点击|點擊|点击数|點擊數|点击量|點擊量|浏览|瀏覽|浏览次数|瀏覽次數|浏览量|瀏覽量|"
    r"阅读|閱讀|阅读次数|閱讀次數|阅读量|閱讀量|人气|人氣|访问量|訪問量|views|hits)"
    r"\s*(?:[:：][ \t\u3000\xa0]*(?:\d[\d,]*(?:\s*(?:次|人次))?|\[\s*(?:\d+\s*)?\])?|\d[\d,]*(?:\s*(?:次|人次))?)"
    r"(?=[ \t\u3000\xa0|｜]|$)",
    re.IGNORECASE,
)
_SHARE_TOKEN = re.compile(
    r"(?:分享到|分享至|分享|转发到|轉發到|打印本页|打印本頁|打印此文|打印|列印|关闭窗口|關閉窗口|"
    r"关闭本页|關閉本頁|关闭|關閉|返回顶部|返回頂部|回到顶部|加入收藏|收藏本页|收藏|"
    r"推荐给朋友|推薦給朋友|发表评论|發表評論|字号|字號|大|中|小|默认|默認|"
    r"微信|微博|新浪微博|腾讯微博|QQ空间|QQ空間|QQ好友|朋友圈|人人网|豆瓣|"
    r"print|close|share|email|top|facebook|twitter|wechat|weibo)",
    re.IGNORECASE,
)
_SHARE_PUNCT = re.compile(r"[\s\[\]【】()（）<>《》〖〗|｜:：,，、.·•/\\-]+")
_MUST_HAVE = re.compile(
    r"打印|列印|关闭|關閉|分享|返回顶部|返回頂部|回到顶部|收藏|print|share", re.I
)

# A literal trie, case-sensitive on purpose: ``re`` skips ahead quickly on
# the first characters of a trie, not on an alternation or with IGNORECASE.
_QUICK_WORDS = (
    "位置 > » › → 点击 點擊 浏览 瀏覽 阅读 閱讀 人气 人氣 访问 訪問 打印 列印 关闭 關閉 分享 "
    "收藏 顶部 頂部 views Views VIEWS hits Hits HITS print Print PRINT share Share SHARE"
).split()
_QUICK = re.compile(trie_pattern(_QUICK_WORDS))


def _is_share_row(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 120 or not _MUST_HAVE.search(s):
        return False
    rest = _SHARE_PUNCT.sub("", _SHARE_TOKEN.sub("", s))
    return rest == ""


def remove_boilerplate(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    """Remove breadcrumbs, share rows and hit-counter fields."""
    if is_code_file(ctx.config.filename):
        return text, []
    if not text:
        return text, []
    # Page furniture sits on short lines: a length test skips prose cheaply.
    parts = text.split("\n")
    todo = [i for i, p in enumerate(parts) if len(p) <= MAX_CHARS and _QUICK.search(p)]
    if not todo:
        return text, []
    # Each line is decided before the page model is asked: the decisions do
    # not depend on it (the page model only turns removals into reports in
    # an authored document, and structure lines are dropped from them), so a
    # text in which no line is boilerplate never pays for the decision.
    n = len(parts) - (parts[-1] == "")  # the lines of split_lines(text)
    decided: list[tuple[int, str, re.Match[str] | None]] = []
    for i in todo:
        if i >= n:
            continue
        bare = parts[i]
        if i < len(parts) - 1 and bare.endswith("\r"):
            bare = bare[:-1]  # strip_eol of the line with its end
        if is_breadcrumb(bare):
            decided.append((i, "breadcrumb", None))
        elif _is_share_row(bare):
            decided.append((i, "share-row", None))
        else:
            m = _COUNTER.search(bare)
            if m is not None:
                decided.append((i, "counter", m))
    if not decided:
        return text, []
    page = page_of(text, ctx)
    structure = structure_of(text, ctx)
    last = len(parts) - 1

    def line_of(k: int) -> str:
        """Line ``k`` with its end, as split_lines(text) has it."""
        return parts[k] + "\n" if k < last else parts[k]

    findings: list[Finding] = []
    drop: dict[int, str] = {}
    edited: dict[int, str] = {}
    for i, what, m in decided:
        if i in structure:
            continue
        if m is None:
            drop[i] = what
            continue
        line = line_of(i)
        bare = strip_eol(line)
        new = (bare[: m.start()] + bare[m.end() :]).rstrip(" \t\u3000\xa0")
        if not new.strip():
            drop[i] = "hit-counter"
            continue
        findings.append(
            Finding(
                "boilerplate", i + 1, m.start() + 1, "hit-counter",
                f"removed the hit counter {m.group().strip()!r}",
                original=bare, replacement=new,
            )
        )  # fmt: skip
        edited[i] = new + line[len(bare) :]
    gone: set[int] = set()
    for i in sorted(drop):
        # Blank lines are looked at only next to a removed line ('\r' is
        # white space to strip, as the line end is).
        z = i
        while z + 1 < n and not parts[z + 1].strip():
            z += 1
        a = i
        if z == n - 1:
            while a > 0 and not parts[a - 1].strip():
                a -= 1
        # Do not take blank lines another removal already took.
        while a <= z and a in gone:
            a += 1
        gone.update(range(a, z + 1))
        what = {
            "breadcrumb": "breadcrumb",
            "share-row": "share/print/close link row",
            "hit-counter": "hit counter",
        }[drop[i]]
        findings.append(
            Finding(
                "boilerplate", a + 1, 1, drop[i], f"removed a {what} line",
                original="".join(map(line_of, range(a, z + 1))), replacement="",
                end_line=z + 1, removes_lines=True, score=1.0,
            )
        )  # fmt: skip
    findings.sort(key=lambda f: f.line)
    if not page.removes:  # an authored document keeps its text: only reports
        return keep_authored(text, text, findings, page)
    out = "".join(edited.get(k, line_of(k)) for k in range(n) if k not in gone)
    return keep_authored(text, out, findings, page)
