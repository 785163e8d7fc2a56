"""Static HTML pages of a corpus: an index and one right-to-left page per document.

Each annotated span is an element carrying `data-id`, `data-start` and `data-end` (code points into
the stored text), so a reader, or a test in a browser, can check that it sits at its offsets: the
text of the `#text` element is exactly the document text. Spans that cross are split into fragments
with the same `data-id`. Normalized values are shown with CSS from `data-norm`, outside the text.
Nothing is fetched: styles and script are inline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..corpus.model import EVENT_ATTRIBUTES, Document
from ..corpus.ontology import load_ontology

# Readable on white, distinct from each other; assigned to ontology types in order.
PALETTE = ["#f4a3a3", "#9fd3f5", "#b9e3a3", "#f7d48a", "#d4b3f0", "#f5b8dd", "#a8e6dc", "#e0c9a6",
           "#c2c8f2", "#f2c4a0", "#cfe8a0", "#a9c9e0", "#e8b0b0"]

STYLE = """
body { font-family: "Noto Naskh Arabic", "DejaVu Sans", sans-serif; margin: 2em; background: #fff; color: #111; }
#text { white-space: pre-wrap; font-size: 1.35em; line-height: 2.6; }
.m { border-radius: 4px; padding: 1px 0; box-decoration-break: clone; cursor: pointer; }
.m .m { padding: 0; }
.ent { border-bottom: 3px solid rgba(0, 0, 0, 0.25); }
.val { outline: 1px dashed #555; }
.val[data-norm]::after { content: " ⟨" attr(data-norm) "⟩"; font-size: 0.6em; color: #333; direction: ltr;
  unicode-bidi: isolate; }
.trg { background: #222 !important; color: #fff; }
.head { text-decoration: underline 2px; font-weight: bold; }
.lit { outline: 3px solid #e00 !important; }
.arg { outline: 3px solid #06c !important; }
table { border-collapse: collapse; margin: 1em 0; }
td, th { border: 1px solid #ccc; padding: 2px 8px; }
.legend span { display: inline-block; margin: 2px; padding: 2px 6px; border-radius: 4px; }
#panel { position: sticky; top: 0; background: #fffbe6; border: 1px solid #e6d98c; padding: 4px 8px; min-height: 1.5em; }
"""

SCRIPT = """
function clear() { document.querySelectorAll('.lit, .arg').forEach(e => e.classList.remove('lit', 'arg')); }
function light(el) {
  clear();
  const id = el.dataset.id, panel = document.getElementById('panel');
  document.querySelectorAll('[data-id="' + id + '"]').forEach(e => e.classList.add('lit'));
  if (el.dataset.entity) document.querySelectorAll('[data-entity="' + el.dataset.entity + '"]')
    .forEach(e => e.classList.add('lit'));
  (el.dataset.args || '').split(' ').filter(Boolean).forEach(a => {
    const ref = a.split('=')[1];
    document.querySelectorAll('[data-id="' + ref + '"]').forEach(e => e.classList.add('arg'));
  });
  panel.textContent = el.title;
}
document.querySelectorAll('[data-id]').forEach(el => {
  el.addEventListener('mouseenter', ev => { ev.stopPropagation(); light(el); });
  el.addEventListener('click', ev => { ev.stopPropagation(); light(el); });
});
// A link to page.html#EM1 opens with EM1 and its arguments (or M1 and its chain) lit.
if (location.hash) {
  const el = document.querySelector('[data-id="' + decodeURIComponent(location.hash.slice(1)) + '"]');
  if (el) { light(el); el.scrollIntoView(); }
}
"""


@dataclass
class _Mark:
    start: int
    end: int
    css: str
    attrs: dict[str, str]
    children: list["_Mark"] = field(default_factory=list)
    whole: tuple[int, int] = (0, 0)  # the offsets of the whole span, for fragments too

    def __post_init__(self):
        if self.whole == (0, 0):
            self.whole = (self.start, self.end)


def colors() -> dict[str, str]:
    onto = load_ontology()
    names = [*onto.entity_types, *onto.value_types]
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def _marks(document: Document) -> list[_Mark]:
    a = document.annotation
    out = []
    classes = {e.id: e.entity_class for e in a.entities}
    for m in a.entity_mentions:
        title = f"{m.id} {m.type}:{m.subtype} {m.mention_type} {classes.get(m.entity_id, '')} chain {m.entity_id}"
        attrs = {"data-kind": "entity", "data-type": m.type, "data-entity": m.entity_id, "title": title}
        if m.gpe_role:
            attrs["data-gpe-role"] = m.gpe_role
            attrs["title"] += f" role {m.gpe_role}"
        out.append(_Mark(m.span.start, m.span.end, f"m ent t-{m.type}", {"data-id": m.id, **attrs}))
        if m.head is not None:
            out.append(_Mark(m.head.start, m.head.end, "head", {"data-head-of": m.id}))
    for v in a.value_mentions:
        kind = f"{v.type}:{v.subtype}" if v.subtype else v.type
        attrs = {"data-id": v.id, "data-kind": "value", "data-type": v.type,
                 "title": f"{v.id} {kind} {v.timex_type or ''} {v.normalized or ''} {v.mod or ''}".strip()}
        if v.normalized is not None:
            attrs["data-norm"] = v.normalized
        out.append(_Mark(v.span.start, v.span.end, f"m val t-{v.type}", attrs))
    for e in a.event_mentions:
        args = " ".join(f"{x.role}={x.ref}" for x in e.arguments)
        attributes = " ".join(f"{k}={getattr(e, k)}" for k in EVENT_ATTRIBUTES)
        out.append(_Mark(e.trigger.start, e.trigger.end, "m trg", {
            "data-id": e.id, "data-kind": "event", "data-type": e.type, "data-event": e.event_id,
            "data-args": args, "data-attributes": attributes,
            "title": f"{e.id} {e.type} event {e.event_id}: {args} | {attributes}"}))
    return out


def _nest(marks: list[_Mark]) -> list[_Mark]:
    """Marks as a tree; a mark that crosses an enclosing one is split into fragments."""
    roots: list[_Mark] = []
    stack: list[_Mark] = []
    pending = sorted(marks, key=lambda m: (m.start, -m.end, m.css))
    i = 0
    while i < len(pending):
        mark = pending[i]
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            # Crosses its parent: keep the part inside, queue the rest as a fragment.
            rest = _Mark(stack[-1].end, mark.end, mark.css, dict(mark.attrs), whole=mark.whole)
            mark.end = stack[-1].end
            pending.insert(next((k for k in range(i + 1, len(pending))
                                 if (pending[k].start, -pending[k].end) > (rest.start, -rest.end)), len(pending)), rest)
        (stack[-1].children if stack else roots).append(mark)
        stack.append(mark)
        i += 1
    return roots


def _render(text: str, marks: list[_Mark], start: int, end: int) -> str:
    out, pos = [], start
    for mark in marks:
        out.append(html.escape(text[pos:mark.start]))
        span_start, span_end = mark.whole
        attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in mark.attrs.items())
        out.append(f'<span class="{mark.css}"{attrs} data-start="{span_start}" data-end="{span_end}">')
        out.append(_render(text, mark.children, mark.start, mark.end))
        out.append("</span>")
        pos = mark.end
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _text_html(document: Document) -> str:
    return _render(document.text, _nest(_marks(document)), 0, len(document.text))


def _style() -> str:
    rules = [f".t-{name.replace(':', '_')} {{ background: {color}; }}" for name, color in colors().items()]
    return STYLE + "\n".join(rules)


def _legend() -> str:
    items = "".join(f'<span class="t-{n}">{html.escape(n)}</span>' for n in colors())
    return f'<p class="legend">{items}<span class="trg">trigger</span> <span class="head">head</span></p>'


def _chains(document: Document) -> str:
    a = document.annotation
    by_id = {m.id: m for m in (*a.entity_mentions, *a.value_mentions)}
    rows = []
    for e in a.entities:
        mentions = [m for m in a.entity_mentions if m.entity_id == e.id]
        cells = "، ".join(f'<span data-ref="{m.id}">{html.escape(m.span.text)}</span>' for m in mentions)
        rows.append(f'<tr data-chain="{e.id}"><td>{e.id}</td><td class="t-{e.type}">{e.type}:{e.subtype}</td>'
                    f"<td>{e.entity_class}</td><td>{cells}</td></tr>")
    events = []
    for em in a.event_mentions:
        args = "، ".join(f"{x.role}: {html.escape(by_id[x.ref].span.text) if x.ref in by_id else x.ref}"
                        for x in em.arguments)
        attributes = " ".join(getattr(em, k) for k in EVENT_ATTRIBUTES)
        events.append(f'<tr data-event-row="{em.id}"><td>{em.event_id}</td><td>{em.id}</td><td>{em.type}</td>'
                      f"<td>{html.escape(em.trigger.text)}</td><td>{args}</td><td>{attributes}</td></tr>")
    return ("<h2>سلاسل الإحالة (coreference)</h2><table><tr><th>id</th><th>type</th><th>class</th>"
            f"<th>mentions</th></tr>{''.join(rows)}</table>"
            "<h2>الأحداث (events)</h2><table><tr><th>event</th><th>mention</th><th>type</th><th>trigger</th>"
            f"<th>arguments</th><th>{' / '.join(EVENT_ATTRIBUTES)}</th></tr>{''.join(events)}</table>")


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_style()}</style></head>\n<body>{body}"
            f"<script>{SCRIPT}</script></body></html>\n")


def document_page(document: Document) -> str:
    meta = document.metadata
    heading = html.escape(meta.title or document.id)
    info = html.escape(f"{document.id} · {meta.date} · {meta.source} · {meta.provenance}")
    body = (f'<p><a href="index.html">الفهرس</a></p><h1>{heading}</h1><p dir="ltr">{info}</p>{_legend()}'
            f'<div id="panel" dir="ltr"></div>'
            f'<div id="text" data-document="{html.escape(document.id)}" data-length="{len(document.text)}">'
            f"{_text_html(document)}</div>{_chains(document)}")
    return _page(meta.title or document.id, body)


def index_page(documents: list[Document]) -> str:
    rows = "".join(
        f'<tr><td><a href="{html.escape(d.id)}.html">{html.escape(d.id)}</a></td>'
        f"<td>{html.escape(d.metadata.title or '')}</td><td>{d.metadata.date}</td>"
        f"<td>{len(d.annotation.entity_mentions)}</td><td>{len(d.annotation.value_mentions)}</td>"
        f"<td>{len(d.annotation.event_mentions)}</td></tr>" for d in documents)
    body = ("<h1>حدث · Hadath</h1><table><tr><th>id</th><th>title</th><th>date</th><th>entity mentions</th>"
            f"<th>values</th><th>event mentions</th></tr>{rows}</table>")
    return _page("Hadath", body)
