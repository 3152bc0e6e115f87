"""Corpus mode: JSON Lines and Parquet records, compressed streams, workers."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleantext
from cleantext import corpus
from cleantext.cli import app as cli_app
from cleantext.config import STEP_ORDER
from cleantext.corpus import CorpusError, clean_jsonl, open_input, open_output

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = (FIXTURES / "seed-000.in.txt").read_text(encoding="utf-8")
SEED_OUT = (FIXTURES / "seed-000.out.txt").read_text(encoding="utf-8")


def _records() -> list[dict[str, object]]:
    return [
        {"id": 1, "text": SEED, "url": "http://example.com/a", "meta": {"lang": "zh"}},
        {"id": 2, "text": "一段干净的中文文本，“引号”和全角标点。", "score": 0.5},
        {"id": 3, "text": "蛟龍號?rdquo;", "tags": ["x", "y"]},
        {"id": 4, "body": "no text field"},
        {"id": 5, "text": None},
        {"id": 6, "text": 42},
        {"id": 7, "text": SEED_OUT},
    ]


def _jsonl(records: list[dict[str, object]]) -> bytes:
    # Spaces after separators, as Python's json writes: unchanged lines must keep them.
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def _run(data: bytes, **kwargs: object) -> tuple[list[bytes], corpus.CorpusStats]:
    out = io.BytesIO()
    stats = clean_jsonl(io.BytesIO(data), out, **kwargs)  # type: ignore[arg-type]
    return out.getvalue().split(b"\n"), stats


def test_each_record_is_cleaned_as_its_own_document() -> None:
    data = _jsonl(_records())
    lines, stats = _run(data)
    assert lines[-1] == b""
    out = [json.loads(line) for line in lines[:-1]]
    assert [r["id"] for r in out] == [1, 2, 3, 4, 5, 6, 7]
    assert out[0]["text"] == cleantext.clean(SEED).text == SEED_OUT
    assert out[0]["url"] == "http://example.com/a" and out[0]["meta"] == {"lang": "zh"}
    assert out[2] == {"id": 3, "text": "蛟龍號”", "tags": ["x", "y"]}
    # Records that needed nothing are the same bytes as before.
    original = data.split(b"\n")
    assert lines[1] == original[1] and lines[6] == original[6]
    assert (stats.records, stats.changed, stats.errors) == (7, 2, 3)
    assert stats.bytes_in == len(data)


def test_records_that_cannot_be_cleaned_are_kept_with_an_error_field() -> None:
    lines, stats = _run(_jsonl(_records()), error_field="why")
    out = [json.loads(line) for line in lines[:-1]]
    assert out[3] == {"id": 4, "body": "no text field", "why": "no field 'text'"}
    assert out[4] == {"id": 5, "text": None, "why": "field 'text' is not a string"}
    assert out[5]["text"] == 42 and "why" in out[5]
    assert [n for n, _ in stats.failures] == [4, 5, 6]


def test_a_line_that_is_not_a_json_object_passes_through() -> None:
    data = b'{"text": "ok?rdquo;"}\n[1, 2]\nnot json at all\n\n{"text": "x"}'
    lines, stats = _run(data)
    assert lines == [
        b'{"text":"ok\xe2\x80\x9d"}',
        b"[1, 2]",
        b"not json at all",
        b"",
        b'{"text": "x"}',
        b"",
    ]
    assert stats.errors == 2 and [n for n, _ in stats.failures] == [2, 3]
    assert stats.records == 4


def test_findings_field_counts_fixes_per_step() -> None:
    lines, _ = _run(_jsonl(_records()[:3]), findings_field="cleantext")
    out = [json.loads(line) for line in lines[:-1]]
    seed = out[0]["cleantext"]
    assert seed["changed"] is True and seed["fixes"] > 3
    assert {s for s, n in seed["steps"].items() if n} == {"spam", "pinyin", "entities", "dedupe"}
    assert list(seed["steps"]) == list(STEP_ORDER)
    assert seed["page"] == "scraped"  # the page model's decision
    assert out[1]["cleantext"] == {
        "changed": False,
        "fixes": 0,
        "reports": 0,
        "steps": dict.fromkeys(STEP_ORDER, 0),
        "page": "authored",
    }
    assert out[2]["cleantext"]["steps"] == {**dict.fromkeys(STEP_ORDER, 0), "entities": 1}


def test_workers_write_the_same_bytes_in_the_same_order() -> None:
    data = _jsonl(_records() * 40)
    one, s1 = _run(data, jobs=1, findings_field="f")
    two, s2 = _run(data, jobs=2, findings_field="f")
    assert one == two
    assert (s1.records, s1.changed, s1.errors, s1.fixes) == (
        s2.records,
        s2.changed,
        s2.errors,
        s2.fixes,
    )
    assert s1.failures == s2.failures and s1.failures[3] == (11, "no field 'text'")


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_streams_by_magic_and_by_extension(tmp_path: Path, suffix: str) -> None:
    if suffix == ".zst":
        pytest.importorskip("zstandard")
    data = _jsonl(_records())
    packed = tmp_path / f"in.jsonl{suffix}"
    with open_output(packed) as fh:
        fh.write(data)
    assert packed.read_bytes()[:2] != data[:2]  # really compressed
    if suffix == ".gz":
        assert gzip.decompress(packed.read_bytes()) == data
    # The magic bytes decide on input, whatever the name says.
    renamed = tmp_path / "in.jsonl"
    renamed.write_bytes(packed.read_bytes())
    with open_input(renamed) as fh:
        assert fh.read() == data
    with (
        open_input(tmp_path / f"in.jsonl{suffix}") as src,
        open_output(tmp_path / f"o{suffix}") as dst,
    ):
        clean_jsonl(src, dst)
    with open_input(tmp_path / f"o{suffix}") as fh:
        expected, _ = _run(data)
        assert fh.read() == b"\n".join(expected)


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_compressed_shard_cut_short_or_corrupt_is_an_error(tmp_path: Path, suffix: str) -> None:
    # A shard cut short (an interrupted download) must not read as a shorter
    # corpus: python-zstandard's stream_reader ended quietly, and a cut
    # .zst gave no records and exit 0; corrupt zstd data was an "internal
    # error". Both are now read errors, as gzip's are.
    if suffix == ".zst":
        pytest.importorskip("zstandard")
    import random

    rng = random.Random(3)
    records = [
        {
            "id": i,
            "text": "".join(rng.choice("经济发展科技创新动力产业升级开放") for _ in range(200)),
        }
        for i in range(400)
    ]
    packed = tmp_path / f"in.jsonl{suffix}"
    with open_output(packed) as fh:
        fh.write(_jsonl(records))
    whole = packed.read_bytes()
    for name, data in (
        ("cut", whole[: len(whole) // 2]),
        ("corrupt", whole[:1000] + bytes(b ^ 0xFF for b in whole[1000:1100]) + whole[1100:]),
    ):
        bad = tmp_path / f"{name}.jsonl{suffix}"
        bad.write_bytes(data)
        with pytest.raises((EOFError, OSError)), open_input(bad) as src:
            clean_jsonl(src, io.BytesIO())
        cli = tmp_path / f"{name}-cli.jsonl{suffix}"
        cli.write_bytes(data)
        result = CliRunner().invoke(cli_app, ["clean", "--jsonl", "--field", "text", str(cli)])
        assert result.exit_code == 123, (name, result.output)
        assert "cannot read" in result.stderr and "internal error" not in result.stderr
        assert cli.read_bytes() == data  # left untouched


def test_plain_input_is_read_as_is(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_bytes(b'{"text": "a"}\n')
    with open_input(p) as fh:
        assert fh.read() == b'{"text": "a"}\n'
    with open_input(io.BytesIO(b"xy")) as fh:
        assert fh.read() == b"xy"


def test_parquet_keeps_columns_and_order(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    records = [r for r in _records() if not isinstance(r.get("text"), int)] * 3
    table = pa.table(
        {
            "id": [r["id"] for r in records],
            "text": [r.get("text") for r in records],
            "score": [float(i) for i in range(len(records))],
        }
    )
    src, dst = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src, row_group_size=4)
    stats = corpus.clean_parquet(src, dst, findings_field="cleantext", jobs=2)
    out = pq.read_table(dst)
    assert out.column("id").to_pylist() == table.column("id").to_pylist()
    assert out.column("score").to_pylist() == table.column("score").to_pylist()
    texts = out.column("text").to_pylist()
    for before, after in zip(table.column("text").to_pylist(), texts):
        assert after == (before if before is None else cleantext.clean(before).text)
    errors = out.column("cleantext_error").to_pylist()
    assert [e is not None for e in errors] == [r.get("text") is None for r in records]
    assert stats.records == len(records)
    assert stats.errors == sum(e is not None for e in errors) == 6
    found = out.column("cleantext").to_pylist()
    assert found[0]["changed"] is True and found[1]["fixes"] == 0
    one = tmp_path / "one.parquet"
    corpus.clean_parquet(src, one, findings_field="cleantext", jobs=1)
    assert pq.read_table(one).equals(out)


def test_parquet_without_the_column_is_an_error(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "a.parquet")
    with pytest.raises(CorpusError, match="no column 'text'"):
        corpus.clean_parquet(tmp_path / "a.parquet", tmp_path / "b.parquet")
    (tmp_path / "c.parquet").write_bytes(b"not parquet")
    with pytest.raises(CorpusError, match="cannot read as Parquet"):
        corpus.clean_parquet(tmp_path / "c.parquet", tmp_path / "d.parquet")


def test_a_parquet_file_cut_short_is_named_once(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    whole = tmp_path / "whole.parquet"
    pq.write_table(pa.Table.from_pylist(_records()[:3]), whole)
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[:100])
    result = CliRunner().invoke(cli_app, ["clean", "--parquet", "--field", "text", str(cut)])
    assert result.exit_code == 123
    [error] = [ln for ln in result.stderr.splitlines() if ln.startswith("cleantext: error:")]
    assert error.count(str(cut)) == 1 and "cannot read as Parquet" in error
    assert ".;" not in error and cut.read_bytes() == whole.read_bytes()[:100]


def test_a_record_with_a_lone_surrogate_is_kept_as_valid_json_in_utf8() -> None:
    # "\ud800" is valid JSON but no Unicode: the record cannot be cleaned and
    # is kept, with an error field. It was written with the raw bytes
    # ED A0 80, and the output line was no longer UTF-8.
    data = (
        b'{"id":1,"text":"lone \\ud800 here, \\u00e9 and \\ud83d\\ude00"}\n{"id":2,"text":"ok"}\n'
    )
    lines, stats = _run(data)
    assert stats.errors == 1
    first = lines[0]
    first.decode("utf-8")  # strict: raises on a surrogate's bytes
    record = json.loads(first)
    assert record["text"] == "lone \ud800 here, é and 😀"
    assert "lone surrogate" in record[corpus.ERROR_FIELD]
