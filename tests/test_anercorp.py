"""ANERcorp as documents: nothing lost, added or reordered; CAMeL's split; the texts frozen to the source."""

import json
import re
from pathlib import Path

import pytest

from hadath.corpus.anercorp import (SourceError, detokenize, read_articles, read_tokens, sentence_starts,
                             split_of_pieces, pieces, camel_test_start)
from hadath.corpus.files import Layout, iter_documents, load_splits

REPO = Path(__file__).parent.parent
SOURCE = REPO / "corpus" / "sources" / "anercorp"


@pytest.fixture(scope="module")
def tokens():
    return read_tokens(SOURCE / "ANERCorp")


@pytest.fixture(scope="module")
def anercorp_documents():
    layout = Layout(REPO)
    ids = [i for i in layout.document_ids() if i.startswith("anercorp-")]
    return list(iter_documents(REPO, ids))


def test_the_source_reads_as_camel_describes(tokens):
    assert len(tokens) == 150_123
    start = camel_test_start(tokens)
    assert len(tokens) - start == 25_008
    assert tokens[start].line == 125_306
    assert tokens[start - 1].text == "."
    assert sum(1 for t in tokens if t.tag.startswith("B-")) == 11_176


def test_each_token_maps_to_its_offsets(tokens):
    text, offsets = detokenize(tokens[:2000], set(sentence_starts(tokens)))
    assert all(text[s:e] == t.text for t, (s, e) in zip(tokens, offsets))
    assert re.sub(r"\s", "", text) == "".join(t.text for t in tokens[:2000]).replace(" ", "")
    assert text.startswith("فرانكفورت (د ب أ) أعلن اتحاد صناعة السيارات")


def test_spacing_follows_written_arabic(tokens):
    from hadath.corpus.anercorp import Token
    words = ["قال", "(", "وزير", ")", ":", '"', "نعم", '"', "،", "«", "لا", "»", "."]
    text, _ = detokenize([Token(i, i + 1, w, "O") for i, w in enumerate(words)], {0})
    assert text == 'قال (وزير): "نعم"، «لا».'


def test_documents_are_the_source_in_order_nothing_lost_or_added(tokens, anercorp_documents):
    docs = sorted(anercorp_documents, key=lambda d: d.metadata.extra["source_tokens"][0])
    assert docs, "no ANERcorp documents in the corpus"
    ranges = [tuple(d.metadata.extra["source_tokens"]) for d in docs]
    assert ranges[0][0] == 0 and ranges[-1][1] == len(tokens)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    joined = "".join(re.sub(r"\s", "", d.text) for d in docs)
    assert joined == re.sub(r"\s", "", "".join(t.text for t in tokens))


def test_sourced_texts_are_the_source_exactly(tokens, anercorp_documents):
    starts = set(sentence_starts(tokens))
    for d in anercorp_documents:
        first, end = d.metadata.extra["source_tokens"]
        text, offsets = detokenize(tokens[first:end], starts)
        assert d.text == text, f"{d.id}: the stored text differs from the source"
        assert all(d.text[s:e] == t.text for t, (s, e) in zip(tokens[first:end], offsets))


def test_splits_test_is_camels_and_only_real_text_is_held_out(tokens, anercorp_documents):
    splits = load_splits(REPO)
    by_id = {d.id: d for d in anercorp_documents}
    test_tokens = sum(by_id[i].metadata.extra["source_tokens"][1] - by_id[i].metadata.extra["source_tokens"][0]
                      for i in splits["test"])
    assert test_tokens == 25_008
    held_out = splits["validation"] + splits["test"]
    assert all(i in by_id for i in held_out), "only ANERcorp documents are in validation and test"
    validation = sum(by_id[i].metadata.extra["source_tokens"][1] - by_id[i].metadata.extra["source_tokens"][0]
                     for i in splits["validation"])
    assert 11_000 < validation < 14_000
    assert "000_aae7326fe8a0fcf7" in splits["train"]


def test_every_document_has_a_date_with_evidence(anercorp_documents):
    for d in anercorp_documents:
        precision = d.metadata.date_precision
        assert precision in ("day", "month", "year", "unknown")
        assert d.metadata.extra.get("date_evidence"), d.id
        assert d.metadata.source == "ANERcorp" and d.metadata.license == "CC-BY-SA-4.0"


HEADER = "\t".join(["first_sentence", "first_line", "date", "precision", "evidence", "title", "topics", "reason"])


@pytest.mark.parametrize("row, message", [
    ("1\t1\t2006-07\tday\tx\t\tpolitics\tstart", "line 2: date '2006-07' with precision 'day'"),
    ("1\t1\t\tmonth\tx\t\tpolitics\tstart", "line 2: date '' with precision 'month'"),
    ("1\tone\t2006\tyear\tx\t\tpolitics\tstart", "line 2: first_line 'one'"),
    ("1\t1\t2006\tyear\tx", "line 2: 5 columns; expected 8"),
])
def test_bad_article_rows_name_their_line(tmp_path, row, message):
    path = tmp_path / "articles.tsv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(message)):
        read_articles(path)


def test_an_article_across_the_test_line_is_cut_there(tmp_path, tokens):
    path = tmp_path / "articles.tsv"
    path.write_text(f"{HEADER}\n1\t1\t2006\tyear\tx\t\tpolitics\tstart\n"
                    "3812\t119990\t2006\tyear\tx\t\tsport\tdateline\n", encoding="utf-8")
    items = pieces(tokens, read_articles(path))
    assert [(p.first, p.cut) for p in items][1:] == [(next(t.index for t in tokens if t.line == 119990), True),
                                                    (camel_test_start(tokens), True)]
    split = split_of_pieces(tokens, items)
    assert sorted(split.values()) == ["test", "train", "validation"]


def test_an_article_begins_where_a_sentence_does(tmp_path, tokens):
    path = tmp_path / "articles.tsv"
    path.write_text(f"{HEADER}\n1\t1\t2006\tyear\tx\t\tpolitics\tstart\n2\t2\t2006\tyear\tx\t\tsport\tx\n",
                    encoding="utf-8")
    with pytest.raises(SourceError, match="first_line 2 begins no sentence"):
        pieces(tokens, read_articles(path))


def test_the_anercorp_config_is_camels_split_placed_in_the_documents(tokens, anercorp_documents):
    from hadath.corpus.anercorp import TAGS, config_rows
    rows = config_rows(SOURCE / "ANERCorp", anercorp_documents)
    assert [len(rows["train"]), len(rows["test"])] == [3989, 918]
    assert sum(len(r["tokens"]) for r in rows["test"]) == 25_008
    texts = {d.id: d.text for d in anercorp_documents}
    flat = [t for split in ("train", "test") for r in rows[split] for t in
            zip(r["tokens"], r["token_starts"], r["token_ends"], [r["document_id"]] * len(r["tokens"]))]
    assert [t[0] for t in flat] == [t.text for t in tokens]
    assert all(texts[d][s:e] == w for w, s, e, d in flat)
    first = rows["test"][0]
    assert first["document_id"] == "anercorp-125306" and TAGS[first["ner_tags"][1]] == "B-LOC"


@pytest.fixture(scope="module")
def repository_release(tmp_path_factory):
    from hadath.release.build import build
    out = tmp_path_factory.mktemp("release") / "release"
    build(REPO, out)
    return out


def test_the_release_states_both_licenses_leaves_out_the_seed_and_verifies(repository_release):
    import yaml
    from datasets import load_dataset
    from hadath.release.verify import verify
    card = (repository_release / "README.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(card.split("---\n")[1])
    assert meta["license"] == ["cc-by-4.0", "cc-by-sa-4.0"]
    assert [c["config_name"] for c in meta["configs"]] == ["documents", "ner", "events", "anercorp"]
    assert "(`000_aae7326fe8a0fcf7`) are not redistributed" in card
    assert "Not WojoodHadath" in card
    assert "### Cross-check against ANERcorp's own tags" in card
    ids = {i for split in load_dataset(str(repository_release), "documents").values() for i in split["id"]}
    assert "000_aae7326fe8a0fcf7" not in ids and "anercorp-125306" in ids
    croissant = json.loads((repository_release / "croissant.json").read_text(encoding="utf-8"))
    assert sorted(croissant["license"]) == ["https://creativecommons.org/licenses/by-sa/4.0/",
                                            "https://creativecommons.org/licenses/by/4.0/"]
    assert verify(repository_release) == []
