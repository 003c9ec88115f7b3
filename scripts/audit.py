"""Audit rasad's installed dependencies for known vulnerabilities (pip-audit), honestly.

    python scripts/audit.py [--json OUT]

pip-audit asks a vulnerability service about every installed distribution:
the PyPI JSON API first, OSV if PyPI cannot answer. Where neither can be
reached (a machine that sees only a package mirror), pip-audit still prints
"No known vulnerabilities found" after skipping every package; this script
reads its JSON instead and says plainly that nothing was checked.

Exit status: 1 when a known vulnerability is found in a checked package;
0 otherwise, including when no service could be reached (the build goes on,
and the message says the audit did not run). rasad itself (installed
editable) is not on PyPI and is left out.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SERVICES = ("pypi", "osv")


@dataclass
class Verdict:
    """What one audit run established."""

    service: str
    checked: list[str] = field(default_factory=list)  # name==version
    skipped: list[str] = field(default_factory=list)
    vulnerable: list[str] = field(default_factory=list)  # name==version: ID (fix: versions)
    error: str = ""

    @property
    def reached(self) -> bool:
        return not self.error and bool(self.checked)

    @property
    def status(self) -> int:
        return 1 if self.vulnerable else 0

    def message(self) -> str:
        if self.vulnerable:
            head = (
                f"dependency audit ({self.service}): {len(self.vulnerable)} known vulnerabilities"
            )
            return "\n".join([head, *(f"  {v}" for v in self.vulnerable)])
        if not self.reached:
            why = self.error or f"all {len(self.skipped)} packages skipped"
            return (
                "dependency audit: NOT RUN - no vulnerability service (PyPI JSON API, OSV) "
                f"could be reached from this machine ({why}); nothing was checked"
            )
        note = f", {len(self.skipped)} not found there" if self.skipped else ""
        return (
            f"dependency audit ({self.service}): {len(self.checked)} packages checked{note}; "
            "no known vulnerabilities"
        )


def verdict(service: str, report: dict[str, Any]) -> Verdict:
    """Read pip-audit's JSON report (`--format json`)."""
    result = Verdict(service)
    for dep in report.get("dependencies", []):
        name = f"{dep.get('name')}=={dep.get('version', '?')}"
        if dep.get("skip_reason"):
            result.skipped.append(name)
            continue
        result.checked.append(name)
        for vuln in dep.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions", [])) or "none"
            result.vulnerable.append(f"{name}: {vuln.get('id')} (fixed in: {fixes})")
    return result


def run(service: str) -> Verdict:
    """One pip-audit run against `service` over this interpreter's environment."""
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--skip-editable",
        "--vulnerability-service",
        service,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return Verdict(service, error="pip-audit timed out")
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        lines = (done.stderr or "no output").strip().splitlines()
        return Verdict(service, error=f"pip-audit failed: {lines[-1][:200]}")
    return verdict(service, report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write what was checked to this file")
    args = parser.parse_args()
    tried = []
    for service in SERVICES:
        result = run(service)
        tried.append(result)
        if result.reached:
            break
    final = next((r for r in tried if r.reached), tried[-1])
    if not final.reached:
        final.error = "; ".join(f"{r.service}: {r.error or 'every package skipped'}" for r in tried)
        final.skipped = max((r.skipped for r in tried), key=len)
    print(final.message())
    if args.json:
        record = {
            "service": final.service,
            "reached": final.reached,
            "checked": final.checked,
            "skipped": final.skipped,
            "vulnerable": final.vulnerable,
            "error": final.error,
        }
        args.json.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return final.status


if __name__ == "__main__":
    sys.exit(main())
