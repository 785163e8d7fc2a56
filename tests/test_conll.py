"""hadath export conll: BIO columns that seqeval reads back into the annotated spans."""

from __future__ import annotations

from seqeval.metrics.sequence_labeling import get_entities

from hadath.corpus.files import iter_documents, load_splits

from interchange_helpers import CORPORA, CORPUS_IDS, FIXTURE, hadath

import pytest


def _read(path):
    """{document id: (header columns, rows)} of a CoNLL file."""
    documents, header, current = {}, None, None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#columns "):
            header = line.split()[1:]
        elif line.startswith("#begin document "):
            current = documents.setdefault(line.split()[-1], [])
        elif line and not line.startswith("#"):
            current.append(line.split("\t"))
    return header, documents


def _spans(header, rows, prefix):
    found = set()
    for k, name in enumerate(header):
        if name.startswith(prefix):
            for label, first, last in get_entities([r[k] for r in rows]):
                found.add((label, int(rows[first][1]), int(rows[last][2])))
    return found


@pytest.mark.parametrize("root", CORPORA, ids=CORPUS_IDS)
def test_conll_columns_give_back_the_spans(root, tmp_path):
    assert hadath("export", "conll", "--corpus", root, "--out", tmp_path)[0] == 0
    splits = load_splits(root)
    seen = {}
    for split in ("train", "validation", "test"):
        header, documents = _read(tmp_path / f"{split}.conll")
        assert sorted(documents) == sorted(splits[split])
        seen.update({i: (header, rows) for i, rows in documents.items()})
    for d in iter_documents(root):
        header, rows = seen[d.id]
        assert all(d.text[int(r[1]):int(r[2])] == r[0] for r in rows)
        # Tokens are cut at span edges, so every span comes back exactly.
        a = d.annotation
        assert _spans(header, rows, "ENTITY") == {(m.type, m.span.start, m.span.end) for m in a.entity_mentions}
        assert _spans(header, rows, "VALUE") == {(v.type, v.span.start, v.span.end) for v in a.value_mentions}
        assert _spans(header, rows, "EVENT") == {(e.type, e.trigger.start, e.trigger.end) for e in a.event_mentions}


def test_conll_by_hand(tmp_path):
    hadath("export", "conll", "--corpus", FIXTURE, "--out", tmp_path)
    lines = (tmp_path / "test.conll").read_text(encoding="utf-8").split("\n")
    assert lines[:4] == ["#columns token start end ENTITY1 ENTITY2 VALUE1 EVENT1",
                         "#begin document 902_fixture_arrival",
                         "بوتين\t0\t5\tB-PER\tO\tO\tO",
                         "يصل\t6\t9\tO\tO\tO\tB-Movement:Transport"]
    assert "السبت\t25\t30\tO\tO\tB-TIME\tO" in lines
    train = (tmp_path / "train.conll").read_text(encoding="utf-8").split("\n")
    # و + عُيّن is cut at the trigger's edge: و is a token of its own, and عُيّن carries the tag.
    at = next(k for k, l in enumerate(train) if l.startswith("عُيّن\t"))
    assert train[at - 1].startswith("و\t") and train[at - 1].endswith("\tO")
    assert train[at].endswith("\tB-Personnel:Start-Position")


@pytest.mark.parametrize("root", CORPORA, ids=CORPUS_IDS)
def test_conll_export_read_back_scores_one(root, tmp_path):
    from hadath.scoring.evaluation import Options, evaluate_files
    assert hadath("export", "conll", "--corpus", root, "--out", tmp_path)[0] == 0
    report = evaluate_files(tmp_path / "test.conll", root, Options(split="test", resamples=0))
    for schema in ("strict", "exact", "partial", "type"):
        assert report["entities"]["schemas"][schema]["overall"]["f1"] == 1.0, schema
        assert report["values"]["schemas"][schema]["overall"]["f1"] == 1.0, schema
    assert report["events"]["all"]["trigger_classification"]["f1"] == 1.0
