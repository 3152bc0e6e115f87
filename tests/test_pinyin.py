"""The pinyin step: farm annotations go, meant ones stay, remnants are reported."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.config import Config
from cleantext.findings import Finding
from cleantext.output import units
from cleantext.steps import Context, ReadingHint
from cleantext.steps import pinyin as pinyin_step
from cleantext.steps.pinyin import strip_pinyin

ANNOTATION = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[0-5]?[)）]")


def run(text: str, **config: object) -> tuple[str, list[cleantext.Finding]]:
    return strip_pinyin(text, Context(config=Config(**config)))  # type: ignore[arg-type]


# A farm-style paragraph: the same characters annotated every time.
FARM = (
    "高新區(qū)的企業(yè)在高新區(qū)發(fā)展,企業(yè)產(chǎn)值增長,園區(qū)企業(yè)創(chuàng)新。"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FARM, "高新區的企業在高新區發展,企業產值增長,園區企業創新。"),
        # Full-width parentheses, mixed widths.
        ("高新區（qū）的企業（yè）在園區（qū）和企業(yè)", "高新區的企業在園區和企業"),
        # Tone numbers and toneless forms, upper case.
        ("區(qu1)業(ye4)區(qu1)業(YE)區(qu)", "區業區業區"),
        # Simplified text.
        ("高新区(qū)的企业(yè)在园区(qū)和企业(yè)", "高新区的企业在园区和企业"),
        # Heteronyms: 乾 is qián or gān, 行 is xíng or háng.
        ("乾(qián)隆和乾(gān)淨,乾(qián)坤,銀行(háng)行(xíng)走", "乾隆和乾淨,乾坤,銀行行走"),
        # ü written as v, as u:, as ü.
        ("綠(lv4)綠(lü)綠(lu:4)綠(lǜ)", "綠綠綠綠"),
        # A character outside the URO (Extension B) is a Han character too.
        ("𠀀(hē)𠀀(he1)𠀀(he)", "𠀀𠀀𠀀"),
    ],
)
def test_farm_annotations_removed(text: str, expected: str) -> None:
    out, findings = run(text)
    assert out == expected
    fixed = [f for f in findings if f.fixed]
    # The annotations removed from one line make one finding (their count in
    # data["count"]; original is every removed annotation, in order).
    assert len(fixed) == 1
    assert units(fixed[0]) == text.count("(") + text.count("（")
    assert fixed[0].original == "".join(re.findall(r"[(（][^)）]*[)）]", text))
    assert all(f.code == "pinyin-annotation" and f.replacement == "" for f in fixed)
    assert run(out) == (out, [])


@pytest.mark.parametrize(
    ("char", "written", "via"),
    [
        # Farms annotate the Simplified text and convert it afterwards: the
        # reading is that of the Simplified counterpart (OpenCC's tables).
        ("績", "jì", "绩"),
        ("跡", "jì", "迹"),
        ("蹟", "jì", "迹"),
        ("沒", "mò", "没"),
        ("髒", "zàng", "脏"),
        ("幀", "zhēn", "帧"),
    ],
)
def test_readings_of_variants(char: str, written: str, via: str) -> None:
    text = f"高新區(qū)的園區(qū)有{char}({written})和{char}"
    out, findings = run(text)
    assert out == f"高新區的園區有{char}和{char}"
    [f] = findings
    assert f.fixed and char in f.data["chars"]
    assert f"{char}({written}) ({written} is a reading of {via}, a form of {char})" in f.message
    # Alone on its line, the finding says it in data too.
    _, findings = run(f"高新區(qū)的園區(qū)有\n{char}({written})和{char}")
    assert findings[-1].data["via"] == via and via in findings[-1].message


def test_reading_in_context_from_the_phrase_dictionary() -> None:
    # 樂 is lè or yuè; in the place name 乐亭 pypinyin's phrases read it lào.
    text = "河北省樂(lào)亭縣的高新區(qū)和園區(qū)"
    out, findings = run(text)
    assert out == "河北省樂亭縣的高新區和園區"
    assert (
        "樂(lào) (lào is how 樂 reads in 北省樂亭縣, by pypinyin's phrases)" in findings[0].message
    )
    # Alone, lào is not a reading of 樂: reported on a farm page, not removed.
    text = "高新區(qū)的園區(qū)和音樂(lào)"
    out, findings = run(text)
    assert out == "高新區的園區和音樂(lào)"
    assert [f.code for f in findings if not f.fixed] == ["pinyin-unmatched"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A space inside the brackets, as some templates write it.
        ("會(huì )議在高新區( qū)和園區（qū ）", "會議在高新區和園區"),
        # A doubled annotation, toneless, on a page whose others go.
        ("中(zhong)(zhong)國的高新區(qu)和園區(qu)", "中國的高新區和園區"),
        ("中(zhōng)(zhong)國的高新區(qū)和園區(qū)", "中國的高新區和園區"),
    ],
)
def test_annotation_forms(text: str, expected: str) -> None:
    out, findings = run(text)
    assert out == expected
    assert all(f.fixed and f.code == "pinyin-annotation" for f in findings)
    assert run(out) == (out, [])


def test_finding_fields() -> None:
    _, findings = run("第一行\n高新區(qū)\n和區(qū)")
    f = findings[0]
    assert (f.line, f.col, f.original, f.step, f.fixed) == (2, 4, "(qū)", "pinyin", True)
    assert f.data == {"char": "區", "pinyin": "qū"}
    assert findings[1].line == 3


def test_annotations_of_one_line_make_one_finding() -> None:
    # The line, the first annotation's column, how many, which: what each
    # single finding said, without a finding object per annotation.
    text = "第一行\n高新區(qū)和園區(qū)的企業(yè)\n末行"
    out, findings = run(text)
    assert out == "第一行\n高新區和園區的企業\n末行"
    [f] = findings
    assert (f.line, f.col, f.code, f.fixed) == (2, 4, "pinyin-annotation", True)
    assert (f.original, f.replacement) == ("(qū)(qū)(yè)", "")
    assert f.data == {"count": 3, "chars": "區區業"}
    assert f.message.startswith("removed 3 pinyin annotations from this line (區(qū), 業(yè))")
    assert units(f) == 3
    # A lost character's remnant between them splits the line's group.
    text = "高新區(qū)和?zhí)園區(qū)的企業(yè)"
    out, findings = run(text)
    assert out == "高新區和?園區的企業"
    assert [(f.code, f.col, units(f)) for f in findings] == [
        ("pinyin-annotation", 4, 1),
        ("lost-character", 9, 1),
        ("pinyin-annotation", 16, 2),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "全國首創“高新貸”(針對科技型企業提供的無抵押貸款),為50家企業",
        "見附件(1)、(2)和(注)。全文(完)",
        "北京(Beijing)和上海(Shanghai)是城市(city)",
        "會議於2023年(3月1日)舉行(上午)",
        "函數f(x)和g(y)",
        "區(qu3)區(xu)",  # wrong tone, not a reading
        "中國(China)人(people)",
        "孔子說仁(ren)",  # a single romanised gloss: kept (reported)
    ],
)
def test_legitimate_parentheses_stay(text: str) -> None:
    out, findings = run(text)
    assert out == text
    assert not [f for f in findings if f.fixed]


def test_sparse_teaching_annotations_are_kept_and_reported() -> None:
    text = (
        "今天學習多音字。「行」在「行走」裡讀作行(xíng),在「銀行」裡讀作行(háng)。"
        "「乾」在「乾坤」裡讀作乾(qián)。"
        "這些字要多讀多寫,才能記住它們的讀音和意思,課後請同學們完成練習冊上的題目。"
    )
    out, findings = run(text)
    assert out == text
    kept = [f for f in findings if f.code == "pinyin-kept"]
    assert len(kept) == 3 and not any(f.fixed for f in kept)
    assert kept[0].data["evidence"]["farm_pattern"] is False


def test_one_annotation_in_a_long_text_is_kept() -> None:
    text = "婺(wù)源是江西的一個縣,風景很美,每年春天都有很多遊客前來觀賞油菜花。" * 3
    # Same pair three times, but 3 annotations in ~100 Han characters is
    # above the density threshold: a farm would look like this. Make it sparse.
    sparse = text.replace("婺(wù)", "婺", 2)
    out, findings = run(sparse)
    assert out == sparse
    assert [f.code for f in findings] == ["pinyin-kept"]


def test_lost_character_remnant_removed_keeping_the_mark() -> None:
    # '?zhí)': the character and its '(' were lost; 'zhí)' is never content.
    text = "“復興號”“蛟龍?zhí)”“海燕號”"
    out, findings = run(text)
    assert out == "“復興號”“蛟龍?”“海燕號”"
    [f] = findings
    assert (f.code, f.fixed, f.original, f.replacement, f.col) == (
        "lost-character",
        True,
        "?zhí)",
        "?",
        9,
    )
    assert f.data["pinyin"] == "zhí" and "zhí" in f.message
    assert run(out) == (out, [])
    # The whole annotation survived the character: '?(zhí)'; full-width forms.
    assert run("蛟龍?(zhí)號")[0] == "蛟龍?號"
    assert run("蛟龍？（zhi2）號")[0] == "蛟龍？號"


def test_toneless_remnant_only_on_a_farm_page() -> None:
    # Without a tone, 'an)' after '?' could be anything: reported, not removed.
    text = "他問:是嗎?an)好"
    out, findings = run(text)
    assert out == text
    assert [(f.code, f.fixed) for f in findings] == [("lost-character", False)]
    farm = "高新區(qū)的園區(qū)和企業(yè)," + text
    assert run(farm)[0] == "高新區的園區和企業,他問:是嗎?好"


def test_truncated_annotation_reported() -> None:
    text = "國家高新技術產(chǎn)業(yè)開發區(qū)的批復,產(chǎn)業(yè)產(ch\n下一行"
    out, findings = run(text)
    assert out == "國家高新技術產業開發區的批復,產業產(ch\n下一行"
    [f] = [f for f in findings if not f.fixed]
    assert (f.code, f.line, f.original) == ("truncated-annotation", 1, "(ch")
    assert f.data == {"char": "產", "pinyin": "ch"}
    assert run(out)[0] == out


def test_not_a_truncation() -> None:
    text = "附錄(A\n圖表(see"
    assert run(text) == (text, [])


def test_markdown_code_left_alone() -> None:
    text = "高新區(qū)企業(yè)區(qū)\n\n`區(qū)`\n\n```\n業(yè)\n```\n"
    out, _ = run(text, filename="a.md")
    assert out == "高新區企業區\n\n`區(qū)`\n\n```\n業(yè)\n```\n"


def test_hints_for_convert() -> None:
    ctx = Context(config=Config())
    ctx.line_map = [1, 5]
    out, _ = strip_pinyin("區(qū)區(qū)\n區(qū)乾(qián)隆,看著(zhe)", ctx)
    assert out == "區區\n區乾隆,看著"
    # Line 2 of the input is line 5 of the original; columns index the output.
    assert ctx.readings == {5: [ReadingHint(1, "乾", "qian", 2), ReadingHint(5, "著", "zhe", None)]}
    assert out.split("\n")[1][1] == "乾" and out.split("\n")[1][5] == "著"


@pytest.mark.parametrize("fast", [True, False])
def test_no_hints_unless_kept(fast: bool) -> None:
    # The pipeline sets keep_readings only when convert runs: the text and
    # findings are the same either way, the hints are left only when kept.
    line = "區(qū)乾(qián)隆,看著(zhe)於(yú)"
    text = "\n".join([line, "青島高新區(qū)", line] * 4) + "\n"
    got = {}
    for keep in (True, False):
        ctx = Context(config=Config(), keep_readings=keep)
        ctx.line_map = list(range(1, text.count("\n") + 2))
        out, findings = pinyin_step._strip(text, ctx, fast=fast)
        got[keep] = (out, [f.to_dict() for f in findings])
        assert bool(ctx.readings) == keep
    assert got[True] == got[False]
    assert "乾隆" in got[False][0]


def test_the_pipeline_keeps_hints_only_for_convert() -> None:
    # OpenCC alone makes a lone 乾 干; the hint the pinyin step leaves (read
    # qián) keeps it: the pipeline keeps the hints when convert runs.
    text = "乾(qián)位乾(qián)德\n"
    assert cleantext.clean(text, to_simplified=True).text == "乾位乾德\n"
    assert cleantext.clean(text, only=("pinyin", "convert"), convert="t2s").text == "乾位乾德\n"
    assert cleantext.clean(text).text == "乾位乾德\n"


def test_seed_page(seed_text: str) -> None:
    text = seed_text
    ctx = Context(config=Config())
    ctx.line_map = list(range(1, 82))
    out, findings = strip_pinyin(text, ctx)
    lines = out.split("\n")
    assert len(lines) == 81
    assert lines[6] == "青島高新區:打造“一區多園”青島模式"
    assert lines[4] == "當前位置:主頁 > 新聞中心 > 高新區新聞 >"
    # The genuine parenthesis stays; the annotation inside it goes.
    assert "“高新貸”(針對科技型企業提供的無抵押無擔保類純信用貸款,區財政" in lines[30]
    assert "分擔風險)," in lines[30]
    # No annotation is left, nor the lost character's remnant.
    assert ANNOTATION.findall(out) == []
    assert "zhí)" not in out and out.count("蛟龍??rdquo;") == 2
    fixed = [f for f in findings if f.fixed and f.code == "pinyin-annotation"]
    assert sum(map(units, fixed)) == len(ANNOTATION.findall(text))
    assert "".join(f.original for f in fixed) == "".join(
        ANNOTATION.findall(text.replace("?zhí)", "?"))
    )
    lost = [(f.line, f.fixed, f.data.get("pinyin")) for f in findings if f.code == "lost-character"]
    assert lost == [(29, True, "zhí"), (69, True, "zhí")]
    assert not [f for f in findings if not f.fixed]
    # NBSP lines, ASCII commas, curly quotes: exactly what removing the
    # annotations and the remnants leaves, nothing else.
    assert ANNOTATION.sub("", text).replace("?zhí)", "?") == out
    again, findings2 = strip_pinyin(out, Context(config=Config()))
    assert again == out and not [f for f in findings2 if f.fixed]


_HAN = st.sampled_from(list("區業產創發中文字乾行高新園"))
_PIECES = st.one_of(
    _HAN,
    st.sampled_from(
        ["(qū)", "(yè)", "（chǎn）", "(qián)", "(1)", "(注)", "(ch", "?zhí)", "\n", ",", " "]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_idempotent(text: str) -> None:
    once, _ = run(text)
    twice, findings = run(once)
    assert twice == once
    assert not [f for f in findings if f.fixed]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="(（", blacklist_categories=("Cs",))))
def test_no_bracket_no_change(text: str) -> None:
    out, findings = run(text)
    assert out == text
    assert not [f for f in findings if f.fixed]


def test_clean_text_does_not_import_pypinyin_or_load_the_table() -> None:
    code = (
        "import sys, cleantext; from cleantext import readings;"
        "r = cleantext.clean('中文(1)（注）沒有注音。'*100);"
        "assert 'pypinyin' not in sys.modules;"
        "assert readings._table.cache_info().currsize == 0, 'table loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seed_through_entities_and_pinyin(seed_bytes: bytes, seed_text: str) -> None:
    data = seed_bytes
    r = cleantext.clean(data, only=("entities", "pinyin"))
    expected = ANNOTATION.sub("", seed_text).replace("?zhí)?rdquo;", "?”")
    assert r.text == expected
    assert not r.reports
    [lost, *_] = [f for f in r.fixes if f.code == "lost-character"]
    assert lost.data["pinyin"] == "zhí" and "zhí" in lost.message
    again = cleantext.clean(r.data, only=("entities", "pinyin"))
    assert again.text == r.text and not again.fixes


def test_unmatched_syllable_reported_in_a_farm_page() -> None:
    # 区 is annotated with qū everywhere; 企 (qǐ) carries yè, which is not its reading.
    text = "高新區(qū)的園區(qū)和企(yè)業(yè)"
    out, findings = run(text)
    assert out == "高新區的園區和企(yè)業"
    [f] = [f for f in findings if not f.fixed]
    assert (f.code, f.original, f.data["char"]) == ("pinyin-unmatched", "(yè)", "企")
    # Outside a farm page, such parentheses are not reported.
    assert run("他是企(yè)業家") == ("他是企(yè)業家", [])


def test_reading_table_is_sorted_and_bisected() -> None:
    # readings._entry bisects the table's lines: they must be sorted by
    # character, one line each; every character is found, and so is nothing
    # for the characters between them (near misses on both sides of each).
    from cleantext import readings

    table = readings._table()
    lines = table[1:].rstrip("\n").split("\n")
    keys = [line.split("\t", 1)[0] for line in lines]
    assert all(len(k) == 1 for k in keys)
    assert keys == sorted(set(keys))
    for line, key in zip(lines[::97], keys[::97]):
        reads, _, var = line[2:].partition("\t")
        assert readings._entry(key) == (reads, var)
        for near in (chr(ord(key) - 1), chr(ord(key) + 1)):
            if near not in keys:
                assert readings._entry(near) == ("", "")
    assert readings._entry(keys[0]) != ("", "") and readings._entry(keys[-1]) != ("", "")
    for outside in ("#", "\n", "\t", "a", "\U00100000", "", "區區"):
        assert readings._entry(outside) == ("", "")


@pytest.mark.parametrize("step", [None, 1, 7, 100, 10**9])
def test_reading_table_lookups_from_the_landmarks(
    step: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """_entry's search starts between the landmarks around the character:
    every character of the table and every one next to one (near misses on
    both sides, the table's ends, past them) is found as a dict of the
    table's lines finds it, with the landmarks of every line or several to a
    line (steps 1 and 7), a few lines apart, and a single one (the search of
    the whole table, as before there were landmarks)."""
    from cleantext import readings

    table = readings._table()
    lines = table[1:].rstrip("\n").split("\n")
    ref = {line[0]: tuple(line[2:].partition("\t")[::2]) for line in lines}
    if step is not None:
        monkeypatch.setattr(readings, "LANDMARK_STEP", step)
    readings._landmarks.cache_clear()
    readings._entry.cache_clear()
    try:
        codes = {ord(ch) + d for ch in ref for d in (-1, 0, 1)} | {0, 0x10FFFF}
        asked = [chr(cp) for cp in sorted(codes) if not 0xD800 <= cp <= 0xDFFF]
        for ch in asked if step in (None, 10**9) else asked[::13]:
            assert readings._entry.__wrapped__(ch) == ref.get(ch, ("", "")), repr(ch)
    finally:
        readings._landmarks.cache_clear()
        readings._entry.cache_clear()


def test_written_out_syllables_are_the_tables() -> None:
    from cleantext import readings

    assert readings.SYLLABLES == readings._syllables_of_table()
    assert readings.is_syllable("qū") and not readings.is_syllable("IDE")


def test_a_grouped_finding_holds_its_original_in_utf8() -> None:
    # Read, it is the str of every removed annotation in order; held, its
    # UTF-8 bytes; copied, pickled or compared, a plain Finding's.
    import pickle

    from cleantext.steps import pinyin as pinyin_step

    line = "園區(qū)企（qǐ）業(yè)的產(chǎn)值"
    text = "\n".join([FARM, "", line] * 2) + "\n"
    for fast in (True, False):
        _, findings = pinyin_step._strip(text, Context(), fast=fast)
        (f,) = [f for f in findings if f.line == 3]
        assert type(f) is pinyin_step._GroupFinding
        assert f.original == "(qū)（qǐ）(yè)(chǎn)"
        assert pinyin_step._ORIGINAL.__get__(f, Finding) == f.original.encode()
        plain = pickle.loads(pickle.dumps(f))
        assert type(plain) is Finding and plain == f and plain.original == f.original
        g = f.with_(original="(qū)")
        assert g.original == "(qū)" and g.message == f.message
        assert f.to_dict()["original"] == "(qū)（qǐ）(yè)(chǎn)"


def test_a_line_met_again_gives_its_finding_from_the_same_strings() -> None:
    """A farm page's article saved twice (the fast path): each line of the
    second copy gives the finding its first occurrence gave, at its own
    line, made of the same strings (no copy of a message per finding), and
    the general path says exactly the same."""
    from cleantext.steps import pinyin as pinyin_step

    article = [FARM, "", "園區(qū)企業(yè)的產(chǎn)值", "高新區(qū)"]
    text = "\n".join(article * 2) + "\n"
    text = text * 3  # more candidates than FARM_PROBE: the fast path
    assert text.count("(") > pinyin_step.FARM_PROBE
    out, findings = run(text)
    assert pinyin_step._strip_farm(text, Context()) is not None
    assert len(findings) == 3 * 2 * 3
    for a, b in zip(findings[:3], findings[3:6], strict=True):
        assert b.line == a.line + len(article)
        assert (b.message, b.original, b.data) == (a.message, a.original, a.data)
        # (held, not read: a grouped finding's original is held in UTF-8)
        held = pinyin_step._ORIGINAL.__get__
        assert held(b, Finding) is held(a, Finding)
        if "chars" in a.data:  # a grouped finding's data is made when read, of its strings
            assert b.data["chars"] is a.data["chars"]
        else:
            assert b.data is a.data
    general = pinyin_step._strip(text, Context(), fast=False)
    assert general[0] == out
    assert [f.to_dict() for f in general[1]] == [f.to_dict() for f in findings]


def test_a_grouped_finding_is_a_plain_finding_to_its_readers() -> None:
    """A line's grouped finding writes its message and its data when read
    (it holds the labels it names, the count and the characters, not the
    sentence and a dict); to every reader it is a Finding:
    the same fields and dict, repr, equality (both ways), pickling and
    copying (to a plain Finding), ``with_``."""
    import copy
    import pickle

    from cleantext.findings import Finding

    _, [f] = run("第一行\n高新區(qū)和園區(qū)的企業(yè)\n末行")
    plain = Finding(
        "pinyin", 2, 4, "pinyin-annotation", f.message, original="(qū)(qū)(yè)",
        replacement="", data={"count": 3, "chars": "區區業"},
    )  # fmt: skip
    assert f.message == (
        "removed 3 pinyin annotations from this line (區(qū), 業(yè)), each a reading of the "
        "character before it"
    )
    assert f == plain and plain == f and not (f != plain)
    assert f != plain.with_(line=3) and plain.with_(line=3) != f
    assert repr(f) == repr(plain) and f.to_dict() == plain.to_dict()
    for other in (pickle.loads(pickle.dumps(f)), copy.copy(f), copy.deepcopy(f)):
        assert type(other) is Finding and other == plain and repr(other) == repr(plain)
    g = f.with_(message="kept; would have " + f.message, fixed=False)
    assert g.message == "kept; would have " + plain.message and not g.fixed
    assert f.with_(line=9).message == plain.message and f.with_(line=9).data == plain.data
    assert f.with_(data={"x": 1}).data == {"x": 1} and f.data == plain.data


_BRACKET_PIECES = st.sampled_from(
    [
        "區",
        "中",
        "記",
        "a",
        "(",
        "（",
        ")",
        "）",
        " ",
        "\u3000",
        "qū",
        "zhong",
        "1",
        "5",
        ":",
        "?",
        "？",
    ]
    + ["\ufffd", "\n", "(qū)", "(zhong)", ")(", "）（", ") (", ")( q", "ü", "\u0304"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_BRACKET_PIECES, max_size=40).map("".join))
def test_the_copy_and_lost_scans_find_what_the_patterns_find(text: str) -> None:
    """The farm path's test for a copy (中(zhong)(zhong)) looks only where
    brackets meet before a syllable's letter; the lost characters' remnants
    are matched at each mark, or the text scanned once it has more than
    FEW_MARKS (also when that is found part of the way through the marks):
    the same answers as the patterns' own scans, on texts built to be almost
    caught (brackets meeting before a space, a digit, a Han character; marks
    before brackets without a syllable)."""
    from cleantext.steps import pinyin as pinyin_step

    assert pinyin_step._has_copy(text) == (pinyin_step._copy().search(text) is not None)
    scanned = [m.span() for m in pinyin_step._LOST.finditer(text)]
    assert [m.span() for m in pinyin_step._lost_matches(text)] == scanned
    old = pinyin_step.FEW_MARKS
    try:
        for few in (0, 1, 2, 3):
            pinyin_step.FEW_MARKS = few
            assert [m.span() for m in pinyin_step._lost_matches(text)] == scanned
    finally:
        pinyin_step.FEW_MARKS = old


def test_the_fast_path_tells_a_repeat_as_the_general_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The farm rule's repeat (a character read with the same syllable twice)
    is found by the fast path within a line, across lines, by two writings of
    one annotation, across blocks (a small SUB_BLOCK), or not at all: when the
    other figures leave the decision to it, the fast path gives up exactly
    when the general path leaves the text alone, and else says what it says."""
    from cleantext.steps import pinyin as pinyin_step

    prose = "今天的天氣很好，我們一起去公園散步，然後回家吃飯。" * 2
    texts = {
        "no repeat": f"園區(qū)的企業(yè){prose}\n",
        "one line": f"園區(qū)和區(qū)的企業(yè){prose}\n",
        "two lines": f"園區(qū)的企業(yè){prose}\n高新區(qū){prose}\n",
        "two writings": f"園區(qū)的企業(yè){prose}\n高新區（qū）{prose}\n",
        "two blocks": f"園區(qū)的企業(yè){prose}\n" + "\n" * 40 + f"高新區(qū){prose}\n",
        "two blocks, no repeat": f"園區(qū)的企業(yè){prose}\n" + "\n" * 40 + f"產(chǎn){prose}\n",
        # (met again in a later block: the line's keys are that block's
        # only annotations, judged in the first)
        "a line again": f"園區(qū)的企業(yè){prose}\n" + "\n" * 40 + f"園區(qū)的企業(yè){prose}\n",
    }
    for small in (False, True):
        if small:
            monkeypatch.setattr(pinyin_step, "SUB_BLOCK", 32)
        for name, text in texts.items():
            fast = pinyin_step._strip_farm(text, Context())
            general = pinyin_step._strip(text, Context(), fast=False)
            if fast is None:
                assert "no repeat" in name, name
                assert general[0] == text, name
            else:
                assert "no repeat" not in name, name
                assert fast[0] == general[0] != text, name
                assert [f.to_dict() for f in fast[1]] == [f.to_dict() for f in general[1]]


def test_a_refused_annotation_past_the_named_ones_gives_the_fast_path_up() -> None:
    """The fast path judges a line's first NAMED_IN_MESSAGE + 1 distinct
    annotations with the line and the rest of the block after it: a refused
    one there (的(qū): qū does not read 的) gives up as one among the first
    does, and the text goes to the general path; one fewer is a farm page."""
    from cleantext.steps import pinyin as pinyin_step

    good = [
        "園區(qū)",
        "企（qǐ）",
        "業(yè)",
        "產(chǎn)",
        "發(fā)",
        "創(chuàng)",
        "中(zhōng)",
        "心(xīn)",
    ]
    assert len(good) > pinyin_step.NAMED_IN_MESSAGE + 1
    prose = "今天的天氣很好，我們一起去公園散步。"
    farm = "".join(good) + prose + "\n" + "".join(good) + prose + "\n"
    for refused_at in (0, 3, len(good)):  # among the named ones, and past them
        line = good[:refused_at] + ["的(qū)"] + good[refused_at:]
        text = farm + "".join(line) + prose + "\n"
        assert pinyin_step._strip_farm(text, Context()) is None, refused_at
    fast = pinyin_step._strip_farm(farm, Context())
    general = pinyin_step._strip(farm, Context(), fast=False)
    assert fast is not None and fast[0] == general[0] != farm
    assert [f.to_dict() for f in fast[1]] == [f.to_dict() for f in general[1]]


def test_a_grouped_finding_made_from_positions_has_each_field_in_its_place() -> None:
    # _made_group fills a Finding's fields by position (the fast way): each
    # value must land in the field it means, the others keep their defaults.
    from dataclasses import fields

    from cleantext.steps import pinyin as pinyin_step

    f = pinyin_step._made_group(7, 3, "msg", "(qū)", {"k": 1}, ("a",), 1, "區")
    want = Finding(
        step="pinyin",
        line=7,
        col=3,
        code="pinyin-annotation",
        message="msg",
        fixed=True,
        original="(qū)",
        replacement="",  # the annotation is removed
        data={"k": 1},
    )
    for field in fields(Finding):
        assert getattr(f, field.name) == getattr(want, field.name), field.name
