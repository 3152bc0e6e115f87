"""Translations' message catalogs are authored documents, named or piped.

Firefox's and Thunderbird's language packs (Debian's ``firefox-esr-l10n-*``
and ``thunderbird-l10n-*``: 10,594 files of Fluent ``.ftl``, ``.properties``
and DTDs in twelve languages) lost text to the steps, with their names and
through a pipe: a message whose body repeats the one before it under
another key (dedupe removed it), a message about prices and sign-up at the
end of a catalog (spam removed it), ``&lt;...&gt;`` that the program shows
as markup (entities made it ``<...>``), ``&quot;`` inside a DTD's quoted
value (entities made it a quote that ends the value), and ``&#34;`` in a
JavaScript string of LibreOffice's help index. The catalogs below were
written for these tests in those shapes; none is copied from a package.
"""

from __future__ import annotations

import pytest

from cleantext import Config, clean
from cleantext.markup import detect, is_code_file
from cleantext.pagemodel import AUTHORED, SCRAPED, decide
from tests.test_pagemodel import SEED

#: Two messages with the same plural body under two keys (one for macOS),
#: markup written as entities, and a message about prices and sign-up last.
FLUENT = """\
# 下载管理器的消息。
### 退出时的确认

download-confirm-title = 要取消全部下载吗？
download-confirm-quit =
    { $count ->
        [1] 如果现在退出，正在进行的 1 个下载将被取消，之后需要重新开始下载。确定要退出吗？
       *[other] 如果现在退出，正在进行的 { $count } 个下载将被取消，之后需要重新开始下载。确定要退出吗？
    }
download-confirm-quit-mac =
    { $count ->
        [1] 如果现在退出，正在进行的 1 个下载将被取消，之后需要重新开始下载。确定要退出吗？
       *[other] 如果现在退出，正在进行的 { $count } 个下载将被取消，之后需要重新开始下载。确定要退出吗？
    }
download-stay-button = 不退出
download-cancel-button = 取消下载
    .accesskey = C
cert-unsupported = &lt;不支持&gt;
command-notice = { $commandName } &lt;昵称&gt; &lt;消息&gt;：发送一条通知给该用户。
-brand-short-name = 浏览器
assistant-open = 开始聊天
assistant-summarize = 总结网页内容
assistant-price = 有免費與收費版，在某些國家或作特定任務時需要註冊
"""

#: A DTD of messages: quoted values with &quot; inside.
DTD = """\
<!ENTITY wizard.title "账户向导">
<!ENTITY name.desc "请输入您希望在 &quot;发件人&quot; 字段中显示的姓名。">
<!ENTITY name.example "（例如，&quot;李明&quot;）">
<!ENTITY name.label "您的姓名：">
<!ENTITY name.accesskey "Y">
<!ENTITY account.desc "输入账户的名称。（例如，&quot;工作&quot;、&quot;家庭&quot;）">
"""

#: JavaScript data, one object a line (a help index).
SCRIPT = "var topics = [\n" + "".join(
    f'{{url:"text/shared/{k:04d}.html#bm{k}", app:"CALC", text:"&#34;{op}&#34; 运算符"}},\n'
    for k, op in enumerate(["+", "-", "*", "/", "&amp;", "\\\\"])
) + "];\n"  # fmt: skip


def test_a_fluent_catalog_through_a_pipe_loses_nothing() -> None:
    page = decide(FLUENT, Config())
    assert page.has_authored("data"), page.signals
    assert page.kind == AUTHORED
    result = clean(FLUENT)
    assert result.text == FLUENT
    assert not [f for f in result.findings if f.fixed]


@pytest.mark.parametrize("name", ["browser/downloads.ftl", "Localizable.strings", "app_zh.arb"])
def test_catalogs_are_code_by_their_name(name: str) -> None:
    assert is_code_file(name)
    result = clean(FLUENT, filename=name)
    assert result.text == FLUENT and not result.findings


def test_a_dtd_through_a_pipe_keeps_its_entities() -> None:
    assert detect(DTD, Config()) == "html"
    assert clean(DTD).text == DTD
    # After a licence comment too (the packs' own DTDs start with one).
    commented = "<!-- 本文件按 MPL 2.0 许可。 -->\n<!-- - 第二条注释 -->\n\n" + DTD
    assert clean(commented).text == commented


def test_a_broken_entity_in_a_dtd_is_still_repaired_as_markup() -> None:
    # As in HTML source: the lost ampersand becomes the named entity.
    text = DTD.replace("&quot;李明&quot;", "&quot;李明?rdquo;")
    assert clean(text).text == DTD.replace("&quot;李明&quot;", "&quot;李明&rdquo;")


def test_javascript_data_through_a_pipe_keeps_its_entities() -> None:
    page = decide(SCRIPT, Config())
    assert page.has_authored("code"), page.signals
    assert clean(SCRIPT).text == SCRIPT


#: Settings and messages in other formats, each with at least 8 keys (a
#: key that could be Python's, ``a.b = 1``, made most of them code already).
SETTINGS = {
    "fluent": "".join(f"menu-item-{k} = 菜单项 {k}\n    .accesskey = {k}\n" for k in range(8)),
    "ini": "[general]\nname = 阅读器\n; 界面\nlang=zh_CN\ntheme = dark\n\n[window]\n"
    + "".join(f"pane{k} = {k * 10}\n" for k in range(6)),
    "properties": "# 对话框\n"
    + "".join(f"dialog.button{k}.label=按钮 {k}\ndialog.button{k}.key=B\n" for k in range(5)),
    "desktop": "[Desktop Entry]\nType=Application\nExec=reader %f\nIcon=reader\n"
    + "".join(f"Name[{x}]=阅读器\nComment[{x}]=阅读电子书\n" for x in ("zh_CN", "zh_TW", "ja")),
    "strings": "/* 菜单 */\n" + "".join(f'"menu.item{k}" = "菜单项 {k}";\n' for k in range(9)),
}


@pytest.mark.parametrize("kind", sorted(SETTINGS))
def test_settings_are_authored_by_their_shape(kind: str) -> None:
    page = decide(SETTINGS[kind], Config())
    assert page.has_authored("data") or page.has_authored("code"), page.signals


@pytest.mark.parametrize(
    "lines",
    [
        # Prose with '=' in it: the key must be an ASCII name at the start.
        [f"第{k}题：已知 x = {k}，求 y 的值。" for k in range(12)],
        ["价格 = 100元"] * 12,
        # Seven keys are not enough, however short the text.
        [f"key{k} = value {k}" for k in range(7)],
        # A Markdown list of formulas: not settings.
        [f"- 公式 {k}：a = b + {k}" for k in range(12)],
    ],
)
def test_lines_that_are_not_settings(lines: list[str]) -> None:
    page = decide("\n".join(lines) + "\n", Config())
    assert not page.has_authored("data"), page.signals


def test_a_scraped_page_with_a_few_settings_lines_is_still_a_page() -> None:
    # Three lines of 'key = value' in the seed page (a snippet of a config in
    # the article) do not make it settings: its spam line still goes.
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.split("\n")
    at = len(lines) // 4
    text = "\n".join(
        [*lines[:at], "host = example.org", "port = 8080", "debug = false", *lines[at:]]
    )
    page = decide(text, Config())
    assert not page.has_authored("data") and page.kind == SCRAPED
    assert clean(text).text.count("\n") < text.count("\n") - 10


@pytest.mark.parametrize(
    ("line", "found"),
    [
        # "tg" inside a word is no Telegram label (it read "tgpt-price" as a
        # handle, the catalog's last message's 'contact').
        ("assistant-chatgpt-price = 有免費與收費版，需要註冊", []),
        ("用 chatgpt-4o-mini 寫的摘要", []),
        ("飛機tgabcdef 加微信 wx: abc12345", ["飛機tgabcdef", "wx: abc12345"]),
        ("客服 tg：abcdef88", ["tg：abcdef88"]),
    ],
)
def test_a_handle_label_is_a_word_of_its_own(line: str, found: list[str]) -> None:
    from cleantext.steps.spam import contacts

    assert contacts(line) == found
