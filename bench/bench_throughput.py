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
  authored    documents nobody on the team wrote: bench/harmcorpus.py's
              Debian docs (copyright, README, HTML manuals), man pages in
              Chinese and Japanese, PyPI and npm docs, under their own names
              (what a pre-commit hook meets; folder row only)
  (streams)   clean-zh and gbk as one stream: prose_stream(), distinct prose

Sections (each can be skipped with --skip NAME):

  mbps     folder rows: `cleantext clean --check -q DIR` on 50 MB of
           clean-zh and of damaged pages and on 10 MB of GBK (--quick: 5, 5
           and 2 MB), beside ftfy.fix_text with its default config and with
           cleantext's CJK-safe config on the same decoded text, file by
           file, and the ratios. Stream rows, in the same run, on the same
           bytes joined into one stream for the damaged pages (as the issue's
           "Why" table measured it; clean-zh and GBK: distinct prose, see
           prose_stream, since the pages overlap): `cleantext clean < in >
           out` (GBK also with --encoding gbk),
           beside both ftfy configs on the same bytes as one text, the
           ratios and peak memory as a multiple of the input; plus the peak
           of a one-line file (the process's baseline). File mode, on the
           same stream bytes as one file: peak memory of `cleantext clean
           --check FILE` and of the in-place `cleantext clean FILE` (a fresh
           copy each run), as a multiple of the input and, beside it, with
           the one-line file's peak in file mode taken off first
  cold     cold start of `cleantext clean --check` on one small clean file
  jobs     `-j 1` against `-j 2` rewriting 2,000 small damaged pages and 200
           files of 200 KB in place (fresh copies each run), in --repeat
           interleaved rounds (the order alternates), `--no-fsync` too on the
           small files; the wall speed-up is the median of each round's
           ratio, and a second speed-up from CPU times (the process's own
           plus half its workers') says what two idle cores would give, since
           wall time on a shared machine depends on its load (printed)
  jsonl    `cleantext clean --jsonl --field text` on 100 MB (-j 1 and -j 2)
           and 500 MB (-j 2; --jsonl-all: -j 1 too) of JSON Lines (--quick:
           20 and 100 MB), MB/s and peak memory; the inputs are written once into bench/.cache/throughput/
           (git-ignored; CLEANTEXT_BENCH_CACHE overrides) and deleted when the
           disk has less than 10 GB free
  ray      cleantext.raydata.run on a local Ray instance with 2 CPUs, 50 MB
           in 4 shards (--quick: 10 MB)

At the end a summary lists each "Done when" target of issue 13 that the run
measured, with its value and PASS or FAIL.
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
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
import spamgen  # noqa: E402

MB = 1_000_000

#: Figures the summary at the end reads (section name -> value).
FIG: dict[str, float] = {}


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


def prose_stream(mb: float, enc: str = "utf-8") -> bytes:
    """``mb`` MB of clean Chinese prose, each paragraph once, as one text.

    The sources of ``bench_clean_prose.py`` (People's Daily, 三国演义, the
    classics, the Chinese manuals of Debian packages: real text nobody here
    wrote), originals first, then their OpenCC ``s2tw``/``t2s`` forms, then
    ``s2t``, ``s2twp``, ``s2hk``; paragraphs the cleaning would set apart
    (man-page roff holding HTML entities) left out. Cleaning it as one text
    changes nothing (the benchmark checks: stream output == input). For GBK,
    only paragraphs GBK can encode.
    """
    import bench_clean_prose as prose

    order = {"": 0, "s2tw": 1, "t2s": 1, "s2t": 2, "s2twp": 3, "s2hk": 4}
    forms: list[tuple[int, list[str]]] = []
    for name, paras in prose.sources():
        kept, _damaged = prose.set_apart(name, paras)
        for key, ps, _script in prose.forms(name, kept):
            forms.append((order[key[len(name) :].lstrip("-")], ps))
    forms.sort(key=lambda f: f[0])
    seen: set[str] = set()
    out: list[bytes] = []
    total = 0
    for _, ps in forms:
        for p in ps:
            if p in seen:
                continue
            seen.add(p)
            try:
                b = p.encode(enc) + b"\n"
            except UnicodeEncodeError:
                continue
            out.append(b)
            total += len(b)
            if total >= mb * MB:
                return b"".join(out)
    return b"".join(out)


def write_tree(folder: Path, docs: list[bytes], per_dir: int = 500) -> None:
    for i, d in enumerate(docs):
        sub = folder / f"d{i // per_dir:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page{i:05d}.txt").write_bytes(d)


def authored_docs(mb: float) -> list[tuple[str, bytes]]:
    """Up to ``mb`` MB of bench/harmcorpus.py's real authored documents
    (fetched into its cache on first use), with their paths."""
    import harmcorpus

    out: list[tuple[str, bytes]] = []
    total = 0
    for _, name, data in harmcorpus.documents():
        if total >= mb * MB:
            break
        out.append((name.removesuffix(".gz"), data))  # (decompressed already)
        total += len(data)
    return out


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


# ftfy on one stream: the whole file decoded and fixed as one text.
FTFY_STREAM = r"""
import sys
import ftfy
sys.path.insert(0, sys.argv[3])
mode, path, enc = sys.argv[1], sys.argv[2], sys.argv[4]
with open(path, "rb") as fh:
    text = fh.read().decode(enc, "replace")
if mode == "safe":
    from cleantext.steps.mojibake import _ftfy_config
    ftfy.fix_text(text, _ftfy_config())
else:
    ftfy.fix_text(text)
"""


# The least a CPython line tool does with a stream: read it, decode it, look
# at every line once (a set of the lines, as a duplicate check needs), one
# regex scan over the text, encode and write it back. No cleaning at all: the
# ceiling any pure-Python cleaner can reach on the same bytes, printed beside
# cleantext so its figures read against what is possible, not only ftfy.
FLOOR_STREAM = r"""
import re, sys
enc = sys.argv[1]
text = sys.stdin.buffer.read().decode(enc)
lines = set(text.splitlines())
n = sum(1 for _ in re.finditer("[?？\ufffd&;；(（]", text))
sys.stdout.buffer.write(text.encode("utf-8"))
"""


def section_mbps(args: argparse.Namespace, tmp: Path) -> None:
    exe = cleantext_exe()
    sizes = (
        {"clean-zh": 5.0, "damaged": 5.0, "gbk": 2.0, "authored": 5.0}
        if args.quick
        else {"clean-zh": 50.0, "damaged": 50.0, "gbk": 10.0, "authored": 60.0}
    )
    if args.inputs:
        sizes = {k: v for k, v in sizes.items() if k in args.inputs.split(",")}
    print("\n== cleantext clean --check through the CLI, beside ftfy on the same text ==")
    print(
        f"{'input':<9} {'MB':>5} | {'cleantext wall':>14} {'cpu':>6} {'MB/s':>7} {'cpu MB/s':>8} "
        f"{'RSS MB':>7} | {'ftfy dflt cpu MB/s':>18} {'ratio':>6} | {'ftfy safe cpu MB/s':>18} {'ratio':>6}"
    )
    streams: dict[str, Path] = {}
    file_rows: list[FileMemory] = []
    for name, mb in sizes.items():
        folder = tmp / name
        if name == "authored":
            # Under their own names: a hook decides by them (HTML, code,
            # README); a folder row only, since many documents joined into
            # one stream are no document.
            named = authored_docs(mb)
            for path, d in named:
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                (folder / path).write_bytes(d)
            docs = [d for _, d in named]
        else:
            if name == "clean-zh":
                docs = take_mb(clean_pages, mb)
            elif name == "damaged":
                docs = take_mb(damaged_pages, mb)
            else:
                docs = take_mb(clean_pages, mb, "gbk")
            write_tree(folder, docs)
            streams[name] = tmp / f"stream-{name}.txt"
        size = sum(len(d) for d in docs) / MB
        if name == "damaged":
            streams[name].write_bytes(b"".join(docs))  # the same bytes, one stream
        elif name in streams:
            # Not the pages joined: they are overlapping runs of the 5.5 MB of
            # People's Daily, so as one text they repeat each paragraph about
            # nine times (dedupe then has real work). Distinct prose instead.
            streams[name].write_bytes(prose_stream(mb, enc="gbk" if name == "gbk" else "utf-8"))
        ct = repeat(lambda: run_process([exe, "clean", "--check", "-q", str(folder)]), args.repeat)
        enc = "gbk" if name == "gbk" else "utf-8"
        row = (
            f"{name:<9} {size:5.1f} | {ct.wall:13.2f}s {ct.cpu:5.2f}s {size / ct.wall:7.1f} "
            f"{size / ct.cpu:8.1f} {ct.rss_mb:7.0f} |"
        )
        FIG[f"{name}-cpu-mbps"] = size / ct.cpu
        FIG[f"{name}-wall-mbps"] = size / ct.wall
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
            FIG[f"{name}-ftfy-{mode}-ratio"] = ff.cpu / ct.cpu
        print(row + " " + " | ".join(cells))
        shutil.rmtree(folder)
    print(
        "  (ratio = ftfy CPU time / cleantext CPU time on the same bytes; MB/s = input MB / time)"
    )

    print(
        "\n== one stream, stdin to stdout (`cleantext clean < in > out`), beside ftfy on the "
        "same bytes as one text =="
    )
    small = tmp / "small.txt"
    small.write_text("一段干净的中文文本。\n", encoding="utf-8")
    base = repeat(lambda: run_process([exe, "clean"], stdin=small), 3)
    FIG["baseline-rss"] = base.rss_mb
    print(
        f"{'input':<14} {'MB':>5} | {'wall':>6} {'cpu':>6} {'MB/s':>6} {'cpu MB/s':>8} "
        f"{'RSS MB':>6} {'x input':>7} | {'ftfy dflt cpu MB/s':>18} {'ratio':>6} | "
        f"{'ftfy safe cpu MB/s':>18} {'ratio':>6}"
    )
    for name, path in streams.items():
        enc = "gbk" if name == "gbk" else "utf-8"
        size = path.stat().st_size / MB
        variants: list[tuple[str, list[str]]] = [(name, [])]
        if name == "gbk":
            variants.append(("gbk --encoding", ["--encoding", "gbk"]))
        ftfy_cpu: dict[str, float] = {}
        for label, flags in variants:
            out = tmp / "stream-out.txt"
            ct = repeat(
                lambda: run_process([exe, "clean", *flags], stdin=path, stdout=out), args.repeat
            )
            # The output is UTF-8 (the CLI writes UTF-8 to a pipe): same text?
            same = out.exists() and out.read_bytes() == path.read_bytes().decode(enc).encode()
            out.unlink(missing_ok=True)
            if name != "damaged" and not same:
                print(f"  NOTE: {label}: the output differs from the input (clean text changed)")
            key = "stream-" + label.replace(" --encoding", "-enc")
            FIG[f"{key}-cpu-mbps"] = size / ct.cpu
            FIG[f"{key}-wall-mbps"] = size / ct.wall
            FIG[f"{key}-peak-x"] = ct.rss_mb / size
            row = (
                f"{label:<14} {size:5.1f} | {ct.wall:5.2f}s {ct.cpu:5.2f}s {size / ct.wall:6.1f} "
                f"{size / ct.cpu:8.1f} {ct.rss_mb:6.0f} {ct.rss_mb / size:6.1f}x |"
            )
            if args.no_ftfy:
                print(row)
                continue
            if not ftfy_cpu:  # ftfy runs once per input, not per flag
                for mode in ("default", "safe"):
                    ff = repeat(
                        lambda: run_process(
                            [sys.executable, "-c", FTFY_STREAM, mode, str(path), str(ROOT), enc]
                        ),
                        max(1, min(args.repeat, 2)),
                    )
                    ftfy_cpu[mode] = ff.cpu
            cells = []
            for mode in ("default", "safe"):
                ratio = ftfy_cpu[mode] / ct.cpu
                FIG[f"{key}-ftfy-{mode}-ratio"] = ratio
                cells.append(f"{size / ftfy_cpu[mode]:18.1f} {ratio:5.1f}x")
            print(row + " " + " | ".join(cells))
        if name != "damaged":
            floor = repeat(
                lambda: run_process(
                    [sys.executable, "-c", FLOOR_STREAM, enc], stdin=path, stdout=tmp / "floor.txt"
                ),
                args.repeat,
            )
            (tmp / "floor.txt").unlink(missing_ok=True)
            FIG[f"floor-{name}-cpu-mbps"] = size / floor.cpu
            cell = ""
            if "default" in ftfy_cpu:
                FIG[f"floor-{name}-ftfy-default-ratio"] = ftfy_cpu["default"] / floor.cpu
                cell = f" = {ftfy_cpu['default'] / floor.cpu:.1f}x ftfy default"
            print(
                f"{'  floor':<14} {size:5.1f} | {floor.wall:5.2f}s {floor.cpu:5.2f}s "
                f"{size / floor.wall:6.1f} {size / floor.cpu:8.1f} {floor.rss_mb:6.0f} "
                f"{floor.rss_mb / size:6.1f}x |{cell}"
            )
        file_rows.append(file_memory(args, exe, name, path, tmp))
        path.unlink()
    print(
        "  (floor: a Python process that only reads, decodes, makes a set of the lines, runs "
        "one regex and writes the text back, on the same bytes: no cleaning tool in CPython "
        "gets past it)"
    )
    print(
        f"  (baseline: a one-line file peaks at {base.rss_mb:.0f} MB; RSS is the largest peak "
        "resident set of the runs, x input = RSS / input MB)"
    )
    print_file_memory(file_rows, small, exe, args)


@dataclass
class FileMemory:
    name: str
    mb: float
    check: Run
    in_place: Run


def file_memory(args: argparse.Namespace, exe: str, name: str, path: Path, tmp: Path) -> FileMemory:
    """Peak memory of `clean --check FILE` and of `clean FILE` (in place, on
    a fresh copy each run) on the bytes of ``path``."""
    work = tmp / f"file-{name}.txt"

    def fresh() -> None:
        shutil.copyfile(path, work)

    check = repeat(
        lambda: run_process([exe, "clean", "--check", "-q", str(work)]), args.repeat, fresh
    )
    in_place = repeat(lambda: run_process([exe, "clean", "-q", str(work)]), args.repeat, fresh)
    work.unlink(missing_ok=True)
    return FileMemory(name, path.stat().st_size / MB, check, in_place)


def print_file_memory(
    rows: list[FileMemory], small: Path, exe: str, args: argparse.Namespace
) -> None:
    base = repeat(lambda: run_process([exe, "clean", "--check", "-q", str(small)]), 3)
    FIG["file-baseline-rss"] = base.rss_mb
    print(
        "\n== file mode: peak memory of `cleantext clean --check FILE` and of the in-place "
        "`cleantext clean FILE`, on the stream bytes as one file =="
    )
    print(
        f"{'input':<9} {'MB':>5} | {'mode':<8} {'RSS MB':>7} {'x input':>8} | "
        f"{'RSS - baseline':>14} {'x input':>8} | {'cpu':>6}"
    )
    for r in rows:
        for mode, run in (("check", r.check), ("in place", r.in_place)):
            over = max(0.0, run.rss_mb - base.rss_mb)
            key = "file-" + r.name + "-" + mode.replace(" ", "-")
            FIG[f"{key}-peak-x"] = run.rss_mb / r.mb
            FIG[f"{key}-over-x"] = over / r.mb
            print(
                f"{r.name:<9} {r.mb:5.1f} | {mode:<8} {run.rss_mb:7.0f} {run.rss_mb / r.mb:7.1f}x | "
                f"{over:14.0f} {over / r.mb:7.1f}x | {run.cpu:5.2f}s"
            )
    print(
        f"  (baseline: `clean --check` of a one-line file peaks at {base.rss_mb:.0f} MB; "
        "RSS - baseline leaves out what any run holds: the interpreter, the modules, "
        "the tables)"
    )


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
    FIG["cold-s"] = r.wall
    print(
        f"\n== cold start of `cleantext clean --check small.txt`: {r.wall * 1000:.0f} ms wall, "
        f"{r.cpu * 1000:.0f} ms CPU (median of 10, with bytecode) =="
    )


# `cleantext` run in this very way (the console script is `cleantext.cli:main`),
# with the CPU time of the process itself and of its workers written apart:
# a -j 2 run on an idle machine takes about the parent's own CPU time plus
# half its workers' (they split the files evenly), which gives a speed-up
# estimate that does not depend on how busy the machine was.
CLI_SPLIT = r"""
import atexit, os, resource, sys
pid = os.getpid()
def _usage():
    if os.getpid() == pid:
        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(os.environ["BENCH_RUSAGE"], "w") as fh:
            fh.write(f"{s.ru_utime + s.ru_stime} {c.ru_utime + c.ru_stime}")
atexit.register(_usage)
sys.argv[0] = "cleantext"
from cleantext.cli import main
sys.exit(main())
"""


@dataclass
class JobsRun:
    run: Run
    own_cpu: float  # the cleantext process itself
    workers_cpu: float  # its worker processes, together
    load: float  # 1-minute load average just before the run
    others: float  # share of all CPUs that other processes used during the run


def busy_seconds() -> float | None:
    """CPU seconds all processes of the machine have used since boot (Linux)."""
    try:
        with open("/proc/stat") as fh:
            fields = fh.readline().split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_split(args: Sequence[str], tmp: Path) -> JobsRun:
    usage = tmp / "rusage.txt"
    load = os.getloadavg()[0]
    os.environ["BENCH_RUSAGE"] = str(usage)
    busy0 = busy_seconds()
    try:
        r = run_process([sys.executable, "-c", CLI_SPLIT, *args])
    finally:
        del os.environ["BENCH_RUSAGE"]
    busy1 = busy_seconds()
    own, workers = (float(x) for x in usage.read_text().split())
    others = 0.0
    if busy0 is not None and busy1 is not None:
        others = max(0.0, (busy1 - busy0 - r.cpu) / (r.wall * (os.cpu_count() or 1)))
    return JobsRun(r, own, workers, load, others)


def jobs_inputs(args: argparse.Namespace) -> list[tuple[str, list[bytes]]]:
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
    sets = [(f"{n_small} small", small), (f"{n_big} x 200 KB", big)]
    return sets[1:] if args.big_only else sets


def section_jobs(args: argparse.Namespace, tmp: Path) -> None:
    print(
        "\n== many files rewritten in place: -j 1 against -j 2, interleaved rounds "
        "(fresh copies each run) =="
    )
    rounds = max(1, args.repeat)
    for label, docs in jobs_inputs(args):
        big = "200 KB" in label
        src = tmp / "src"
        write_tree(src, docs)
        work = tmp / "work"
        size = sum(len(d) for d in docs) / MB
        # --no-fsync matters for many small files; on 200 large ones the time
        # is all cleaning, so only -j 1 and -j 2 are timed there.
        variants = [["-j", "1"], ["-j", "2"]]
        if not big and not args.big_only:
            variants += [["-j", "1", "--no-fsync"], ["-j", "2", "--no-fsync"]]
        runs: dict[str, list[JobsRun]] = {" ".join(v): [] for v in variants}
        for k in range(rounds):
            # Alternate the order so that a load that rises or falls during a
            # round does not favour one variant.
            for flags in variants if k % 2 == 0 else variants[::-1]:
                shutil.rmtree(work, ignore_errors=True)
                shutil.copytree(src, work)
                runs[" ".join(flags)].append(run_split(["clean", "-q", *flags, str(work)], tmp))
        shutil.rmtree(src)
        shutil.rmtree(work, ignore_errors=True)
        loads = [r.load for rs in runs.values() for r in rs]
        print(
            f"{label}, {size:.1f} MB, {rounds} round(s), load average {min(loads):.1f}-"
            f"{max(loads):.1f} before the runs:"
        )
        print(
            f"  {'flags':<15} {'wall s':>7} {'cpu s':>7} {'own cpu':>7} {'workers':>7} "
            f"{'files/s':>8} {'others':>6} {'speed-up wall':>13} {'speed-up cpu':>12}"
        )
        for flag, rs in runs.items():
            wall = statistics.median(r.run.wall for r in rs)
            cpu = statistics.median(r.run.cpu for r in rs)
            own = statistics.median(r.own_cpu for r in rs)
            workers = statistics.median(r.workers_cpu for r in rs)
            ones = runs["-j 1"]
            # Paired: each round's -j 1 against the same round's run.
            up_wall = statistics.median(a.run.wall / b.run.wall for a, b in zip(ones, rs))
            one_cpu = statistics.median(a.run.cpu for a in ones)
            # On an idle 2-core machine: the parent's own CPU plus half the workers'.
            idle = own + workers / 2 if workers > 0 else cpu
            up_cpu = one_cpu / idle
            others = statistics.median(r.others for r in rs)
            print(
                f"  {flag:<15} {wall:7.2f} {cpu:7.2f} {own:7.2f} {workers:7.2f} "
                f"{len(docs) / wall:8.0f} {others:6.0%} {up_wall:12.2f}x {up_cpu:11.2f}x"
            )
            if flag == "-j 2":
                key = "big" if big else "small"
                FIG[f"jobs-{key}-wall-x"] = up_wall
                FIG[f"jobs-{key}-cpu-x"] = up_cpu
                FIG[f"jobs-{key}-load"] = statistics.median(loads)
                FIG[f"jobs-{key}-others"] = others
                FIG[f"jobs-{key}-files"] = len(docs)
    print(
        "  (speed-up wall = median over rounds of that round's -j 1 wall time / this one's;\n"
        "   speed-up cpu = CPU time of -j 1 / (own CPU + workers' CPU / 2): what two idle\n"
        "   cores would give, whatever else the machine was running; own = the cleantext\n"
        "   process, workers = its worker processes together; others = the share of all\n"
        "   CPUs other processes used meanwhile, from /proc/stat: well above 0% the wall\n"
        "   speed-up measures the machine's load more than cleantext)"
    )


# -- corpus mode --------------------------------------------------------------------------

#: Bump when the records written by write_jsonl change: cached inputs are
#: named by it, so an old file is not measured as a new one.
JSONL_VERSION = 2


def jsonl_cache() -> Path:
    """Where generated JSON Lines inputs are kept between runs (git-ignored):
    ``CLEANTEXT_BENCH_CACHE``, else ``bench/.cache/throughput``."""
    base = os.environ.get("CLEANTEXT_BENCH_CACHE")
    folder = Path(base) if base else ROOT / "bench" / ".cache" / "throughput"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_jsonl(path: Path, mb: float) -> float:
    """Records of pages, four clean to one damaged, with id and url fields.

    Each distinct text is JSON-encoded once, so 500 MB take seconds."""
    clean = [json.dumps(t, ensure_ascii=False) for t in clean_pages(3000, 21)]
    damaged = [json.dumps(t, ensure_ascii=False) for t in damaged_pages(600, 22)]
    rng = random.Random(5)
    total = 0
    i = 0
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb", buffering=1 << 20) as fh:
        while total < mb * MB:
            text = damaged[i % len(damaged)] if i % 5 == 4 else clean[i % len(clean)]
            url = f"https://example.com/{rng.randrange(10**9)}"
            line = f'{{"id": {i}, "url": "{url}", "text": {text}}}\n'.encode()
            fh.write(line)
            total += len(line)
            i += 1
    os.replace(tmp, path)  # another run may be writing the same file: whole files only
    return total / MB


def cached_jsonl(mb: int) -> tuple[Path, float]:
    path = jsonl_cache() / f"corpus-v{JSONL_VERSION}-{mb}mb.jsonl"
    if not path.exists():
        print(f"  (writing {mb} MB of JSON Lines into {path}, once)")
        write_jsonl(path, mb)
    return path, path.stat().st_size / MB


def section_jsonl(args: argparse.Namespace, tmp: Path) -> None:
    exe = cleantext_exe()
    sizes = (20, 100) if args.quick else (100, 500)
    print(
        "\n== corpus mode: cleantext clean --jsonl --field text -j N < in.jsonl > out.jsonl "
        "(4 clean pages to 1 damaged) =="
    )
    print(
        f"  {'MB':>6} {'-j':>3} {'wall s':>7} {'MB/s':>6} {'cpu s':>7} {'cpu MB/s':>8} "
        f"{'peak RSS MB':>11} {'load':>5}"
    )
    made: list[Path] = []
    for mb in sizes:
        path, size = cached_jsonl(mb)
        made.append(path)
        # The largest input at -j 2 only unless --jsonl-all (-j 1 there takes
        # minutes); memory is compared between sizes at the same -j.
        for jobs in ("1", "2") if mb != sizes[-1] or args.jsonl_all else ("2",):
            load = os.getloadavg()[0]
            r = run_process(
                [exe, "clean", "--jsonl", "--field", "text", "-j", jobs],
                stdin=path,
                stdout=tmp / "out.jsonl",
            )
            (tmp / "out.jsonl").unlink(missing_ok=True)
            FIG[f"jsonl-{mb}-j{jobs}-rss"] = r.rss_mb
            FIG[f"jsonl-{mb}-j{jobs}-mbps"] = size / r.wall
            print(
                f"  {size:6.0f} {jobs:>3} {r.wall:7.1f} {size / r.wall:6.1f} {r.cpu:7.1f} "
                f"{size / r.cpu:8.1f} {r.rss_mb:11.0f} {load:5.1f}"
            )
    print("  (peak RSS: the largest process, the parent or one worker; one run each)")
    free = shutil.disk_usage(jsonl_cache()).free
    if free < 10 * 1000 * MB:  # a full disk helps nobody: generate again next time
        for path in made:
            path.unlink(missing_ok=True)
        print(f"  (cached inputs deleted: {free / 1000 / MB:.1f} GB free)")


RAY_SCRIPT = r"""
import sys, time
sys.path.insert(0, sys.argv[3])
t0 = time.perf_counter()
import ray
ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
from cleantext import raydata
t1 = time.perf_counter()
raydata.run(sys.argv[1], sys.argv[2], field="text")
t2 = time.perf_counter()
ray.shutdown()
print(t1 - t0, t2 - t1)
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
    start, secs = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
    FIG["ray-mbps"] = size / secs
    print(
        f"\n== Ray Data, local instance, 2 CPUs: {size:.0f} MB of JSON Lines (4 shards) in "
        f"{secs:.1f} s = {size / secs:.1f} MB/s (read, clean, write; Ray start-up, "
        f"{start:.1f} s, not counted) =="
    )
    shutil.rmtree(shards)
    shutil.rmtree(tmp / "ray-out", ignore_errors=True)


def peak_figures(prefix: str) -> dict[str, float]:
    """The peak-memory multiples of the rows named ``prefix``…``-peak-x``,
    by input name."""
    return {
        k[len(prefix) : -len("-peak-x")]: v
        for k, v in FIG.items()
        if k.startswith(prefix) and k.endswith("-peak-x")
    }


def summary(t0: float, load0: float) -> None:
    """Each Done-when target of issue 13 that this run measured: PASS or FAIL."""

    def row(target: str, value: str, ok: bool | None) -> None:
        verdict = "n/a" if ok is None else "PASS" if ok else "FAIL"
        print(f"  {verdict:<4}  {target:<52} {value}")

    def get(key: str) -> float | None:
        return FIG.get(key)

    print("\n== summary: issue 13 Done-when targets measured in this run ==")
    # The same targets for the folder of pages (one file per page) and for
    # the same bytes as one stream through stdin, labelled.
    for label, pre in (("folder", ""), ("stream", "stream-")):
        if (v := get(f"{pre}clean-zh-ftfy-default-ratio")) is not None:
            row(f"{label}: clean Chinese >= 30x ftfy default (CPU)", f"{v:.1f}x", v >= 30)
        if (v := get(f"{pre}clean-zh-cpu-mbps")) is not None:
            row(f"{label}: clean Chinese >= 100 MB/s of CPU", f"{v:.1f} MB/s", v >= 100)
        if (v := get(f"{pre}damaged-ftfy-default-ratio")) is not None:
            row(f"{label}: damaged pages >= 10x ftfy default (CPU)", f"{v:.1f}x", v >= 10)
        for gbk, what in (("gbk", "GBK"), ("gbk-enc", "GBK --encoding gbk")):
            if (v := get(f"{pre}{gbk}-cpu-mbps")) is not None:
                wall = get(f"{pre}{gbk}-wall-mbps") or 0.0
                row(
                    f"{label}: {what} >= 20 MB/s (CPU)",
                    f"{v:.1f} MB/s CPU, {wall:.1f} MB/s wall",
                    v >= 20,
                )
    if (v := get("authored-cpu-mbps")) is not None:
        r = get("authored-ftfy-default-ratio")
        rs = f" = {r:.1f}x ftfy default" if r is not None else ""
        row("folder: real authored documents (no target)", f"{v:.1f} MB/s CPU{rs}", None)
    for name in ("clean-zh", "gbk"):
        if (v := get(f"floor-{name}-cpu-mbps")) is not None:
            r = get(f"floor-{name}-ftfy-default-ratio")
            rs = f" = {r:.1f}x ftfy default" if r is not None else ""
            row(f"floor (no cleaning at all) on the {name} stream", f"{v:.1f} MB/s CPU{rs}", None)
    peaks = peak_figures("stream-")
    if peaks:
        worst = max(peaks, key=lambda k: peaks[k])
        base = get("baseline-rss") or 0.0
        row(
            "stream: peak memory <= 5x input (stdin to stdout)",
            f"{peaks[worst]:.1f}x ({worst}, the largest; baseline {base:.0f} MB)",
            peaks[worst] <= 5,
        )
    files = peak_figures("file-")
    if files:
        # The verdict is on the stricter figure, the whole peak over the
        # input; the figure with the baseline taken off is shown beside it.
        worst = max(files, key=lambda k: files[k])
        over = get(f"file-{worst}-over-x") or 0.0
        base = get("file-baseline-rss") or 0.0
        row(
            "file: peak memory <= 5x input (--check, in place)",
            f"{files[worst]:.1f}x ({worst}, the largest; judged on the whole peak RSS; "
            f"{over:.1f}x with the {base:.0f} MB baseline taken off)",
            files[worst] <= 5,
        )
    sizes = sorted({int(k.split("-")[1]) for k in FIG if k.startswith("jsonl-")})
    for jobs in ("1", "2"):
        lo, hi = sizes[0] if sizes else 0, sizes[-1] if sizes else 0
        a, b = get(f"jsonl-{lo}-j{jobs}-rss"), get(f"jsonl-{hi}-j{jobs}-rss")
        if a is not None and b is not None and lo != hi:
            row(
                f"JSONL memory flat {lo} -> {hi} MB (-j {jobs}; <= +10%)",
                f"{a:.0f} -> {b:.0f} MB peak RSS",
                b <= a * 1.1 + 5,
            )
    if (v := get("jobs-big-wall-x")) is not None:
        n = int(get("jobs-big-files") or 0)
        cpu = get("jobs-big-cpu-x") or 0.0
        load = get("jobs-big-load") or 0.0
        others = get("jobs-big-others") or 0.0
        row(
            f"-j 2 >= 1.7x -j 1 on {n} files of 200 KB",
            f"{v:.2f}x wall (load {load:.1f}, others {others:.0%} of the CPUs), "
            f"{cpu:.2f}x from CPU times",
            v >= 1.7,
        )
    if (v := get("jobs-small-wall-x")) is not None:
        cpu = get("jobs-small-cpu-x") or 0.0
        row("-j 2 against -j 1 on the small files", f"{v:.2f}x wall, {cpu:.2f}x CPU", None)
    if (v := get("cold-s")) is not None:
        row("cold start of clean --check <= 0.25 s (wall)", f"{v:.3f} s", v <= 0.25)
    if (v := get("ray-mbps")) is not None:
        row("Ray local (2 CPUs) MB/s (no target)", f"{v:.1f} MB/s", None)
    print(
        f"  (load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
        f"whole run {time.perf_counter() - t0:.0f} s. Targets not listed were not run.)"
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
        "--jsonl-all",
        action="store_true",
        help="jsonl: the largest size at -j 1 too (default: -j 2 only there)",
    )
    ap.add_argument(
        "--inputs",
        default="",
        help="mbps: the inputs to measure, of clean-zh,damaged,gbk,authored (default: all)",
    )
    ap.add_argument(
        "--big-only", action="store_true", help="jobs: only 200 x 200 KB, -j 1 and -j 2"
    )
    args = ap.parse_args()
    import cleantext

    print(
        f"cleantext {cleantext.__version__}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    t0, load0 = time.perf_counter(), os.getloadavg()[0]
    skip = set(filter(None, args.skip.split(",")))
    only = set(filter(None, args.only.split(","))) or set(SECTIONS)
    with tempfile.TemporaryDirectory(prefix="cleantext-bench-") as d:
        for name, fn in SECTIONS.items():
            if name in only and name not in skip:
                fn(args, Path(d))
    summary(t0, load0)


if __name__ == "__main__":
    main()
