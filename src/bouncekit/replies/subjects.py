"""Whose address a reply is about: the recipient's, or the sender's own.

A reply can say "user unknown", "invalid" or "account disabled" of the envelope sender
(Postfix's ``Sender address rejected: User unknown in virtual mailbox table``, Exim's sender
callout, an ESP refusing an unverified identity, a provider telling you that *your* account is
suspended). Read as words alone they condemn the recipient; a suppression list fed by that
deletes a good subscriber. So before a recipient's reason stands, the reply's subject is read:

* the first clause that names whose address or which host was refused (Postfix writes
  ``Recipient address rejected:``, ``Sender address rejected:``, ``Client host rejected:``,
  ``Helo command rejected:``; Exim ``Sender verify failed``; many servers "your account",
  second person being the reader, i.e. the sender);
* the SMTP stage: before RCPT TO the recipient has not been named, so a refusal at MAIL FROM
  is about the sender's address, one at the greeting about the sending host;
* where the envelope sender is known (a bounce is addressed to it), a reply that names the
  sender's address and not the recipient's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subject(StrEnum):
    """What a reply refuses."""

    RECIPIENT = "recipient"  # the recipient's address or mailbox
    SENDER_ADDRESS = "sender address"  # the envelope sender (MAIL FROM), its domain or account
    SENDING_HOST = "sending host"  # the connecting IP, its name or its HELO


@dataclass(frozen=True, slots=True)
class SubjectMarker:
    """A lowercase phrase that says whose address or which host a reply refuses."""

    phrase: str
    subject: Subject
    examples: tuple[str, ...]  # real replies in which the phrase names the subject


_R, _S, _H = Subject.RECIPIENT, Subject.SENDER_ADDRESS, Subject.SENDING_HOST

MARKERS: tuple[SubjectMarker, ...] = (
    # Postfix's smtpd restriction classes name what they refuse (smtpd_check.c).
    SubjectMarker(
        "recipient address rejected",
        _R,
        (
            "550 5.1.1 <user@example.org>: Recipient address rejected: User unknown in local "
            "recipient table",
        ),
    ),
    SubjectMarker(
        "sender address rejected",
        _S,
        (
            "550 5.1.0 <bounce@example.com>: Sender address rejected: User unknown in virtual "
            "mailbox table",
        ),
    ),
    SubjectMarker(
        "client host rejected",
        _H,
        ("450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1]",),
    ),
    SubjectMarker(
        "helo command rejected",
        _H,
        ("504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",),
    ),
    # Exim's and others' verification of the envelope sender by a callout.
    SubjectMarker(
        "sender verify failed",
        _S,
        (
            "550-Verification failed for <bounce@example.com> 550-Unrouteable address 550 "
            "Sender verify failed",
        ),
    ),
    SubjectMarker(
        "sender verification",
        _S,
        ("550 5.7.1 Sender verification failed: mailbox does not exist",),
    ),
    SubjectMarker(
        "recipient verify failed",
        _R,
        ("550 5.1.1 <user@example.org>: Recipient verify failed: unknown user",),
    ),
    # The envelope sender named as such.
    SubjectMarker(
        "sender address",
        _S,
        (
            "553 5.7.1 Sender address <bounce@example.com> is not allowed: your account has been "
            "disabled",
        ),
    ),
    SubjectMarker("sender domain", _S, ("550 5.7.1 Sender domain does not exist",)),
    SubjectMarker("envelope sender", _S, ("550 5.7.1 Envelope sender unknown user",)),
    SubjectMarker(
        "mail from address", _S, ("550 5.1.0 MAIL FROM address is invalid: no such user",)
    ),
    SubjectMarker("return-path", _S, ("550 5.1.7 Return-Path address does not exist",)),
    # Coremail (NetEase and many Chinese hosts) when the login and MAIL FROM differ; servers
    # that check the From header say "From address".
    SubjectMarker("mail from must", _S, ("553 Mail from must equal authorized user",)),
    SubjectMarker("from address", _S, ("553 From address not verified",)),
    SubjectMarker(
        "sending account",
        _S,
        ("554 5.7.1 Message rejected because the sending account is deactivated",),
    ),
    SubjectMarker("sender's account", _S, ("550 5.7.1 The sender's account is disabled",)),
    # Amazon SES refusing a sender identity that is not verified in the account.
    SubjectMarker(
        "identities failed the check",
        _S,
        (
            "554 Message rejected: Email address is not verified. The following identities "
            "failed the check in region US-EAST-1: sender@example.com",
        ),
    ),
    # Second person: the server is talking to the sender about the sender.
    SubjectMarker(
        "your account", _S, ("550 5.7.0 Your account has been suspended for sending spam",)
    ),
    SubjectMarker(
        "your email account",
        _S,
        ("550 5.7.1 Your email account has been disabled due to suspicious activity",),
    ),
    SubjectMarker(
        "your domain",
        _S,
        ("553-Sorry, your domain has been blacklisted",),
    ),
    SubjectMarker(
        "your email address",
        _S,
        ("553 Sorry, your email address has been blocked",),
    ),
    SubjectMarker(
        "your ip",
        _H,
        ("553-Sorry, your IP address has been blacklisted",),
    ),
    SubjectMarker(
        "you tried to reach",
        _R,
        ("550-5.2.1 The email account that you tried to reach is disabled.",),
    ),
)
