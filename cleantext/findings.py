"""Findings: one record per change made or per problem reported.

A finding says where (path, line, column), which step, what was there, what
it became and why. Findings with ``fixed=False`` are reports only: the text
was left as it was because the step was not sure enough to change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(slots=True)
class Finding:
    """One change (``fixed=True``) or one report (``fixed=False``).

    :param step: the step that made it (``"pinyin"``, ``"spam"``...).
    :param line: 1-based line number. Inside a step, in the step's input
        text; in a :class:`cleantext.Result`, in the original input.
    :param col: 1-based column, counted in characters.
    :param code: a short stable identifier of the kind of finding
        (``"pinyin-annotation"``, ``"lost-character"``...), for scripts.
    :param message: a sentence for people.
    :param fixed: whether the text was changed.
    :param original: the text that was there (a span, or whole lines).
    :param replacement: what it became (``None`` for reports).
    :param end_line: for findings that cover several lines (removed lines),
        the last line, inclusive.
    :param removes_lines: the finding deletes lines ``line..end_line``
        whole; the pipeline uses this to keep line numbers pointing at the
        original input.
    :param score: the evidence score of a heuristic decision, if any.
    :param data: extra machine-readable detail (evidence, readings...).
    :param path: the file, filled in by the caller that knows it.

    Not frozen: a farm page yields hundreds of findings, and the pipeline
    renumbers each one in place (a slotted instance costs a quarter of a
    frozen one to make, and nothing to renumber). Treat findings you did not
    make as read-only; :meth:`with_` gives a changed copy.
    """

    step: str
    line: int
    col: int
    code: str
    message: str
    fixed: bool = True
    original: str = ""
    replacement: str | None = None
    end_line: int | None = None
    removes_lines: bool = False
    score: float | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    path: str | None = None

    def with_(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``data`` left out when empty).

        Built field by field: :func:`dataclasses.asdict` deep-copies, which
        cost more than the cleaning itself on a farm page's findings.
        """
        d: dict[str, Any] = {name: getattr(self, name) for name in _FIELDS}
        if self.data:
            d["data"] = dict(self.data)
        else:
            del d["data"]
        return d


_FIELDS = tuple(f.name for f in fields(Finding))
