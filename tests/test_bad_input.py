"""Bad prediction input: a clear error naming the line and field, exit 1; --lenient skips and counts."""

from __future__ import annotations

import json

import pytest
from conftest import gold_lines, write_jsonl
from test_evaluate import run_cli

OK = {"id": "eval-002", "entity_mentions": [{"start": 0, "end": 3, "type": "PER"}]}


def evaluate_lines(corpus, tmp_path, lines, *extra):
    path = write_jsonl(tmp_path / "pred.jsonl", lines)
    return run_cli("evaluate", "--gold", str(corpus), "--predictions", str(path), "--resamples", "0", *extra)


CASES = [
    ("{not json", ":2: malformed JSON"),
    ({"id": "nope", "entity_mentions": []}, ":2: $.id: unknown document id 'nope'"),
    ({"id": "eval-001", "entity_mentions": [{"start": 0, "end": 9999, "type": "PER"}]},
     ":2: $.entity_mentions[0].end: 9999 is beyond the document text"),
    ({"id": "eval-001", "entity_mentions": [{"start": 5, "end": 5, "type": "PER"}]},
     ":2: $.entity_mentions[0].end: end 5 <= start 5"),
    ({"id": "eval-001", "entity_mentions": [{"start": 0, "end": 4, "type": "PERSON"}]},
     ":2: $.entity_mentions[0].type: 'PERSON' is not a known entity type"),
    ({"id": "eval-001", "event_mentions": [{"type": "Conflict:Attack", "trigger_start": 0, "trigger_end": 4,
                                            "arguments": [{"role": "Killer", "start": 0, "end": 2}]}]},
     ":2: $.event_mentions[0].arguments[0].role: 'Killer' is not a known role"),
    ({"id": "eval-001", "entity_mentions": [{"start": "0", "end": 4, "type": "PER"}]},
     ":2: $.entity_mentions[0].start: '0' is not an integer"),
    ({"id": "eval-001", "entity_mentions": [{"start": 1.0, "end": 4, "type": "PER"}]},
     ":2: $.entity_mentions[0].start: 1.0 is not an integer"),
    ({"id": "eval-001", "value_mentions": [{"start": 0, "end": 4, "type": "DATE"}]},
     ":2: $.value_mentions[0].type: 'DATE' is not a known value type"),
    ({"id": "eval-001", "event_mentions": [{"type": "Attack", "trigger_start": 0, "trigger_end": 4}]},
     ":2: $.event_mentions[0].type: 'Attack' is not a known event type"),
    ([1, 2], ":2: $: expected a JSON object, found list"),
    ({"id": "eval-002"}, ":2: $.id: document 'eval-002' appears twice"),
]


@pytest.mark.parametrize("bad,message", CASES)
def test_bad_line_is_named_and_exits_1(corpus, tmp_path, bad, message):
    code, out = evaluate_lines(corpus, tmp_path, [OK, bad if isinstance(bad, str) else json.dumps(bad)])
    assert code == 1
    assert out.startswith("error: ") and message in out and "Traceback" not in out
    assert out.count("\n") == 1


def test_lenient_skips_and_counts(corpus, tmp_path):
    bad_item = {"id": "eval-001", "entity_mentions": [{"start": 5, "end": 5, "type": "PER"},
                                                      {"start": 0, "end": 4, "type": "PER"}]}
    code, out = evaluate_lines(corpus, tmp_path, [OK, "{not json", json.dumps(bad_item)],
                               "--lenient", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["skipped"]["items"] == 2
    assert [p["line"] for p in report["skipped"]["problems"]] == [2, 3]
    assert report["entities"]["predicted"] == 2
    assert any("end 5 <= start 5" in w for w in report["warnings"])


def test_binary_file(corpus, tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"\x00\x01\x02PK\x03\x04")
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(path))
    assert code == 1 and "binary file" in out and str(path) in out


def test_not_utf8(corpus, tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "é"}\n'.encode("latin-1"))
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(path))
    assert code == 1 and "not UTF-8" in out


def test_missing_files_and_bad_split(corpus, tmp_path):
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(tmp_path / "none.jsonl"))
    assert code == 1 and "no such file" in out
    pred = write_jsonl(tmp_path / "p.jsonl", gold_lines(corpus))
    code, out = run_cli("evaluate", "--gold", str(corpus), "--predictions", str(pred), "--split", "dev")
    assert code == 1 and "unknown split 'dev'" in out
    code, out = run_cli("evaluate", "--gold", str(tmp_path / "nowhere"), "--predictions", str(pred))
    assert code == 1 and "no such file or directory" in out


def test_conll_errors(corpus, tmp_path):
    gold = tmp_path / "gold.conll"
    gold.write_text("w1\tB-PER\nw2\tO\n", encoding="utf-8")
    pred = tmp_path / "pred.conll"
    pred.write_text("w1\tE-PER\nw2\tO\n", encoding="utf-8")
    code, out = run_cli("evaluate", "--gold", str(gold), "--predictions", str(pred))
    assert code == 1 and f"{pred}:1: tag 'E-PER'" in out
    pred.write_text("w1\tB-PER\nw3\tO\n", encoding="utf-8")
    code, out = run_cli("evaluate", "--gold", str(gold), "--predictions", str(pred))
    assert code == 1 and f"{pred}:2: tokens differ" in out
    pred.write_text("w1 B-PER\nw2 O\n", encoding="utf-8")  # space-separated columns are read too
    code, out = run_cli("evaluate", "--gold", str(gold), "--predictions", str(pred), "--resamples", "0")
    assert code == 0
    pred.write_text("w1\n", encoding="utf-8")
    code, out = run_cli("evaluate", "--gold", str(gold), "--predictions", str(pred))
    assert code == 1 and f"{pred}:1:" in out and "token<TAB>tag" in out
