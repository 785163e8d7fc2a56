"""The release fixture corpus is exactly what `hadath anchor` makes of tests/fixtures/release_drafts."""

from conftest import FIXTURES

from hadath.corpus.files import Layout, load_document
from hadath.corpus.draft import anchor
from hadath.corpus.text import ingest
from hadath.corpus.validator import validate


def test_fixture_corpus_is_the_anchored_drafts(release_corpus):
    drafts = sorted((FIXTURES / "release_drafts").glob("*.txt"))
    layout = Layout(release_corpus)
    assert [d.stem for d in drafts] == layout.document_ids()
    for draft in drafts:
        assert anchor(ingest(draft.read_bytes(), draft.name)) == load_document(layout, draft.stem)


def test_fixture_corpus_is_valid(release_corpus):
    report = validate(release_corpus)
    assert report.passed, [str(p) for p in report.problems]
    assert report.documents == 6
