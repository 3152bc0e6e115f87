"""The ``convert`` step (placeholder until its implementation lands)."""

from __future__ import annotations

from ..findings import Finding
from ..registry import Context

SUMMARY = "convert between Traditional and Simplified with OpenCC"


def convert_script(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    return text, []
