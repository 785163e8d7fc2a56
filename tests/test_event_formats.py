"""hadath export textee|dygiepp, and hadath evaluate reading both formats back onto character offsets."""

from __future__ import annotations

import json

import pytest

from hadath.evaluation import evaluate_predictions

from interchange_helpers import CORPORA, CORPUS_IDS, FIXTURE, hadath

LEVELS = ("trigger_identification", "trigger_classification", "argument_identification",
          "argument_classification", "argument_identification_attached", "argument_classification_attached",
          "argument_identification_coref", "argument_classification_coref")


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path, lines):
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in lines),
                    encoding="utf-8")
    return path


def _f1s(report):
    out = {f"events.{view}.{level}": report["events"][view][level]["f1"]
           for view in report["events"] for level in LEVELS}
    for schema, scores in report["entities"]["schemas"].items():
        out[f"entities.{schema}"] = scores["overall"]["f1"]
    out["values.strict"] = report["values"]["schemas"]["strict"]["overall"]["f1"]
    return out


@pytest.mark.parametrize("fmt", ["textee", "dygiepp"])
@pytest.mark.parametrize("root", CORPORA, ids=CORPUS_IDS)
def test_gold_exported_and_read_back_scores_one_at_every_level(root, fmt, tmp_path):
    code, out = hadath("export", fmt, "--corpus", root, "--out", tmp_path)
    assert code == 0 and "0 spans widened to tokens" in out
    for split in ("train", "validation", "test"):
        report = evaluate_predictions(tmp_path / f"{split}.json", root, split=split, resamples=0)
        # An empty file (a split without documents) reads as any format.
        assert report["predictions"]["format"] == (fmt if report["documents"]["gold"] else "jsonl")
        assert report["documents"]["gold"] == report["documents"]["predicted"]
        f1s = _f1s(report)
        assert len(f1s) == 2 * len(LEVELS) + 5
        assert {k: v for k, v in f1s.items() if v != 1.0} == {}
        assert report["skipped"]["items"] == 0


def test_textee_by_hand(tmp_path):
    code, out = hadath("export", "textee", "--corpus", FIXTURE, "--out", tmp_path)
    assert out.splitlines() == [
        "124 tokens; 1 tokens split where a gold span begins or ends inside a token (a clitic), so that every "
        "span is a whole-token range; 0 spans widened to tokens; 1 sentence breaks joined because a span or an "
        "event crossed them",
        f"exported 2 documents as textee to {tmp_path}"]
    (line,) = _lines(tmp_path / "test.json")
    assert line["tokens"] == ["بوتين", "يصل", "إلى", "إسطنبول", "🇹", "🇷", "السبت"]
    assert line["token_offsets"] == [[0, 5], [6, 9], [10, 13], [14, 21], [22, 23], [23, 24], [25, 30]]
    assert line["wnd_id"] == "902_fixture_arrival-0" and line["doc_id"] == "902_fixture_arrival"
    assert line["entity_mentions"][2] == {"id": "902_fixture_arrival-0-V1", "entity_type": "TIME", "text": "السبت",
                                          "start": 6, "end": 7, "normalized": "2026-02-07"}
    assert line["event_mentions"] == [{
        "id": "902_fixture_arrival-0-EM1", "event_type": "Movement:Transport",
        "trigger": {"text": "يصل", "start": 1, "end": 2},
        "arguments": [
            {"entity_id": "902_fixture_arrival-0-M1", "role": "Artifact", "text": "بوتين", "start": 0, "end": 1},
            {"entity_id": "902_fixture_arrival-0-M2", "role": "Destination", "text": "إسطنبول", "start": 3, "end": 4},
            {"entity_id": "902_fixture_arrival-0-V1", "role": "Time-Within", "text": "السبت", "start": 6, "end": 7}]}]
    # و + عُيّن: the trigger starts after the clitic, so the token is split there.
    train = _lines(tmp_path / "train.json")
    tokens = [t for w in train for t in w["tokens"]]
    assert [t for t in tokens if t in ("و", "عُيّن", "وعُيّن")] == ["و", "عُيّن"]


def test_dygiepp_by_hand(tmp_path):
    code, out = hadath("export", "dygiepp", "--corpus", FIXTURE, "--out", tmp_path)
    assert code == 0 and out.splitlines()[1] == ("0 triggers of several tokens written as one token "
                                                 "(DyGIE++ takes one token per trigger)")
    (line,) = _lines(tmp_path / "test.json")
    assert line == {
        "doc_key": "902_fixture_arrival", "dataset": "hadath",
        "sentences": [["بوتين", "يصل", "إلى", "إسطنبول", "🇹", "🇷", "السبت"]],
        "token_offsets": [[[0, 5], [6, 9], [10, 13], [14, 21], [22, 23], [23, 24], [25, 30]]],
        "ner": [[[0, 0, "PER"], [3, 3, "GPE"], [6, 6, "TIME"]]],
        "events": [[[[1, "Movement:Transport"], [0, 0, "Artifact"], [3, 3, "Destination"], [6, 6, "Time-Within"]]]],
        "clusters": []}
    # DyGIE++'s reader zips every field but doc_key, dataset, clusters and weight per sentence.
    for doc in _lines(tmp_path / "train.json"):
        sizes = {k: len(v) for k, v in doc.items() if k not in ("doc_key", "dataset", "clusters", "weight")}
        assert len(set(sizes.values())) == 1, sizes


def test_files_without_token_offsets_are_aligned_on_the_text(tmp_path):
    hadath("export", "textee", "--corpus", FIXTURE, "--out", tmp_path / "t")
    hadath("export", "dygiepp", "--corpus", FIXTURE, "--out", tmp_path / "d")
    for fmt in ("t", "d"):
        lines = _lines(tmp_path / fmt / "train.json")
        for line in lines:
            del line["token_offsets"]
        report = evaluate_predictions(_write(tmp_path / f"{fmt}.json", lines), FIXTURE, split="train", resamples=0)
        assert {k: v for k, v in _f1s(report).items() if v != 1.0} == {}


def test_a_models_dygiepp_output_with_scores(tmp_path):
    line = {"doc_key": "902_fixture_arrival", "sentences": [["بوتين", "يصل", "إلى", "إسطنبول", "🇹", "🇷", "السبت"]],
            "predicted_ner": [[[0, 0, "PER", 3.2, 0.9], [3, 3, "LOC", 1.0, 0.6]]],
            "predicted_events": [[[[1, "Movement:Transport", 2.0, 0.8], [0, 0, "Artifact", 1.5, 0.7],
                                   [6, 6, "Destination", 0.3, 0.5]]]]}
    report = evaluate_predictions(_write(tmp_path / "p.json", [line]), FIXTURE, split="test", resamples=0)
    strict = report["entities"]["schemas"]["strict"]["overall"]
    assert (strict["COR"], strict["INC"], strict["MIS"], strict["SPU"]) == (1, 1, 0, 0)
    events = report["events"]["all"]
    assert events["trigger_classification"]["f1"] == 1.0
    assert (events["argument_classification"]["precision"], events["argument_classification"]["recall"]) == (0.5, 1 / 3)


@pytest.mark.parametrize("fmt, edit, message", [
    ("textee", lambda x: x["event_mentions"][0]["trigger"].update(end=9),
     "$.event_mentions[0].trigger.start: [1, 9) is not a token range of the window's 7 tokens; expected integer "
     "token offsets, start < end, end exclusive"),
    ("textee", lambda x: x["entity_mentions"][0].update(entity_type="PERSON"),
     "$.entity_mentions[0].entity_type: 'PERSON' is not a known entity or value type; expected one of PER, ORG, "
     "GPE, LOC, FAC, VEH, WEA, TIME, Numeric, Contact-Info, Crime, Sentence, ..."),
    ("textee", lambda x: x["token_offsets"].__setitem__(1, [5, 9]),
     "$.token_offsets[1]: [5, 9] does not give token 'يصل'; expected its code-point [start, end) in the "
     "document text"),
    ("dygiepp", lambda x: x["events"][0][0][1].__setitem__(1, 7),
     "$.events[0][0][1]: [0, 7] is not a token range of the document's 7 tokens; expected document token "
     "indices, start <= end, end inclusive"),
    ("dygiepp", lambda x: x.update(doc_key="nope"),
     "$.doc_key: unknown document id 'nope'; it is not in the gold set"),
])
def test_bad_input_is_one_line_naming_file_line_and_path(fmt, edit, message, tmp_path):
    hadath("export", fmt, "--corpus", FIXTURE, "--out", tmp_path)
    (line,) = _lines(tmp_path / "test.json")
    edit(line)
    path = _write(tmp_path / "p.json", ["", line])
    code, out = hadath("evaluate", "--gold", FIXTURE, "--predictions", path, "--resamples", "0")
    assert (code, out) == (1, f"error: {path}:2: {message}\n")


def test_malformed_json_names_the_format(tmp_path):
    hadath("export", "textee", "--corpus", FIXTURE, "--out", tmp_path)
    path = tmp_path / "test.json"
    path.write_text(path.read_text(encoding="utf-8") + "{oops\n", encoding="utf-8")
    code, out = hadath("evaluate", "--gold", FIXTURE, "--predictions", path, "--resamples", "0")
    assert (code, out) == (1, f"error: {path}:2: malformed JSON (Expecting property name enclosed in double "
                              "quotes at column 2); expected one TextEE JSON object per line\n")
