"""A farm that writes pinyin into GBK bytes, inside a character.

Scraped pages of the seed's family (a Traditional-Chinese mirror of a
blogging site, a marketing news site) carry ``因?yàn)槲也幌灿^看連載``: the
farm wrote an annotation between the two bytes of 為 (GBK 9E E9), so its
first byte and the bracket read as ``?`` and every character after it reads
one byte out of step (E9 CE = 槲, D2 B2 = 也...) until a second byte that is
ASCII (``^``, of 觀 D3 5E) brings the reading back in step. The seed's own
``蛟龍?zhí)?rdquo;`` is the same damage, its out-of-step byte eating the
``&`` of ``&rdquo;``. Read again one byte on, the run is 我不喜觀: the
pinyin step does so after a remnant with no bracket and a tone, when every
byte decodes and the reading is clearly more plausible, and keeps the ``?``
for the lost character. The sentences below were written for these tests
and damaged by :func:`damage` the way the farm does.
"""

from __future__ import annotations

import unicodedata

import pytest

from cleantext import Finding, Result, clean


def damage(sentence: str, i: int, reading: str) -> str:
    """``sentence`` with ``reading`` written inside its character ``i``
    (between its two GBK bytes), as the farm's pages show it: ``?`` for the
    first byte and the bracket, the remnant, then the bytes from the second
    one on read as GBK."""
    data = sentence.encode("gbk")
    at = len(sentence[:i].encode("gbk"))
    return sentence[:i] + "?" + reading + ")" + data[at + 1 :].decode("gbk")


#: Lines of a farm page with its annotations, before the line tested: the
#: annotations after a run read in step go with the page's.
FARM_PAGE = "最近老公問(wèn)我:“怎么不見(jiàn)你下載小說(shuō)看了?”\n" * 3


def misaligned(r: Result) -> list[Finding]:
    """The findings of runs read again in step."""
    return [f for f in r.findings if f.code == "misaligned-bytes"]


@pytest.mark.parametrize(
    ("sentence", "i", "reading", "damaged"),
    [
        # a run ended by an ASCII second byte (g: 歡 is 9A 67)
        (
            "我們因為喜歡讀書，所以每天都去圖書館。",
            2,
            "yīn",
            "我們?yīn)驗橄矚g讀書，所以每天都去圖書館。",
        ),
        # one character out of step (≌f: 小's A1, then 說 D5 66)
        (
            "他說這本小說的故事非常精彩，值得一讀。",
            4,
            "běn",
            "他說這本?běn)≌f的故事非常精彩，值得一讀。",
        ),
        # the lost character's second byte is ASCII itself (廳 8F 64)
        ("這家餐廳的菜很好吃，價格也不貴。", 3, "cān", "這家餐?cān)d的菜很好吃，價格也不貴。"),
    ],
)
def test_run_out_of_step_is_read_again(sentence: str, i: int, reading: str, damaged: str) -> None:
    assert damage(sentence, i, reading) == damaged
    r = clean(damaged)
    assert r.text == sentence[:i] + "?" + sentence[i + 1 :]
    [f] = misaligned(r)
    assert f.fixed
    assert (f.step, f.line) == ("pinyin", 1)
    assert f.replacement == sentence[i + 1 : i + 1 + len(f.replacement)]
    assert clean(r.text).text == r.text  # idempotent


def test_run_ended_by_another_lost_character() -> None:
    # 如's second byte E7 starts the run; 者 D5 DF is its last character in
    # step, and the first byte of 請 (D5) is left unpaired before the next
    # lost character's '?', which marks it
    sentence = "請問如何成為作者"
    data = sentence.encode("gbk")
    damaged = "請問?nèi)" + (data[5:] + "請".encode("gbk")[:1]).decode("gbk") + "?qǐng)聯繫我們。"
    assert damaged == "請問?nèi)绾纬蔀樽髡哒?qǐng)聯繫我們。"
    r = clean(damaged)
    assert r.text == "請問?何成為作者?聯繫我們。"


def test_an_annotation_after_the_run_goes_with_the_page_annotations() -> None:
    # read in step, 說 has its annotation (shuō) after it, taken off as the
    # page's other annotations are
    damaged = FARM_PAGE + "他說這本?běn)≌f(shuō)的故事非常精彩。\n"
    r = clean(damaged)
    assert r.text.endswith("他說這本?說的故事非常精彩。\n")


@pytest.mark.parametrize(
    "text",
    [
        # a bracket: the '?' is a whole lost character, nothing is out of step
        "記者問?(wèn)市長明天的安排A，他沒有回答。",
        # in step already: read one byte on, it would be garbage
        "記者問?wèn)市長明天的安排A，他沒有回答。",
        # no ASCII byte nor lost character to end the run
        "記者問?wèn)市長明天的安排，他沒有回答。",
    ],
)
def test_text_in_step_is_left_as_it_is(text: str) -> None:
    r = clean(text)
    assert not misaligned(r)
    assert "市長明天的安排" in r.text


# A lost first byte of '。' (A1 A3): its second byte A3 reads with the next
# character's first as a full-width form ('，' for A3 AC), folded to ASCII
# by NFKC in scraped corpora (the seed's commas are ASCII), and that
# character's second byte, ASCII in GBK (現 is AC 46), reads as itself.
# Real pages of the seed's family show '態度等?,F(xiàn)代漢語'.


def damage_lead(sentence: str, i: int, *, fold: bool = True) -> str:
    """``sentence`` with the first byte of its ``。`` at ``i`` lost: ``?``,
    then the bytes from its second on read as GBK (which holds here: the
    characters tested end the run with an ASCII byte), folded by NFKC."""
    data = sentence.encode("gbk")
    at = len(sentence[:i].encode("gbk"))
    out = sentence[:i] + "?" + data[at + 1 :].decode("gbk")
    return unicodedata.normalize("NFKC", out) if fold else out


READ = "他們討論了許多問題。現(xiàn)代漢語的傳信範疇很有意思。"


@pytest.mark.parametrize("fold", [True, False])
def test_lost_full_stop_read_in_step_by_its_annotation(fold: bool) -> None:
    damaged = damage_lead(READ, 9, fold=fold)
    assert damaged == (
        "他們討論了許多問題?,F(xiàn)代漢語的傳信範疇很有意思。"
        if fold
        else "他們討論了許多問題?，F(xiàn)代漢語的傳信範疇很有意思。"
    )
    # on a page of the farm's annotations, taken off as the others are
    r = clean(FARM_PAGE + damaged + "\n")
    assert r.text.endswith("\n他們討論了許多問題?現代漢語的傳信範疇很有意思。\n")
    [f] = misaligned(r)
    assert f.fixed
    assert (f.step, f.line, f.col, f.replacement) == ("mojibake", 4, 11, "現")
    assert clean(r.text).text == r.text
    # alone, the character is read in step and its one annotation kept
    alone = clean(damaged).text
    assert alone == "他們討論了許多問題?現(xiàn)代漢語的傳信範疇很有意思。"


@pytest.mark.parametrize(
    "text",
    [
        # no annotation to bear the character out
        "他們討論了許多問題?,F代漢語的傳信範疇很有意思。",
        # an annotation that is not a reading of 現
        "他們討論了許多問題?,F(chǔ)代漢語的傳信範疇很有意思。",
        # a question and English after it
        "你知道嗎?,Yes(yes) 就是這樣。",
    ],
)
def test_lost_full_stop_left_without_evidence(text: str) -> None:
    r = clean(text)
    assert not misaligned(r)
    assert r.text == text


def test_lost_full_stop_in_code_is_left() -> None:
    damaged = damage_lead(READ, 9)
    source = f'MESSAGE = "{damaged}"\n'
    assert clean(source, filename="messages.py").text == source


def damage_dropping(sentence: str, i: int, reading: str) -> str:
    """:func:`damage`, by a decoder that drops the pairs of bytes it cannot
    decode (GBK's user-defined area) and shows an unpaired first byte as
    ``?``, as the farm's pages suggest (``等?;诘乩韺W``: 。基于地理學 with
    F9 D3, 基's second byte and 于's first, gone)."""
    data = sentence.encode("gbk")
    at = len(sentence[:i].encode("gbk"))
    return sentence[:i] + "?" + reading + ")" + _farm_decode(data[at + 1 :])


def _farm_decode(rest: bytes) -> str:
    out, k = [], 0
    while k < len(rest):
        if rest[k] < 0x80:
            out.append(chr(rest[k]))
            k += 1
        elif k + 1 < len(rest) and rest[k + 1] >= 0x40:
            try:
                out.append(rest[k : k + 2].decode("gbk"))
            except UnicodeDecodeError:
                pass  # dropped
            k += 2
        else:
            out.append("?")
            k += 1
    return "".join(out)


@pytest.mark.parametrize(
    ("sentence", "i", "damaged"),
    [
        # 基 is BB F9: out of step, F9 pairs with the next first byte in the
        # user-defined area and the pair is gone; read again over the gap,
        # the run would be 為痪的道理而決 (BB and 本's second byte)
        ("我們因為基本的道理而決定離開家鄉。", 2, "我們?yīn)驗榛镜牡览矶鴽Q定離開家鄉。"),
        # read again, 火暷工作很重
        ("大家都認為基金會的工作很重要。", 4, "大家都認?yīn)榛饡墓ぷ骱苤匾?"),
        # read again, 問籄 (礎 is B5 41)
        ("老師問基礎知識是否已經學會了。", 1, "老?yīn)焼柣A知識是否已經學會了。"),
    ],
)
def test_run_over_a_dropped_pair_is_left(sentence: str, i: int, damaged: str) -> None:
    assert damage_dropping(sentence, i, "yīn") == damaged
    r = clean(damaged)
    assert not misaligned(r)
    assert r.text.startswith(damaged[: damaged.index("?") + 1])


def test_a_gap_is_likelier_than_its_splice() -> None:
    from cleantext.cjkmojibake.realign import over_a_gap

    assert over_a_gap("我們因", "為痪的道理而決", "定離開")
    assert not over_a_gap("我們因", "為基本的道理而決", "定離開")
    # a full-width letter between Han: '，' and 向 with their pair lost
    assert over_a_gap("各族", "人民ｒ香港", "特別行")


@pytest.mark.parametrize(
    ("sentence", "i", "damaged", "read"),
    [
        # 。《漢 is A1 A3 A1 B6 9D 68: A3 A1 is '！' (NFKC: '!'), B6 9D 稘,
        # and 68, 漢's second byte, 'h' in step
        (
            "我倒糊塗起來了。《漢語大辭典》說得清楚。",
            7,
            "我倒糊塗起來了?!稘h語大辭典》說得清楚。",
            "《漢",
        ),
        # 。”雖 is A1 A3 A1 B1 EB 6D: '！', 彪, 'm'
        (
            "他說同為不可廢。”雖說如此，大家仍有疑問。",
            7,
            "他說同為不可廢?!彪m說如此，大家仍有疑問。",
            "”雖",
        ),
    ],
)
def test_lost_full_stop_run_read_in_step(sentence: str, i: int, damaged: str, read: str) -> None:
    assert damage_lead(sentence, i, fold=False).replace("！", "!") == damaged
    r = clean(damaged)
    assert r.text == sentence[:i] + "?" + sentence[i + 1 :]
    [f] = misaligned(r)
    assert f.fixed
    assert (f.step, f.replacement) == ("mojibake", read)
    assert clean(r.text).text == r.text


def test_lost_full_stop_run_over_a_dropped_pair_is_left() -> None:
    # 。基于地理學 is A1 A3 BB F9 D3 DA ...: out of step, F9 D3 is in the
    # user-defined area and dropped; read again, the run would be 悔地理學
    sentence = "大家討論得很熱烈。基于地理學的觀點，結論不同。"
    i = sentence.index("。")
    data = sentence.encode("gbk")
    at = len(sentence[:i].encode("gbk"))
    damaged = unicodedata.normalize("NFKC", sentence[:i] + "?" + _farm_decode(data[at + 1 :]))
    assert damaged == "大家討論得很熱烈?;诘乩韺W的觀點,結論不同。"
    r = clean(damaged)
    assert not misaligned(r)
    assert r.text == damaged


def test_a_run_of_two_halves_is_removed_and_said_so() -> None:
    # ⅲ is A2 A3: the second byte of the character lost before it and the
    # first of the one lost after it (the next '?'): nothing of its own
    r = clean(FARM_PAGE + "根據用戶的入?yún)ⅲ?qǐng)求參數處理。\n")
    assert r.text.endswith("\n根據用戶的入??求參數處理。\n")
    [f] = misaligned(r)
    assert f.fixed
    assert (f.original, f.replacement) == ("ⅲ", "")
    assert "removed" in f.message and "''" not in f.message
