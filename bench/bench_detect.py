"""Encoding detection across every codec family: cleantext against
charset-normalizer and chardet 7, on translated text nobody on the team wrote.

Run from the repository root (after ``pip install -e '.[bench]'``)::

    python bench/bench_detect.py             # dev and held-out splits, peers, speed
    python bench/bench_detect.py --quick     # fewer cases per codec
    python bench/bench_detect.py --split heldout
    python bench/bench_detect.py --speed-only  # the speed table alone (held-out files)

Text: the gettext catalogues (``.mo``) that Debian packages install, fetched
at benchmark time with ``apt-get download`` and unpacked with ``dpkg-deb -x``
into the git-ignored cache (``$CLEANTEXT_CORPUS_CACHE/deb`` or
``bench/.cache/deb``). Each language's translations are encoded in every
codec of its families (a codec that cannot encode a message skips it):

* whole files: 20-60 consecutive messages (about 1-4 KB), as they are, and
  a third of them wrapped in markup that declares the charset;
* excerpts: 20-40 characters cut from one message (with non-ASCII in it).

The **dev** split is built from coreutils, tar, grep, sed, findutils and
diffutils (what the thresholds were looked at on); the **held-out** split
from wget, bison, gettext, apt, dpkg and glibc's messages (libc-l10n),
which no threshold was tuned on. A detector is right when the text it
decodes equals the original (a leading BOM ignored). The peer files of
``/work/shared/peers/charset`` are scored as in ``bench_encoding.py``.

Speed is detection plus decoding of the small non-UTF-8 whole files, MB/s
of CPU time (median of three passes), with cleantext's ratio to each peer.

Confidence is checked too: of cleantext's answers at confidence >= 0.9,
how many are right (the target is 99%).
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import re
import statistics
import struct
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from cleantext.config import Config  # noqa: E402
from cleantext.decode import decode_bytes  # noqa: E402
from cleantext.errors import CleantextError  # noqa: E402

DEV_PACKAGES = ("coreutils", "tar", "grep", "sed", "findutils", "diffutils")
HELDOUT_PACKAGES = ("wget", "bison", "gettext", "apt", "dpkg", "libc-l10n")

WESTERN = ("de", "fr", "es", "it", "pt", "pt_BR", "nl", "sv", "da", "nb", "nn", "fi", "ca", "gl")
WESTERN += ("eu", "af", "id", "ga", "ast", "ia")
CENTRAL = ("pl", "cs", "sk", "hu", "sl", "hr", "ro", "sq", "bs")
CYRILLIC = ("ru", "uk", "bg", "be", "sr", "mk")

#: family -> (languages, codecs). A codec is used for a language only when
#: it encodes the message.
FAMILIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Western": (WESTERN, ("cp1252", "iso8859-1", "iso8859-15", "cp850", "cp437", "mac-roman")),
    "Central European": (CENTRAL, ("cp1250", "iso8859-2", "cp852", "mac-latin2", "iso8859-16")),
    "Esperanto/Maltese": (("eo",), ("iso8859-3",)),
    "Baltic": (("lt", "lv", "et"), ("cp1257", "iso8859-13", "iso8859-4", "cp775")),
    "Turkish": (("tr",), ("cp1254", "iso8859-9", "cp857", "mac-turkish")),
    "Cyrillic": (
        CYRILLIC,
        ("cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866", "cp855", "mac-cyrillic"),
    ),
    "Greek": (("el",), ("cp1253", "iso8859-7", "cp737", "cp869", "mac-greek")),
    "Hebrew": (("he",), ("cp1255", "iso8859-8", "cp862")),
    "Arabic": (("ar",), ("cp1256", "iso8859-6", "cp864")),
    "Thai": (("th",), ("tis-620", "cp874")),
    "Vietnamese": (("vi",), ("cp1258",)),
    "Chinese (GB)": (("zh_CN",), ("gb18030", "gbk", "gb2312", "hz")),
    "Chinese (Big5)": (("zh_TW",), ("big5", "cp950", "big5hkscs")),
    "Japanese": (
        ("ja",),
        ("shift_jis", "cp932", "euc_jp", "iso2022_jp", "shift_jis_2004", "euc_jis_2004"),
    ),
    "Korean": (("ko",), ("euc_kr", "cp949", "johab", "iso2022_kr")),
    "UTF-8": (("ru", "zh_CN", "ja", "el", "de", "ko"), ("utf-8",)),
    "UTF-16/32": (
        ("zh_CN", "ru", "fr", "ja"),
        ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16"),
    ),
}

# --- corpus ---------------------------------------------------------------------


def cache_dir() -> Path:
    base = os.environ.get("CLEANTEXT_CORPUS_CACHE")
    d = (Path(base) if base else HERE / ".cache") / "deb"
    d.mkdir(parents=True, exist_ok=True)
    return d


def fetch(packages: tuple[str, ...]) -> Path:
    """apt-get download + dpkg-deb -x each package (once) into the cache."""
    root = cache_dir()
    tree = root / "tree"
    for pkg in packages:
        mark = root / f"{pkg}.extracted"
        if mark.exists():
            continue
        debs = list(root.glob(f"{pkg}_*.deb"))
        if not debs:
            r = subprocess.run(
                ["apt-get", "download", pkg], cwd=root, capture_output=True, text=True
            )
            debs = list(root.glob(f"{pkg}_*.deb"))
            if not debs:
                sys.exit(
                    f"bench_detect: error: could not fetch Debian package {pkg}: "
                    f"{r.stderr.strip()[-200:]}\n  try: apt-get update"
                )
        pkg_tree = tree / pkg
        pkg_tree.mkdir(parents=True, exist_ok=True)
        subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(pkg_tree)], check=True)
        mark.write_text("ok")
    return tree


def read_mo(path: Path) -> list[str]:
    """The translations (msgstr, first plural form) of a .mo catalogue."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, n, _orig, trans = struct.unpack(order + "4I", data[4:20])
    out = []
    for i in range(1, n):  # entry 0 is the header
        length, offset = struct.unpack(order + "2I", data[trans + 8 * i : trans + 8 * i + 8])
        raw = data[offset : offset + length].split(b"\0")[0]
        text = raw.decode("utf-8", "replace").replace("\r", "")
        if text and "\ufffd" not in text:
            out.append(text)
    return out


def messages(packages: tuple[str, ...]) -> dict[str, list[str]]:
    tree = fetch(packages)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for pkg in packages:
        for mo in sorted((tree / pkg).glob("usr/share/locale/*/LC_MESSAGES/*.mo")):
            lang = mo.parts[-3]
            by_lang[lang].extend(read_mo(mo))
    return {k: list(dict.fromkeys(v)) for k, v in by_lang.items()}


# --- cases ----------------------------------------------------------------------

DECL_LABELS = {"gb2312": "GB2312", "cp932": "Shift_JIS", "iso8859-1": "ISO-8859-1"}


def declare(body: str, codec: str, rng: random.Random) -> str:
    label = DECL_LABELS.get(codec, codec.upper())
    if rng.random() < 0.5:
        return f'<?xml version="1.0" encoding="{label}"?>\n<doc>\n{body}\n</doc>\n'
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}">'
        f"</head><body>\n{body}\n</body></html>\n"
    )


def encodable(text: str, codec: str) -> bytes | None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return None
    if data.isascii() and not codec.startswith(("utf-16", "utf-32")) and codec != "hz":
        return None
    if codec == "hz" and b"~{" not in data:
        return None
    return data


Case = tuple[str, str, str, bytes, str]  # family, codec, kind, data, text


def build(msgs: dict[str, list[str]], per_codec: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    for family, (langs, codec_list) in FAMILIES.items():
        have = [lang for lang in langs if len(msgs.get(lang, ())) >= 40]
        if not have:
            continue
        for codec in codec_list:
            made_whole = made_short = 0
            tries = 0
            while (made_whole < per_codec or made_short < 2 * per_codec) and tries < 400:
                tries += 1
                lang = rng.choice(have)
                pool = msgs[lang]
                if made_whole < per_codec:
                    k = rng.randint(20, 60)
                    start = rng.randrange(0, max(1, len(pool) - k))
                    body = "\n".join(pool[start : start + k])
                    body = "".join(c for c in body if c.isprintable() or c in "\n\t")
                    kind = "whole"
                    if rng.random() < 0.34 and not codec.startswith(("utf-16", "utf-32", "hz")):
                        body = declare(body, codec, rng)
                        kind = "declared"
                    data = encodable(body, codec)
                    if data is not None:
                        cases.append((family, codec, kind, data, body))
                        made_whole += 1
                if made_short < 2 * per_codec:
                    msg = rng.choice(pool).replace("\n", " ")
                    n = rng.randint(20, 40)
                    if len(msg) < n:
                        continue
                    at = rng.randrange(0, len(msg) - n + 1)
                    cut = msg[at : at + n]
                    if cut.isascii():
                        continue
                    data = encodable(cut, codec)
                    if data is not None:
                        cases.append((family, codec, "excerpt", data, cut))
                        made_short += 1
    return cases


# --- detectors ------------------------------------------------------------------

Detector = Callable[[bytes], "tuple[str | None, float | None]"]


def det_cleantext(data: bytes) -> tuple[str | None, float | None]:
    try:
        d = decode_bytes(data, Config())
    except CleantextError:
        return None, None
    return d.text, d.confidence


def det_cn(data: bytes) -> tuple[str | None, float | None]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return (None, None) if best is None else (str(best), None)


def det_chardet(data: bytes) -> tuple[str | None, float | None]:
    import chardet

    enc = chardet.detect(data)["encoding"]
    if not enc:
        return None, None
    try:
        return data.decode(enc), None
    except (UnicodeDecodeError, LookupError):
        return None, None


DETECTORS: dict[str, Detector] = {
    "cleantext": det_cleantext,
    "charset-normalizer": det_cn,
    "chardet 7": det_chardet,
}


def same(got: str | None, want: str) -> bool:
    if got is None:
        return False
    return got.lstrip("\ufeff") == want.lstrip("\ufeff")


# --- peers ------------------------------------------------------------------------

_DECL_RE = re.compile(
    rb"""(<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']|(<meta[^>]*?charset\s*=\s*["']?)[A-Za-z0-9._:-]+""",
    re.I,
)


def peer_cases() -> list[tuple[str, bytes, str, bool]]:
    root = Path(os.environ.get("CLEANTEXT_PEERS", "/work/shared/peers")) / "charset"
    manifest = root / "manifest.tsv"
    if not manifest.exists():
        return []
    out = []
    for line in manifest.read_text().splitlines()[1:]:
        file, codec = line.split("\t")[:2]
        data = (root / file).read_bytes()
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        stripped = _DECL_RE.sub(lambda m: m.group(1) or b"<meta", data)
        out.append((codec, data, text, False))
        if stripped != data:
            try:
                out.append((codec, stripped, stripped.decode(codec), True))
            except UnicodeDecodeError:
                pass
    return out


def lenient(got: str | None, want: str, codec: str, data: bytes) -> bool:
    if got is None:
        return False
    got, want = got.lstrip("\ufeff"), want.lstrip("\ufeff")
    if got == want:
        return True
    if codec in ("gb2312", "gbk"):
        return got == data.decode("gb18030", "replace").lstrip("\ufeff")
    return False


# --- main ---------------------------------------------------------------------------


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   - "


def score(cases: list[Case], title: str) -> None:
    names = list(DETECTORS)
    right: dict[tuple[str, str, str], int] = defaultdict(int)
    total: dict[tuple[str, str], int] = defaultdict(int)
    calib = [0, 0]
    wrong_examples: list[str] = []
    for family, codec, kind, data, text in cases:
        group = "excerpt" if kind == "excerpt" else "whole"
        total[(family, group)] += 1
        for name in names:
            got, conf = DETECTORS[name](data)
            ok = same(got, text)
            right[(family, group, name)] += ok
            if name == "cleantext":
                if conf is not None and conf >= 0.9:
                    calib[0] += 1
                    calib[1] += ok
                if not ok and len(wrong_examples) < 400:
                    read = "undecoded" if got is None else repr(got[:40])
                    wrong_examples.append(f"{family}/{codec}/{kind}: {text[:40]!r} read {read}")
    print(f"\n## {title}: accuracy per family (whole files | 20-40 character excerpts)\n")
    head = " | ".join(f"{n} whole | {n} excerpt" for n in names)
    print(f"| family | files | excerpts | {head} |")
    print("|---|---:|---:|" + "---:|" * (2 * len(names)))
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for family in FAMILIES:
        nw, ne = total[(family, "whole")], total[(family, "excerpt")]
        if not nw and not ne:
            continue
        cells = []
        for name in names:
            cells.append(pct(right[(family, "whole", name)], nw))
            cells.append(pct(right[(family, "excerpt", name)], ne))
            sums[(name, "whole")] += right[(family, "whole", name)]
            sums[(name, "excerpt")] += right[(family, "excerpt", name)]
        print(f"| {family} | {nw} | {ne} | " + " | ".join(cells) + " |")
    nw = sum(v for (f, g), v in total.items() if g == "whole")
    ne = sum(v for (f, g), v in total.items() if g == "excerpt")
    cells = []
    for name in names:
        cells += [pct(sums[(name, "whole")], nw), pct(sums[(name, "excerpt")], ne)]
    print(f"| **all** | {nw} | {ne} | " + " | ".join(cells) + " |")
    print(f"\ncleantext answers at confidence >= 0.9: {calib[0]}, right {pct(calib[1], calib[0])}")
    if os.environ.get("BENCH_DETECT_WRONG"):
        Path(os.environ["BENCH_DETECT_WRONG"]).write_text("\n".join(wrong_examples))


def peers() -> None:
    cases = peer_cases()
    if not cases:
        print("\n(peer files not found; skipped)")
        return
    print("\n## Peer files (/work/shared/peers/charset), lenient rules of its README\n")
    print("| set | files | " + " | ".join(DETECTORS) + " |")
    print("|---|---:|" + "---:|" * len(DETECTORS))
    for label, pick in (
        ("as they are", lambda s: not s),
        ("declarations removed", lambda s: s),
    ):
        chosen = [c for c in cases if pick(c[3])]
        cells = []
        for det in DETECTORS.values():
            ok = sum(lenient(det(d)[0], t, codec, d) for codec, d, t, _ in chosen)
            cells.append(f"{ok}/{len(chosen)}")
        print(f"| {label} | {len(chosen)} | " + " | ".join(cells) + " |")


# --- files cut inside a character -------------------------------------------------

#: Codecs whose characters take more than one byte.
_MULTI_BYTE = (
    "big5", "big5hkscs", "cp950", "gb2312", "gbk", "gb18030", "shift_jis", "cp932",
    "shift_jis_2004", "euc_jp", "euc_jis_2004", "euc_kr", "cp949", "johab", "utf-8",
)  # fmt: skip


def _cut_points(data: bytes, codec: str) -> tuple[list[int], list[int]]:
    """Byte offsets past the first 100 bytes that fall inside a character
    of ``codec``, and those between two characters after a non-ASCII one."""
    dec = codecs.getincrementaldecoder(codec)()
    inside: list[int] = []
    between: list[int] = []
    for i in range(len(data)):
        dec.decode(data[i : i + 1])
        if i < 100:
            continue
        if dec.getstate()[0]:
            inside.append(i + 1)
        elif data[i] >= 0x80:
            between.append(i + 1)
    return inside, between


def _same_before_cut(got: str | None, want: str) -> bool:
    return got is not None and got.removesuffix("\ufffd") == want.removesuffix("\ufffd")


def det_chardet_lenient(data: bytes) -> tuple[str | None, float | None]:
    """chardet's codec, decoding with errors="replace" (a damaged or cut
    file never decodes strictly)."""
    import chardet

    enc = chardet.detect(data)["encoding"]
    if not enc:
        return None, None
    try:
        return data.decode(enc, "replace"), None
    except LookupError:
        return None, None


def _file_sets(held_out: list[Case]) -> dict[str, list[tuple[str, bytes]]]:
    """The whole files the cut and damaged tables start from: codec and bytes."""
    peers = peer_cases()
    return {
        "peer files": [(c, d) for c, d, _t, stripped in peers if not stripped],
        "peer files, declarations removed": [(c, d) for c, d, _t, stripped in peers if stripped],
        "held-out translations, whole files": [(c[1], c[3]) for c in held_out if c[2] != "excerpt"],
    }


def cut_files(held_out: list[Case]) -> None:
    """Files cut short (a download or a crawler stopping at a byte limit):
    the text before the cut must be the file's; the cut character may be
    U+FFFD or left out (chardet's codec decodes with errors="replace";
    charset-normalizer decodes itself and drops it). ``cleantext, read
    whole`` is the decode stage without its check for a cut character
    (what cleantext did before it)."""
    from cleantext import decode as dec

    def whole(data: bytes) -> tuple[str | None, float | None]:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return dec._detect(data, cut=False).text, None
        return det_cleantext(data)

    dets: dict[str, Detector] = {
        "cleantext": det_cleantext,
        "cleantext, read whole": whole,
        "charset-normalizer": det_cn,
        "chardet 7": det_chardet_lenient,
    }
    rng = random.Random(29)
    sets = _file_sets(held_out)
    print("\n## Files cut short: inside a character (and between two, as a control)\n")
    print("| set | where | cuts | " + " | ".join(dets) + " |")
    print("|---|---|---:|" + "---:|" * len(dets))
    for label, files in sets.items():
        cuts: dict[str, list[tuple[str, bytes]]] = {"inside": [], "between": []}
        for codec, data in files:
            py = "gb18030" if codec in ("gb2312", "gbk") else codec
            if codec not in _MULTI_BYTE or data.isascii():
                continue
            inside, between = _cut_points(data, py)
            for where, offs in (("inside", inside), ("between", between)):
                for at in rng.sample(offs, min(3, len(offs))):
                    cuts[where].append((py, data[:at]))
        for where, chosen in cuts.items():
            cells = []
            for det in dets.values():
                ok = sum(_same_before_cut(det(d)[0], d.decode(py, "replace")) for py, d in chosen)
                cells.append(f"{ok}/{len(chosen)} ({pct(ok, len(chosen)).strip()})")
            print(f"| {label} | {where} | {len(chosen)} | " + " | ".join(cells) + " |")


def large_files(msgs: dict[str, list[str]]) -> list[tuple[str, bytes]]:
    """Each CJK language's held-out translations as one file of about
    100 KB in each legacy codec of its family (messages the codec cannot
    encode left out): damage past the first 8 KB, which detection looks
    at closely, is what these test."""
    out = []
    for family, (langs, codec_list) in FAMILIES.items():
        if not family.startswith(("Chinese", "Japanese", "Korean")):
            continue
        for codec in codec_list:
            if codec not in _MULTI_BYTE:
                continue
            parts: list[bytes] = []
            size = 0
            for lang in langs:
                for m in msgs.get(lang, ()):
                    try:
                        b = m.encode(codec)
                    except UnicodeEncodeError:
                        continue
                    parts.append(b)
                    size += len(b) + 1
                    if size > 100_000:
                        break
            if size > 50_000:
                out.append((codec, b"\n".join(parts) + b"\n"))
    return out


def damaged_files(held_out: list[Case], large: list[tuple[str, bytes]]) -> None:
    """Files with one byte lost or changed in the middle (a bad sector, a
    stray byte from another encoding): every line but the damaged one must
    read as the file's codec reads it, and the damaged one in the file's
    codec family with its bad bytes as U+FFFD (runs of U+FFFD counted as
    one), not in another codec. Five changes per file; each detector's
    codec decodes with errors="replace"."""
    from cleantext.detect import CJK_FAMILIES

    family_of = {n: fam for fam in CJK_FAMILIES for n in fam}
    family_of.update({"gb2312": ("gb18030",), "gbk": ("gb18030",)})
    runs = re.compile("\ufffd+")

    dets: dict[str, Detector] = {
        "cleantext": det_cleantext,
        "charset-normalizer": det_cn,
        "chardet 7": det_chardet_lenient,
    }
    rng = random.Random(2029)
    sets = _file_sets(held_out)
    sets["held-out translations, 100 KB files (x 8)"] = large * 8
    print("\n## Files with one byte lost or changed: all lines read right (the damaged one in")
    print("the file's codec family, its bad bytes U+FFFD)\n")
    print("| set | files | " + " | ".join(dets) + " |")
    print("|---|---:|" + "---:|" * len(dets))
    for label, files in sets.items():
        cases: list[tuple[tuple[str, ...], bytes, list[str], list[bytes]]] = []
        for codec, data in files:
            if codec not in _MULTI_BYTE or codec == "utf-8":
                continue
            py = "gb18030" if codec in ("gb2312", "gbk") else codec
            high = [i for i, b in enumerate(data) if b >= 0x80]
            if len(high) < 40:
                continue
            for _ in range(5):
                i = rng.choice(high[len(high) // 10 : -len(high) // 10])
                if rng.random() < 0.5:
                    bad = data[:i] + data[i + 1 :]
                else:
                    bad = data[:i] + bytes([rng.choice((0x80, 0xA0, 0xFF, 0x3F))]) + data[i + 1 :]
                want = bad.decode(py, "replace")
                if "\ufffd" in want:
                    cases.append(
                        (family_of.get(py, (py,)), bad, want.split("\n"), bad.split(b"\n"))
                    )
        cells = []
        for det in dets.values():
            ok = 0
            for family, bad, want, raw in cases:
                got = det(bad)[0]
                if got is None or len(got.split("\n")) != len(want):
                    continue
                right = True
                for w, g, r in zip(want, got.split("\n"), raw):
                    if w == g:
                        continue
                    own = {runs.sub("\ufffd", r.decode(n, "replace")) for n in family}
                    if "\ufffd" not in w or runs.sub("\ufffd", g) not in own:
                        right = False
                        break
                ok += right
            cells.append(f"{ok}/{len(cases)} ({pct(ok, len(cases)).strip()})")
        print(f"| {label} | {len(cases)} | " + " | ".join(cells) + " |")


def speed(cases: list[Case]) -> None:
    small = [
        c[3]
        for c in cases
        if c[2] != "excerpt" and not c[1].startswith(("utf-", "hz")) and not c[3].isascii()
    ]
    cjk = [
        d
        for c, d in zip(cases, [c[3] for c in cases])
        if c[0].startswith(("Chinese", "Jap", "Kor"))
    ]
    cjk = [d for d in cjk if len(d) > 200]
    names = list(DETECTORS)
    print("\n## Detection speed (detect + decode), MB/s of CPU time, median of 3 passes\n")
    print(
        "| set | files | MB | "
        + " | ".join(names)
        + " | cleantext / charset-normalizer | cleantext / chardet 7 |"
    )
    print("|---|---:|---:|" + "---:|" * (len(names) + 2))
    for label, datas in (("small legacy files, all families", small), ("legacy CJK files", cjk)):
        mb = sum(map(len, datas)) / 1e6
        rate: dict[str, float] = {}
        for name, det in DETECTORS.items():
            for d in datas[:5]:
                det(d)  # warm up (imports, model loading)
            times = []
            for _ in range(3):
                # CPU time: the machine may be shared, and wall time then
                # measures the neighbours.
                t0 = time.process_time()
                for d in datas:
                    det(d)
                times.append(time.process_time() - t0)
            rate[name] = mb / statistics.median(times)
        cells = [f"{rate[n]:.2f}" for n in names]
        cells.append(f"{rate['cleantext'] / rate['charset-normalizer']:.2f}x")
        cells.append(f"{rate['cleantext'] / rate['chardet 7']:.2f}x")
        print(f"| {label} | {len(datas)} | {mb:.2f} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer cases per codec")
    ap.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument(
        "--speed-only",
        action="store_true",
        help="only the speed table (held-out split's files, no accuracy or peers)",
    )
    args = ap.parse_args()
    if args.speed_only:
        speed(build(messages(HELDOUT_PACKAGES), 3 if args.quick else 8, 2))
        return
    import chardet
    import charset_normalizer

    print(f"charset-normalizer {charset_normalizer.__version__}, chardet {chardet.__version__}")
    per = 3 if args.quick else 8
    splits = []
    if args.split in ("dev", "both"):
        splits.append(("dev split", DEV_PACKAGES, 1))
    if args.split in ("heldout", "both"):
        splits.append(("held-out split", HELDOUT_PACKAGES, 2))
    last: list[Case] = []
    large: list[tuple[str, bytes]] = []
    for title, pkgs, seed in splits:
        msgs = messages(pkgs)
        cases = build(msgs, per, seed)
        score(cases, f"{title} ({', '.join(pkgs)})")
        last, large = cases, large_files(msgs)
    if not args.no_peers:
        peers()
        cut_files(last)
        damaged_files(last, large)
    if not args.no_speed:
        speed(last)


if __name__ == "__main__":
    main()
