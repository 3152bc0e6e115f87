"""The decode step: fast path, BOMs, UTF-16/32, detection of short legacy
inputs, forced encodings, mixed files, lossy input, writing back."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.config import Config
from cleantext.decode import (
    Decoded,
    Run,
    declared_encoding,
    decode_bytes,
    encode_text,
    normalize_encoding,
    rank_candidates,
)
from cleantext.errors import BinaryInputError, CleantextError

CFG = Config()
SEED = "針對科技型企業提供融資服務，分擔銀行信貸風險。"


def roundtrip(data: bytes, config: Config = CFG) -> bytes:
    d = decode_bytes(data, config)
    return encode_text(d.text, d, config)


# --- UTF-8: fast path, byte for byte ---------------------------------------


@given(st.text())
def test_valid_utf8_is_byte_identical(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # lone surrogates are not valid UTF-8
    if data.startswith(codecs.BOM_UTF8) or (b"\x00" in data) or (b"\x1b" in data):
        return  # a BOM, UTF-16 NUL patterns and ISO-2022 escapes have their own tests
    d = decode_bytes(data, CFG)
    assert d.text == text and d.encoding == "utf-8" and not d.lossy and not d.findings
    assert encode_text(d.text, d, CFG) == data


def test_crlf_and_bom_are_kept() -> None:
    data = codecs.BOM_UTF8 + "第一行\r\n第二行\r\n".encode()
    d = decode_bytes(data, CFG)
    assert d.bom and d.encoding == "utf-8" and d.text == "第一行\r\n第二行\r\n"
    assert encode_text(d.text, d, CFG) == data


def test_seed_page_takes_the_fast_path(seed_bytes: bytes) -> None:
    data = seed_bytes
    d = decode_bytes(data, CFG)
    assert (d.encoding, d.confidence, d.bom, d.lossy) == ("utf-8", 1.0, False, False)
    assert encode_text(d.text, d, CFG) == data


def test_fast_path_does_not_load_the_score() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from cleantext.config import Config;"
        "from cleantext.decode import decode_bytes; from cleantext import plausibility;"
        "decode_bytes('中文'.encode(), Config());"
        "print(bool(plausibility._UNI), 'charset_normalizer' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


# --- BOMs and UTF-16/32 ----------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_boms(codec: str, bom: bytes, name: str) -> None:
    data = bom + SEED.encode(codec)
    d = decode_bytes(data, CFG)
    assert (d.text, d.encoding, d.bom) == (SEED, name, True)
    assert encode_text(d.text, d, CFG) == SEED.encode()  # output is UTF-8
    assert encode_text(d.text, d, Config(keep_encoding=True)) == data  # BOM written back


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_without_bom_from_nuls(codec: str) -> None:
    text = "Hello, world.\nThis line is ASCII, 這一行不是。\n"
    d = decode_bytes(text.encode(codec), CFG)
    assert (d.text, d.encoding, d.bom) == (text, codec, False)


def test_nul_bytes_alone_are_binary_not_wide_text() -> None:
    # The library refuses binary input as the CLI does (issue 11).
    with pytest.raises(BinaryInputError):
        decode_bytes(b"\x00" * 1108, CFG)
    with pytest.raises(BinaryInputError):
        cleantext.clean(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    # ...unless the caller names the codec.
    assert decode_bytes(b"a\x00b", Config(encoding="utf-8")).text == "a\x00b"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_nuls(codec: str) -> None:
    # No ASCII, so no NUL bytes: recognised by the score alone.
    data = SEED.encode(codec)
    assert b"\x00" not in data
    d = decode_bytes(data, CFG)
    assert (d.text, d.encoding) == (SEED, codec)


# --- detection of legacy encodings -----------------------------------------


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("发展经济", "gb18030"),  # 8 bytes
        ("中华人民共和国成立了", "gb18030"),
        ("我们的祖国是花园", "gb18030"),
        ("中華民國臺灣", "big5"),
        ("針對科技型企業", "big5"),
        ("今日は良い天気です", "shift_jis"),
        ("東京タワーに行きました", "shift_jis"),
        ("대한민국 헌법", "euc_kr"),
        ("안녕하세요, 반갑습니다", "euc_kr"),
        ("Café crème", "cp1252"),
        ("Grüße aus München", "cp1252"),
        ("“Smart quotes” — déjà vu", "cp1252"),
    ],
)
def test_short_legacy_inputs(text: str, codec: str) -> None:
    d = decode_bytes(text.encode(codec), CFG)
    assert d.text == text
    assert codecs.lookup(d.encoding).name in {codecs.lookup(codec).name, "cp950", "cp932", "cp949"}
    assert not d.lossy and not d.findings
    assert 0.5 < d.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "cp1251"),
        ("Zażółć gęślą jaźń, to jest polski tekst.", "cp1250"),
    ],
)
def test_other_single_byte_codepages_via_charset_normalizer(text: str, codec: str) -> None:
    # cp1252 decodes these too (as Ñúåøü... / Za¿ó³æ...); the score prefers
    # the codepage charset-normalizer proposes.
    d = decode_bytes(text.encode(codec), CFG)
    assert (d.text, d.encoding) == (text, codec)


def test_gbk_only_characters_read_as_gb18030() -> None:
    # 镕 and 喆 are in GBK, not GB2312.
    d = decode_bytes("朱镕基和张喆".encode("gbk"), CFG)
    assert (d.text, d.encoding) == ("朱镕基和张喆", "gb18030")


def test_big5_is_not_read_as_gbk() -> None:
    data = "中華民國".encode("big5")
    assert data.decode("gb18030") != "中華民國"  # it does decode as GBK...
    ranked = rank_candidates(data)
    assert ranked[0][1] == "big5"  # ...but Big5 reads better
    assert decode_bytes(data, CFG).text == "中華民國"


def test_iso2022_jp() -> None:
    text = "今日は良い天気です"
    d = decode_bytes(text.encode("iso2022_jp"), CFG)
    assert (d.text, d.encoding) == (text, "iso2022_jp")


def test_markup_declaration_is_a_hint() -> None:
    assert declared_encoding(b'<?xml version="1.0" encoding="big5"?>') == "big5"
    assert declared_encoding(b'<meta charset="gb2312">') == "gb18030"
    assert declared_encoding(b'<meta charset="no-such-codec">') is None
    assert declared_encoding(b"<p>no declaration</p>") is None
    page = '<meta charset="big5"><p>中華民國</p>'.encode("big5")
    d = decode_bytes(page, CFG)
    assert d.declared == "big5" and d.encoding == "big5"


# --- forced encodings ------------------------------------------------------


def test_forced_encoding() -> None:
    data = "中文".encode("big5")
    d = decode_bytes(data, Config(encoding="big5"))
    assert (d.text, d.encoding, d.confidence) == ("中文", "big5", 1.0)


@pytest.mark.parametrize("label", ["gb2312", "GBK", "cp936", "GB18030"])
def test_gb_labels_decode_as_gb18030(label: str) -> None:
    assert normalize_encoding(label) == "gb18030"
    d = decode_bytes("朱镕基".encode("gbk"), Config(encoding=label))
    assert (d.text, d.encoding) == ("朱镕基", "gb18030")


def test_unknown_forced_encoding_is_an_error() -> None:
    with pytest.raises(CleantextError) as exc:
        decode_bytes(b"x", Config(encoding="no-such-codec"))
    assert exc.value.hint and "gb18030" in exc.value.hint


def test_forced_wrong_encoding_is_lossy_and_reported() -> None:
    data = "中文\n第二行".encode("gb18030")
    d = decode_bytes(data, Config(encoding="utf-8"))
    assert d.lossy and "\ufffd" in d.text
    assert d.findings and all(f.code == "undecodable-bytes" and not f.fixed for f in d.findings)
    assert {f.line for f in d.findings} == {1, 2}
    first = d.findings[0]
    assert (first.line, first.col) == (1, 1)
    assert first.original == data[:4].hex(" ")  # 中文 is 4 bytes, one bad span


def test_forced_utf16_strips_its_bom() -> None:
    data = codecs.BOM_UTF16_LE + "中文".encode("utf-16-le")
    d = decode_bytes(data, Config(encoding="utf-16"))
    assert (d.text, d.bom, d.encoding) == ("中文", True, "utf-16-le")


# --- mixed files -----------------------------------------------------------


def test_gbk_line_pasted_into_utf8() -> None:
    lines = ["第一行是UTF-8。", "第二行也是。", "这一行是从GBK文件粘贴进来的。", "最后一行。"]
    data = b"\n".join(
        [lines[0].encode(), lines[1].encode(), lines[2].encode("gb18030"), lines[3].encode()]
    )
    d = decode_bytes(data, CFG)
    assert d.text == "\n".join(lines)
    assert d.encoding == "utf-8" and not d.lossy
    assert d.runs == [Run(1, 2, "utf-8"), Run(3, 3, "gb18030"), Run(4, 4, "utf-8")]
    [f] = d.findings
    assert (f.code, f.line, f.end_line, f.fixed, f.step) == ("mixed-encoding", 3, 3, True, "decode")
    assert f.data["encoding"] == "gb18030" and "gb18030" in f.message


def test_big5_line_in_a_gbk_file_is_left_to_the_mojibake_step() -> None:
    # GB18030 decodes the Big5 line too (as 籓芖...); decode keeps one codec
    # for the file and the mojibake step repairs the span it recognises.
    gb = ["国务院新闻办公室今天举行发布会。", "会议由副主任主持。"]
    big5 = "臺灣的經濟發展很快。"
    data = b"\n".join([gb[0].encode("gb18030"), big5.encode("big5"), gb[1].encode("gb18030")])
    d = decode_bytes(data, CFG)
    assert (d.text, d.encoding, d.runs) == (data.decode("gb18030"), "gb18030", [])
    r = cleantext.clean(data)
    assert r.text == "\n".join([gb[0], big5, gb[1]])


def test_a_line_the_file_codec_cannot_read() -> None:
    # A cp1252 line in a GBK file: "é " (0xE9 0x20) is no GBK character, so
    # that line alone is read with the codec that reads it best.
    gb = ["国务院新闻办公室今天举行发布会。", "会议由副主任主持。"]
    latin = "Café au lait, s'il vous plaît. Très bon!"
    with pytest.raises(UnicodeDecodeError):
        latin.encode("cp1252").decode("gb18030")
    data = b"\n".join([gb[0].encode("gb18030"), latin.encode("cp1252"), gb[1].encode("gb18030")])
    d = decode_bytes(data, CFG)
    assert d.text == "\n".join([gb[0], latin, gb[1]])
    assert [(r.encoding, r.start, r.end) for r in d.runs] == [
        ("gb18030", 1, 1),
        ("cp1252", 2, 2),
        ("gb18030", 3, 3),
    ]
    assert [f.line for f in d.findings] == [1, 2, 3]
    assert all(f.code == "mixed-encoding" and f.fixed for f in d.findings)
    assert not d.lossy


def test_ascii_lines_join_the_run_before() -> None:
    data = b"\n".join(
        ["中文一行。".encode(), b"ascii only", "这是GBK的一行。".encode("gb18030"), b"more ascii"]
    )
    d = decode_bytes(data, CFG)
    assert d.runs == [Run(1, 2, "utf-8"), Run(3, 4, "gb18030")]


# --- never silently lossy --------------------------------------------------


def test_truncated_utf8_character() -> None:
    data = "中文测试一下，这是文本。".encode()[:-2]  # 。 is e3 80 82: cut after e3
    d = decode_bytes(data, CFG)
    assert d.text == "中文测试一下，这是文本\ufffd"
    assert d.lossy and d.encoding == "utf-8"
    [f] = d.findings
    assert (f.code, f.line, f.col, f.fixed, f.original) == ("undecodable-bytes", 1, 12, False, "e3")


# Text cut inside its last character (a download or a crawler stopping at
# a byte limit), in each multi-byte encoding: the text before the cut is the
# file's own, the cut character U+FFFD, and the input is lossy (refused in
# place without --force).
_CUT_TEXTS = {
    "gb18030": "经济发展的新阶段，科技创新是第一动力。\n各地积极推进产业升级，扩大对外开放。\n",
    "big5": "針對科技型企業提供融資服務，分擔銀行信貸風險。\n臺灣的經濟發展進入新階段。\n",
    "shift_jis": "日本語の文章を書きました。これは試験です。\n東京都の天気は晴れでした。\n",
    "euc_jp": "日本語の文章を書きました。これは試験です。\n東京都の天気は晴れでした。\n",
    "euc_kr": "한국어 문장을 썼습니다. 이것은 시험입니다.\n서울의 날씨는 맑았습니다.\n",
    "utf-8": "经济发展的新阶段，科技创新是第一动力。\n各地积极推进产业升级，扩大对外开放。\n",
}


@pytest.mark.parametrize("codec", sorted(_CUT_TEXTS))
def test_text_cut_inside_its_last_character(codec: str) -> None:
    text = _CUT_TEXTS[codec] * 3
    for last in ("发展", "經濟", "試験", "날씨", "㐀"):
        try:
            tail = last.encode(codec)
        except UnicodeEncodeError:
            continue
        data = text.encode(codec) + tail
        width = len(last[-1].encode(codec))
        for k in range(1, width):  # every cut inside the last character
            d = decode_bytes(data[: len(data) - k], CFG)
            assert d.text == text + last[:-1] + "\ufffd", (codec, last, k)
            assert d.lossy and d.encoding == normalize_encoding(codec)
            f = d.findings[-1]
            assert (f.code, f.fixed, f.data.get("cut"), f.line) == (
                "undecodable-bytes",
                False,
                True,
                7,
            )
            assert f.original == data[len(data) - width : len(data) - k].hex(" ")
            assert "ends inside" in f.message


@pytest.mark.parametrize(
    "codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"]
)
def test_utf16_and_utf32_cut_inside_their_last_character(codec: str) -> None:
    # Without a BOM, an odd number of bytes of UTF-16 (or a UTF-32 file
    # cut short) was refused as binary: "NUL bytes that are no UTF-16/32
    # text". With one, its last bytes were U+FFFD without a word of why.
    text = "Plain text in a wide encoding, 中文也有。\r\nSecond line.\r\n" * 4
    data = text.encode(codec)
    unit = 4 if "32" in codec else 2
    for k in range(1, unit):
        d = decode_bytes(data[:-k], CFG)
        assert d.text == text[:-1] + "\ufffd" and d.lossy
        assert d.findings[-1].data.get("cut") is True and "ends inside" in d.findings[-1].message


def test_a_cut_gbk_file_keeps_its_last_line_chinese() -> None:
    # A 3 MB GBK page cut after 放 and the first byte of the next character
    # read its last line as cp1252 ("·ÅÑ"), with no word said: the line-by-
    # line reading took a code page's three symbols for a plausible line.
    data = (_CUT_TEXTS["gb18030"] * 20).encode("gb18030") + "放".encode("gb18030") + b"\xd1"
    d = decode_bytes(data, CFG)
    assert d.text.endswith("开放。\n放\ufffd") and d.encoding == "gb18030"
    assert d.lossy and not d.runs


def test_complete_legacy_files_are_no_cut() -> None:
    # Ending in a character, not a newline: whole, nothing lost.
    gbk = decode_bytes(_CUT_TEXTS["gb18030"].encode("gb18030") + "发展".encode("gb18030"), CFG)
    assert gbk.text.endswith("开放。\n发展") and not gbk.lossy
    # A code page's last byte can start a GBK or UTF-8 character: it is
    # still the code page's letter.
    latin = "Le café et le thé sont prêts. Voilà une journée réussie, déjà passée\n" * 3 + "café"
    d = decode_bytes(latin.encode("cp1252"), CFG)
    assert d.text == latin and not d.lossy
    # ASCII, then one letter whose byte starts a character in every CJK
    # codec (ñ is F1): ASCII is no evidence of a CJK codec (bench_detect's
    # excerpts lost 8 such readings to U+FFFD).
    for text, codec in (
        ("especificado varias señ", "cp1252"),
        ("wymaga podania wartoś", "iso8859-16"),
        ("niteliklerini devre dı", "iso8859-9"),
    ):
        d = decode_bytes(text.encode(codec), CFG)
        assert d.text == text and not d.lossy, (codec, d.text)


def test_a_korean_file_with_one_stray_byte_is_not_read_as_chinese() -> None:
    # One trail byte turned to 80 (GB18030 takes 80 as a trail byte, EUC-KR
    # and CP949 do not): GB18030 alone read it whole, and the whole file
    # came out as Chinese characters (학 문서들을 -> 切 巩辑甸阑) at
    # confidence 0.9, so a hook rewrote it in place.
    ko = (
        "한국어 문장을 썼습니다. 이것은 시험입니다.\n서울의 날씨는 맑았습니다.\n"
        "우리는 도서관에서 책을 읽고 이야기를 나누었습니다.\n"
    ) * 4
    data = ko.encode("euc_kr")
    i = data.index("도서관".encode("euc_kr")) + 1  # the trail byte of 도
    d = decode_bytes(data[:i] + b"\x80" + data[i + 1 :], CFG)
    assert d.encoding == "euc_kr" and d.lossy
    want = ko.split("\n")
    got = d.text.split("\n")
    assert len(got) == len(want)
    # 도 (B5 B5) became B5 80: one character lost, one U+FFFD.
    assert [g for g, w in zip(got, want) if g != w] == [
        "우리는 \ufffd서관에서 책을 읽고 이야기를 나누었습니다."
    ]


def test_a_gbk_line_that_lost_a_byte_is_read_as_gbk() -> None:
    # A line of a GBK file that lost a byte reads strictly as Shift_JIS,
    # mostly half-width katakana (显示参考 -> ﾏﾔﾊｾｲﾎｿｼ): 29 of 112 such
    # lines were so read. In the file's own codec, its bad byte is U+FFFD.
    zh = (
        "显示参考文献条目的作者信息与标题信息。\n经济发展的新阶段，科技创新是第一动力。\n"
        "各地积极推进产业升级，扩大对外开放。\n"
    ) * 4
    raw = [ln.encode("gb18030") for ln in zh.split("\n")]
    for k in (3, 4, 5):
        for pos in range(len(raw[k])):
            lines = list(raw)
            lines[k] = raw[k][:pos] + raw[k][pos + 1 :]
            try:
                lines[k].decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                continue  # still valid GBK (a lost lead and trail pair up anew)
            d = decode_bytes(b"\n".join(lines), CFG)
            assert d.encoding == "gb18030" and d.lossy and not d.runs, (k, pos, d.runs)
            assert d.text.split("\n")[k] == lines[k].decode("gb18030", "replace"), (k, pos)


def test_a_damaged_euc_jp_line_is_not_read_as_gb18030() -> None:
    # GB2312 has JIS X 0208's kana at the same codes: a damaged EUC-JP line
    # read as GB18030 keeps its kana and garbles its kanji (自由 -> 极统), and
    # with its bad bytes as U+FFFD scored worse than that. GB18030's reading
    # of kana is unlikely (detect.unlikely): the line stays EUC-JP.
    ja = (
        "ディレクトリは退避できません。ファイルを開けませんでした。\n"
        "このプログラムは自由なソフトウェアです。詳しくは説明書を読んでください。\n"
        "設定ファイルの書式が正しくありません。もう一度確認してください。\n"
    ) * 6
    lines = ja.encode("euc_jp").split(b"\n")
    for pos in range(len(lines[4])):
        for byte in (0xA0, 0x80):
            damaged = list(lines)
            damaged[4] = lines[4][:pos] + bytes([byte]) + lines[4][pos + 1 :]
            try:
                damaged[4].decode("euc_jp")
            except UnicodeDecodeError:
                pass
            else:
                continue
            d = decode_bytes(b"\n".join(damaged), CFG)
            assert d.encoding == "euc_jp" and not d.runs and d.lossy, (pos, byte, d.runs)


@pytest.mark.parametrize("where", [0.3, 0.9])
def test_a_large_korean_file_damaged_past_its_start(where: float) -> None:
    # 127 KB of EUC-KR with one byte turned to 80 past the 8 KB detection
    # looks at closely: read whole as GB18030 at confidence 0.9 (the bad
    # byte a trail byte) or as cp1006 (a lead byte: no CJK codec read it
    # whole, and the line-by-line reading looked at three codecs that read
    # the most lines, EUC-KR the fourth).
    import random

    rng = random.Random(5)
    ko = [
        "한국어 문장을 썼습니다. 이것은 시험입니다.",
        "서울의 날씨는 맑았습니다.",
        "우리는 도서관에서 책을 읽고 이야기를 나누었습니다.",
        "대한민국의 수도는 서울이며, 가장 큰 도시이다.",
        "학교에서 선생님과 학생들이 함께 공부했습니다.",
    ]
    text = "\n".join(rng.choice(ko) for _ in range(3000)) + "\n"
    data = text.encode("euc_kr")
    i = int(len(data) * where)
    while data[i] < 0xA1 or data[i - 1] < 0xA1:
        i += 1
    d = decode_bytes(data[:i] + b"\x80" + data[i + 1 :], CFG)
    assert d.encoding == "euc_kr" and d.lossy
    got, want = d.text.split("\n"), text.split("\n")
    assert len(got) == len(want) and sum(g != w for g, w in zip(got, want)) == 1


def test_damaged_line_in_a_utf8_file_is_not_read_as_cp1252() -> None:
    # cp1252 decodes the damaged line (as è¿™æ˜¯...); the U+FFFD reading
    # of two lost bytes is far more plausible.
    data = "中文测试一下\n这是文本".encode()[:-1] + "\n好".encode()
    d = decode_bytes(data, CFG)
    assert d.text == "中文测试一下\n这是文\ufffd\n好"
    assert d.lossy and d.encoding == "utf-8" and not d.runs
    [f] = d.findings
    assert (f.line, f.col, f.original) == (2, 4, "e6 9c")


def test_bad_byte_in_a_gbk_file() -> None:
    data = "发展经济是硬道理。".encode("gb18030") + b"\x81\n" + "第二行文字。".encode("gb18030")
    d = decode_bytes(data, CFG)
    assert d.text == "发展经济是硬道理。\ufffd\n第二行文字。"
    assert d.lossy and d.encoding == "gb18030"
    [f] = d.findings
    assert (f.line, f.col, f.original) == (1, 10, "81")


#: Traditional text in Big5 (written for this test). Most of its characters
#: have lead bytes 0xA4-0xAF, 0xF8-0xF9: GB18030 reads them all, many as
#: private-use characters (GBK's user-defined areas).
BIG5_LINES = [
    "歡迎閱讀這份教程。完成本教程的內容大約需要半個小時。",
    "每一節的命令操作將會更改本文，所以請先復制一個副本。",
    "切記一點：本教程的設計思路是在使用中進行學習的。",
    "如果您只是閱讀而不操作，那麼您可能很快就會遺忘這些命令。",
    "好了，現在請確定您的鍵盤鎖定鍵還沒有按下，然後開始吧。",
]


def damaged_big5() -> bytes:
    """BIG5_LINES with one pair of bytes no Big5 codec reads (0x8F 0xFE,
    as vim's tutor.zh.big5 has in place of 起) in line 3."""
    data = "\n".join(BIG5_LINES).encode("big5")
    i = data.index("設".encode("big5"))
    return data[:i] + b"\x8f\xfe" + data[i + 2 :]


def test_big5_with_a_bad_byte_pair_is_not_read_as_gb18030() -> None:
    # GB18030 reads every byte of it, as garbage and private-use characters
    # (ち癘翴セ毙祘...); Big5 reads all but the damaged pair.
    d = decode_bytes(damaged_big5(), CFG)
    assert d.lossy and d.encoding == "big5"
    assert d.text.split("\n") == [
        *BIG5_LINES[:2],
        BIG5_LINES[2].replace("設", "\ufffd"),
        *BIG5_LINES[3:],
    ]
    [f] = d.findings
    assert (f.code, f.line, f.original) == ("undecodable-bytes", 3, "8f fe")
    # undamaged, it is Big5 read whole, as before
    whole = decode_bytes("\n".join(BIG5_LINES).encode("big5"), CFG)
    assert whole.text == "\n".join(BIG5_LINES) and not whole.lossy


def test_clean_result_reports_lossy() -> None:
    r = cleantext.clean("文字".encode() + b"\xff" + "文字".encode())
    assert r.lossy and r.text == "文字\ufffd文字"
    [f] = [f for f in r.reports if f.step == "decode"]
    assert (f.code, f.line, f.col, f.original) == ("undecodable-bytes", 1, 3, "ff")


# --- writing back ----------------------------------------------------------


@pytest.mark.parametrize("codec", ["gb18030", "big5", "shift_jis", "euc_kr"])
def test_keep_encoding_writes_the_same_bytes(codec: str) -> None:
    text = {
        "gb18030": "发展经济是硬道理",
        "big5": "中華民國臺灣",
        "shift_jis": "今日は良い天気です",
        "euc_kr": "대한민국 헌법",
    }[codec]
    data = text.encode(codec)
    assert roundtrip(data, Config(keep_encoding=True)) == data
    assert roundtrip(data) == text.encode("utf-8")


def test_keep_encoding_refuses_unencodable_text() -> None:
    d = Decoded("中文😀", "gb2312", 1.0)
    with pytest.raises(CleantextError) as exc:
        encode_text("中文😀", d, Config(keep_encoding=True))
    assert "--keep-encoding" in (exc.value.hint or "")


# --- properties ------------------------------------------------------------


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=200))
def test_any_bytes_decode_without_raising_and_nothing_is_lost_silently(data: bytes) -> None:
    try:
        d = decode_bytes(data, CFG)
    except BinaryInputError:
        assert b"\x00" in data  # only NUL bytes in no UTF-16/32 pattern are refused
        return
    if d.lossy:
        assert d.findings and all(not f.fixed for f in d.findings if f.code == "undecodable-bytes")
        return
    # Not lossy: the text encodes back to exactly the input bytes (the
    # stateful ISO-2022 codecs may choose other escape sequences).
    if d.encoding.startswith("iso2022"):
        assert d.text.encode(d.encoding).decode(d.encoding) == d.text
        return
    if d.runs:
        parts = d.text.split("\n")
        back = b"\n".join(
            parts[i].encode(next(r.encoding for r in d.runs if r.start <= i + 1 <= r.end))
            if not parts[i].isascii()
            else parts[i].encode()
            for i in range(len(parts))
        )
    else:
        back = d.text.encode(d.encoding)
        if d.bom:
            back = data[: len(data) - len(back)] + back
    if back != data:
        # Big5 and Shift_JIS map a few byte pairs to one character (Big5
        # A240 and A242 are both ＼): then the text must at least be the
        # one those bytes mean.
        assert not d.runs and data.decode(d.encoding) == d.text
        return
    assert back == data


@settings(deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=8, max_size=40
    )
)
def test_decoding_is_idempotent_on_its_output(text: str) -> None:
    try:
        data = text.encode("gb18030")
    except UnicodeEncodeError:
        return
    d = decode_bytes(data, CFG)
    out = encode_text(d.text, d, CFG)
    d2 = decode_bytes(out, CFG)
    assert d2.text == d.text and d2.encoding == "utf-8" and encode_text(d2.text, d2, CFG) == out


# --- issue 11: never write mojibake, never guess from stray bytes ------------------


def test_cp1250_hungarian_file_is_never_split_into_gb18030_lines() -> None:
    # The worst case: a Central European file that cp1252 also
    # decodes; line-by-line mode wrote 'T鰎鰇orsz醙' for 'Törökország'.
    lines = [
        "Törökország és Magyarország kapcsolatai a középkorban kezdődtek.",
        "A tárgyalások során a küldöttségek megállapodtak a fő kérdésekben.",
        "Törökország",
        "Az együttműködés gazdasági és kulturális területen is bővült.",
    ] * 20
    data = "\n".join(lines).encode("cp1250")
    d = decode_bytes(data, CFG)
    assert d.text == "\n".join(lines)
    assert d.encoding == "cp1250" and not d.runs and not d.lossy
    r = cleantext.clean(data)
    assert "Törökország" in r.text and "鰎" not in r.text


def test_stray_bytes_in_utf8_are_undecodable_not_cp1252() -> None:
    data = b"abc\xff\xfe\x80def \xe4\xb8\xad\xe6\x96\x87"
    d = decode_bytes(data, CFG)
    assert d.text == "abc\ufffddef 中文"
    assert d.lossy and d.encoding == "utf-8"
    [f] = d.findings
    assert (f.code, f.fixed, f.original) == ("undecodable-bytes", False, "ff fe 80")


@pytest.mark.parametrize(
    "bad",
    [
        b"\xed\xa0\x80",  # a lone surrogate
        b"\xc0\xaf",  # an overlong '/'
        b"\xe0\x80\xaf",  # another overlong form
        b"\xf4\x90\x80\x80",  # past U+10FFFF
        b"\xe4\xb8",  # a truncated 中
    ],
)
def test_utf8_artefacts_are_undecodable_never_reread(bad: bytes) -> None:
    for data in (bad, "中文内容".encode() + bad + b" end", b"plain " + bad):
        d = decode_bytes(data, CFG)
        assert d.lossy and d.encoding == "utf-8", (data, d.encoding, d.text)
        assert "\ufffd" in d.text
        assert all(f.code == "undecodable-bytes" and not f.fixed for f in d.findings)


def test_lone_surrogate_is_refused_in_place_without_force(tmp_path: pytest.TempPathFactory) -> None:
    from typer.testing import CliRunner

    from cleantext.cli import app

    path = tmp_path / "s.txt"  # type: ignore[operator]
    path.write_bytes(b"text \xed\xa0\x80 more\n")
    result = CliRunner().invoke(app, ["clean", str(path)])
    assert result.exit_code == 123
    assert path.read_bytes() == b"text \xed\xa0\x80 more\n"


def test_rotating_encodings_line_by_line() -> None:
    # UTF-8, GBK, Big5 and Shift_JIS lines in turn: each read in its own
    # codec, each run reported, and the runs read by a guess are marked so
    # that the mojibake step leaves them alone.
    texts = [
        ("utf-8", "这是一行用UTF-8写的中文句子。"),
        ("gb18030", "国务院新闻办公室今天举行新闻发布会。"),
        ("big5", "臺灣的經濟發展在過去幾年很快。"),
        ("shift_jis", "日本語の文章をここに書きました。"),
    ] * 3
    data = b"\n".join(t.encode(c) for c, t in texts)
    d = decode_bytes(data, CFG)
    assert d.text == "\n".join(t for _, t in texts)
    assert not d.lossy
    assert [r.encoding for r in d.runs] == [c for c, _ in texts]
    assert d.guessed == [(r.start, r.end) for r in d.runs if r.encoding != "utf-8"]
    r = cleantext.clean(data, only=["mojibake"])
    assert r.text == d.text  # the mojibake step re-repairs nothing


def test_a_file_one_codec_decodes_is_never_split() -> None:
    # GB18030 reads this whole file plausibly: no line-by-line mode.
    text = "\n".join(["发展经济是硬道理。", "人民日报评论员文章。", "Ascii line", "经济建设。"] * 5)
    d = decode_bytes(text.encode("gb18030"), CFG)
    assert (d.text, d.encoding, d.runs, d.method) == (text, "gb18030", [], "cjk")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("한국어 문장을 조합형으로 인코딩했습니다. 대한민국 헌법 제1조", "johab"),
        ("这是用HZ编码的中文句子，经济发展很快。", "hz"),
        ("𠀋𡈽𡌛 は JIS X 0213 の文字です。日本語の文章。", "euc_jis_2004"),
        ("𠀋𡈽𡌛 は JIS X 0213 の文字です。日本語の文章。", "shift_jis_2004"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.", "koi8_r"),
        ("Pchnąć w tę łódź jeża lub ośm skrzyń fig. Zażółć gęślą jaźń.", "iso8859_2"),
        ("Pijamalı hasta yağız şoföre çabucak güvendi. Türkçe metin.", "cp1254"),
        ("Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Ελληνικό κείμενο εδώ.", "cp1253"),
        ("ภาษาไทยเป็นภาษาที่มีวรรณยุกต์ ข้อความภาษาไทย", "tis-620"),
    ],
)
def test_every_family(text: str, codec: str) -> None:
    d = decode_bytes(text.encode(codec), CFG)
    assert d.text == text, (d.encoding, d.method, d.text)
    assert not d.lossy


@pytest.mark.parametrize(
    ("label", "text", "codec", "expected"),
    [
        ("Shift_JIS", "丸数字①と髙橋さん", "cp932", "cp932"),  # needs cp932
        ("gb2312", "朱镕基总理", "gb18030", "gb18030"),  # 镕 is not in GB2312
        ("iso-8859-1", "“Smart” — quotes café", "cp1252", "cp1252"),
        ("KOI8-R", "Съешь же ещё этих булок", "koi8_r", "koi8-r"),
        ("windows-1250", "Zażółć gęślą jaźń", "cp1250", "cp1250"),
        ("x-mac-cyrillic", "Съешь же ещё", "mac_cyrillic", "mac-cyrillic"),
    ],
)
def test_declarations_for_any_codec(label: str, text: str, codec: str, expected: str) -> None:
    page = f'<html><head><meta charset="{label}"></head><body>{text}</body></html>'
    d = decode_bytes(page.encode(codec), CFG)
    assert text in d.text
    assert (d.encoding, d.method) == (expected, "declared")


def test_detection_hands_its_whole_decode_to_the_decoder() -> None:
    """A large CJK input is decoded strictly once: detection keeps the text
    it had to decode to know the codec reads it all (no second decode, and
    no whole UTF-16 reading of legacy bytes whose start is no text)."""
    from cleantext import detect

    data = ("经济发展的新阶段，人民生活水平提高。\n" * 20000).encode("gb18030")
    det = detect.detect(data)
    assert det.encoding == "gb18030"
    assert det.text == data.decode("gb18030")
    assert decode_bytes(data, Config()).text == det.text


def test_clear_gb18030_stops_the_candidate_search() -> None:
    """A GB18030 reading that is clearly Chinese is the one candidate
    detection needs (the other CJK codecs are not tried); Big5 bytes,
    which GB18030 also decodes, are not taken for it, and without the
    early stop every codec that decodes the bytes is a candidate."""
    from cleantext import detect

    text = "新华社北京电，国务院总理主持召开常务会议，部署进一步推动经济发展和改善民生的工作。"
    gb = text.encode("gb18030")
    assert detect._strict(gb, "big5") is not None  # Big5 reads the same bytes too
    cands = detect.cjk_candidates(gb, stop_when_sure=True)
    assert [c.codec for c in cands] == ["gb18030"]
    assert cands[0].full == text and cands[0].n >= detect._CJK_EARLY_N
    assert len(detect.cjk_candidates(gb)) > 1
    det = detect.detect(gb)
    assert (det.encoding, det.method, det.text) == ("gb18030", "cjk", text)

    big5 = "中華民國的經濟發展與人民生活水準的提高，政府持續推動各項建設。".encode("big5")
    assert detect._strict(big5, "gb18030") is not None
    assert [c.codec for c in detect.cjk_candidates(big5, stop_when_sure=True)][0] == "big5"
    assert detect.detect(big5).encoding == "big5"


SIBLING_TEXTS = [
    ("Le français est une langue romane parlée en France et au Québec.", "iso8859-1"),
    ("Türkçe, Türkiye'nin resmî dilidir; dünyada yaklaşık seksen milyon kişi konuşur.", "cp1254"),
    ("Lietuvių kalba yra baltų kalbų grupės kalba, vartojama Lietuvoje.", "iso8859-13"),
    ("Η ελληνική γλώσσα είναι μία από τις αρχαιότερες γλώσσες της Ευρώπης.", "iso8859-7"),
]


@pytest.mark.parametrize(("text", "codec"), SIBLING_TEXTS)
def test_chardet_asked_once_per_sibling_code_page(
    text: str, codec: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chardet ranks one of the ISO-8859/Windows twins that read the bytes
    alike; the other takes its confidence: the same code pages, the same
    confidences within 0.01, and a first answer that reads the same text
    as chardet's own first answer. The ranking without languages equals
    chardet.detect_all's."""
    import chardet

    from cleantext import detect

    data = ("\n".join([text] * 12)).encode(codec)
    include = detect.single_byte_candidates(data)
    plain = detect._chardet(data, include)
    asked: list[list[str]] = []
    real = detect._chardet

    def spy(data: bytes, include: list[str] | None = None) -> list[tuple[str, float]]:
        asked.append(list(include or ()))
        return real(data, include)

    monkeypatch.setattr(detect, "_chardet", spy)
    siblings = detect._chardet_siblings(data, include)
    twins = [g for g in detect._SIBLINGS if sum(n in include for n in g) > 1]
    assert twins and len(asked[0]) < len(include)  # chardet saw one of each twin set
    assert sorted(n for n, _ in plain) == sorted(n for n, _ in siblings)
    conf = dict(plain)
    assert all(abs(conf[n] - c) <= 0.01 for n, c in siblings)
    assert data.decode(siblings[0][0]) == data.decode(plain[0][0])
    public = chardet.detect_all(
        data,
        ignore_threshold=True,
        max_bytes=1 << 16,
        compat_names=False,
        include_encodings=include,
    )
    assert detect._chardet_ranking(data, include) == [
        (r["encoding"], r["confidence"]) for r in public
    ]


@pytest.mark.parametrize("data", [b"\x9dP", b"\x81\x8d\x8f\x90\x9d"])
def test_detection_warns_nothing_to_the_caller(data: bytes) -> None:
    # chardet's UserWarning about its fallback code page stays inside: a
    # caller running with warnings as errors gets a result, not an exception
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = cleantext.clean(data)
    assert isinstance(result.text, str)


#: A postal-code dictionary for an input method, in EUC-JP (SKK's
#: SKK-JISYO.zipcode shape): seven digits and a place name a line, few kana,
#: so without its cookie it reads as GB18030 too.
_PLACES = (
    "北海道札幌市中央区 北海道札幌市北区 青森県青森市 岩手県盛岡市 宮城県仙台市青葉区 秋田県秋田市 "
    "山形県山形市 福島県福島市 茨城県水戸市 栃木県宇都宮市 群馬県前橋市 埼玉県さいたま市浦和区 "
    "千葉県千葉市中央区 東京都千代田区丸の内 東京都港区芝公園 神奈川県横浜市西区 新潟県新潟市中央区 "
    "富山県富山市 石川県金沢市 福井県福井市"
).split()
_SKK_LIKE = ";; 郵便番号辞書 for SKK\n" + "".join(
    f"{600000 + i * 1371:07d} /{p}/\n" for i, p in enumerate(_PLACES * 2)
)


@pytest.mark.parametrize(
    ("cookie", "codec"),
    [
        (";; -*- mode: fundamental; coding: euc-jp -*-\n", "euc_jp"),
        ("# -*- coding: euc-jp -*-\n", "euc_jp"),
        ("# vim: set fileencoding=euc-jp :\n", "euc_jp"),
    ],
)
def test_a_coding_cookie_is_a_declaration(cookie: str, codec: str) -> None:
    # Emacs's -*- coding: -*- and PEP 263's cookie on the first two lines
    # declare the encoding, as <meta charset> does (SKK's dictionaries were
    # read as GB18030 before)
    data = (cookie + _SKK_LIKE).encode("euc-jp")
    result = cleantext.clean(data)
    assert result.encoding == codec and result.confidence >= 0.9
    assert result.text == cookie + _SKK_LIKE


def test_a_cookie_after_the_second_line_is_not_taken() -> None:
    late = ("a\nb\n;; -*- coding: latin-1 -*-\n" + _SKK_LIKE).encode("euc-jp")
    assert declared_encoding(late) is None
    # (and without one this list reads as GB18030: the cookie decides)
    assert cleantext.clean(_SKK_LIKE.encode("euc-jp")).encoding != "euc_jp"
