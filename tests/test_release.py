import json
import shutil
import subprocess
import sys
from io import StringIO

import pyarrow.parquet as pq
from datasets import Dataset, Features

from hadath.release.checksums import NAME as CHECKSUMS
from hadath.corpus.files import SPLITS
from hadath.release.features import CORPUS_CONFIGS as CONFIGS, features
from hadath.release.verify import verify

EXPECTED_ROWS = {  # hand-counted from tests/fixtures/release_drafts; 000_fixture_seed (license unknown) left out
    "documents": {"train": 3, "validation": 1, "test": 1},
    "ner": {"train": 5, "validation": 2, "test": 3},
    "events": {"train": 5, "validation": 2, "test": 3},
}

CONTRACT = {
    "top": ["id", "text", "language", "date", "title", "source", "provenance", "license", "entity_mentions",
            "entities", "value_mentions", "event_mentions", "events"],
    "entity_mentions": ["id", "entity_id", "type", "subtype", "mention_type", "start", "end", "text",
                        "head_start", "head_end"],
    "entities": ["id", "type", "subtype", "entity_class", "mention_ids"],
    "value_mentions": ["id", "type", "subtype", "start", "end", "text", "normalized", "timex_type", "mod"],
    "event_mentions": ["id", "event_id", "type", "trigger_start", "trigger_end", "trigger_text", "realis",
                       "polarity", "genericity", "tense", "modality", "arguments"],
    "events": ["id", "type", "mention_ids"],
}


def run_cli(*argv):
    out = StringIO()
    code = _main(list(argv), out)
    return code, out.getvalue()


def _main(argv, out):
    import hadath.cli as cli

    parser, module = cli._parser(argv)
    args = parser.parse_args(argv)
    return module.run(args, out)


def test_documents_config_keeps_the_public_contract():
    f = features("documents")
    assert list(f)[: len(CONTRACT["top"])] == CONTRACT["top"]
    for key, names in CONTRACT.items():
        if key != "top":
            assert list(f[key].feature)[: len(names)] == names
    assert list(f["event_mentions"].feature["arguments"].feature) == ["role", "ref_id", "start", "end", "text"]


def test_features_round_trip():
    for config in CONFIGS:
        assert Features.from_dict(features(config).to_dict()) == features(config)


def test_release_layout(release_dir):
    names = sorted(p.relative_to(release_dir).as_posix() for p in release_dir.rglob("*") if p.is_file())
    assert names == sorted(["README.md", "croissant.json", CHECKSUMS] + [
        f"{c}/{s}-00000-of-00001.parquet" for c in CONFIGS for s in SPLITS])


def test_load_dataset_reads_every_config_and_split(loaded):
    for config in CONFIGS:
        assert set(loaded[config]) == set(SPLITS)
        for split in SPLITS:
            ds = loaded[config][split]
            assert ds.num_rows == EXPECTED_ROWS[config][split]
            assert ds.features == features(config)
    assert loaded["documents"]["test"]["id"] == ["004_fixture_election"]  # the seed's license is unknown


def test_a_bare_parquet_file_reloads_with_its_features(release_dir):
    path = release_dir / "ner" / "test-00000-of-00001.parquet"
    assert Dataset.from_parquet(str(path)).features == features("ner")
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 3 and meta.row_group(0).column(0).compression == "ZSTD"


def seed_rows(release_corpus):
    from hadath.corpus.files import Layout, load_document
    from hadath.release.rows import rows
    return rows(load_document(Layout(release_corpus), "000_fixture_seed"))


def test_documents_row_flattens_the_stored_annotation(release_corpus):
    row = seed_rows(release_corpus).document
    text = row["text"]
    m2 = next(m for m in row["entity_mentions"] if m["id"] == "M2")
    assert (m2["text"], text[m2["head_start"]:m2["head_end"]]) == ("الرئيس الروسي", "الرئيس")
    e2 = next(e for e in row["entities"] if e["id"] == "E2")
    assert e2["mention_ids"] == ["M2", "M4", "M10"]
    ev1 = next(e for e in row["events"] if e["id"] == "EV1")
    assert ev1["mention_ids"] == ["EM1", "EM2"]
    em1 = next(m for m in row["event_mentions"] if m["id"] == "EM1")
    assert em1["trigger_text"] == "سيلتقي"
    assert [(a["role"], a["ref_id"], a["text"]) for a in em1["arguments"]] == [
        ("Entity", "M4", "فلاديمير بوتين"), ("Entity", "M7", "أحمد الشرع"), ("Time-Within", "V1", "اليوم الأربعاء"),
        ("Place", "M8", "موسكو")]
    for a in em1["arguments"]:
        assert text[a["start"]:a["end"]] == a["text"]


def test_ner_rows_widen_clitics_to_whole_tokens(release_corpus):
    row = seed_rows(release_corpus).ner[1]  # second sentence of the seed: ... بوتين والشرع بعد لقائهما ...
    names = features("ner")["ner_tags"].feature.names
    tagged = [(t, names[n], names[m]) for t, n, m in zip(row["tokens"], row["ner_tags"], row["mention_tags"])
              if n or m]
    assert tagged == [("بوتين", "B-PER", "B-PER"), ("والشرع", "B-PER", "B-PER"), ("لقائهما", "O", "B-PER")]


def test_events_rows_carry_token_and_character_offsets(loaded):
    row = loaded["events"]["train"][4]  # 005_fixture_attack
    em = {m["id"]: m for m in row["event_mentions"]}
    attack = em["EM1"]
    assert (attack["trigger_text"], attack["trigger_token_start"], attack["trigger_token_end"]) == ("انفجار", 4, 5)
    assert [(a["role"], a["token_start"], a["token_end"]) for a in attack["arguments"]] == [
        ("Instrument", 5, 7), ("Target", 1, 3), ("Place", 8, 9), ("Time-Within", 9, 11)]
    factory = loaded["events"]["train"][3]  # 002_fixture_factory, second sentence
    start = next(m for m in factory["event_mentions"] if m["id"] == "EM2")
    place = next(a for a in start["arguments"] if a["role"] == "Place")
    assert (place["text"], place["token_start"], place["token_end"]) == ("الزرقاء", None, None)


def test_two_builds_are_byte_identical(release_dir, release_corpus, tmp_path):
    again = tmp_path / "again"
    subprocess.run([sys.executable, "-m", "hadath", "build", "--corpus", str(release_corpus), "--out", str(again)],
                   check=True, capture_output=True)
    assert (again / CHECKSUMS).read_bytes() == (release_dir / CHECKSUMS).read_bytes()
    for line in (release_dir / CHECKSUMS).read_text().splitlines():
        name = line.split("  ", 1)[1]
        assert (again / name).read_bytes() == (release_dir / name).read_bytes()


def test_checksums_follow_sha256sum_format(release_dir):
    result = subprocess.run(["sha256sum", "-c", "--strict", CHECKSUMS], cwd=release_dir, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == 11


def _broken_corpus(release_corpus, tmp_path):
    corpus = tmp_path / "corpus-root"
    shutil.copytree(release_corpus, corpus)
    path = corpus / "annotations" / "005_fixture_attack.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entity_mentions"][0]["span"]["end"] += 1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return corpus


def test_an_invalid_corpus_is_refused_and_nothing_is_written(release_corpus, tmp_path):
    corpus = _broken_corpus(release_corpus, tmp_path)
    out = tmp_path / "out" / "release"
    code, text = run_cli("build", "--corpus", str(corpus), "--out", str(out))
    assert code == 1
    assert "annotations/005_fixture_attack.json: $.entity_mentions[0].span: [L3 content span-text-mismatch]" in text
    assert "*** FAILED ***" in text and "refused to build" in text
    assert not out.exists()
    assert not (out.parent.exists() and any(out.parent.iterdir()))


def test_a_refused_build_leaves_an_earlier_release_untouched(release_dir, release_corpus, tmp_path):
    out = tmp_path / "release"
    shutil.copytree(release_dir, out)
    code, _ = run_cli("build", "--corpus", str(_broken_corpus(release_corpus, tmp_path)), "--out", str(out))
    assert code == 1
    assert (out / CHECKSUMS).read_bytes() == (release_dir / CHECKSUMS).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus-root", "release"]


def test_verify_passes_on_a_built_release(release_dir):
    assert verify(release_dir) == []
    code, text = run_cli("verify", str(release_dir))
    assert code == 0 and text.startswith("*** PASSED ***")


def test_verify_reports_a_changed_file(release_dir, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(release_dir, copy)
    with open(copy / "README.md", "a", encoding="utf-8") as f:
        f.write("\nedited by hand\n")
    code, text = run_cli("verify", str(copy))
    assert code == 1
    assert "README.md: SHA-256 is" in text and "*** FAILED ***" in text


def test_verify_reports_a_wrong_offset_even_with_matching_checksums(release_dir, tmp_path):
    import pyarrow as pa

    from hadath.release.checksums import render

    copy = tmp_path / "release"
    shutil.copytree(release_dir, copy)
    path = copy / "documents" / "train-00000-of-00001.parquet"
    rows = pq.read_table(path).to_pylist()
    rows[0]["entity_mentions"][0]["end"] += 1
    pq.write_table(pa.Table.from_pylist(rows, schema=features("documents").arrow_schema), path)
    (copy / CHECKSUMS).write_text(render(copy))
    problems = verify(copy)
    assert any(p.startswith("documents/001_fixture_trade/M1: text[0:6] is") for p in problems), problems


def test_publish_dry_run_lists_files_and_checks_the_card(release_dir):
    code, text = run_cli("publish", str(release_dir), "--repo-id", "hadath/hadath", "--dry-run")
    assert code == 0
    lines = text.splitlines()
    assert [line.split()[-1] for line in lines[:-1]] == [
        "README.md", "croissant.json", *(f"{c}/{s}-00000-of-00001.parquet" for c in sorted(CONFIGS)
                                         for s in sorted(SPLITS)), CHECKSUMS]
    assert lines[-1] == f"dry run: would upload {release_dir} to datasets/hadath/hadath and tag it v0.2.0"


def test_publish_refuses_a_tampered_release(release_dir, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(release_dir, copy)
    (copy / "croissant.json").write_text("{}")
    code, text = run_cli("publish", str(copy), "--repo-id", "hadath/hadath", "--dry-run")
    assert code == 1 and "does not match its checksums" in text


def test_an_empty_split_is_left_out_of_the_release(release_corpus, tmp_path):
    corpus = tmp_path / "corpus-root"
    shutil.copytree(release_corpus, corpus)
    splits = json.loads((corpus / "corpus" / "splits.json").read_text())
    splits["train"] += splits["validation"]
    splits["validation"] = []
    (corpus / "corpus" / "splits.json").write_text(json.dumps(splits))
    out = tmp_path / "release"
    code, _ = run_cli("build", "--corpus", str(corpus), "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in (out / "documents").iterdir()) == [
        "test-00000-of-00001.parquet", "train-00000-of-00001.parquet"]
    assert verify(out) == []


def test_a_corpus_without_documents_is_refused(tmp_path):
    corpus = tmp_path / "corpus-root"
    (corpus / "corpus" / "documents").mkdir(parents=True)
    (corpus / "annotations").mkdir()
    (corpus / "corpus" / "splits.json").write_text('{"train": [], "validation": [], "test": []}')
    code, text = run_cli("build", "--corpus", str(corpus), "--out", str(tmp_path / "release"))
    assert code == 1 and "nothing to release" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus-root"]


def test_build_never_replaces_a_folder_that_is_not_a_release(release_corpus, tmp_path):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    code, text = run_cli("build", "--corpus", str(release_corpus), "--out", str(other))
    assert code == 1 and "is not a release written by hadath build" in text
    assert [p.name for p in other.iterdir()] == ["keep.txt"]
    code, text = run_cli("build", "--corpus", str(release_corpus), "--out", str(release_corpus.parent))
    assert code == 1 and "holds the corpus" in text


def test_croissant_metadata_describes_every_config(release_dir):
    import mlcroissant as mlc

    data = json.loads((release_dir / "croissant.json").read_text(encoding="utf-8"))
    assert data["conformsTo"] == "http://mlcommons.org/croissant/1.1" and data["version"] == "0.2.0"
    assert [r["name"] for r in data["recordSet"]] == list(CONFIGS)
    assert [f["name"] for f in data["recordSet"][0]["field"]] == list(features("documents"))
    mlc.Dataset(jsonld=release_dir / "croissant.json")  # raises on an invalid description


def test_shards_and_row_groups_have_fixed_sizes(release_corpus, tmp_path, monkeypatch):
    import hadath.release.build as release

    monkeypatch.setattr(release, "DOCUMENTS_PER_SHARD", 2)
    monkeypatch.setattr(release, "ROW_GROUP_SIZE", {"documents": 1, "ner": 2, "events": 3})
    out = tmp_path / "release"
    release.build(release_corpus, out)
    assert sorted(p.name for p in (out / "ner").iterdir()) == [
        "test-00000-of-00001.parquet", "train-00000-of-00002.parquet", "train-00001-of-00002.parquet",
        "validation-00000-of-00001.parquet"]
    groups = lambda path: [pq.ParquetFile(path).metadata.row_group(i).num_rows  # noqa: E731
                           for i in range(pq.ParquetFile(path).metadata.num_row_groups)]
    assert groups(out / "documents" / "train-00000-of-00002.parquet") == [1, 1]
    assert groups(out / "ner" / "train-00000-of-00002.parquet") == [2, 2]  # 001 and 002: 2 sentences each
    assert groups(out / "events" / "train-00001-of-00002.parquet") == [1]  # 005: 1 sentence
    assert verify(out) == []
