"""The ``boilerplate`` step (placeholder until its implementation lands)."""

from __future__ import annotations

from ..findings import Finding
from ..registry import Context

SUMMARY = "remove breadcrumbs, hit counters and share rows (opt-in)"


def remove_boilerplate(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    return text, []
