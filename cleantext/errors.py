"""Typed errors. The CLI maps each to one ``cleantext: error: ...`` line."""

from __future__ import annotations


class CleantextError(Exception):
    """Base class. ``hint`` names what to try next."""

    exit_code = 123

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UndecodableError(CleantextError):
    """The bytes could not be decoded safely with any candidate encoding."""


class BinaryInputError(UndecodableError):
    """The input is binary data (NUL bytes in no UTF-16/32 pattern), not text."""


class ConfigError(CleantextError, ValueError):
    """A bad option or configuration value (exit 2); a ``ValueError`` too."""

    exit_code = 2


class InvalidTextError(CleantextError, ValueError):
    """A ``str`` input that is not valid Unicode (lone surrogates); a
    ``ValueError`` too."""
