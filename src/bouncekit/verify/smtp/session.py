"""The SMTP probe's dialogue as a sans-IO state machine: reply lines in, commands out.

No sockets here. The driver feeds each line the server sends to :meth:`ProbeSession.receive`
and carries out the events it gets back in order: send a command, upgrade the stream to TLS,
close. The session goes greeting -> EHLO (HELO if EHLO is refused, RFC 5321 4.1.1.1) ->
STARTTLS when offered (RFC 3207: EHLO again after the handshake) -> MAIL FROM -> one RCPT TO
per recipient (RSET and a new MAIL FROM when a transaction is full) -> QUIT. It never sends
DATA: nothing is delivered.

When the last EHLO advertises PIPELINING (RFC 2920), MAIL FROM and the RCPT TO commands of a
transaction go out as one group and their replies are read in order; otherwise each command
waits for its reply. EHLO, STARTTLS, RSET and QUIT always wait: what follows them depends on
their reply.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from bouncekit.replies.model import Command
from bouncekit.smtp.ehlo import parse_ehlo
from bouncekit.smtp.reply import PeerInterrupted, Reply, ReplyAssembler

__all__ = [
    "Close",
    "Event",
    "ProbeSession",
    "Recipient",
    "RecipientAnswered",
    "Send",
    "SessionFailed",
    "StartTLS",
    "stage_name",
]

# RFC 5321 4.5.3.1.8: a server must accept at least 100 recipients per transaction.
RECIPIENTS_PER_TRANSACTION = 100


def stage_name(stage: Command) -> str:
    """The stage as messages name it: "greeting", "EHLO", "RCPT"."""
    return "greeting" if stage is Command.CONNECT else stage.value


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

    stage: Command  # what the server was answering: CONNECT for the greeting
    reply: Reply


Event = Send | StartTLS | Close | RecipientAnswered | SessionFailed


class ProbeSession:
    """One SMTP session asking about ``recipients``.

    After the session, :attr:`answers` holds the reply to each recipient asked;
    :attr:`failure` the refusal that ended the session early; :attr:`error` a protocol error
    (a line that is no reply); :meth:`unanswered` the recipients never asked. ``peer`` names
    the server in that error.
    """

    def __init__(
        self,
        recipients: list[Recipient],
        *,
        helo: str,
        mail_from: str,
        starttls: bool = True,
        per_transaction: int = RECIPIENTS_PER_TRANSACTION,
        peer: str = "the server",
    ) -> None:
        if not recipients:
            raise ValueError("A probe session needs at least one recipient to ask about.")
        self.recipients = recipients
        self.helo = helo
        self.mail_from = mail_from
        self.want_starttls = starttls
        self.per_transaction = max(1, per_transaction)
        self.stage = Command.CONNECT  # what the server answers next
        self.extensions: frozenset[str] = frozenset()
        self.tls = False
        self.answers: dict[Recipient, Reply] = {}
        self.failure: SessionFailed | None = None
        self.error: str | None = None
        self.done = False
        self._replies = ReplyAssembler(peer)
        self._to_ask: deque[Recipient] = deque(recipients)  # one to ask again goes first
        # RCPT commands sent and not answered yet, each with its place in the transaction.
        self._awaiting: deque[tuple[Recipient, int]] = deque()
        self._in_transaction = 0  # RCPT commands since the last MAIL FROM
        self._ask_again: list[Recipient] = []  # "transaction full" in the current group
        self._asked_again: set[Recipient] = set()  # each is asked again at most once

    # -- input ------------------------------------------------------------------------------

    def receive(self, line: str) -> list[Event]:
        """Feed one line from the server (CRLF optional); the events to carry out, in order."""
        if self.done:
            return []
        try:
            reply = self._replies.feed(line)
        except PeerInterrupted as error:
            return self._protocol_error(error.detail)
        return [] if reply is None else self._on_reply(reply)

    def connection_lost(self) -> None:
        """The server closed the connection (or the driver gave up on it)."""
        self.done = True

    def unanswered(self) -> list[Recipient]:
        return [r for r in self.recipients if r not in self.answers]

    @property
    def pipelining(self) -> bool:
        """Whether the server's last EHLO reply advertised PIPELINING (RFC 2920)."""
        return "PIPELINING" in self.extensions

    # -- the dialogue -----------------------------------------------------------------------

    def _on_reply(self, reply: Reply) -> list[Event]:
        stage = self.stage
        if reply.code == 421 and stage is not Command.QUIT:
            # RFC 5321 3.8: the server is shutting the channel down; no QUIT.
            return self._fail(stage, reply, quit=False)
        if stage is Command.CONNECT:
            if reply.code != 220:
                return self._fail(stage, reply)
            return self._send(Command.EHLO, f"EHLO {self.helo}")
        if stage is Command.EHLO:
            if reply.code == 250:
                self.extensions = frozenset(parse_ehlo(reply).extensions)
                if self.want_starttls and not self.tls and "STARTTLS" in self.extensions:
                    return self._send(Command.STARTTLS, "STARTTLS")
                return self._mail()
            if reply.code >= 500 and not self.tls:
                return self._send(Command.HELO, f"HELO {self.helo}")
            return self._fail(stage, reply)
        if stage is Command.HELO:
            return self._mail() if reply.code == 250 else self._fail(stage, reply)
        if stage is Command.STARTTLS:
            if reply.code == 220:
                self.tls = True
                self.extensions = frozenset()
                return [StartTLS(), *self._send(Command.EHLO, f"EHLO {self.helo}")]
            # Refused: carry on in the clear in the same session (RFC 3207 4).
            self.want_starttls = False
            return self._mail()
        if stage is Command.MAIL:
            if reply.code == 250:
                if self._awaiting:  # the RCPTs went out with MAIL: their replies follow
                    self.stage = Command.RCPT
                    return []
                return self._rcpts()
            if not self._awaiting:
                return self._fail(stage, reply)
            # RFC 2920 3.1: every reply of a group is read. The RCPTs sent with the refused MAIL
            # are answered too (503, most likely): the session fails now, they are read and
            # dropped, then QUIT.
            self.failure = SessionFailed(stage, reply)
            self.stage = Command.RCPT
            return [self.failure]
        if stage is Command.RCPT:
            return self._on_rcpt(reply)
        if stage is Command.RSET:
            return self._mail() if reply.code == 250 else self._fail(stage, reply)
        # QUIT: whatever it says, the dialogue is over.
        self.done = True
        return [Close()]

    def _on_rcpt(self, reply: Reply) -> list[Event]:
        recipient, place = self._awaiting.popleft()
        events: list[Event] = []
        if self.failure is not None:
            pass  # sent with a MAIL that was refused: this reply answers nothing
        elif _transaction_full(reply) and place > 1 and recipient not in self._asked_again:
            # RFC 5321 4.5.3.1.10: the server's recipient buffer is full; a new transaction
            # asks again (the first RCPT of a transaction meeting it would meet it again).
            self._asked_again.add(recipient)
            self._ask_again.append(recipient)
        else:
            self.answers[recipient] = reply
            events.append(RecipientAnswered(recipient, reply))
        if self._awaiting:
            return events  # more replies of the group to come
        if self.failure is not None:
            return [*events, *self._send(Command.QUIT, "QUIT")]
        if self._ask_again:
            self._to_ask.extendleft(reversed(self._ask_again))
            self._ask_again = []
            return [*events, *self._send(Command.RSET, "RSET")]
        if not self._to_ask:
            return [*events, *self._send(Command.QUIT, "QUIT")]
        if self._in_transaction >= self.per_transaction:
            return [*events, *self._send(Command.RSET, "RSET")]
        return [*events, *self._rcpts()]

    def _mail(self) -> list[Event]:
        self._in_transaction = 0
        parameters = ""
        if "SMTPUTF8" in self.extensions and not all(r.address.isascii() for r in self.recipients):
            parameters = " SMTPUTF8"  # RFC 6531 3.4
        events = self._send(Command.MAIL, f"MAIL FROM:<{self.mail_from}>{parameters}")
        if self.pipelining:
            # RFC 2920 3.1: MAIL FROM and RCPT TO may stand anywhere in a group.
            events.extend(self._rcpts())
            self.stage = Command.MAIL  # its reply comes first
        return events

    def _rcpts(self) -> list[Event]:
        """RCPT TO for the next recipient, or with PIPELINING for as many as the transaction
        takes, sent without waiting for replies."""
        room = self.per_transaction - self._in_transaction
        count = min(room, len(self._to_ask)) if self.pipelining else 1
        events: list[Event] = []
        for _ in range(count):
            recipient = self._to_ask.popleft()
            self._in_transaction += 1
            self._awaiting.append((recipient, self._in_transaction))
            events.extend(self._send(Command.RCPT, f"RCPT TO:<{recipient.address}>"))
        return events

    def _send(self, stage: Command, command: str) -> list[Event]:
        self.stage = stage
        return [Send(command)]

    def _fail(self, stage: Command, reply: Reply, *, quit: bool = True) -> list[Event]:
        events: list[Event] = []
        if self.failure is None:  # a 421 after a refused pipelined MAIL: the refusal decided
            self.failure = SessionFailed(stage, reply)
            events.append(self.failure)
        if quit:
            events.extend(self._send(Command.QUIT, "QUIT"))
        else:
            self.done = True
            events.append(Close())
        return events

    def _protocol_error(self, message: str) -> list[Event]:
        self.error = message
        self.done = True
        return [Close()]


def _transaction_full(reply: Reply) -> bool:
    """RFC 5321 4.5.3.1.10: "452 too many recipients" (status 4.5.3) asks for a new transaction."""
    if reply.code != 452:
        return False
    text = reply.text.lower()
    return "4.5.3" in text or "too many recipients" in text
