"""Showing document text safely: Markdown-escaped, so nothing in a plan is rendered as markup or HTML, and no
address in it becomes a link."""
from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'])")
# Streamlit's Markdown turns bare addresses into links after parsing (GFM autolink literals), so a backslash does
# not stop it: a WORD JOINER (U+2060, invisible, zero width) after "scheme:", "www" and "@" breaks the pattern.
_AUTOLINK_START = re.compile(r"(?i)(\b(?:https?|ftp|mailto|xmpp):|\bwww(?=\.)|@)")
WORD_JOINER = "\u2060"


def escape_markdown(text: object) -> str:
    """Document text as literal Markdown; line breaks are kept, addresses stay text.

    >>> escape_markdown("**bold** <b>x</b> [a](javascript:1)")
    '\\\\*\\\\*bold\\\\*\\\\* \\\\<b\\\\>x\\\\</b\\\\> \\\\[a\\\\]\\\\(javascript\\\\:1\\\\)'
    >>> escape_markdown("https://a.fi www.b.fi c@d.fi").replace(WORD_JOINER, "^")
    'https\\\\:^//a\\\\.fi www^\\\\.b\\\\.fi c@^d\\\\.fi'
    """
    if text is None:
        return ""
    joined = _AUTOLINK_START.sub(lambda match: match.group(1) + WORD_JOINER, str(text))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", joined)
    return escaped.replace("\n", "  \n")


def shown_text(markdown: str) -> str:
    """What a reader sees of escaped text (for tests and comparisons): escapes and joiners removed.

    >>> shown_text(escape_markdown("[x](https://a.fi) **b** c@d.fi"))
    '[x](https://a.fi) **b** c@d.fi'
    """
    return re.sub(r"\\(.)", r"\1", markdown.replace(WORD_JOINER, "").replace("  \n", "\n"))
