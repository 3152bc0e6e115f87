"""Throughput, memory, many files and corpus scale, measured as a user runs it.

Run: python bench/bench_throughput.py [--quick] [--repeat 3] [--skip ray,jsonl,...]

Everything goes through the installed `cleantext` command in a subprocess
(the whole process: start, imports, reading, cleaning, writing), and ftfy
runs in a subprocess of its own on the same bytes, in the same rounds. Each
run's wall time, CPU time (user + system of that process and its workers,
from wait4) and peak resident memory (its largest process) are taken; the
median of --repeat runs is printed. The machine may be shared: CPU time is
the steadier figure, and the MB/s columns give both.

Inputs (real text from bench/corpus.py, fetched into its cache on first use):

  clean-zh    People's Daily 1998 as pages (`corpus.documents`), one file
              each: text that needs nothing
  damaged     pages built like the seed page (seeds/): a Simplified spam
              keyword line and a navigation word on top, a breadcrumb with
              pinyin, a title, a source/date line, the body in Traditional
              (People's Daily through OpenCC s2tw) with an inline pinyin
              annotation after every character the conversion changed, one
              `?rdquo;`, and a second copy of the article under a
              reordered header
  gbk         the clean pages encoded as GBK

Sections (each can be skipped with --skip NAME):

  mbps     `cleantext clean --check -q DIR` on 50 MB of clean-zh and of
           damaged pages and on 10 MB of GBK (--quick: 5, 5 and 2 MB), beside
           ftfy.fix_text with its default config and with cleantext's
           CJK-safe config on the same decoded text, and the ratios; plus one
           large file through stdin for peak memory as a multiple of input
  cold     cold start of `cleantext clean --check` on one small clean file
  jobs     `-j 1` against `-j 2` rewriting 2,000 small damaged pages and 200
           files of 200 KB in place (fresh copies each run); `--no-fsync` too
  jsonl    `cleantext clean --jsonl --field text` on 100 MB and 500 MB of
           JSON Lines (--quick: 20 and 100 MB), MB/s and peak memory
  ray      cleantext.raydata.run on a local Ray instance with 2 CPUs
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
import spamgen  # noqa: E402

MB = 1_000_000


# -- measuring one process -----------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float  # peak resident set of the largest process, MB
    code: int


# A small wrapper process starts each measured command: a child forked from
# this (large) process would inherit its resident-set high-water mark.
WRAPPER = r"""
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stderr=subprocess.PIPE)
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - t0
sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
sys.stderr.write("\n" + json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                                    os.waitstatus_to_exitcode(status)]) + "\n")
"""


def run_process(
    argv: Sequence[str], *, stdin: Path | None = None, stdout: Path | None = None
) -> Run:
    """Run ``argv``: wall time, CPU time (the process and the workers it
    waited for) and peak RSS of its largest process, from wait4."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        proc = subprocess.run(
            [sys.executable, "-S", "-c", WRAPPER, *argv],
            stdin=fin,
            stdout=fout,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        if stdin:
            fin.close()  # type: ignore[union-attr]
        if stdout:
            fout.close()  # type: ignore[union-attr]
    lines = proc.stderr.decode("utf-8", "replace").rstrip().splitlines()
    wall, cpu, rss, code = json.loads(lines[-1])
    if code not in (0, 1):
        print(f"    ! {' '.join(argv[:4])}... exit {code}: {' / '.join(lines[-4:-1])}")
    return Run(wall, cpu, rss, code)


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss_mb for r in runs),
        runs[-1].code,
    )


def repeat(fn: Callable[[], Run], n: int, prepare: Callable[[], None] | None = None) -> Run:
    runs = []
    for _ in range(n):
        if prepare:
            prepare()
        runs.append(fn())
    return median_run(runs)


def cleantext_exe() -> str:
    exe = shutil.which("cleantext")
    if exe is None:
        sys.exit("bench: `cleantext` is not on PATH: pip install -e . first")
    return exe


# -- inputs -----------------------------------------------------------------------------------

_READINGS: dict[str, str] | None = None


def readings() -> dict[str, str]:
    global _READINGS
    if _READINGS is None:
        _READINGS = {}
        path = ROOT / "cleantext" / "data" / "pinyin_readings.tsv"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                ch, readings_, *_ = line.split("\t")  # character, readings, variants
                _READINGS[ch] = readings_.split(",")[0]
    return _READINGS


def clean_pages(n: int, seed: int) -> list[str]:
    # People's Daily alone: the book-shop reviews hold real entities (&#160;)
    # and '?' for lost characters, which are not text that needs nothing.
    return corpus.documents("zh-hans", n, (3, 12), seed=seed, source="pd1998")


_HAN = re.compile(r"[\u4e00-\u9fff]")


def damaged_page(rng: random.Random, body: list[str], s2tw: object, t2s: object) -> str:
    """A page shaped like the seed (see the module docstring)."""
    pin = readings()

    def annotate(text: str) -> str:
        trad = s2tw.convert(text)  # type: ignore[attr-defined]
        if len(trad) != len(text):
            return trad
        out = []
        for a, b in zip(text, trad):
            out.append(b)
            if a != b and b in pin:
                out.append(f"({pin[b]})")
        return "".join(out)

    spam, _ = spamgen.spam_line(rng, "comma")
    paras = [annotate(p) for p in body]
    title = annotate(body[0][: rng.randint(10, 24)].rstrip("，。、"))
    crumb = "當前位置:主頁 > 新聞中心 > " + annotate("园区新闻") + " >"
    date = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    src = "來源:" + annotate(rng.choice(["人民日报", "新华社", "本报讯"]))
    header = [crumb, "", title, "", f"{src} 日期:{date} 點擊:", ""]
    header2 = [crumb.replace("當前位置:", ""), "", title, "", f"{date} {src} 點擊:", ""]
    article = ["  " + p + "\n \n" for p in paras]
    if len(article) > 1:  # one broken entity, as on the seed
        k = rng.randrange(len(article))
        article[k] = article[k].replace("”", "?rdquo;", 1)
    head = [spam, "", rng.choice(["Network", "首页", "Home"]), ""]
    page = "\n".join(head + header) + "\n" + "".join(article)
    page += "\n \n\n" + "\n".join(header2) + "\n" + "".join(article)
    return page


def damaged_pages(n: int, seed: int) -> list[str]:
    import opencc

    s2tw, t2s = opencc.OpenCC("s2tw"), opencc.OpenCC("t2s")
    rng = random.Random(seed)
    bodies = corpus.documents("zh-hans", n, (3, 10), seed=seed, source="pd1998")
    return [damaged_page(rng, b.split("\n"), s2tw, t2s) for b in bodies]


def write_tree(folder: Path, docs: list[bytes], per_dir: int = 500) -> None:
    for i, d in enumerate(docs):
        sub = folder / f"d{i // per_dir:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page{i:05d}.txt").write_bytes(d)


def take_mb(
    pages: Callable[[int, int], list[str]], mb: float, encoding: str = "utf-8"
) -> list[bytes]:
    out: list[bytes] = []
    total = 0
    seed = 0
    while total < mb * MB:
        for p in pages(2000, seed):
            b = p.encode(encoding, "replace") if encoding != "utf-8" else p.encode()
            out.append(b)
            total += len(b)
            if total >= mb * MB:
                break
        seed += 1
    return out


# -- sections -------------------------------------------------------------------------------

FTFY_SCRIPT = r"""
import os, sys
import ftfy
sys.path.insert(0, sys.argv[3])
mode, root = sys.argv[1], sys.argv[2]
if mode == "safe":
    from cleantext.steps.mojibake import _ftfy_config
    cfg = _ftfy_config()
    fix = lambda t: ftfy.fix_text(t, cfg)
else:
    fix = ftfy.fix_text
enc = sys.argv[4]
for d, _, names in os.walk(root):
    for n in sorted(names):
        with open(os.path.join(d, n), "rb") as fh:
            fix(fh.read().decode(enc, "replace"))
"""


def section_mbps(args: argparse.Namespace, tmp: Path) -> None:
    exe = cleantext_exe()
    sizes = (
        {"clean-zh": 5.0, "damaged": 5.0, "gbk": 2.0}
        if args.quick
        else {"clean-zh": 50.0, "damaged": 50.0, "gbk": 10.0}
    )
    print("\n== cleantext clean --check through the CLI, beside ftfy on the same text ==")
    print(
        f"{'input':<9} {'MB':>5} | {'cleantext wall':>14} {'cpu':>6} {'MB/s':>7} {'cpu MB/s':>8} "
        f"{'RSS MB':>7} | {'ftfy dflt cpu MB/s':>18} {'ratio':>6} | {'ftfy safe cpu MB/s':>18} {'ratio':>6}"
    )
    big: dict[str, bytes] = {}
    for name, mb in sizes.items():
        if name == "clean-zh":
            docs = take_mb(clean_pages, mb)
        elif name == "damaged":
            docs = take_mb(damaged_pages, mb)
        else:
            docs = take_mb(clean_pages, mb, "gbk")
        folder = tmp / name
        write_tree(folder, docs)
        size = sum(len(d) for d in docs) / MB
        big[name] = b"".join(docs[: max(1, len(docs) // max(1, int(size / 10)))])
        ct = repeat(lambda: run_process([exe, "clean", "--check", "-q", str(folder)]), args.repeat)
        enc = "gbk" if name == "gbk" else "utf-8"
        row = (
            f"{name:<9} {size:5.1f} | {ct.wall:13.2f}s {ct.cpu:5.2f}s {size / ct.wall:7.1f} "
            f"{size / ct.cpu:8.1f} {ct.rss_mb:7.0f} |"
        )
        if args.no_ftfy:
            print(row)
            continue
        cells = []
        for mode in ("default", "safe"):
            ff = repeat(
                lambda: run_process(
                    [sys.executable, "-c", FTFY_SCRIPT, mode, str(folder), str(ROOT), enc]
                ),
                max(1, min(args.repeat, 2)),
            )
            cells.append(f"{size / ff.cpu:18.1f} {ff.cpu / ct.cpu:5.1f}x")
        print(row + " " + " | ".join(cells))
        shutil.rmtree(folder)
    print(
        "  (ratio = ftfy CPU time / cleantext CPU time on the same bytes; MB/s = input MB / time)"
    )

    print("\n== peak memory, one large file through stdin (`cleantext clean < big > out`) ==")
    small = tmp / "small.txt"
    small.write_text("一段干净的中文文本。\n", encoding="utf-8")
    base = repeat(lambda: run_process([exe, "clean"], stdin=small), 3)
    print(f"baseline (a one-line file): {base.rss_mb:.0f} MB")
    for name, data in big.items():
        p = tmp / f"big-{name}.txt"
        p.write_bytes(data)
        r = repeat(lambda: run_process([exe, "clean"], stdin=p, stdout=tmp / "out.txt"), 1)
        size = len(data) / MB
        print(
            f"{name:<9} {size:5.1f} MB: peak {r.rss_mb:6.0f} MB = {r.rss_mb / size:5.1f}x input; "
            f"above baseline {(r.rss_mb - base.rss_mb) / size:5.1f}x; {size / r.wall:5.1f} MB/s"
        )
        p.unlink()


def section_cold(args: argparse.Namespace, tmp: Path) -> None:
    exe = cleantext_exe()
    p = tmp / "small.txt"
    p.write_text("一段干净的中文文本，“引号”和全角标点。\n", encoding="utf-8")
    # An installed package has its bytecode (pip compiles it at install); a
    # checkout run with PYTHONDONTWRITEBYTECODE=1 (set on some machines)
    # compiles every module from source on every start instead, about 70 ms
    # more (0.21-0.27 s in all here, against 0.14 s with bytecode). One run
    # with bytecode writing on first, as after an install.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([exe, "clean", "--check", str(p)], env=env, capture_output=True, check=False)
    r = repeat(lambda: run_process([exe, "clean", "--check", str(p)]), 10)
    print(
        f"\n== cold start of `cleantext clean --check small.txt`: {r.wall * 1000:.0f} ms wall, "
        f"{r.cpu * 1000:.0f} ms CPU (median of 10, with bytecode) =="
    )


def section_jobs(args: argparse.Namespace, tmp: Path) -> None:
    exe = cleantext_exe()
    print("\n== many files rewritten in place: -j 1 against -j 2 (fresh copies each run) ==")
    rng = random.Random(7)
    n_small = 400 if args.quick else 2000
    n_big = 40 if args.quick and not args.big_only else 200
    small = [p.encode() for p in damaged_pages(n_small, 11)]
    small = [s[: rng.randint(1500, 4000)] for s in small]  # small pages, cut on bytes
    small = [s.decode("utf-8", "ignore").encode() for s in small]
    big_pages = damaged_pages(n_big * 12, 12)
    big = []
    for i in range(n_big):
        doc = "\n".join(big_pages[i * 12 : (i + 1) * 12]).encode()
        while len(doc) < 200_000:
            doc += b"\n" + big_pages[rng.randrange(len(big_pages))].encode()
        big.append(doc[:200_000].decode("utf-8", "ignore").encode())
    print(
        f"{'files':<20} {'MB':>5} {'flags':<14} {'wall s':>7} {'cpu s':>7} {'files/s':>8} "
        f"{'speed-up wall':>13} {'cpu ratio':>9}"
    )
    sets = [(f"{n_small} small", small), (f"{n_big} x 200 KB", big)]
    flag_sets = [["-j", "1"], ["-j", "2"], ["-j", "1", "--no-fsync"], ["-j", "2", "--no-fsync"]]
    if args.big_only:  # the figure alone, when time is short
        sets, flag_sets = sets[1:], flag_sets[:2]
    for label, docs in sets:
        src = tmp / "src"
        write_tree(src, docs)
        work = tmp / "work"

        def fresh() -> None:
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(src, work)

        size = sum(len(d) for d in docs) / MB
        one: Run | None = None
        for flags in flag_sets:
            r = repeat(
                lambda: run_process([exe, "clean", "-q", *flags, str(work)]), args.repeat, fresh
            )
            if one is None:
                one = r
            flag = " ".join(flags)
            print(
                f"{label:<20} {size:5.1f} {flag:<14} {r.wall:7.2f} {r.cpu:7.2f} "
                f"{len(docs) / r.wall:8.0f} {one.wall / r.wall:12.2f}x {r.cpu / one.cpu:8.2f}"
            )
        shutil.rmtree(src)
        shutil.rmtree(work, ignore_errors=True)
    print("  (speed-up = wall time of -j 1 / this; cpu ratio = CPU time of this / -j 1)")


def write_jsonl(path: Path, mb: float) -> float:
    """Records of pages, four clean to one damaged, with id and url fields."""
    clean = clean_pages(3000, 21)
    damaged = damaged_pages(600, 22)
    rng = random.Random(5)
    total = 0
    i = 0
    with open(path, "wb") as fh:
        while total < mb * MB:
            text = damaged[i % len(damaged)] if i % 5 == 4 else clean[i % len(clean)]
            rec = {"id": i, "url": f"https://example.com/{rng.randrange(10**9)}", "text": text}
            line = json.dumps(rec, ensure_ascii=False).encode() + b"\n"
            fh.write(line)
            total += len(line)
            i += 1
    return total / MB


def section_jsonl(args: argparse.Namespace, tmp: Path) -> None:
    exe = cleantext_exe()
    print("\n== corpus mode: cleantext clean --jsonl --field text < in.jsonl > out.jsonl ==")
    for mb in (20, 100) if args.quick else (100, 500):
        p = tmp / "in.jsonl"
        size = write_jsonl(p, mb)
        for jobs in ("1", "2"):
            r = repeat(
                lambda: run_process(
                    [exe, "clean", "--jsonl", "--field", "text", "-j", jobs],
                    stdin=p,
                    stdout=tmp / "out.jsonl",
                ),
                1,
            )
            print(
                f"{size:6.0f} MB -j {jobs}: {r.wall:6.1f} s wall {size / r.wall:6.1f} MB/s, "
                f"{r.cpu:6.1f} s CPU {size / r.cpu:6.1f} MB/s, peak RSS {r.rss_mb:5.0f} MB "
                f"(largest process)"
            )
        p.unlink()
        (tmp / "out.jsonl").unlink(missing_ok=True)


RAY_SCRIPT = r"""
import sys, time
sys.path.insert(0, sys.argv[3])
import ray
ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
from cleantext import raydata
t0 = time.perf_counter()
raydata.run(sys.argv[1], sys.argv[2], field="text")
print(time.perf_counter() - t0)
"""


def section_ray(args: argparse.Namespace, tmp: Path) -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        print("\n== Ray: not installed (pip install -e '.[ray]') ==")
        return
    mb = 10 if args.quick else 50
    shards = tmp / "shards"
    shards.mkdir()
    size = 0.0
    for k in range(4):
        size += write_jsonl(shards / f"part-{k}.jsonl", mb / 4)
    out = subprocess.run(
        [sys.executable, "-c", RAY_SCRIPT, str(shards), str(tmp / "ray-out"), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        print("\n== Ray: failed ==\n" + out.stderr[-2000:])
        return
    secs = float(out.stdout.strip().splitlines()[-1])
    print(
        f"\n== Ray Data, local instance, 2 CPUs: {size:.0f} MB of JSON Lines in {secs:.1f} s "
        f"= {size / secs:.1f} MB/s (read, clean, write; Ray start-up not counted) =="
    )


SECTIONS = {
    "mbps": section_mbps,
    "cold": section_cold,
    "jobs": section_jobs,
    "jsonl": section_jsonl,
    "ray": section_ray,
}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="small sizes, for iterating")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--skip", default="", help="sections to skip: " + ",".join(SECTIONS))
    ap.add_argument("--only", default="", help="sections to run (default: all)")
    ap.add_argument("--no-ftfy", action="store_true", help="leave out the ftfy comparison")
    ap.add_argument(
        "--big-only", action="store_true", help="jobs: only 200 x 200 KB, -j 1 and -j 2"
    )
    args = ap.parse_args()
    import cleantext

    print(
        f"cleantext {cleantext.__version__}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    skip = set(filter(None, args.skip.split(",")))
    only = set(filter(None, args.only.split(","))) or set(SECTIONS)
    with tempfile.TemporaryDirectory(prefix="cleantext-bench-") as d:
        for name, fn in SECTIONS.items():
            if name in only and name not in skip:
                fn(args, Path(d))


if __name__ == "__main__":
    main()
