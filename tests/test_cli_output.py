"""Issue 14 through the real command line (subprocess): output levels, formats,
``--diff`` headers, ``.gitignore``, out-of-place output, configuration and
the small habits of black, ruff, pre-commit and OpenCC users."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _cli import cleantext_exe

import cleantext
from cleantext.output import units

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e7e93553ca6a2c04.txt"


EXE = cleantext_exe()
ENV = {
    k: v
    for k, v in os.environ.items()
    if k not in ("FORCE_COLOR", "CLEANTEXT_TRACEBACK", "PRE_COMMIT", "NO_COLOR")
}


def run(
    args: list[str],
    data: bytes | None = None,
    *,
    cwd: Path | None = None,
    exe: list[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*(exe or [EXE]), *args],
        input=data if data is not None else b"",
        capture_output=True,
        timeout=120,
        env=ENV,
        cwd=cwd,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


# -- small habits ---------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(flag: str) -> None:
    r = run([flag])
    assert r.returncode == 0
    assert r.stdout == f"cleantext {cleantext.__version__}\n"


def test_python_dash_m(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes("區(qū)域\n".encode())
    r = run(["clean", str(page)], exe=[sys.executable, "-m", "cleantext"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert page.read_bytes() == "區(qū)域\n".encode()  # one annotation: not a farm page
    r = run(["-V"], exe=[sys.executable, "-m", "cleantext"])
    assert r.stdout == f"cleantext {cleantext.__version__}\n"
    r = run(["--help"], exe=[sys.executable, "-m", "cleantext"])
    assert r.returncode == 0 and "Usage: cleantext" in r.stdout


def test_mixed_encoding_line_range_of_a_two_line_file(tmp_path: Path) -> None:
    page = tmp_path / "mixed.txt"
    page.write_bytes(
        "第一行是UTF-8。\n".encode() + "这一行是从GBK文件粘贴进来的。\n".encode("gb18030")
    )
    r = run(["clean", "--check", "-v", str(page)])
    lines = [ln for ln in r.stderr.splitlines() if "decode:" in ln]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"{page}:2:1: decode: line 2 decoded as gb18030 "), r.stderr
    assert "lines 2-3" not in r.stderr


def test_missing_path_exits_2(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes("區(qū)域\n".encode())
    r = run(["clean", str(tmp_path / "nope.txt"), str(good)])
    assert r.returncode == 2
    assert f"cleantext: error: {tmp_path / 'nope.txt'}: no such file or directory" in r.stderr
    assert "Traceback" not in r.stderr
    assert run(["detect", str(tmp_path / "nope.txt")]).returncode == 2


# -- output levels on the seed page -------------------------------------------------------


def seed_copy(tmp_path: Path, name: str = "page.txt") -> Path:
    page = tmp_path / name
    shutil.copyfile(SEED, page)
    return page


def n_findings(path: Path) -> int:
    return len(cleantext.clean(path.read_bytes()).findings)


def test_diff_alone_says_the_file_would_be_fixed(tmp_path: Path) -> None:
    # --diff writes nothing, so its summary must not say the file was fixed.
    page = seed_copy(tmp_path)
    before = page.read_bytes()
    r = run(["clean", "--diff", "page.txt"], cwd=tmp_path)
    assert r.returncode == 0
    assert page.read_bytes() == before
    assert r.stdout.startswith("--- page.txt")
    assert r.stderr.splitlines()[-1] == "1 file would be fixed, 0 unchanged"


def test_check_default_is_at_most_ten_lines(tmp_path: Path) -> None:
    page = seed_copy(tmp_path)
    r = run(["clean", "--check", "page.txt"], cwd=tmp_path)
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert 2 <= len(lines) <= 10, r.stderr
    assert lines[-1] == "1 file would be fixed, 0 unchanged"
    n = sum(
        units(f)
        for f in cleantext.clean(page.read_bytes()).findings
        if f.code == "pinyin-annotation"
    )
    assert any(
        ln.startswith("page.txt:5:21: pinyin: ") and f"{n} pinyin annotations, first:" in ln
        for ln in lines
    ), r.stderr
    for ln in lines[:-1]:
        path, line, col, rest = ln.split(":", 3)
        assert path == "page.txt" and int(line) >= 1 and int(col) >= 1 and rest.startswith(" ")
    assert page.read_bytes() == SEED.read_bytes()


def test_check_verbose_prints_every_finding(tmp_path: Path) -> None:
    page = seed_copy(tmp_path)
    r = run(["clean", "--check", "-v", "page.txt"], cwd=tmp_path)
    assert r.returncode == 1
    finding_lines = [ln for ln in r.stderr.splitlines() if ln.startswith("page.txt:")]
    # One line per finding; a line's pinyin annotations are one finding.
    assert len(finding_lines) == n_findings(page) > 15
    assert any("pinyin annotations from this line" in ln for ln in finding_lines)


def test_check_quiet_prints_the_file_name(tmp_path: Path) -> None:
    seed_copy(tmp_path)
    (tmp_path / "clean.txt").write_text("乾淨的一行。\n", encoding="utf-8")
    r = run(["clean", "--check", "-q", "page.txt", "clean.txt"], cwd=tmp_path)
    assert (r.returncode, r.stderr, r.stdout) == (1, "page.txt\n", "")


def test_fix_mode_says_what_changed_and_sums_up(tmp_path: Path) -> None:
    page = seed_copy(tmp_path)
    (tmp_path / "clean.txt").write_text("乾淨的一行。\n", encoding="utf-8")
    r = run(["clean", "page.txt", "clean.txt"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    fixing = [ln for ln in lines if ln.startswith("Fixing ")]
    assert len(fixing) == 1
    assert fixing[0].startswith("Fixing page.txt: ")
    assert "1 spam line" in fixing[0] and "40 duplicate lines" in fixing[0]
    assert "301 pinyin annotations" in fixing[0]
    assert lines[-1] == "1 file fixed, 1 unchanged"
    assert len(lines) <= 10
    assert page.read_bytes() != SEED.read_bytes()
    # -q: the name of the changed file only.
    seed_copy(tmp_path)
    r = run(["clean", "-q", "page.txt", "clean.txt"], cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "page.txt\n")


def test_stdin_filter_names_nothing_but_reports(tmp_path: Path) -> None:
    r = run(["clean"], SEED.read_bytes())
    assert r.returncode == 0 and r.stdout.encode() == cleantext.clean(SEED.read_bytes()).data
    assert r.stderr == ""  # no 'Fixing -' line, no summary: a filter in a pipe
    # A report (an annotation kept: one alone is not the site-farm pattern) is shown.
    r = run(["clean"], "高新區(qū)新聞\n".encode())
    assert r.stdout == "高新區(qū)新聞\n"
    assert r.stderr.splitlines() == [
        "-:1:4: pinyin: 區(qū) is a pinyin annotation, kept: the document does not show"
        " the site-farm pattern (few, unrepeated annotations)"
    ]


def test_fix_mode_prints_reports_after_the_fixing_line(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes("高新區(qū)新聞 ?rdquo;\n".encode())
    r = run(["clean", "a.txt"], cwd=tmp_path)
    assert r.returncode == 0
    assert r.stderr.splitlines() == [
        "Fixing a.txt: 1 broken entity",
        "a.txt:1:4: pinyin: 區(qū) is a pinyin annotation, kept: the document does not show"
        " the site-farm pattern (few, unrepeated annotations)",
        "1 file fixed, 0 unchanged",
    ]


# -- --diff ------------------------------------------------------------------------------


def test_diff_of_a_reencoding_only_change_is_not_empty(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    data = "中文新聞。\n第二行。\n".encode("gb18030")
    f.write_bytes(data)
    r = run(["clean", "--diff", "gbk.txt"], cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout == "# gbk.txt: re-encoded from gb18030 to utf-8\n"
    assert f.read_bytes() == data
    r = run(["clean", "--diff", "--check", "gbk.txt"], cwd=tmp_path)
    assert (r.returncode, r.stdout) == (1, "# gbk.txt: re-encoded from gb18030 to utf-8\n")


def test_diff_of_utf16_with_bom_and_a_text_change(tmp_path: Path) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes("\ufeff高新區(qū)新聞\n第二行。\n".encode("utf-16-le"))
    r = run(["clean", "--diff", "--only", "entities", "u16.txt"], cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout.splitlines() == [
        "# u16.txt: re-encoded from utf-16-le to utf-8; byte order mark removed"
    ]
    # With a text change as well: the header, then the diff.
    f.write_bytes("\ufeff高新區(qū)新聞 ?rdquo;\n第二行。\n".encode("utf-16-le"))
    r = run(["clean", "--diff", "--only", "entities", "u16.txt"], cwd=tmp_path)
    lines = r.stdout.splitlines()
    assert lines[0] == "# u16.txt: re-encoded from utf-16-le to utf-8; byte order mark removed"
    assert lines[1].startswith("--- u16.txt") and lines[2].startswith("+++ u16.txt")
    assert "+高新區(qū)新聞 ”" in lines


def test_diff_output_applies_with_patch(tmp_path: Path) -> None:
    patch = shutil.which("patch")
    if patch is None:
        pytest.skip("patch is not installed")
    f = tmp_path / "gbk.txt"
    f.write_bytes("高新區(qū)新聞 ?rdquo;\n".encode("gb18030"))
    r = run(["clean", "--diff", "--only", "entities", "gbk.txt"], cwd=tmp_path)
    assert r.stdout.startswith("# gbk.txt: re-encoded")
    copy = tmp_path / "copy.txt"
    copy.write_text("高新區(qū)新聞 ?rdquo;\n", encoding="utf-8")
    proc = subprocess.run(
        [patch, str(copy)], input=r.stdout.encode(), capture_output=True, timeout=30
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert copy.read_text(encoding="utf-8") == "高新區(qū)新聞 ”\n"


# -- .gitignore ------------------------------------------------------------------------


def test_directory_walk_respects_gitignore_and_no_ignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("public/\n", encoding="utf-8")
    (tmp_path / "public").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / ".ignore").write_text("draft.txt\n", encoding="utf-8")
    dirty = "高新區(qū)新聞 ?rdquo;\n".encode()
    for rel in ("public/index.txt", "docs/a.txt", "docs/draft.txt"):
        (tmp_path / rel).write_bytes(dirty)
    r = run(["clean", "--only", "entities", "."], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "public/index.txt").read_bytes() == dirty
    assert (tmp_path / "docs/draft.txt").read_bytes() == dirty
    assert (tmp_path / "docs/a.txt").read_bytes() != dirty
    assert (
        r.stderr.splitlines()[-1] == "1 file fixed, 2 unchanged"
    )  # a.txt and the two ignore files
    r = run(["clean", "--check", "-v", "--only", "entities", "."], cwd=tmp_path)
    assert "skipped public (ignored)" in r.stderr
    r = run(["clean", "--no-ignore", "--only", "entities", "."], cwd=tmp_path)
    assert (tmp_path / "public/index.txt").read_bytes() != dirty
    assert (tmp_path / "docs/draft.txt").read_bytes() != dirty
    # A path named explicitly is cleaned even when ignored (pre-commit passes names).
    (tmp_path / "public/index.txt").write_bytes(dirty)
    run(["clean", "--only", "entities", "public/index.txt"], cwd=tmp_path)
    assert (tmp_path / "public/index.txt").read_bytes() != dirty


# -- out-of-place output ---------------------------------------------------------------


def test_output_file_leaves_the_input_alone(tmp_path: Path) -> None:
    page = seed_copy(tmp_path)
    r = run(["clean", "page.txt", "-o", "out.txt"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert page.read_bytes() == SEED.read_bytes()
    assert (tmp_path / "out.txt").read_bytes() == cleantext.clean(SEED.read_bytes()).data
    assert r.stderr.splitlines()[0].startswith("Fixing page.txt -> out.txt: ")
    # An unchanged input is still written: the output always exists.
    (tmp_path / "clean.txt").write_text("乾淨。\n", encoding="utf-8")
    r = run(["clean", "clean.txt", "--output", "sub/clean-out.txt"], cwd=tmp_path)
    assert r.returncode == 0
    assert (tmp_path / "sub/clean-out.txt").read_text(encoding="utf-8") == "乾淨。\n"
    # stdin to a file; '-o -' is stdout.
    r = run(["clean", "-o", "piped.txt"], SEED.read_bytes(), cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == ""
    assert (tmp_path / "piped.txt").read_bytes() == (tmp_path / "out.txt").read_bytes()
    r = run(["clean", "page.txt", "-o", "-"], cwd=tmp_path)
    assert r.stdout.encode() == (tmp_path / "out.txt").read_bytes()
    assert page.read_bytes() == SEED.read_bytes()


def test_output_file_takes_one_input(tmp_path: Path) -> None:
    seed_copy(tmp_path, "a.txt")
    seed_copy(tmp_path, "b.txt")
    r = run(["clean", "a.txt", "b.txt", "-o", "out.txt"], cwd=tmp_path)
    assert r.returncode == 2 and "--output-dir" in r.stderr
    r = run(["clean", ".", "-o", "out.txt"], cwd=tmp_path)
    assert r.returncode == 2
    assert not (tmp_path / "out.txt").exists()


def test_output_dir_mirrors_input_paths(tmp_path: Path) -> None:
    (tmp_path / "posts" / "2023").mkdir(parents=True)
    seed_copy(tmp_path / "posts" / "2023", "a.txt")
    (tmp_path / "posts" / "b.txt").write_text("乾淨。\n", encoding="utf-8")
    r = run(["clean", "posts", "--output-dir", "out"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "posts/2023/a.txt").read_bytes() == SEED.read_bytes()
    assert (tmp_path / "out/posts/2023/a.txt").read_bytes() == cleantext.clean(
        SEED.read_bytes()
    ).data
    assert (tmp_path / "out/posts/b.txt").read_text(encoding="utf-8") == "乾淨。\n"
    r = run(["clean", "--output-dir", "out2"], SEED.read_bytes(), cwd=tmp_path)
    assert r.returncode == 2 and "--stdin-filename" in r.stderr


# -- --output-format -------------------------------------------------------------------


def test_output_format_json_keeps_every_finding(tmp_path: Path) -> None:
    page = seed_copy(tmp_path)
    r = run(["clean", "--check", "--output-format", "json", "page.txt"], cwd=tmp_path)
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert doc["files"][0]["path"] == "page.txt"
    assert len(doc["files"][0]["findings"]) == n_findings(page)
    assert r.stderr == "1 file would be fixed, 0 unchanged\n"  # no finding lines


def test_output_format_github(tmp_path: Path) -> None:
    seed_copy(tmp_path, "a,b.txt")
    (tmp_path / "report.txt").write_bytes("高新區(qū)新聞\n".encode())
    r = run(["clean", "--check", "--output-format", "github", "report.txt"], cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout.startswith("::notice file=report.txt,line=1,col=4,title=cleantext pinyin")
    r = run(["clean", "--check", "--output-format", "github", "a,b.txt"], cwd=tmp_path)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert 1 < len(lines) <= 10
    for line in lines:
        assert line.startswith(("::warning file=a%2Cb.txt,line=", "::notice file=a%2Cb.txt,line="))
    r = run(["clean", "--check", "-v", "--output-format", "github", "a,b.txt"], cwd=tmp_path)
    assert len(r.stdout.splitlines()) == n_findings(tmp_path / "a,b.txt")


def test_output_format_sarif(tmp_path: Path) -> None:
    from _sarif import validate_sarif

    page = seed_copy(tmp_path)
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    r = run(["clean", "--check", "--output-format", "sarif", "page.txt", "bin.txt"], cwd=tmp_path)
    assert r.returncode == 123
    doc = json.loads(r.stdout)
    validate_sarif(doc)
    run_ = doc["runs"][0]
    assert len(run_["results"]) == n_findings(page)
    assert run_["invocations"][0]["exitCode"] == 123
    assert run_["invocations"][0]["executionSuccessful"] is False
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "bin.txt" in notes[0]["message"]["text"]
    # stdout carrying text: the log needs --report-file.
    r = run(["clean", "--output-format", "sarif"], SEED.read_bytes(), cwd=tmp_path)
    assert r.returncode == 2 and "--report-file" in r.stderr
    r = run(
        ["clean", "--output-format", "sarif", "--report-file", "log.sarif"],
        SEED.read_bytes(),
        cwd=tmp_path,
    )
    assert r.returncode == 0
    validate_sarif(json.loads((tmp_path / "log.sarif").read_text(encoding="utf-8")))


# -- detect ------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 100])
def test_detect_never_truncates_a_path(tmp_path: Path, columns: int) -> None:
    import pty

    folder = tmp_path / "posts" / "2023-03-01-a-rather-long-folder-name-for-the-news"
    folder.mkdir(parents=True)
    seed_copy(folder, "000_e7e93553ca6a2c04-the-page.txt")
    shown = (
        "posts/2023-03-01-a-rather-long-folder-name-for-the-news/000_e7e93553ca6a2c04-the-page.txt"
    )
    env = {**ENV, "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm", "NO_COLOR": "1"}
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [EXE, "detect", "posts"], stdout=secondary, stderr=subprocess.PIPE, cwd=tmp_path, env=env
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(primary)
    out = b"".join(chunks).decode("utf-8", "replace").replace("\r", "")
    out = re.sub(r"\x1b\[[0-9;]*m", "", out)  # NO_COLOR keeps bold headers
    rows = [ln for ln in out.splitlines() if "│" in ln]
    assert rows, out
    assert max(len(ln) for ln in out.splitlines()) <= columns
    first_cells = "".join(ln.split("│")[0].strip() for ln in rows)
    assert first_cells == shown, out
    assert "…" not in out


# -- the README's examples ---------------------------------------------------------------


def readme_blocks(heading: str, lang: str = "") -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.M)
    assert m, heading
    rest = text[m.end() :]
    end = re.search(rf"^#{{1,{len(m.group(1))}}} ", rest, re.M)
    body = rest[: end.start()] if end else rest
    return re.findall(rf"^```{lang}\n(.*?)^```", body, re.M | re.S)


def matches(shown: str, real: str) -> bool:
    """A README line matches a real one; '...' at its end stands for the rest."""
    if shown.endswith("..."):
        return real.startswith(shown[:-3])
    return shown == real


@pytest.mark.parametrize(
    ("block", "args"), [(0, ["clean", "--check", "page.txt"]), (1, ["clean", "page.txt"])]
)
def test_readme_output_level_examples(tmp_path: Path, block: int, args: list[str]) -> None:
    seed_copy(tmp_path)
    shown = readme_blocks("Output levels")[block].splitlines()
    real = run(args, cwd=tmp_path).stderr.splitlines()
    assert len(shown) == len(real), real
    for s, r in zip(shown, real):
        assert matches(s, r), (s, r)


def test_readme_pre_commit_example_works_with_autoupdate(tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, pointed at this checkout: it is
    valid, and ``pre-commit autoupdate`` pins ``rev:`` and finds the hooks."""
    from test_hooks import pre_commit_exe

    exe = pre_commit_exe()
    if exe is None:
        pytest.skip("pre-commit is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    block = readme_blocks("pre-commit", "yaml")[0]
    assert "rev: main" in block
    repo = tmp_path / "content"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    config = repo / ".pre-commit-config.yaml"
    config.write_text(
        re.sub(r"repo: \S+", f"repo: {ROOT.as_uri()}", block, count=1), encoding="utf-8"
    )
    env = {**ENV, "PRE_COMMIT_HOME": str(tmp_path / "home"), "GIT_TERMINAL_PROMPT": "0"}
    check = subprocess.run(
        [exe, "validate-config", str(config)], capture_output=True, text=True, env=env, timeout=120
    )
    assert check.returncode == 0, check.stdout + check.stderr
    up = subprocess.run(
        [exe, "autoupdate", "--repo", ROOT.as_uri()],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert up.returncode == 0, up.stdout + up.stderr
    pinned = re.search(r"rev: (\S+)", config.read_text(encoding="utf-8"))
    assert pinned and pinned.group(1) != "main"
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    tags = subprocess.run(["git", "-C", str(ROOT), "tag"], capture_output=True, text=True).stdout
    assert pinned.group(1) == head or pinned.group(1) in tags.split()


# -- configuration ---------------------------------------------------------------------


def project(tmp_path: Path, table: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(f"[tool.cleantext]\n{table}\n", encoding="utf-8")
    page = tmp_path / "a.txt"
    page.write_text("高新區新聞\n", encoding="utf-8")
    return page


def test_boolean_keys_have_no_forms(tmp_path: Path) -> None:
    page = project(tmp_path, "to-simplified = true\nkeep-encoding = true\nforce-exclude = true")
    r = run(["clean", "--check", "-v", "a.txt"], cwd=tmp_path)
    assert r.returncode == 1 and "convert: converted with OpenCC t2s" in r.stderr
    assert f"using configuration from {tmp_path / 'pyproject.toml'}" in r.stderr
    r = run(["clean", "--check", "--no-to-simplified", "a.txt"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    for flag in ("--no-keep-encoding", "--no-force-exclude"):
        assert (
            run(["clean", "--check", "--no-to-simplified", flag, "a.txt"], cwd=tmp_path).returncode
            == 0
        )
    r = run(["clean", "--no-to-simplified", "--no-keep-encoding", "a.txt"], cwd=tmp_path)
    assert page.read_text(encoding="utf-8") == "高新區新聞\n"


def test_isolated_reads_no_configuration(tmp_path: Path) -> None:
    project(tmp_path, "to-simplified = true")
    r = run(["clean", "--check", "--isolated", "-v", "a.txt"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "no configuration file read (--isolated)" in r.stderr
    assert "using configuration" not in r.stderr
    for args in (
        ["--isolated", "--config", "pyproject.toml"],
        ["--config", "pyproject.toml", "--isolated"],
    ):
        r = run(["clean", *args, "a.txt"], cwd=tmp_path)
        assert r.returncode == 2 and "--isolated and --config cannot be used together" in r.stderr


def test_malformed_toml_on_the_discovery_path_is_an_error(tmp_path: Path) -> None:
    project(tmp_path, "to-simplified = true")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n[oops\n", encoding="utf-8")
    (sub / "b.txt").write_text("高新區新聞\n", encoding="utf-8")
    r = run(["clean", "--check", "sub/b.txt"], cwd=tmp_path)
    assert r.returncode == 2
    first = r.stderr.splitlines()[0]
    assert first.startswith(f"cleantext: error: {sub / 'pyproject.toml'}:3:"), r.stderr
    assert "not valid TOML" in first
    assert "Traceback" not in r.stderr
    # --config with a broken file names it the same way; --isolated runs anyway.
    r = run(["clean", "--check", "--config", "sub/pyproject.toml", "a.txt"], cwd=tmp_path)
    assert r.returncode == 2 and "sub/pyproject.toml:3:" in r.stderr
    assert run(["clean", "--check", "--isolated", "sub/b.txt"], cwd=tmp_path).returncode == 0


def test_config_always_names_a_toml_file_and_convert_takes_c(tmp_path: Path) -> None:
    project(tmp_path, "")
    r = run(["clean", "--config", "t2s", "a.txt"], cwd=tmp_path)
    assert r.returncode == 2
    assert "--config t2s: no such file (--config names a TOML file)" in r.stderr
    assert "--convert t2s" in r.stderr and "cleantext convert -c t2s" in r.stderr
    for flag in ("-c", "--opencc"):
        r = run(["convert", flag, "t2s"], "高新區新聞\n".encode())
        assert (r.returncode, r.stdout) == (0, "高新区新闻\n")
    r = run(["convert", "-c", "s2twp"], "软件\n".encode())
    assert r.stdout == "軟體\n"
    assert run(["convert", "--config", "t2s"], b"x\n").returncode == 2
    r = run(["clean", "--convert", "t2s", "--check", "a.txt"], cwd=tmp_path)
    assert r.returncode == 1
