"""--out never destroys an input, a corpus file or a folder that hadath did not write; a place that
cannot be written is one error line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.corpus.outputs import MANIFEST
from hadath.corpus.validator import validate
from interchange_helpers import FIXTURE, copy_corpus, hadath, snapshot

DOC = "901_fixture_summit"


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return copy_corpus(FIXTURE, tmp_path / "root")


def _predictions(corpus: Path, path: Path) -> Path:
    code, output = hadath("baseline", "timex", "--corpus", corpus, "--split", "train", "--out", path)
    assert code == 0, output
    return path


def test_evaluate_refuses_to_write_the_report_over_the_predictions(corpus, tmp_path):
    path = _predictions(corpus, tmp_path / "m.jsonl")
    before = path.read_bytes()
    code, output = hadath("evaluate", "--predictions", path, "--gold", corpus, "--split", "train", "--out", path)
    assert code == 1
    assert output == f"error: {path}: is also an input of this command ({path}); expected another file\n"
    assert path.read_bytes() == before


def test_compare_refuses_to_write_the_report_over_either_system(corpus, tmp_path):
    a = _predictions(corpus, tmp_path / "a.jsonl")
    b = _predictions(corpus, tmp_path / "b.jsonl")
    before = b.read_bytes()
    code, output = hadath("compare", a, b, "--gold", corpus, "--split", "train", "--out", b)
    assert code == 1 and output.startswith(f"error: {b}: is also an input")
    assert b.read_bytes() == before


def test_a_report_into_a_release_used_as_gold_is_refused(corpus, tmp_path):
    path = _predictions(corpus, tmp_path / "m.jsonl")
    code, output = hadath("build", "--corpus", corpus, "--out", tmp_path / "release")
    assert code == 0, output
    code, output = hadath("evaluate", "--predictions", path, "--gold", tmp_path / "release", "--split", "train",
                          "--out", tmp_path / "release" / "report.json")
    assert code == 1 and "lies inside the input folder" in output


def test_baseline_refuses_to_overwrite_gold(corpus):
    before = snapshot(corpus)
    code, output = hadath("baseline", "timex", "--corpus", corpus, "--out", corpus / "annotations" / f"{DOC}.json")
    assert code == 1
    assert output == (f"error: {corpus / 'annotations' / f'{DOC}.json'}: lies inside the corpus folder "
                      f"{(corpus / 'annotations').resolve()}; expected a place outside corpus/, annotations/ and "
                      "suggestions/\n")
    assert snapshot(corpus) == before


def test_a_corpus_folder_is_recognised_from_the_path_alone(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    code, output = hadath("stats", corpus, "--out", "corpus/STATS.md")
    assert code == 1 and "lies inside the corpus folder" in output
    assert not (corpus / "corpus" / "STATS.md").exists()


def test_export_refuses_to_write_into_the_corpus(corpus):
    before = snapshot(corpus)
    code, output = hadath("export", "brat", "--corpus", corpus, "--out", corpus / "corpus" / "documents")
    assert code == 1 and "lies inside the corpus folder" in output
    assert snapshot(corpus) == before
    assert validate(corpus).passed


def test_export_writes_again_only_over_its_own_unchanged_files(corpus, tmp_path):
    out = tmp_path / "brat"
    assert hadath("export", "brat", "--corpus", corpus, "--out", out)[0] == 0
    assert json.loads((out / MANIFEST).read_text())["written_by"] == "hadath export brat"
    assert hadath("export", "brat", "--corpus", corpus, "--out", out)[0] == 0
    ann = out / f"{DOC}.ann"
    ann.write_text(ann.read_text() + "#99\tAnnotatorNotes T1\tcheck this\n")
    code, output = hadath("export", "brat", "--corpus", corpus, "--out", out)
    assert code == 1
    assert output == (f"error: {out}: {DOC}.ann changed since hadath wrote it; refusing to write over it "
                      "(move it away, or choose another folder)\n")
    assert ann.read_text().endswith("check this\n")


def test_export_and_view_refuse_a_folder_of_someone_else(corpus, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    for argv in (["export", "labelstudio", "--corpus", corpus, "--out", mine], ["view", "--corpus", corpus, "--out", mine]):
        code, output = hadath(*argv)
        assert code == 1
        assert output == (f"error: {mine}: holds files that hadath did not write (no {MANIFEST}); expected a new "
                          "or empty folder, or one that hadath wrote\n")
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_build_replaces_only_a_release_it_wrote(corpus, tmp_path):
    out = tmp_path / "release"
    assert hadath("build", "--corpus", corpus, "--out", out)[0] == 0
    assert hadath("build", "--corpus", corpus, "--out", out)[0] == 0
    (out / "my-notes.txt").write_text("keep me")
    code, output = hadath("build", "--corpus", corpus, "--out", out)
    assert code == 1 and "my-notes.txt: not listed in SHA256SUMS" in output
    assert (out / "my-notes.txt").read_text() == "keep me"


def test_build_does_not_take_a_file_named_sha256sums_for_a_release(corpus, tmp_path):
    out = tmp_path / "work"
    out.mkdir()
    (out / "SHA256SUMS").write_text("")
    (out / "thesis.tex").write_text("keep me")
    code, output = hadath("build", "--corpus", corpus, "--out", out)
    assert code == 1 and "is not a release written by hadath build" in output
    assert (out / "thesis.tex").read_text() == "keep me"


def test_build_refuses_a_folder_inside_the_corpus(corpus):
    code, output = hadath("build", "--corpus", corpus, "--out", corpus / "annotations" / "release")
    assert code == 1 and "lies inside the corpus folder" in output
    assert not (corpus / "annotations" / "release").exists()


@pytest.mark.parametrize("command", ["view", "baseline", "stats", "benchmark", "export"])
def test_an_out_that_cannot_be_written_is_one_error_line(command, corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")  # a file where a folder is needed: no one can write below it, not even root
    (corpus / "README.md").write_text("<!-- baselines:start -->\n<!-- baselines:end -->\n")
    argv = {"view": ["view", "--corpus", corpus, "--out", blocker / "pages"],
            "baseline": ["baseline", "timex", "--corpus", corpus, "--out", blocker / "p.jsonl"],
            "stats": ["stats", corpus, "--out", blocker / "STATS.md"],
            "benchmark": ["benchmark", "--corpus", corpus, "--out", blocker / "bench"],
            "export": ["export", "brat", "--corpus", corpus, "--out", blocker / "brat"]}[command]
    code, output = hadath(*argv)
    assert code == 1
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {blocker}") and ": cannot write: " in lines[0], output
