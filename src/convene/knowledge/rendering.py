"""Minutes' Markdown to safe HTML: markdown-it-py renders, nh3 (Ammonia) sanitises.

Raw HTML typed into the Markdown is shown as text, never run. After rendering, nh3 keeps only
the tags below, links only to http, https and mailto addresses (each with ``rel="noopener
noreferrer"``), images only from this site (a path starting with one ``/``), and no ``style``,
``class`` or event attribute. Headings move one level down, as the page's own title is the
``h1``; a table sits in a focusable region that scrolls sideways on a phone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import nh3
from django.utils.html import escape
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

TAGS = frozenset(
    {
        *("h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote"),
        *("ul", "ol", "li", "a", "em", "strong", "s", "del", "code", "pre"),
        *("table", "thead", "tbody", "tr", "th", "td", "img"),
    }
)
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable(["table", "strikethrough"])
_TABLE = re.compile(r"<table>")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Images from this site only: a path on it, never another host nor a ``data:`` URL."""
    if tag == "img" and attribute == "src":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


def render_markdown(text: str) -> str:
    """Safe HTML for ``text`` (Markdown); an empty string for empty text."""
    if not text.strip():
        return ""
    tokens = _markdown.parse(text)
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    html = _markdown.renderer.render(tokens, _markdown.options, {})
    clean = nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    count = 0

    def region(_match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        label = escape(_("Table %(n)d") % {"n": count})
        return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}"><table>'

    return _TABLE.sub(region, clean).replace("</table>", "</table></div>")


def pick_language(texts: Mapping[str, str], wanted: str) -> str:
    """The language to show of ``texts`` (code to text): ``wanted`` if written, else English,
    else the first one written; an empty string when none is."""
    filled = [code for code, text in texts.items() if text.strip()]
    for code in (wanted, "en"):
        if code in filled:
            return code
    return filled[0] if filled else ""
