"""Baselines: exact outputs on small inputs, determinism, and the command's contract."""

import json
from pathlib import Path

import pytest

from hadath.baselines import BASELINES, run
from hadath.baselines import lexicon
from hadath.baselines.crf import _spans
from hadath.baselines.timex import recognize
from hadath.cli import main
from hadath.corpus.draft import anchor

FIXTURE = Path(__file__).parent / "fixtures" / "release_corpus"


@pytest.mark.parametrize("text,date,expected", [
    ("سيلتقي اليوم الأربعاء في موسكو", "2026-01-28", [("اليوم الأربعاء", "DATE", "2026-01-28", None)]),
    ("التقيا في منتصف أكتوبر الماضي", "2026-01-28", [("منتصف أكتوبر الماضي", "DATE", "2025-10", "MID")]),
    ("بعد ١٤ عاما من الحرب", "2026-01-28", [("١٤ عاما", "DURATION", "P14Y", None)]),
    ("وقعت في شباط 2024", "2026-01-28", [("شباط 2024", "DATE", "2024-02", None)]),
    ("في ٢٠ شعبان ١٤٤٦ هـ", "2025-02-19", [("٢٠ شعبان ١٤٤٦ هـ", "DATE", "2025-02-19", None)]),
    ("وصل أمس الاثنين", "2026-01-28", [("أمس الاثنين", "DATE", "2026-01-27", None)]),
    ("الجلسة الخميس المقبل", "2026-01-28", [("الخميس المقبل", "DATE", "2026-01-29", None)]),
    ("يجتمع كل أسبوع", "2026-01-28", [("كل أسبوع", "SET", "P1W", None)]),
    ("في الربع الثالث من العام الماضي", "2026-01-28", [("الربع الثالث من العام الماضي", "DATE", "2025-Q3", None)]),
    ("مساء أمس", "2026-01-28", [("مساء أمس", "TIME", "2026-01-27TEV", None)]),
    ("لمدة أسبوعين", "2026-01-28", [("أسبوعين", "DURATION", "P2W", None)]),
    ("في 19 نونبر المقبل", "2024-10-22", [("19 نونبر المقبل", "DATE", "2024-11-19", None)]),
    ("في 31 فبراير", "2026-01-28", []),
])
def test_timex_normalization(text, date, expected):
    assert [(t.text, t.timex_type, t.value, t.mod) for t in recognize(text, date)] == expected


def test_timex_spans_exclude_proclitics():
    [t] = recognize("ووصل بعد ٣ أيام وبيومين", "2026-01-28")[:1]
    assert (t.start, t.end, t.text) == (9, 15, "٣ أيام")
    assert [x.text for x in recognize("وغدا يصل", "2026-01-28")] == ["غدا"]


def test_bio_decoding_starts_a_span_at_a_stray_inside_tag():
    assert _spans(["I-PER", "I-PER", "O", "B-GPE", "I-ORG"]) == [(0, 2, "PER"), (3, 4, "GPE"), (4, 5, "ORG")]


def test_lexicon_matches_behind_a_proclitic_and_keeps_the_longest_form():
    header = "date: 2026-01-28\nsource: composed\nprovenance: composed\nfactuality: fictional\nlicense: CC-BY-4.0\n"
    seen = anchor(f"id: 901_a\n{header}===== text =====\nزار [سوريا]{{M1}} و[الرئيس [السوري]{{M3}}]{{M2}}.\n"
                  "===== annotations =====\nE1 GPE Nation SPC\nE2 PER Individual SPC\n"
                  "M1 E1 NAM gpe_role=LOC\nM2 E2 NOM\nM3 E1 NAM gpe_role=GPE\n")
    new = anchor(f"id: 902_b\n{header}===== text =====\nغادر وسوريا الرئيس السوري.\n===== annotations =====\n")
    predicted = lexicon.predict(lexicon.train([seen]), new)["entity_mentions"]
    assert predicted == [{"start": 6, "end": 11, "type": "GPE"}, {"start": 12, "end": 25, "type": "PER"}]


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_two_runs_give_identical_predictions(name):
    first = run(name, FIXTURE, ["validation", "test"])
    second = run(name, FIXTURE, ["validation", "test"])
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    assert [p["id"] for p in first["test"]] == ["000_fixture_seed", "004_fixture_election"]


def test_command_writes_span_file_lines(tmp_path, capsys):
    out = tmp_path / "p.jsonl"
    assert main(["baseline", "timex", "--corpus", str(FIXTURE), "--split", "test", "--out", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["000_fixture_seed", "004_fixture_election"]
    assert all(v["type"] == "TIME" and v["normalized"] for x in lines for v in x["value_mentions"])


def test_command_refuses_an_invalid_corpus(tmp_path, capsys):
    assert main(["baseline", "lexicon", "--corpus", str(tmp_path), "--out", str(tmp_path / "p.jsonl")]) == 1
    assert "root-layout" in capsys.readouterr().out
    assert not (tmp_path / "p.jsonl").exists()


def test_benchmark_reproduces_the_readme_table(tmp_path, capsys):
    """The README's results table is what `hadath benchmark` computes now, to the digit."""
    root = Path(__file__).parent.parent
    assert main(["benchmark", "--corpus", str(root), "--out", str(tmp_path / "out"), "--check"]) == 0, \
        capsys.readouterr().out


def test_benchmark_needs_the_readme_markers(tmp_path, capsys):
    import shutil

    root = tmp_path / "corpus"
    shutil.copytree(FIXTURE, root)
    assert main(["benchmark", "--corpus", str(root), "--out", str(tmp_path / "out")]) == 1
    assert "expected a README with the lines <!-- baselines:start -->" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_timex_anchors_partial_document_dates_inside_what_is_known():
    import datetime as dt
    from hadath.baselines.timex import anchor_of, recognize
    assert anchor_of("2006-09-28") == dt.date(2006, 9, 28)
    assert anchor_of("2006-09") == dt.date(2006, 9, 15)
    assert anchor_of("2006") == dt.date(2006, 7, 1)
    assert anchor_of(None) == dt.date(2000, 1, 1)
    assert [t.value for t in recognize("وصل أمس", "2006-09")] == ["2006-09-14"]


def test_training_data_is_real_news_alone_or_with_the_composed_texts(tmp_path):
    import shutil
    from hadath.baselines import training_documents
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURE, root)
    meta_path = root / "corpus" / "documents" / "001_fixture_trade.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(provenance="sourced", source="Example", factuality="reported")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    splits = json.loads((root / "corpus" / "splits.json").read_text(encoding="utf-8"))
    assert [d.id for d in training_documents(root, "real")] == ["001_fixture_trade"]
    assert [d.id for d in training_documents(root, "real+composed")] == sorted(splits["train"])
