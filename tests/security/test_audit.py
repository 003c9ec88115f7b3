"""The dependency audit's verdict: fail on a known vulnerability, say so when nothing was checked."""

from __future__ import annotations

from typing import Any

import pytest
from scripts.audit import verdict

CLEAN = {"name": "httpx", "version": "0.28.1", "vulns": []}
SKIPPED = {
    "name": "uvicorn",
    "skip_reason": "Dependency not found on PyPI and could not be audited",
}
VULNERABLE = {
    "name": "jinja2",
    "version": "3.1.2",
    "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"], "aliases": []}],
}


@pytest.mark.parametrize(
    ("deps", "status", "says"),
    [
        ([CLEAN, SKIPPED], 0, "1 packages checked, 1 not found there; no known vulnerabilities"),
        ([CLEAN, VULNERABLE], 1, "jinja2==3.1.2: GHSA-h5c8-rqwp-cp95 (fixed in: 3.1.3)"),
        ([SKIPPED, SKIPPED], 0, "NOT RUN"),
        ([], 0, "NOT RUN"),
    ],
)
def test_verdict(deps: list[dict[str, Any]], status: int, says: str) -> None:
    result = verdict("pypi", {"dependencies": deps, "fixes": []})
    assert result.status == status
    assert says in result.message()


def test_an_unreachable_service_is_named() -> None:
    result = verdict("osv", {})
    result.error = "osv: cannot resolve api.osv.dev"
    assert result.status == 0 and "api.osv.dev" in result.message()
