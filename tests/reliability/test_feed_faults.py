"""`rasad watch` against feed hosts that hang, reset, stream gigabytes or redirect in circles.

Each fault is met at both levels, as the feed itself and as an item's page.
`rasad watch --once` must report each one with its coded message, store the
articles it can, and finish; the store then passes its integrity checks,
and a second run, once the hosts behave, stores what was left and fetches
nothing twice.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.reliability.faults import article_page, check_sqlite, rasad
from tests.reliability.faulty_server import GIB, Farm, Fault

# (path, fault) of each item's page; every page sits on a port of its own.
ITEMS = [
    ("/a/1", Fault(body=article_page(1))),
    ("/a/2", Fault(body=article_page(2))),
    ("/a/hang", Fault("hang")),
    ("/a/reset", Fault("reset")),
    ("/a/reset-mid", Fault("reset_mid", body=article_page(3))),
    ("/a/endless", Fault("endless")),
    ("/a/loop", Fault("redirect")),  # to /a/loop-back on the next port, and back
]
FEED_FAULTS = {
    "/hang.xml": Fault("hang"),
    "/reset.xml": Fault("reset"),
    "/endless.xml": Fault("endless", content_type="application/rss+xml"),
    "/declared.xml": Fault("declared_huge", content_type="application/rss+xml"),
    "/loop.xml": Fault("redirect"),
    "/chain.xml": Fault("redirect"),  # eight hops, over the limit of five
}
EXPECTED_REASONS = {
    "/hang.xml": "timeout",
    "/reset.xml": "connection",
    "/endless.xml": "too_large",
    "/declared.xml": "too_large",
    "/loop.xml": "redirects",
    "/chain.xml": "redirects",
    "/a/hang": "timeout",
    "/a/reset": "connection",
    "/a/reset-mid": "connection",
    "/a/endless": "too_large",
    "/a/loop": "redirects",
}


def rss(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>خبر {i}</title><link>{link}</link><guid>item-{i}</guid></item>"
        for i, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>خبرنامه</title>{items}</channel></rss>"
    ).encode()


def build(farm: Farm) -> tuple[list[str], dict[str, str]]:
    """Routes on the farm; the feed URLs and, for each faulty URL, its path."""
    port = iter(range(len(farm.servers)))
    links: list[str] = []
    where: dict[str, str] = {}
    for path, fault in ITEMS:
        url = farm.url(next(port), path)
        links.append(url)
        where[url] = path
        farm.routes[path] = fault
    back = farm.url(next(port), "/a/loop-back")
    farm.routes["/a/loop"].location = back
    farm.routes["/a/loop-back"] = Fault("redirect", location=links[-1])
    farm.routes["/rss.xml"] = Fault(body=rss(links), content_type="application/rss+xml")
    feeds = [farm.url(next(port), "/rss.xml")]
    for path, fault in FEED_FAULTS.items():
        farm.routes[path] = fault
        feeds.append(farm.url(next(port), path))
        where[feeds[-1]] = path
    farm.routes["/loop.xml"].location = feeds[-2]  # /loop.xml -> itself
    hops = [farm.url(next(port), f"/hop/{i}") for i in range(8)]
    farm.routes["/chain.xml"].location = hops[0]
    for i in range(8):
        farm.routes[f"/hop/{i}"] = Fault("redirect", location=hops[min(i + 1, 7)] + "?next")
    return feeds, where


def feeds_toml(feeds: list[str]) -> str:
    return "".join(f'[[feed]]\nurl = "{u}"\nname = "feed {i}"\n\n' for i, u in enumerate(feeds))


def test_watch_reports_each_fault_and_a_rerun_completes(tmp_path: Path) -> None:
    db, config = tmp_path / "store.db", tmp_path / "feeds.toml"
    with Farm(ports=30, endless_limit=4 * GIB) as farm:
        feeds, where = build(farm)
        config.write_text(feeds_toml(feeds), encoding="utf-8")
        args = ("watch", str(config), "--db", str(db), "--once", "--timeout", "1", "--retries", "0")
        first = rasad(*args, timeout=180)
        assert first.returncode == 0, first.stderr
        assert _reasons(first.stderr, where) == EXPECTED_REASONS, first.stderr
        # The endless bodies were cut at the fetcher's limit (10 MB), not read to the end.
        for path in ("/a/endless", "/endless.xml", "/declared.xml"):
            assert farm.tally.sent.get(path, 0) < 64 << 20
        counts = check_sqlite(db)
        assert counts["articles"] == 2  # /a/1 and /a/2

        # The hosts recover; the rerun stores the rest and asks nothing twice.
        for n, path in enumerate(("/a/hang", "/a/reset", "/a/reset-mid"), start=4):
            farm.routes[path] = Fault(body=article_page(n))
        before = dict(farm.tally.requests)
        second = rasad(*args, timeout=180)
        assert second.returncode == 0, second.stderr
        assert farm.tally.requests["/a/1"] == before["/a/1"] == 1
        assert farm.tally.requests["/a/2"] == before["/a/2"] == 1
        assert check_sqlite(db)["articles"] == 5


def _reasons(stderr: str, where: dict[str, str]) -> dict[str, str]:
    """Path -> reason of each [E032] report: `[E032] URL: cannot fetch (WHY)` plus the reason."""
    out: dict[str, str] = {}
    for url, why in re.findall(r"\[E032\] (\S+): cannot fetch \((.*)\)$", stderr, re.M):
        if url in where:
            out[where[url]] = _reason(why)
    return out


def _reason(why: str) -> str:
    if "no answer in time" in why or "still arriving" in why:
        return "timeout"
    if "over the limit" in why:
        return "too_large"
    if "redirect" in why:
        return "redirects"
    return "connection"
