from pathlib import Path

from hadath.release.stats import compute, coverage, feature_coverage, render

REPO = Path(__file__).parent.parent


def test_stats_md_is_up_to_date():
    assert (REPO / "STATS.md").read_text(encoding="utf-8") == render(compute(REPO), feature_coverage(REPO)), \
        "STATS.md is stale: run hadath stats --out STATS.md"


def test_counts_match_a_count_by_hand_of_the_seed(tmp_path):
    import shutil
    for sub in ("corpus/documents", "annotations"):
        (tmp_path / sub).mkdir(parents=True)
    for name in ("corpus/documents/000_aae7326fe8a0fcf7.txt", "corpus/documents/000_aae7326fe8a0fcf7.json",
                 "annotations/000_aae7326fe8a0fcf7.json"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / "corpus/splits.json").write_text('{"train": [], "validation": [], "test": ["000_aae7326fe8a0fcf7"]}')
    stats = compute(tmp_path)
    seed = stats.splits["test"]
    # Counted in the seed's draft: Meet EM1 4 5 6 7 9 14 15 16; Transport EM2 3 8 12 13; PRO M6 25 38 45 59
    # 62 66 69; Job-Title V1 4 11 12 (not `الرئيسان`, decision 63); DURATION V10 13 15 17; the other 8
    # TIME values are DATEs.
    assert seed.event_mentions == {"Contact:Meet": 9, "Movement:Transport": 5, "Justice:Extradite": 1,
                                   "Justice:Trial-Hearing": 1, "Business:End-Org": 1, "Conflict:Attack": 1}
    assert seed.mention_types == {"NAM": 55, "NOM": 23, "PRO": 8}
    assert seed.value_mentions == {("Job-Title", ""): 4, ("TIME", ""): 12}
    assert seed.timex_types == {"DATE": 8, "DURATION": 4}
    # Counted without the tokenizer: 364 whitespace-separated chunks, one of them a bare "-"; 39
    # punctuation characters, each a token of its own.
    text = (tmp_path / "corpus/documents/000_aae7326fe8a0fcf7.txt").read_text()
    chunks = text.split()
    punctuation = sum(1 for c in text if not c.isspace() and not c.isalnum() and not "\u064b" <= c <= "\u065f")
    assert (len(chunks), punctuation) == (364, 39)
    assert seed.words == 363 and seed.tokens == 363 + 39


def test_coverage_reports_every_event_type():
    names = [t.name for t in coverage(compute(REPO))]
    assert sum(n.startswith("event ") and ":" in n for n in names) == 33


def test_feature_coverage_finds_each_phenomenon_by_hand(tmp_path):
    from hadath.corpus.files import Layout, write_document, write_json_atomic
    from hadath.corpus.draft import anchor

    header = "date: 2026-01-28\nsource: composed\nprovenance: composed\nfactuality: fictional\nlicense: CC-BY-4.0\n"
    write_document(Layout(tmp_path), anchor(
        f"id: 901_a\n{header}===== text =====\nلم [يزر]{{EM1}} و[سوريا]{{M1}} في [شباط ٢٠٢٥]{{V1}}.\n"
        "===== annotations =====\nE1 GPE Nation SPC\nM1 E1 NAM gpe_role=LOC\nV1 TIME DATE 2025-02\n"
        "EV1 Movement:Transport\nEM1 EV1 realis=other polarity=negative tense=past Destination=M1 Time-Within=V1\n"))
    write_json_atomic(tmp_path / "corpus" / "splits.json", {"train": ["901_a"], "validation": [], "test": []})
    found = {t.name for t in feature_coverage(tmp_path) if t.met}
    assert found == {"time: levantine month names", "time: Eastern Arabic digits", "events: negated",
                     "mentions: clitic at a span edge"}
