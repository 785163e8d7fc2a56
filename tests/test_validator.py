"""One invalid fixture per check: each triggers exactly its own check id, and the corpus itself passes."""

import json
import shutil
from pathlib import Path

import pytest

from hadath.corpus.checks import CHECKS
from hadath.cli import main
from hadath.corpus.validator import validate

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
INVALID = sorted(p.name for p in (FIXTURES / "invalid").iterdir())


def build_fixture(check: str, tmp_path: Path) -> Path:
    root = tmp_path / check
    shutil.copytree(FIXTURES / "valid", root)
    overlay = FIXTURES / "invalid" / check
    for path in overlay.rglob("*"):
        rel = path.relative_to(overlay)
        if path.is_file() and rel.name not in ("WHY.txt", "DELETE"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, root / rel)
    if (overlay / "DELETE").exists():
        for rel in (overlay / "DELETE").read_text().split():
            target = root / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    return root


def test_every_check_has_a_fixture():
    assert sorted(CHECKS) == INVALID


def test_valid_fixture_passes():
    report = validate(FIXTURES / "valid")
    assert report.passed, [str(p) for p in report.problems]
    assert report.documents == 1


@pytest.mark.parametrize("check", INVALID)
def test_fixture_triggers_exactly_its_check(check, tmp_path):
    report = validate(build_fixture(check, tmp_path))
    assert {p.check for p in report.problems} == {check}, [str(p) for p in report.problems]


def test_the_corpus_is_valid():
    report = validate(REPO)
    assert report.passed, "\n".join(map(str, report.problems))
    assert report.documents >= 1


def test_shifted_span_message_names_file_path_and_fix(tmp_path, capsys):
    root = build_fixture("span-text-mismatch", tmp_path)
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("annotations/900_fixture.json: $.entity_mentions[0].span: [L3 content span-text-mismatch] "
                      "text[6:18] is 'جلس الوزراء '; the span says 'مجلس الوزراء'; 'مجلس الوزراء' occurs at [5, 17)")
    assert out[-1].startswith("*** FAILED *** ") and "1 problems (L3 content: 1)" in out[-1]


def test_json_format(tmp_path, capsys):
    root = build_fixture("dangling-reference", tmp_path)
    assert main(["validate", "--format", "json", str(root)]) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert report["passed"] is False
    assert report["problems"] == [{
        "file": "annotations/900_fixture.json", "path": "$.event_mentions[0].arguments[0].ref", "level": 4,
        "level_name": "references", "check": "dangling-reference",
        "message": "ref 'M99' names no entity or value mention"}]


def test_several_roots_and_exit_codes(tmp_path, capsys):
    bad = build_fixture("bom", tmp_path)
    assert main(["validate", str(FIXTURES / "valid")]) == 0
    assert main(["validate", str(FIXTURES / "valid"), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.count("*** PASSED ***") == 2 and out.count("*** FAILED ***") == 1


def test_other_annotation_sets_are_checked_against_the_texts(tmp_path):
    root = tmp_path / "sets"
    shutil.copytree(FIXTURES / "valid", root)
    second = root / "annotations" / "agreement" / "second"
    second.mkdir(parents=True)
    data = json.loads((root / "annotations" / "900_fixture.json").read_text(encoding="utf-8"))
    (second / "900_fixture.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert validate(root).passed
    data["entity_mentions"][0]["span"]["start"] += 1
    (second / "900_fixture.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (second / "999_ghost.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = sorted((p.file, p.check) for p in validate(root).problems)
    assert problems == [("annotations/agreement/second/900_fixture.json", "span-text-mismatch"),
                        ("annotations/agreement/second/999_ghost.json", "text-missing")]


@pytest.mark.parametrize("check", INVALID)
def test_the_fast_schema_check_agrees_with_jsonschema(check, tmp_path):
    """fastjsonschema (draft 7) and jsonschema (draft 2020-12) reach the same verdict on every file."""
    import fastjsonschema
    from jsonschema import Draft202012Validator

    from hadath.corpus.schemas import schema
    from hadath.corpus.validator import fast_check

    root = build_fixture(check, tmp_path)
    files = [(p, "annotation.schema.json") for p in (root / "annotations").rglob("*.json")]
    files += [(p, "metadata.schema.json") for p in (root / "corpus" / "documents").glob("*.json")]
    files += [(root / "corpus" / "splits.json", "splits.schema.json")]
    for path, name in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # unreadable files never reach the schema level
        try:
            fast_check(name)(data)
            fast = True
        except fastjsonschema.JsonSchemaException:
            fast = False
        assert fast == Draft202012Validator(schema(name)).is_valid(data), (path, name)
