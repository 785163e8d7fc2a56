"""hadath agree: two annotation sets of the same texts."""

from __future__ import annotations

import json
import shutil

from conftest import build_corpus
from test_evaluate import run_cli


def test_agreement_with_itself_and_with_a_changed_annotation_dir(tmp_path):
    a = build_corpus(tmp_path / "a")
    code, out = run_cli("agree", str(a), str(a), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["documents"] == 2 and report["token_kappa"]["kappa"] == 1.0
    assert all(v["f1"] == 1.0 for v in report["entities"].values())

    second = tmp_path / "agreement"
    second.mkdir()
    annotation = json.loads((a / "annotations" / "eval-002.json").read_text(encoding="utf-8"))
    annotation["entity_mentions"] = [m for m in annotation["entity_mentions"] if m["id"] != "M3"]
    annotation["event_mentions"][0]["arguments"] = [x for x in annotation["event_mentions"][0]["arguments"]
                                                    if x["ref"] != "M3"]
    (second / "eval-002.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    code, out = run_cli("agree", str(a), str(second), "--format", "json")
    assert code == 0
    report = json.loads(out)
    strict = report["entities"]["strict"]
    assert report["documents"] == 1
    assert (strict["COR"], strict["MIS"], strict["SPU"]) == (2, 1, 0)
    assert report["token_kappa"]["tokens"] == 10 and 0 < report["token_kappa"]["kappa"] < 1
    code, out = run_cli("agree", str(a), str(second))
    assert code == 0 and "Cohen's kappa on 10 tokens" in out


def test_agree_errors(tmp_path):
    a = build_corpus(tmp_path / "a")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(a / "annotations" / "eval-001.json", other / "unknown-doc.json")
    code, out = run_cli("agree", str(a), str(other))
    assert code == 1 and "unknown document id 'unknown-doc'" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = run_cli("agree", str(a), str(empty))
    assert code == 1 and "no annotation" in out


def test_second_corpus_root_split_and_text_check(tmp_path):
    a = build_corpus(tmp_path / "a")
    b = tmp_path / "b"
    shutil.copytree(a, b)
    path = b / "annotations" / "eval-001.json"
    annotation = json.loads(path.read_text(encoding="utf-8"))
    annotation["entity_mentions"][0]["type"] = "ORG"
    path.write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    code, out = run_cli("agree", str(a), str(b), "--format", "json", "--split", "test")
    report = json.loads(out)
    assert code == 0 and report["documents"] == 2
    assert (report["entities"]["strict"]["INC"], report["entities"]["exact"]["f1"]) == (1, 1.0)
    code, out = run_cli("agree", str(a), str(b), "--split", "train")
    assert code == 1 and "no annotation of any document" in out and "'train'" in out
    annotation["text_sha256"] = "0" * 64
    path.write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    code, out = run_cli("agree", str(a), str(b))
    assert code == 1 and "text_sha256 does not match" in out


def test_readme_states_the_agreement_each_sample_gives():
    from pathlib import Path

    from hadath.scoring.agreement import corpus_agreement

    root = Path(__file__).parent.parent
    samples = corpus_agreement(root)
    assert [a["name"] for a in samples][:1] == ["anercorp-test"] or samples
    text = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    for a in samples:
        sentence = (f"`{a['name']}` ({len(a['ids'])} documents): entity-mention strict F1 "
                    f"{a['entities']['strict']['f1']:.3f}, trigger classification F1 "
                    f"{a['events']['all']['trigger_classification']['f1']:.3f}, argument classification F1 "
                    f"{a['events']['all']['argument_classification']['f1']:.3f} and Cohen's kappa "
                    f"{a['token_kappa']['kappa']:.3f}")
        assert sentence in text, f"the README does not state the agreement of {a['name']}: {sentence}"
