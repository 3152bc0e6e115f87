"""Hostile input shapes at two sizes: does the time per MB stay flat?

Run: python bench/bench_adversarial.py [--sizes 1 10] [--repeat 3] [--case NAME ...]

Each case repeats one hostile unit (a shape from issue 12's adversarial run:
backtick runs in Markdown, a long fenced block, a table, a counter line with
a long run of blanks, a minified line full of separate mojibake spans, a
head of many spam lines, HTML tags that never close, ...) between sentences
of real text (People's Daily 1998 from `bench/corpus.py`) up to each size,
then times :func:`cleantext.clean` on it, and each active step on its own.
Times are CPU seconds of this process (``time.process_time``): on a shared
machine wall time mostly measures the neighbours, and super-linear growth
shows in CPU time all the same.

It prints, per case, seconds per MB at each size (median of --repeat runs),
the ratio of the largest size to the smallest (1.0 is linear; above 2.0
is super-linear and fails the issue's bar), and which step takes most of
the time. The process exits 1 if any case's ratio is above 2.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cleantext  # noqa: E402
from cleantext.config import Config  # noqa: E402
from cleantext.steps import STEPS, Context  # noqa: E402

MB = 1_000_000


def _prose() -> list[str]:
    try:
        from corpus import sentences

        return sentences("zh-hans", n=2000, seed=12)
    except BaseException as exc:
        print(f"(corpus unavailable: {exc}; using the seed page's lines)", file=sys.stderr)
        seed = (ROOT / "seeds" / "000_e7e93553ca6a2c04.txt").read_bytes()
        return [x for x in cleantext.clean(seed).text.splitlines() if x.strip()]


def _mojibake_line(prose: list[str]) -> str:
    # GBK bytes read as Latin-1, short spans separated by ASCII: a minified page.
    spans = []
    for s in prose[:50]:
        bad = s[:4].encode("gbk", "replace").decode("latin-1")
        spans.append(f'<a href="/x">{bad}</a>')
    return " ".join(spans)


def _spam_head(prose: list[str]) -> str:
    import random

    from spamgen import spam_line

    rng = random.Random(12)
    head = "\n".join(spam_line(rng, "comma")[0] for _ in range(150))
    return head + "\n\n" + "\n".join(prose[:40]) + "\n\n"


#: name -> (filename for the context, options, unit builder). Each unit is
#: repeated (with a real sentence after each copy) until the size is reached.
CASES: dict[str, tuple[str, dict[str, object], Callable[[list[str]], str]]] = {
    "md-code-spans": ("a.md", {}, lambda p: "`a` b " * 50),
    "md-code-spans-txt": ("a.txt", {}, lambda p: "`a` b " * 50),
    "md-unmatched-runs": ("a.md", {}, lambda p: "`` ``` ```` " + "` " * 100),
    "md-fenced-block": ("a.md", {}, lambda p: "```\n" + "\n".join(p[:30]) + "\n"),
    "md-table": (
        "a.md",
        {},
        lambda p: (
            "| 列 | 值 |\n|---|---|\n" + "".join(f"| {s[:10]} | {s[10:20]} |\n" for s in p[:30])
        ),
    ),
    "html-unclosed-tags": ("a.html", {}, lambda p: "<pre " * 40 + "<!-- " + "<script a=1 "),
    "boilerplate-counter": (
        "a.txt",
        {"enable": ("boilerplate",)},
        lambda p: ("views" + " " * 190 + "x\n") * 5,
    ),
    "mojibake-minified-line": ("a.html", {}, _mojibake_line),
    "spam-long-head": ("a.txt", {}, _spam_head),
    "pinyin-dense": ("a.txt", {}, lambda p: "區(qū)域(yù)發(fā)展(zhǎn)" * 20 + "\n"),
    "entities-dense": ("a.txt", {}, lambda p: "蛟龍號?rdquo;“深海?ldquo;" * 20 + "\n"),
    "one-long-line": ("a.txt", {}, lambda p: "".join(p[:20])),
    "identical-short-lines": ("a.txt", {}, lambda p: "（完）\n" * 50),
}


def build(unit: Callable[[list[str]], str], prose: list[str], size: int) -> str:
    u = unit(prose)
    parts: list[str] = []
    n = 0
    i = 0
    while n < size:
        s = prose[i % len(prose)] + "\n"
        parts.append(u)
        parts.append(s)
        n += len(u.encode()) + len(s.encode())
        i += 1
    return "".join(parts)


def per_step(text: str, config: Config) -> dict[str, float]:
    """Seconds per active step, feeding each step's output to the next."""
    ctx = Context(config=config)
    ctx.line_map = list(range(1, text.count("\n") + 2))
    out: dict[str, float] = {}
    active = config.active_steps()
    for step in STEPS.values():
        if step.name not in active:
            continue
        t0 = time.process_time()
        text, _ = step.func(text, ctx)
        out[step.name] = time.process_time() - t0
    return out


def measure(text: str, config: Config, repeat: int) -> tuple[float, dict[str, float]]:
    data = text.encode()
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        cleantext.clean(data, config)
        times.append(time.process_time() - t0)
    return statistics.median(times), per_step(text, config)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs=2, default=[1.0, 10.0], metavar="MB")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--case", action="append", choices=sorted(CASES))
    args = ap.parse_args(argv)
    prose = _prose()
    cleantext.clean("\n".join(prose[:200]).encode(), Config(filename="a.md"))  # load tables
    small, large = (int(s * MB) for s in args.sizes)
    names = args.case or list(CASES)
    print(
        f"{'case':<24} {'s/MB @' + str(args.sizes[0]):>11} {'s/MB @' + str(args.sizes[1]):>11}"
        f" {'ratio':>6}  slowest step @{args.sizes[1]:g} MB (s/MB)"
    )
    worst = 0.0
    for name in names:
        filename, options, unit = CASES[name]
        config = Config.from_options(filename=filename, **options)  # type: ignore[arg-type]
        row = []
        steps: dict[str, float] = {}
        for size in (small, large):
            text = build(unit, prose, size)
            mb = len(text.encode()) / MB
            try:
                t, steps = measure(text, config, args.repeat if size == small else 1)
            except Exception as exc:
                row.append(f"{type(exc).__name__}")
                steps = {}
                continue
            row.append(t / mb)
            steps = {k: v / mb for k, v in steps.items()}
        if all(isinstance(x, float) for x in row):
            ratio = row[1] / row[0] if row[0] else 0.0
            worst = max(worst, ratio)
            slow = max(steps, key=lambda k: steps[k]) if steps else "-"
            print(
                f"{name:<24} {row[0]:>11.3f} {row[1]:>11.3f} {ratio:>6.2f}"
                f"  {slow} ({steps.get(slow, 0):.3f})"
            )
        else:
            print(f"{name:<24} {row!s}")
            worst = max(worst, 99.0)
    print(f"worst ratio: {worst:.2f} (the bar is 2.0)")
    return 0 if worst <= 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
