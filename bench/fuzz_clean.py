"""Fuzz the library entry point, cleantext.clean, for a bounded time.

Run: python bench/fuzz_clean.py [--seconds 600] [--out bench/.cache/fuzz] [--engine atheris|hypothesis]

With atheris (coverage-guided, libFuzzer; ``pip install atheris``) the
cleantext modules are instrumented and libFuzzer mutates byte strings; without
it, hypothesis generates inputs for the same time. Each input becomes raw
bytes, text, or text with markup, under a file name that picks the context
(``.txt``, ``.md``, ``.html``, none), and the opt-in boilerplate step is
sometimes on. For every input it checks:

- no exception other than the documented refusals (binary input, lossy
  decoding under ``force=False`` is not an exception);
- ``Result.data`` is valid UTF-8 (without ``keep_encoding``) and equals
  ``Result.text`` encoded;
- idempotence: cleaning the output again changes nothing;
- no single input takes more than --slow seconds (hangs, super-linear work).

Findings are not fatal: each distinct one (kind + exception type + step) is
written once to --out as ``<kind>-<n>.txt`` with the input's ``repr`` so it
can become a regression test, and the run goes on. At the end it prints the
number of inputs, the time, and the findings by kind.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILENAMES = [None, "a.txt", "a.md", "a.html"]

_seen: set[str] = set()
_counts: dict[str, int] = {}
_stats = {"inputs": 0, "start": time.monotonic()}
_out = Path("bench/.cache/fuzz")
_slow = 10.0


def _record(kind: str, detail: str, value: object, options: dict[str, object]) -> None:
    _counts[kind] = _counts.get(kind, 0) + 1
    key = kind + "|" + detail.splitlines()[0][:200] if detail else kind
    if key in _seen:
        return
    _seen.add(key)
    _out.mkdir(parents=True, exist_ok=True)
    n = sum(1 for k in _seen if k.startswith(kind + "|") or k == kind)
    path = _out / f"{kind}-{n}.txt"
    path.write_text(
        f"kind: {kind}\noptions: {options!r}\ninput: {value!r}\n\n{detail}\n", encoding="utf-8"
    )
    print(f"fuzz: finding {path}: {kind}: {detail.splitlines()[0][:160] if detail else ''}")
    _summary(to_file=True)


def check(value: bytes | str, options: dict[str, object]) -> None:
    """Run one input through clean() and record what breaks an invariant."""
    import cleantext
    from cleantext.errors import BinaryInputError, InvalidTextError

    _stats["inputs"] += 1
    if _stats["inputs"] % 200 == 0:
        _summary(to_file=True)
    t0 = time.perf_counter()
    try:
        result = cleantext.clean(value, **options)  # type: ignore[arg-type]
    except (BinaryInputError, InvalidTextError):
        return
    except Exception:
        _record("exception", traceback.format_exc(limit=-3), value, options)
        return
    took = time.perf_counter() - t0
    if took > _slow:
        _record("slow", f"{took:.1f} s for {len(value)} units", value, options)
    try:
        text_bytes = result.text.encode("utf-8")
    except UnicodeEncodeError as exc:
        _record("not-unicode", str(exc), value, options)
        return
    if not options.get("keep_encoding") and result.data != text_bytes and result.changed:
        _record("data-not-text", f"{result.data!r} != {text_bytes!r}", value, options)
    try:
        again = cleantext.clean(result.text, **options)  # type: ignore[arg-type]
    except Exception:
        _record("exception-second-pass", traceback.format_exc(limit=-3), result.text, options)
        return
    if again.text != result.text:
        steps = sorted({f.step for f in again.findings if f.fixed})
        _record(
            "not-idempotent",
            f"steps {steps}: {result.text!r} -> {again.text!r}",
            value,
            options,
        )


def _options(pick: int) -> dict[str, object]:
    options: dict[str, object] = {"filename": FILENAMES[pick % len(FILENAMES)]}
    if pick // len(FILENAMES) % 3 == 0:
        options["enable"] = ("boilerplate",)
    return options


def run_atheris(seconds: int) -> None:
    import atheris

    with atheris.instrument_imports():
        import cleantext
        import cleantext.cjkmojibake
        import cleantext.decode
        import cleantext.markup
        import cleantext.steps.boilerplate
        import cleantext.steps.dedupe
        import cleantext.steps.entities
        import cleantext.steps.mojibake
        import cleantext.steps.pinyin
        import cleantext.steps.spam  # noqa: F401

    def one(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        how = fdp.ConsumeIntInRange(0, 2)
        options = _options(fdp.ConsumeIntInRange(0, 11))
        if how == 0:
            check(fdp.ConsumeBytes(fdp.remaining_bytes()), options)
        else:
            text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
            check(text, options)

    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-timeout={int(_slow * 3)}",
        "-rss_limit_mb=3072",
        "-max_len=4096",
        "-print_final_stats=1",
    ]
    corpus = _out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = ROOT / "fixtures"
    args += [str(corpus), str(seeds)]
    atheris.Setup(args, one)
    atheris.Fuzz()


def run_hypothesis(seconds: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + seconds

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(st.binary(max_size=2048), st.text(max_size=2048)), st.integers(0, 11))
    def one(value: bytes | str, pick: int) -> None:
        if time.monotonic() > deadline:
            raise _Done
        check(value, _options(pick))

    try:
        one()
    except _Done:
        pass
    _summary()


class _Done(Exception):
    pass


def _summary(to_file: bool = False) -> None:
    """Print the summary (libFuzzer ends the process from C, so it is also
    kept up to date in ``summary.txt`` beside the findings)."""
    took = time.monotonic() - _stats["start"]
    lines = [f"fuzz: {_stats['inputs']:,} inputs in {took:.0f} s"]
    if not _counts:
        lines.append("fuzz: no findings")
    for kind, n in sorted(_counts.items()):
        distinct = sum(k.startswith(kind + "|") for k in _seen)
        lines.append(f"fuzz: {kind}: {n} inputs, {distinct} distinct")
    if to_file:
        _out.mkdir(parents=True, exist_ok=True)
        (_out / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        print("\n".join(lines))


def main() -> int:
    global _out, _slow
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--out", default=str(ROOT / "bench" / ".cache" / "fuzz"))
    ap.add_argument("--slow", type=float, default=10.0)
    ap.add_argument("--engine", choices=["atheris", "hypothesis"], default=None)
    args = ap.parse_args()
    _out, _slow = Path(args.out), args.slow
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    print(f"fuzz: {engine} for {args.seconds} s, findings in {_out}", flush=True)
    sys.argv = sys.argv[:1]
    os.environ.setdefault("PYTHONHASHSEED", "0")
    if engine == "atheris":
        run_atheris(args.seconds)
    else:
        run_hypothesis(args.seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
