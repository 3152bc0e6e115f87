"""Run the text steps in order and keep findings pointing at original lines.

Decoding is not one of them: :func:`cleantext.clean` turns bytes into text
first (:mod:`cleantext.decode`), then hands the text here.
"""

from __future__ import annotations

from . import decode
from .config import DECODE, Config
from .findings import Finding
from .steps import STEPS, Context
from .textutil import count_lines

#: One line for each name of :data:`cleantext.config.STEP_ORDER`, for help texts.
SUMMARIES: dict[str, str] = {
    DECODE: decode.SUMMARY,
    **{step.name: step.summary for step in STEPS.values()},
}


def _to_original(n: int | None, line_map: list[int]) -> int | None:
    if n is None:
        return None
    if 1 <= n <= len(line_map):
        return line_map[n - 1]
    # Past the end (an empty last line, say): extrapolate from the last line.
    return (line_map[-1] + n - len(line_map)) if line_map else n


def run_steps(
    text: str, config: Config, *, ctx: Context | None = None
) -> tuple[str, list[Finding]]:
    """Apply the active text steps of ``config`` to ``text``.

    Returns the new text and the findings, with line numbers translated to
    the lines of ``text`` (the input), however many lines earlier steps
    removed. Findings of earlier steps on lines that a later step removed
    whole (the second copy of an article, say) are dropped: they describe
    text that is no longer there, and the removal finding covers it.
    """
    if ctx is None:
        ctx = Context(config=config)
    ctx.line_map = list(range(1, count_lines(text) + 1))
    findings: list[Finding] = []
    gone: set[int] = set()  # original line numbers removed so far
    active = config.active_steps()
    for step in STEPS.values():
        if step.name not in active:
            continue
        new_text, step_findings = step.func(text, ctx)
        removed: set[int] = set()
        for f in step_findings:
            if f.removes_lines and f.fixed:
                removed.update(range(f.line - 1, (f.end_line or f.line)))
            f.line = _to_original(f.line, ctx.line_map) or f.line
            f.end_line = _to_original(f.end_line, ctx.line_map)
            findings.append(f)
        if new_text is not text and new_text != text:
            if removed:
                gone.update(ctx.line_map[i] for i in removed if i < len(ctx.line_map))
                ctx.line_map = [n for i, n in enumerate(ctx.line_map) if i not in removed]
            n_lines = count_lines(new_text)
            if len(ctx.line_map) != n_lines:
                # A step changed the line count without saying which lines it
                # removed; keep numbering as close as we can.
                last = ctx.line_map[-1] if ctx.line_map else 0
                ctx.line_map = (ctx.line_map + list(range(last + 1, last + 1 + n_lines)))[:n_lines]
            text = new_text
    if gone:
        findings = [f for f in findings if f.removes_lines or f.line not in gone]
    return text, findings
