"""Web templates and typed declarations are code, named or piped.

Hexo's themes on npm (``hexo-theme-keep``, ``-volantis``, ``-butterfly``,
``-next``) are EJS, Pug and Nunjucks templates: with their names, the
entities step turned their ``&nbsp;`` into U+00A0 and their ``&quot;``
inside an attribute into quotes, and spam and dedupe removed repeated
``<% ... %>`` blocks and tag lines. Piped, the same templates, and Taro's
TypeScript declarations (``.d.ts``: an interface per API, each member under
a ``/** 中文说明 */`` comment, the same comments under every interface),
read as scraped pages with a second copy: no line of them counted as code,
since a line of tags was no code line and ``// ...``, ``/* ... */`` and
``/** ... */`` comment lines were not either (the pattern wanted a word
right after ``//``). The texts below were written for these tests; none is
copied from a package.
"""

from __future__ import annotations

import pytest

from cleantext import Config, clean
from cleantext.markup import is_code_file
from cleantext.pagemodel import AUTHORED, _code_line, decide

#: A post's markup, which both loops of the partial below write.
POST = """\
      <% if (post.pid == item.pid) { %>
        <article class="post">
          <div class="entry" itemprop="articleBody">
            <%- post.content %>
          </div>
          <span class="sep">&nbsp;|&nbsp;</span>
        </article>
      <% } %>"""

#: An EJS partial: a post list whose two loops repeat the same markup.
EJS = f"""\
<%- partial('_pre') %>
<section class="widget <%- page.widget_style %>">
  <div class='content'>
    <% site.pages.forEach(function(post){{ %>
{POST}
    <% }}) %>
    <% site.posts.forEach(function(post){{ %>
{POST}
    <% }}) %>
  </div>
</section>
"""

#: TypeScript declarations: the same comments under two interfaces.
DTS = """\
import Taro from '../../index'

declare module '../../index' {
  namespace showPanel {
    interface Option {
      /** 面板的哪一项，从左边算起 */
      index: number
      /** 面板上显示的文字 */
      text: string
      /** 面板的背景色，十六进制颜色值 */
      backgroundColor?: string
      /** 面板上边框的颜色，仅支持黑色和白色 */
      borderStyle?: string
      /** 接口调用结束的回调函数（调用成功、失败都会执行） */
      complete?: (res: General.CallbackResult) => void
      /** 接口调用失败的回调函数 */
      fail?: (res: General.CallbackResult) => void
      /** 接口调用成功的回调函数 */
      success?: (res: General.CallbackResult) => void
    }
  }

  namespace hidePanel {
    interface Option {
      /** 是否需要动画效果 */
      animation?: boolean
      /** 动画持续的时间，单位毫秒 */
      duration?: number
      /** 动画的缓动函数名称 */
      timingFunction?: string
      /** 接口调用结束的回调函数（调用成功、失败都会执行） */
      complete?: (res: General.CallbackResult) => void
      /** 接口调用失败的回调函数 */
      fail?: (res: General.CallbackResult) => void
      /** 接口调用成功的回调函数 */
      success?: (res: General.CallbackResult) => void
    }
  }
}
"""


@pytest.mark.parametrize(
    "name",
    [
        "post.ejs",
        "footer.pug",
        "cloudflare.njk",
        "page.hbs",
        "base.html.j2",
        "index.wxml",
        "x.liquid",
    ],
)
def test_templates_are_code_by_name(name: str) -> None:
    assert is_code_file(name)
    r = clean(EJS, config=Config(filename=name))
    assert r.text == EJS and not r.fixes


def test_template_piped_is_code_by_its_tag_lines() -> None:
    page = decide(EJS, Config())
    assert page.kind == AUTHORED and page.has_authored("code")
    r = clean(EJS)
    assert r.text == EJS and not r.fixes


def test_declarations_with_comment_lines_piped_are_code() -> None:
    page = decide(DTS, Config())
    assert page.kind == AUTHORED and page.has_authored("code")
    r = clean(DTS)
    assert r.text == DTS and not r.fixes


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("// 计算是否显示置顶图标", True),
        ("/* a comment */", True),
        ("/** 是否需要动画效果 */", True),
        ("*/", True),
        ("if ( ready ) {", True),
        ("<div class='content'>", True),
        ("  <% } %>", True),
        ("</section>", True),
        ("<br>", True),
        # prose: a tag then words, a comparison, a heart, a merge marker
        ('<span class="dot"></span> and then the text goes on', False),
        ("< 5 and > 3", False),
        ("<3 you>", False),
        ("<<< merge >>>", False),
        ("正文很长的一段话。", False),
    ],
)
def test_code_lines(line: str, code: bool) -> None:
    assert _code_line(line) is code


def test_paragraphs_in_tags_are_text_not_code() -> None:
    # a scraped page kept as HTML, a paragraph a line: its text is between
    # the tags, and the page is cleaned as one (its spam line removed)
    from tests.test_pagemodel import SEED

    seed = SEED.read_text(encoding="utf-8")
    html = "\n".join(f"<p>{line}</p>" if line.strip() else "" for line in seed.split("\n"))
    page = decide(html, Config())
    assert not page.has_authored("code")
    assert "亚洲香蕉视频" not in clean(html).text
