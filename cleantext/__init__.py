"""cleantext: repair and clean scraped and damaged text files.

>>> r = clean("蛟龍號?rdquo;")
>>> r.text
'蛟龍號”'
>>> [f.code for f in r.findings]
['entity-lost-ampersand']
"""

from __future__ import annotations

from .batch import clean_batch
from .config import DEFAULT_STEPS, STEP_ORDER, Config
from .errors import CleantextError, ConfigError, InvalidTextError, UndecodableError
from .findings import Finding
from .pipeline import Result, clean

__version__ = "0.1.0"

__all__ = [
    "clean",
    "clean_batch",
    "Result",
    "Finding",
    "Config",
    "CleantextError",
    "ConfigError",
    "UndecodableError",
    "InvalidTextError",
    "STEP_ORDER",
    "DEFAULT_STEPS",
]
