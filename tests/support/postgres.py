"""A throwaway PostgreSQL cluster on loopback, for the store's tests (RECIPES.md's recipe).

``initdb`` refuses to run as root, so the cluster runs as the ``postgres`` user that Debian's
package creates, in a directory of ``tempfile.mkdtemp`` (pytest's own temporary directories are
closed to other users). Without PostgreSQL's binaries or that user the tests skip, or fail under
``CI=true``, where ``scripts/install-system-deps.sh tests`` installs it.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _binaries() -> Path | None:
    for directory in _BIN_DIRS:
        if (directory / "initdb").exists() and (directory / "postgres").exists():
            return directory
    return None


def missing(reason: str) -> None:
    """Skip the test, or fail it under ``CI=true``, where every component must be present."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run scripts/install-system-deps.sh tests")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a cluster, create a database, yield its SQLAlchemy URL; stop and remove it after."""
    binaries = _binaries()
    if binaries is None:
        missing("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)")
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        missing("there is no postgres user to run PostgreSQL as")
    if os.geteuid() != 0 and os.geteuid() != user.pw_uid:
        missing("PostgreSQL's test cluster needs root (to run it as the postgres user)")
    assert binaries is not None
    top = tempfile.mkdtemp(prefix="bouncekit-pg-")
    os.chown(top, user.pw_uid, user.pw_gid)
    run_as = "postgres" if os.geteuid() == 0 else None
    port = _free_port()
    subprocess.run(
        [
            str(binaries / "initdb"), "-D", f"{top}/data", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8", "--auth=trust", "--no-sync",
        ],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, user=run_as,
    )  # fmt: skip
    with open(f"{top}/server.log", "wb") as log:
        server = subprocess.Popen(
            [
                str(binaries / "postgres"), "-D", f"{top}/data",
                "-c", "listen_addresses=127.0.0.1", "-c", f"port={port}",
                "-c", f"unix_socket_directories={top}", "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            ],
            stdout=log, stderr=subprocess.STDOUT, user=run_as,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while subprocess.run(
            [str(binaries / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)],
            check=False,
        ).returncode:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"PostgreSQL did not start: {Path(top, 'server.log').read_text()[-2000:]}"
                )
            time.sleep(0.05)
        subprocess.run(
            [str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
             "bouncekit"],
            check=True,
        )  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/bouncekit"
    finally:
        server.send_signal(signal.SIGINT)  # fast shutdown
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(top, ignore_errors=True)


def reset(url: str) -> None:
    """Drop every table of the database at ``url``: each test starts from an empty store."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
