"""The SMTP probe's dialogue as a sans-IO state machine: reply lines in, commands out.

No sockets here. The driver feeds each line the server sends to :meth:`ProbeSession.receive`
and carries out the events it gets back in order: send a command, upgrade the stream to TLS,
close. The session goes greeting -> EHLO (HELO if EHLO is refused, RFC 5321 4.1.1.1) ->
STARTTLS when offered (RFC 3207: EHLO again after the handshake) -> MAIL FROM -> one RCPT TO
per recipient (RSET and a new MAIL FROM when a transaction is full) -> QUIT. It never sends
DATA: nothing is delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Close",
    "Event",
    "ProbeSession",
    "Recipient",
    "RecipientAnswered",
    "Reply",
    "Send",
    "SessionFailed",
    "Stage",
    "StartTLS",
]

# RFC 5321 4.5.3.1.8: a server must accept at least 100 recipients per transaction.
RECIPIENTS_PER_TRANSACTION = 100
# A reply longer than this is a broken or hostile server, not a reply.
MAX_REPLY_LINES = 200


class Stage(StrEnum):
    """What the server is answering."""

    GREETING = "greeting"
    EHLO = "EHLO"
    HELO = "HELO"
    STARTTLS = "STARTTLS"
    MAIL = "MAIL"
    RCPT = "RCPT"
    RSET = "RSET"
    QUIT = "QUIT"


@dataclass(frozen=True, slots=True)
class Reply:
    """One complete reply: a code and every line as received (RFC 5321 4.2)."""

    code: int
    lines: tuple[str, ...]  # "250-mx.example.test", "250 SIZE 10240000": without CRLF

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def messages(self) -> tuple[str, ...]:
        """The text of each line after its code and separator."""
        return tuple(line[4:] for line in self.lines)

    @property
    def positive(self) -> bool:
        return 200 <= self.code < 400


@dataclass(frozen=True, slots=True)
class Recipient:
    address: str
    catch_all_probe: bool = False  # the random never-existing address of the domain


@dataclass(frozen=True, slots=True)
class Send:
    """Write this command, followed by CRLF."""

    command: str


@dataclass(frozen=True, slots=True)
class StartTLS:
    """Upgrade the stream to TLS now, before carrying out the events that follow."""


@dataclass(frozen=True, slots=True)
class Close:
    """The dialogue is over: close the connection."""


@dataclass(frozen=True, slots=True)
class RecipientAnswered:
    recipient: Recipient
    reply: Reply


@dataclass(frozen=True, slots=True)
class SessionFailed:
    """The server refused the session (or said it is closing) before every RCPT was answered."""

    stage: Stage
    reply: Reply


Event = Send | StartTLS | Close | RecipientAnswered | SessionFailed


class ProbeSession:
    """One SMTP session asking about ``recipients``.

    After the session, :attr:`answers` holds the reply to each recipient asked;
    :attr:`failure` the refusal that ended the session early; :attr:`error` a protocol error
    (a line that is no reply); :meth:`unanswered` the recipients never asked.
    """

    def __init__(
        self,
        recipients: list[Recipient],
        *,
        helo: str,
        mail_from: str,
        starttls: bool = True,
        per_transaction: int = RECIPIENTS_PER_TRANSACTION,
    ) -> None:
        if not recipients:
            raise ValueError("A probe session needs at least one recipient to ask about.")
        self.recipients = recipients
        self.helo = helo
        self.mail_from = mail_from
        self.want_starttls = starttls
        self.per_transaction = max(1, per_transaction)
        self.stage = Stage.GREETING
        self.extensions: frozenset[str] = frozenset()
        self.tls = False
        self.answers: dict[Recipient, Reply] = {}
        self.failure: SessionFailed | None = None
        self.error: str | None = None
        self.done = False
        self._lines: list[str] = []
        self._next = 0  # index of the next recipient to ask
        self._in_transaction = 0  # RCPT commands since the last MAIL FROM
        self._retried_after_rset: Recipient | None = None

    # -- input ------------------------------------------------------------------------------

    def receive(self, line: str) -> list[Event]:
        """Feed one line from the server (CRLF optional); the events to carry out, in order."""
        if self.done:
            return []
        line = line.rstrip("\r\n")
        code = line[:3]
        separator = line[3:4]
        if not (code.isdigit() and code[0] in "2345" and separator in ("", " ", "-")):
            return self._protocol_error(f"The server sent a line that is no SMTP reply: {line!r}.")
        self._lines.append(line)
        if separator == "-":
            if len(self._lines) >= MAX_REPLY_LINES:
                return self._protocol_error(
                    f"The server sent a reply of more than {MAX_REPLY_LINES} lines."
                )
            return []
        reply = Reply(int(code), tuple(self._lines))
        self._lines = []
        return self._on_reply(reply)

    def connection_lost(self) -> None:
        """The server closed the connection (or the driver gave up on it)."""
        self.done = True

    def unanswered(self) -> list[Recipient]:
        return [r for r in self.recipients if r not in self.answers]

    # -- the dialogue -----------------------------------------------------------------------

    def _on_reply(self, reply: Reply) -> list[Event]:
        stage = self.stage
        if reply.code == 421 and stage is not Stage.QUIT:
            # RFC 5321 3.8: the server is shutting the channel down; no QUIT.
            return self._fail(stage, reply, quit=False)
        if stage is Stage.GREETING:
            if reply.code != 220:
                return self._fail(stage, reply)
            return self._send(Stage.EHLO, f"EHLO {self.helo}")
        if stage is Stage.EHLO:
            if reply.code == 250:
                self.extensions = _extensions(reply)
                if self.want_starttls and not self.tls and "STARTTLS" in self.extensions:
                    return self._send(Stage.STARTTLS, "STARTTLS")
                return self._mail()
            if reply.code >= 500 and not self.tls:
                return self._send(Stage.HELO, f"HELO {self.helo}")
            return self._fail(stage, reply)
        if stage is Stage.HELO:
            return self._mail() if reply.code == 250 else self._fail(stage, reply)
        if stage is Stage.STARTTLS:
            if reply.code == 220:
                self.tls = True
                self.extensions = frozenset()
                return [StartTLS(), *self._send(Stage.EHLO, f"EHLO {self.helo}")]
            # Refused: carry on in the clear in the same session (RFC 3207 4).
            self.want_starttls = False
            return self._mail()
        if stage is Stage.MAIL:
            return self._rcpt() if reply.code == 250 else self._fail(stage, reply)
        if stage is Stage.RCPT:
            return self._on_rcpt(reply)
        if stage is Stage.RSET:
            return self._mail() if reply.code == 250 else self._fail(stage, reply)
        # QUIT: whatever it says, the dialogue is over.
        self.done = True
        return [Close()]

    def _on_rcpt(self, reply: Reply) -> list[Event]:
        recipient = self.recipients[self._next - 1]
        if (
            _transaction_full(reply)
            and self._in_transaction > 1
            and self._retried_after_rset != recipient
        ):
            # RFC 5321 4.5.3.1.10: the server's recipient buffer is full; a new transaction
            # takes the rest.
            self._retried_after_rset = recipient
            self._next -= 1
            return self._send(Stage.RSET, "RSET")
        self.answers[recipient] = reply
        events: list[Event] = [RecipientAnswered(recipient, reply)]
        if self._next < len(self.recipients):
            if self._in_transaction >= self.per_transaction:
                events.extend(self._send(Stage.RSET, "RSET"))
            else:
                events.extend(self._rcpt())
        else:
            events.extend(self._send(Stage.QUIT, "QUIT"))
        return events

    def _mail(self) -> list[Event]:
        self._in_transaction = 0
        parameters = ""
        if "SMTPUTF8" in self.extensions and not all(r.address.isascii() for r in self.recipients):
            parameters = " SMTPUTF8"  # RFC 6531 3.4
        return self._send(Stage.MAIL, f"MAIL FROM:<{self.mail_from}>{parameters}")

    def _rcpt(self) -> list[Event]:
        recipient = self.recipients[self._next]
        self._next += 1
        self._in_transaction += 1
        return self._send(Stage.RCPT, f"RCPT TO:<{recipient.address}>")

    def _send(self, stage: Stage, command: str) -> list[Event]:
        self.stage = stage
        return [Send(command)]

    def _fail(self, stage: Stage, reply: Reply, *, quit: bool = True) -> list[Event]:
        self.failure = SessionFailed(stage, reply)
        events: list[Event] = [self.failure]
        if quit:
            events.extend(self._send(Stage.QUIT, "QUIT"))
        else:
            self.done = True
            events.append(Close())
        return events

    def _protocol_error(self, message: str) -> list[Event]:
        self.error = message
        self.done = True
        return [Close()]


def _extensions(reply: Reply) -> frozenset[str]:
    # RFC 5321 4.1.1.1: the first line greets, each further line names one extension.
    return frozenset(
        message.split(" ", 1)[0].upper() for message in reply.messages[1:] if message.strip()
    )


def _transaction_full(reply: Reply) -> bool:
    """RFC 5321 4.5.3.1.10: "452 too many recipients" (status 4.5.3) asks for a new transaction."""
    if reply.code != 452:
        return False
    text = reply.text.lower()
    return "4.5.3" in text or "too many recipients" in text
