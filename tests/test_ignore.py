"""``.gitignore``/``.ignore`` in directory walks (cleantext.ignore, files.iter_paths)."""

from __future__ import annotations

import os
from pathlib import Path

from cleantext.files import Skipped, iter_paths
from cleantext.ignore import IgnoreRules


def tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def walked(root: Path, **kw: bool) -> list[str]:
    return sorted(
        os.path.relpath(p, root).replace(os.sep, "/")
        for p in iter_paths([str(root)], **kw)
        if not isinstance(p, Skipped)
    )


def test_gitignore_nested_ignore_and_negation(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            ".gitignore": "public/\n*.log\n/top-only.txt\n",
            "a.txt": "a",
            "top-only.txt": "t",
            "public/index.txt": "p",
            "debug.log": "l",
            "docs/top-only.txt": "kept: the pattern is anchored to the top",
            "docs/.gitignore": "draft-*.md\n!keep.log\n",
            "docs/draft-1.md": "d",
            "docs/keep.log": "k",
            "docs/other.log": "o",
            "docs/sub/.ignore": "secret.txt\n",
            "docs/sub/secret.txt": "s",
            "docs/sub/open.txt": "o",
            "site/public/x.txt": "ignored at any depth",
        },
    )
    assert walked(tmp_path, respect_ignore=True) == [
        ".gitignore",
        "a.txt",
        "docs/.gitignore",
        "docs/keep.log",
        "docs/sub/.ignore",
        "docs/sub/open.txt",
        "docs/top-only.txt",
    ]
    # --no-ignore: every file again.
    assert "public/index.txt" in walked(tmp_path, respect_ignore=False)
    assert len(walked(tmp_path)) == 14


def test_walk_below_the_top_uses_the_top_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(tmp_path, {".gitignore": "build/\n", "docs/build/a.txt": "a", "docs/b.txt": "b"})
    assert walked(tmp_path / "docs", respect_ignore=True) == ["b.txt"]


def test_git_info_exclude(tmp_path: Path) -> None:
    tree(tmp_path, {".git/info/exclude": "local.txt\n", "local.txt": "l", "b.txt": "b"})
    assert walked(tmp_path, respect_ignore=True) == ["b.txt"]


def test_outside_a_repository_the_walked_folder_is_the_top(tmp_path: Path) -> None:
    tree(tmp_path, {"proj/.gitignore": "out/\n", "proj/out/a.txt": "a", "proj/in.txt": "i"})
    assert walked(tmp_path / "proj", respect_ignore=True) == [".gitignore", "in.txt"]


def test_ignored_folder_is_reported_as_skipped(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "public/\n", "public/a.txt": "a"})
    skipped = [
        p for p in iter_paths([str(tmp_path)], respect_ignore=True) if isinstance(p, Skipped)
    ]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [("public", "ignored")]


def test_explicit_files_are_never_filtered(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "*.log\n", "a.log": "a"})
    assert list(iter_paths([str(tmp_path / "a.log")], respect_ignore=True)) == [
        str(tmp_path / "a.log")
    ]


def test_dir_only_pattern_does_not_match_a_file(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "public/\n", "public": "a file named public"})
    rules = IgnoreRules(str(tmp_path))
    assert not rules.is_ignored(str(tmp_path / "public"))
    assert rules.is_ignored(str(tmp_path / "public"), is_dir=True)


def test_a_name_that_is_not_utf8_is_matched_not_a_crash(tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8 (a surrogate-escaped str)
    is matched like --exclude matches it, with U+FFFD for those bytes; the
    regex engine behind pathspec takes UTF-8 and raised on it, and the walk
    ended in an internal error."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.log\nbad?-gone.txt\n", encoding="utf-8")
    for name in (b"bad\xff.log", b"bad\xff.txt", b"bad\xff-gone.txt"):
        (tmp_path / os.fsdecode(name)).write_bytes(b"text\n")
    names = [os.fsencode(os.path.basename(p)) for p in walked_paths(tmp_path)]
    assert names == [b".gitignore", b"bad\xff.txt"]


def walked_paths(root: Path) -> list[str]:
    return [p for p in iter_paths([str(root)], respect_ignore=True) if not isinstance(p, Skipped)]
