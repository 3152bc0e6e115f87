"""A page model whose kind part of its evidence settles works out the rest
of its scraped evidence when first read (issue 13): the decision, its
evidence, weights, summary and JSON form are those of the decision worked
out at once, on texts built to be *almost* settled as well."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleantext import Config, clean
from cleantext.pagemodel import (
    AUTHORED,
    SCRAPED,
    LineIndex,
    PageModel,
    _authored_signals,
    _candidate_lines,
    _settled,
    decide,
    is_code,
)
from cleantext.steps import Context

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "000_e7e93553ca6a2c04.txt").read_text(encoding="utf-8")
HARM = sorted((ROOT / "tests" / "data" / "harm").iterdir())
FIXTURES = sorted((ROOT / "fixtures").glob("*.in.txt"))

ARTICLE = "浙江隆中機械製造有限公司的工作人員介紹了情況。記者近日在該公司採訪，恰遇公司副總經理。\n"
ONE = "園(yuán)區新聞\n"  # one annotation: site-farm-pinyin needs two
TWO = "園(yuán)區(qū)新聞\n"
WIDE = "園（yuán）區（qū）新聞\n"  # full-width brackets, the other pattern
MIXED = "園(yuán)區（qū）新聞\n"  # one of each pattern: two in all
DAMAGE = "他說?rdquo;好的。\n"
#: Stanzas of short lines: weak verse evidence (authored, 1), which the
#: annotations (3) outweigh more than twice. (Punctuated: lines of five
#: characters and nothing else would be a list of entries too, 2 more.)
VERSE = "春眠不覺曉(xiǎo)，\n處處聞啼鳥(niǎo)。\n夜來風雨聲，\n花落知多少。\n\n" * 3
#: ... with one annotation in all: not settled.
VERSE_ONE = VERSE.replace("(xiǎo)", "").replace("(niǎo)", "", 2)


def _authored_weight(text: str, config: Config) -> int:
    ix = LineIndex(text)
    found = _authored_signals(text, ix, config, _candidate_lines(text, ix.bare))
    return sum(s.weight for s in found if s.side == AUTHORED)


def _texts() -> list[tuple[str, Config]]:
    plain = Config()
    out = [(SEED, plain), (SEED.replace("\n", "\r\n"), plain), (SEED[:4000], plain)]
    out += [(clean(p.read_bytes()).original, plain) for p in FIXTURES]
    out += [(p.read_text(encoding="utf-8"), Config(filename=p.name)) for p in HARM]
    out += [(VERSE, plain), (VERSE + DAMAGE, plain), (VERSE_ONE, plain)]
    for head in (ONE, TWO, WIDE, MIXED, ONE + DAMAGE, TWO + DAMAGE, DAMAGE):
        for name in (None, "README.md", "notes.txt", "x.py"):
            text = head + "\n" + ARTICLE * 3
            out.append((text, Config(filename=name)))
            # Authored evidence beside it: Markdown structure (2), a licence (3).
            out.append(("# 標題\n\n- 一\n- 二\n\n" + text, Config(filename=name)))
            out.append((text + "Licensed under the Apache License.\n", Config(filename=name)))
    return out


TEXTS = _texts()


@pytest.mark.parametrize("k", range(len(TEXTS)))
def test_later_evidence_is_the_evidence_worked_out_at_once(k: int) -> None:
    text, config = TEXTS[k]
    now = decide(text, config, later=False)
    later = decide(text, config)
    assert later.kind == now.kind and later.authored == now.authored
    settled = _settled(text, _authored_weight(text, config))
    # Put off exactly when part of the evidence settles it (and then scraped).
    assert (later._later is not None) == settled
    if settled:
        assert now.kind == SCRAPED
        assert later.authored == now.authored
        assert later.has_authored("code") == any(s.name == "code" for s in now.signals)
        assert later._later is not None  # asked without the scraped evidence
        again = pickle.loads(pickle.dumps(later))
        assert again._later is not None and again == now
    assert later.signals == now.signals and later.scraped == now.scraped
    assert later._later is None
    assert later == now and repr(later) == repr(now) and hash(later) == hash(now)
    assert later.to_dict() == now.to_dict() and later.summary() == now.summary()
    assert later.evidence() == now.evidence()


def test_settled_near_misses() -> None:
    plain = Config()
    # The verse pages: authored evidence beside the annotations, listed after.
    page = decide(VERSE, plain)
    assert page._later is not None and page.authored == 1
    assert [s.name for s in page.signals] == ["second-copy", "site-farm-pinyin", "verse"]
    assert decide(VERSE_ONE, plain)._later is None  # one annotation
    body = "\n" + ARTICLE * 3
    assert _settled(TWO + body, 0) and _settled(WIDE + body, 0) and _settled(MIXED + body, 0)
    # One annotation, or none, with damage or without: not enough.
    assert not _settled(ONE + body, 0) and not _settled(ONE + DAMAGE + body, 0)
    assert not _settled(DAMAGE + body, 0) and not _settled(body, 0)
    # A bracket after a Latin letter, or without a toned vowel, is no annotation.
    assert not _settled("ab(yuán)c(qū)\n" + body, 0)
    assert not _settled("園(yuan)區(qu)\n" + body, 0)
    # Twice the authored weight must stay below: 3 > 2 x 1, not 3 > 2 x 2 (nor 4).
    assert _settled(TWO + body, 1) and not _settled(TWO + body, 2)
    assert _settled(TWO + DAMAGE + body, 1) and not _settled(TWO + DAMAGE + body, 2)
    # In those cases the whole decision is worked out, and agrees.
    for text in (ONE + body, TWO + body, TWO + DAMAGE + body):
        for config in (plain, Config(filename="README.md")):
            assert decide(text, config) == decide(text, config, later=False)


def test_large_texts_and_a_decision_asked_not_to_wait_are_worked_out_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cleantext.pagemodel as pagemodel

    monkeypatch.setattr(pagemodel, "LATER_CHARS", len(SEED))
    assert decide(SEED, Config())._later is None
    assert decide(SEED[:-1], Config())._later is not None
    assert decide(SEED[:-1], Config(), later=False)._later is None


def test_is_code_and_the_steps_leave_the_evidence_for_later() -> None:
    page = decide(SEED, Config())
    ctx = Context(config=Config())
    ctx.page = page
    assert not is_code(SEED, ctx)
    assert page._later is not None
    # A whole run on the page: no step needs the scraped evidence.
    result = clean(SEED)
    held = result.page_decided
    assert isinstance(held, PageModel) and held._later is not None
    assert result.page == decide(SEED, Config(), later=False)


def test_structure_of_the_decided_text_is_worked_out_when_asked() -> None:
    from cleantext.pagemodel import structure_lines, structure_of

    put_off = 0
    for text, config in TEXTS:
        page = decide(text, config)
        put_off += "lines" not in page._cache
        ctx = Context(config=config)
        ctx.page = page
        want = decide(text, config, later=False)._cache["lines"]
        assert structure_of(text, ctx) == want == structure_lines(text)
        assert page._cache["text"] is text and page._cache["lines"] == want
    assert put_off > 10
