"""Every number in the dataset card, recomputed from the released rows by independent code."""

import re
from collections import Counter

import yaml

from hadath.corpus.files import SPLITS
from hadath.release.features import CORPUS_CONFIGS as CONFIGS, features
from hadath.corpus.ontology import load_ontology
from hadath.corpus.tokens import is_word

COLUMNS = [*SPLITS, "total"]


def card_text(release_dir):
    return (release_dir / "README.md").read_text(encoding="utf-8")


def tables(text):
    """The body rows of the card's markdown tables, as {heading: {first cell: other cells}}."""
    out, heading, rows = {}, None, None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ").strip()
        elif line.startswith("|---"):
            continue
        elif line.startswith("| "):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if rows is None:  # the header row
                rows = out.setdefault(heading, {})
                continue
            rows[cells[0]] = cells[1:]
        else:
            rows = None
    return out


def numbers(cells):
    return [int(c.replace(",", "")) for c in cells]


def per_split(loaded, config, count):
    values = [sum(count(row) for row in loaded[config][split]) for split in SPLITS]
    return values + [sum(values)]


def test_yaml_metadata(release_dir, loaded):
    text = card_text(release_dir)
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["language"] == ["ar"] and meta["size_categories"] == ["n<1K"]
    assert meta["license"] == "cc-by-4.0"  # the one text whose license is unknown is left out
    assert [c["config_name"] for c in meta["configs"]] == list(CONFIGS)
    assert [c.get("default", False) for c in meta["configs"]] == [True, False, False]
    assert "`000_fixture_seed`) are not redistributed and are left out" in text
    for info in meta["dataset_info"]:
        config = info["config_name"]
        assert {s["name"]: s["num_examples"] for s in info["splits"]} == {
            split: loaded[config][split].num_rows for split in SPLITS}
        parquet = sum(p.stat().st_size for p in (release_dir / config).glob("*.parquet"))
        assert info["download_size"] == parquet
        assert info["features"] == features(config)._to_yaml_list()


def test_overview_table(release_dir, loaded):
    got = tables(card_text(release_dir))["Statistics"]
    docs = lambda f: per_split(loaded, "documents", f)  # noqa: E731
    sents = lambda f: per_split(loaded, "ner", f)  # noqa: E731
    expected = {
        "documents": docs(lambda r: 1),
        "sentences": sents(lambda r: 1),
        "tokens": sents(lambda r: len(r["tokens"])),
        "words": sents(lambda r: sum(is_word(t) for t in r["tokens"])),
        "characters": docs(lambda r: len(r["text"])),
        "entities": docs(lambda r: len(r["entities"])),
        "entity mentions": docs(lambda r: len(r["entity_mentions"])),
        "time mentions": docs(lambda r: sum(v["type"] == "TIME" for v in r["value_mentions"])),
        "other value mentions": docs(lambda r: sum(v["type"] != "TIME" for v in r["value_mentions"])),
        "events": docs(lambda r: len(r["events"])),
        "event mentions": docs(lambda r: len(r["event_mentions"])),
        "event arguments": docs(lambda r: sum(len(m["arguments"]) for m in r["event_mentions"])),
    }
    for kind in ("NAM", "NOM", "PRO"):
        expected[f"entity mentions {kind}"] = docs(
            lambda r, k=kind: sum(m["mention_type"] == k for m in r["entity_mentions"]))
    assert {k: numbers(v) for k, v in got.items()} == expected
    # and by hand, from tests/fixtures/release_drafts without 000_fixture_seed (license unknown, left out)
    assert numbers(got["entity mentions"]) == [16, 3, 4, 23]
    assert numbers(got["event mentions"]) == [5, 2, 1, 8]
    assert numbers(got["entity mentions PRO"]) == [0, 0, 0, 0]


def test_type_tables(release_dir, loaded):
    got = tables(card_text(release_dir))
    onto = load_ontology()
    entity = {k: numbers(v) for k, v in got["Entity mentions per type and subtype"].items()}
    for t in onto.entity_types:
        assert entity[f"**{t}**"] == per_split(loaded, "documents",
                                               lambda r: sum(m["type"] == t for m in r["entity_mentions"]))
    subtypes = Counter(f"{m['type']}:{m['subtype']}" for split in SPLITS for r in loaded["documents"][split]
                       for m in r["entity_mentions"])
    assert {k for k in entity if not k.startswith("**")} == set(subtypes)
    for name in subtypes:
        t, s = name.split(":")
        assert entity[name] == per_split(loaded, "documents", lambda r: sum(
            (m["type"], m["subtype"]) == (t, s) for m in r["entity_mentions"]))
    events = {k: numbers(v[:-1]) for k, v in got["Event mentions per subtype"].items()}
    assert list(events) == onto.event_types
    for t in onto.event_types:
        assert events[t] == per_split(loaded, "documents", lambda r: sum(m["type"] == t for m in r["event_mentions"]))
    rarity = {k: v[-1] for k, v in got["Event mentions per subtype"].items()}
    assert set(rarity.values()) == {"too rare to score alone"}  # no subtype has 20 test mentions here
    values = {k: numbers(v) for k, v in got["Time and value mentions"].items()}
    for x in onto.timex_types:
        assert values[f"TIME ({x})"] == per_split(loaded, "documents", lambda r: sum(
            v["timex_type"] == x for v in r["value_mentions"]))
    assert values["Numeric:Money"] == [1, 0, 0, 1] and values["Crime"] == [0, 1, 0, 1]


def _widened(row, mention):
    first, last = mention["token_start"], mention["token_end"]
    return row["token_starts"][first] != mention["start"] or row["token_ends"][last - 1] != mention["end"]


def test_alignment_table(release_dir, loaded):
    got = {k: numbers(v) for k, v in tables(card_text(release_dir))["Token alignment in `ner` and `events`"].items()}
    ev = lambda f: per_split(loaded, "events", f)  # noqa: E731
    assert got["entity mentions widened to whole tokens"] == ev(lambda r: sum(
        _widened(r, m) for m in r["entity_mentions"] if m["kind"] == "entity"))
    assert got["value mentions widened to whole tokens"] == ev(lambda r: sum(
        _widened(r, m) for m in r["entity_mentions"] if m["kind"] == "value"))
    assert got["event triggers widened to whole tokens"] == ev(lambda r: sum(_widened(r, {
        "start": m["trigger_start"], "end": m["trigger_end"], "token_start": m["trigger_token_start"],
        "token_end": m["trigger_token_end"]}) for m in r["event_mentions"]))
    assert got["`events` arguments whose filler is in another sentence (token offsets null)"] == ev(lambda r: sum(
        a["token_start"] is None for m in r["event_mentions"] for a in m["arguments"]))
    # by hand: بالسجن / بالاحتيال (validation), سـيوظّف (train); the seed's والشرع and لقائ|هما are left out
    assert got["entity mentions widened to whole tokens"] == [0, 0, 0, 0]
    assert got["value mentions widened to whole tokens"] == [0, 2, 0, 2]
    assert got["event triggers widened to whole tokens"] == [1, 0, 0, 1]
    assert got["sentence breaks removed because a span crossed them"] == [1, 0, 0, 1]  # د. سمير حداد


def test_rows_and_provenance_tables(release_dir, loaded):
    got = tables(card_text(release_dir))
    rows = {k: numbers(v) for k, v in got["Dataset structure"].items()}
    for config in CONFIGS:
        values = [loaded[config][s].num_rows for s in SPLITS]
        assert rows[f"`{config}`"] == values + [sum(values)]
    provenance = {k: numbers(v) for k, v in got["Source data and provenance"].items() if k in ("sourced", "composed")}
    for kind in ("sourced", "composed"):
        assert provenance[kind] == per_split(loaded, "documents", lambda r, k=kind: r["provenance"] == k)


def test_every_number_in_the_card_body_is_accounted_for(release_dir):
    """Numbers outside tables: the summary and limitations restate table totals; the rest are versions."""
    text = card_text(release_dir).split("---\n", 2)[2]
    summary = re.search(r"This release holds ([\d,]+) documents \(([\d,]+) words\) with\s+([\d,]+) entity "
                        r"mentions, ([\d,]+) time and value\s+mentions and ([\d,]+) event mentions", text)
    assert summary and summary.groups() == ("5", "88", "23", "10", "8")  # without the seed's 42 words


def test_card_reports_the_agreement_sample_and_the_baseline_table(tmp_path, release_corpus):
    import shutil

    from hadath.release.build import build

    root = tmp_path / "corpus"
    shutil.copytree(release_corpus, root)
    for name in ("first", "second"):
        folder = root / "annotations" / "agreement" / "sample" / name
        folder.mkdir(parents=True)
        shutil.copy(root / "annotations" / "001_fixture_trade.json", folder)
    table = "Made by `hadath benchmark` on release 0.1.0.\n\n| baseline | F1 |\n|---|---:|\n| lexicon | 0.500 |\n"
    (root / "BASELINES.md").write_text(table, encoding="utf-8")
    build(root, tmp_path / "release")
    text = (tmp_path / "release" / "README.md").read_text(encoding="utf-8")
    assert "## Baseline results\n\n" + table.strip() in text
    assert "- sample: 1 documents (`001_fixture_trade`)" in text
    assert "| entity mentions, strict | 1.000 |" in text and "| triggers, classification | 1.000 |" in text
    assert "`hadath agree annotations/agreement/sample/first annotations/agreement/sample/second --corpus .`" in text
