"""The ``mojibake`` step (placeholder until its implementation lands)."""

from __future__ import annotations

from ..findings import Finding
from ..registry import Context

SUMMARY = "repair mojibake: CJK round trips first, then ftfy with a CJK-safe config"


def fix_mojibake(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    return text, []
