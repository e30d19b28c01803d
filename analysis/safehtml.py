"""Untrusted text in HTML and Markdown: escaping where a string is produced, and the last gate
before a notebook is rendered to a page.

Article text, corpus metadata and user aliases are untrusted. Every function that puts such a
string into HTML or Markdown escapes it (:func:`md_escape` for Markdown, ``html.escape`` for HTML).
:func:`defuse_notebook` is defence in depth: it inspects every rich output of an executed notebook
(``text/html``, ``text/markdown``, ``image/svg+xml``) and every Markdown cell, and removes active
content (scripts, event handlers, ``javascript:``/``data:`` links, frames, objects, forms, meta and
base elements, SVG animations, style that loads or runs anything) element by element and
attribute by attribute, with ``lxml_html_clean`` and a tree walk; the rest of the output, tables
included, stays. Text that merely names active content ("javascript:" in a sentence) is text, and
stays as it is. Output types a page would run as code (``application/javascript``, widget state)
are dropped.

>>> md_escape("<b>*Lavrov*</b> [x](javascript:alert(1))")
'&lt;b&gt;\\\\*Lavrov\\\\*&lt;/b&gt; \\\\[x\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\)'
>>> sanitize_html('<table><tr><td onclick="steal()">javascript: a word</td></tr></table>')
('<table><tr><td>javascript: a word</td></tr></table>', 1)
"""
from __future__ import annotations

import html
import re

# markup characters of Markdown (CommonMark's backslash escapes); '<', '>' and '&' become entities
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_BAD_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "form",
    "portal", "foreignobject", "handler", "listener", "animate", "animatemotion", "animatetransform",
    "animatecolor", "set", "discard", "import", "xml",
})
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|mocha|data|file|jar):", re.I)
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpe?g|gif|webp|bmp);", re.I)
_BAD_CSS = re.compile(r"expression\s*\(|javascript:|vbscript:|@import|-moz-binding|behavior\s*:|url\s*\((?!\s*['\"]?\s*data:image/)",
                      re.I)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
SAFE_MIMETYPES = frozenset({
    "text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png", "image/jpeg",
    "image/gif", "application/json", "application/scrapbook.scrap.json+json",
})
REMOVED_NOTE = "[an output that could not be shown safely was removed from this page]"


def md_escape(value) -> str:
    """``value`` as Markdown text that shows as written: HTML special characters as entities,
    Markdown markup characters backslash-escaped, line breaks as spaces (no new block can start).

    >>> md_escape("# RT & *Sputnik*\\n> quote")
    '\\\\# RT &amp; \\\\*Sputnik\\\\* &gt; quote'
    """
    text = " ".join(str(value).split())
    return html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)


# ----------------------------------------------------------------------------- the tree walk
def _local(name) -> str:
    name = str(name)
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _bad_attribute(tag: str, name: str, value: str) -> bool:
    local = _local(name)
    if local.startswith("on") or local in ("srcdoc", "formaction"):
        return True
    v = _URL_NOISE.sub("", value)
    if local == "style":
        return bool(_BAD_CSS.search(value))
    if _BAD_SCHEME.match(v):
        return not (local in ("src", "href") and tag in ("img", "image") and _IMAGE_DATA.match(v))
    return False


def _defuse_tree(root) -> int:
    """Remove active content from an lxml tree in place; the number of elements and attributes
    removed. The text of a removed element goes too; its tail (the text after it) stays."""
    removed = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments and processing instructions
            if el.getparent() is not None:
                _drop(el)
                removed += 1
            continue
        tag = _local(el.tag)
        if tag in _BAD_TAGS or (tag == "style" and _BAD_CSS.search(el.text or "")):
            if el.getparent() is not None:
                _drop(el)
                removed += 1
            continue
        for name, value in list(el.attrib.items()):
            if _bad_attribute(tag, name, value):
                del el.attrib[name]
                removed += 1
    return removed


def _drop(el) -> None:
    """Remove ``el`` with its content, keeping the text that follows it."""
    parent, tail = el.getparent(), el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _cleaner():
    from lxml_html_clean import Cleaner

    return Cleaner(scripts=True, javascript=True, comments=True, style=False, inline_style=False, links=True,
                   meta=True, page_structure=False, processing_instructions=True, embedded=True, frames=True,
                   forms=True, annoying_tags=False, remove_unknown_tags=False, safe_attrs_only=False,
                   add_nofollow=False)


# ------------------------------------------------------------------------------ the cleaners
def sanitize_html(fragment: str) -> tuple[str, int]:
    """``(html, removed)``: an HTML fragment without active content, and how many elements and
    attributes were removed. A fragment with none comes back unchanged, byte for byte."""
    import lxml.html
    from lxml import etree

    if not fragment or not fragment.strip():
        return fragment, 0
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.escape(fragment), 1
    removed = _defuse_tree(root)
    if not removed:
        return fragment, 0
    _cleaner()(root)
    _defuse_tree(root)
    inner = (html.escape(root.text) if root.text else "") + "".join(
        lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in root)
    return inner, removed


def sanitize_svg(svg: str) -> tuple[str | None, int]:
    """``(svg, removed)`` for an SVG document; ``(None, 1)`` when it is not well-formed XML (it
    is then left out rather than shown). Entities are not expanded and nothing is fetched."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(svg.encode("utf-8") if isinstance(svg, str) else svg, parser)
    except etree.XMLSyntaxError:
        return None, 1
    if _local(root.tag) in _BAD_TAGS:
        return None, 1
    removed = _defuse_tree(root)
    if not removed:
        return svg, 0
    return etree.tostring(root, encoding="unicode"), removed


def sanitize_markdown(source: str) -> tuple[str | None, int]:
    """``(html, removed)``: Markdown rendered to HTML (as the page would render it) without active
    content; ``(None, 0)`` when the rendering holds none (the Markdown can be kept as it is)."""
    from nbconvert.filters import markdown2html

    rendered = markdown2html(source)
    clean, removed = sanitize_html(rendered)
    return (clean, removed) if removed else (None, 0)


# ------------------------------------------------------------------------------ a notebook
def defuse_output(out: dict) -> int:
    """Make one notebook output safe to render, in place; the number of items removed."""
    data = out.get("data")
    if not isinstance(data, dict):
        return 0
    removed = 0
    for mime in [m for m in data if m not in SAFE_MIMETYPES]:
        del data[mime]
        removed += 1
    if "text/html" in data:
        clean, n = sanitize_html(_text(data["text/html"]))
        if n:
            data["text/html"] = clean
            removed += n
    if "text/markdown" in data:
        clean, n = sanitize_markdown(_text(data["text/markdown"]))
        if n:
            del data["text/markdown"]
            data.setdefault("text/html", clean)
            removed += n
    if "image/svg+xml" in data:
        clean, n = sanitize_svg(_text(data["image/svg+xml"]))
        if clean is None:
            del data["image/svg+xml"]
        elif n:
            data["image/svg+xml"] = clean
        removed += n
    if removed and not (set(data) - {"application/scrapbook.scrap.json+json"}):
        data["text/plain"] = REMOVED_NOTE
    return removed


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def defuse_notebook(nb):
    """The last gate before rendering: every rich output and every Markdown cell of ``nb`` made
    safe, in place (see the module docstring); widget state, which would load a script from the
    network, is dropped from the metadata. Returns ``nb``."""
    import nbformat

    nb.metadata.pop("widgets", None)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            clean, n = sanitize_markdown(cell.source)
            if n:
                nb.cells[i] = nbformat.v4.new_raw_cell(clean, metadata={"raw_mimetype": "text/html"})
        elif cell.cell_type == "raw":
            clean, n = sanitize_html(cell.source)
            if n:
                cell.source = clean
        for out in cell.get("outputs", []):
            defuse_output(out)
    return nb
