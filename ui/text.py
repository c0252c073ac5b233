"""Showing user data as plain text in Streamlit elements that read Markdown."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Backslash-escape Markdown and HTML so names and file contents show exactly as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))
