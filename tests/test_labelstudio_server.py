"""Against a real Label Studio server (label-studio from PyPI, see .ci/run): export, import into Label
Studio, edit regions through its API (one after an emoji), export with Label Studio's own JSON export,
and import back.

The server runs on 127.0.0.1 with a temporary data folder and is stopped at the end. `label-studio` is
found through `HADATH_LABEL_STUDIO` (the path of its executable) or on PATH; without it the test is
skipped, except under CI (`CI=true`), where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from hadath.corpus.files import Layout, load_document, load_suggestions
from interchange_helpers import FIXTURE, copy_corpus, hadath

TOKEN = "0123456789abcdef0123456789abcdef01234567"
START_TIMEOUT = 900  # the first start migrates a fresh database; slow machines take minutes
TEXT = "🎉 وصل الوفد إلى موسكو 🇹🇷 ثم غادر موسكو مساء السبت.\n"


def _executable() -> str:
    found = os.environ.get("HADATH_LABEL_STUDIO") or shutil.which("label-studio")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("label-studio is not installed, and CI must run this test (.ci/run installs it into "
                    ".venv-label-studio and sets HADATH_LABEL_STUDIO)")
    pytest.skip("label-studio is not installed (pip install label-studio==1.23.2 in a separate venv, then set "
                "HADATH_LABEL_STUDIO to its label-studio executable)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str):
        self.url = url

    def call(self, method: str, path: str, body=None, raw: bool = False):
        request = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode("utf-8"),
            headers={"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            data = response.read()
            return (response.headers, data) if raw else json.loads(data or b"null")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    executable = _executable()
    data = tmp_path_factory.mktemp("label-studio-data")
    port = _free_port()
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data), "DJANGO_DB": "sqlite",
           "LATEST_VERSION_CHECK": "false", "COLLECT_ANALYTICS": "false", "SENTRY_DSN": "",
           "FRONTEND_SENTRY_DSN": "", "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true"}
    env.pop("CI", None)  # Label Studio reads CI itself, and stops on any value but a boolean
    log = open(data / "server.log", "w")
    process = subprocess.Popen(
        [executable, "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
         "--data-dir", str(data), "--username", "hadath@example.com", "--password", "hadath-test-password",
         "--user-token", TOKEN, "--enable-legacy-api-token"],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=data, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"label-studio exited with {process.returncode}:\n"
                            + (data / "server.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(url + "/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"label-studio did not answer within {START_TIMEOUT} s:\n"
                            + (data / "server.log").read_text()[-3000:])
            time.sleep(2)
        yield Server(url)
    finally:
        _stop(process)
        log.close()


def _stop(process: subprocess.Popen) -> None:
    """Stop the server this test started, and whatever it started (its own process group)."""
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 30)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _region(region_id: str, control: str, kind: str, text: str, start: int, end: int, value: str) -> dict:
    found = {"start": start, "end": end, "text": text[start:end]}
    found["text" if kind == "textarea" else kind] = [value]
    return {"id": region_id, "from_name": control, "to_name": "text", "type": kind, "value": found,
            "origin": "manual"}


def test_a_round_trip_through_label_studio(server, tmp_path):
    corpus = copy_corpus(FIXTURE, tmp_path / "corpus")
    (tmp_path / "new.txt").write_text(TEXT, encoding="utf-8")
    code, output = hadath("ingest", tmp_path / "new.txt", "--date", "2026-02-07", "--source", "composed",
                          "--provenance", "composed", "--factuality", "fictional", "--split", "train",
                          "--id", "903_emoji", "--pre-annotate", "--corpus", corpus)
    assert code == 0, output
    suggested = load_suggestions(Layout(corpus), "903_emoji")
    assert [m.span.text for m in suggested.entity_mentions] == ["موسكو", "موسكو"]
    assert hadath("export", "labelstudio", "--corpus", corpus, "--out", tmp_path / "export")[0] == 0
    before_902 = (corpus / "annotations" / "902_fixture_arrival.json").read_text(encoding="utf-8")

    project = server.call("POST", "/api/projects", {
        "title": "hadath", "label_config": (tmp_path / "export" / "config.xml").read_text(encoding="utf-8")})
    tasks = json.loads((tmp_path / "export" / "tasks.json").read_text(encoding="utf-8"))
    imported = server.call("POST", f"/api/projects/{project['id']}/import", tasks)
    assert imported["task_count"] == 3 and imported["prediction_count"] == 1
    listed = server.call("GET", f"/api/tasks?project={project['id']}&page_size=100")["tasks"]
    by_document = {t["data"]["document_id"]: t for t in listed}

    # 902: the time after the flag 🇹🇷 gets another normalized value, as an annotator would type it.
    task = by_document["902_fixture_arrival"]
    annotation = server.call("GET", f"/api/tasks/{task['id']}/annotations/")[0]
    result = annotation["result"]
    for item in result:
        if item.get("id") == "V1" and item["from_name"] == "normalized":
            assert item["value"]["start"] == 25  # the server gives back the code points it was given
            item["value"]["text"] = ["2026-02-14"]
    server.call("PATCH", f"/api/annotations/{annotation['id']}", {"result": result})

    # 903: a GPE region drawn on the second موسكو, after the emoji 🎉 and the flag 🇹🇷 (three code points
    # above U+FFFF, six UTF-16 units), with a fresh Label Studio id; the suggestion on it is accepted.
    task = by_document["903_emoji"]
    annotation = server.call("GET", f"/api/tasks/{task['id']}/annotations/")[0]
    start = TEXT.rindex("موسكو")
    end = start + len("موسكو")
    region = [_region("Qw3rTy9", control, kind, TEXT, start, end, value) for control, kind, value in [
        ("entity", "labels", "GPE"), ("subtype", "choices", "Population-Center"),
        ("mention_type", "choices", "NAM"), ("entity_class", "choices", "SPC"), ("gpe_role", "choices", "GPE"),
        ("entity_id", "textarea", "E1")]]
    server.call("PATCH", f"/api/annotations/{annotation['id']}", {"result": annotation["result"] + region})

    # Label Studio's own JSON export, saved under the name its UI gives the download.
    headers, body = server.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON", raw=True)
    name = re.search(r'filename="?([^";]+)"?', headers["Content-Disposition"]).group(1)
    assert re.fullmatch(r"project-\d+-at-.+\.json", name), name
    download = tmp_path / "download"
    download.mkdir()
    (download / name).write_bytes(body)
    exported = json.loads(body)
    assert any(t["predictions"] and all(isinstance(p, int) for p in t["predictions"]) for t in exported), \
        "Label Studio's JSON export lists predictions by id"

    code, output = hadath("import", "labelstudio", download, "--corpus", corpus)
    assert code == 0, output
    a = load_document(Layout(corpus), "902_fixture_arrival").annotation
    assert [(v.id, v.span.start, v.span.text, v.normalized) for v in a.value_mentions] == \
        [("V1", 25, "السبت", "2026-02-14")]
    after_902 = (corpus / "annotations" / "902_fixture_arrival.json").read_text(encoding="utf-8")
    changed = [line for line in after_902.split("\n") if line not in before_902.split("\n")]
    assert changed == ['      "normalized": "2026-02-14",'], changed  # nothing else moves
    new = load_document(Layout(corpus), "903_emoji").annotation
    assert [(m.id, m.span.start, m.span.end, m.span.text, m.type) for m in new.entity_mentions] == \
        [("M1", start, end, "موسكو", "GPE")]
    left = load_suggestions(Layout(corpus), "903_emoji")
    assert [m.span.start for m in left.entity_mentions] == [TEXT.index("موسكو")]
    assert hadath("validate", corpus)[0] == 0
