"""A real Dovecot (IMAP, IMAPS, POP3, POP3S) on loopback, for the mailbox tests (RECIPES.md's
recipe: the whole configuration written here, no Debian includes, TLS with a certificate of
the test's own).

One server serves a test session; each test takes a mailbox of its own with
:meth:`Dovecot.new_user` (users written at the start), so tests never see
each other's messages. Mail is seeded by writing Maildir files, as a delivery agent would, and
the store's state is read back with IMAP or ``doveadm``. Without Dovecot the tests skip, or
fail under ``CI=true``, where ``scripts/install-system-deps.sh tests`` installs it.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import itertools
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.certificates import make_certificate
from tests.support.postgres import missing

PASSWORD = "wonderland"
HOST = "localhost"  # the certificate's name; /etc/hosts maps it to 127.0.0.1
_DOVECOT = "/usr/sbin/dovecot"
_DOVEADM = "/usr/bin/doveadm"
_USERS = 200  # mailboxes a test session may take

_CONFIG = """\
base_dir = {d}/run
state_dir = {d}/state
protocols = imap pop3
listen = 127.0.0.1
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
auth_mechanisms = plain login
auth_failure_delay = 0
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={d}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = {pop3s}
    ssl = yes
  }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Dovecot:
    """A running server: its ports, its certificate, and a way to make and read mailboxes."""

    directory: Path
    ports: dict[str, int]  # by scheme: imap (STARTTLS), imaps, pop3 (STLS), pop3s
    _users: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def cafile(self) -> Path:
        return self.directory / "cert.pem"

    def context(self) -> ssl.SSLContext:
        """A client context that trusts this server's self-signed certificate (and verifies
        it: hostname included)."""
        return ssl.create_default_context(cafile=str(self.cafile))

    def new_user(self) -> str:
        """A user with an empty mailbox, password :data:`PASSWORD`."""
        number = next(self._users)
        if number > _USERS:
            raise RuntimeError(f"the test Dovecot has {_USERS} users: raise _USERS")
        return f"user{number}"

    def url(self, scheme: str, user: str, folder: str = "INBOX") -> str:
        port = self.ports[scheme]
        if scheme.startswith("pop3"):
            return f"{scheme}://{user}@{HOST}:{port}"
        return f"{scheme}://{user}@{HOST}:{port}/{folder}"

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        top = self.directory / "mail" / user / "Maildir"
        return top if folder == "INBOX" else top / f".{folder}"

    def seed(self, user: str, messages: Iterable[bytes], folder: str = "INBOX") -> int:
        """Deliver messages as files in the Maildir's ``new/`` (owned by the mail user, as a
        delivery agent leaves them); Dovecot numbers them when it next looks."""
        nobody = pwd.getpwnam("nobody").pw_uid
        nogroup = grp.getgrnam("nogroup").gr_gid
        top = self.directory / "mail" / user
        target = self.maildir(user, folder)
        for sub in ("cur", "new", "tmp"):
            (target / sub).mkdir(parents=True, exist_ok=True)
        count = 0
        stamp = int(time.time())
        for count, data in enumerate(messages, 1):
            name = target / "new" / f"{stamp}.M{count}P{os.getpid()}.{user}.{time.monotonic_ns()}"
            name.write_bytes(data)
        for path in [top, *top.rglob("*")]:
            os.chown(path, nobody, nogroup)
        return count

    @contextlib.contextmanager
    def imap(self, user: str) -> Iterator[imaplib.IMAP4_SSL]:
        """A logged-in IMAPS session of the test's own, to look at what the reader left."""
        session = imaplib.IMAP4_SSL(HOST, self.ports["imaps"], ssl_context=self.context())
        try:
            session.login(user, PASSWORD)
            yield session
        finally:
            with contextlib.suppress(Exception):
                session.logout()

    def uids(self, user: str, folder: str = "INBOX", criteria: str = "ALL") -> list[int]:
        with self.imap(user) as session:
            status, _ = session.select(folder, readonly=True)
            if status != "OK":
                return []
            _, data = session.uid("SEARCH", criteria)
        return [int(uid) for uid in (data[0] or b"").split()]

    def doveadm(self, *arguments: str) -> str:
        done = subprocess.run(
            [_DOVEADM, "-c", str(self.directory / "dovecot.conf"), *arguments],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return done.stdout

    def change_uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        """Give the folder a new UIDVALIDITY, as a server migration or a recreated folder does:
        every UID the reader knew means nothing now."""
        before = int(self.doveadm("-f", "flow", "mailbox", "status", "-u", user, "uidvalidity",
                                  folder).split("=")[1])  # fmt: skip
        self.doveadm("mailbox", "update", "-u", user, "--uid-validity", str(before + 7), folder)
        return before + 7


@contextlib.contextmanager
def dovecot_server() -> Iterator[Dovecot]:
    """Start Dovecot on free loopback ports; stop it (SIGTERM to the master) and remove its
    directory after."""
    if not (Path(_DOVECOT).exists() and Path("/usr/lib/dovecot/imap").exists()):
        missing("Dovecot is not installed (dovecot-imapd, dovecot-pop3d)")
    if not Path("/usr/lib/dovecot/pop3").exists():
        missing("Dovecot's POP3 server is not installed (dovecot-pop3d)")
    if os.geteuid() != 0:
        missing("the test Dovecot needs root (its mail processes run as nobody)")
    top = Path(tempfile.mkdtemp(prefix="bouncekit-dovecot-"))
    top.chmod(0o711)  # the auth process (user dovecot) reads the passwd-file in it
    (top / "mail").mkdir()
    shutil.chown(top / "mail", "nobody", "nogroup")
    certificate = make_certificate(common_name=HOST, names=[HOST])
    (top / "cert.pem").write_bytes(certificate.pem)
    (top / "key.pem").write_bytes(certificate.key_pem)
    (top / "key.pem").chmod(0o600)
    # Every user written before the start: Dovecot may not notice a passwd-file that changes
    # within the second it last read it.
    (top / "passwd").write_text(
        "".join(f"user{n}:{{PLAIN}}{PASSWORD}::::::\n" for n in range(1, _USERS + 1))
    )
    ports = {scheme: _free_port() for scheme in ("imap", "imaps", "pop3", "pop3s")}
    (top / "dovecot.conf").write_text(_CONFIG.format(d=top, **ports))
    server = subprocess.Popen(
        [_DOVECOT, "-c", str(top / "dovecot.conf"), "-F"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while not all(_listening(port) for port in ports.values()):
            if server.poll() is not None or time.monotonic() > deadline:
                log = top / "dovecot.log"
                raise RuntimeError(
                    f"Dovecot did not start: {log.read_text()[-2000:] if log.exists() else ''}"
                )
            time.sleep(0.02)
        yield Dovecot(top, ports)
    finally:
        server.send_signal(signal.SIGTERM)  # the master stops its children
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(top, ignore_errors=True)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0
