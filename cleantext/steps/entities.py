"""The ``entities`` step (placeholder until its implementation lands)."""

from __future__ import annotations

from ..findings import Finding
from ..registry import Context

SUMMARY = "repair broken HTML quote and punctuation entities"


def fix_entities(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    return text, []
