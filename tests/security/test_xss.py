"""Markup in article text, titles, feed fields and entity names stays text everywhere.

Every dashboard page that can show the hostile store's content is fetched and
searched for the raw payloads; the API's `*_html` fields are checked the same
way; and one browser test opens those pages in chromium with the Content
Security Policy switched off, so that escaping alone is what keeps the
payloads from running.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.loopback import rasad_serve
from tests.security.conftest import ENTITY_NAME, FEED_NAME, LINK, PAYLOADS, SCRIPT, SVG

CHROMIUM = "/usr/bin/chromium"
RAW = (*PAYLOADS, ENTITY_NAME, FEED_NAME, "<b onmouseover", "<svg onload", "<img src=x")


def hostile_paths(client: TestClient) -> list[str]:
    """Every page that shows the hostile content, found through the API."""
    articles = client.get("/api/articles", params={"limit": 200}).json()["items"]
    entity = "doc:PER:" + ENTITY_NAME
    paths = [f"/articles/{a['id']}" for a in articles]
    paths += [
        "/",
        "/?q=" + quote("هشدار"),
        "/?q=" + quote("گزارش") + "&facets=1",
        "/?source=" + quote(FEED_NAME),
        "/?q=" + quote(SCRIPT),
        "/?q=" + quote(SVG),
        "/entities",
        "/entities/" + quote(entity, safe=""),
        "/entities/" + quote("doc:PER:<script>alert('entity')</script>", safe=""),
        "/entities/" + quote("<script>window.__xss='missing'</script>", safe=""),
        "/events",
        "/events?actor=" + quote(SVG),
        "/stories",
        "/network?entity=" + quote(entity),
        "/map",
        "/nothing/" + quote(SCRIPT),
    ]
    return paths


def test_the_feed_items_were_stored_with_their_markup(hostile: TestClient) -> None:
    items = hostile.get("/api/articles", params={"limit": 200}).json()["items"]
    from_feed = [a for a in items if a["source"] == FEED_NAME]
    assert len(from_feed) == 4  # three feed items and the hand-made article
    assert any(a["url"] == LINK for a in from_feed)
    assert any(SCRIPT in a["title"] for a in from_feed)


def test_pages_never_carry_raw_markup(hostile: TestClient) -> None:
    checked = 0
    for path in hostile_paths(hostile):
        response = hostile.get(path)
        assert response.status_code in (200, 404), path
        html = response.text
        for raw in RAW:
            assert raw not in html, (path, raw)
        assert 'href="javascript:' not in html.lower(), path
        checked += 1
    assert checked >= 20


def test_escaped_forms_are_shown_as_text(hostile: TestClient) -> None:
    html = hostile.get("/?q=" + quote("هشدار")).text
    assert "&lt;script&gt;window.__xss=" in html or "&lt;img src=x" in html


def test_api_html_fields_are_escaped(hostile: TestClient) -> None:
    body = hostile.get("/api/search", params={"q": "هشدار", "limit": 50}).json()
    assert body["items"], "the hostile feed items should match"
    for hit in body["items"]:
        for field in (hit["title_html"], hit["snippet_html"]):
            stripped = field.replace("<mark>", "").replace("</mark>", "")
            assert "<" not in stripped and ">" not in stripped, field
    raw_titles = [h["article"]["title"] for h in body["items"]]
    assert any("<" in t for t in raw_titles)  # JSON keeps the text as it was, as data


def test_api_answers_are_json_not_html(hostile: TestClient) -> None:
    entity = quote("doc:PER:" + ENTITY_NAME, safe="")
    for path in ("/api/search?q=" + quote(SCRIPT), f"/api/entities/{entity}", "/api/x<script>"):
        response = hostile.get(path)
        assert response.headers["content-type"].startswith("application/json"), path
        assert response.headers["x-content-type-options"] == "nosniff"


# ---- the same pages in a real browser, with the CSP off ---------------------------------


@pytest.fixture(scope="module")
def served(hostile_db: Path) -> Iterator[str]:
    with rasad_serve(hostile_db, "security-test-key") as url:
        yield url


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium missing: scripts/system_deps.sh")
def test_no_injected_script_runs_in_a_browser(served: str, hostile: TestClient) -> None:
    from playwright.sync_api import sync_playwright

    paths = hostile_paths(hostile)
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(bypass_csp=True)  # escaping alone must hold
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        # A canary: inline script does run on these pages when the CSP is off.
        page.goto(served + "/")
        page.add_script_tag(content="window.__canary = 1")
        assert page.evaluate("window.__canary") == 1
        for path in paths:
            page.goto(served + path)
            page.wait_for_load_state("load")
            page.mouse.move(10, 10)
            page.locator("body").hover()
            assert page.evaluate("window.__xss") is None, path
            assert page.locator("script:not([src])").count() == 0, path
        browser.close()
    assert dialogs == []
