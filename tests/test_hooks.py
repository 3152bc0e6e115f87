"""The pre-commit hooks: the manifest, each hook's entry on tmp files, and a
``pre-commit try-repo`` smoke test on a scratch repository (slow)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cleantext import cli
from cleantext.findings import Finding
from cleantext.steps import STEPS, Context, Step

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
CLEAN_PAGE = "青島高新區推進“一區多園”建設，園區企業數量穩步增長。\n這是一段乾淨的正文，沒有任何需要修改的地方。\n"


def load_manifest() -> list[dict[str, Any]]:
    """The manifest as pre-commit reads it (PyYAML, from the test extra)."""
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


HOOKS = {h["id"]: h for h in load_manifest()}


def test_manifest_hooks() -> None:
    assert set(HOOKS) == {"cleantext", "cleantext-check"}
    assert HOOKS["cleantext"]["entry"] == "cleantext clean"
    assert HOOKS["cleantext-check"]["entry"] == "cleantext clean --check"
    for hook in HOOKS.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["text"]
        assert hook["stages"] == ["pre-commit", "pre-merge-commit", "pre-push", "manual"]
        assert str(hook["minimum_pre_commit_version"]) == "3.2.0"
        assert not hook.get("require_serial", False)
        assert "pass_filenames" not in hook  # pre-commit must pass the files


def pre_commit_exe() -> str | None:
    """``pre-commit`` next to the running interpreter (the venv's, when the
    tests run as ``.venv/bin/python -m pytest`` without activating it), else
    on PATH."""
    beside = Path(sys.executable).parent / "pre-commit"
    if beside.exists():
        return str(beside)
    return shutil.which("pre-commit")


def test_manifest_is_valid_for_pre_commit() -> None:
    exe = pre_commit_exe()
    if exe is None:
        pytest.skip("pre-commit is not installed")
    proc = subprocess.run(
        [exe, "validate-manifest", str(MANIFEST)], capture_output=True, timeout=60
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_projects_own_pre_commit_config_runs_the_ci_gates() -> None:
    """.pre-commit-config.yaml (for working on cleantext) runs ruff check,
    ruff format and mypy, the gates .ci/run applies, from the test extra."""
    config = ROOT / ".pre-commit-config.yaml"
    loaded = yaml.safe_load(config.read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in loaded["repos"] for h in repo["hooks"]}
    assert {h: hooks[h]["entry"].split()[:2] for h in hooks} == {
        "ruff-check": ["ruff", "check"],
        "ruff-format": ["ruff", "format"],
        "mypy": ["mypy"],
    }
    assert hooks["mypy"]["pass_filenames"] is False  # mypy checks the package it is told to
    exe = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    if Path(exe).exists():
        proc = subprocess.run(
            [exe, "validate-config", str(config)], capture_output=True, timeout=60
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


# -- each hook's entry, run the way pre-commit runs it --------------------------------------------


def run_hook(hook_id: str, files: list[Path]) -> Any:
    argv = shlex.split(HOOKS[hook_id]["entry"])
    assert argv[0] == "cleantext"
    # pre-commit: files as arguments, empty stdin, PRE_COMMIT=1.
    return CliRunner().invoke(
        cli.app, [*argv[1:], *map(str, files)], input=b"", env={"PRE_COMMIT": "1"}
    )


@pytest.fixture
def fake_pinyin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every step is identity, except pinyin, which removes '(qū)' after 區."""

    def identity(text: str, ctx: Context) -> tuple[str, list[Finding]]:
        return text, []

    def pinyin(text: str, ctx: Context) -> tuple[str, list[Finding]]:
        findings = []
        for i, line in enumerate(text.split("\n"), 1):
            for m in re.finditer("區\\(qū\\)", line):
                findings.append(
                    Finding("pinyin", i, m.start() + 2, "pinyin-annotation", "removed (qū)")
                )
        return text.replace("區(qū)", "區"), findings

    for name in list(STEPS):
        body = pinyin if name == "pinyin" else identity
        monkeypatch.setitem(STEPS, name, Step(name, body, "fake"))


@pytest.fixture
def pages(tmp_path: Path) -> tuple[Path, Path]:
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_bytes("高新區(qū)新聞\n第二行。\n".encode())
    clean.write_bytes(CLEAN_PAGE.encode("utf-8"))
    return dirty, clean


def test_check_hook_fails_and_touches_nothing(fake_pinyin: None, pages: tuple[Path, Path]) -> None:
    dirty, clean = pages
    before = (dirty.read_bytes(), clean.read_bytes())
    result = run_hook("cleantext-check", [dirty, clean])
    assert result.exit_code == 1
    assert (dirty.read_bytes(), clean.read_bytes()) == before
    assert (
        result.stderr == f"{dirty}:1:4: pinyin: removed (qū)\n1 file would be fixed, 1 unchanged\n"
    )


def test_fix_hook_repairs_says_fixing_and_then_both_pass(
    fake_pinyin: None, pages: tuple[Path, Path]
) -> None:
    dirty, clean = pages
    result = run_hook("cleantext", [dirty, clean])
    # exit 0 like black: pre-commit fails the commit because the file changed
    assert result.exit_code == 0
    assert result.stderr == f"Fixing {dirty}: 1 pinyin annotation\n1 file fixed, 1 unchanged\n"
    assert dirty.read_bytes() == "高新區新聞\n第二行。\n".encode()
    assert clean.read_bytes() == CLEAN_PAGE.encode("utf-8")
    again = run_hook("cleantext", [dirty, clean])
    assert (again.exit_code, again.stderr) == (0, "0 files fixed, 2 unchanged\n")
    check = run_hook("cleantext-check", [dirty, clean])
    assert (check.exit_code, check.stderr) == (0, "0 files would be fixed, 2 unchanged\n")


def test_hooks_ignore_stdin(fake_pinyin: None, pages: tuple[Path, Path]) -> None:
    dirty, clean = pages
    result = CliRunner().invoke(cli.app, ["clean", str(clean)], input="區(qū)\n".encode())
    assert (result.exit_code, result.stdout_bytes) == (0, b"")


def test_seed_e2e_hooks_on_the_seed(
    tmp_path: Path, seed_path: Path, seed_bytes: bytes, seed_out: bytes
) -> None:
    page, clean = tmp_path / "page.txt", tmp_path / "clean.txt"
    shutil.copyfile(seed_path, page)
    clean.write_bytes(CLEAN_PAGE.encode("utf-8"))
    check = run_hook("cleantext-check", [page, clean])
    assert check.exit_code == 1
    assert page.read_bytes() == seed_bytes
    fix = run_hook("cleantext", [page, clean])
    assert fix.exit_code == 0
    assert f"Fixing {page}" in fix.stderr and f"Fixing {clean}" not in fix.stderr
    assert page.read_bytes() == seed_out
    assert clean.read_bytes() == CLEAN_PAGE.encode("utf-8")
    assert run_hook("cleantext-check", [page, clean]).exit_code == 0


# -- the real pre-commit client ------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.mark.slow
def test_try_repo_smoke(
    tmp_path: Path, seed_path: Path, seed_bytes: bytes, seed_out: bytes
) -> None:
    """``pre-commit try-repo`` on this checkout, in a scratch repository.

    Each try-repo run builds a fresh virtual environment with
    ``pip install .``, so this needs PyPI (or ``PIP_NO_INDEX=1
    PIP_FIND_LINKS=<wheelhouse>``) and takes a while. try-repo includes
    uncommitted changes to tracked files, not untracked files.
    """
    exe = pre_commit_exe()
    if exe is None:
        pytest.skip("pre-commit is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    repo = tmp_path / "content"
    repo.mkdir()
    page, clean = repo / "page.txt", repo / "clean.txt"
    shutil.copyfile(seed_path, page)
    os.chmod(page, 0o644)
    clean.write_bytes(CLEAN_PAGE.encode("utf-8"))
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
    )
    env.pop("PRE_COMMIT", None)
    _git(repo, "init", "-q")
    _git(repo, "add", "page.txt", "clean.txt")
    subprocess.run(
        ["git", "commit", "-qm", "pages"], cwd=repo, check=True, env=env, capture_output=True
    )

    def try_repo(*hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, "try-repo", str(ROOT), *hook, "--all-files", "--color", "never"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    check = try_repo("cleantext-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "exit code: 1" in check.stdout, check.stdout
    assert page.read_bytes() == seed_bytes
    assert clean.read_bytes() == CLEAN_PAGE.encode("utf-8")

    fix = try_repo("cleantext")
    assert fix.returncode == 1, fix.stdout + fix.stderr  # files were modified by this hook
    assert "files were modified by this hook" in fix.stdout
    assert "Fixing page.txt" in fix.stdout
    assert page.read_bytes() == seed_out
    assert clean.read_bytes() == CLEAN_PAGE.encode("utf-8")

    both = try_repo()  # every hook in the manifest
    assert both.returncode == 0, both.stdout + both.stderr
    assert both.stdout.count("Passed") == 2, both.stdout
