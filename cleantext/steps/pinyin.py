"""The ``pinyin`` step (placeholder until its implementation lands)."""

from __future__ import annotations

from ..findings import Finding
from ..registry import Context

SUMMARY = "remove inline pinyin annotations such as 區(qū)"


def strip_pinyin(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    return text, []
