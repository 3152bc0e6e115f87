"""reStructuredText titles are underlined with any punctuation.

django-allauth's ``docs/account/forms.rst`` (a Sphinx page: one ``=====``
title, then a section per form under ``*****``) repeats a paragraph and a
"Used on" field from section to section. Piped, its only authored evidence
had been Markdown's setext underlines (``=`` and ``-``): one title, under
the two needed, so its navigation-like line and repeated lines made it a
scraped page and dedupe removed two blocks. The document below was written
for this test in that shape.
"""

from __future__ import annotations

import pytest

from cleantext import Config, clean
from cleantext.pagemodel import AUTHORED, decide

HELP = """\
By default, the password field renders a "Forgot your password?" link as the
help text. By providing a ``"account/password_help_text.html"`` template
you can customize that text."""

DOC = f"""\
Forms
=====

Login
*****

*Path*:
  ``shop.account.forms.LoginForm``
*Used on*:
  `account_login <views.html#login>`__ view.

Example override::

    from shop.account.forms import LoginForm
    class MyLoginForm(LoginForm):
        def login(self, *args, **kwargs):
            return super().login(*args, **kwargs)

{HELP}


Change password
***************

*Path*:
  ``shop.account.forms.ChangePasswordForm``
*Used on*:
  `account_change_password <views.html#change>`__ view.

{HELP}


Reset password
**************

*Path*:
  ``shop.account.forms.ResetPasswordForm``
*Used on*:
  `account_reset_password <views.html#reset>`__ view.

{HELP}
"""


def test_sphinx_page_piped_is_authored_and_kept() -> None:
    page = decide(DOC, Config())
    assert page.kind == AUTHORED
    assert any(s.name == "rest" for s in page.signals)
    r = clean(DOC)
    assert r.text == DOC and not r.fixes


@pytest.mark.parametrize("mark", ["=", "-", "*", "~", "^", "#", "+"])
def test_titles_underlined_with_any_mark_count(mark: str) -> None:
    text = "\n\n".join(f"Part {n}\n{mark * 6}\n\nSome text of part {n}." for n in range(3))
    page = decide(text, Config())
    assert any(s.name == "rest" for s in page.signals)


def test_a_rule_under_a_line_of_other_length_is_no_title() -> None:
    text = "\n\n".join(f"A line of text number {n} here\n{'*' * 6}\n\nMore." for n in range(3))
    page = decide(text, Config())
    assert not any(s.name == "rest" for s in page.signals)
