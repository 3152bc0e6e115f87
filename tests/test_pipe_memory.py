"""One large input through the CLI with few copies (issue 13, point 2):
reading and decoding a piece at a time, the output encoded a piece at a
time, line maps without an int object per line. Each shortcut must give
exactly what the whole-input path gives."""

from __future__ import annotations

import codecs
import gc
import io
import random
import re
import subprocess
import tracemalloc
from array import array
from pathlib import Path

import pytest
from _cli import cleantext_exe
from typer.testing import CliRunner

from cleantext import Config, clean, pipeline
from cleantext import decode as dec
from cleantext.cli import app
from cleantext.errors import CleantextError
from cleantext.files import PIECE_SIZE, Pieces, read_file, read_file_pieces, read_stream
from cleantext.textutil import split_lines

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e7e93553ca6a2c04.txt"


def _cuts(data: bytes, rng: random.Random, n: int) -> list[bytes]:
    """``data`` cut at ``n`` random places (pieces may cut characters)."""
    points = sorted(rng.randrange(len(data) + 1) for _ in range(n))
    edges = [0, *points, len(data)]
    return [data[a:b] for a, b in zip(edges, edges[1:])]


def _inputs() -> list[bytes]:
    prose = "中文的文本，一行又一行。𠀀 English too.\n"
    return [
        b"",
        b"ascii only\n",
        prose.encode() * 50,
        codecs.BOM_UTF8 + prose.encode() * 5,  # BOM: decode_bytes says more
        "中文\ufeff在中间\n".encode(),  # U+FEFF inside: plain UTF-8
        prose.encode() + b"\x00" + prose.encode(),  # NUL: binary or UTF-16
        "中文".encode("utf-16-le") * 20,
        "中文".encode("utf-16") * 20,
        b"a ~{<:Ky2;S{#,NpJ)l6HK!#~} b\n",  # HZ
        b"\x1b$B$3$s$K$A$O\x1b(B\n",  # ISO-2022-JP
        prose.encode("gb18030") * 20,  # legacy: not UTF-8 at the first piece
        prose.encode() * 20 + "后来是GBK的文字".encode("gb18030"),  # not UTF-8 late
        prose.encode() * 20 + b"\xe4\xb8",  # a character cut at the end
        prose.encode() * 3 + b"\xed\xa0\x80" + prose.encode(),  # a surrogate
        SEED.read_bytes(),
        prose.encode("big5", "ignore") * 20,  # another CJK codec
        "Café crème, déjà vu — naïve.\n".encode("cp1252") * 30,  # chardet
        "中文".encode("utf-16") * 20 + b"\n",  # a UTF-16 BOM: no UTF-8 BOM out
        prose.encode("gb18030") * 20 + "日本語の行です。\n".encode("shift_jis") * 3,  # mixed
    ]


def test_read_utf8_is_decode_bytes_or_gives_back_the_very_bytes() -> None:
    rng = random.Random(13)
    for data in _inputs():
        try:
            whole: dec.Decoded | None = dec.decode_bytes(data, Config())
        except CleantextError:  # binary
            whole = None
        for n in (0, 1, 3, 17):
            got = dec.read_utf8(_cuts(data, rng, n))
            if isinstance(got, str):
                # Text only where decode_bytes reads plain UTF-8.
                assert whole is not None
                assert (whole.text, whole.encoding, whole.method, whole.bom) == (
                    got,
                    "utf-8",
                    "utf-8",
                    False,
                )
            else:
                assert got == data
        plain = (
            whole is not None
            and whole.method == "utf-8"
            and whole.encoding == "utf-8"
            and not whole.lossy  # UTF-8 cut inside its last character
        )
        assert isinstance(dec.read_utf8([data]), str) is plain, data[:40]


def test_read_utf8_lets_go_of_each_piece() -> None:
    # 8 MB of pieces, made one at a time: never all held at once.
    piece = ("中文的文本，一行又一行。\n" * 30_000).encode()[: 1 << 20]
    piece = piece.decode("utf-8", "ignore").encode()
    n = 8

    def pieces() -> object:
        for _ in range(n):
            yield bytes(piece)  # a new object each time

    gc.collect()
    tracemalloc.start()
    try:
        text = dec.read_utf8(pieces())  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(text, str) and len(text) == n * len(piece.decode())
    size = len(text) * 2  # UCS-2
    # The text and its pieces (about twice the text), no 8 MB of bytes on top.
    assert peak < 2 * size + 3 * len(piece), (peak, size)


@pytest.mark.parametrize("large", [0, 1 << 20])
def test_clean_deferred_gives_what_clean_gives(monkeypatch: pytest.MonkeyPatch, large: int) -> None:
    # (large=0: every legacy input takes the large inputs' path, bytes not kept)
    monkeypatch.setattr(pipeline, "_LARGE_INPUT", large)
    rng = random.Random(7)
    seed = SEED.read_bytes()
    for data in [*_inputs(), seed.replace(b"\n", b"\r\n"), codecs.BOM_UTF8 + seed]:
        try:
            clean(data)
        except CleantextError:
            continue  # binary: the CLI refuses it before cleaning
        for config in (Config(), Config(keep_encoding=True), Config(encoding="gbk")):
            want = clean(data, config)
            for got in (
                pipeline.clean_deferred(data, config),
                pipeline.clean_deferred(_cuts(data, rng, 5), config),
            ):
                assert got.text == want.text
                assert got.original == want.original
                assert got.findings == want.findings
                assert (got.encoding, got.bom, got.changed, got.lossy) == (
                    want.encoding,
                    want.bom,
                    want.changed,
                    want.lossy,
                )
                assert b"".join(got.chunks(7)) == want.data
                assert got.head(4) == want.data[:4]
                assert got.data == (b"" if got.deferred else want.data)


def test_deferred_output_of_unchanged_utf8_is_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    r = pipeline.clean_deferred("干净的文本。\n".encode(), Config())
    assert r.deferred and r.data == b"" and not r.changed
    assert b"".join(r.chunks()) == "干净的文本。\n".encode()
    # clean() itself always builds it.
    assert clean("干净的文本。\n".encode()).data == "干净的文本。\n".encode()
    # Legacy input written in UTF-8: the input is not UTF-8 (decode_bytes
    # tried it first) and the output is, so it changed without a comparison:
    # neither the input's bytes are kept nor the output built (large inputs).
    small = pipeline.clean_deferred("干净的文本。\n".encode("gb18030"), Config())
    assert not small.deferred and small.data == "干净的文本。\n".encode() and small.changed
    monkeypatch.setattr(pipeline, "_LARGE_INPUT", 0)
    g = pipeline.clean_deferred("干净的文本。\n".encode("gb18030"), Config())
    assert g.deferred and g.data == b"" and g.changed
    assert b"".join(g.chunks()) == "干净的文本。\n".encode()
    # With keep_encoding the output is the legacy bytes again: compared.
    k = pipeline.clean_deferred("干净的文本。\n".encode("gb18030"), Config(keep_encoding=True))
    assert not k.deferred and not k.changed
    # A UTF-16 input's BOM is not written before UTF-8 output.
    u = pipeline.clean_deferred("中文\n".encode("utf-16"), Config())
    assert u.bom and b"".join(u.chunks()) == "中文\n".encode() == u.head(9)


def test_page_decided_before_the_steps_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large input's page model is decided before the first step (its
    working set is then not held beside the steps' findings): same text,
    findings and decision as deciding it when a step first asks."""
    pages = [
        SEED.read_bytes(),
        *(p.read_bytes() for p in sorted((SEED.parent.parent / "fixtures").glob("*.in.txt"))),
    ]
    pages.append(SEED.read_bytes().replace(b"\n", b"\r\n") * 2)
    pages.append(_big_page(300) + SEED.read_bytes() + _big_page(300))
    for data in pages:
        monkeypatch.setattr(pipeline, "EAGER_PAGE_CHARS", 1 << 40)
        lazy = clean(data)
        monkeypatch.setattr(pipeline, "EAGER_PAGE_CHARS", 0)
        monkeypatch.setattr(pipeline, "_farm_head", lambda text: True)
        eager = clean(data)
        monkeypatch.undo()
        assert eager.page_decided is not None
        assert (eager.text, eager.findings, eager.data) == (lazy.text, lazy.findings, lazy.data)
        assert eager.page == lazy.page


def test_pieces_and_small_inputs(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * (PIECE_SIZE - 1))
    data, state = read_file_pieces(str(small))
    assert data == small.read_bytes() and state is not None
    big = tmp_path / "big.txt"
    body = bytes(random.Random(1).randrange(256) for _ in range(4096)) * 600
    big.write_bytes(body)
    data2, state2 = read_file_pieces(str(big))
    assert isinstance(data2, Pieces) and state2 == read_file(str(big))[1]
    assert data2.head == body[:PIECE_SIZE]
    assert b"".join(data2) == body
    # Exactly one piece's size: a head, then nothing more.
    got = read_stream(io.BytesIO(body[:PIECE_SIZE]))
    assert isinstance(got, Pieces) and b"".join(got) == body[:PIECE_SIZE]
    assert read_stream(io.BytesIO(b"abc")) == b"abc"


def test_a_read_error_in_a_later_piece_is_what_failed_makes_of_it() -> None:
    class Failing(io.BytesIO):
        def read(self, n: int | None = -1) -> bytes:
            if self.tell() >= PIECE_SIZE:
                raise OSError(5, "Input/output error")
            return super().read(n)

    got = read_stream(Failing(b"a" * (PIECE_SIZE + 10)))
    assert isinstance(got, Pieces)
    got.failed = lambda exc: ValueError(exc.strerror)
    with pytest.raises(ValueError, match="Input/output error"):
        b"".join(got)


def test_line_map_drops_removed_lines_without_a_list() -> None:
    rng = random.Random(3)
    for _ in range(300):
        n = rng.randrange(0, 40)
        line_map: object = range(1, n + 1)
        model = list(range(1, n + 1))
        for _round in range(3):
            # Findings' line ranges: overlapping, touching, past the end.
            spans = []
            for _ in range(rng.randrange(0, 6)):
                a = rng.randrange(0, n + 3)
                spans.append((a, a + rng.randrange(1, 5)))
            removed = {i for a, b in spans for i in range(a, b)}
            merged = pipeline._merge(spans, len(model))
            assert all(a < b <= len(model) for a, b in merged)
            assert all(b < c for (_, b), (c, _) in zip(merged, merged[1:]))  # apart
            new = pipeline._without_spans(line_map, merged)  # type: ignore[arg-type]
            model = [x for i, x in enumerate(model) if i not in removed]
            assert isinstance(new, array) and list(new) == model
            line_map = new


def test_seed_page_line_numbers_after_removals() -> None:
    # The seed page loses its second copy (dedupe) and spam lines: findings
    # still name lines of the input.
    r = clean(SEED.read_bytes())
    lines = SEED.read_text(encoding="utf-8").split("\n")
    checked = 0
    for f in r.findings:
        if f.step in ("pinyin", "entities") and f.fixed:
            first = re.search(r"[(（][^)）]*[)）]|\?\w+;", f.original) or re.search(
                ".+", f.original
            )
            assert first is not None and first.group() in lines[f.line - 1], f
            checked += 1
    assert checked >= 10 and any(f.removes_lines for f in r.findings)


def _big_page(n: int) -> bytes:
    para = "".join(
        random.Random(5).choice("的一是在不了有和人这中大为上个国我以要他") for _ in range(90)
    )
    return "".join(f"第{i}段：{para}。\n" for i in range(n)).encode()


@pytest.mark.parametrize("suffix", [b"", "蛟龍號?rdquo;\n".encode()])
def test_cli_large_input_in_place_and_stream(tmp_path: Path, suffix: bytes) -> None:
    data = _big_page(12_000) + suffix  # about 3.4 MB: several pieces
    assert len(data) > 3 * PIECE_SIZE
    want = clean(data)
    f = tmp_path / "big.txt"
    f.write_bytes(data)
    exe = cleantext_exe()
    check = subprocess.run([exe, "clean", "--check", "-q", str(f)], capture_output=True)
    assert check.returncode == (1 if want.changed else 0), check.stderr
    assert f.read_bytes() == data
    stream = subprocess.run([exe, "clean", "-q"], input=data, capture_output=True)
    assert stream.returncode == 0 and stream.stdout == want.data, stream.stderr
    inplace = subprocess.run([exe, "clean", "-q", str(f)], capture_output=True)
    assert inplace.returncode == 0, inplace.stderr
    assert f.read_bytes() == want.data
    assert [p.name for p in tmp_path.iterdir()] == ["big.txt"]


def test_cli_large_legacy_and_bom_inputs(tmp_path: Path) -> None:
    text = _big_page(12_000).decode()
    runner = CliRunner()
    for data in (text.encode("gb18030"), codecs.BOM_UTF8 + text.encode() + b"\xff"):
        want = clean(data)
        r = runner.invoke(app, ["clean", "--force", "-q"], input=data)
        assert r.exit_code == 0, r.output
        assert r.stdout_bytes == want.data


def test_split_lines_is_the_split_on_newlines() -> None:
    # str.splitlines breaks at more than \n: every such character, alone,
    # before, after and at the very end, must come out as the \n split.
    def reference(text: str) -> list[str]:
        if not text:
            return []
        parts = text.split("\n")
        lines = [p + "\n" for p in parts[:-1]]
        return lines + [parts[-1]] if parts[-1] else lines

    rng = random.Random(11)
    alphabet = ["a", "中", "𠀀", " ", "\n", "\r", "\r\n", "\n\n", "\x0b", "\x0c"]
    alphabet += ["\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert split_lines(text) == reference(text), repr(text)
    seed = SEED.read_text(encoding="utf-8")
    for text in (seed, seed.replace("\n", "\r\n"), seed + "\x0c", "\x0c" + seed):
        assert split_lines(text) == reference(text)


def test_farm_head_counts_pinyin_places_in_the_head() -> None:
    n = pipeline.EAGER_FARM
    line = "高新區(qū)的新聞，"
    assert pipeline._farm_head(line * n)
    assert not pipeline._farm_head(line * (n - 1) + "高新区的新闻，" * 500)  # one short
    # Brackets that are no annotation, and places past the head, do not count.
    assert not pipeline._farm_head("高新区（2024）的新闻，" * 1000)
    assert not pipeline._farm_head("新" * pipeline.EAGER_HEAD + line * n)


def _farm_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every input takes the site farm's path: page decided before the steps."""
    monkeypatch.setattr(pipeline, "EAGER_PAGE_CHARS", 0)
    monkeypatch.setattr(pipeline, "_farm_head", lambda text: True)


def test_input_let_go_of_gives_what_clean_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    _farm_everywhere(monkeypatch)
    fixtures = sorted((SEED.parent.parent / "fixtures").glob("*.in.txt"))
    seed = SEED.read_bytes()
    inputs = [seed, seed * 3, seed.replace(b"\n", b"\r\n"), *(p.read_bytes() for p in fixtures)]
    inputs += [_big_page(200), "中文\n".encode("gb18030") * 10, b"", b"ascii\n"]
    for data in inputs:
        want = clean(data)
        for got in (
            pipeline.clean_deferred(data, Config(), keep_original=False),
            pipeline.clean_deferred(
                _cuts(data, random.Random(3), 4), Config(), keep_original=False
            ),
        ):
            assert (got.text, got.findings, got.changed) == (want.text, want.findings, want.changed)
            assert b"".join(got.chunks()) == want.data
            assert got.page == want.page
            # Let go of only once the steps changed it.
            assert got.original in (want.original, "")
            assert got.original == want.original or want.changed


def test_input_is_let_go_of_once_the_steps_changed_it(monkeypatch: pytest.MonkeyPatch) -> None:
    _farm_everywhere(monkeypatch)
    data = SEED.read_bytes() * 40  # a farm page: pinyin and entities change it
    held: dict[bool, int] = {}
    real = pipeline.STEPS["dedupe"]

    class Probe:
        name, idle = real.name, real.idle

        @staticmethod
        def func(text: str, ctx: object) -> object:
            held[keep] = tracemalloc.get_traced_memory()[0]
            return real.func(text, ctx)  # type: ignore[arg-type]

    monkeypatch.setitem(pipeline.STEPS, "dedupe", Probe)  # type: ignore[arg-type]
    size = 0
    for keep in (True, False):
        gc.collect()
        tracemalloc.start()
        try:
            r = pipeline.clean_deferred(data, Config(), keep_original=keep)
        finally:
            tracemalloc.stop()
        size = len(r.original or data.decode()) * 2  # the input text, UCS-2
        assert r.changed and bool(r.original) == keep
    # When dedupe starts, the input text is no longer held.
    assert held[True] - held[False] > 0.8 * size, (held, size)


def test_digest_tells_the_input() -> None:
    text = "中文𠀀 text\n" * 1000
    d = pipeline._Digest(text)
    assert d.same(text) and d.same("".join(list(text)))
    assert not d.same(text[:-1] + "\r")  # same length, one character off
    assert not d.same(text + "x") and not d.same("")
    assert pipeline._Digest("").same("")
    # (made a piece at a time: the same digest whatever the pieces, lone
    # surrogates cut apart or not)
    odd = "中\ud83d\ude00文\udfff𠀀" * 3
    assert {pipeline._Digest._of(odd, k) for k in (1, 2, 5, 1 << 16)} == {pipeline._Digest._of(odd)}


def test_head_not_utf8_proves_only_from_an_invalid_sequence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gbk = "中文".encode("gb18030") * 40_000
    utf8 = "中文".encode() * 40_000
    assert pipeline._head_not_utf8(gbk)
    assert pipeline._head_not_utf8(utf8[:100] + b"\xff" + utf8)
    # Valid, or cut in a character at the head's end or the input's: unproven.
    assert not pipeline._head_not_utf8(utf8)
    assert not pipeline._head_not_utf8(utf8[: (1 << 16) - 1] + gbk)  # cut by the head
    assert not pipeline._head_not_utf8(b"a\xe4\xb8")
    assert pipeline._head_not_utf8(b"a\xe4\xb8x")
    # --encoding gbk on a large GBK input: bytes not kept, output deferred.
    monkeypatch.setattr(pipeline, "_LARGE_INPUT", 0)
    r = pipeline.clean_deferred(gbk, Config(encoding="gbk"))
    assert r.deferred and r.changed and b"".join(r.chunks()) == clean(gbk, encoding="gbk").data
    ascii_only = b"plain text\n" * 2_000  # UTF-8 too: compared as before
    a = pipeline.clean_deferred(ascii_only, Config(encoding="gbk"))
    assert not a.deferred and not a.changed
