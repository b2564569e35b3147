"""Bounce mailboxes over IMAP and POP3 into the store.

``imap://USER@HOST[:PORT]/FOLDER`` (STARTTLS, required) and ``imaps://`` (TLS from the first
byte) are read by UID: the cursor keeps the folder's UIDVALIDITY and the last UID read, so a
message is read once; a new UIDVALIDITY (a recreated folder, a migrated server) makes the old
UIDs meaningless, and the folder is read again from the start. ``pop3://USER@HOST[:PORT]``
(STLS, required) and ``pop3s://`` are read by UIDL: the cursor keeps the UIDLs read that are
still on the server.

Messages go to the store in batches, each in one transaction with the cursor that covers it.
Only after a batch is committed is the server told what to do with its bounces: flag them
(the ``$BouncekitProcessed`` keyword, or ``\\Seen`` where the folder allows no keywords), move
them (``--move-to``), or delete them (``--delete``, only when asked). Mail that is not a
bounce (a person's reply) and mail that could not be parsed are left as they were: listmonk's
users lost both to a reader that deletes everything (knadh/listmonk#1334). The cursor names the
bounces not yet settled, so a run killed between the commit and the flag settles them next
time.

An event's source reference names the mailbox and the message by its Message-ID (or, without
one, by the digest of its bytes), not by UID: the same bounce read again after a UIDVALIDITY
change gets the same event id, so the store keeps it once.

The password comes from the environment variable that ``--password-env`` names, never from
the URL. TLS is verified against the system's authorities; a server with a certificate of its
own is trusted by pointing ``SSL_CERT_FILE`` at it (OpenSSL reads it), so there is no switch
that turns verification off. A server that cannot be reached, hangs past the timeout or refuses
the login raises :class:`~bouncekit.errors.InputError` with a sentence naming the URL.
"""

from __future__ import annotations

import contextlib
import hashlib
import imaplib
import os
import poplib
import re
import ssl
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from bouncekit.bounces.model import BounceKind, BounceReport
from bouncekit.bounces.parse import parse_bounce
from bouncekit.errors import InputError
from bouncekit.events.model import BounceEvent, EventSource, SourceKind
from bouncekit.events.version import classifier_version
from bouncekit.ingest.files import IngestSummary
from bouncekit.ingest.sources import IngestOptions, SourceReader
from bouncekit.store import IngestBatch, Store

__all__ = [
    "DEFAULT_TIMEOUT",
    "PROCESSED_KEYWORD",
    "READER",
    "Disposal",
    "MailboxURL",
    "ingest_mailbox",
]

DEFAULT_TIMEOUT = 30.0  # seconds a server may take to answer any one command
PROCESSED_KEYWORD = "$BouncekitProcessed"  # an IMAP keyword (RFC 3501 2.3.2)
_FETCH_GROUP = 25  # messages per UID FETCH: few round trips, bounded memory
_BATCH_BYTES = 16 * 1024 * 1024  # ... and a batch is written once it holds this much mail
_SCHEMES = {"imap": 143, "imaps": 993, "pop3": 110, "pop3s": 995}  # default ports
_UID = re.compile(rb"\bUID (\d+)")
_PASSWORD_IN_URL = re.compile(r"(://[^/@:]*):[^/@]*@")
_POP3_CURSOR_WRITES = 20
_SEARCH_SPAN = 20_000  # UIDs per UID SEARCH: imaplib refuses a reply line over 1 MB


class Disposal(StrEnum):
    """What happens on the server to a bounce once it is stored."""

    FLAG = "flag"  # the $BouncekitProcessed keyword (IMAP), nothing (POP3 has no flags)
    MOVE = "move"  # to the folder --move-to names (IMAP only)
    DELETE = "delete"  # only with --delete


@dataclass(frozen=True, slots=True)
class MailboxURL:
    """``imap[s]://USER@HOST[:PORT]/FOLDER`` or ``pop3[s]://USER@HOST[:PORT]``, read."""

    scheme: str  # imap, imaps, pop3, pop3s
    user: str
    host: str
    port: int
    folder: str  # "INBOX" for POP3, which has no other

    @classmethod
    def parse(cls, text: str) -> MailboxURL:
        """Raises InputError for anything but a mailbox URL with a user and a host."""
        shown = _PASSWORD_IN_URL.sub(r"\1:...@", text)  # errors never repeat a password
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as error:
            raise InputError(f"{shown}: not a mailbox URL ({error}).") from None
        scheme = parts.scheme.lower()
        if scheme not in _SCHEMES:
            raise InputError(
                f"{shown}: not a mailbox URL; give imap://, imaps://, pop3:// or pop3s://."
            )
        if parts.password is not None:
            raise InputError(
                f"{scheme}://{parts.username}@{parts.hostname}: the URL holds a password, which "
                "would show in the process list and the shell's history; put it in an "
                "environment variable and name that with --password-env."
            )
        if not parts.username or not parts.hostname:
            raise InputError(
                f"{text}: a mailbox URL names the user and the host: "
                f"{scheme}://USER@HOST[:PORT]/FOLDER."
            )
        folder = unquote(parts.path.strip("/")) or "INBOX"
        if scheme.startswith("pop3") and folder != "INBOX":
            raise InputError(f"{text}: POP3 has no folders; give {scheme}://USER@HOST[:PORT].")
        if not folder.isascii() or any(char in folder for char in '\r\n"\\'):
            # IMAP names outside ASCII need modified UTF-7 (RFC 3501 5.1.3): not written yet.
            raise InputError(f"{text}: folder names must be plain ASCII, without quotes.")
        user = unquote(parts.username)
        return cls(scheme, user, parts.hostname, port or _SCHEMES[scheme], folder)

    @property
    def protocol(self) -> str:
        return self.scheme.removesuffix("s")

    @property
    def implicit_tls(self) -> bool:
        return self.scheme.endswith("s")

    @property
    def identity(self) -> str:
        """The store's name for this mailbox: the same for IMAPS and STARTTLS, any port."""
        top = f"{self.protocol}://{self.user}@{self.host}"
        return top if self.protocol == "pop3" else f"{top}/{self.folder}"

    def __str__(self) -> str:
        top = f"{self.scheme}://{self.user}@{self.host}:{self.port}"
        return top if self.protocol == "pop3" else f"{top}/{self.folder}"


def _claims(source: str) -> bool:
    scheme, separator, _ = source.partition("://")
    return bool(separator) and scheme.lower() in _SCHEMES


# --- the network edge: the few things the reader asks of a server -------------------------


class _Folder(Protocol):
    """An IMAP folder, selected."""

    uidvalidity: int

    def uids_after(self, last_uid: int) -> list[int]: ...
    def fetch(self, uids: Sequence[int]) -> Iterator[tuple[int, bytes]]: ...
    def settle(self, uids: Sequence[int]) -> None: ...


class _Drop(Protocol):
    """A POP3 maildrop (RFC 1939), its deletions done at QUIT."""

    def listing(self) -> list[tuple[int, str]]: ...
    def retrieve(self, number: int) -> bytes: ...
    def delete(self, number: int) -> None: ...


def _quoted(name: str) -> str:
    return f'"{name}"'  # MailboxURL.parse allows no quote or backslash in a name


def _ok(what: str, reply: tuple[str, list[Any]]) -> list[Any]:
    status, data = reply
    if status != "OK":
        detail = b" ".join(item for item in data if isinstance(item, bytes)).decode(
            "utf-8", "replace"
        )
        raise imaplib.IMAP4.error(f"{what} failed: {detail}")
    return data


class _ImapFolder:
    """A folder over imaplib, selected read-write."""

    def __init__(
        self,
        session: imaplib.IMAP4,
        url: MailboxURL,
        disposal: Disposal,
        move_to: str | None,
    ) -> None:
        self.session = session
        self.url = url
        self.disposal = disposal
        self.move_to = move_to
        # After login: the list before it lacks what the login enables (MOVE on Dovecot).
        capabilities = _ok("CAPABILITY", session.capability())[0].decode().upper().split()
        self.can_move = "MOVE" in capabilities
        self.can_expunge_uids = "UIDPLUS" in capabilities  # UID EXPUNGE (RFC 4315 2.1)
        if move_to is not None:
            self._ensure_folder(move_to)
        _ok(f"SELECT {url.folder}", session.select(_quoted(url.folder)))
        self.uidvalidity = int(session.response("UIDVALIDITY")[1][0])
        uidnext = session.response("UIDNEXT")[1][0]
        self.uidnext = int(uidnext) if uidnext else None
        permanent = (session.response("PERMANENTFLAGS")[1] or [b""])[0] or b""
        # "\*": the client may make keywords (RFC 3501 7.1): else \Seen is the one mark left.
        keywords = b"\\*" in permanent or PROCESSED_KEYWORD.encode().lower() in permanent.lower()
        self.mark = PROCESSED_KEYWORD if keywords else "\\Seen"

    def _ensure_folder(self, name: str) -> None:
        status, _ = self.session.status(_quoted(name), "(MESSAGES)")
        if status != "OK":
            _ok(f"CREATE {name}", self.session.create(_quoted(name)))

    def uids_after(self, last_uid: int) -> list[int]:
        """The UIDs above ``last_uid`` that were there at SELECT (later ones: next run)."""
        if self.uidnext is None:  # a server that did not say: one search to the end
            spans = [f"{last_uid + 1}:*"]
        else:
            spans = [
                f"{low}:{min(low + _SEARCH_SPAN, self.uidnext) - 1}"
                for low in range(last_uid + 1, self.uidnext, _SEARCH_SPAN)
            ]
        found: list[int] = []
        for span in spans:
            data = _ok("UID SEARCH", self.session.uid("SEARCH", f"UID {span}"))
            found.extend(map(int, (data[0] or b"").split()))
        # "N:*" holds the highest UID even when it is below N (RFC 3501 6.4.8): filtered.
        return sorted(uid for uid in found if uid > last_uid)

    def fetch(self, uids: Sequence[int]) -> Iterator[tuple[int, bytes]]:
        # BODY.PEEK leaves \Seen alone: a person may read the same folder.
        data = _ok(
            "UID FETCH",
            self.session.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[])"),
        )
        for item in data:
            if isinstance(item, tuple) and (found := _UID.search(item[0])) is not None:
                yield int(found.group(1)), item[1]
        # A UID expunged by another client since the search is simply not answered.

    def _add_flag(self, uid_set: str, flag: str) -> None:
        _ok("UID STORE", self.session.uid("STORE", uid_set, "+FLAGS.SILENT", f"({flag})"))

    def settle(self, uids: Sequence[int]) -> None:
        if not uids:
            return
        uid_set = ",".join(map(str, uids))
        if self.disposal is Disposal.FLAG:
            self._add_flag(uid_set, self.mark)
            return
        if self.disposal is Disposal.MOVE and self.move_to is not None:
            if self.can_move:  # RFC 6851: atomic
                _ok("UID MOVE", self.session.uid("MOVE", uid_set, _quoted(self.move_to)))
                return
            _ok("UID COPY", self.session.uid("COPY", uid_set, _quoted(self.move_to)))
        self._add_flag(uid_set, "\\Deleted")
        if self.can_expunge_uids:
            _ok("UID EXPUNGE", self.session.uid("EXPUNGE", uid_set))
        # Without UIDPLUS, EXPUNGE would remove every \Deleted message, other clients' too:
        # ours stay marked \Deleted for the next expunge of whoever owns the folder.


class _PopDrop:
    def __init__(self, session: poplib.POP3) -> None:
        self.session = session

    def listing(self) -> list[tuple[int, str]]:
        reply = self.session.uidl()
        lines = reply[1] if isinstance(reply, tuple) else []  # bytes only for uidl(which)
        found = []
        for line in lines:
            number, _, uidl = line.decode("ascii", "replace").partition(" ")
            found.append((int(number), uidl.strip()))
        return found

    def retrieve(self, number: int) -> bytes:
        _, lines, _ = self.session.retr(number)
        return b"\r\n".join(lines) + b"\r\n"

    def delete(self, number: int) -> None:
        self.session.dele(number)


def _tls_context(given: ssl.SSLContext | None) -> ssl.SSLContext:
    # Verified by default, hostname included; tests pass a context that trusts their server.
    return given if given is not None else ssl.create_default_context()


@contextlib.contextmanager
def _network_errors(url: MailboxURL, timeout: float, stage: str) -> Iterator[None]:
    """Turns what the network and the server raise into one sentence naming the mailbox."""
    try:
        yield
    except InputError:
        raise
    except TimeoutError as error:
        raise InputError(
            f"{url}: the server did not answer within {timeout:g} s while {stage}; check the "
            "host and the port, or try again later."
        ) from error
    except ssl.SSLCertVerificationError as error:
        raise InputError(
            f"{url}: the server's certificate could not be verified ({error.verify_message}); "
            "if it is your own server's certificate, point SSL_CERT_FILE at it."
        ) from error
    except (ssl.SSLError, ConnectionError) as error:
        raise InputError(
            f"{url}: the connection failed while {stage} ({error}); check the host, the port "
            "and the scheme (imaps:// and pop3s:// speak TLS from the first byte)."
        ) from error
    except OSError as error:
        raise InputError(
            f"{url}: could not connect ({error.strerror or error}); check the host and the port."
        ) from error
    except (imaplib.IMAP4.error, poplib.error_proto) as error:
        text = error.args[0] if error.args else error
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        said = str(text).rstrip(". ")
        raise InputError(f"{url}: the server said no while {stage}: {said}.") from error


def _refused(url: MailboxURL, password_env: str | None, error: Exception) -> InputError:
    text = error.args[0] if error.args else error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = str(text).rstrip(". ")
    where = f" in ${password_env}" if password_env else ""
    return InputError(
        f"{url}: the server refused the login of {url.user} ({text}); check the user and the "
        f"password{where}."
    )


@contextlib.contextmanager
def _imap_session(
    url: MailboxURL,
    password: str,
    password_env: str | None,
    context: ssl.SSLContext,
    timeout: float,
) -> Iterator[imaplib.IMAP4]:
    session: imaplib.IMAP4
    with _network_errors(url, timeout, "connecting"):
        if url.implicit_tls:
            session = imaplib.IMAP4_SSL(url.host, url.port, ssl_context=context, timeout=timeout)
        else:
            session = imaplib.IMAP4(url.host, url.port, timeout=timeout)
            if "STARTTLS" not in session.capabilities:
                session.shutdown()
                raise InputError(
                    f"{url}: the server offers no STARTTLS, and the password must not travel "
                    "in clear; use imaps:// if it speaks TLS on another port."
                )
            session.starttls(ssl_context=context)
    try:
        with _network_errors(url, timeout, "logging in"):
            try:
                session.login(url.user, password)
            except imaplib.IMAP4.error as error:
                raise _refused(url, password_env, error) from error
        yield session
    finally:
        with contextlib.suppress(Exception):
            session.logout()


@contextlib.contextmanager
def _pop_session(
    url: MailboxURL,
    password: str,
    password_env: str | None,
    context: ssl.SSLContext,
    timeout: float,
) -> Iterator[poplib.POP3]:
    session: poplib.POP3
    with _network_errors(url, timeout, "connecting"):
        if url.implicit_tls:
            session = poplib.POP3_SSL(url.host, url.port, context=context, timeout=timeout)
        else:
            session = poplib.POP3(url.host, url.port, timeout=timeout)
            try:
                session.stls(context=context)
            except poplib.error_proto as error:
                session.close()
                raise InputError(
                    f"{url}: the server offers no STLS ({error}), and the password must not "
                    "travel in clear; use pop3s:// if it speaks TLS on another port."
                ) from error
    quit_done = False
    try:
        with _network_errors(url, timeout, "logging in"):
            try:
                session.user(url.user)
                session.pass_(password)
            except poplib.error_proto as error:
                raise _refused(url, password_env, error) from error
        yield session
        with _network_errors(url, timeout, "quitting"):
            session.quit()  # POP3 deletes what was marked only here (RFC 1939 6)
            quit_done = True
    finally:
        if not quit_done:
            with contextlib.suppress(Exception):
                session.close()  # no QUIT: nothing marked for deletion is deleted


# --- the reading, the same over both protocols ---------------------------------------------


@dataclass(slots=True)
class _Writer:
    """One mailbox's events, written a batch at a time with the cursor that covers them."""

    store: Store
    url: MailboxURL
    version: str
    summary: IngestSummary
    progress: Callable[[int], None] | None
    pending: list[tuple[BounceEvent, bytes | None]] = field(default_factory=list)
    pending_bytes: int = 0
    bounces: list[Any] = field(default_factory=list)  # UIDs or UIDLs of this batch's bounces
    errors: int = 0
    last_error: str | None = None

    def read(self, key: Any, label: str, data: bytes) -> None:
        """Parse one message; ``label`` names it in errors ("UID 7", "UIDL 0000000700")."""
        self.summary.messages += 1
        self.pending_bytes += len(data)
        if self.progress is not None:
            self.progress(len(data))
        source = EventSource(SourceKind.IMAP, _reference(self.url, data))
        try:
            report: BounceReport = parse_bounce(data, source=source)
        except Exception as error:  # any bug in any format must not stop the mailbox
            self.errors += 1
            self.last_error = (
                f"{self.url} {label}: parsing failed with {type(error).__name__}: {error}. This "
                "is a bug in bouncekit; please report it with the message attached. The message "
                "was left on the server as it was, and the rest went on."
            )
            self.summary.errors.append(self.last_error)
            return
        if report.kind is BounceKind.NOT_BOUNCE:
            return  # a person's mail in the bounce mailbox: not ours to flag, move or delete
        self.bounces.append(key)
        if report.records:
            self.summary.bounces += 1
            self.pending.extend((event, data) for event in report.records)

    @property
    def full(self) -> bool:
        return self.pending_bytes >= _BATCH_BYTES

    def flush(self, cursor: dict[str, Any]) -> None:
        result = self.store.write_batch(
            IngestBatch(
                SourceKind.IMAP,
                self.url.identity,
                self.pending,
                cursor=cursor,
                errors=self.errors,
                last_error=self.last_error,
            ),
            self.version,
        )
        self.summary.new_events += result.new_events
        self.summary.seen_events += result.seen_events
        self.summary.suppressed.extend(result.suppressed)
        self.pending = []
        self.pending_bytes = self.errors = 0
        self.last_error = None


def _reference(url: MailboxURL, data: bytes) -> str:
    """The mailbox and the message by its Message-ID, which survives a new UIDVALIDITY, a
    move and a server migration; without one, by the digest of its bytes."""
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    found = re.search(rb"(?im)^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]{1,900}>)", head)
    if found is not None:
        return f"{url.identity};MESSAGE-ID={found.group(1).decode('utf-8', 'replace')}"
    return f"{url.identity};SHA256={hashlib.sha256(data).hexdigest()[:32]}"


def _read_folder(
    folder: _Folder, writer: _Writer, batch_size: int, cursor: dict[str, Any] | None
) -> None:
    last_uid = 0
    if cursor is not None and cursor.get("uidvalidity") == folder.uidvalidity:
        last_uid = int(cursor.get("last_uid", 0))
        # Bounces stored by a run that stopped before it could flag or move them.
        folder.settle([int(uid) for uid in cursor.get("unsettled", [])])
    state = {"uidvalidity": folder.uidvalidity, "last_uid": last_uid}
    unsettled = bool(cursor and cursor.get("unsettled"))
    uids = folder.uids_after(last_uid)
    done = 0
    start = 0
    while start < len(uids):
        group = uids[start : start + min(_FETCH_GROUP, batch_size - done)]
        start += len(group)
        for uid, data in folder.fetch(group):
            writer.read(uid, f"UID {uid}", data)
        done += len(group)
        state["last_uid"] = group[-1]
        if done >= batch_size or writer.full or start >= len(uids):
            settle, writer.bounces = writer.bounces, []
            writer.flush({**state, "unsettled": settle})
            folder.settle(settle)  # only now: what is flagged or moved is stored
            unsettled = bool(settle)
            done = 0
    if unsettled or cursor is None or cursor.get("uidvalidity") != folder.uidvalidity:
        writer.flush({**state, "unsettled": []})


def _read_drop(
    drop: _Drop,
    writer: _Writer,
    batch_size: int,
    cursor: dict[str, Any] | None,
    delete: bool,
) -> dict[str, Any] | None:
    """Read the new messages; returns the cursor to write once QUIT has done the deletions
    (POP3 deletes only then, RFC 1939 6), or None when there is nothing to write."""
    listing = drop.listing()
    numbers = {uidl: number for number, uidl in listing}
    seen_before = set(cursor.get("seen", [])) if cursor else set()
    # The cursor keeps only UIDLs still on the server: it grows with the maildrop, no more.
    seen = [uidl for _, uidl in listing if uidl in seen_before]
    unsettled: list[str] = []
    if delete:
        # Bounces stored by a run that ended before its QUIT: deleted now.
        unsettled = [uidl for uidl in (cursor or {}).get("unsettled", []) if uidl in numbers]
        for uidl in unsettled:
            drop.delete(numbers[uidl])
    new = [(number, uidl) for number, uidl in listing if uidl not in seen_before]
    # Each batch writes the whole list of UIDLs seen: at most _POP3_CURSOR_WRITES of them per
    # run keeps that linear in the maildrop, however small the batches asked for.
    batch_size = max(batch_size, len(listing) // _POP3_CURSOR_WRITES)
    done = 0
    for index, (number, uidl) in enumerate(new, 1):
        writer.read(uidl, f"message {number} (UIDL {uidl})", drop.retrieve(number))
        seen.append(uidl)
        done += 1
        if done >= batch_size or writer.full or index == len(new):
            settle, writer.bounces = writer.bounces, []
            if delete:
                unsettled.extend(settle)
            # Until QUIT, every bounce marked for deletion in this session is unsettled.
            writer.flush({"seen": seen, "unsettled": unsettled})
            if delete:
                for settled in settle:
                    drop.delete(numbers[settled])
            done = 0
    if unsettled or cursor is None:
        deleted = set(unsettled)  # gone once QUIT succeeds: no need to remember them
        return {"seen": [uidl for uidl in seen if uidl not in deleted], "unsettled": []}
    return None


def ingest_mailbox(
    store: Store,
    url: str | MailboxURL,
    *,
    password: str,
    password_env: str | None = None,
    move_to: str | None = None,
    delete: bool = False,
    batch_size: int = 500,
    ssl_context: ssl.SSLContext | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Read the new messages of one mailbox into the store; flag, move or delete its bounces
    once stored (flag by default). ``ssl_context`` replaces the verified default (tests pass
    one that trusts their own server); ``password_env`` only names the password in errors."""
    mailbox = url if isinstance(url, MailboxURL) else MailboxURL.parse(url)
    if move_to is not None and delete:
        raise InputError(f"{mailbox}: give --move-to or --delete, not both.")
    if move_to is not None and mailbox.protocol == "pop3":
        raise InputError(f"{mailbox}: POP3 has no folders; --move-to needs an imap:// mailbox.")
    if move_to is not None and (not move_to.isascii() or any(c in move_to for c in '\r\n"\\')):
        raise InputError(f"--move-to {move_to!r}: folder names must be plain ASCII, no quotes.")
    if move_to is not None and move_to == mailbox.folder:
        raise InputError(f"{mailbox}: --move-to names the folder being read.")
    disposal = Disposal.DELETE if delete else Disposal.MOVE if move_to else Disposal.FLAG
    summary = IngestSummary()
    writer = _Writer(store, mailbox, classifier_version(), summary, progress)
    cursor = store.cursor(SourceKind.IMAP, mailbox.identity)
    context = _tls_context(ssl_context)
    if mailbox.protocol == "imap":
        with (
            _imap_session(mailbox, password, password_env, context, timeout) as session,
            _network_errors(mailbox, timeout, "reading the folder"),
        ):
            folder = _ImapFolder(session, mailbox, disposal, move_to)
            _read_folder(folder, writer, batch_size, cursor)
        return summary
    with (
        _pop_session(mailbox, password, password_env, context, timeout) as session,
        _network_errors(mailbox, timeout, "reading the maildrop"),
    ):
        final = _read_drop(_PopDrop(session), writer, batch_size, cursor, delete)
    if final is not None:  # after QUIT: the deletions are done
        writer.flush(final)
    return summary


def password_from(url: str, variable: str | None) -> tuple[str, str]:
    """The password in the environment variable ``variable``: (password, variable)."""
    shown = str(MailboxURL.parse(url))
    if not variable:
        raise InputError(
            f"{shown}: name the environment variable that holds the password with "
            "--password-env NAME (a password is never read from the URL or the command line)."
        )
    password = os.environ.get(variable)
    if not password:
        raise InputError(
            f"{shown}: the environment variable {variable} named by --password-env is not set "
            "or empty."
        )
    return password, variable


def _ingest_one(
    store: Store,
    source: str,
    options: IngestOptions,
    progress: Callable[[int], None] | None,
) -> IngestSummary:
    password, variable = password_from(source, options.password_env)
    return ingest_mailbox(
        store,
        source,
        password=password,
        password_env=variable,
        move_to=options.move_to,
        delete=options.delete,
        batch_size=options.batch_size,
        progress=progress,
    )


# Before the bounce-file reader, which takes any path: a URL with one of our schemes is ours.
READER = SourceReader("mailbox", 100, _claims, _ingest_one)
