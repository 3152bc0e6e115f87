"""The run report (cleantext.report): typed statuses, the exit code, and the
JSON document, built without reading back JSON it wrote."""

from __future__ import annotations

import json

import pytest

from cleantext.findings import Finding
from cleantext.report import EXIT_CHANGES, EXIT_FAILED, EXIT_OK, FileReport, FileStatus, Report


def finding(line: int, fixed: bool = True, **data: object) -> Finding:
    return Finding(
        "pinyin",
        line,
        3,
        "pinyin-annotation",
        "removed (qū) after 區\nsecond line",
        original="(qū)",
        replacement="",
        fixed=fixed,
        data=dict(data),
        path="頁.txt",
    )


def sample() -> Report:
    report = Report(check=True)
    report.add(
        FileReport(
            "頁.txt",
            FileStatus.WOULD_FIX,
            encoding="gb18030",
            confidence=0.97,
            findings=[finding(1), finding(2, fixed=False, x=[1, {"y": "“”"}])],
        )
    )
    report.add(FileReport("b.txt", FileStatus.UNCHANGED, encoding="utf-8", confidence=1.0))
    report.add(FileReport("c.txt", FileStatus.ERROR, error="binary file"))
    return report


def test_json_is_the_whole_document_dumped_once() -> None:
    """The spliced document is exactly what one json.dumps(indent=2) writes."""
    text = sample().to_json()
    doc = json.loads(text)
    assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert [f["status"] for f in doc["files"]] == ["would-fix", "unchanged", "error"]
    assert doc["files"][0]["findings"][1]["data"] == {"x": [1, {"y": "“”"}]}
    assert doc["summary"] == {
        "files": 3, "changed": 1, "unchanged": 1, "errors": 1,
        "findings": 2, "fixed": 1, "reports": 1,
    }  # fmt: skip
    assert doc["exit_code"] == EXIT_FAILED


def test_json_of_an_empty_run() -> None:
    text = Report().to_json()
    assert text == json.dumps(json.loads(text), indent=2) + "\n"
    assert json.loads(text)["files"] == []


def test_add_leaves_the_callers_findings_alone() -> None:
    findings = [finding(1), finding(2)]
    fr = FileReport("a.txt", FileStatus.FIXED, findings=findings)
    report = Report()
    report.add(fr)
    assert fr.findings is findings and len(findings) == 2
    doc = json.loads(report.to_json())
    assert doc["summary"]["findings"] == 2 and len(doc["files"][0]["findings"]) == 2


def test_status_is_typed_and_its_json_is_the_string() -> None:
    fr = FileReport("a.txt", "would-fix")  # type: ignore[arg-type]
    assert fr.status is FileStatus.WOULD_FIX
    assert fr.to_dict()["status"] == "would-fix" and f"{fr.status}" == "would-fix"
    with pytest.raises(ValueError):
        FileReport("a.txt", "done")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("check", "statuses", "code"),
    [
        (False, [FileStatus.FIXED, FileStatus.UNCHANGED], EXIT_OK),
        (True, [FileStatus.UNCHANGED], EXIT_OK),
        (True, [FileStatus.WOULD_FIX, FileStatus.UNCHANGED], EXIT_CHANGES),
        (True, [FileStatus.WOULD_FIX, FileStatus.ERROR], EXIT_FAILED),
    ],
)
def test_return_code(check: bool, statuses: list[FileStatus], code: int) -> None:
    report = Report(check=check, keep_findings=False)
    for i, status in enumerate(statuses):
        report.add(FileReport(f"{i}.txt", status))
    assert report.return_code == code


@pytest.mark.parametrize("keep", [True, False])
def test_entries_from_a_worker_make_the_same_report(keep: bool) -> None:
    """What a worker process sends per file (Report.entry) and the parent
    adds (add_entry) gives the report that add() gives in one process."""
    here = Report(check=True, keep_findings=keep)
    there = Report(check=True, keep_findings=keep)
    parent = Report(check=True, keep_findings=keep)
    for fr in (
        FileReport("a.txt", FileStatus.WOULD_FIX, findings=[finding(1), finding(2, fixed=False)]),
        FileReport("b.txt", FileStatus.UNCHANGED, findings=[finding(3, fixed=False)]),
        FileReport("c.txt", FileStatus.ERROR, error="binary file"),
    ):
        here.add(fr)
        parent.add_entry(there.entry(fr))
    assert parent.summary() == here.summary() == {
        "files": 3, "changed": 1, "unchanged": 1, "errors": 1,
        "findings": 3, "fixed": 1, "reports": 2,
    }  # fmt: skip
    assert parent.return_code == here.return_code == EXIT_FAILED
    if keep:
        assert parent.to_json() == here.to_json()
    merged = Report(check=True, keep_findings=keep)
    merged.merge(here)
    assert merged.summary() == here.summary()
