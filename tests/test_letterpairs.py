"""Short inputs (20-40 character excerpts): the character-pair and language
models rank the single-byte readings a few words give
(cleantext.letterpairs); short CJK and HZ inputs."""

from __future__ import annotations

import pytest

from cleantext import letterpairs
from cleantext.config import Config
from cleantext.decode import decode_bytes
from cleantext.detect import detect


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        # Esperanto: ŝ, not the Icelandic þ cp1252 reads the byte as
        ("ne eblas ŝargi la dosieron", "iso8859-3"),
        # Estonian: õ, not the Turkish ı Mac Roman reads the byte as
        ("faili ei õnnestu avada", "cp1257"),
        # Swedish in a DOS code page: ö, not a closing quote glued to a word
        ("kan inte öppna filen", "cp437"),
        ("le fichier « %s » est vide", "iso8859-1"),
        ("nepavyko įrašyti į failą", "iso8859-13"),
        ("valeur numérique attendue", "cp850"),
        # Vietnamese: cp1258 writes the tone marks as combining characters
        ("không th\u00ea\u0309 m\u01a1\u0309 t\u00ea\u0323p", "cp1258"),
    ],
)
def test_short_single_byte_text_reads_right(text: str, codec: str) -> None:
    d = decode_bytes(text.encode(codec), Config())
    assert d.text == text
    # a few words are never certain: short single-byte answers stay below 0.9
    assert d.confidence < 0.9


def test_language_model_prefers_one_language_for_all_words() -> None:
    assert letterpairs.language_logprob("ei õnnestu avada") > letterpairs.language_logprob(
        "ei ınnestu avada"
    )
    # a Cyrillic а among Latin letters is no word of any language
    assert letterpairs.language_logprob("và anh") > letterpairs.language_logprob("vа anh")


def test_pair_model_scores_only_what_differs_between_readings() -> None:
    assert letterpairs.logprob("plain ASCII text") == 0.0
    assert letterpairs.logprob("«%s»") > letterpairs.logprob("ا%sب")


def test_long_inputs_are_not_ranked_by_the_models() -> None:
    # the models weigh only short inputs; a long file keeps chardet's answer
    text = "Törökország és Magyarország között; " * 20
    assert detect(text.encode("cp1250")).encoding == "cp1250"


def test_euc_jp_is_not_read_as_gb18030_for_its_kana() -> None:
    # GB2312 has JIS X 0208's kana at the same codes: the GB18030 reading
    # keeps the kana and garbles the kanji (再帰 -> 浩耽)
    for text in ("  -w   再帰ダウンロー", "毎秒 SECONDS 待つ"):
        assert decode_bytes(text.encode("euc_jp"), Config()).text == text
    # a lone kana reads the same in both: nothing to tell apart, no penalty
    assert detect("は info".encode("euc_jp")).encoding in ("gb18030", "euc_jp")


def test_hz_with_one_character() -> None:
    # a short HZ excerpt may hold one Chinese character
    assert decode_bytes(b"  -t, --text   ~{RT~}", Config()).text == "  -t, --text   \u4ee5"
    # ~{...~} around letters that read as a rare character is ASCII text
    assert decode_bytes(b"see ~{ab~} here", Config()).text == "see ~{ab~} here"


def test_johab_bytes_with_a_c1_control_in_utf8_are_no_damaged_utf8() -> None:
    # Johab's 출 is C2 89 9D: C2 89 is valid UTF-8, but a C1 control
    text = "at   출력 행을"
    assert decode_bytes(text.encode("johab"), Config()).text == text


def test_regional_code_pages_lose_short_inputs_they_do_not_clearly_win() -> None:
    # HP Roman-8 reads Afrikaans ê as õ; a few words do not make it likely
    for text in ("die lêer is leeg", "dieselfde lêers"):
        assert decode_bytes(text.encode("cp1252"), Config()).text == text
