"""TeX source is code, piped: its lines start with a command.

texlive-lang-chinese's ``zhspacing-context-test.tex`` (a ConTeXt test of
Chinese spacing) sets the same paragraph twice, on purpose; piped, no line
of it counted as code (``\\usemodule``, ``\\rm\\tf``, ``\\blank``), it read as
a scraped page with a second copy, and dedupe removed the second. A line
that starts with a backslash and a letter is a TeX (or roff) command: no
line of prose starts so. The document below was written for this test.
"""

from __future__ import annotations

from cleantext import Config, clean
from cleantext.pagemodel import _code_line, decide

PARA = """\
西游记里的猪八戒，用的兵器是九齿钉耙。这把钉耙并非普通的农具，而是由
太上老君\\footnote{太上老君，道教的尊神之一。}亲自锤炼，借五方五帝、
六丁六甲之力锻造而成。"""

TEX = f"""\
\\usemodule[zhspacing]
\\setupbodyfont[12pt]

\\starttext

这是中文测试。中文和English的混排，中文和$E=mc^2$的混排。

{PARA}

{PARA}

\\rm\\tf roman \\it italic \\bf bold \\sc smallcaps

\\ss\\tf roman \\it italic \\bf bold \\sc smallcaps

\\tt\\tf roman \\it italic \\bf bold \\sc smallcaps

\\blank

\\stoptext
"""


def test_tex_piped_is_code_and_kept() -> None:
    page = decide(TEX, Config())
    assert page.has_authored("code")
    r = clean(TEX)
    assert r.text == TEX and not r.fixes


def test_tex_command_lines() -> None:
    assert _code_line("\\section{引言}") and _code_line("  \\item 第一项")
    # a backslash mid-line, or one not before a letter, starts no command
    assert not _code_line("正文 \\par") and not _code_line("\\ 空格")
