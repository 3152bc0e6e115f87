"""The pipeline: canonical order, line numbers kept on original lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.config import DEFAULT_STEPS, STEP_ORDER, Config
from cleantext.errors import ConfigError
from cleantext.findings import Finding
from cleantext.pipeline import run_steps
from cleantext.steps import STEPS, Context, Step
from cleantext.textutil import count_lines


def test_active_steps_keep_canonical_order() -> None:
    cfg = Config(only=("dedupe", "decode", "pinyin"))
    assert cfg.active_steps() == ("decode", "pinyin", "dedupe")
    assert Config().active_steps() == DEFAULT_STEPS
    assert Config(convert="t2s").active_steps()[-1] == "convert"
    assert "boilerplate" in Config(enable=("boilerplate",)).active_steps()
    assert "spam" not in Config(skip=("spam",)).active_steps()


def test_registry_matches_step_order() -> None:
    assert ["decode", *STEPS] == list(STEP_ORDER)


@pytest.mark.parametrize(
    "options",
    [
        {"only": ("nope",)},
        {"skip": ("x",)},
        {"context": "pdf"},
        {"only": ("convert",)},
        {"colour": True},
        {"convert": "nope"},
    ],
)
def test_bad_options_are_config_errors(options: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Config.from_options(**options)


def test_to_simplified_is_t2s() -> None:
    assert Config.from_options(to_simplified=True).convert == "t2s"


@pytest.mark.parametrize(
    ("text", "n"), [("", 0), ("a", 1), ("a\n", 1), ("a\nb", 2), ("\n\n", 2), ("a\r\nb\r\n", 2)]
)
def test_count_lines(text: str, n: int) -> None:
    assert count_lines(text) == n


def test_line_numbers_refer_to_original_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that removes lines shifts the lines later steps see; findings
    of the later step must still name the original line."""

    def drop_first_two(text: str, ctx: Context) -> tuple[str, list[Finding]]:
        lines = text.split("\n")
        f = Finding("spam", 1, 1, "spam-line", "gone", removes_lines=True, end_line=2)
        return "\n".join(lines[2:]), [f]

    def flag_x(text: str, ctx: Context) -> tuple[str, list[Finding]]:
        out = []
        for i, line in enumerate(text.split("\n"), 1):
            if "x" in line:
                out.append(Finding("dedupe", i, line.index("x") + 1, "x", "an x", fixed=False))
        return text, out

    monkeypatch.setitem(STEPS, "spam", Step("spam", drop_first_two, ""))
    monkeypatch.setitem(STEPS, "dedupe", Step("dedupe", flag_x, ""))
    text, findings = run_steps("a\nb\nc\nd x\ne", Config(only=("spam", "dedupe")))
    assert text == "c\nd x\ne"
    assert [(f.step, f.line, f.end_line, f.col) for f in findings] == [
        ("spam", 1, 2, 1),
        ("dedupe", 4, None, 3),
    ]


def test_clean_accepts_str_and_bytes() -> None:
    r = cleantext.clean("plain text\n")
    assert r.text == "plain text\n" and not r.changed and r.encoding is None
    r = cleantext.clean(b"plain text\n")
    assert r.data == b"plain text\n" and r.encoding == "utf-8" and not r.changed


def test_utf8_bom_and_crlf_survive_untouched() -> None:
    data = "\ufeff".encode() + "第一行“引号”，１２３。\r\n第二行\r\n".encode()
    r = cleantext.clean(data)
    assert r.bom and r.data == data and not r.changed


def test_findings_on_lines_removed_later_are_dropped(seed_bytes: bytes) -> None:
    """The seed's second copy repeats the lost character of line 29 on line
    69; once dedupe removes that copy, only line 29's report remains."""

    r = cleantext.clean(seed_bytes)
    removed = set()
    for f in r.findings:
        if f.removes_lines and f.fixed:
            removed.update(range(f.line, (f.end_line or f.line) + 1))
    assert 69 in removed
    others = [f for f in r.findings if not f.removes_lines]
    assert others and all(f.line not in removed for f in others)
    assert [f.line for f in r.findings if f.code == "lost-character"] == [29]


def test_the_seed_names_its_lost_character_once(seed_bytes: bytes) -> None:
    r = cleantext.clean(seed_bytes)
    assert not [f for f in r.findings if not f.fixed]
    lost = [f for f in r.findings if f.code == "lost-character"]
    assert [(f.step, f.line, f.original, f.replacement) for f in lost] == [
        ("pinyin", 29, "?zhí)", "?")
    ]
    assert lost[0].data["pinyin"] == "zhí" and "zhí" in lost[0].message
    assert "“蛟龍?”“海燕號”" in r.text


def test_dedupe_names_the_first_copy_by_original_lines(seed_bytes: bytes) -> None:
    """Spam removes lines 1-4 before dedupe runs; the first copy of the
    article is still lines 5-41 of the page, not 1-37 of dedupe's input."""

    r = cleantext.clean(seed_bytes)
    (dup,) = [f for f in r.findings if f.step == "dedupe"]
    assert (dup.line, dup.end_line, dup.data["source"]) == (42, 81, [5, 41])
    assert "lines 5-41" in dup.message


def test_bytes_lost_in_decoding_are_reported_once() -> None:
    data = "中文编码，乱码".encode("gb18030") + b"\x80"
    r = cleantext.clean(data)
    assert r.lossy and r.text.endswith("\ufffd")
    reports = [(f.step, f.code) for f in r.findings if not f.fixed]
    assert reports == [("decode", "undecodable-bytes")]
    # The same text given as str has no decode step: the mojibake step reports it.
    r2 = cleantext.clean(r.text)
    assert [(f.step, f.code) for f in r2.findings] == [("mojibake", "lost-characters")]


def test_an_unknown_opencc_config_is_a_value_error_when_the_config_is_made() -> None:
    with pytest.raises(ValueError, match="unknown OpenCC conversion 'nope'") as info:
        Config(convert="nope")
    assert isinstance(info.value, ConfigError)
    assert info.value.hint is not None and "s2twp" in info.value.hint
    assert Config(convert=" T2S.json").convert == " T2S.json"  # OpenCC's own spellings pass


def test_the_page_model_lets_go_of_the_texts_steps_replaced(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the page model's cache holds for a step's input (its structure
    lines, its line index) goes once a step replaces that text: no later
    step is given it. On the seed, spam asks for the structure of its input
    and then removes the spam line; the cache must not keep that input alive
    to the end of the run."""
    from cleantext.pagemodel import PageModel

    held_when_replaced: list[bool] = []
    forget = PageModel.forget

    def spy(self: PageModel, text: str) -> None:
        index = self._cache.get("index")
        held_when_replaced.append(
            self._cache.get("text") is text or getattr(index, "text", None) is text
        )
        forget(self, text)

    monkeypatch.setattr(PageModel, "forget", spy)
    ctx = Context(config=Config())
    out, findings = run_steps(seed_text, ctx.config, ctx=ctx)
    # (the cache did hold a replaced text when it was told to let go of it)
    assert any(held_when_replaced), held_when_replaced
    assert any(f.step == "dedupe" and f.removes_lines for f in findings)
    assert ctx.page is not None
    cache = ctx.page._cache
    held = [cache.get("text"), getattr(cache.get("index"), "text", None)]
    assert all(t is None or t == out for t in held), [len(t or "") for t in held]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 40),
    st.lists(st.tuples(st.booleans(), st.integers(-3, 45)), max_size=120),
    st.integers(1, 8),
)
def test_a_line_set_answers_as_a_set(size: int, ops: list[tuple[bool, int]], few: int) -> None:
    """The pipeline's sets of finding lines (a set while small, then a byte
    a line of the input and a set past them) answer as a set of ints."""
    from cleantext import pipeline

    old = pipeline.FEW_LINES
    pipeline.FEW_LINES = few
    try:
        lines, model = pipeline._LineSet(size), set()
        for add, n in ops:
            if add:
                lines.add(n)
                model.add(n)
            assert all((k in lines) == (k in model) for k in range(-3, 46))
    finally:
        pipeline.FEW_LINES = old


def test_a_large_text_is_cleaned_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cyclic garbage collector is paused while the steps run on a large
    text, and left as it was found afterwards (enabled or not, raise or not)."""
    import gc

    from cleantext import pipeline

    states: list[bool] = []
    real = pipeline._steps

    def spy(*args: object, **kwargs: object) -> object:
        states.append(gc.isenabled())
        if len(states) == 4:
            raise RuntimeError("a step failed")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_steps", spy)
    monkeypatch.setattr(pipeline, "GC_PAUSE_CHARS", 100)
    assert gc.isenabled()
    cleantext.clean("中文，一行又一行。\n" * 20)
    cleantext.clean("中文")
    assert states == [False, True] and gc.isenabled()
    gc.disable()
    try:
        cleantext.clean("中文，一行又一行。\n" * 20)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError):
        cleantext.clean("中文，一行又一行。\n" * 20)
    assert states == [False, True, False, False] and gc.isenabled()
