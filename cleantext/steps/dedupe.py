"""The ``dedupe`` step (placeholder until its implementation lands)."""

from __future__ import annotations

from ..findings import Finding
from ..registry import Context

SUMMARY = "remove repeated copies of the article or of paragraph runs"


def remove_duplicates(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    return text, []
