"""How much ``cleantext clean --check`` prints at each output level.

Runs the installed ``cleantext`` on the seed page alone and on a folder of
N pages (default 2,000) built in a temporary folder (never committed): every
other page is the seed page (a scraped farm page: a spam line, 301 pinyin
annotations, a broken entity, a second copy of the article), the rest real
Chinese documents from ``bench/corpus.py`` (People's Daily 1998 and its
Traditional conversion, Big5/GB blog and feed text), which are clean and
should stay silent. Prints, for the default level, ``-q`` and ``-v``, the
number of lines on stderr and the exit code, with the wall time of each run.

    python bench/output_levels.py [--pages 2000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import documents

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e7e93553ca6a2c04.txt"


def exe() -> list[str]:
    beside = Path(sys.executable).with_name("cleantext")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "cleantext"]


def build(folder: Path, pages: int) -> None:
    half = pages // 2
    docs = documents("zh-hans", (pages - half + 1) // 2, seed=14)
    docs += documents("zh-hant", pages - half - len(docs), seed=14)
    for i in range(half):
        shutil.copyfile(SEED, folder / f"farm-{i:05d}.txt")
    for i, text in enumerate(docs):
        (folder / f"doc-{i:05d}.txt").write_text(text + "\n", encoding="utf-8")


def measure(args: list[str], cwd: Path) -> tuple[int, int, float]:
    t = time.perf_counter()
    proc = subprocess.run(
        [*exe(), *args], cwd=cwd, capture_output=True, env={"PATH": "/usr/bin:/bin"}
    )
    elapsed = time.perf_counter() - t
    return proc.returncode, len(proc.stderr.splitlines()), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copyfile(SEED, root / "page.txt")
        pages = root / "pages"
        pages.mkdir()
        build(pages, opts.pages)
        for target, label in (("page.txt", "seed page"), ("pages", f"{opts.pages} pages")):
            for level in ([], ["-q"], ["-v"]):
                code, lines, secs = measure(["clean", "--check", *level, target], root)
                shown = " ".join(level) or "default"
                print(
                    f"{label:>12}  {shown:>7}: {lines:>7} lines on stderr, exit {code}, {secs:.1f} s"
                )


if __name__ == "__main__":
    main()
