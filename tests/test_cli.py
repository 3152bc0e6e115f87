"""The command line through Typer's CliRunner, with bytes in and bytes out.

Most tests replace the text steps with small fakes (see ``steps``), so they
test what the CLI does (reading, writing, options, messages, exit codes)
whatever the real steps decide. Tests named ``test_seed_e2e_*`` run the real
pipeline on the seed page and pass once every step has landed.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import cleantext
from cleantext import cli
from cleantext.findings import Finding
from cleantext.steps import STEPS, Context, Step
from cleantext.textutil import LineColumns

runner = CliRunner()


def invoke(args: list[str], input: bytes | None = None, **kw: Any) -> Any:
    return runner.invoke(cli.app, args, input=input, **kw)


class FakeSteps:
    """Every text step replaced by a recorder; ``set`` gives one a body."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        self.configs: dict[str, cleantext.Config] = {}
        self._mp = monkeypatch
        for name in list(STEPS):
            self.set(name, None)

    def set(
        self, name: str, body: Callable[[str, Context], tuple[str, list[Finding]]] | None
    ) -> None:
        def run(text: str, ctx: Context) -> tuple[str, list[Finding]]:
            self.calls.append(name)
            self.configs[name] = ctx.config
            return body(text, ctx) if body else (text, [])

        self._mp.setitem(STEPS, name, Step(name, run, "fake " + name))


def replacer(
    step: str, old: str, new: str, *, fixed: bool = True
) -> Callable[[str, Context], tuple[str, list[Finding]]]:
    """A step body that replaces ``old`` with ``new`` (or only reports it)."""

    def body(text: str, ctx: Context) -> tuple[str, list[Finding]]:
        index = LineColumns(text)
        findings = []
        for m in re.finditer(re.escape(old), text):
            line, col = index.line_col(m.start())
            findings.append(
                Finding(
                    step,
                    line,
                    col,
                    "fake",
                    f"{old} -> {new}",
                    fixed=fixed,
                    original=old,
                    replacement=new,
                )
            )
        return (text.replace(old, new) if fixed else text), findings

    return body


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> FakeSteps:
    return FakeSteps(monkeypatch)


@pytest.fixture
def colour(steps: FakeSteps) -> FakeSteps:
    """The pinyin step turns 'colour' into 'color'."""
    steps.set("pinyin", replacer("pinyin", "colour", "color"))
    return steps


# -- stdin to stdout ----------------------------------------------------------------


def test_stdin_to_stdout_is_cleaned_utf8(colour: FakeSteps) -> None:
    result = invoke(["clean"], input="第一行\nthe colour 紅\n".encode("gb18030"))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == "第一行\nthe color 紅\n".encode()
    assert result.stderr == ""


def test_dash_means_stdin(colour: FakeSteps) -> None:
    result = invoke(["clean", "-"], input=b"colour\n")
    assert (result.exit_code, result.stdout_bytes) == (0, b"color\n")


def test_clean_text_passes_through_byte_for_byte(steps: FakeSteps) -> None:
    data = "“引號”、全形，１２３。\r\nno newline at end".encode()
    result = invoke(["clean"], input=data)
    assert (result.exit_code, result.stdout_bytes) == (0, data)


def test_interactive_stdin_without_paths_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_stdin_is_tty", lambda: True)
    result = invoke(["clean"])
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert result.stderr.startswith("cleantext: error: no input")
    assert "cleantext: hint:" in result.stderr


def test_files_given_never_read_stdin(colour: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"plain\n")
    result = invoke(["clean", str(f)], input=b"colour\n")
    assert result.exit_code == 0
    assert result.stdout_bytes == b""  # stdin was not cleaned to stdout


# -- --check and --diff ---------------------------------------------------------------


def test_check_prints_findings_and_exits_1(colour: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"line one\nmy colour\n")
    result = invoke(["clean", "--check", str(f)])
    assert result.exit_code == 1
    assert f.read_bytes() == b"line one\nmy colour\n"
    assert result.stdout_bytes == b""
    assert f"{f}:2:4: pinyin: colour -> color\n" in result.stderr


def test_check_exits_0_when_nothing_would_change(colour: FakeSteps) -> None:
    result = invoke(["clean", "--check"], input=b"my color\n")
    assert (result.exit_code, result.stdout_bytes, result.stderr) == (0, b"", "")


def test_report_only_findings_are_printed_but_never_fail_check(
    steps: FakeSteps, tmp_path: Path
) -> None:
    steps.set("entities", replacer("entities", "?", "?", fixed=False))
    f = tmp_path / "a.txt"
    f.write_bytes(b"lost?char\n")
    result = invoke(["clean", "--check", str(f)])
    assert result.exit_code == 0
    assert f"{f}:1:5: entities: ? -> ?" in result.stderr
    # and in fix mode the report is printed too, while nothing is written
    result = invoke(["clean", str(f)])
    assert result.exit_code == 0 and "entities" in result.stderr and "Fixing" not in result.stderr


def test_diff_prints_unified_diff_and_writes_nothing(colour: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"one\nmy colour\n")
    result = invoke(["clean", "--diff", str(f)])
    assert result.exit_code == 0
    assert f.read_bytes() == b"one\nmy colour\n"
    name = str(f)
    assert result.stdout_bytes.decode() == (
        f"--- {name}\t(original)\n+++ {name}\t(cleaned)\n@@ -1,2 +1,2 @@\n one\n-my colour\n+my color\n"
    )


def test_diff_and_check_combine(colour: FakeSteps) -> None:
    result = invoke(["clean", "--diff", "--check"], input=b"colour")
    assert result.exit_code == 1
    assert result.stdout_bytes.decode() == (
        "--- -\t(original)\n+++ -\t(cleaned)\n@@ -1 +1 @@\n-colour\n\\ No newline at end of file\n"
        "+color\n\\ No newline at end of file\n"
    )


def test_diff_colour_is_forced_by_flag(colour: FakeSteps) -> None:
    plain = invoke(["clean", "--diff", "--no-color"], input=b"colour\n").stdout_bytes
    coloured = invoke(["clean", "--diff", "--color"], input=b"colour\n").stdout_bytes
    assert b"\x1b[" not in plain
    assert b"\x1b[31m-colour" in coloured and b"\x1b[32m+color" in coloured


# -- files in place -------------------------------------------------------------------


def test_in_place_rewrites_changed_files_only(colour: FakeSteps, tmp_path: Path) -> None:
    changed, same = tmp_path / "changed.txt", tmp_path / "same.txt"
    changed.write_bytes(b"colour\n")
    same.write_bytes(b"color\n")
    before = same.stat()
    result = invoke(["clean", str(changed), str(same)])
    assert result.exit_code == 0
    assert changed.read_bytes() == b"color\n"
    assert same.stat().st_ino == before.st_ino and same.stat().st_mtime_ns == before.st_mtime_ns
    assert result.stderr == f"Fixing {changed}: 1 fake finding\n1 file fixed, 1 unchanged\n"
    assert result.stdout_bytes == b""


def test_directories_are_walked(colour: FakeSteps, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(b"colour\n")
    (tmp_path / ".git" / "HEAD").write_bytes(b"colour\n")
    (tmp_path / "img.bin").write_bytes(b"\x00colour\x00")
    result = invoke(["clean", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sub" / "a.txt").read_bytes() == b"color\n"
    assert (tmp_path / ".git" / "HEAD").read_bytes() == b"colour\n"
    assert (tmp_path / "img.bin").read_bytes() == b"\x00colour\x00"
    assert (
        result.stderr == f"Fixing {tmp_path}/sub/a.txt: 1 fake finding\n1 file fixed, 0 unchanged\n"
    )


def test_exclude_applies_to_walks_and_with_force_exclude_to_explicit_paths(
    colour: FakeSteps, tmp_path: Path
) -> None:
    (tmp_path / "vendor").mkdir()
    v = tmp_path / "vendor" / "a.txt"
    v.write_bytes(b"colour\n")
    assert invoke(["clean", "--exclude", "/vendor/", str(tmp_path)]).exit_code == 0
    assert v.read_bytes() == b"colour\n"
    assert invoke(["clean", "--exclude", "/vendor/", "--force-exclude", str(v)]).exit_code == 0
    assert v.read_bytes() == b"colour\n"
    assert invoke(["clean", "--exclude", "/vendor/", str(v)]).exit_code == 0
    assert v.read_bytes() == b"color\n"


def test_undecodable_file_is_left_untouched_with_exit_123(
    colour: FakeSteps, tmp_path: Path
) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(b"colour \xff\xfe\xfd end\n")
    good.write_bytes(b"colour\n")
    result = invoke(["clean", "--encoding", "utf-8", str(bad), str(good)])
    assert result.exit_code == 123
    assert bad.read_bytes() == b"colour \xff\xfe\xfd end\n"
    assert good.read_bytes() == b"color\n"  # the others continue
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("cleantext: error:")]
    assert len(errors) == 1 and str(bad) in errors[0]
    assert "Traceback" not in result.output


def test_a_refused_file_reports_no_fix(colour: FakeSteps, tmp_path: Path) -> None:
    # Left as it was, its record is the error alone: no finding says "fixed"
    # (colour -> color) or "re-encoded" of it, and the summary counts none
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"colour \xff end\n")
    result = invoke(["clean", "--encoding", "utf-8", "--report", "json", str(bad)])
    assert result.exit_code == 123
    doc = json.loads(result.stdout_bytes)
    [record] = doc["files"]
    assert record["status"] == "error" and record["findings"] == []
    assert doc["summary"]["findings"] == doc["summary"]["fixed"] == 0
    text = invoke(["clean", "--check", "--encoding", "utf-8", str(bad)])
    assert text.exit_code == 123 and "colour" not in text.output
    assert f"{bad}:1:" not in text.output


def test_force_writes_undecodable_bytes_as_replacement_characters(
    colour: FakeSteps, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"colour \xff end\n")
    result = invoke(["clean", "--encoding", "utf-8", "--force", str(bad)])
    assert result.exit_code == 0, result.output
    assert bad.read_bytes() == "color \ufffd end\n".encode("utf-8")


def test_a_file_cut_inside_a_character_is_refused_saying_so(
    steps: FakeSteps, tmp_path: Path
) -> None:
    # Naming an encoding cannot bring back a file's missing end: the
    # message says what is wrong, and --force writes U+FFFD for it.
    text = "经济发展的新阶段，科技创新是第一动力。\n" * 5 + "放"
    cut = tmp_path / "cut.txt"
    data = text.encode("gb18030") + "送".encode("gb18030")[:1]
    cut.write_bytes(data)
    result = invoke(["clean", str(cut)])
    assert result.exit_code == 123 and cut.read_bytes() == data
    [error] = [ln for ln in result.stderr.splitlines() if ln.startswith("cleantext: error:")]
    assert "ends inside a gb18030 character (cut off?)" in error and str(cut) in error
    assert "--encoding" not in result.stderr
    assert invoke(["clean", "--force", str(cut)]).exit_code == 0
    assert cut.read_bytes() == (text + "\ufffd").encode("utf-8")


def test_undecodable_check_is_123_too(steps: FakeSteps) -> None:
    result = invoke(["clean", "--check", "--encoding", "utf-8"], input=b"a\xffb\n")
    assert result.exit_code == 123


def _numerals_cfg() -> bytes:
    """A TeX configuration file in GBK with one Chinese numeral a line amid
    ASCII commands (zhnumber-gbk.cfg's shape: rare characters, scattered)."""
    lines = ["%%", "%% numerals.cfg: Chinese numerals for a TeX package, GBK encoding", "%%"]
    lines += ["\\ProvidesExplFile{numerals.cfg}{2024/01/01}{1.0}{numerals}"]
    lines += ["\\set_digits_map:nnn { minus } { simp } { 负 }"]
    lines += ["\\set_digits_map:nnn { minus } { trad } { 負 }"]
    for group, chars in (
        ("digits", "零〇一二三四五六七八九"),
        ("financial", "壹贰叁肆伍陆柒捌玖拾佰仟"),
        ("tiangan", "甲乙丙丁戊己庚辛壬癸"),
        ("dizhi", "子丑寅卯辰巳午未申酉戌亥"),
    ):
        lines += [f"\\set_{group}_map:nn {{ {i} }}  {{ {ch} }}" for i, ch in enumerate(chars)]
    lines.append("%% End of file `numerals.cfg'.")
    return ("\n".join(lines) + "\n").encode("gbk")


@pytest.fixture
def numerals(tmp_path: Path) -> tuple[Path, bytes]:
    """numerals.cfg written in a fresh folder, and its bytes."""
    data = _numerals_cfg()
    f = tmp_path / "numerals.cfg"
    f.write_bytes(data)
    return f, data


@pytest.fixture
def guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar raised past numerals.cfg's detection (0.9), to make it a guess."""
    monkeypatch.setattr(cli, "SURE_ENCODING", 0.95)


@pytest.mark.usefixtures("guessed")
def test_a_file_whose_encoding_is_a_guess_is_left_untouched(
    numerals: tuple[Path, bytes],
) -> None:
    # Rewritten in UTF-8 from a wrong guess, it would be mojibake for good:
    # reported as an error (exit 123), the file as it was, and --check fails.
    f, data = numerals
    detected = cleantext.clean(data)
    assert detected.confidence < cli.SURE_ENCODING
    result = invoke(["clean", str(f)])
    assert result.exit_code == 123
    assert f.read_bytes() == data
    assert "encoding is a guess" in result.stderr and "--encoding" in result.stderr
    assert invoke(["clean", "--check", str(f)]).exit_code == 123
    # named, it is read right and rewritten in UTF-8
    assert invoke(["clean", "--encoding", "gbk", str(f)]).exit_code == 0
    assert f.read_bytes() == data.decode("gbk").encode("utf-8")


def test_damaged_big5_file_is_left_untouched(tmp_path: Path) -> None:
    # Read as GB18030 (which decodes every byte of it), it was rewritten as
    # garbage with "405 mojibake repairs"; read as Big5 it loses a byte pair.
    from tests.test_decode import damaged_big5

    f = tmp_path / "tutor.zh.big5"
    f.write_bytes(data := damaged_big5())
    result = invoke(["clean", str(f)])
    assert result.exit_code == 123
    assert f.read_bytes() == data
    assert "cannot be decoded without loss as big5" in result.stderr
    assert "Traceback" not in result.output


def test_scattered_han_amid_ascii_is_read_as_gbk(numerals: tuple[Path, bytes]) -> None:
    # Numerals, stems and branches score low as text (rare characters), but
    # Han alone in 50 separate runs is no single-byte text misread (it was
    # taken for cp1254 at 0.14); rewritten in UTF-8 it says the same
    f, data = numerals
    detected = cleantext.clean(data)
    assert detected.encoding == "gb18030" and detected.confidence >= cli.SURE_ENCODING
    assert invoke(["clean", str(f)]).exit_code == 0
    assert f.read_bytes() == data.decode("gbk").encode("utf-8")


@pytest.mark.usefixtures("guessed")
def test_force_takes_the_guess_and_a_pipe_is_not_refused(numerals: tuple[Path, bytes]) -> None:
    f, data = numerals
    assert invoke(["clean", "--force", str(f)]).exit_code == 0
    assert f.read_bytes() != data
    # through a pipe, the output is written (stdin is not rewritten), and
    # the guess is said; not with --force, which takes it
    piped = invoke(["clean"], input=data)
    assert piped.exit_code == 0 and piped.stdout_bytes
    assert "warning: -: its encoding is a guess" in piped.stderr
    assert "--encoding" in piped.stderr
    forced = invoke(["clean", "--force"], input=data)
    assert forced.stdout_bytes == piped.stdout_bytes and "guess" not in forced.stderr
    assert "guess" not in invoke(["clean", "-q"], input=data).stderr


#: Pairs of a kanji and its older form (kakasi's ``itaijidict`` shape): in
#: EUC-JP with no kana, every byte pair also reads as GB2312 Han.
_VARIANT_PAIRS = (
    "亜亞 悪惡 圧壓 囲圍 為爲 医醫 壱壹 隠隱 栄榮 営營 衛衞 駅驛 円圓 塩鹽 応應 欧歐 殴毆 桜櫻 "
    "奥奧 穏穩 仮假 価價 画畫 会會 絵繪 拡擴 覚覺 学學 楽樂 勧勸 巻卷 歓歡 観觀 関關 陥陷 帰歸 "
    "気氣 偽僞 戯戲 犠犧 旧舊 拠據 挙擧 峡峽 狭狹 暁曉 区區 駆驅 径徑 恵惠 渓溪 経經 継繼 茎莖 "
    "蛍螢 軽輕 鶏鷄 芸藝 欠缺 倹儉 剣劍 圏圈 検檢 権權 献獻 険險 顕顯 験驗 厳嚴"
).split()


def test_kanji_pairs_readable_as_gbk_too_are_a_guess(tmp_path: Path) -> None:
    # Read as GB18030 the pairs are rare Han just as plausible (啊谐 碍亘
    # 暗在) to a model of Chinese: no reading is sure, and a hook that
    # rewrote the file in UTF-8 from the wrong one would garble it for good
    data = ("\n".join(_VARIANT_PAIRS) + "\n").encode("euc_jp")
    assert data.decode("gb18030") != data.decode("euc_jp")
    detected = cleantext.clean(data)
    assert detected.confidence < cli.SURE_ENCODING
    f = tmp_path / "itaiji"
    f.write_bytes(data)
    result = invoke(["clean", str(f)])
    assert result.exit_code == 123 and "encoding is a guess" in result.stderr
    assert f.read_bytes() == data
    assert invoke(["clean", "--check", str(f)]).exit_code == 123
    assert invoke(["clean", "--encoding", "euc-jp", str(f)]).exit_code == 0
    assert f.read_bytes() == data.decode("euc_jp").encode("utf-8")


def test_binary_explicit_file_is_refused(steps: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "x.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = invoke(["clean", str(f)])
    assert result.exit_code == 123
    assert f.read_bytes() == b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert "binary" in result.stderr


def test_missing_path_is_a_usage_error_and_nothing_is_processed(
    colour: FakeSteps, tmp_path: Path
) -> None:
    # Like black and ruff: a path given on the command line that does not
    # exist is a mistake in the command, exit 2.
    good = tmp_path / "good.txt"
    good.write_bytes(b"colour\n")
    result = invoke(["clean", str(tmp_path / "nope.txt"), str(good)])
    assert result.exit_code == 2
    assert good.read_bytes() == b"colour\n"
    assert f"cleantext: error: {tmp_path / 'nope.txt'}: no such file or directory" in result.stderr


def test_unreadable_file_is_123_and_others_continue(colour: FakeSteps, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(b"colour\n")
    target = tmp_path / "dangling.txt"  # it exists as a link, but cannot be read
    target.symlink_to(tmp_path / "gone.txt")
    result = invoke(["clean", str(target), str(good)])
    assert result.exit_code == 123
    assert good.read_bytes() == b"color\n"
    assert "dangling.txt: cannot read" in result.stderr


def test_a_crashing_step_is_one_line_and_123(steps: FakeSteps, tmp_path: Path) -> None:
    def boom(text: str, ctx: Context) -> tuple[str, list[Finding]]:
        if "boom" in text:
            raise RuntimeError("step exploded")
        return text.replace("colour", "color"), []

    steps.set("dedupe", boom)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"boom colour\n")
    b.write_bytes(b"colour\n")
    result = invoke(["clean", str(a), str(b)])
    assert result.exit_code == 123
    assert a.read_bytes() == b"boom colour\n"
    assert b.read_bytes() == b"color\n"
    assert "Traceback" not in result.output
    assert f"cleantext: error: {a}: internal error: RuntimeError: step exploded" in result.stderr


def test_read_only_file_is_123_and_untouched(
    colour: FakeSteps, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleantext import files

    f = tmp_path / "a.txt"
    f.write_bytes(b"colour\n")
    monkeypatch.setattr(files.os, "access", lambda path, mode, **kw: False)
    result = invoke(["clean", str(f)])
    assert result.exit_code == 123
    assert f.read_bytes() == b"colour\n"
    assert (
        f"cleantext: error: {f}: cannot write: Permission denied (the file is read-only)"
        in result.stderr
    )
    assert "Fixing" not in result.stderr
    # the report records the final status, after the failed write
    doc = json.loads(invoke(["clean", "--report", "json", str(f)]).stdout_bytes)
    assert doc["files"][0]["status"] == "error" and doc["files"][0]["error"].startswith(
        "cannot write"
    )
    assert doc["files"][0]["findings"][0]["step"] == "pinyin" and doc["exit_code"] == 123


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_explicit_fifo_is_refused_in_place(steps: FakeSteps, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = invoke(["clean", str(fifo)])  # must not block on open()
    assert result.exit_code == 123
    assert f"cleantext: error: {fifo}: not a regular file; nothing written" in result.stderr


def test_keep_encoding_writes_the_input_encoding(colour: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("中文的colour\n".encode("gb18030"))
    result = invoke(["clean", "--encoding", "gbk", "--keep-encoding", str(f)])
    assert result.exit_code == 0, result.output
    assert f.read_bytes() == "中文的color\n".encode("gb18030")
    invoke(["clean", "--encoding", "gbk", str(f)])
    assert f.read_bytes() == "中文的color\n".encode()


def test_re_encoding_alone_is_a_change_with_a_finding(steps: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("中文\n".encode("gb18030"))
    result = invoke(["clean", "--check", "--encoding", "gb18030", str(f)])
    assert result.exit_code == 1
    assert f"{f}:1:1: decode: re-encoded from gb18030 to UTF-8" in result.stderr


def test_quiet_and_verbose(colour: FakeSteps, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"colour\n")
    b.write_bytes(b"color\n")
    quiet = invoke(["clean", "-q", str(a), str(b)])
    assert (quiet.exit_code, quiet.stderr) == (0, f"{a}\n")  # the changed file's name only
    a.write_bytes(b"colour\n")
    verbose = invoke(["clean", "-v", str(a), str(b)])
    assert f"Fixing {a}" in verbose.stderr
    assert f"{a}:1:1: pinyin: colour -> color" in verbose.stderr
    assert f"unchanged {b}" in verbose.stderr


# -- options onto Config --------------------------------------------------------------


def test_only_keeps_canonical_order(steps: FakeSteps) -> None:
    result = invoke(
        ["clean", "--only", "dedupe", "--only", "mojibake", "--only", "pinyin"], input=b"x\n"
    )
    assert result.exit_code == 0
    assert steps.calls == ["mojibake", "pinyin", "dedupe"]


def test_default_chain_and_skip(steps: FakeSteps) -> None:
    invoke(["clean"], input=b"x\n")
    assert steps.calls == ["mojibake", "entities", "pinyin", "spam", "dedupe"]
    steps.calls.clear()
    invoke(["clean", "--skip", "spam", "--skip", "mojibake"], input=b"x\n")
    assert steps.calls == ["entities", "pinyin", "dedupe"]


def test_enable_adds_the_opt_in_step(steps: FakeSteps) -> None:
    invoke(["clean", "--enable", "boilerplate"], input=b"x\n")
    assert steps.calls == ["mojibake", "entities", "pinyin", "spam", "boilerplate", "dedupe"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--to-simplified"], "t2s"),
        (["--convert", "s2twp"], "s2twp"),
        (["--convert", "t2s", "--to-simplified"], "t2s"),
    ],
)
def test_conversion_options(steps: FakeSteps, args: list[str], expected: str) -> None:
    result = invoke(["clean", *args], input=b"x\n")
    assert result.exit_code == 0, result.output
    assert steps.calls[-1] == "convert"
    assert steps.configs["convert"].convert == expected


@pytest.mark.parametrize(
    "args",
    [
        ["--to-simplified", "--convert", "s2t"],
        ["--convert", "nosuch"],
        ["--only", "convert"],
        ["--only", "nosuch"],
        ["--enable", "pinyin"],
        ["--encoding", "no-such-codec"],
        ["--spam-terms", "/no/such/file"],
        ["--exclude", "("],
        ["--report", "xml"],
        ["--report", "json"],  # stdout already carries the text
        ["--no-such-option"],
    ],
)
def test_usage_errors_exit_2_with_one_error_line(steps: FakeSteps, args: list[str]) -> None:
    result = invoke(["clean", *args], input=b"x\n")
    assert result.exit_code == 2, result.output
    assert result.stdout_bytes == b""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("cleantext: error: ")
    assert all(ln.startswith(("cleantext: error: ", "cleantext: hint: ")) for ln in lines), lines
    assert steps.calls == []


def test_spam_terms_file_reaches_the_config(steps: FakeSteps, tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("# my terms\n博彩网站\n\n  免费看片  \n", encoding="utf-8")
    assert invoke(["clean", "--spam-terms", str(terms)], input=b"x\n").exit_code == 0
    assert steps.configs["spam"].spam_terms == ("博彩网站", "免费看片")


def test_stdin_filename_names_stdin_and_sets_the_context(colour: FakeSteps) -> None:
    result = invoke(["clean", "--check", "--stdin-filename", "docs/page.md"], input=b"colour\n")
    assert result.exit_code == 1
    assert "docs/page.md:1:1: pinyin: colour -> color" in result.stderr
    assert steps_filename(colour) == "docs/page.md"


def steps_filename(steps: FakeSteps) -> str | None:
    return steps.configs["pinyin"].filename


def test_stdin_filename_excluded_passes_through(colour: FakeSteps) -> None:
    result = invoke(
        ["clean", "--stdin-filename", "vendor/a.txt", "--exclude", "/vendor/", "--force-exclude"],
        input=b"colour\n",
    )
    assert (result.exit_code, result.stdout_bytes) == (0, b"colour\n")
    assert colour.calls == []


# -- the JSON report ------------------------------------------------------------------


def test_report_json_on_stdout_in_check_mode(colour: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"colour\n")
    result = invoke(["clean", "--check", "--report", "json", str(f)])
    assert result.exit_code == 1
    doc = json.loads(result.stdout_bytes)
    assert doc["version"] == 1
    assert doc["exit_code"] == 1 and doc["check"] is True
    assert doc["summary"] == {
        "files": 1,
        "changed": 1,
        "unchanged": 0,
        "errors": 0,
        "findings": 1,
        "fixed": 1,
        "reports": 0,
    }
    (entry,) = doc["files"]
    assert (
        entry["path"] == str(f) and entry["status"] == "would-fix" and entry["encoding"] == "utf-8"
    )
    (finding,) = entry["findings"]
    assert finding["step"] == "pinyin" and (finding["line"], finding["col"]) == (1, 1)
    assert (
        finding["original"] == "colour"
        and finding["replacement"] == "color"
        and finding["fixed"] is True
    )


def test_report_file_with_stdin(colour: FakeSteps, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = invoke(["clean", "--report-file", str(out)], input=b"colour\n")
    assert (result.exit_code, result.stdout_bytes) == (0, b"color\n")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["files"][0]["path"] == "-" and doc["files"][0]["status"] == "fixed"


def test_report_records_errors(steps: FakeSteps, tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "missing.txt")
    result = invoke(["clean", "--report", "json", str(dangling)])
    assert result.exit_code == 123
    doc = json.loads(result.stdout_bytes)
    assert doc["files"][0]["status"] == "error" and "cannot read" in doc["files"][0]["error"]


# -- step subcommands -----------------------------------------------------------------


@pytest.mark.parametrize(
    "step", ["mojibake", "entities", "pinyin", "spam", "boilerplate", "dedupe"]
)
def test_step_subcommand_runs_just_that_step(steps: FakeSteps, step: str) -> None:
    steps.set(step, replacer(step, "colour", "color"))
    result = invoke([step], input="colour 中文\n".encode("utf-16"))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == "color 中文\n".encode()
    # (a repair step that changed the text runs once more, to a fixed point)
    assert set(steps.calls) == {step}


def test_decode_subcommand_only_decodes(steps: FakeSteps) -> None:
    data = "青島高新區，“一區多園”。\n".encode("big5")
    result = invoke(["decode", "--encoding", "big5"], input=data)
    assert (result.exit_code, result.stdout_bytes) == (0, data.decode("big5").encode("utf-8"))
    assert steps.calls == []


def test_convert_subcommand_defaults_to_t2s(steps: FakeSteps) -> None:
    assert invoke(["convert"], input=b"x\n").exit_code == 0
    assert steps.calls == ["convert"] and steps.configs["convert"].convert == "t2s"
    assert invoke(["convert", "-c", "s2t"], input=b"x\n").exit_code == 0
    assert steps.configs["convert"].convert == "s2t"
    assert invoke(["convert", "--opencc", "s2t", "--to-simplified"], input=b"x\n").exit_code == 2


def test_spam_subcommand_takes_spam_terms(steps: FakeSteps, tmp_path: Path) -> None:
    terms = tmp_path / "t.txt"
    terms.write_text("垃圾词\n", encoding="utf-8")
    assert invoke(["spam", "--spam-terms", str(terms)], input=b"x\n").exit_code == 0
    assert steps.configs["spam"].spam_terms == ("垃圾词",)


def test_step_subcommand_on_files_and_check(colour: FakeSteps, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"colour\n")
    assert invoke(["pinyin", "--check", str(f)]).exit_code == 1
    assert invoke(["pinyin", str(f)]).exit_code == 0
    assert f.read_bytes() == b"color\n"


# -- detect ---------------------------------------------------------------------------


def test_detect_json(colour: FakeSteps, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"\xef\xbb\xbfcolour colour\n")
    b.write_bytes("中文\n".encode("utf-16"))
    before = (a.read_bytes(), b.read_bytes())
    result = invoke(["detect", "--json", str(a), str(b)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout_bytes)
    assert [r["path"] for r in rows] == [str(a), str(b)]
    assert rows[0]["encoding"] == "utf-8" and rows[0]["bom"] is True
    assert rows[0]["findings"]["pinyin"] == 2 and rows[0]["changed"] is True
    assert rows[1]["encoding"].startswith("utf-16") and rows[1]["bom"] is True
    assert rows[1]["findings"]["pinyin"] == 0
    assert (a.read_bytes(), b.read_bytes()) == before


def test_detect_is_json_when_not_a_terminal(steps: FakeSteps) -> None:
    result = invoke(["detect"], input=b"hello\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout_bytes)[0]["path"] == "-"


def test_detect_missing_file(steps: FakeSteps, tmp_path: Path) -> None:
    result = invoke(["detect", str(tmp_path / "nope")])
    assert result.exit_code == 2  # a usage error, as for clean
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nope")
    result = invoke(["detect", str(dangling)])
    assert result.exit_code == 123
    assert json.loads(result.stdout_bytes)[0]["error"].startswith("cannot read")


def test_version_and_bare_command() -> None:
    result = invoke(["--version"])
    assert (result.exit_code, result.stdout) == (0, f"cleantext {cleantext.__version__}\n")
    bare = invoke([])  # the help on stderr, never a hang
    assert bare.exit_code == 2 and bare.stderr.startswith("Usage: cleantext [OPTIONS] COMMAND")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["clean", "--only"], "see 'cleantext clean --help'"),
        (["pinyin", "--nope"], "see 'cleantext pinyin --help'"),
        (["nosuch"], "see 'cleantext --help'"),
    ],
)
def test_usage_error_hint_names_the_subcommand(args: list[str], hint: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"cleantext: hint: {hint}"


# -- the seed page end to end (real steps) ----------------------------------------------------


def test_seed_e2e_clean_matches_fixture(seed_bytes: bytes, seed_out: bytes) -> None:
    result = invoke(["clean"], input=seed_bytes)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == seed_out


def test_seed_e2e_check_fails_on_seed_and_passes_on_output(
    tmp_path: Path, seed_path: Path, seed_out: bytes
) -> None:
    assert invoke(["clean", "--check", str(seed_path)]).exit_code == 1
    out = tmp_path / "out.txt"
    out.write_bytes(seed_out)
    result = invoke(["clean", "--check", "--report", "json", str(out)])
    assert result.exit_code == 0, result.output
    # what is left are reports (the lost character), never fixes
    assert json.loads(result.stdout_bytes)["summary"]["fixed"] == 0


def test_seed_e2e_in_place_on_a_copy(tmp_path: Path, seed_bytes: bytes, seed_out: bytes) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(seed_bytes)
    os.chmod(page, 0o640)
    result = invoke(["clean", str(page)])
    assert result.exit_code == 0
    assert f"Fixing {page}" in result.stderr
    assert page.read_bytes() == seed_out
    assert page.stat().st_mode & 0o777 == 0o640
    again = invoke(["clean", str(page)])
    assert (again.exit_code, page.read_bytes()) == (0, seed_out)
    assert "Fixing" not in again.stderr


def test_seed_e2e_to_simplified(seed_bytes: bytes) -> None:
    result = invoke(["clean", "--to-simplified"], input=seed_bytes)
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")
    assert "青岛高新区:打造“一区多园”青岛模式" in text.split("\n")
    assert text == cleantext.clean(seed_bytes, to_simplified=True).text


# -- properties ----------------------------------------------------------------------------

# Text as scraped pages have it: CJK, full-width punctuation, curly quotes,
# every kind of line ending, a possible BOM; no NUL (that is binary).
_page_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        st.sampled_from(list("區創業“”‘’，。、：；！？（）１２３\r\n\u3000\u00a0\u2028")),
    ),
    max_size=200,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_page_text, bom=st.booleans())
def test_property_cli_io_adds_nothing(steps: FakeSteps, text: str, bom: bool) -> None:
    """With every step a no-op, UTF-8 input comes out byte for byte: reading,
    decoding, encoding and writing stdout change nothing (BOM, CR, CRLF,
    U+2028, no final newline...)."""
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    result = invoke(["clean"], input=data)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == data
    assert invoke(["clean", "--check"], input=data).exit_code == 0


@settings(max_examples=40, deadline=None)
@given(text=_page_text)
def test_property_cli_output_is_the_library_output(text: str) -> None:
    """Real steps: the CLI writes exactly what ``cleantext.clean`` returns,
    and ``--check`` agrees with ``Result.changed``."""
    data = text.encode("utf-8")
    expected = cleantext.clean(data)
    result = invoke(["clean"], input=data)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected.data
    assert invoke(["clean", "--check"], input=data).exit_code == (1 if expected.changed else 0)


def test_detect_table_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from cleantext.report import detect_row, print_detect_table

    steps_ = ("decode", "pinyin")
    rows = [
        detect_row(
            "a[1].txt",
            encoding="gb18030",
            confidence=0.9712,
            bom=False,
            lossy=False,
            changed=True,
            findings=[Finding("pinyin", 1, 1, "x", "m")] * 3,
            steps=steps_,
        ),
        detect_row(
            "gone.txt",
            encoding=None,
            confidence=None,
            bom=False,
            lossy=False,
            changed=False,
            findings=(),
            steps=steps_,
            error="cannot read: No such file or directory",
        ),
    ]
    print_detect_table(rows, steps_)
    out = capsys.readouterr().out
    assert "a[1].txt" in out  # not eaten as rich markup
    assert "gb18030" in out and "0.97" in out and " 3" in out
    assert "error: cannot read" in out


def test_unexpected_error_outside_a_file_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("walk exploded")

    monkeypatch.setattr(cli, "iter_paths", broken)
    result = invoke(["clean", str(tmp_path)])
    assert result.exit_code == 123
    assert result.stderr.splitlines() == [
        "cleantext: error: internal error: KeyError: 'walk exploded'",
        "cleantext: hint: this is a bug in cleantext; rerun with CLEANTEXT_TRACEBACK=1 and report it",
    ]
    monkeypatch.setenv("CLEANTEXT_TRACEBACK", "1")
    assert isinstance(invoke(["clean", str(tmp_path)]).exception, KeyError)


# -- [tool.cleantext] ------------------------------------------------------------------------


def _project(root: Path, table: str) -> Path:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        f"[project]\nname = 'x'\n\n[tool.cleantext]\n{table}\n", encoding="utf-8"
    )
    (root / "docs").mkdir(exist_ok=True)
    page = root / "docs" / "page.txt"
    page.write_bytes(b"x\n")
    return page


def test_project_config_is_found_above_the_paths(steps: FakeSteps, tmp_path: Path) -> None:
    (tmp_path / "terms.txt").write_text("垃圾词\n", encoding="utf-8")
    page = _project(
        tmp_path,
        'to-simplified = true\nskip = ["dedupe"]\nspam-terms = "terms.txt"\nenable = "boilerplate"',
    )
    result = invoke(["clean", "-v", str(page)])
    assert result.exit_code == 0, result.output
    assert steps.calls == ["mojibake", "entities", "pinyin", "spam", "boilerplate", "convert"]
    assert steps.configs["convert"].convert == "t2s"
    assert steps.configs["spam"].spam_terms == ("垃圾词",)
    assert f"using configuration from {tmp_path / 'pyproject.toml'}" in result.stderr


def test_command_line_wins_over_project_config(steps: FakeSteps, tmp_path: Path) -> None:
    page = _project(tmp_path, 'convert = "t2s"\nskip = ["dedupe"]')
    assert invoke(["clean", "--convert", "s2t", "--skip", "spam", str(page)]).exit_code == 0
    assert steps.configs["convert"].convert == "s2t"
    assert "dedupe" in steps.calls and "spam" not in steps.calls


def test_project_config_search_stops_at_the_repository_root(
    steps: FakeSteps, tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.cleantext]\nto-simplified = true\n", encoding="utf-8"
    )
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    page = repo / "page.txt"
    page.write_bytes(b"x\n")
    assert invoke(["clean", str(page)]).exit_code == 0
    assert "convert" not in steps.calls


def test_project_config_for_stdin_comes_from_the_cwd(
    steps: FakeSteps, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, "to-simplified = true")
    monkeypatch.chdir(tmp_path / "docs")
    assert invoke(["clean"], input=b"x\n").exit_code == 0
    assert steps.calls[-1] == "convert"


def test_explicit_config_file(steps: FakeSteps, tmp_path: Path) -> None:
    cfg = tmp_path / "cleantext.toml"
    cfg.write_text('[tool.cleantext]\nonly = ["pinyin"]\n', encoding="utf-8")
    assert invoke(["clean", "--config", str(cfg)], input=b"x\n").exit_code == 0
    assert steps.calls == ["pinyin"]


@pytest.mark.parametrize(
    "table",
    [
        "colour = true",
        'only = ["nosuch"]',
        "to-simplified = 3",
        'convert = "t2x"',
        "skip = [1]",
        "= broken",
    ],
)
def test_bad_project_config_is_a_usage_error(steps: FakeSteps, tmp_path: Path, table: str) -> None:
    page = _project(tmp_path, table)
    result = invoke(["clean", str(page)])
    assert result.exit_code == 2, result.output
    # file: (or file:line:col: for TOML that does not parse), so editors can jump
    assert re.match(
        rf"cleantext: error: {re.escape(str(tmp_path / 'pyproject.toml'))}(:\d+:\d+)?: ",
        result.stderr,
    ), result.stderr
    assert steps.calls == []
    assert page.read_bytes() == b"x\n"


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ('only = ["nosuch"]', 'only = ["nosuch"]'),
        ('enable = "spam"', 'enable = ["spam"]'),  # spam is on by default, not opt-in
        ('convert = "t2x"', 'convert = "t2x"'),
        ('to-simplified = true\nconvert = "s2t"', "ask for different conversions"),
    ],
)
def test_bad_project_config_values_name_the_key(
    steps: FakeSteps, tmp_path: Path, table: str, named: str
) -> None:
    page = _project(tmp_path, table)
    result = invoke(["clean", str(page)])
    assert result.exit_code == 2, result.output
    assert named in result.stderr.splitlines()[0]


@pytest.mark.parametrize(
    ("table", "args", "expected"),
    [
        # One conversion on the command line replaces the configured one.
        ('convert = "s2t"', ["--to-simplified"], "t2s"),
        ("to-simplified = true", ["--convert", "s2t"], "s2t"),
        ("to-simplified = true", ["--convert", "t2s"], "t2s"),
        ('convert = "s2t"', [], "s2t"),
        ("to-simplified = true", [], "t2s"),
    ],
)
def test_a_conversion_on_the_command_line_replaces_the_configured_one(
    steps: FakeSteps, tmp_path: Path, table: str, args: list[str], expected: str
) -> None:
    page = _project(tmp_path, table)
    result = invoke(["clean", *args, str(page)])
    assert result.exit_code == 0, result.output
    assert steps.configs["convert"].convert == expected


def test_two_conversions_on_the_command_line_are_a_usage_error(steps: FakeSteps) -> None:
    result = invoke(["clean", "--to-simplified", "--convert", "s2t"], input=b"x\n")
    assert result.exit_code == 2
    assert "--to-simplified and --convert s2t ask for different conversions" in result.stderr


def test_project_config_fills_option_defaults_only(steps: FakeSteps, tmp_path: Path) -> None:
    """[tool.cleantext] becomes the options' defaults (Click's default_map):
    a flag or list on the command line replaces the file's value whole."""
    page = _project(tmp_path, 'only = ["pinyin", "spam"]\nencoding = "gb18030"')
    assert invoke(["clean", "--only", "entities", str(page)]).exit_code == 0
    assert steps.calls == ["entities"]
    assert steps.configs["entities"].encoding == "gb18030"


def test_step_commands_read_no_project_config(steps: FakeSteps, tmp_path: Path) -> None:
    page = _project(tmp_path, 'skip = ["pinyin"]\nto-simplified = true')
    assert invoke(["pinyin", str(page)]).exit_code == 0
    assert steps.calls == ["pinyin"]


# -- the command factory ---------------------------------------------------------------


def _option_names(command: Any) -> list[str]:
    return [p.name for p in command.params]


def test_every_cleaning_command_has_the_shared_options_in_one_order() -> None:
    from typer.main import get_command

    group: Any = get_command(cli.app)
    shared = [o.name for o in cli.SHARED]
    for name in ["clean", *cleantext.STEP_ORDER]:
        names = _option_names(group.commands[name])
        assert names[:3] == ["paths", "check", "diff"], name
        assert [n for n in names if n in shared] == shared, name
    assert _option_names(group.commands["clean"])[-2:] == ["settings", "isolated"]
    assert "settings" not in _option_names(group.commands["spam"])
    detect = _option_names(group.commands["detect"])
    assert [n for n in detect if n in shared] == ["encoding", *(o.name for o in cli.SELECTION)]


def test_step_name_choices_are_the_text_steps() -> None:
    assert [s.value for s in cli.StepName] == list(cleantext.config.TEXT_STEPS)
    assert [s.value for s in cli.OptInStep] == ["boilerplate"]
    assert [c.value for c in cli.OpenCCConfig] == list(cleantext.config.OPENCC_CONFIGS)


@pytest.mark.parametrize(
    ("check", "diff", "mode", "writes", "checks", "diffs"),
    [
        (False, False, cli.WriteBack.YES, True, False, False),
        (True, False, cli.WriteBack.CHECK, False, True, False),
        (False, True, cli.WriteBack.DIFF, False, False, True),
        (True, True, cli.WriteBack.CHECK_DIFF, False, True, True),
    ],
)
def test_write_back_mode(
    check: bool, diff: bool, mode: Any, writes: bool, checks: bool, diffs: bool
) -> None:
    got = cli.WriteBack.from_flags(check=check, diff=diff)
    assert got is mode
    assert (got.writes, got.checks, got.diffs) == (writes, checks, diffs)


def test_the_shared_options_and_common_agree() -> None:
    """A shared option is an Opt in its group and a field of Common."""
    from dataclasses import fields

    names = {o.name for o in cli.SHARED} - {"check", "diff"}
    assert {f.name for f in fields(cli.Common)} == names | {"mode"}
