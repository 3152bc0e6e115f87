"""Reading each input once and holding few copies of it (issue 13)."""

from __future__ import annotations

import codecs
import gc
import sys
import tracemalloc
from pathlib import Path

import pytest

from cleantext import Config, clean
from cleantext import decode as dec
from cleantext.files import Walked, iter_paths, walked_binary


def test_walk_without_sniffing_leaves_binary_files_to_the_reader(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    sniffed = list(iter_paths([str(tmp_path)]))
    unsniffed = list(iter_paths([str(tmp_path)], sniff=False))
    assert [p for p in sniffed if isinstance(p, Walked)] == [str(tmp_path / "a.txt")]
    assert unsniffed == [str(tmp_path / "a.txt"), str(tmp_path / "b.png")]
    judged = {Path(p).name: walked_binary(p, Path(p).read_bytes()) for p in unsniffed}
    assert judged == {"a.txt": False, "b.png": True}
    # A path named explicitly is never skipped as binary: the CLI refuses it.
    assert not walked_binary(str(tmp_path / "b.png"), b"\x00\x01")


@pytest.mark.parametrize("size", [dec._PIECE - 1, dec._PIECE, dec._PIECE + 1, 3 * dec._PIECE + 2])
def test_decode_utf8_in_pieces_is_the_whole_decoding(size: int) -> None:
    # Three-byte characters after one ASCII byte: the pieces cut characters.
    good = ("a" + "中文字" * size).encode("utf-8")[:size]
    good = good.decode("utf-8", "ignore").encode("utf-8")  # no cut character at the end
    assert dec.decode_utf8(good) == good.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        dec.decode_utf8(good + b"\xe4\xb8")  # a character cut at the end
    with pytest.raises(UnicodeDecodeError):
        dec.decode_utf8(good[:10] + b"\xff" + good[10:])


def test_round_trips_only_for_strict_utf8() -> None:
    cfg = Config()
    assert dec.round_trips(dec.decode_bytes("中文\n".encode(), cfg))
    assert dec.round_trips(dec.decode_bytes(codecs.BOM_UTF8 + "中文\n".encode(), cfg))
    assert not dec.round_trips(dec.decode_bytes("中文字符的编码\n".encode("gb18030"), cfg))
    assert not dec.round_trips(dec.decode_bytes("中文\n".encode("utf-16"), cfg))
    assert not dec.round_trips(dec.decode_bytes(b"ok \xff\xfe bad \xe4\xb8\xad\n", cfg))


@pytest.mark.parametrize(
    ("data", "changed"),
    [
        ("干净的文本。\n".encode(), False),
        (codecs.BOM_UTF8 + "干净的文本。\n".encode(), False),
        ("蛟龍號?rdquo;\n".encode(), True),
        (codecs.BOM_UTF8 + "蛟龍號?rdquo;\n".encode(), True),
        ("干净的文本。\n".encode("gb18030"), True),  # re-encoded to UTF-8
    ],
)
def test_changed_and_output_without_the_input_bytes(data: bytes, changed: bool) -> None:
    r = clean(data)
    assert r.changed is changed
    assert (r.data == data) is (not changed)
    assert r.data.startswith(codecs.BOM_UTF8) is data.startswith(codecs.BOM_UTF8)


@pytest.mark.skipif(
    sys.version_info < (3, 11),
    reason="Python 3.10's call holds its arguments until it returns: the caller's bytes stay",
)
def test_clean_lets_go_of_utf8_input_once_decoded() -> None:
    # Nothing but clean() holds the input: it is freed before the steps run
    # (3 MB of bytes, 2 MB of text: the steps start with the text alone).
    from cleantext import pipeline

    held: list[int] = []
    real = pipeline._run_steps

    def spy(box: list[str], config: Config, ctx: object, **kw: object) -> object:
        gc.collect()
        held.append(tracemalloc.get_traced_memory()[0])
        return real(box, config, ctx, **kw)  # type: ignore[arg-type]

    line = "中文的文本，一行又一行。\n"
    tracemalloc.start()
    try:
        box = [(line * (3_000_000 // len(line.encode()))).encode()]
        pipeline._run_steps = spy  # type: ignore[assignment]
        r = clean(box.pop(), only=["entities"])
    finally:
        pipeline._run_steps = real
        tracemalloc.stop()
    assert len(held) == 1
    assert 1_900_000 < held[0] < 2_900_000, held  # the text, not the bytes too
    assert not r.changed and len(r.data) > 2_900_000
