"""A file that says how an editor should open it is authored.

Emacs's autoload files (``dired-loaddefs.el`` and six more in Debian's
``emacs-common``) repeat a command's docstring under the next command's
``autoload`` form. Piped without their names, with no other authored
evidence, the repeats read as a scraped page's second copy and dedupe
removed 1,725 lines of them, in 221 blocks; ftfy's repair of C1 controls rewrote the
character tables in the Lisp strings of ``uni-bidi.el``, and the GBK
repair turned a Python module's string of rare Han (``# -*- coding: utf-8
-*-`` on line 1) into Hangul. An Emacs mode line (line 1, or 2 after
``#!``) or a vim modeline (first or last five lines) is authored evidence,
and code evidence when the mode line is that of code. The texts below were
written for these tests; none is copied from a package.
"""

from __future__ import annotations

import pytest

from cleantext import Config, clean
from cleantext.pagemodel import AUTHORED, SCRAPED, _emacs_mode_line, decide
from tests.test_pagemodel import SEED

#: Docstrings repeated under the next command's autoload form.
DOC = """\
Open the notes buffer for the current project.
The buffer lists every note saved under the project's root,
newest first, with its title and the date it was changed.
With a prefix ARG, open it in another window instead.
Type q in the buffer to close it again.
See also `notes-directory' for where the notes are kept."""

LISP = f"""\
;;; notes-loaddefs.el --- automatically extracted autoloads  -*- lexical-binding: t -*-
;;
;;; Code:

(autoload 'notes-open "notes" "\\
{DOC}

\\(fn &optional ARG)" t nil)

(autoload 'notes-open-other-window "notes" "\\
{DOC}

\\(fn &optional ARG)" t nil)

(provide 'notes-loaddefs)
;;; notes-loaddefs.el ends here
"""


def test_lisp_with_repeated_docstrings_is_code_and_kept() -> None:
    page = decide(LISP, Config())
    assert page.kind == AUTHORED and page.has_authored("code")
    r = clean(LISP)
    assert r.text == LISP and not r.fixes
    # its repeats are reported, not removed
    assert any(f.step == "dedupe" for f in r.findings)


def test_without_the_mode_line_it_was_a_second_copy() -> None:
    # (what the evidence was before: the same text, its mode line cut)
    bare = LISP.replace("  -*- lexical-binding: t -*-", "")
    page = decide(bare, Config())
    assert page.kind == SCRAPED and [s.name for s in page.signals] == ["second-copy"]


#: A character table in a Lisp string: C0 controls and C1 controls (as
#: UTF-8), which ftfy's fix_c1_controls takes for Windows-1252 punctuation.
TABLE = (
    ";;; notes-table.el  -*- lexical-binding:t -*-\n"
    ";; Generated from the data files by notes-gen.el.\n"
    "(define-char-code-property 'notes-class\n"
    '  #^[1 nil char-code-property-table 1 #^^[2 0 1 1 "\x02\x03\x93\x05\x01\x86\x02\x07"\n'
    '\t\x02\x8c\x01\x91" 1 1 "\x02\x01\x84\x03\x86\x01é" 1 "\x02\x01\x92\x05\x02\x85\x0b\x01¹"'
    ' "\x02\x01\x91\x03\x89\x1d\x01±\x02\x86\x04\x01\x91%\x01\x8e" "\x02\x01Ä\x02\x88\x01\x93"\n'
    '  "Notes class of a character.")\n'
)


def test_character_table_in_lisp_strings_is_left_alone() -> None:
    r = clean(TABLE)
    assert r.text == TABLE and not r.fixes
    assert [f.code for f in r.findings] == ["mojibake-latin-kept"]  # reported


#: A Python module (no name) whose string holds rare Han that the GBK
#: repair reads as UTF-8 read as GBK.
MODULE = '# -*- coding: utf-8 -*-\n"""Rare characters."""\n\nCHARACTERS = "{}"\n'


def test_python_module_with_a_coding_line_is_code() -> None:
    page = decide(MODULE.format("鎿紾氍憒氘肝昜旮楳"), Config())
    assert page.has_authored("code")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (";;; x.el --- a package  -*- lexical-binding: t -*-", ("lexical-binding: t", True)),
        ("# -*- coding: utf-8 -*-", ("coding: utf-8", True)),
        ("/* -*- Mode: C; tab-width: 4 -*- */", ("Mode: C; tab-width: 4", True)),
        ("% Reference card -*- coding: utf-8 -*-", ("coding: utf-8", True)),
        # text, not code: a mode of text, or no comment leader
        (
            "-*- mode: indented-text; coding: utf-8 -*-",
            ("mode: indented-text; coding: utf-8", False),
        ),
        ("NEWS OF THE PROJECT          -*- outline -*-", ("outline", False)),
        ("# Title -*- mode: markdown -*-", ("mode: markdown", False)),
        # no mode line: an X font name, a title's decoration, words with a colon
        ('`-xrm "Emacs*fontSet:  -*-helvetica-medium-r-*--*-120-*-*-*"', None),
        ("-*- Welcome -*-", None),
        ("-*- Note: read this first -*-", None),
        ("-*- 公告 -*-", None),
    ],
)
def test_emacs_mode_lines(line: str, expected: tuple[str, bool] | None) -> None:
    assert _emacs_mode_line([line, "body"]) == expected


def test_mode_line_on_line_two_only_after_a_script_line() -> None:
    assert _emacs_mode_line(["#!/usr/bin/env python3", "# -*- coding: utf-8 -*-"]) is not None
    assert _emacs_mode_line(["Title", "# -*- coding: utf-8 -*-"]) is None


NOTES = f"""\
Project notes
=============

{DOC}

Again, for the second window:

{DOC}

vim: set ft=rst tw=72:
"""


@pytest.mark.parametrize(
    ("modeline", "authored"),
    [
        ("vim: set ft=rst tw=72:", True),
        ("vim:tw=78:ts=8:noet:ft=help:norl:", True),
        ("   # vim: ts=4 sw=4 et", True),
        ("Notes written in vim: the editor.", False),
    ],
)
def test_vim_modeline_is_authored_evidence(modeline: str, authored: bool) -> None:
    text = NOTES.replace("vim: set ft=rst tw=72:", modeline)
    page = decide(text, Config())
    assert any(s.name == "editor" for s in page.signals) is authored
    if authored:
        assert clean(text).text == text


def test_a_scraped_page_with_a_decorated_title_is_still_cleaned() -> None:
    # "-*- ... -*-" around words is a title's decoration, not a mode line
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.split("\n")
    page = "\n".join([lines[0], "-*- Welcome -*-", *lines[1:]])
    model = decide(page, Config())
    assert model.kind == SCRAPED and not any(s.name == "editor" for s in model.signals)
    assert clean(page).text.count("\n") < seed.count("\n") - 20  # its copy removed
