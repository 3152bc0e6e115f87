"""The installed ``cleantext`` command through real pipes, files and a pty.

These run the console script as a separate process, the way a shell or
pre-commit does. Tests named ``test_seed_e2e_*`` need the real steps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from _cli import cleantext_exe

EXE = cleantext_exe()
ENV = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLEANTEXT_TRACEBACK")}


def run(
    args: list[str], data: bytes | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([EXE, *args], input=data, capture_output=True, timeout=60, env=ENV, **kw)  # type: ignore[call-overload,no-any-return]


def pipeline(stages: list[list[str]], data: bytes) -> tuple[bytes, list[int], bytes]:
    """Run ``cleantext A < data | cleantext B | ...`` through real OS pipes."""
    procs: list[subprocess.Popen[bytes]] = []
    prev = None
    for i, args in enumerate(stages):
        p = subprocess.Popen(
            [EXE, *args],
            stdin=subprocess.PIPE if i == 0 else prev,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        if prev is not None:
            prev.close()  # only the next process holds the read end now
        prev = p.stdout
        procs.append(p)
    first = procs[0]
    assert first.stdin is not None
    first.stdin.write(data)
    first.stdin.close()
    out, errors = procs[-1].communicate(timeout=60)
    for p in procs[:-1]:
        p.wait(timeout=60)
        assert p.stderr is not None
        errors = p.stderr.read() + errors
        p.stderr.close()
    return out, [p.returncode for p in procs], errors


def test_decode_pipe_converts_to_utf8() -> None:
    text = "青島高新區：打造“一區多園”模式。\n第二段文字，沒有問題。\n"
    out, codes, errors = pipeline(
        [["decode", "--encoding", "big5"], ["decode"]], text.encode("big5")
    )
    assert codes == [0, 0], errors
    assert out == text.encode("utf-8")


def test_check_writes_nothing_to_stdout_and_leaves_the_file(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    data = "中文新聞。\n".encode("gb18030")
    f.write_bytes(data)
    proc = run(["decode", "--check", "--encoding", "gb18030", str(f)])
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert f"{f}:1:1: decode: re-encoded from gb18030 to UTF-8".encode() in proc.stderr
    assert f.read_bytes() == data


def test_in_place_keeps_mode_and_says_fixing(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("中文新聞。\n".encode("gb18030"))
    os.chmod(f, 0o600)
    proc = run(["decode", "--encoding", "gb18030", str(f)])
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode() == (
        f"Fixing {f}: re-encoded from gb18030 to UTF-8\n1 file fixed, 0 unchanged\n"
    )
    assert f.read_bytes() == "中文新聞。\n".encode()
    assert f.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gbk.txt"]


def test_undecodable_file_exit_123_and_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok \xff\xfe\xfa bytes\n")
    good = tmp_path / "good.txt"
    good.write_bytes("中文\n".encode("utf-16"))
    proc = run(["decode", "--encoding", "utf-8", str(bad)])
    assert proc.returncode == 123
    assert bad.read_bytes() == b"ok \xff\xfe\xfa bytes\n"
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{bad}:1:".encode()) or b"cleantext: error:" in proc.stderr
    # the error does not stop the other files
    proc = run(["decode", str(bad), str(good)])
    assert good.read_bytes() == "中文\n".encode()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_interactive_stdin_is_a_usage_error_not_a_hang() -> None:
    master, slave = os.openpty()
    try:
        proc = subprocess.run([EXE, "clean"], stdin=slave, capture_output=True, timeout=30, env=ENV)
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 2
    assert proc.stderr.startswith(b"cleantext: error: no input")
    assert proc.stdout == b""


def test_closed_stdout_is_not_a_traceback() -> None:
    data = ("第一行文字，內容。\n" * 200_000).encode("utf-8")
    p = subprocess.Popen(
        [EXE, "decode"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert p.stdin is not None and p.stdout is not None and p.stderr is not None
    try:
        p.stdin.write(data)
        p.stdin.close()
    except BrokenPipeError:  # pragma: no cover - it may stop reading early
        pass
    p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read()
    p.wait(timeout=60)
    assert b"Traceback" not in err


def test_usage_error_is_one_line_pair() -> None:
    proc = run(["clean", "--no-such-flag"], b"")
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert lines[0].startswith("cleantext: error: ") and "--no-such-flag" in lines[0]
    assert all(ln.startswith("cleantext: ") for ln in lines)


# -- the seed page end to end (real steps) ----------------------------------------------------


def test_seed_e2e_pipe_through_step_subcommands(seed_bytes: bytes, seed_out: bytes) -> None:
    stages = [["decode"], ["mojibake"], ["entities"], ["pinyin"], ["spam"], ["dedupe"]]
    out, codes, errors = pipeline(stages, seed_bytes)
    assert codes == [0] * len(stages), errors
    assert out == seed_out


def test_seed_e2e_in_place_and_idempotent(tmp_path: Path, seed_path: Path, seed_out: bytes) -> None:
    page = tmp_path / "page.txt"
    shutil.copyfile(seed_path, page)
    os.chmod(page, 0o644)
    proc = run(["clean", str(page)])
    assert proc.returncode == 0, proc.stderr
    assert f"Fixing {page}".encode() in proc.stderr
    assert page.read_bytes() == seed_out
    assert run(["clean", "--check", str(page)]).returncode == 0
    assert run(["clean", "--check", str(seed_path)]).returncode == 1


def test_seed_e2e_pipe_with_convert_equals_clean_to_simplified(seed_bytes: bytes) -> None:
    stages = [["decode"], ["mojibake"], ["entities"], ["pinyin"], ["spam"], ["dedupe"], ["convert"]]
    out, codes, errors = pipeline(stages, seed_bytes)
    assert codes == [0] * len(stages), errors
    one_process = run(["clean", "--to-simplified"], seed_bytes)
    assert one_process.returncode == 0
    assert out == one_process.stdout
    assert "青岛高新区:打造“一区多园”青岛模式" in out.decode("utf-8").split("\n")
