"""The dashboard in a real browser: Debian's chromium, headless, driven by Playwright.

A `rasad serve` process is started on a free loopback port over the
fixture store; the tests click through the pages as an analyst would and
save screenshots into docs/screenshots (docs/dashboard.md shows them).
Chromium comes from the system (scripts/system_deps.sh installs it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from tests.loopback import rasad_serve

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 375, "height": 740}

if not os.path.exists(CHROMIUM):
    pytest.fail(
        f"{CHROMIUM} is missing: run scripts/system_deps.sh (as root) to install chromium",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def server(fixture_db: Path) -> Iterator[str]:
    with rasad_serve(fixture_db, "browser-test-key") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="fa-IR")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: _console(m, problems))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: problems.append(f"a dialog opened: {d.message}"))
    page.on("request", lambda r: _local(r.url, problems))
    yield page
    context.close()
    assert problems == []


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type == "error":
        problems.append(f"console error: {message.text}")


def _local(url: str, problems: list[str]) -> None:
    if not url.startswith("http://127.0.0.1:") and not url.startswith("data:"):
        problems.append(f"a request left the machine: {url}")


def shot(page: Page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def is_rtl(page: Page) -> bool:
    return bool(page.evaluate("getComputedStyle(document.body).direction === 'rtl'"))


PAGES = [
    ("/", "search-latest"),
    ("/entities", "entities"),
    ("/map", "map"),
    ("/events?type=consult", "events"),
    ("/stories", "stories"),
    ("/stories/1", ""),
    ("/api/docs", ""),
]


def test_every_page_loads(server: str, page: Page) -> None:
    for path, name in PAGES:
        response = page.goto(server + path)
        assert response is not None and response.status == 200, path
        assert (
            page.get_attribute("html", "dir") == "rtl"
            and page.get_attribute("html", "lang") == "fa"
        )
        fonts = page.evaluate(
            "document.fonts.ready.then(() => document.fonts.check('16px Vazirmatn'))"
        )
        assert fonts, f"Vazirmatn not loaded on {path}"
        if name:
            shot(page, name)


def test_search_article_entity_network(server: str, page: Page) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "رئیس جمهور")
    page.click("button[type=submit]")
    expect(page.locator("ol.hits li")).to_have_count(3)
    expect(page.locator(".snippet mark").first).to_have_text("رئیس‌جمهور")
    assert is_rtl(page)
    shot(page, "search")

    page.click("ol.hits li a.title >> text=مکرون")
    expect(page.locator("h1")).to_contain_text("امانوئل مکرون")
    body = page.locator("#article-body")
    assert body.locator("a.m-PER").count() > 10
    assert body.locator("span.quote").count() >= 5 and body.locator("span.ev").count() >= 5
    colour = body.locator("a.m-PER").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(page.locator("#dropped li").first).to_be_hidden()
    page.click("#dropped summary")
    expect(page.locator("#dropped li").first).to_be_visible()
    expect(page.locator("#dropped li").first).to_contain_text("Read More")
    shot(page, "article", full=False)

    body.locator("a[href='/entities/person:emomali-rahmon']").first.click()
    expect(page.locator("h1")).to_contain_text("Emomali Rahmon")
    expect(page.locator("svg.timeline rect")).to_have_count(2)
    assert page.locator("ul.quotes li").count() >= 3
    shot(page, "entity")

    page.click("#to-network")
    page.wait_for_selector("#network[data-ready='1']", timeout=15000)
    nodes = page.evaluate("window.rasadNetwork.nodes().length")
    edges = page.evaluate("window.rasadNetwork.edges('.event').length")
    assert nodes >= 5 and edges >= 1
    page.uncheck("#show-mentions")
    hidden = page.evaluate("window.rasadNetwork.edges('.mention.hidden').length")
    assert hidden > 0
    page.check("#show-mentions")
    shot(page, "network")


def test_english_toggle(server: str, page: Page) -> None:
    page.goto(server + "/entities/person:emomali-rahmon")
    page.click("#lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("nav.nav a").first).to_have_text("Search")
    expect(page.locator("h1")).to_contain_text("امامعلی رحمان")
    assert not is_rtl(page)
    page.goto(server + "/?q=تاجیکستان")
    expect(page.locator("section.results h1")).to_have_text("Results")
    shot(page, "search-english")
    page.click("#lang-switch")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("section.results h1")).to_have_text("نتیجه‌ها")


def test_markup_in_articles_never_runs(server: str, page: Page) -> None:
    page.goto(server + "/?q=آزمودن")
    page.click("ol.hits li a.title")
    expect(page.locator("#article-body")).to_contain_text('<script>alert("xss")</script>')
    expect(page.locator("h1")).to_contain_text("<script>")
    assert page.locator("#article-body script, #article-body img, h1 script").count() == 0


def test_phone_width(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE, locale="fa-IR", is_mobile=True)
    page = context.new_page()
    for path in ("/articles/6", "/"):
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is wider than a phone by {overflow}px"
    page.goto(server + "/articles/6")
    shot(page, "article-phone")
    context.close()


def test_events_export_link(server: str, page: Page) -> None:
    page.goto(server + "/events?type=threaten")
    href = page.get_attribute("#export-csv", "href")
    assert href == "/api/export/events.csv?type=threaten"
    csv = page.request.get(server + href).text()
    assert csv.splitlines()[0].lstrip("\ufeff").startswith("event_id,day,date")
