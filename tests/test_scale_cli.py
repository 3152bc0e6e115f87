"""The CLI at scale: -j gives the output of -j 1; fsync batching and --no-fsync;
corpus mode (--jsonl, --parquet) through the command line."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from _cli import cleantext_exe
from typer.testing import CliRunner

from cleantext import cli, files

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = (FIXTURES / "seed-000.in.txt").read_bytes()


def _tree(root: Path) -> Path:
    """Damaged, clean, GBK, binary and undecodable files in two folders."""
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    for i in range(6):
        (root / "a" / f"seed{i}.txt").write_bytes(SEED)
        (root / "b" / f"clean{i}.txt").write_text("干净的文本，“引号”。\n", encoding="utf-8")
    (root / "a" / "gbk.txt").write_bytes((FIXTURES / "gbk-news.in.txt").read_bytes())
    (root / "a" / "entity.md").write_text("蛟龍號?rdquo; 和 `?rdquo;`\n", encoding="utf-8")
    (root / "b" / "binary.dat").write_bytes(b"\x00\x01\x02 binary")
    (root / "b" / "broken.txt").write_bytes("中文".encode() + b"\xff\xfe\xfd" + "文字".encode())
    return root


def _run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [cleantext_exe(), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
        timeout=300,
    )


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    "flags",
    [
        ["--check"],
        ["--check", "-v"],
        ["--diff"],
        ["-v"],
        [],
        ["--check", "--report", "json"],
        ["--check", "--output-format", "sarif"],
        ["--check", "--output-format", "github"],
        ["--check", "--output-format", "json"],
        ["--report", "json", "-v"],
        ["-q"],
    ],
)
def test_jobs_give_the_output_and_exit_code_of_one_process(
    tmp_path: Path, flags: list[str]
) -> None:
    one = _tree(tmp_path / "one")
    two = _tree(tmp_path / "two")
    r1 = _run("clean", "-j", "1", *flags, ".", cwd=one)
    r2 = _run("clean", "-j", "2", *flags, ".", cwd=two)
    assert r1.returncode == r2.returncode
    assert r1.stderr == r2.stderr
    assert r1.stdout == r2.stdout
    assert _snapshot(one) == _snapshot(two)
    if "--check" in flags:
        assert r1.returncode in (1, 123)
        assert b"seed0.txt" in r1.stderr + r1.stdout


def test_jobs_keep_stdin_in_its_place(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    args = ["clean", "--check", "a/seed0.txt", "-", "a/seed1.txt", "a/seed2.txt", "a/seed3.txt"]
    r1 = _run(*args, "-j", "1", cwd=root, stdin="蛟龍號?rdquo;".encode())
    r2 = _run(*args, "-j", "2", cwd=root, stdin="蛟龍號?rdquo;".encode())
    assert (r1.returncode, r1.stderr, r1.stdout) == (r2.returncode, r2.stderr, r2.stdout)
    lines = r1.stderr.decode().splitlines()
    first = [
        next(i for i, line in enumerate(lines) if line.startswith(p))
        for p in ("a/seed0", "-:", "a/seed1")
    ]
    assert first == sorted(first)


def test_jobs_zero_means_one_per_cpu_and_negative_is_a_usage_error(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert _run("clean", "--check", "-j", "0", "b", cwd=root).returncode == 123
    bad = _run("clean", "--check", "-j", "-1", "b", cwd=root)
    assert bad.returncode == 2 and b"cleantext: error:" in bad.stderr


def _count_fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def counting(fd: Any) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", counting)
    return calls


def test_folders_are_fsynced_once_and_no_fsync_skips_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_fsyncs(monkeypatch)
    root = tmp_path / "t"
    root.mkdir()
    for i in range(5):
        (root / f"p{i}.txt").write_bytes(SEED)
    result = CliRunner().invoke(cli.app, ["clean", "-q", "-j", "1", str(root)])
    assert result.exit_code == 0, result.output
    assert len(calls) == 5 + 1  # each file's data, the folder once
    assert (root / "p0.txt").read_bytes() == (FIXTURES / "seed-000.out.txt").read_bytes()
    calls.clear()
    for i in range(5):
        (root / f"p{i}.txt").write_bytes(SEED)
    result = CliRunner().invoke(cli.app, ["clean", "-q", "-j", "1", "--no-fsync", str(root)])
    assert result.exit_code == 0, result.output
    assert calls == []
    assert (root / "p4.txt").read_bytes() == (FIXTURES / "seed-000.out.txt").read_bytes()


def test_sync_dirs_syncs_each_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_fsyncs(monkeypatch)
    files.sync_dirs([str(tmp_path), str(tmp_path), str(tmp_path / "missing")])
    assert len(calls) == 1


# -- corpus mode -----------------------------------------------------------------


def _jsonl() -> bytes:
    records = [
        {"id": 1, "text": SEED.decode(), "url": "u1"},
        {"id": 2, "text": "干净的文本。"},
        {"id": 3, "body": "no text"},
        {"id": 4, "text": "蛟龍號?rdquo;"},
    ]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def test_jsonl_from_stdin_to_stdout(tmp_path: Path) -> None:
    r = _run("clean", "--jsonl", "--field", "text", cwd=tmp_path, stdin=_jsonl())
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert out[0]["text"] == (FIXTURES / "seed-000.out.txt").read_text(encoding="utf-8")
    assert out[0]["url"] == "u1"
    assert r.stdout.splitlines()[1] == _jsonl().splitlines()[1]  # untouched, byte for byte
    assert out[2]["cleantext_error"] == "no field 'text'"
    assert out[3]["text"] == "蛟龍號”"
    assert b"-:3: record left as it was: no field 'text'" in r.stderr
    two = _run("clean", "--jsonl", "-j", "2", cwd=tmp_path, stdin=_jsonl())
    assert (two.returncode, two.stdout, two.stderr) == (r.returncode, r.stdout, r.stderr)


def test_jsonl_in_place_compressed_check_and_rerun(tmp_path: Path) -> None:
    p = tmp_path / "pages.jsonl.gz"
    p.write_bytes(gzip.compress(_jsonl()))
    before = p.read_bytes()
    check = _run("clean", "--jsonl", "--check", p.name, cwd=tmp_path)
    assert check.returncode == 1 and p.read_bytes() == before
    assert b"2 of 4 records changed" in check.stderr
    fix = _run("clean", "--jsonl", "--findings-field", "ct", p.name, cwd=tmp_path)
    assert fix.returncode == 0, fix.stderr
    assert b"Fixing pages.jsonl.gz (2 of 4 records changed)" in fix.stderr
    rows = [json.loads(line) for line in gzip.decompress(p.read_bytes()).splitlines()]
    assert rows[3]["ct"]["steps"]["entities"] == 1 and rows[1]["ct"]["changed"] is False
    assert [x.name for x in tmp_path.iterdir()] == ["pages.jsonl.gz"]  # no temporary left
    stat = p.stat()
    # Cleaning again changes nothing (the counts field stays as the run that
    # made it wrote it), so the file is not rewritten.
    again = _run("clean", "--jsonl", p.name, cwd=tmp_path)
    assert again.returncode == 0 and b"Fixing" not in again.stderr
    assert p.stat().st_ino == stat.st_ino
    assert _run("clean", "--jsonl", "--check", p.name, cwd=tmp_path).returncode == 0


def test_parquet_in_place(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in _jsonl().splitlines()]
    p = tmp_path / "pages.parquet"
    pq.write_table(pa.Table.from_pylist(rows), p)
    r = _run("clean", "--parquet", "-j", "2", p.name, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    got = pq.read_table(p).to_pylist()
    assert got[3]["text"] == "蛟龍號”" and got[0]["url"] == "u1"
    assert got[2]["cleantext_error"] == "field 'text' is null"
    assert _run("clean", "--parquet", "--check", p.name, cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jsonl", "--diff"], b"--diff does not apply"),
        (["--parquet"], b"--parquet needs file PATHS"),
        (["--jsonl", "--parquet"], b"choose one"),
        (["--field", "body"], b"are for --jsonl or --parquet"),
        (["--jsonl", "--report", "json"], b"--report does not apply"),
    ],
)
def test_corpus_usage_errors(tmp_path: Path, args: list[str], message: bytes) -> None:
    r = _run("clean", *args, cwd=tmp_path, stdin=b"{}\n")
    assert r.returncode == 2
    assert message in r.stderr


def test_corpus_file_that_cannot_be_read_is_exit_123(tmp_path: Path) -> None:
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    r = _run("clean", "--parquet", "bad.parquet", "missing.parquet", cwd=tmp_path)
    assert r.returncode == 123
    assert b"bad.parquet: " in r.stderr and b"missing.parquet: " in r.stderr
    assert (tmp_path / "bad.parquet").read_bytes() == b"not parquet"
