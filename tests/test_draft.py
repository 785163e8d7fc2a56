"""The draft format: offsets computed from inline brackets, exact round trips, clear errors."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.corpus.files import Layout, load_document
from hadath.corpus.draft import DraftError, anchor, render
from hadath.corpus.model import Span

REPO = Path(__file__).parent.parent
HEADER = "id: 950_draft\ndate: 2026-01-28\nsource: composed\nprovenance: composed\nfactuality: fictional\n" \
         "license: CC-BY-4.0\ntopics: politics\n"


def draft(text: str, annotations: str) -> str:
    return f"{HEADER}===== text =====\n{text}\n===== annotations =====\n{annotations}\n"


def test_clitic_offsets_are_computed():
    doc = anchor(draft("زار و[سوريا]{M1} و[لقائ]{EM1}[هما]{M2}",
                       "E1 GPE Nation SPC\nE2 PER Group SPC\nM1 E1 NAM gpe_role=LOC\nM2 E2 PRO\n"
                       "EV1 Contact:Meet\nEM1 EV1 realis=actual tense=past Entity=M2"))
    assert doc.text == "زار وسوريا ولقائهما"
    m1, m2 = doc.annotation.entity_mentions
    assert m1.span == Span(5, 10, "سوريا")
    assert doc.annotation.event_mentions[0].trigger == Span(12, 16, "لقائ")
    assert m2.span == Span(16, 19, "هما")


def test_nested_spans_heads_and_shared_labels():
    doc = anchor(draft("[[الرئيس]{M1.head,V1} [الروسي]{M2}]{M1}",
                       "E1 PER Individual SPC\nE2 GPE Nation SPC\nM1 E1 NOM\nM2 E2 NAM gpe_role=GPE\nV1 Job-Title"))
    m1, m2 = doc.annotation.entity_mentions
    assert (m1.span, m1.head) == (Span(0, 13, "الرئيس الروسي"), Span(0, 6, "الرئيس"))
    assert m2.span == Span(7, 13, "الروسي")
    assert doc.annotation.value_mentions[0].span == Span(0, 6, "الرئيس")


@pytest.mark.parametrize("text,annotations,message", [
    ("[سوريا]{M1", "", "']' without '{LABELS}'"),
    ("سوريا]{M1}", "", "closes no open '['"),
    ("[سوريا", "", "'[' is never closed"),
    ("[سوريا]{M1}", "", "M1 marked but never defined"),
    ("سوريا", "E1 GPE Nation SPC\nM1 E1 NAM", "M1 is defined but never marked"),
    ("[سوريا]{M1}", "M1 E1 NAM", "with E1 defined above"),
    ("[سوريا]{M1}", "E1 GPE Nation", "expected 'E1 TYPE SUBTYPE CLASS'"),
])
def test_errors_name_the_problem(text, annotations, message):
    with pytest.raises(DraftError, match=message.replace("[", r"\[").replace("{", r"\{")):
        anchor(draft(text, annotations))


def test_error_names_the_line():
    with pytest.raises(DraftError, match=r"^line 12: "):
        anchor(draft("[سوريا]{M1}", "E1 GPE Nation SPC\nM1 E9 NAM"))


def test_seed_round_trips_through_a_draft():
    doc = load_document(Layout(REPO), "000_aae7326fe8a0fcf7")
    assert anchor(render(doc)) == doc


_WORDS = st.lists(st.sampled_from(["سوريا", "الرئيس", "وموسكو", "لقائهما", "١٤", "عاما", "،", "."]),
                  min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(_WORDS, st.data())
def test_random_nested_marks_round_trip(words, data):
    text = " ".join(words)
    bounds = [0]
    for w in words:
        bounds.append(bounds[-1] + len(w) + 1)
    n = len(words)
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(i + 1, n))
    k = data.draw(st.integers(i, j - 1))
    outer = (bounds[i], bounds[j] - 1)
    inner = (bounds[k], bounds[k + 1] - 1)
    marked = text[:outer[0]] + "[" + text[outer[0]:inner[0]] + "[" + text[inner[0]:inner[1]] + "]{M2}" \
        + text[inner[1]:outer[1]] + "]{M1}" + text[outer[1]:]
    if inner == outer:
        marked = text[:outer[0]] + "[" + text[outer[0]:outer[1]] + "]{M1,V1}" + text[outer[1]:]
        doc = anchor(draft(marked, "E1 PER Group SPC\nM1 E1 NOM\nV1 Job-Title"))
    else:
        doc = anchor(draft(marked, "E1 PER Group SPC\nE2 PER Group SPC\nM1 E1 NOM\nM2 E2 NOM"))
    assert doc.text == text
    assert doc.annotation.entity_mentions[0].span == Span.of(text, *outer)
    assert anchor(render(doc)) == doc


def test_brackets_of_the_text_are_escaped_and_round_trip():
    doc = anchor(draft(r"\[تحرير\] [غزة]{M1} \{x\} \\", "E1 GPE Population-Center SPC\nM1 E1 NAM gpe_role=LOC"))
    assert doc.text == "[تحرير] غزة {x} \\"
    assert doc.annotation.entity_mentions[0].span == Span(8, 11, "غزة")
    assert r"\[تحرير\] [غزة]{M1} \{x\} \\" in render(doc)
    assert anchor(render(doc)) == doc
