"""Benchmark the spam, dedupe and boilerplate steps on labelled real text.

Bodies are real prose from ``corpus.documents`` (People's Daily 1998, book
reviews and the peer blog/feed files; Traditional from the Big5 peer files
and OpenCC-converted People's Daily). Spam lines come from ``spamgen.py``
(its own vocabulary, several styles and separators). Duplicates are whole
articles repeated under a varied header (breadcrumb without its prefix,
date/source line reordered) and runs of consecutive paragraphs. Hard
negatives: titles without punctuation, bylines, date/source lines, tag lines,
section headings, repeated （完）, list items, table rows, refrains and
fenced code (lines of CPython's own ``textwrap.py``).

Precision, recall and the false-positive rate are counted on non-blank
lines. Dedupe outcomes are counted three ways: restored exactly, reported
and kept (issue 9 point 3: only a whole second copy and, on a scraped page,
runs of long paragraphs are removed; a run with short lines in a document
with no other evidence of a scraped page is reported), and missed. Run:
``python bench/bench_spam_dedupe.py [--quick] [--dedupe]``.
"""

from __future__ import annotations

import inspect
import random
import statistics
import sys
import textwrap
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import documents
from spamgen import STYLES, nav_word, spam_line

from cleantext.steps import Context
from cleantext.steps.boilerplate import remove_boilerplate
from cleantext.steps.dedupe import remove_duplicates
from cleantext.steps.spam import remove_spam

QUICK = "--quick" in sys.argv
#: ``--dedupe``: only the dedupe section (the restored/reported table).
ONLY_DEDUPE = "--dedupe" in sys.argv
N_DOCS = 150 if QUICK else 600
#: The rules were tuned while reading the misses of --quick runs (and of full
#: runs with shifts 1000 and 2000); a full run draws other documents and other
#: spam (seeds shifted again), a held-out check.
SEED_SHIFT = 0 if QUICK else 3000
CTX = Context()


def removed(findings: list) -> set[int]:
    """0-based indices of lines the findings removed."""
    out: set[int] = set()
    for f in findings:
        if f.fixed and f.removes_lines:
            out.update(range(f.line - 1, f.end_line))
    return out


def reported(findings: list) -> set[int]:
    return {f.line - 1 for f in findings if not f.fixed}


def body_lines(doc: str, rng: random.Random) -> list[str]:
    """A corpus document as lines, with blank or NBSP lines between paragraphs half the time."""
    paras = [p for p in doc.split("\n") if p.strip()]
    sep = rng.choice([None, "", "\xa0"])
    out: list[str] = []
    for p in paras:
        if out and sep is not None:
            out.append(sep)
        out.append(p)
    return out


def cut(rng: random.Random, text: str, lo: int, hi: int) -> str:
    """A real piece of ``text`` with its punctuation dropped (a title or heading)."""
    han = "".join(c for c in text if c.isalnum())
    if len(han) <= lo:
        return han
    n = rng.randint(lo, min(hi, len(han)))
    i = rng.randrange(0, len(han) - n + 1)
    return han[i : i + n]


def legit_header(rng: random.Random, body: list[str], lang: str) -> list[str]:
    """Hard-negative head lines: title, byline, date/source, tag line."""
    text = "".join(body)
    src = "来源：" if lang == "zh-hans" else "來源："
    lines = [cut(rng, text, 8, 20)]
    if rng.random() < 0.5:
        lines.append(("本报记者 " if lang == "zh-hans" else "本報記者 ") + cut(rng, text, 2, 3))
    if rng.random() < 0.7:
        date = f"{rng.randint(1998, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(
            rng.choice(
                [f"{src}{cut(rng, text, 3, 5)} {date}", f"{date} {src}{cut(rng, text, 3, 5)}"]
            )
        )
    if rng.random() < 0.5:
        words = [cut(rng, text, 2, 2) for _ in range(3)]
        lines.append(rng.choice(["关键词：", "關鍵詞：", "标签：", "Tags: "]) + " ".join(words))
    return lines


# --- spam --------------------------------------------------------------------


def spam_cases(lang: str, seed: int) -> list[tuple[str, str, list[str], set[int]]]:
    """(style, position, lines, spam line indices)."""
    rng = random.Random(seed)
    cases = []
    docs = documents(lang, N_DOCS, n_paragraphs=(3, 12), seed=seed)
    for d, doc in enumerate(docs):
        body = body_lines(doc, rng)
        header = legit_header(rng, body, lang) if rng.random() < 0.6 else []
        if header:
            header = [x for h in header for x in (h, "")]
        style = STYLES[d % len(STYLES)]
        position = rng.choices(["head", "tail", "both", "middle"], [0.55, 0.2, 0.15, 0.1])[0]
        block: list[str] = []
        marks: list[bool] = []
        for _ in range(rng.randint(1, 3)):
            block.append(spam_line(rng, style)[0])
            marks.append(True)
            if rng.random() < 0.5:
                block.append("")
                marks.append(False)
        if rng.random() < 0.35:
            block += ["", nav_word(rng), ""]
            marks += [False, True, False]
        lines: list[str] = []
        spam: set[int] = set()

        def add(xs: list[str], ms: list[bool] | None = None) -> None:
            for i, x in enumerate(xs):
                if ms and ms[i]:
                    spam.add(len(lines))
                lines.append(x)

        if position in ("head", "both"):
            add(block, marks)
        add(header)
        if position == "middle":
            mid = len(body) // 2
            add(body[:mid])
            add([""])
            add([spam_line(rng, style)[0]], [True])
            add([""])
            add(body[mid:])
        else:
            add(body)
        if position in ("tail", "both"):
            tail = [spam_line(rng, style)[0] for _ in range(rng.randint(1, 2))]
            add([""])
            add(tail, [True] * len(tail))
        cases.append((style, position, lines, spam))
    return cases


def score_spam() -> None:
    print("## spam step: injected spam lines (line level, non-blank lines)\n")
    from cleantext.spamlex import NAV_WORDS, lexicon

    lex = lexicon()
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])
    mid = [0, 0, 0]  # removed, reported, missed
    for lang, seed in (("zh-hans", 11), ("zh-hant", 12)):
        for style, position, lines, spam in spam_cases(lang, seed + SEED_SHIFT):
            text = "\n".join(lines) + "\n"
            _, findings = remove_spam(text, CTX)
            gone, rep = removed(findings), reported(findings)
            nonblank = {i for i, x in enumerate(lines) if x.strip()}
            if position == "middle":
                [m] = [i for i in spam]
                mid[0 if m in gone else 1 if m in rep else 2] += 1
                spam_edge: set[int] = set()
                gone -= {m}
            else:
                spam_edge = spam
            tp = len(gone & spam_edge & nonblank)
            fp = len((gone & nonblank) - spam)
            fn = len(spam_edge - gone)
            negs = len(nonblank - spam)
            missed = spam_edge - gone
            nav = sum(1 for i in missed if lines[i].strip().casefold() in NAV_WORDS)
            no_term = sum(
                1
                for i in missed
                if lines[i].strip().casefold() not in NAV_WORDS and not lex.find(lines[i])
            )
            for key in ((lang, style), ("all", style), (lang, "all"), ("all", "all")):
                r = rows[key]
                r[0] += tp
                r[1] += fp
                r[2] += fn
                r[3] += negs
                r[4] += 1
                r[5] += no_term
                r[6] += nav
    print(
        "| language | style | docs | spam lines | precision | recall | FP rate (kept lines) "
        "| missed: no lexicon term / nav word of a kept line / other | recall on lines with a term |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---|---:|")
    for (lang, style), (tp, fp, fn, negs, docs, no_term, nav) in sorted(
        rows.items(), key=lambda kv: (kv[0][0] != "all", kv[0])
    ):
        if lang != "all" and style != "all":
            continue
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        with_term = tp + fn - no_term - nav
        rec_t = tp / with_term if with_term else 1.0
        print(
            f"| {lang} | {style} | {docs} | {tp + fn} | {prec:.2%} | {rec:.2%} | {fp / negs:.4%} ({fp}/{negs}) "
            f"| {no_term} / {nav} / {fn - no_term - nav} | {rec_t:.2%} |"
        )
    print(
        f"\nMid-document spam lines ({sum(mid)}): removed {mid[0]}, reported (kept) {mid[1]}, "
        f"missed {mid[2]} (the spec: report, remove only with high confidence)\n"
    )


# --- hard negatives and clean text -----------------------------------------------


def code_lines() -> list[str]:
    src = inspect.getsource(textwrap).split("\n")
    return [x for x in src[40:400] if x.strip()]


def hard_negative_docs(lang: str, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    docs = documents(lang, N_DOCS // 3, n_paragraphs=(4, 10), seed=seed)
    code = code_lines()
    out = []
    for d, doc in enumerate(docs):
        body = [p for p in doc.split("\n") if p.strip()]
        text = "".join(body)
        kind = ["header", "end-marks", "lists", "table", "refrain", "code", "headings"][d % 7]
        if kind == "header":
            lines = [x for h in legit_header(rng, body, lang) for x in (h, "")] + body
        elif kind == "end-marks":
            lines = []
            for i in range(0, len(body), 2):
                lines += body[i : i + 2] + ["（完）", ""]
        elif kind == "lists":
            items = [f"- {cut(rng, text, 2, 8)}" for _ in range(rng.randint(2, 4))]
            lines = body[:2] + items + [""] + body[2:4] + items + [""] + body[4:]
        elif kind == "table":
            rows = [
                f"| {cut(rng, text, 2, 6)} | {rng.randint(1, 999)} | {cut(rng, text, 4, 20)} |"
                for _ in range(3)
            ]
            lines = (
                body[:2]
                + ["| 项目 | 数量 | 说明 |", "|---|---|---|"]
                + rows
                + rows
                + [""]
                + body[2:]
            )
        elif kind == "refrain":
            refrain = [cut(rng, text, 5, 12) for _ in range(rng.randint(2, 4))]
            lines = []
            for p in body:
                lines += [p, ""] + refrain + [""]
        elif kind == "code":
            i = rng.randrange(0, len(code) - 8)
            block = ["```python", *code[i : i + rng.randint(3, 8)], "```"]
            lines = body[:2] + [""] + block + [""] + body[2:4] + [""] + block + [""] + body[4:]
        else:
            lines = []
            for i, p in enumerate(body):
                if i % 2 == 0:
                    lines.append(f"{'一二三四五六七八九十'[i // 2 % 10]}、{cut(rng, text, 4, 12)}")
                lines.append(p)
        out.append((kind, "\n".join(lines) + "\n"))
    return out


def term_docs(lang: str, seed: int) -> list[str]:
    """Real paragraphs that use spam-lexicon terms (news on fake invoices,
    gambling, pornography crackdowns; reviews...), put first or last in a
    real document, or cut into a title line over an article that starts with
    that paragraph: the hardest negatives."""
    from corpus import paragraphs

    from cleantext.spamlex import lexicon

    rng = random.Random(seed)
    lex = lexicon()
    with_terms = [p for p in paragraphs(lang) if lex.find(p)]
    docs = documents(lang, len(with_terms), n_paragraphs=(3, 8), seed=seed + 7)
    out = []
    for p, doc in zip(with_terms, docs):
        body = body_lines(doc, rng)
        hit = lex.find(p)[0]
        title = p[max(0, hit.start - rng.randint(2, 8)) : hit.end + rng.randint(2, 8)]
        title = "".join(c for c in title if c.isalnum())
        where = rng.choice(["head", "tail", "title"])
        if where == "head":
            lines = [p, ""] + body
        elif where == "tail":
            lines = body + ["", p]
        else:  # a title over its own article, which starts with the paragraph
            lines = [title, "", p] + body
        out.append("\n".join(lines) + "\n")
    return out


def score_negatives() -> None:
    print("## Hard negatives and clean text: lines removed (must be 0)\n")
    print(
        "| set | language | docs | non-blank lines | spam removed | spam reported | dedupe removed | dedupe reported |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for lang, seed in (("zh-hans", 21), ("zh-hant", 22)):
        seed += SEED_SHIFT
        sets: dict[str, list[str]] = defaultdict(list)
        for kind, text in hard_negative_docs(lang, seed):
            sets[kind].append(text)
        sets["real lines with spam terms"] = term_docs(lang, seed)
        sets["clean documents"] = [
            "\n".join(body_lines(doc, random.Random(i))) + "\n"
            for i, doc in enumerate(documents(lang, N_DOCS, seed=seed + 100))
        ]
        for kind, texts in sets.items():
            lines = sr = sp = dr = dp = 0
            for text in texts:
                lines += sum(1 for x in text.split("\n") if x.strip())
                _, f = remove_spam(text, CTX)
                sr += len(removed(f))
                sp += len(reported(f))
                _, f = remove_duplicates(text, CTX)
                dr += len(removed(f))
                dp += len(reported(f))
            print(f"| {kind} | {lang} | {len(texts)} | {lines} | {sr} | {sp} | {dr} | {dp} |")
    print()


# --- dedupe ------------------------------------------------------------------------


def dedupe_cases(lang: str, seed: int) -> list[tuple[str, str, str, set[int]]]:
    """(kind, input, expected output, 0-based indices of the planted copy's lines)."""
    rng = random.Random(seed)
    out = []
    docs = documents(lang, N_DOCS, n_paragraphs=(3, 12), seed=seed)
    hans = lang == "zh-hans"
    for d, doc in enumerate(docs):
        body = body_lines(doc, rng)
        kind = ["whole-varied-header", "whole-exact", "paragraph-run", "three-copies"][d % 4]
        text = "".join(body)
        if kind == "whole-varied-header":
            crumb = (
                ["首页", "新闻中心", cut(rng, text, 2, 4) + "新闻"]
                if hans
                else ["首頁", "新聞中心", cut(rng, text, 2, 4) + "新聞"]
            )
            src, when = (
                cut(rng, text, 3, 5),
                f"{rng.randint(1998, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            )
            title = cut(rng, text, 8, 20)
            lab = ("当前位置：", "来源：", "日期：") if hans else ("當前位置：", "來源：", "日期：")
            h1 = [lab[0] + " > ".join(crumb), "", title, "", f"{lab[1]}{src} {lab[2]}{when}", ""]
            h2 = [" > ".join(crumb), "", title, "", f"{when} {lab[1]}{src}", ""]
            first = h1 + body
            lines = first + rng.choice([[""], ["", "\xa0", ""], ["\xa0"]]) + h2 + body
            planted = set(range(len(lines) - len(h2) - len(body), len(lines)))
            out.append((kind, "\n".join(lines), "\n".join(first) + "\n", planted))
        elif kind == "whole-exact":
            planted = set(range(len(body) + 1, 2 * len(body) + 1))
            out.append(
                (kind, "\n".join(body + [""] + body) + "\n", "\n".join(body) + "\n", planted)
            )
        elif kind == "three-copies":
            planted = set(range(len(body) + 1, 3 * len(body) + 2))
            out.append(
                (
                    kind,
                    "\n".join(body + [""] + body + [""] + body) + "\n",
                    "\n".join(body) + "\n",
                    planted,
                )
            )
        else:
            paras = [i for i, x in enumerate(body) if x.strip()]
            if len(paras) < 3:
                continue
            k = rng.randint(2, min(4, len(paras) - 1))
            s = rng.randrange(0, len(paras) - k + 1)
            run = body[paras[s] : paras[s + k - 1] + 1]
            at = rng.choice([paras[s + k - 1] + 1, len(body)])
            lines = body[:at] + run + body[at:]
            # Runs of short lines (poems, captions, stock tables) cannot be
            # told from refrains and are kept by design: scored apart.
            prose = all(len(x.strip()) >= 20 for x in run if x.strip())
            kind += " (lines >= 20 chars)" if prose else " (with short lines)"
            planted = set(range(at, at + len(run)))
            out.append((kind, "\n".join(lines) + "\n", "\n".join(body) + "\n", planted))
    return out


def reported_lines(findings: list) -> set[int]:
    """0-based indices of the lines reports (fixed=false) cover."""
    out: set[int] = set()
    for f in findings:
        if not f.fixed:
            out.update(range(f.line - 1, f.end_line or f.line))
    return out


#: Kinds where issue 9 asks for a report, not a removal, unless the page
#: model finds a scraped page (point 3: dedupe removes a whole second copy and,
#: in scraped pages only, runs of long prose paragraphs; everything else that
#: repeats is reported).
REPORT_KINDS = ("paragraph-run (with short lines)",)


def score_dedupe() -> None:
    print("## dedupe step: documents restored exactly to one copy\n")
    print(
        "Outcome of each document: *restored* (output == the text before the copy was "
        "planted), *reported* (output unchanged, every line of the planted copy covered "
        "by a report, fixed=false), *missed* (neither: changed otherwise, or the copy "
        "not reported whole).\n"
    )
    print(
        "| language | kind | docs | restored exactly | reported, kept | missed | "
        "lines wrongly removed |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    tot = [0, 0, 0, 0]  # docs, restored, reported (report kinds), reported (other kinds)
    misses: list[str] = []
    for lang, seed in (("zh-hans", 31), ("zh-hant", 32)):
        seed += SEED_SHIFT
        res: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for idx, (kind, text, expected, planted) in enumerate(dedupe_cases(lang, seed)):
            out, findings = remove_duplicates(text, CTX)
            r = res[kind]
            r[0] += 1
            lines = text.split("\n")
            ok = out == expected
            rep = (
                not ok
                and out == text
                and {i for i in planted if lines[i].strip()} <= reported_lines(findings)
            )
            r[1] += ok
            r[2] += rep
            exp_lines = [x for x in expected.split("\n") if x.strip()]
            got = [x for x in out.split("\n") if x.strip()]
            r[3] += sum(1 for x in set(exp_lines) if x not in got)
            tot[0] += 1
            tot[1] += ok
            tot[2 if kind in REPORT_KINDS else 3] += rep
            if not ok and not (rep and kind in REPORT_KINDS):
                misses.append(f"{lang} #{idx} {kind}: {'reported' if rep else 'missed'}")
        for kind, (n, ok, rep, lost) in sorted(res.items()):
            print(
                f"| {lang} | {kind} | {n} | {ok / n:.2%} ({ok}/{n}) | {rep} | {n - ok - rep} "
                f"| {lost} |"
            )
    n, ok, rep, rep_other = tot
    print(
        f"| all | all | {n} | {ok / n:.2%} ({ok}/{n}) | {rep + rep_other} | "
        f"{n - ok - rep - rep_other} | |\n"
    )
    print(f"- restored exactly (the figure this benchmark always printed): {ok / n:.2%} ({ok}/{n})")
    print(
        f"- as issue 9 asks (restored; or, for runs with short lines, reported and kept): "
        f"{(ok + rep) / n:.2%} ({ok + rep}/{n})"
    )
    print(f"- neither ({len(misses)}): {'; '.join(misses[:12]) or 'none'}\n")


# --- timing ------------------------------------------------------------------------


def big_text(mb: int, unique: bool) -> str:
    """About ``mb`` MB (UTF-8) of articles; half of them repeated unless ``unique``."""
    pool = documents("zh-hans", 400, n_paragraphs=(4, 12), seed=5)
    rng = random.Random(mb)
    parts: list[str] = []
    size = 0
    serial = 0
    while size < mb * 1_000_000:
        doc = rng.choice(pool)
        if unique:
            serial += 1
            doc = "\n".join(f"{p}（{serial}.{i}）" for i, p in enumerate(doc.split("\n")))
        part = doc + "\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
        if not unique and rng.random() < 0.5:
            parts.append(part)
            size += len(part.encode("utf-8"))
    return "".join(parts)


def timed(func, text: str, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func(text, CTX)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def baseline(text: str, ctx: Context) -> None:
    """The floor: split into lines and put every stripped line in a dict."""
    seen: dict[str, int] = {}
    for i, line in enumerate(text.split("\n")):
        seen.setdefault("".join(line.split()), i)


def score_timing() -> None:
    print("## Timing (median of runs, seconds; MB = 10^6 UTF-8 bytes)\n")
    sizes = [5, 20] if QUICK else [5, 20, 50]
    print(
        "| size | dedupe, half the articles repeated | s/MB | dedupe, nothing to remove | MB/s "
        "| floor (split + dict) | MB/s | dedupe / floor | spam, nothing to remove | MB/s "
        "| boilerplate, nothing to remove | MB/s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mb in sizes:
        runs = 5 if mb <= 5 else 3
        dup = big_text(mb, unique=False)
        uniq = big_text(mb, unique=True)
        mbs = len(dup.encode()) / 1e6
        mbu = len(uniq.encode()) / 1e6
        t_dup = timed(remove_duplicates, dup, runs)
        t_uniq = timed(remove_duplicates, uniq, runs)
        t_base = timed(baseline, uniq, runs)
        t_spam = timed(remove_spam, uniq, runs)
        t_bp = timed(remove_boilerplate, uniq, runs)
        out, f = remove_duplicates(uniq, CTX)
        assert out == uniq and not [x for x in f if x.fixed]
        print(
            f"| {mb} MB | {t_dup:.2f} | {t_dup / mbs:.3f} | {t_uniq:.2f} | {mbu / t_uniq:.0f} | {t_base:.2f} | {mbu / t_base:.0f} "
            f"| {t_uniq / t_base:.1f}x "
            f"| {t_spam:.3f} | {mbu / t_spam:.0f} | {t_bp:.2f} | {mbu / t_bp:.0f} |"
        )
    print()


def main() -> None:
    print(
        f"# spam / dedupe / boilerplate benchmark ({'quick' if QUICK else 'full, held-out seeds'}; "
        f"{N_DOCS} documents per set and language)\n"
    )
    if ONLY_DEDUPE:
        score_dedupe()
        return
    score_spam()
    score_negatives()
    score_dedupe()
    score_timing()


if __name__ == "__main__":
    main()
