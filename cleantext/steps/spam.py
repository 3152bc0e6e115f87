"""The ``spam`` step (placeholder until its implementation lands)."""

from __future__ import annotations

from ..findings import Finding
from ..registry import Context

SUMMARY = "remove injected spam keyword lines at the head and tail"


def remove_spam(text: str, ctx: Context) -> tuple[str, list[Finding]]:
    return text, []
