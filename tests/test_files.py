"""Directory walks and atomic in-place writes (cleantext.files)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cleantext import files
from cleantext.files import Skipped, is_binary, is_excluded, iter_paths, write_atomic


@pytest.mark.parametrize(
    ("head", "binary"),
    [
        (b"", False),
        ("中文，“引號”\r\n".encode(), False),
        ("中文".encode("gb18030"), False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (b"text then a NUL \x00", True),
        ("\ufeff中文 text".encode("utf-16-le"), False),  # BOM + NULs: UTF-16 text
        ("\ufeff中文 text".encode("utf-32-be"), False),
        # No BOM: UTF-16/32 text all the same (issue 11), by its NUL pattern
        # or, with few NULs, by a plausible reading; cut mid-character too.
        ("中文 text".encode("utf-16-le"), False),
        ("Plain ASCII text, no BOM.\n".encode("utf-32-le"), False),
        ("Привет, мир! Это текст.".encode("utf-16-be"), False),
        ("中华人民共和国 text".encode("utf-16-le")[:-1], False),
        (bytes(range(256)) * 4, True),  # every byte value: binary
        (b"\x00\x01\x02\x03" * 100, True),
    ],
)
def test_is_binary(head: bytes, binary: bool) -> None:
    assert is_binary(head) is binary


def test_nul_past_the_sniff_window_is_not_seen() -> None:
    assert not is_binary(b"a" * files.SNIFF_SIZE + b"\x00")


def _tree(root: Path) -> None:
    for rel, data in {
        "b.txt": b"b",
        "a.md": b"a",
        "sub/c.txt": b"c",
        "sub/deeper/d.html": b"<p>d</p>",
        "sub/pic.png": b"\x89PNG\x00\x00",
        ".git/config": b"[core]",
        ".hg/store": b"x",
        "node_modules/pkg/x.txt": b"x",
        ".venv/lib/site.txt": b"x",
        "pkg.egg-info/PKG-INFO": b"x",
        ".github/workflow.yml": b"on: push",
    }.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)


def _rel(items: list[str | Skipped], root: Path) -> list[str]:
    return [os.path.relpath(i, root) for i in items if isinstance(i, str)]


def test_walk_is_sorted_and_skips_vcs_tool_folders_and_binaries(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(iter_paths([str(tmp_path)]))
    assert _rel(items, tmp_path) == [
        "a.md",
        "b.txt",
        ".github/workflow.yml",
        "sub/c.txt",
        "sub/deeper/d.html",
    ]
    skipped = {os.path.relpath(s.path, tmp_path): s.reason for s in items if isinstance(s, Skipped)}
    assert skipped == {"sub/pic.png": "binary"}


def test_explicit_files_are_yielded_as_given_even_binary_or_missing(tmp_path: Path) -> None:
    _tree(tmp_path)
    given = [
        str(tmp_path / "sub/pic.png"),
        str(tmp_path / "missing.txt"),
        str(tmp_path / ".git/config"),
    ]
    assert list(iter_paths(given)) == given


def test_exclude_in_walks_and_force_exclude_for_explicit_paths(tmp_path: Path) -> None:
    _tree(tmp_path)
    pattern = re.compile(r"/deeper/|\.md$")
    walked = _rel(list(iter_paths([str(tmp_path)], exclude=pattern)), tmp_path)
    assert walked == ["b.txt", ".github/workflow.yml", "sub/c.txt"]
    explicit = [str(tmp_path / "a.md"), str(tmp_path / "b.txt")]
    assert list(iter_paths(explicit, exclude=pattern)) == explicit
    forced = list(iter_paths(explicit, exclude=pattern, force_exclude=True))
    assert forced == [Skipped(explicit[0], "excluded"), explicit[1]]


def test_exclude_matches_folders_at_any_depth_but_not_name_suffixes() -> None:
    pat = re.compile("/build/")
    assert is_excluded("build", pat, is_dir=True)
    assert is_excluded("docs/build", pat, is_dir=True)
    assert is_excluded("./docs/build/x.txt", pat)
    assert not is_excluded("rebuild", pat, is_dir=True)
    assert not is_excluded("build.txt", pat)


def test_walk_does_not_follow_symlinks(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"x")
    root = tmp_path / "root"
    root.mkdir()
    (root / "real.txt").write_bytes(b"x")
    (root / "link.txt").symlink_to(outside / "secret.txt")
    (root / "linkdir").symlink_to(outside, target_is_directory=True)
    items = list(iter_paths([str(root)]))
    assert _rel(items, root) == ["real.txt"]
    assert sorted(os.path.basename(s.path) for s in items if isinstance(s, Skipped)) == [
        "link.txt",
        "linkdir",
    ]


# -- atomic writes --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o755, 0o640])
def test_write_atomic_replaces_content_and_keeps_the_mode(tmp_path: Path, mode: int) -> None:
    f = tmp_path / "page.txt"
    f.write_bytes(b"old")
    os.chmod(f, mode)
    old_inode = f.stat().st_ino
    write_atomic(str(f), "新的內容\n".encode())
    assert f.read_bytes() == "新的內容\n".encode()
    assert f.stat().st_mode & 0o7777 == mode
    assert f.stat().st_ino != old_inode  # a new file was renamed over it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]  # no temp file left


def test_write_atomic_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(str(link), b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_write_atomic_failure_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "page.txt"
    f.write_bytes(b"original")

    def fail(src: str, dst: str, **kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(str(f), b"new content")
    assert f.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]


def test_write_atomic_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(str(tmp_path / "missing.txt"), b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anything"
)
def test_write_atomic_refuses_a_read_only_file(tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_bytes(b"original")
    os.chmod(f, 0o444)
    with pytest.raises(PermissionError):
        write_atomic(str(f), b"new")
    assert f.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]


def test_write_atomic_checks_access_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal when running as root, by faking what os.access says."""
    f = tmp_path / "page.txt"
    f.write_bytes(b"original")
    monkeypatch.setattr(files.os, "access", lambda path, mode, **kw: False)
    with pytest.raises(PermissionError, match="read-only"):
        write_atomic(str(f), b"new")
    assert f.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_walk_skips_fifos_instead_of_blocking(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"a")
    os.mkfifo(tmp_path / "pipe")
    items = list(iter_paths([str(tmp_path)]))
    assert _rel(items, tmp_path) == ["a.txt"]
    assert [s.reason for s in items if isinstance(s, Skipped)] == ["not a regular file"]


def test_walked_files_of_several_folders_read_in_any_order(tmp_path: Path) -> None:
    """read_file keeps the folder of the last walked file open: files of
    other folders in between, sizes that change, empty files all read right."""
    from cleantext.files import Walked, read_file, release_folders

    for folder in ("a", "b", "a/c"):
        (tmp_path / folder).mkdir(exist_ok=True)
    contents = {
        "a/x.txt": b"x" * 70_000,
        "b/y.txt": "乙".encode() * 3,
        "a/z.txt": b"",
        "a/c/w.txt": b"w\n",
    }
    for rel, data in contents.items():
        (tmp_path / rel).write_bytes(data)
    walked = {p: p for p in iter_paths([str(tmp_path)]) if isinstance(p, Walked)}
    assert len(walked) == 4
    for rel in ("a/x.txt", "b/y.txt", "a/z.txt", "a/c/w.txt", "a/x.txt", "b/y.txt"):
        path = walked[str(tmp_path / rel)]
        data, state = read_file(path)
        assert data == contents[rel] and state is not None and state.size == len(data)
    (tmp_path / "a/x.txt").write_bytes(b"grown " * 20_000)  # same folder, new size
    assert read_file(walked[str(tmp_path / "a/x.txt")])[0] == b"grown " * 20_000
    release_folders()
    assert read_file(walked[str(tmp_path / "b/y.txt")])[0] == contents["b/y.txt"]
    release_folders()


def test_folder_replaced_after_a_read_is_never_written(tmp_path: Path) -> None:
    """The open folder is the one the walk listed: once the path names
    another folder, a file read through it is not written back there."""
    from cleantext.files import FileChangedError, Walked, read_file, release_folders

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_bytes(b"x\n")
    (tmp_path / "a" / "y.txt").write_bytes(b"y\n")
    walked = [p for p in iter_paths([str(tmp_path)]) if isinstance(p, Walked)]
    read_file(walked[0])
    (tmp_path / "a").rename(tmp_path / "old")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "y.txt").write_bytes(b"other\n")
    data, state = read_file(walked[1])  # the walked folder's file, never the new one's
    assert data == b"y\n"
    with pytest.raises(FileChangedError):
        write_atomic(walked[1], b"Y\n", expect=state)
    assert (tmp_path / "a" / "y.txt").read_bytes() == b"other\n"
    release_folders()
