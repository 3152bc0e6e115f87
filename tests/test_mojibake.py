"""The mojibake step: CJK round trips, ftfy for the Latin family, lost characters.

Damaged inputs are made here the way the damage happens (encode with one
codec, decode with another), so every expected output is the text we
started from, not something copied from what the code printed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.steps import Context, mojibake
from cleantext.steps.mojibake import fix_mojibake

# Real sentences (People's Daily style news and a Taiwanese blog line),
# not made up to suit the code.
SIMPLIFIED = [
    "中华人民共和国成立五十周年的庆祝活动在北京举行。",
    "国务院总理在会上强调，要继续深化经济体制改革，扩大对外开放。",
    "记者从有关部门了解到，今年全国粮食总产量又创历史新高。",
    "发展经济",
]
TRADITIONAL = [
    "中華民國經濟發展的速度很快，我們今天去台北開會。",
    "本報訊前不久，深圳至北京西一百零六次列車發生了一起事故。",
    "發展中國家",
]


def run(text: str) -> tuple[str, list[cleantext.Finding]]:
    return fix_mojibake(text, Context())


def fixes(findings: list[cleantext.Finding]) -> list[cleantext.Finding]:
    return [f for f in findings if f.fixed]


# --- each kind ------------------------------------------------------------------


# Whole three-byte UTF-8 characters in pairs decode strictly as GB18030
# (six bytes, three GBK characters); so do these.
UTF8_GBK_SAFE = [
    "经济发展很快",
    "中国政府工作报告",
    "科技创新教育文化",
    "中華民國經濟發展",
    "今天的天气很好啊",
]


@pytest.mark.parametrize("text", UTF8_GBK_SAFE)
def test_utf8_read_as_gbk(text: str) -> None:
    damaged = text.encode("utf-8").decode("gb18030")
    out, findings = run(damaged)
    assert out == text
    assert {f.code for f in fixes(findings)} == {"mojibake-utf8-as-gbk"}


def _strict_ok(text: str, enc: str, dec: str) -> bool:
    try:
        text.encode(enc).decode(dec)
    except UnicodeError:
        return False
    return True


def test_the_issue_example_utf8_as_gbk() -> None:
    out, findings = run("鍙戝睍")
    assert out == "发展"
    (f,) = findings
    assert (f.code, f.line, f.col, f.original, f.replacement) == (
        "mojibake-utf8-as-gbk",
        1,
        1,
        "鍙戝睍",
        "发展",
    )
    assert f.score is not None and f.score > 4
    assert f.data["score_after"] > f.data["score_before"]


@pytest.mark.parametrize("text", SIMPLIFIED)
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_gbk_read_as_latin1(text: str, codec: str) -> None:
    if not _strict_ok(text, "gbk", codec):
        pytest.skip("a GBK byte that cp1252 does not define")
    out, findings = run(text.encode("gbk").decode(codec))
    assert out == text
    assert {f.code for f in fixes(findings)} == {"mojibake-gbk-as-latin1"}


def test_the_issue_example_gbk_as_latin1() -> None:
    assert run("·¢Õ¹")[0] == "发展"


@pytest.mark.parametrize("text", TRADITIONAL)
def test_big5_read_as_gbk(text: str) -> None:
    out, findings = run(text.encode("big5").decode("gb18030"))
    assert out == text
    assert {f.code for f in fixes(findings)} == {"mojibake-big5-as-gbk"}


def test_the_issue_example_big5_as_gbk() -> None:
    # 發展中國家 in Big5, read as GBK
    assert "發展中國家".encode("big5").decode("gb18030") == "祇甶い瓣產"
    assert run("祇甶い瓣產")[0] == "發展中國家"


def test_gbk_read_as_big5() -> None:
    text = "记者从有关部门了解到"
    damaged = text.encode("gbk").decode("big5")
    out, findings = run(damaged)
    assert out == text
    assert {f.code for f in fixes(findings)} == {"mojibake-gbk-as-big5"}


def test_utf8_read_as_shift_jis() -> None:
    text = "经济发展很快"
    damaged = text.encode("utf-8").decode("cp932")
    assert any("\uff61" <= c <= "\uff9f" for c in damaged)  # half-width kana
    out, findings = run(damaged)
    assert out == text
    assert {f.code for f in fixes(findings)} == {"mojibake-utf8-as-sjis"}


def test_utf8_bom_read_as_gbk() -> None:
    text = "中华人民共和国"
    damaged = ("\ufeff" + text).encode("utf-8").decode("gb18030")
    assert damaged.startswith("锘")
    out, findings = run(damaged)
    assert out == text
    assert [f.code for f in findings] == ["mojibake-utf8-bom-as-gbk"]


def test_only_the_damaged_part_of_a_line_is_repaired() -> None:
    damaged = "今天" + "发展经济".encode().decode("gb18030") + "abc很好"
    out, findings = run(damaged)
    assert out == "今天发展经济abc很好"
    (f,) = findings
    assert f.col == 3 and f.original == "鍙戝睍缁忔祹" and f.replacement == "发展经济"


def test_lines_and_line_endings() -> None:
    damaged = "第一行\r\n" + SIMPLIFIED[0].encode("gbk").decode("latin-1") + "\r\n第三行"
    out, findings = run(damaged)
    assert out == "第一行\r\n" + SIMPLIFIED[0] + "\r\n第三行"
    assert [f.line for f in findings] == [2]


def test_a_damaged_page_gets_its_short_lines_repaired_too() -> None:
    # A name on its own line is too short to be sure of alone; in a page
    # where the same damage is everywhere, it is repaired with the rest.
    page = "\n".join([TRADITIONAL[0], "王佑民", TRADITIONAL[1], "張捷"])
    out, findings = run(page.encode("big5").decode("gb18030"))
    assert out == page
    assert any(f.data.get("relaxed") for f in findings)


def test_a_big5_page_read_as_gbk_is_repaired_entirely_names_too() -> None:
    # Once the page shows strong evidence of Big5 read as GBK, the whole
    # page is taken as damaged: names on lines of their own, far from the
    # prose ('董鳳基' came out as '赋获膀', all ordinary Simplified
    # characters), names at the end of a line ('苦く茫' for '賴仁瓊'), and
    # a character left at the edge of a repair ('柑' for '裡').
    page = "\n".join(
        [
            TRADITIONAL[0],
            "本報記者賴仁瓊",
            TRADITIONAL[1],
            "",
            "董鳳基",
            "",
            "",
            "",
            "白玉民",
            "員會主席努裡",
        ]
    )
    damaged = page.encode("big5").decode("gb18030")
    assert "赋获膀" in damaged and "フドチ" in damaged  # the names really are hidden
    out, findings = run(damaged)
    assert out == page
    assert {f.code for f in findings} == {"mojibake-big5-as-gbk"}
    assert run(out) == (out, [])


def test_bullets_of_a_big5_page_read_as_gbk() -> None:
    # '●' reads as GBK '〈', '○' as '〕', '△' as '〉': ordinary symbols on
    # both sides, repaired with the Han text they start.
    page = "●打陣地戰●打滲透戰●打街巷戰●強化服務\n○李淳陽昆蟲記 (普遍級)\n△國家計委提出加強國際商業貸款管理。"
    damaged = page.encode("big5").decode("gb18030")
    assert damaged.startswith("〈")
    assert run(damaged)[0] == page


def test_a_short_big5_text_read_as_gbk_with_a_one_character_line() -> None:
    # Most of the text is repaired with confidence, so the lone 'い' on the
    # next line is Big5 '中', not Japanese.
    text = "來的熱心人。\n中"
    assert run(text.encode("big5").decode("gb18030"))[0] == text


def test_clean_lines_next_to_a_damaged_paragraph_stay() -> None:
    # Document-level evidence repairs only what round-trips into something
    # no less plausible: clean Traditional lines of the same text stay.
    damaged = "\n".join(t.encode("big5").decode("gb18030") for t in TRADITIONAL[:2])
    clean = ["發展中國家", "我們今天去台北開會", "中華民國", "臺灣", "經濟"]
    out, _ = run("\n".join([damaged, *clean]))
    assert out.split("\n") == TRADITIONAL[:2] + clean


def test_a_damaged_passage_in_a_clean_simplified_page_is_not_a_big5_page() -> None:
    # The whole-text decision needs most of the text repaired by the kind:
    # here the Big5 passage is a small part, and the clean Simplified lines
    # (whose characters Big5 cannot encode) must not be taken for damage.
    # ('邱娥国', a name from People's Daily, reads as Big5 '⑨塔弊'.)
    clean = SIMPLIFIED + ["邱娥国"]
    damaged = "\n".join(t.encode("big5").decode("gb18030") for t in TRADITIONAL[:2])
    page = "\n".join(clean * 2 + [damaged] + clean * 2)
    out, findings = run(page)
    assert out == "\n".join(clean * 2 + TRADITIONAL[:2] + clean * 2)
    assert {f.line for f in findings} == {11, 12}


@pytest.mark.parametrize("text", ["很不愉快.", "过考虑到性价比，", "in公司的技术开"])
def test_short_gbk_text_read_as_big5(text: str) -> None:
    # GBK read as Big5 gives mostly common Traditional characters ('竭祥赸辦.'),
    # so a short line with one unusual character is looked at for the Big5
    # kinds when it reads back into more usual characters.
    damaged = text.encode("gbk").decode("big5")
    out, findings = run(damaged)
    assert out == text
    assert {f.code for f in findings} == {"mojibake-gbk-as-big5"}


def test_a_clean_neighbour_of_a_damaged_sentence_is_left_alone() -> None:
    # '打' just before the damage reads as Big5 'ゴ' (kana): the repair stops
    # at the damage instead of taking it in (and then giving up on it all).
    text = "服务生打包送到房间里来了，馒头之类的东东，单调的只能是充饥而已。"
    damaged = text[:4] + text[4:].encode("gbk").decode("big5")
    assert run(damaged)[0] == text


# --- ftfy for the Latin family ---------------------------------------------------


def test_latin_mojibake_goes_to_ftfy() -> None:
    out, findings = run("HÃ´tel de Police")
    assert out == "Hôtel de Police"
    (f,) = findings
    assert (f.code, f.col, f.original, f.replacement) == ("mojibake-utf8-as-latin1", 2, "Ã´", "ô")
    assert f.data["ftfy"] == [["encode", "latin-1"], ["decode", "utf-8"]]


def test_utf8_chinese_read_as_cp1252_is_repaired_by_ftfy() -> None:
    assert run("ç®€ä½“ä¸\xadæ–‡")[0] == "简体中文"


def test_latin_mojibake_next_to_chinese() -> None:
    assert run("中文说明：HÃ´tel")[0] == "中文说明：Hôtel"


# --- do no harm ------------------------------------------------------------------


CLEAN = [
    "“复兴号”“蛟龙号”“海燕号”等国之重器达到世界领先水平。",
    "他说：“这是真的吗？”——然后就走了……",
    "１９９８年１月１日，ＡＢＣ公司成立。",
    "马克·吐温（1835年－1910年），美国作家。",
    "气温为25°C，湿度±5%，面积3×4米。",
    "これは日本語の文章です。東京へ行きました。",
    "대한민국 헌법 제1조 대한민국은 민주공화국이다.",
    "Königsstraße, naïve café, São Paulo, Ærø",
    "区(qū)创(chuàng)业(yè)",
    "\xa0\xa0\xa0",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_unchanged(text: str) -> None:
    out, findings = run(text)
    assert out == text
    assert not fixes(findings)


def test_the_seed_page_is_unchanged(seed_text: str) -> None:
    text = seed_text
    out, findings = run(text)
    assert out is text
    assert not fixes(findings)
    # 蛟龍?zhí): a character lost to '?' whose pinyin annotation survives is
    # the pinyin step's report (with the reading), not reported twice
    lines = text.split("\n")
    lost = [(f.line, f.col) for f in findings if f.code == "lost-characters"]
    assert (29, lines[28].index("?zhí") + 1) not in lost
    # '?rdquo;' is an entity that lost its '&': the entities step's business
    assert all(text.split("\n")[ln - 1][col - 1 : col + 6] != "?rdquo;" for ln, col in lost)


def _fresh_process(text_expr: str) -> list[str]:
    """In a new interpreter, the mojibake step on the text ``text_expr``
    makes: whether it gave the same text back (the object itself), and whether ftfy and
    charset-normalizer were imported."""
    code = (
        "import sys\n"
        "from cleantext.steps import Context\n"
        "from cleantext.steps.mojibake import fix_mojibake\n"
        f"text = {text_expr}\n"
        "out, f = fix_mojibake(text, Context())\n"
        "print(out is text, 'ftfy' in sys.modules, 'charset_normalizer' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_clean_chinese_does_not_import_ftfy(seed_path: Path) -> None:
    got = _fresh_process(f"open({str(seed_path)!r}, encoding='utf-8').read() + '\\n“好”……——·'")
    assert got[1:] == ["False", "False"]


def test_russian_and_greek_words_do_not_import_ftfy() -> None:
    # Two plain letters side by side (А-я, Α-Ω, α-ω, ά-ώ) are a word: no
    # code page ftfy repairs gives a plain letter for both a UTF-8 lead
    # byte and a continuation byte, so such a line is not ftfy's business
    text = "汽车（автомобиль，ΑΥΤΟΚΙΝΗΤΟ）是一种交通工具。雅典 Αθήνα, Москва.\n"
    assert _fresh_process(repr(text)) == ["True", "False", "False"]


def test_no_code_page_gives_plain_letters_for_both_bytes_of_a_pair() -> None:
    # What lets a pair of plain letters go by (mojibake._PLAIN_LETTERS), for
    # every code page ftfy repairs: a UTF-8 sequence shows its lead byte's
    # character, then its first continuation byte's, and never are both plain
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy code pages)
    from ftfy.chardata import CHARMAP_ENCODINGS

    plain = {cp for lo, hi in mojibake._PLAIN_LETTERS for cp in range(lo, hi + 1)}

    def plain_bytes(encoding: str, lo: int, hi: int) -> list[int]:
        return [b for b in range(lo, hi) if ord(bytes([b]).decode(encoding, "replace")[0]) in plain]

    for encoding in CHARMAP_ENCODINGS:
        leads, continuations = plain_bytes(encoding, 0xC2, 0xF5), plain_bytes(encoding, 0x80, 0xC0)
        assert not (leads and continuations), encoding
    # and the letters are what these code pages make of Russian and Greek
    assert plain_bytes("sloppy-windows-1251", 0xC2, 0xF5)
    assert plain_bytes("sloppy-windows-1253", 0xC2, 0xF5)


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("Привет, мир! Это автомобиль.", "sloppy-windows-1251"),
        ("Ёлка и ёж", "sloppy-windows-1251"),
        ("Καλημέρα κόσμε, η Αθήνα", "sloppy-windows-1253"),
        ("Ωραία μέρα", "cp437"),
    ],
)
def test_russian_and_greek_mojibake_is_still_repaired(original: str, encoding: str) -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy code pages)

    damaged = original.encode("utf-8").decode(encoding)
    out, findings = run(f"新闻：{damaged}\n")
    assert out == f"新闻：{original}\n"
    assert fixes(findings)


# --- lists of entries: each judged alone -------------------------------------------

_COMMON_WORDS = (
    "中国 北京 经济 发展 社会 人民 政府 工作 问题 国家 企业 市场 技术 文化 教育 历史 世界 "
    "生活 时间 城市 环境 科学 研究 管理 服务 建设 公司 产品 系统 信息 网络 数据 学生 老师"
).split()
_RARE_WORDS = ["旮旮旯旯", "忐忐忑忑", "瑞蚨祥", "呤呤", "磐磐", "煦煦", "菁菁", "窣窣"]


@pytest.mark.parametrize(
    "row",
    ["{w} {n} n", "{w}\t{n}", "{w}", "{w}\t{w}"],
    ids=["dictionary", "tab-separated", "word-list", "pairs"],
)
def test_rare_words_of_a_list_are_reported_not_repaired(row: str) -> None:
    # A Big5/GBK repair of an entry is judged on the entry alone: in a list
    # whose other entries show no such damage it is reported, with what it
    # would have given, and the entry is left as it is
    words = sorted(_COMMON_WORDS + _RARE_WORDS)
    text = "".join(row.format(w=w, n=100 + 7 * i) + "\n" for i, w in enumerate(words))
    out, findings = run(text)
    assert out == text
    assert not fixes(findings)
    kept = [f for f in findings if f.code == "mojibake-gbk-as-big5-kept"]
    originals = " ".join(f.original for f in kept)
    assert "旮旮旯旯" in originals and "忐忐忑忑" in originals
    assert all(f.data["would_be"] and not f.fixed for f in kept)
    # and nothing else is reported as unrepaired damage once nothing was repaired
    assert not [f for f in findings if f.code == "mojibake-unrepaired"]


def test_rare_words_of_a_table_are_reported_not_repaired() -> None:
    # A compiled input-method table (Rime's array30.table.txt's shape: a
    # header listing 200 key codes, then rows of word, code and weight):
    # tables are its body, each row an entry of its own ('煢煢' was
    # "repaired" as '農農', '慇勤' as '哈对')
    import random

    rng = random.Random(6)
    keys = "abcdefghijklmnopqrstuvwxyz,./;"
    codes = sorted(
        {"".join(rng.choice(keys) for _ in range(rng.randint(1, 4))) for _ in range(300)}
    )
    words = [a + b for a in _COMMON_WORDS[:20] for b in _COMMON_WORDS[:20]]
    words = sorted(words + _COMMON_WORDS + _RARE_WORDS)
    rows = [f"{w}\t{rng.choice(codes)}'\t{i}" for i, w in enumerate(words)]
    text = "\n".join(["# syllabary:"] + [f"# - {c}" for c in codes] + rows) + "\n"
    out, findings = run(text)
    assert out == text
    assert not fixes(findings)
    originals = " ".join(f.original for f in findings if f.code == "mojibake-gbk-as-big5-kept")
    assert "旮旮旯旯" in originals and "瑞蚨祥" in originals


@pytest.mark.parametrize(
    "line",
    [
        'Je to těžké, proč to snášíš?" Starosti jsou naším osobním břemenem.',
        'A proč to snášíš?" Pochybnosti jsou naším vlastním problémem.',
        'Víš, proč to snášíš?" Chyby jsou naším osobním majetkem.',
    ],
)
def test_czech_words_are_not_gbk_read_as_latin1(line: str) -> None:
    # "ášíš" and "ší" read as GBK give '釟須' and '氻' (a Czech fortune file
    # had 'sn釟須?" Pochybnosti jsou na氻m'); a line with "proč" (č, which no
    # Latin-1 decode gives) or "těžké" is European text written right
    text = line + "\n"
    out, findings = run(text)
    assert out == text and not fixes(findings)
    # and real GBK read as Latin-1 beside a line of Czech is still repaired
    damaged = "中文网站的新闻：今天天气很好。".encode("gbk").decode("latin-1")
    out, findings = run(text + damaged + "\n")
    assert out == text + "中文网站的新闻：今天天气很好。\n"


def test_european_mojibake_beside_gbk_damage_is_ftfys() -> None:
    # A text with a line of GBK read as Latin-1 (the kind established) and
    # lines of European UTF-8 read as Latin-1: those are ftfy's, not GBK
    # ('BÃ¼yÃ¼' is 'Büyü', not 'B眉y眉'; ftfy's in-the-wild.json piped in had
    # 27 such GBK "repairs")
    zh = "中文网站的新闻：今天天气很好，我们一起去公园散步。"
    eu = [
        "Beta Haber: Hırsızı Büyü Korkuttu",
        "Il a lu la réflexion des théologiens hier soir.",
        "Le festival persiste et signe à s'éloigner des grands axes.",
        "The weather in São Paulo was fine today.",
    ]
    lines = [zh.encode("gbk").decode("latin-1")] + [x.encode().decode("latin-1") for x in eu]
    out, findings = run("\n".join(lines) + "\n")
    assert out == "\n".join([zh, *eu]) + "\n"
    assert {f.code for f in fixes(findings) if f.line > 1} <= {
        "mojibake-utf8-as-latin1",
        "mojibake-utf8-as-cp1252",
    }


def test_line_noise_with_two_short_pieces_is_left() -> None:
    # Random bytes quoted from a chat log (fortunes-pl's linuxpl, cp1250):
    # two pairs far apart read as UTF-8 give an Arabic letter and a rare
    # Latin one ('Ů¸' -> 'ٸ', 'á¸˝' -> 'ḽ'). Each pair alone is too little
    # evidence for a letter of a script the line does not use, and two of
    # them far apart are no more
    arabic = "ٸ".encode().decode("cp1250")
    latin = "ḽ".encode().decode("cp1250")
    line = f"Szum na linii: {arabic}J^^ß^ËRşË{latin}ZY^ÚtűŃlM=˘_ĂÓŘ\n"
    out, findings = run(line)
    assert out == line
    assert not fixes(findings)


def test_short_hebrew_words_vouch_for_each_other() -> None:
    # ... while the short words of a Hebrew line read as cp1252 are each a
    # short piece of one repair, and their letters are the line's script
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    heb = "He wrote: הוא אמר: זה לא כך, וגם לא אז."
    bad = heb[:10] + heb[10:].encode().decode("sloppy-windows-1252")
    out, findings = run(bad + "\n")
    assert out == heb + "\n"
    assert [f.code for f in fixes(findings)] == ["mojibake-utf8-as-cp1252"]


def test_a_repair_into_utf8_read_as_gbk_establishes_nothing() -> None:
    # ftfy's emoji face, UTF-8 and sloppy cp1252 mixed up twice, its U+009D
    # written as a JSON escape (as in ftfy's in-the-wild.json): read as GBK
    # its spans give '芒鈥', where '鈥' is UTF-8's E2 80 (the start of “ ” ’ —)
    # read as GBK, not Chinese. Such a "repair" must not establish GBK read
    # as Latin-1 for the text: the European lines are ftfy's, not GBK
    # ('l’Ã©valuation' -> 'l捗﹙aluation', 'investƒ´ciju' -> 'invest兇ciju';
    # 14 such lines in in-the-wild.json piped in)
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    face = "┒(⌣˛⌣)┎"
    for _ in range(2):
        face = face.encode("utf-8").decode("sloppy-windows-1252")
    face = face.replace("\x9d", "\\u009d")
    eu = [
        "Le 16ème forfait permet l’évaluation des frais de déplacement.",
        "Os comentários postados até às 16h são válidos, e os funcionários não.",
        "Šveices baņķieri gaida konkrētus investīciju plānus.",
    ]
    french = eu[0].encode().decode("latin-1").replace("â\x80\x99", "’")  # its ’ kept right
    lines = [face, french, eu[1].encode().decode("latin-1"), eu[2].encode().decode("mac_roman")]
    out, findings = run("\n".join(lines) + "\n")
    assert out.split("\n")[1:] == [*eu, ""]
    assert not [f for f in fixes(findings) if f.line > 1 and "gbk" in f.code]


@pytest.mark.parametrize("shape", ["json", "yaml"])
def test_rare_words_of_a_json_or_yaml_map_are_reported_not_repaired(shape: str) -> None:
    # A map of words (a conversion dictionary as JSON, readings as YAML),
    # through a pipe: its lines are entries too, each judged alone
    import json

    words = sorted(_COMMON_WORDS + _RARE_WORDS)
    if shape == "json":
        text = json.dumps({w: w for w in words}, ensure_ascii=False, indent=1) + "\n"
    else:
        text = "".join(f"{w}: {w}\n" for w in words)
    out, findings = run(text)
    assert out == text
    assert not fixes(findings)
    assert any(f.code == "mojibake-gbk-as-big5-kept" for f in findings)


def test_big5_and_gbk_repairs_in_japanese_text_are_reported() -> None:
    # Big5 and GBK are the codecs of Chinese: in Japanese text (kana and
    # Japanese endings) a repair between them is a guess, reported, not made
    # (an IME dictionary's rare kanji read likelier as common Chinese ones)
    ja = (
        "この辞書は読みと候補を一行ずつ書きます。使う前に設定を確認することをお勧めします。\n"
        "候補の順番は使うたびに変わります。\n"
    )
    chinese = "国务院总理在会上强调，要继续深化经济体制改革，扩大对外开放。"
    damaged = chinese.encode("gbk").decode("big5")
    text = ja + damaged + "\n" + ja
    out, findings = run(text)
    assert out == text
    assert not fixes(findings)
    kept = [f for f in findings if f.code == "mojibake-gbk-as-big5-kept"]
    assert kept and kept[0].data["would_be"] == chinese
    assert "Japanese" in kept[0].message
    # the same line in Chinese text is repaired
    zh = "本報訊前不久，深圳至北京西一百零六次列車發生了一起事故。\n"
    assert run(zh + damaged + "\n" + zh)[0] == zh + chinese + "\n" + zh


def test_a_list_damaged_throughout_is_repaired() -> None:
    # The whole list read with the wrong codec: the kind took in most of the
    # text, a fact about the document, and every entry is repaired
    def big5(word: str) -> bool:  # its GBK bytes are Big5 (人民's are not)
        try:
            word.encode("gbk").decode("big5")
        except UnicodeDecodeError:
            return False
        return True

    words = [w for w in _COMMON_WORDS if big5(w)]
    assert len(words) > 25
    text = "".join(f"{w} {100 + 7 * i} n\n" for i, w in enumerate(words))
    damaged = text.encode("gbk").decode("big5")
    out, findings = run(damaged)
    assert out == text
    assert {f.code for f in fixes(findings)} == {"mojibake-gbk-as-big5"}


def test_the_same_words_in_a_damaged_prose_page_are_repaired() -> None:
    # Not a list: sentences, which a repair is judged in
    text = "\n".join(
        [
            "本報訊前不久，深圳至北京西一百零六次列車發生了一起事故。",
            "記者從有關部門了解到，今年全國糧食總產量又創歷史新高。",
        ]
        * 3
    )
    damaged_line = "国务院总理在会上强调，要继续深化经济体制改革，扩大对外开放。"
    damaged = damaged_line.encode("gbk").decode("big5", "replace")
    assert "\ufffd" not in damaged
    out, findings = run(text + "\n" + damaged + "\n")
    assert out == text + "\n" + damaged_line + "\n"


def _gb2312_level_one() -> str:
    """The 3,755 characters of GB2312's first level, in its order."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_a_table_of_characters_in_one_line_is_left_alone(script: str) -> None:
    # A conversion table's characters in one long line, no punctuation: the
    # runs a repair judges here and there add up to more than a few
    # characters, but each is a few characters of a line mostly clean
    # ('皑癌蔼' is not Big5 read as GBK of '馬骨高', nor, in Traditional,
    # '傑捷睫竭潔' GBK read as Big5 of '城倍符很间')
    table = _gb2312_level_one()
    if script == "traditional":
        import opencc

        table = opencc.OpenCC("s2t").convert(table)
    text = table + "\n"
    out, findings = run(text)
    assert out == text
    assert not fixes(findings)


def test_a_damaged_run_in_a_long_clean_line_is_still_repaired() -> None:
    # Not a few characters: a whole damaged sentence in a long clean line
    clean_part = "这是一段普通的中文文本，没有任何问题。" * 6
    sentence = "今天发展很好今天发展很好"
    damaged = sentence.encode("utf-8").decode("gbk")  # "浠婂ぉ鍙戝睍寰堝ソ..."
    out, _ = run(clean_part + damaged + clean_part + "\n")
    assert out == clean_part + sentence + clean_part + "\n"


# --- irreversible damage: reported, not guessed ---------------------------------------


@pytest.mark.parametrize(
    ("text", "original"),
    [
        ("名称：锟斤拷锟斤拷", "锟斤拷锟斤拷"),
        ("内存烫烫烫烫烫", "烫烫烫烫烫"),
        ("堆屯屯屯屯", "屯屯屯屯"),
        ("这是\ufffd\ufffd文字", "\ufffd\ufffd"),
        ("蛟龍?zhí", "?"),
        ("中国??有限公司", "??"),
        ("?年?月", "?"),
    ],
)
def test_lost_characters_are_reported(text: str, original: str) -> None:
    out, findings = run(text)
    assert out == text
    assert findings and all(not f.fixed and f.code == "lost-characters" for f in findings)
    assert findings[0].original == original
    assert findings[0].col == text.index(original) + 1


@pytest.mark.parametrize(
    "text", ["你吃了吗?我吃了。", "What?? No.", "蛟龍號?rdquo;", "网址.php?id=3", "为什么?"]
)
def test_question_marks_that_are_not_lost_characters(text: str) -> None:
    assert run(text)[1] == []


# --- properties ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def text_lines(seed_lines: list[str]) -> list[str]:
    """The seed page's lines that are not blank."""
    return [ln for ln in seed_lines if ln.strip()]


damage = st.sampled_from(
    [
        lambda t: t.encode("utf-8").decode("gb18030", "replace"),
        lambda t: t.encode("gb18030").decode("latin-1"),
        lambda t: t.encode("big5", "replace").decode("gb18030", "replace"),
        lambda t: t.encode("gb18030").decode("big5", "replace"),
        lambda t: t.encode("utf-8").decode("cp932", "replace"),
        lambda t: t,
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.integers(0, 40), damage)
def test_idempotent(text_lines: list[str], data: st.DataObject, start: int, hurt: object) -> None:
    line = data.draw(st.sampled_from(text_lines + SIMPLIFIED + TRADITIONAL))
    text = hurt(line[start : start + 80])  # type: ignore[operator]
    once, _ = run(text)
    twice, findings = run(once)
    assert twice == once
    assert not fixes(findings)


@settings(max_examples=40, deadline=None)
@given(st.data(), st.integers(0, 30), st.integers(0, 30))
def test_clean_slices_unchanged(text_lines: list[str], data: st.DataObject, a: int, b: int) -> None:
    lines = data.draw(st.lists(st.sampled_from(text_lines), min_size=1, max_size=5))
    text = "\n".join(lines)
    text = text[a : len(text) - b] if len(text) > a + b else text
    out, findings = run(text)
    assert out == text
    assert not fixes(findings)


def test_through_the_pipeline() -> None:
    data = "中国政府工作报告".encode().decode("gb18030").encode("utf-8")
    result = cleantext.clean(data, only=["mojibake"])
    assert result.text == "中国政府工作报告"
    assert [f.code for f in result.fixes] == ["mojibake-utf8-as-gbk"]


def test_utf8_read_as_gbk_with_replaced_bytes() -> None:
    # A lenient decoder turns the bytes it cannot use into U+FFFD. One that
    # stood before another character was 0x80 (nothing else fails there) and
    # is restored; one before ASCII or the end lost its value: that
    # character comes out as U+FFFD and is reported, the rest is repaired.
    text = "我们今天去北京开会。\n明天回来。"
    damaged = text.encode("utf-8").decode("gb18030", "replace")
    assert damaged.count("\ufffd") == 3
    out, findings = run(damaged)
    assert out == "我们今天去北京开会\ufffd\n明天回来\ufffd"
    assert [f.code for f in findings] == ["mojibake-utf8-as-gbk", "lost-characters"] * 2


def test_utf8_read_as_big5() -> None:
    # Most UTF-8 does not survive a strict Big5 decode (continuation bytes
    # 0x80-0xA0 are not Big5 trail bytes); this pair does.
    damaged = "人大".encode().decode("cp950")
    assert damaged == "鈭箏之"
    out, findings = run(damaged)
    assert out == "人大"
    assert [f.code for f in findings] == ["mojibake-utf8-as-big5"]


def _run_as(text: str, filename: str) -> tuple[str, list[cleantext.Finding]]:
    from cleantext.config import Config

    return fix_mojibake(text, Context(config=Config(filename=filename)))


def test_code_is_never_repaired() -> None:
    utf8_as_gbk = "发展".encode().decode("gbk")  # 鍙戝睍
    latin = "tést".encode().decode("cp1252")  # tÃ©st
    md = (
        f"正文{utf8_as_gbk}很好,caf{'é'.encode().decode('cp1252')} ok\n\n"
        f"```\nprint('{latin}')  # {utf8_as_gbk}\n```\n\n"
        f"Inline `{latin}` and `{utf8_as_gbk}` stay.\n"
    )
    out, findings = _run_as(md, "README.md")
    assert out == md.replace(utf8_as_gbk, "发展", 1).replace("cafÃ©", "café", 1)
    assert [f.line for f in findings] == [1, 1]
    # The same on stdin: a fence makes it Markdown.
    assert _run_as(md, "-")[0] == out
    html = f"<html><body><p>{utf8_as_gbk}</p><pre>{latin} {utf8_as_gbk}</pre><code>{latin}</code>"
    out, _ = _run_as(html, "page.html")
    assert out == html.replace(utf8_as_gbk, "发展", 1)
    # '锟斤拷' shown in a code block is an example of the damage: no report.
    doc = "```\n锟斤拷锟斤拷\n```\n"
    assert _run_as(doc, "a.md") == (doc, [])


def test_a_thousand_spans_on_one_line() -> None:
    # A minified page: one line, ~1,000 separate damaged spans between clean
    # words. The search for the best runs used to recurse once per span.
    damaged = "发展".encode().decode("gbk")
    line = "".join(f"<b>新闻</b>{damaged}" for _ in range(1000))
    out, findings = run(line)
    assert out == line.replace(damaged, "发展")
    assert len(findings) == 1000


def test_what_no_repair_restores_is_reported_where_it_is() -> None:
    # A page with UTF-8-read-as-GBK damage, and a line whose GBK bytes were
    # read as UTF-8 ('系统' -> 'ϵͳ', '使' -> 'ʹ'): nothing restores that
    # line with confidence, so it stays, and each foreign run is reported.
    damaged = SIMPLIFIED[0].encode().decode("gb18030", errors="replace")
    page = "\n".join([damaged, "操作ϵͳ的内核ʹ用", damaged])
    out, findings = run(page)
    assert out.split("\n")[1] == "操作ϵͳ的内核ʹ用"
    reports = [(f.line, f.col, f.original) for f in findings if f.code == "mojibake-unrepaired"]
    assert reports == [(2, 3, "ϵͳ"), (2, 8, "ʹ")]
    assert not any(f.fixed for f in findings if f.line == 2)
    # In a text with no mojibake repaired, Greek letters are text: no word.
    assert run("α粒子和β射线,操作ϵͳ的内核") == ("α粒子和β射线,操作ϵͳ的内核", [])


def test_a_lost_byte_is_not_guessed_into_a_rare_character() -> None:
    # Decoders replace more than 0x80 with U+FFFD: '继续' lost a byte of '续';
    # guessing 0x80 gave the rare '绀'. The character is lost, not guessed.
    text = "国务院总理在会上强调，要继续深化经济体制改革。"
    damaged = text.encode().decode("gbk", errors="replace")
    out, findings = run(damaged)
    assert "绀" not in out and "要继\ufffd深化经济体制改革" in out


def test_an_established_kind_is_repaired_on_every_line() -> None:
    # Big5 read as GBK found with strong evidence in the header of a mostly
    # clean Simplified page: lines far below with the same damage are
    # repaired too (names, too short to convince alone), and what cannot be
    # repaired with confidence ('フドチ' for '白玉民') is reported.
    header = [t.encode("big5").decode("gb18030") for t in TRADITIONAL[:2]]
    body = [SIMPLIFIED[1], SIMPLIFIED[2]] * 4
    names = ["責任編輯：張捷", "本報記者賴仁瓊", "張捷", "白玉民"]
    page = "\n".join(header + body + [n.encode("big5").decode("gb18030") for n in names])
    out, findings = run(page)
    lines = out.split("\n")
    assert lines[:10] == TRADITIONAL[:2] + body
    assert lines[10:13] == names[:3]
    assert lines[13] == "フドチ"
    assert [(f.line, f.code) for f in findings if not f.fixed] == [(14, "mojibake-unrepaired")]


@pytest.mark.parametrize(
    "text",
    [
        # Words of a rarer register and names, each a round trip away from
        # something commoner: clean text, judged alone, is left alone.
        "许敖敖",  # a name on its own line: was '勍偷偷' (Big5 read as GBK)
        "皎皎",  # was '伯伯'
        "秋天的天空泬寥，万里无云。",  # was '田归'
        "旌旃蔽日",  # was '避研蔽日'
        "恁恁恁",  # a repeat is writing: was '选选选'
        "梪●",  # ● marks a lost character in old books: was '掌〈'
        "远处的岷峨，在云中若隐若现。",
    ],
)
def test_clean_words_are_not_taken_for_damage(text: str) -> None:
    assert run(text) == (text, [])


@pytest.mark.parametrize(
    "line",
    [
        # Lines of Tang/Song verse in which a few characters read back into
        # something likelier while another span of the line, turned down,
        # made the line look damaged all over.
        "飛鳶跕跕瘴煙中，歎息渠儂伎已窮。",  # was '措机色' (GBK read as Big5)
        "勉旃夔龍事，賡載冀勿隳。",  # was '研能'
        "吏咨窑甓甃，童戏芒车卷。",  # was 'Ҥ궮L' (UTF-8 read as GBK)
        "吾唐揖讓初，陛列森咎夔。",  # was '此㏒能'
        "霜戈驅少壯，敗屋葉羸耋。",  # was '媒道'
        # a repeat is writing, however long the line: was '选选选' four times
        "恁恁恁忒言清行不清，恁恁恁拚死命敌活命，恁恁恁自行病自医病，恁恁恁莫打挣，恁恁恁休折证。",
    ],
)
def test_a_span_turned_down_is_no_evidence_for_another(line: str) -> None:
    out, findings = run(line)
    assert (out, fixes(findings)) == (line, [])


def test_mojibake_written_about_in_chinese_text_stays() -> None:
    # The Debian Administrator's Handbook (zh-TW) shows what UTF-8 read as
    # ISO-8859-1 looks like; one example lost its opening quote.
    line = "祗是無法顯示 “Ã©” 或 Ã¨” 或 “Ã§” 等重音字母與符號，很可能以 UTF-8 編碼儲存。"
    out, findings = run(line)
    assert (out, fixes(findings)) == (line, [])
    # a damaged word is still a word: repaired
    out, findings = run("巴黎的 CafÃ© de Flore 很有名。")
    assert out == "巴黎的 Café de Flore 很有名。"
    assert [f.original for f in fixes(findings)] == ["Ã©"]


@pytest.mark.parametrize(
    "line",
    [
        # written for this test, in the shapes of the Debian handbook's
        # translations (pt-BR, fr, es with ASCII quotes; ar with direction
        # marks inside right-to-left quotes; de with German quotes)
        'Um texto que mostra "Ã©" ou "Ã¨" no lugar das letras foi lido errado.',
        "Des suites comme « Ã© » ou «Ã¨» remplacent les lettres accentuées.",
        "Si aparecen 'Ã±' o 'Ã³' en lugar de letras, el archivo está en UTF-8.",
        "يظهر “Ã©\u200e“ أو ”Ã¨\u200e“ بدلا من الحروف",
        "Wenn Zeichenfolgen wie „Ã©“, „Ã¨“ oder „Ã§“ angezeigt werden, ist es UTF-8.",
    ],
)
def test_quoted_examples_of_mojibake_are_reported_not_repaired(line: str) -> None:
    # A manual that explains mojibake quotes it letter by letter: the
    # quotation is the example, not damage. The German line once became
    # '劽⿹, 劽〒 oder 劽' (its quotes and the example read as GBK).
    out, findings = run(line)
    assert out == line
    assert fixes(findings) == []
    assert all(f.code.endswith("-kept") for f in findings)


def test_quoted_mojibake_inside_a_word_is_repaired() -> None:
    # a damaged word in quotes is not a quoted letter on its own
    assert run('Il a dit "cafÃ©" deux fois.')[0] == 'Il a dit "café" deux fois.'
    assert run('Il a dit "Ã©tÃ©" deux fois.')[0] == 'Il a dit "été" deux fois.'
    assert run("Er sagte „cafÃ©“.")[0] == "Er sagte „café“."


def test_a_description_character_that_describes_nothing_is_no_repair() -> None:
    from cleantext.cjkmojibake.decide import _broken_description

    assert not _broken_description("⿰亻尔")  # the shape of 你
    assert not _broken_description("⿱⿰木木木")  # nested
    assert _broken_description("劽⿹, 劽")
    assert _broken_description("字⿰")


# --- Japanese text is not Chinese mojibake (issue 9, the harm benchmark) -------

# Written for this test, in the shape of a Japanese man page's lines.
JA_PAGE = """.SH 説明
右マージンの行末揃えを設定します。
WORD: justification\t\t行末揃え
引数がなければ、行末揃えは止められます。
"""


def test_japanese_text_keeps_its_kana() -> None:
    # GBK read as Big5 would make 揃え 資片 on the short line; in a Japanese
    # text a kana in the span is the Japanese it was
    assert fix_mojibake(JA_PAGE, Context()) == (JA_PAGE, [])
    # the short line alone is not known to be Japanese (one kana of four)
    alone = "WORD: justification\t\t行末揃え\n"
    assert fix_mojibake(alone, Context())[0] == alone.replace("揃え", "資片")


def test_is_japanese_by_the_share_of_kana() -> None:
    from cleantext.steps.mojibake import is_japanese

    assert is_japanese(JA_PAGE)
    assert not is_japanese("中華民國經濟發展的速度很快")
    # Big5 read as GBK makes a few kana out of common characters: not Japanese
    damaged = "中華民國經濟發展的速度很快，我們今天去台北開會。".encode("big5")
    assert not is_japanese(damaged.decode("gbk", errors="replace"))


def test_japanese_line_gets_no_hangul_or_modifier_letters() -> None:
    from cleantext.cjkmojibake import KINDS
    from cleantext.steps.mojibake import _unjapanese

    line = "コマンドを順に処理する"
    utf8_as_gbk, gbk_as_big5 = KINDS[0], KINDS[3]
    # what a man page's 順に処 once became
    assert _unjapanese(line, 5, 8, "혤˄I", utf8_as_gbk)
    assert _unjapanese(line, 5, 8, "혤˄I", None)
    assert _unjapanese("行末揃え", 2, 4, "資片", gbk_as_big5)
    # kinds decoded as UTF-8 may take kana away (GBK makes kana of UTF-8 bytes)
    assert not _unjapanese("これは鏃ユ湰です", 3, 6, "日本", utf8_as_gbk)


# --- the proofs that a kind repairs nothing (decide._cannot_repair) -----------------

_ROOT = Path(__file__).resolve().parent.parent
# Clean lines with rare words and names (what sends clean text to the model).
_RARE = [
    "他们在邯郸种植橄榄树，贿赂案件的赃款赃物已经追回。",
    "钊颖和龚雯在乒乓球擂台上，貂蝉的故事徘徊在心头。",
    "炊烟袅袅，淅淅沥沥的雨声里，毋庸讳言，呕心沥血。",
    "鲍蕙荞、聂荣臻、濮存昕、聂玉昕出席了会议。",
    "萋萋麥隴，皎皎白駒，許敖敖與雁嚶嚶。",
]


def _proof_lines() -> list[str]:
    lines = list(SIMPLIFIED + TRADITIONAL + _RARE)
    for name in (
        "fixtures/seed-000.in.txt",
        "fixtures/gbk-news.out.txt",
        "fixtures/clean-zh.in.txt",
    ):
        path = _ROOT / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            lines += [ln[:100] for ln in text.splitlines()[::3] if ln.strip()]
    damaged = []
    kinds = [
        ("utf-8", "gb18030"),
        ("gbk", "latin-1"),
        ("big5", "gbk"),
        ("gbk", "big5"),
        ("utf-8", "big5"),
        ("utf-8", "shift_jis"),
    ]
    for i, line in enumerate(lines):
        for k, (enc, dec) in enumerate(kinds):
            if (i + k) % 2:
                continue
            a = (i * 7) % max(1, len(line) - 4)
            for part in (line, line[a : a + 6 + i % 9]):
                try:
                    bad = part.encode(enc).decode(dec, "replace")
                except UnicodeError:
                    continue
                damaged.append(line.replace(part, bad, 1))
    return lines + damaged


def test_proofs_change_no_repair(monkeypatch: pytest.MonkeyPatch) -> None:
    # the kinds the proofs leave out find nothing: the repairs of every line
    # are the same with the full search, under every set of thresholds
    from cleantext.cjkmojibake import decide
    from cleantext.plausibility import char_scores

    lines = _proof_lines()
    ths = (decide.STRICT, decide.STRICT_SEEN, decide.RELAXED, decide.DOCUMENT)
    fast = [[decide._one_layer(ln, decide.KINDS, th) for th in ths] for ln in lines]
    skipped = sum(
        decide._cannot_repair(ln, kind, decide.STRICT, lambda ln=ln: char_scores(ln))
        for ln in lines
        for kind in decide.KINDS
    )
    monkeypatch.setattr(decide, "_cannot_repair", lambda *args: False)
    full = [[decide._one_layer(ln, decide.KINDS, th) for th in ths] for ln in lines]
    assert fast == full
    assert sum(bool(r) for rs in full for r in rs) > 100  # the damaged lines are repaired
    assert skipped > len(lines)  # and the proofs leave kinds out


# --- code and data piped in without a name ------------------------------------------

# A test module in the shape of CPython's test_shelve.py, and the cases of a
# codec's tests as YAML (both written here): their mojibake is what their
# authors wrote, on purpose, not damage.
MODULE = """import unittest


class TestCase(unittest.TestCase):
    def test_keys(self):
        d = {}
        for key in ("abc", "Ã¶", "ÕÄÖÜ"):
            d[key] = len(key)
        self.assertEqual(len(d), 3)

    def test_empty(self):
        self.assertEqual(len({}), 0)


if __name__ == "__main__":
    unittest.main()
"""
CASES = "".join(
    f"- name: {name}\n  codec: {codec}\n  damaged: {text.encode(codec).decode('latin-1')}\n"
    f"  fixed: {text}\n"
    for name, codec, text in [
        ("gbk-report", "gbk", SIMPLIFIED[0]),
        ("gbk-economy", "gbk", SIMPLIFIED[3]),
        ("utf8-news", "utf-8", SIMPLIFIED[2]),
        ("gbk-taipei", "gbk", TRADITIONAL[2]),
    ]
)


@pytest.mark.parametrize("filename", [None, "-", "cases"])
def test_code_by_its_shape_keeps_its_mojibake_as_reports(filename: str | None) -> None:
    # Through a pipe (or under a name that says nothing: no suffix), the
    # page model's code evidence stands in for a '.py': what would have been
    # repaired is reported, and the text stays as it was
    from cleantext.config import Config

    assert cleantext.clean(MODULE, filename="cases.py").text == MODULE  # by its name
    out, findings = fix_mojibake(MODULE, Context(config=Config(filename=filename)))
    assert out == MODULE
    assert findings and not any(f.fixed for f in findings)
    assert all(f.code.endswith("-kept") and "shaped like code" in f.message for f in findings)
    assert {f.line for f in findings} == {7}
    assert cleantext.clean(MODULE, filename=filename).text == MODULE


def test_code_evidence_gives_way_to_the_configuration() -> None:
    # Told the text is prose (--context text), or named as Markdown, the step
    # repairs the line: the evidence only stands in for a name
    from cleantext.config import Config

    for config in (Config(context="text"), Config(filename="cases.md")):
        out, findings = fix_mojibake(MODULE, Context(config=config))
        assert out != MODULE and "Ã" not in out
        assert findings and all(f.fixed for f in findings)


def test_data_by_its_shape_is_repaired() -> None:
    # YAML's shape is no code evidence (a Debian copyright file has it, and
    # a maintainer's name in it is real mojibake): its damage is repaired
    out, findings = run(CASES)
    assert out.count(SIMPLIFIED[0]) == 2 and "Ã" not in out and "Ö" not in out
    assert len(fixes(findings)) == 4
