"""What the printed documents share: their templates, their stylesheet, and the SVG styles
paper needs.

The documents are HTML first (a browser prints them as well), then PDF. WeasyPrint does not
cascade the page's stylesheet into inline SVG, so :func:`for_print` gives every figure and
chart its own copy of ``svg.css``; a browser styles the same classes from the page's
stylesheet.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"
SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")


def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_stylesheet() -> str:
    """The page's rules only: what a document printed by WeasyPrint carries in its head (the
    SVGs carry their own, see :func:`for_print`)."""
    return (TEMPLATES / "print.css").read_text(encoding="utf-8")


def stylesheet() -> str:
    """The whole stylesheet of a printed document shown in a browser: the page's and the
    SVGs'."""
    return "\n".join(
        (TEMPLATES / name).read_text(encoding="utf-8") for name in ("print.css", "svg.css")
    )


def for_print(html: str) -> str:
    """``html`` with ``svg.css`` inside every inline SVG, for a renderer that styles SVG only
    from within."""
    rules = (TEMPLATES / "svg.css").read_text(encoding="utf-8")
    return SVG_OPEN.sub(lambda found: f"{found.group(1)}<style>{rules}</style>", html)
