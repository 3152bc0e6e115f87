"""``.gitignore`` and ``.ignore`` files, honoured in directory walks.

Like black and ruff, a directory walk skips what git would not track: the
patterns of every ``.gitignore`` and ``.ignore`` file from the top of the
repository (the nearest folder above the walk holding ``.git``; the walked
folder itself outside a repository) down to each folder, and
``.git/info/exclude``. Patterns are matched with :mod:`pathspec`'s
git-compatible matcher, relative to the folder of the file that holds them;
a deeper file overrides a shallower one, ``.ignore`` overrides
``.gitignore`` in the same folder (as ripgrep and ruff do), and within a
file the last matching pattern wins, so ``!keep.txt`` re-includes. As in
git, nothing inside an ignored folder can be re-included: the walk does not
enter it.

Paths given explicitly on the command line are never filtered here.
"""

from __future__ import annotations

import os
from typing import Any

#: Ignore files read in each folder, weakest first.
IGNORE_FILES = (".gitignore", ".ignore")


def find_repository_top(start: str) -> str | None:
    """The nearest folder at or above ``start`` that holds ``.git``."""
    folder = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_lines(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            return fh.read().splitlines()
    except OSError:
        return None


class IgnoreRules:
    """The ignore patterns that apply under ``root`` (a folder being walked).

    >>> import tempfile, pathlib
    >>> top = pathlib.Path(tempfile.mkdtemp())
    >>> (top / ".git").mkdir()
    >>> _ = (top / ".gitignore").write_text("public/\\n*.log\\n")
    >>> (top / "docs").mkdir()
    >>> _ = (top / "docs" / ".ignore").write_text("!keep.log\\n")
    >>> rules = IgnoreRules(str(top / "docs"))
    >>> rules.is_ignored(str(top / "docs" / "a.log")), rules.is_ignored(str(top / "docs" / "keep.log"))
    (True, False)
    >>> rules.is_ignored(str(top / "docs" / "public"), is_dir=True)
    True
    """

    def __init__(self, root: str) -> None:
        root = os.path.abspath(root)
        self.top = find_repository_top(root) or root
        self._specs: dict[str, list[Any]] = {}
        self._chains: dict[str, list[tuple[str, Any]]] = {}
        exclude = os.path.join(self.top, ".git", "info", "exclude")
        self._top_extra = self._compile(_read_lines(exclude)) if os.path.isfile(exclude) else None

    @staticmethod
    def _compile(lines: list[str] | None) -> Any:
        if not lines:
            return None
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(lines)

    def _folder_specs(self, folder: str) -> list[Any]:
        specs = self._specs.get(folder)
        if specs is None:
            specs = []
            if folder == self.top and self._top_extra is not None:
                specs.append(self._top_extra)
            for name in IGNORE_FILES:
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    spec = self._compile(_read_lines(path))
                    if spec is not None:
                        specs.append(spec)
            self._specs[folder] = specs
        return specs

    def _chain(self, folder: str) -> list[tuple[str, Any]]:
        """(folder, spec) pairs that apply to entries of ``folder``, weakest first."""
        chain = self._chains.get(folder)
        if chain is None:
            if folder == self.top or not folder.startswith(self.top):
                parent: list[tuple[str, Any]] = []
            else:
                up = os.path.dirname(folder)
                parent = self._chain(up) if up != folder else []
            chain = parent + [(folder, s) for s in self._folder_specs(folder)]
            self._chains[folder] = chain
        return chain

    def applies(self, folder: str) -> bool:
        """Whether any pattern applies to the entries of ``folder``: when
        none does, :meth:`is_ignored` is false for each of them."""
        return bool(self._chain(os.path.abspath(folder)))

    def is_ignored(self, path: str, *, is_dir: bool = False) -> bool:
        """Whether ``path`` (a file, or a folder with ``is_dir``) is ignored."""
        path = os.path.abspath(path)
        verdict: bool | None = None
        for folder, spec in self._chain(os.path.dirname(path)):
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            if is_dir:
                rel += "/"
            try:
                include = spec.check_file(rel).include
            except UnicodeEncodeError:
                # Bytes that are not UTF-8 in the name (os.fsdecode's lone
                # surrogates): the regex engine takes UTF-8. Matched with
                # U+FFFD for them, as --exclude matches such a name.
                rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                include = spec.check_file(rel).include
            if include is not None:
                verdict = include
        return bool(verdict)
