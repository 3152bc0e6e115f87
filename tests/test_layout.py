"""The package's shape: no import cycle, and a CLI that loads no step module to start."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleantext
import cleantext.steps
from cleantext.config import TEXT_STEPS
from cleantext.markup import is_code_file
from cleantext.steps import STEPS

PACKAGE = Path(cleantext.steps.__file__).resolve().parent.parent
STEP_MODULES = sorted(
    f"cleantext.steps.{m.name}"
    for m in pkgutil.iter_modules([str(PACKAGE / "steps")])
    if m.name != "base"
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements run at import time: the body, and what ``if``/``try`` blocks in
    it hold (not functions or classes, nor ``if TYPE_CHECKING:`` blocks)."""
    out: list[ast.stmt] = []
    for node in body:
        out.append(node)
        if isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                out += _module_level(node.body) + _module_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                out += _module_level(block)
    return out


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports at module level."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in _module_level(ast.parse(path.read_text("utf-8")).body):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                # `from pkg import mod` needs pkg.mod; `from pkg import name`
                # needs pkg's own body to have run.
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    targets.append(sub if sub in files else base)
            edges.update(t for t in targets if t in files and t != name)
        graph[name] = edges
    return graph


def test_graph_sees_the_imports() -> None:
    graph = import_graph()
    assert {"cleantext.config", "cleantext.findings"} <= graph["cleantext.steps.base"]
    assert "cleantext.plausibility" in graph["cleantext.decode"]  # `from . import plausibility`
    assert "cleantext.steps" in graph["cleantext.pipeline"]


def test_no_import_cycle() -> None:
    graph = import_graph()
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycle = path[path.index(node) :] + [node]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if node in done:
            return
        for nxt in sorted(graph[node]):
            visit(nxt, [*path, node])
        done.add(node)

    for module in sorted(graph):
        visit(module, [])


def test_the_registry_is_the_step_modules() -> None:
    assert tuple(STEPS) == TEXT_STEPS
    assert sorted(f"cleantext.steps.{s.entry.split(':')[0]}" for s in STEPS.values()) == (  # type: ignore[union-attr]
        STEP_MODULES
    )
    for step in STEPS.values():
        assert callable(step.func)


def _imported(code: str, prefix: str = "cleantext") -> list[str]:
    """The modules loaded by ``code`` in a fresh interpreter (names starting with ``prefix``)."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; {code}; print(' '.join(m for m in sys.modules if m.startswith({prefix!r})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split()


def test_importing_the_cli_loads_no_step_module() -> None:
    loaded = _imported("import cleantext.cli")
    assert "cleantext.cli" in loaded
    assert [m for m in loaded if m.startswith("cleantext.steps.")] == ["cleantext.steps.base"]


def test_importing_the_cli_loads_no_heavy_dependency() -> None:
    heavy = ("ftfy", "opencc", "pypinyin", "charset_normalizer", "rich", "concurrent.futures")
    loaded = _imported("import cleantext.cli", prefix="")
    assert [m for m in heavy if m in loaded] == []


def test_a_small_run_loads_no_openssl() -> None:
    # hashlib loads OpenSSL (about 4 MB resident): only a large input the
    # pipeline lets go of needs its digest, so a small run never imports it
    code = (
        "import cleantext.cli, cleantext; "
        "r = cleantext.clean('區(qū)域發(fā)展“蛟龍號?rdquo;\\n'.encode()); assert r.changed"
    )
    assert "hashlib" not in _imported(code, prefix="hashlib")


def test_a_run_loads_the_steps_it_uses() -> None:
    # (a text with an annotation: on one without, pinyin's idle test skips it)
    loaded = _imported("import cleantext; cleantext.clean('區(qū)', only=['pinyin'])")
    assert [m for m in loaded if m in STEP_MODULES] == ["cleantext.steps.pinyin"]


# --- one definition per concept ------------------------------------------------

# A page that every text step would change: a broken entity, an inline pinyin
# annotation, a spam head line and the article twice.
_ARTICLE = [
    "青島高新區(qū):打造“一區(qū)多園”青島模式，推動園區高質量發展，帶動周邊產業升級。",
    "記者從青島高新區獲悉?rdquo;今年以來園區新增企業三百餘家，產值增長一成以上。",
    "園區管理部門表示，將繼續優化營商環境，吸引更多創新企業落戶發展壯大。",
]
PAGE = (
    "\n".join(["亚洲香蕉视频综合在线,免费人成视网站在线不卡,澳门皇冠娱乐", *_ARTICLE, *_ARTICLE])
    + "\n"
)


def test_the_page_is_changed_as_text() -> None:
    result = cleantext.clean(PAGE, filename="page.txt")
    assert {f.step for f in result.fixes} >= {"entities", "pinyin", "spam", "dedupe"}


@pytest.mark.parametrize(
    "name",
    # names on which the steps used to disagree (entities/pinyin vs spam/dedupe)
    ["terms.tsv", "Makefile", "site.conf", "a.hh", "build.gradle.kts", "init.el", "feed.xml"],
)
def test_every_step_leaves_a_code_file_alone(name: str) -> None:
    assert is_code_file(name)
    result = cleantext.clean(PAGE, filename=name)
    assert result.text == PAGE and not result.findings
