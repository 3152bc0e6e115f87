"""The output module: text levels, GitHub annotations and SARIF, on real findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _sarif import validate_sarif

import cleantext
from cleantext.findings import Finding
from cleantext.output import (
    Level,
    SarifLog,
    change_summary,
    diff_header,
    file_lines,
    github_annotation,
    github_lines,
    group_findings,
    noun,
    plural,
    units,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e7e93553ca6a2c04.txt"


@pytest.fixture(scope="module")
def seed_findings() -> list[Finding]:
    return cleantext.clean(SEED.read_bytes()).findings


def test_check_on_the_seed_is_at_most_ten_lines(seed_findings: list[Finding]) -> None:
    lines = file_lines("seed.txt", seed_findings, level=Level.NORMAL, check=True, changed=True)
    assert 1 < len(lines) <= 10, lines
    # Every finding is accounted for by exactly one line's group.
    groups = group_findings(seed_findings)
    assert sum(g.findings for g in groups) == len(seed_findings)
    assert len(lines) == len(groups)
    pinyin = next(line for line in lines if "pinyin annotations" in line)
    n = sum(units(f) for f in seed_findings if f.code == "pinyin-annotation")
    assert f": pinyin: {n} pinyin annotations, first: " in pinyin
    first = min(
        (f for f in seed_findings if f.code == "pinyin-annotation"), key=lambda f: (f.line, f.col)
    )
    assert pinyin.startswith(f"seed.txt:{first.line}:{first.col}: pinyin: ")


def test_verbose_prints_every_finding(seed_findings: list[Finding]) -> None:
    lines = file_lines("seed.txt", seed_findings, level=Level.VERBOSE, check=True, changed=True)
    assert len(lines) == len(seed_findings)
    assert lines == sorted(lines, key=lambda s: tuple(int(x) for x in s.split(":")[1:3]))


def test_quiet_names_the_file_only_when_it_changes(seed_findings: list[Finding]) -> None:
    assert file_lines("s.txt", seed_findings, level=Level.QUIET, check=True, changed=True) == [
        "s.txt"
    ]
    assert file_lines("s.txt", seed_findings, level=Level.QUIET, check=True, changed=False) == []


def test_fix_mode_says_what_changed(seed_findings: list[Finding]) -> None:
    lines = file_lines("s.txt", seed_findings, level=Level.NORMAL, check=False, changed=True)
    head = lines[0]
    assert head.startswith("Fixing s.txt: ")
    n_pinyin = sum(units(f) for f in seed_findings if f.code == "pinyin-annotation")
    assert f"{n_pinyin} pinyin annotations" in head
    spam = next(f for f in seed_findings if f.step == "spam" and f.fixed)
    # One spam line (and the navigation word and blank lines it took along).
    assert spam.message.startswith("removed 1 spam line ")
    assert "1 spam line," in head
    dup = sum(
        (f.end_line or f.line) - f.line + 1
        for f in seed_findings
        if f.step == "dedupe" and f.removes_lines
    )
    assert f"{dup} duplicate lines" in head
    # The rest are the reports, grouped; fixes are not listed one by one.
    assert all(": pinyin: removed the pinyin" not in line for line in lines[1:])
    reports = group_findings(f for f in seed_findings if not f.fixed)
    assert len(lines) == 1 + len(reports)


def test_unchanged_file_with_a_report_is_not_fixing() -> None:
    f = Finding("pinyin", 3, 1, "lost-character", "lost", fixed=False)
    lines = file_lines("a.txt", [f], level=Level.NORMAL, check=False, changed=False)
    assert lines == ["a.txt:3:1: pinyin: lost"]


def test_change_summary_counts_removed_lines_not_findings() -> None:
    fs = [
        Finding("dedupe", 42, 1, "duplicate-run", "d", end_line=81, removes_lines=True),
        Finding("dedupe", 90, 1, "duplicate-line", "d", end_line=90, removes_lines=True),
    ]
    assert change_summary(fs) == "41 duplicate lines"


def test_nouns_and_plurals() -> None:
    assert noun("mojibake-utf8-as-gbk") == "mojibake repair"
    assert plural(noun("entity-double-escaped"), 3) == "3 broken entities"
    assert plural(noun("mixed-encoding"), 2) == "2 lines in another encoding"
    assert plural(noun("undecodable-bytes"), 2) == "2 undecodable byte runs"


# -- diff header ---------------------------------------------------------------------


def test_diff_header_for_a_gbk_file() -> None:
    data = "中文\n".encode("gb18030")
    r = cleantext.clean(data)
    assert r.changed and r.text == r.original
    header = diff_header(
        "a.txt",
        before=r.original,
        after=r.text,
        encoding=r.encoding,
        out_encoding="utf-8",
        bom_before=r.bom,
        bom_after=r.data.startswith(b"\xef\xbb\xbf"),
    )
    assert header == "# a.txt: re-encoded from gb18030 to utf-8"


def test_diff_header_for_utf16_with_bom() -> None:
    data = "\ufeff中文\r\n".encode("utf-16-le")
    r = cleantext.clean(data)
    header = diff_header(
        "a.txt",
        before=r.original,
        after=r.text,
        encoding=r.encoding,
        out_encoding="utf-8",
        bom_before=r.bom,
        bom_after=r.data.startswith(b"\xef\xbb\xbf"),
    )
    assert header is not None
    assert "re-encoded from utf-16" in header and "byte order mark removed" in header


# -- GitHub ----------------------------------------------------------------------------


def test_github_escapes_like_the_toolkit() -> None:
    f = Finding("pinyin", 5, 21, "pinyin-annotation", "100% sure\r\nnext", fixed=True)
    line = github_annotation(f, "a:b,c.txt")
    assert line.startswith("::warning file=a%3Ab%2Cc.txt,line=5,col=21,title=")
    assert line.endswith("::100%25 sure%0D%0Anext")
    # Exactly one '::' separates properties from the message.
    assert line[2:].count("::") == 1
    report = Finding("pinyin", 5, 21, "lost-character", "x", fixed=False)
    assert github_annotation(report, "a.txt").startswith("::notice ")


def test_github_groups_by_default_and_lists_all_with_v(seed_findings: list[Finding]) -> None:
    grouped = github_lines("s.txt", seed_findings, level=Level.NORMAL)
    every = github_lines("s.txt", seed_findings, level=Level.VERBOSE)
    assert len(grouped) == len(group_findings(seed_findings)) <= 10
    assert len(every) == len(seed_findings)
    for line in every:
        assert line.startswith(("::warning file=s.txt,line=", "::notice file=s.txt,line="))
        assert "\n" not in line


# -- SARIF -----------------------------------------------------------------------------


def test_sarif_of_the_seed_is_valid_and_keeps_every_finding(seed_findings: list[Finding]) -> None:
    log = SarifLog("0.1.0")
    log.add("seeds/000 page.txt", seed_findings)
    log.add_error("missing.txt", "cannot read: No such file or directory")
    doc = json.loads(log.to_json(exit_code=123))
    validate_sarif(doc)
    run = doc["runs"][0]
    assert len(run["results"]) == len(seed_findings)
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {f.code for f in seed_findings}
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "seeds/000%20page.txt"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert {r["level"] for r in run["results"]} == {"warning"}  # the seed's are all fixes
    report = cleantext.clean("高新區(qū)新聞\n".encode()).findings
    assert report and not any(f.fixed for f in report)
    log.add("b.txt", report)
    doc = json.loads(log.to_json(exit_code=0))
    validate_sarif(doc)
    assert doc["runs"][0]["results"][-1]["level"] == "note"
