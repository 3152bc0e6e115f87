"""Reliability under hostile input and hostile surroundings (issue 12).

Each case runs through the installed ``cleantext`` command (a real
process, real files) or through :func:`cleantext.clean`. Nothing here
asserts on speed: cases that used to take minutes run in a subprocess whose
``timeout`` is only a hang guard (tens of seconds for work that now takes
milliseconds); the figures are in ``bench/bench_adversarial.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from _cli import cleantext_exe

EXE = cleantext_exe()
ENV = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLEANTEXT_TRACEBACK")}
#: A hang guard, not a speed limit: the work below takes well under a second.
HANG = 120


def run(
    args: list[str], data: bytes | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    kw.setdefault("env", ENV)
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [EXE, *args], input=data, capture_output=True, timeout=HANG, **kw
    )


# -- recursion and super-linear regexes --------------------------------------


def test_long_spam_term_does_not_crash(tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    # One very long term and a chain of terms that are prefixes of each other.
    terms.write_text("x" * 600 + "\n" + "\n".join("y" * k for k in range(1, 400)) + "\n")
    r = run(["clean", "--spam-terms", str(terms)], "正文第一行。\n正文第二行。\n".encode())
    assert r.returncode == 0, r.stderr
    assert r.stdout == "正文第一行。\n正文第二行。\n".encode()


def test_trie_pattern_matches_longest_term_at_any_depth() -> None:
    import re

    from cleantext.spamlex import trie_pattern

    assert re.fullmatch(trie_pattern(["a" * 2000]), "a" * 2000)
    deep = re.compile(trie_pattern(["b" * k for k in range(1, 500)]))
    m = deep.match("b" * 700)
    assert m is not None and m.end() == 499
    assert re.compile(trie_pattern(["ab", "abc", "b"])).findall("abcab b") == ["abc", "ab", "b"]


def test_hit_counter_line_with_long_blank_run_is_linear() -> None:
    # 2,000 counter-like lines of 196 characters: the old counter regex took
    # about 0.1 s per line (cubic in the run of spaces).
    page = "正文一行。\n" + ("views" + " " * 190 + "x\n") * 2000
    r = run(["clean", "--enable", "boilerplate"], page.encode())
    assert r.returncode == 0, r.stderr
    assert r.stdout == page.encode()  # no counter here: nothing to remove


def test_hit_counter_still_found() -> None:
    from cleantext.steps.boilerplate import _COUNTER

    for line, found in [
        ("作者：张三   浏览次数：123", "   浏览次数：123"),
        ("发布时间 2020-01-01 | 点击: 45 次", " | 点击: 45 次"),
        ("阅读量 [ 12 ]", None),
        ("阅读:[ 12 ] 来源", "阅读:[ 12 ]"),
        ("views" + " " * 5000 + "x", None),
    ]:
        m = _COUNTER.search(line)
        assert (m.group() if m else None) == found, line


# -- files: lost updates, symlink swaps, temporary files, metadata -----------

from typer.testing import CliRunner  # noqa: E402

from cleantext import cli, files  # noqa: E402
from cleantext.files import FileChangedError, read_file, write_atomic  # noqa: E402


def _invoke(args: list[str]) -> object:
    return CliRunner().invoke(cli.app, args, catch_exceptions=False)


def _during_clean(monkeypatch: pytest.MonkeyPatch, action: object) -> None:
    """Run ``action()`` while the CLI cleans a file (between read and write)."""
    real = cli.clean_deferred

    def clean_and_meddle(*args: object, **kw: object) -> object:
        result = real(*args, **kw)  # type: ignore[arg-type]
        action()  # type: ignore[operator]
        return result

    monkeypatch.setattr(cli, "clean_deferred", clean_and_meddle)


def test_append_during_clean_is_kept_and_exit_123(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("蛟龍號?rdquo;\n".encode())

    def append() -> None:
        with open(f, "ab") as fh:
            fh.write("新的一行\n".encode())

    _during_clean(monkeypatch, append)
    r = _invoke(["clean", str(f)])
    assert r.exit_code == 123  # type: ignore[attr-defined]
    assert f.read_bytes() == "蛟龍號?rdquo;\n新的一行\n".encode()
    assert "changed on disk while cleantext ran" in r.stderr  # type: ignore[attr-defined]
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_editor_style_save_during_clean_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("蛟龍號?rdquo;\n".encode())
    st = f.stat()

    def save() -> None:  # a new file renamed over, same size and mtime
        new = tmp_path / "a.txt~"
        new.write_bytes("蛟龍號?ldquo;\n".encode())
        os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(new, f)

    _during_clean(monkeypatch, save)
    r = _invoke(["clean", str(f)])
    assert r.exit_code == 123  # type: ignore[attr-defined]
    assert f.read_bytes() == "蛟龍號?ldquo;\n".encode()


def _swap_after_walk(monkeypatch: pytest.MonkeyPatch, swap: Callable[[], None]) -> None:
    """The CLI's walk lists the files first, then ``swap`` changes the tree
    before any is read: the race a checked path must survive."""
    real = cli.iter_paths

    def walk_then_swap(*args: object, **kw: object) -> object:
        items = list(real(*args, **kw))  # type: ignore[arg-type]
        swap()
        return iter(items)

    monkeypatch.setattr(cli, "iter_paths", walk_then_swap)


def test_symlink_swapped_in_after_the_walk_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tmp_path / "dir"
    tree.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes("蛟龍號?rdquo;\n".encode())
    for i in range(3):
        (tree / f"f{i}.txt").write_bytes("蛟龍號?rdquo;\n".encode())

    def swap() -> None:
        (tree / "f1.txt").unlink()
        (tree / "f1.txt").symlink_to(victim)

    _swap_after_walk(monkeypatch, swap)
    r = _invoke(["clean", "-q", str(tree)])
    assert r.exit_code == 123  # type: ignore[attr-defined]
    assert victim.read_bytes() == "蛟龍號?rdquo;\n".encode()
    assert (tree / "f1.txt").is_symlink()
    assert (tree / "f0.txt").read_bytes() == "蛟龍號”\n".encode()
    assert (tree / "f2.txt").read_bytes() == "蛟龍號”\n".encode()
    assert "symbolic link" in r.stderr  # type: ignore[attr-defined]


def test_symlink_swapped_in_between_read_and_write_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tmp_path / "dir"
    tree.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes("蛟龍號?rdquo;\n".encode())
    f = tree / "f.txt"
    f.write_bytes("蛟龍號?rdquo;\n".encode())

    def swap() -> None:
        f.unlink()
        f.symlink_to(victim)

    _during_clean(monkeypatch, swap)
    r = _invoke(["clean", "-q", str(tree)])
    assert r.exit_code == 123  # type: ignore[attr-defined]
    assert victim.read_bytes() == "蛟龍號?rdquo;\n".encode()
    assert f.is_symlink()


def test_folder_swapped_for_a_symlink_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tmp_path / "dir"
    (tree / "sub").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tree / "sub" / "f.txt").write_bytes("蛟龍號?rdquo;\n".encode())
    (outside / "f.txt").write_bytes("蛟龍號?rdquo;\n".encode())

    def swap() -> None:
        (tree / "sub").rename(tmp_path / "old-sub")
        (tree / "sub").symlink_to(outside)

    _swap_after_walk(monkeypatch, swap)
    r = _invoke(["clean", "-q", str(tree)])
    assert r.exit_code == 123  # type: ignore[attr-defined]
    assert (outside / "f.txt").read_bytes() == "蛟龍號?rdquo;\n".encode()


def test_explicit_symlink_still_rewrites_its_target(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_bytes("蛟龍號?rdquo;\n".encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    r = run(["clean", str(link)])
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and target.read_bytes() == "蛟龍號”\n".encode()


def test_write_atomic_refuses_a_changed_file(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"one\n")
    data, state = read_file(str(f))
    f.write_bytes(b"two\n")
    with pytest.raises(FileChangedError):
        write_atomic(str(f), b"three\n", expect=state)
    assert f.read_bytes() == b"two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_interrupt_during_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"one\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(f), b"two\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert f.read_bytes() == b"one\n"


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_leftover_temporary_files_are_skipped_and_removed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"colour\n")
    dead = tmp_path / f".a.txt.{_dead_pid()}-abcd1234.cleantext"
    live = tmp_path / f".a.txt.{os.getpid()}-abcd1234.cleantext"
    old = tmp_path / ".a.txt.k2j_x9q0.cleantext"  # tempfile.mkstemp's form
    young = tmp_path / ".b.txt.k2j_x9q1.cleantext"
    for p in (dead, live, old, young):
        p.write_bytes("蛟龍號?rdquo;\n".encode())
    os.utime(old, (0, 0))
    check = run(["clean", "--check", "-v", str(tmp_path)])
    assert check.returncode == 0, check.stderr  # not processed as inputs
    assert dead.exists() and old.exists()  # --check writes nothing
    r = run(["clean", "-v", str(tmp_path)])
    assert r.returncode == 0, r.stderr
    assert not dead.exists() and not old.exists()
    assert live.exists() and young.exists()  # a live run's, or too recent
    assert live.read_bytes() == "蛟龍號?rdquo;\n".encode()
    assert b"temporary file of an interrupted run" in r.stderr


def test_sigterm_is_handled_like_sigint(tmp_path: Path) -> None:
    import signal

    cfg = tmp_path / "pyproject.toml"
    cfg.write_text("[tool.cleantext]\n")
    p = subprocess.Popen(
        [EXE, "clean", "-v", "--config", str(cfg)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=ENV,
    )
    assert p.stderr is not None
    line = p.stderr.readline()  # printed once the handlers are in place
    assert b"using configuration" in line
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=HANG)
    assert p.returncode == 143
    assert b"cleantext: error: terminated" in err
    assert b"Traceback" not in err


def test_setuid_setgid_and_xattrs_are_kept(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("蛟龍號?rdquo;\n".encode())
    os.chmod(f, 0o6755)
    has_xattr = hasattr(os, "setxattr")
    if has_xattr:
        try:
            os.setxattr(f, "user.cleantext.test", b"kept")
        except OSError:
            has_xattr = False
    r = run(["clean", str(f)])
    assert r.returncode == 0, r.stderr
    assert f.read_bytes() == "蛟龍號”\n".encode()
    assert f.stat().st_mode & 0o7777 == 0o6755
    if has_xattr:
        assert os.getxattr(f, "user.cleantext.test") == b"kept"


@pytest.mark.parametrize("check", [False, True])
def test_unreadable_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: bool
) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_bytes(b"fine\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_bytes(b"colour\n")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    r = _invoke(["clean", *(["--check"] if check else []), str(tmp_path)])
    assert r.exit_code == 123  # type: ignore[attr-defined]
    assert "locked: cannot list this folder: Permission denied" in r.stderr  # type: ignore[attr-defined]


# -- names and streams ---------------------------------------------------------


def test_name_with_a_newline_is_quoted_in_finding_lines(tmp_path: Path) -> None:
    (tmp_path / "a\nb.txt").write_bytes("蛟龍號?rdquo;\n".encode())
    r = run(["clean", "--check", "."], cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.decode().splitlines()
    assert lines == [
        '"a\\nb.txt":1:4: entities: ' + lines[0].split(": entities: ")[1],
        "1 file would be fixed, 0 unchanged",
    ]


def test_non_utf8_name_in_report_file_and_json_stdout(tmp_path: Path) -> None:
    import base64
    import json

    name = b"bad\xff.txt"
    (tmp_path / os.fsdecode(name)).write_bytes("蛟龍號?rdquo;\n".encode())
    report = tmp_path.parent / f"{tmp_path.name}-report.json"
    report.write_text("previous report\n")
    r = run(["clean", "--check", "--report-file", str(report), "."], cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    doc = json.loads(report.read_bytes().decode("utf-8"))  # valid UTF-8
    (entry,) = doc["files"]
    assert entry["path"] == '"bad\\377.txt"'
    assert base64.b64decode(entry["path_bytes"]) == name
    assert entry["findings"][0]["path"] == '"bad\\377.txt"'
    out = run(["clean", "--check", "--report", "json", "."], cwd=tmp_path)
    assert json.loads(out.stdout.decode("utf-8"))["files"][0]["path_bytes"] == entry["path_bytes"]
    assert b'"bad\\377.txt":1:4: entities:' in out.stderr


def test_report_file_that_names_an_input_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("蛟龍號?rdquo;\n".encode())
    for args in (["--report-file", str(f), str(f)], ["--report-file", str(f), str(tmp_path)]):
        r = run(["clean", *args])
        assert r.returncode == 2, r.stderr
        assert b"is also an input; it would be overwritten" in r.stderr
        assert f.read_bytes() == "蛟龍號?rdquo;\n".encode()


def test_report_file_that_cannot_be_written_keeps_the_old_report(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"fine\n")
    report = tmp_path / "missing-folder" / "r.json"
    r = run(["clean", "--check", "--report-file", str(report), str(f)])
    assert r.returncode == 123
    assert b"--report-file" in r.stderr and b"cannot write" in r.stderr
    assert b"Traceback" not in r.stderr and b"internal error" not in r.stderr


@pytest.mark.parametrize("redirect", ["<&-", ">&-"])
def test_closed_stdin_and_stdout_are_ordinary_errors(redirect: str) -> None:
    r = subprocess.run(
        ["sh", "-c", f'exec "$0" clean {redirect}', EXE],
        input=b"colour\n" if redirect == ">&-" else None,
        stdin=None if redirect == ">&-" else subprocess.DEVNULL,
        stdout=subprocess.PIPE if redirect == "<&-" else None,
        stderr=subprocess.PIPE,
        timeout=HANG,
        env=ENV,
    )
    assert r.returncode == 123, r.stderr
    which = "read stdin" if redirect == "<&-" else "write to stdout"
    assert f"cleantext: error: cannot {which}: it is closed".encode() in r.stderr
    assert b"internal error" not in r.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_stdout_is_an_ordinary_error() -> None:
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [EXE, "clean"], input=b"colour\n", stdout=full, stderr=subprocess.PIPE, timeout=HANG
        )
    assert r.returncode == 123
    assert b"cleantext: error: cannot write to stdout: No space left on device" in r.stderr


def test_broken_pipe_exits_141_quietly() -> None:
    read, write = os.pipe()
    os.close(read)  # nobody will read: the first write fails with EPIPE
    try:
        r = subprocess.run(
            [EXE, "clean"],
            input="蛟龍號”\n".encode() * 1000,
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=HANG,
            env=ENV,
        )
    finally:
        os.close(write)
    assert r.returncode == 141
    assert r.stderr == b""


@pytest.mark.parametrize("codec", ["rot13", "base64", "no-such-codec"])
def test_bad_codec_name_is_a_usage_error(codec: str) -> None:
    r = run(["clean", "--encoding", codec], b"colour\n")
    assert r.returncode == 2
    assert r.stderr.startswith(b"cleantext: error: ")
    assert b"internal error" not in r.stderr


def test_exclude_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    d = tmp_path / ("x" * 60)
    d.mkdir()
    (d / ("x" * 100 + ".txt")).write_bytes("蛟龍號?rdquo;\n".encode())
    # Exponential in Python's re on these names; linear in RE2.
    r = run(["clean", "--check", "--exclude", "(x+x+)+y", str(tmp_path)])
    assert r.returncode == 1, r.stderr
    r = run(["clean", "--check", "--exclude", "(?<=a)b", str(tmp_path)])
    assert r.returncode == 2
    assert b"not supported by the linear-time engine" in r.stderr


def test_exclude_without_re2_refuses_nested_repetition() -> None:
    from cleantext.files import _compile_guarded

    assert _compile_guarded(r"/vendor/|\.min\.js$").search("/a/vendor/b")
    for bad in [r"(x+x+)+y", r"(a*)*", r"(\w+)\1"]:
        with pytest.raises(ValueError):
            _compile_guarded(bad)


# -- the library's input types -------------------------------------------------


@pytest.mark.parametrize("value", [None, 5, 1.5, memoryview(b"abc"), ["a"]])
def test_clean_rejects_other_types_with_a_type_error(value: object) -> None:
    import cleantext

    with pytest.raises(TypeError, match="takes str or bytes"):
        cleantext.clean(value)  # type: ignore[arg-type]


def test_clean_takes_bytearray_as_bytes() -> None:
    import cleantext

    assert cleantext.clean(bytearray("蛟龍號?rdquo;".encode())).text == "蛟龍號”"


@pytest.mark.parametrize("text", ["\udc80", "ok\n中\ud800文", "\udfff tail"])
def test_lone_surrogates_are_refused_naming_where(text: str) -> None:
    import cleantext

    with pytest.raises(cleantext.InvalidTextError, match="lone surrogate") as info:
        cleantext.clean(text)
    assert isinstance(info.value, ValueError)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("check", [False, True])
def test_fifo_swapped_in_after_the_walk_is_refused_not_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: bool
) -> None:
    """A walked file replaced by a FIFO before it is read: reading it would
    wait for a writer forever; it is refused (exit 123) and the other files
    are cleaned. A writer opens the FIFO after 20 s, so a hang ends."""
    import threading
    import time

    tree = tmp_path / "dir"
    tree.mkdir()
    for i in range(3):
        (tree / f"f{i}.txt").write_bytes("蛟龍號?rdquo;\n".encode())

    def swap() -> None:
        (tree / "f1.txt").unlink()
        os.mkfifo(tree / "f1.txt")

    def unblock() -> None:
        try:
            fd = os.open(tree / "f1.txt", os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass

    timer = threading.Timer(20, unblock)
    timer.start()
    _swap_after_walk(monkeypatch, swap)
    t0 = time.monotonic()
    try:
        r = _invoke(["clean", "-q", "-j", "1", *(["--check"] if check else []), str(tree)])
    finally:
        timer.cancel()
    assert time.monotonic() - t0 < 20
    assert r.exit_code == 123  # type: ignore[attr-defined]
    assert "no longer a regular file" in r.stderr  # type: ignore[attr-defined]
    if not check:
        assert (tree / "f0.txt").read_bytes() == "蛟龍號”\n".encode()
        assert (tree / "f2.txt").read_bytes() == "蛟龍號”\n".encode()
