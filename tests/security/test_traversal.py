"""Path traversal through the export endpoints, static files and page paths, and file ingest.

No address reaches a file outside what rasad serves: `../` in every spelling
(plain, percent-encoded once and twice, backslashes, NUL) gives a 4xx, never a
file's contents, and an export always downloads under its own fixed name.
A folder handed to `rasad ingest` may hold links; only files inside it are read.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasad.ingest.files import InputDoc, iter_inputs

SECRET = "secret-line-that-must-not-leak"
DOTS = ("..", "%2e%2e", "%252e%252e", ".%2e", "%2e.", "..%5c..", "..\\..", "....//")
SEP = ("/", "%2f", "%252f")
PROBES = (
    "/api/export/{t}etc{s}passwd",
    "/api/export/events.csv{s}{t}{s}{t}{s}etc{s}passwd",
    "/api/export/events.{t}{s}{t}{s}etc{s}passwd",
    "/api/export/events.csv%00{s}{t}",
    "/static/{t}{s}{t}{s}{t}{s}etc{s}passwd",
    "/static/{t}{s}{t}{s}api{s}config.py",
    "/static/css{s}{t}{s}{t}{s}__init__.py",
    "/api/entities/{t}{s}{t}{s}etc{s}passwd",
    "/articles/{t}{s}{t}{s}etc{s}passwd",
    "/{t}{s}{t}{s}{t}{s}etc{s}passwd",
)


def probes() -> list[str]:
    return [p.format(t=t, s=s) for p in PROBES for t in DOTS for s in SEP]


def test_no_address_reads_a_file_outside(client: TestClient) -> None:
    sent = 0
    for url in probes() + ["//etc/passwd", "/static//etc/passwd", "/static/%2fetc%2fpasswd"]:
        response = client.get(url)
        assert 400 <= response.status_code < 500, (url, response.status_code)
        assert "root:" not in response.text and "Settings" not in response.text, url
        sent += 1
    assert sent >= 240


@pytest.mark.parametrize("name", ["events", "quotes", "entities"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_exports_download_under_a_fixed_name(client: TestClient, name: str, fmt: str) -> None:
    response = client.get(f"/api/export/{name}.{fmt}", params={"label": "../../x"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="rasad-{name}.{fmt}"'


@pytest.mark.parametrize("fmt", ["../csv", "csv/..", "txt", "CSV", "csv ", "/etc/passwd", "%00"])
def test_export_formats_are_a_closed_list(client: TestClient, fmt: str) -> None:
    response = client.get(f"/api/export/events.{fmt}")
    assert response.status_code in (404, 422)


def test_static_files_are_served_from_inside(client: TestClient) -> None:
    assert client.get("/static/css/rasad.css").status_code in (200, 404)
    assert client.get("/static/favicon.svg").status_code == 200


# ---- file ingest --------------------------------------------------------------------------


def folder_with_links(tmp_path: Path) -> Path:
    """A folder as an unpacked archive might leave it, with links in and out of it."""
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "id_rsa.txt").write_text(SECRET, encoding="utf-8")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text("متن نخست دربارهٔ دیدار در کابل.", encoding="utf-8")
    (inbox / "sub" / "b.txt").write_text("متن دوم دربارهٔ دیدار در دوشنبه.", encoding="utf-8")
    os.symlink(outside / "id_rsa.txt", inbox / "key.txt")  # absolute link out
    os.symlink("../home/id_rsa.txt", inbox / "rel.txt")  # relative link out
    os.symlink("../a.txt", inbox / "sub" / "again.txt")  # a link inside: read
    os.symlink(outside, inbox / "linked")  # a linked folder: never walked
    os.symlink(inbox / "missing.txt", inbox / "dangling.txt")
    os.symlink(inbox / "loop.txt", inbox / "loop.txt")  # a link to itself
    os.mkfifo(inbox / "pipe.txt")  # would block a reader forever
    return inbox


def test_walking_a_folder_reads_only_files_inside_it(tmp_path: Path) -> None:
    inbox = folder_with_links(tmp_path)
    skipped: Counter[str] = Counter()
    found = list(iter_inputs([str(inbox)], skipped=skipped))
    docs = [r for r in found if isinstance(r, InputDoc)]
    assert sorted(Path(d.path).name for d in docs) == ["a.txt", "again.txt", "b.txt"]
    assert all(SECRET not in d.text for d in docs)
    assert skipped == Counter({"link_outside": 2, "not_a_file": 1, "broken_link": 2})


def test_a_path_named_on_the_command_line_is_read_as_given(tmp_path: Path) -> None:
    """The analyst's own choice: an explicit path (even through `..`) is read."""
    inbox = folder_with_links(tmp_path)
    explicit = str(inbox / ".." / "home" / "id_rsa.txt")
    (doc,) = list(iter_inputs([explicit]))
    assert isinstance(doc, InputDoc) and SECRET in doc.text


def test_encoded_names_are_names_not_paths(tmp_path: Path) -> None:
    """A file called `x..%2fsecret.txt` is that file: nothing decodes it into a path."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "x..%2f..%2fsecret.txt").write_text("متنی با نامی عجیب.", encoding="utf-8")
    (doc,) = list(iter_inputs([str(inbox)]))
    assert isinstance(doc, InputDoc) and doc.path.endswith("x..%2f..%2fsecret.txt")
