"""hadath view: the pages, checked in headless Chromium: not blank, every mention at its offsets."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hadath.corpus.files import iter_documents

from interchange_helpers import CORPORA, CORPUS_IDS, FIXTURE, hadath

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed, and CI must run the viewer's browser test (.ci/run installs "
                    "the Debian package chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); the viewer's browser test needs it")


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    # The timeout only guards against a hung browser; it measures nothing.
    return subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, timeout=180, cwd=tmp_path)


class _TextWalker(HTMLParser):
    """Where each element carrying data-start sits in the text of the `#text` element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # depth inside #text; 0 outside
        self.text: list[str] = []
        self.length = 0
        self.open: list[dict | None] = []
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth == 0:
            if attrs.get("id") == "text":
                self.depth = 1
            return
        self.depth += 1
        element = {**attrs, "at": self.length} if "data-start" in attrs else None
        self.open.append(element)

    def handle_endtag(self, tag):
        if self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            return
        element = self.open.pop()
        if element is not None:
            element["to"] = self.length
            self.found.append(element)

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            self.length += len(data)


def _pages(tmp_path: Path):
    pages = []
    for root, name in zip(CORPORA, CORPUS_IDS):
        out = tmp_path / f"view-{name}"
        code, output = hadath("view", "--corpus", root, "--out", out)
        assert code == 0, output
        documents = list(iter_documents(root))
        assert (out / "index.html").is_file()
        pages += [(out / f"{d.id}.html", d) for d in documents]
    return pages


def test_every_mention_is_in_the_page_at_its_offsets(tmp_path):
    pages = _pages(tmp_path)
    # The fixture's pages always, and the first page of the repository corpus once it has one.
    chosen = [p for p in pages if p[0].parent.name == "view-fixture"] + \
        [p for p in pages if p[0].parent.name != "view-fixture"][:1]
    for page, document in chosen:
        result = _run_chromium(tmp_path, "--dump-dom", page.as_uri())
        assert result.returncode == 0, result.stderr.decode()[-2000:]
        walker = _TextWalker()
        walker.feed(result.stdout.decode("utf-8"))
        assert "".join(walker.text) == document.text
        fragments: dict[str, list[dict]] = {}
        for element in walker.found:
            key = element.get("data-id") or f"{element['data-head-of']}.head"
            fragments.setdefault(key, []).append(element)
        a = document.annotation
        expected = {m.id: m.span for m in (*a.entity_mentions, *a.value_mentions)}
        expected.update({m.id: m.trigger for m in a.event_mentions})
        expected.update({f"{m.id}.head": m.head for m in a.entity_mentions if m.head is not None})
        assert sorted(fragments) == sorted(expected)
        for key, span in expected.items():
            parts = sorted(fragments[key], key=lambda e: e["at"])
            assert all((int(e["data-start"]), int(e["data-end"])) == (span.start, span.end) for e in parts)
            assert (parts[0]["at"], parts[-1]["to"]) == (span.start, span.end), key
            assert all(x["to"] == y["at"] for x, y in zip(parts, parts[1:])), key
        # Arguments and attributes are on the trigger for the hover script to light up.
        for m in a.event_mentions:
            trigger = fragments[m.id][0]
            assert trigger["data-args"] == " ".join(f"{x.role}={x.ref}" for x in m.arguments)
            assert f"realis={m.realis}" in trigger["data-attributes"]


def test_screenshot_is_not_blank(tmp_path):
    from PIL import Image

    page, _ = next(p for p in _pages(tmp_path) if p[1].id == "901_fixture_summit")
    shot = tmp_path / "page.png"
    result = _run_chromium(tmp_path, "--window-size=1000,900", f"--screenshot={shot}", page.as_uri())
    assert result.returncode == 0 and shot.is_file(), result.stderr.decode()[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1000, 900)
    colors = image.getcolors(maxcolors=1 << 20)
    assert colors is not None and len(colors) > 50
    # Type colors of the fixture's mentions are on screen: GPE green and PER red from the palette.
    present = {rgb for _, rgb in colors}
    from hadath.interchange.viewer import colors as type_colors

    for name in ("GPE", "PER", "TIME"):
        hex_color = type_colors()[name].lstrip("#")
        assert tuple(int(hex_color[i:i + 2], 16) for i in (0, 2, 4)) in present, name
    white = sum(n for n, rgb in colors if rgb == (255, 255, 255))
    assert white < 0.97 * image.size[0] * image.size[1]


def test_index_lists_every_document(tmp_path):
    hadath("view", "--corpus", FIXTURE, "--out", tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="901_fixture_summit.html"' in index and 'href="902_fixture_arrival.html"' in index
    page = (tmp_path / "901_fixture_summit.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert "http://" not in page and "https://" not in page.replace("https://example.org/news", "")


def test_crossing_spans_become_fragments_at_their_offsets():
    from hadath.corpus.model import Annotation, Document, Entity, EntityMention, Metadata, Span
    from hadath.interchange.viewer import document_page

    text = "أ ب ج د"
    entities = (Entity("E1", "PER", "Individual", "SPC"), Entity("E2", "ORG", "Government", "SPC"))
    mentions = (EntityMention("M1", "E1", "PER", "Individual", "NAM", Span.of(text, 0, 3)),
                EntityMention("M2", "E2", "ORG", "Government", "NAM", Span.of(text, 2, 7)))
    document = Document(Metadata("x01", "ar", "2026-01-01", None, "composed", "composed", "CC-BY-4.0"), text,
                        Annotation("x01", "0" * 64, entities, mentions))
    walker = _TextWalker()
    walker.feed(document_page(document))
    assert "".join(walker.text) == text
    assert sorted((e["data-id"], e["at"], e["to"], e["data-start"], e["data-end"]) for e in walker.found) == [
        ("M1", 0, 3, "0", "3"), ("M2", 2, 3, "2", "7"), ("M2", 3, 7, "2", "7")]


def test_a_trigger_lights_its_arguments_and_a_mention_its_chain(tmp_path):
    page, document = next(p for p in _pages(tmp_path) if p[1].id == "901_fixture_summit")
    lit = {}
    for target in ("EM1", "M5"):
        result = _run_chromium(tmp_path, "--dump-dom", f"{page.as_uri()}#{target}")
        walker = _TextWalker()
        walker.feed(result.stdout.decode("utf-8"))
        lit[target] = {(e.get("data-id"), c) for e in walker.found for c in ("lit", "arg")
                       if c in e.get("class", "").split()}
    # EM1: Entity=M5,M6 Place=M8 Time-Within=V2 (the script ran in the browser and set these classes).
    assert lit["EM1"] == {("EM1", "lit"), ("M5", "arg"), ("M6", "arg"), ("M8", "arg"), ("V2", "arg")}
    # M5 is فلاديمير بوتين, in the chain E3 with M3 الرئيس الروسي.
    assert lit["M5"] == {("M5", "lit"), ("M3", "lit")}
