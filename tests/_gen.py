"""Random texts for the tests that compare a fast path with its reference."""

from __future__ import annotations

import random


def random_texts(
    alphabet: list[str], n: int, seed: int, length: tuple[int, int] = (1, 40)
) -> list[str]:
    """``n`` texts of ``length`` (inclusive bounds) characters drawn from ``alphabet``."""
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(*length))) for _ in range(n)]
