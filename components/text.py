"""Showing document text safely: Markdown-escaped, so nothing in a plan is rendered as markup or HTML."""
from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'])")


def escape_markdown(text: object) -> str:
    """Document text as literal Markdown; line breaks are kept.

    >>> escape_markdown("**bold** <b>x</b> [a](javascript:1)")
    '\\\\*\\\\*bold\\\\*\\\\* \\\\<b\\\\>x\\\\</b\\\\> \\\\[a\\\\]\\\\(javascript\\\\:1\\\\)'
    """
    if text is None:
        return ""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")
