"""A throwaway PostgreSQL server on 127.0.0.1 for the store and search tests.

One cluster per test process, made with initdb in a temporary folder and
started with pg_ctl on a free port (fsync off: nothing here must survive).
PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` user (created if missing). Each test gets a database of its own.
`scripts/system_deps.sh` installs the server where it is missing.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from tests.loopback import free_port

USER = "postgres"


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH or the newest Debian install."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(os.path.realpath(on_path)).parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(found[-1]).parent if found else None


def _as_user() -> list[str]:
    """The command prefix that runs the server as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
            check=True,
        )
    return ["runuser", "-u", USER, "--"]


class Cluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="rasad-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        prefix = _as_user()
        if prefix:
            user = pwd.getpwnam(USER)
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        self._run(
            prefix,
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.dir / "server.log")
        self._run(prefix, "pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")
        self._prefix = prefix
        self._names = itertools.count(1)

    def _run(self, prefix: list[str], tool: str, *args: str) -> None:
        subprocess.run(
            [*prefix, str(self.bin_dir / tool), *args],
            check=True,
            capture_output=True,
            cwd=self.dir,
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"rasad_test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            [
                *self._prefix,
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            cwd=self.dir,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@cache
def cluster() -> Cluster | None:
    """The test process's cluster, started on first use; None without PostgreSQL."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None
    server = Cluster(bin_dir)
    atexit.register(server.stop)
    return server
