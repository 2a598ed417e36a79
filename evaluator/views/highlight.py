"""Render an answer as HTML with the phrases that earned each key point marked.

Pure functions: answer text and an :class:`~evaluator.core.scoring.Evaluation` in, an HTML
string out. Every piece of the answer goes through :func:`html.escape`, so a pasted
``<script>`` stays text. Spans may overlap (a keyword inside a matched sentence, two
key points sharing a phrase): the text is cut at every span boundary and each piece is
marked with all the key points that cover it.

>>> spans = [Highlight(0, 5, "p1", "covered", "keyword", "India"), Highlight(0, 12, "p2", "partial", "keyword", "India and US")]
>>> render_highlights("India and US <b>", spans)  # doctest: +ELLIPSIS
'<div class="answer-hl"><mark ...>India</mark><sup ...>P1</sup><mark ...> and US</mark><sup ...>P2</sup> &lt;b&gt;</div>'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from evaluator.core.results import Evaluation, EvidenceKind, Status
from evaluator.rubrics.model import plain_name

# background per key point status; a piece covered by several points takes the best status
STATUS_COLOURS: dict[str, str] = {"covered": "#b7ebc6", "partial": "#ffe59a", "missing": "#e3e3e3",
                                  "contradicted": "#f6b3b0"}
STATUS_RANK: dict[str, int] = {"contradicted": 3, "covered": 2, "partial": 1, "missing": 0}
KIND_NAMES: dict[str, str] = {"keyword": "keyword", "fuzzy": "close spelling of", "semantic": "similar in meaning to",
                              "contradiction": "contradicts"}
LEXICAL_KINDS = frozenset({"keyword", "fuzzy"})
LEGEND_NAMES = {"contradicted": "wrong"}
_TRAILING = " \t\n.,;:!?\u2026"  # not marked at the end of a span
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One span of the answer to mark: ``text[start:end]`` supports key point ``point_id``."""

    start: int
    end: int
    point_id: str
    status: Status
    kind: EvidenceKind
    matched: str  # the rubric alias or statement it matched, shown on hover


def highlights_from(evaluation: Evaluation) -> list[Highlight]:
    """The spans to mark for an evaluation, in answer order.

    Keyword and misspelt-keyword hits are always marked. A matched sentence (semantic
    evidence) is marked only for a covered or partial point with no keyword hit, so a
    paraphrased point is still shown without painting every sentence of a good answer.

    Args:
        evaluation: the result of :func:`evaluator.evaluate`; refused answers have no points.

    Returns:
        Highlights sorted by start, then by longest first.
    """
    spans: list[Highlight] = []
    for point in evaluation.points:
        if point.status == "contradicted":
            # what the answer got wrong: the contradicting sentences, in red, with what is wrong in them
            chosen = [e for e in point.evidence if e.kind == "contradiction"]
        else:
            lexical = [e for e in point.evidence if e.kind in LEXICAL_KINDS]
            chosen = lexical
            if not lexical and point.status != "missing":
                chosen = [e for e in point.evidence if e.kind == "semantic"]
        # a sentence's closing punctuation is not marked, so its label follows the last word, not a lone "."
        spans.extend(Highlight(e.start, e.start + len(e.text.rstrip(_TRAILING)), point.id, point.status, e.kind,
                               e.matched) for e in chosen)
    return sorted(spans, key=lambda h: (h.start, -h.end, h.point_id))


def render_highlights(text: str, spans: Iterable[Highlight], labels: Mapping[str, str] | None = None) -> str:
    """Escaped HTML of ``text`` with each span in a ``<mark>`` and a key point label after it.

    Args:
        text: the answer exactly as scored (span offsets index into it).
        spans: highlights; out-of-range offsets are clipped and empty spans dropped.
        labels: what to call each key point (its ``KeyPoint.label``); by default its id in words.

    Returns:
        ``<div class="answer-hl">...</div>``; line breaks are kept by ``white-space: pre-wrap``
        (see :data:`HIGHLIGHT_CSS`), so no markdown or HTML in the answer is interpreted.

    >>> render_highlights("a < b", [])
    '<div class="answer-hl">a &lt; b</div>'
    """
    # 1. clip to the text and drop empty spans
    valid = [h for h in spans if min(h.end, len(text)) > max(h.start, 0)]
    valid = [_clip(h, len(text)) for h in valid]
    # 2. cut the text at every span boundary
    cuts = sorted({0, len(text), *(h.start for h in valid), *(h.end for h in valid)})
    parts: list[str] = ['<div class="answer-hl">']
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b], quote=True)
        active = [h for h in valid if h.start <= a and h.end >= b]
        # 3. mark the piece with every key point covering it; colour by the best status
        if active:
            best = max(active, key=lambda h: STATUS_RANK[h.status])
            title = "; ".join(dict.fromkeys(_describe(h, labels) for h in active))
            parts.append(
                f'<mark class="hl hl-{best.status}" style="background:{STATUS_COLOURS[best.status]}" '
                f'title="{html.escape(title, quote=True)}">{piece}</mark>'
            )
        else:
            parts.append(piece)
        # 4. label each span where it ends, once per key point
        ending = dict.fromkeys(h.point_id for h in valid if h.end == b)
        parts.extend(_label(point_id, labels) for point_id in ending)
    parts.append("</div>")
    return "".join(parts)


def highlight_html(text: str, evaluation: Evaluation, labels: Mapping[str, str] | None = None) -> str:
    """The answer as escaped HTML with the evaluation's evidence marked and labelled.

    Args:
        text: the answer that was evaluated.
        evaluation: its evaluation.
        labels: each key point's name for a reader (``{p.id: p.label for p in question.key_points}``).

    Returns:
        HTML for ``st.html``; prepend :data:`HIGHLIGHT_CSS` for the styles.
    """
    return render_highlights(text, highlights_from(evaluation), labels)


def escape_markdown(text: str) -> str:
    r"""Backslash-escape Markdown (and Streamlit's ``$``/``:colour[]``) syntax so text shows literally.

    >>> escape_markdown("*bold* [link](x) $5")
    '\\*bold\\* \\[link\\]\\(x\\) \\$5'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _clip(h: Highlight, length: int) -> Highlight:
    if 0 <= h.start and h.end <= length:
        return h
    return Highlight(max(h.start, 0), min(h.end, length), h.point_id, h.status, h.kind, h.matched)


def point_name(point_id: str, labels: Mapping[str, str] | None = None) -> str:
    """A key point as a reader sees it: its label, else its id in words ("industrial-roadmap" -> "Industrial roadmap").

    >>> point_name("way-forward-state-visit")
    'Way forward state visit'
    """
    return labels[point_id] if labels and point_id in labels else plain_name(point_id)


def _describe(h: Highlight, labels: Mapping[str, str] | None) -> str:
    return f"{point_name(h.point_id, labels)} ({h.status}): {KIND_NAMES[h.kind]} \u201c{h.matched}\u201d"


def _label(point_id: str, labels: Mapping[str, str] | None) -> str:
    return (f'<sup class="hl-label" data-point="{html.escape(point_id, quote=True)}">'
            f'{html.escape(point_name(point_id, labels), quote=True)}</sup>')


HIGHLIGHT_CSS = """<style>
.answer-hl { white-space: pre-wrap; line-height: 1.9; font-size: 1rem; padding: 0.75rem 1rem;
  border: 1px solid rgba(128,128,128,0.3); border-radius: 0.5rem; }
.answer-hl mark.hl { padding: 0.1em 0.15em; border-radius: 0.25em; color: #1f1f1f; }
.answer-hl sup.hl-label { font-size: 0.68em; color: #555; background: rgba(128,128,128,0.12);
  border-radius: 0.3em; padding: 0 0.3em; margin: 0 0.15em; white-space: nowrap; }
</style>"""


def legend_html(statuses: Sequence[str] = ("covered", "partial", "contradicted")) -> str:
    """Small colour legend for the statuses shown in the highlight.

    >>> "covered" in legend_html()
    True
    """
    items = "".join(
        f'<mark style="background:{STATUS_COLOURS[s]};padding:0 0.4em;border-radius:0.25em;margin-right:0.8em">{LEGEND_NAMES.get(s, s)}</mark>'
        for s in statuses
    )
    return f'<div style="font-size:0.85rem">{items}</div>'
