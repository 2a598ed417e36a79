"""Reading an article a mentor uploads: .txt, .md, .docx, .pdf, or a web page saved as .html, to plain text.

The drafter (:mod:`evaluator.authoring`) reads the article's structure from plain text: headings on
lines of their own, bullets as "- ..." lines, paragraphs separated by blank lines. Each format is
brought to that shape here, with the same readers and limits as answers (:mod:`evaluator.io.ingest`):
a .docx keeps its list paragraphs as bullets, a web page keeps its headings, list items and paragraphs
and drops scripts, navigation, headers, footers and forms. Articles longer than
:data:`MAX_ARTICLE_BYTES` are refused (drafting stays fast on what a mentor would paste).
"""

from __future__ import annotations

from pathlib import PurePath

from evaluator.io.ingest import IngestError, _docx_text, _pdf_text, decode_text
from evaluator.io.limits import DEFAULT_LIMITS, SourceLimits

ARTICLE_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
MAX_ARTICLE_BYTES = 2_000_000  # the file; its text is then capped by the drafter
_DROPPED_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
                 "iframe", "template", "select")
_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dt", "dd", "figcaption", "td",
               "th", "div", "section", "article", "main", "title"}


def read_article_bytes(name: str, data: bytes, *, limits: SourceLimits = DEFAULT_LIMITS) -> str:
    """The text of an article file, by its suffix, as lines the drafter reads (headings, "- " bullets, paragraphs).

    >>> read_article_bytes("a.html", b"<html><body><nav>Home</nav><h2>Challenges</h2><ul><li>Cost is high."
    ...                    b"</li></ul><script>x()</script></body></html>")
    'Challenges\\n\\n- Cost is high.'
    >>> read_article_bytes("a.odt", b"")
    Traceback (most recent call last):
    ...
    evaluator.io.ingest.IngestError: a.odt: unsupported article type '.odt'; use .txt, .md, .docx, .pdf, .html, .htm
    """
    suffix = PurePath(name).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES and suffix:
        raise IngestError(name, f"unsupported article type '{suffix}'; use {', '.join(ARTICLE_SUFFIXES)}")
    if len(data) > MAX_ARTICLE_BYTES:
        raise IngestError(name, f"file is {len(data):,} bytes; articles up to {MAX_ARTICLE_BYTES:,} bytes are read")
    if suffix == ".docx":
        return _docx_text(name, data, limits, mark_lists=True)
    if suffix == ".pdf":
        return _pdf_text(name, data, limits)
    if suffix in (".html", ".htm"):
        return html_text(name, data)
    return decode_text(name, data)


def html_text(name: str, data: bytes) -> str:
    """A saved web page's readable text: headings and paragraphs as lines, list items as "- " bullets.

    The page's ``<article>`` or ``<main>`` is read when it has one (the rest is site furniture).
    """
    from lxml import etree, html

    try:
        root = html.fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(name, f"not a readable web page ({exc})") from None
    for element in list(root.iter(*_DROPPED_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    title = " ".join((root.findtext(".//title") or "").split())
    body = next(iter(root.xpath("//article") or root.xpath("//main") or root.xpath("//body") or [root]))
    blocks: list[str] = []
    _blocks(body, blocks)
    if title and not any(title.startswith(b) or b.startswith(title) for b in blocks[:3] if b):
        blocks.insert(0, title)
    return "\n\n".join(b for b in blocks if b)


def _blocks(element, out: list[str]) -> None:  # noqa: ANN001 - an lxml element
    """Each block element's own text once: a list item as a bullet, a block inside a block on its own line."""
    tag = element.tag if isinstance(element.tag, str) else ""
    has_blocks = any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS | {"ul", "ol"} for c in element)
    if tag in _BLOCK_TAGS and not has_blocks:
        text = " ".join(element.text_content().split())
        if text:
            out.append(f"- {text}" if tag == "li" else text)
        return
    start = len(out)
    if element.text and element.text.strip() and tag in _BLOCK_TAGS:
        out.append(" ".join(element.text.split()))
    for child in element:
        if isinstance(child.tag, str):
            _blocks(child, out)
        if child.tail and child.tail.strip() and tag in _BLOCK_TAGS:
            out.append(" ".join(child.tail.split()))
    if tag == "li" and len(out) > start:  # a list item of paragraphs is still one bullet
        out[start:] = ["- " + " ".join(out[start:])]
