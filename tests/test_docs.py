"""The docs are tested: every command and option is in the README and has
help; every manifest hook, exit code and report field is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.main import get_command
from typer.testing import CliRunner

from cleantext import cli
from cleantext.findings import Finding
from cleantext.report import FileReport, FileStatus, Report

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GROUP: Any = get_command(cli.app)
COMMANDS: dict[str, Any] = dict(GROUP.commands)
STEP_COMMANDS = [
    "decode",
    "mojibake",
    "entities",
    "pinyin",
    "spam",
    "boilerplate",
    "dedupe",
    "convert",
]


def section(heading: str) -> str:
    """The README text under a heading, up to the next heading of the same or
    a higher level."""
    m = re.search(rf"^(#+) {re.escape(heading)}\s*$", README, re.M)
    assert m, f"README has no heading {heading!r}"
    level = len(m.group(1))
    rest = README[m.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def options_of(command: Any) -> list[str]:
    names: list[str] = []
    for p in command.params:
        if p.param_type_name == "option":
            names += [*p.opts, *p.secondary_opts]
    return names + ["-h", "--help"]


def test_the_commands_are_the_documented_ones() -> None:
    assert sorted(COMMANDS) == sorted(["clean", "detect", "ray", *STEP_COMMANDS])
    assert cli._COMMAND_NAMES == set(COMMANDS)  # used for usage hints


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(cli.app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cleantext {name} [OPTIONS]" in result.stdout
    assert COMMANDS[name].help and len(COMMANDS[name].help) > 20
    for option in options_of(COMMANDS[name]):
        assert option in result.stdout, f"{option} missing from 'cleantext {name} --help'"


def test_top_level_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli.app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", result.stdout, re.M), name


@pytest.mark.parametrize("name", ["clean", "detect", "ray"])
def test_every_option_is_in_its_readme_section(name: str) -> None:
    text = section(f"`cleantext {name}`")
    for option in options_of(COMMANDS[name]):
        assert f"`{option}" in text, f"{option} of {name} is not documented in its README section"


@pytest.mark.parametrize("name", STEP_COMMANDS)
def test_every_step_command_and_option_is_documented(name: str) -> None:
    text = section("Step subcommands")
    assert f"`cleantext {name}`" in text
    for option in options_of(COMMANDS[name]):
        assert f"`{option}" in text, f"{option} of {name} is not documented under Step subcommands"


def test_every_step_choice_and_opencc_config_is_documented() -> None:
    clean = section("`cleantext clean`")
    for config in cli.OpenCCConfig:
        assert f"`{config.value}`" in clean
    for step in cli.StepName:
        assert f"`cleantext {step.value}`" in README


def test_every_hook_is_in_the_readme() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["cleantext", "cleantext-check"]
    text = section("pre-commit")
    for hook in hooks:
        assert f"| `{hook['id']}` |" in text
        assert f"`{hook['entry']}`" in text


def test_every_exit_code_is_documented() -> None:
    text = section("Exit codes")
    for code in (0, 1, 2, 123):
        assert f"| `{code}` |" in text


def test_the_json_report_schema_names_every_field() -> None:
    """Build a real report and check each key it has is documented."""
    f = Finding(
        "pinyin",
        1,
        2,
        "pinyin-annotation",
        "m",
        original="(qū)",
        replacement="",
        data={"x": 1},
        path="a",
    )
    report = Report(check=True)
    report.add(
        FileReport("a", FileStatus.WOULD_FIX, encoding="utf-8", confidence=1.0, findings=[f])
    )
    doc = json.loads(report.to_json())
    text = section("JSON report")
    keys = (
        set(doc) | set(doc["summary"]) | set(doc["files"][0]) | set(doc["files"][0]["findings"][0])
    )
    for key in sorted(keys):
        assert f"`{key}`" in text or f'"{key}"' in text, f"report key {key!r} is not documented"
    for status in ("fixed", "would-fix", "unchanged", "error"):
        assert f"`{status}`" in text


def test_readme_keeps_the_sections_the_lead_fills() -> None:
    assert re.search(r"^## Before and after$", README, re.M)
    assert re.search(r"^## Set up$", README, re.M)


def test_json_examples_in_the_readme_parse() -> None:
    blocks = re.findall(r"^```json\n(.*?)^```", README, re.M | re.S)
    assert len(blocks) >= 2
    for block in blocks:
        json.loads(block)


def test_readme_report_example_has_the_real_keys() -> None:
    """The example report has exactly the keys a real report has."""
    block = re.findall(r"^```json\n(.*?)^```", section("JSON report"), re.M | re.S)[0]
    example = json.loads(block)
    f = Finding("pinyin", 1, 2, "c", "m", data={"x": 1}, path="a")
    report = Report(check=True)
    report.add(FileReport("a", FileStatus.WOULD_FIX, findings=[f]))
    real = json.loads(report.to_json())
    assert set(example) == set(real)
    assert set(example["summary"]) == set(real["summary"])
    assert set(example["files"][0]) == set(real["files"][0])
    assert set(example["files"][0]["findings"][0]) == set(real["files"][0]["findings"][0])


def test_every_configuration_key_is_documented() -> None:
    text = section("Configuration")
    for key in cli.SETTINGS:
        kebab = key.replace("_", "-")
        assert re.search(rf"\b{re.escape(kebab)}\b", text), (
            f"[tool.cleantext] {kebab} is not documented"
        )


def test_ci_installs_and_gates_as_the_readme_says() -> None:
    """`.ci/run` installs with the README's second set-up command and runs
    every gate the README names."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    setup = section("Set up")
    installs = re.findall(r"pip install (-e '[^']+')", setup)
    assert installs and installs[0] == "-e '.[test]'"
    assert f"pip install --quiet {installs[0]} " in ci
    for gate in ("ruff check .", "ruff format --check .", "mypy"):
        assert f"`{gate}`" in setup, f"the README does not name the gate {gate!r}"
        tool, _, args = gate.partition(" ")
        assert re.search(rf'^gate "\$venv/bin/{tool}"( {re.escape(args)})?$', ci, re.M), gate
    assert re.search(r'^gate "\$venv/bin/python" -m pytest -q$', ci, re.M)
    assert 'pytest -m "not slow"' in setup
    for tool in ("ruff", "mypy", "pyyaml"):
        assert re.search(rf'"{tool}[><=]', (ROOT / "pyproject.toml").read_text()), (
            f"{tool} is not in the test extra"
        )


def test_the_version_is_written_once() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "cleantext.__version__"
    requires = project["build-system"]["requires"]
    assert requires == ["setuptools>=77"]  # the SPDX `license` string needs 77
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").split()[:4] == [
        "Apache",
        "License",
        "Version",
        "2.0,",
    ]
