"""Judging each step of the dialogue: a reply in, a Finding out, with why it matters and the
fix. Pure: no sockets; refusals are explained by the explain engine.
"""

from __future__ import annotations

from dataclasses import replace

from bouncekit.replies.classify import diagnose
from bouncekit.replies.model import Command, Diagnosis, Reason
from bouncekit.replies.parse import parse_reply
from bouncekit.sender.model import Area, Finding, Status
from bouncekit.sender.smtpcheck.model import (
    ALTERNATIVE_PORTS,
    IMPLICIT_TLS_PORT,
    RELAY_PORT,
    SUBMISSION_PORT,
    TlsMode,
)
from bouncekit.smtp.ehlo import Capabilities
from bouncekit.smtp.reply import Reply

# Messages grow by about a third in base64 (RFC 2045 6.8): a 10 MB limit takes ~7 MB of files.
SMALL_SIZE_LIMIT = 10 * 1024 * 1024


# -- explaining replies --------------------------------------------------------------------------


def explain_reply(reply: Reply, command: Command) -> Diagnosis:
    """The explain engine's diagnosis of a reply to ``command``."""
    parsed = parse_reply(reply.text, require_code=False)
    assert parsed is not None  # never None without require_code
    return diagnose(replace(parsed, command=command))


def _quote(reply: Reply) -> str:
    return "“" + " ".join(reply.text.replace("\r", "").split()) + "”"


def _engine(diagnosis: Diagnosis, *, steps: int = 3) -> str:
    return " ".join(action.text for action in diagnosis.actions[:steps])


# -- the greeting and EHLO -----------------------------------------------------------------------


def banner_finding(reply: Reply) -> Finding:
    check = "smtp.banner"
    if reply.code == 220:
        words = reply.messages[0].split() if reply.messages else []
        name = words[0] if words else ""
        if "." not in name and not name.startswith("["):
            return Finding(
                Area.SMTP,
                check,
                Status.WARN,
                f"The server greets with {_quote(reply)}, without its host name.",
                "RFC 5321 4.3.1 asks the greeting to name the server; a missing or bare name "
                "hints at a proxy or a misconfigured server, and makes logs harder to match.",
                "Set the server's host name (Postfix: myhostname; Exim: primary_hostname) to "
                "its fully qualified name, the one its certificate and reverse DNS show.",
            )
        return Finding(
            Area.SMTP, check, Status.PASS, f"The server greets as {name}: {_quote(reply)}."
        )
    diagnosis = explain_reply(reply, Command.CONNECT)
    return Finding(
        Area.SMTP,
        check,
        Status.FAIL,
        f"The server refuses the session at the greeting: {_quote(reply)} ({diagnosis.reason}).",
        f"Your mail client gets {_quote(reply)} as soon as it connects and can send nothing. "
        + diagnosis.summary,
        _engine(diagnosis)
        or "Ask the server's administrator why it refuses connections from your address.",
    )


def ehlo_findings(
    reply: Reply,
    capabilities: Capabilities | None,
    *,
    helo_reply: Reply | None,
    check: str = "smtp.ehlo",
) -> list[Finding]:
    """EHLO (and the HELO that followed a refused EHLO, when there was one)."""
    if reply.code == 250 and capabilities is not None:
        listed = capabilities.describe() or "none"
        findings = [
            Finding(
                Area.SMTP,
                check,
                Status.PASS,
                f"EHLO accepted by {capabilities.name or 'the server'}; extensions: {listed}.",
            )
        ]
        findings.extend(_size_findings(capabilities))
        return findings
    if helo_reply is not None and helo_reply.code == 250:
        return [
            Finding(
                Area.SMTP,
                check,
                Status.WARN,
                f"EHLO was refused ({_quote(reply)}); HELO was accepted, so the server offers "
                "no extensions: no STARTTLS, no AUTH, no SIZE, no 8BITMIME.",
                "Without EHLO (RFC 5321 4.1.1.1) a client can neither encrypt nor log in: mail "
                "clients report that the server does not support authentication or TLS.",
                "Enable ESMTP on the server (Postfix: remove smtpd_discard_ehlo_keywords; check "
                "that no firewall or antivirus proxy rewrites the SMTP dialogue).",
            )
        ]
    diagnosis = explain_reply(helo_reply or reply, Command.EHLO)
    return [
        Finding(
            Area.SMTP,
            check,
            Status.FAIL,
            f"The server refused EHLO ({_quote(reply)})"
            + (f" and HELO ({_quote(helo_reply)})." if helo_reply else "."),
            "The session cannot go on: your mail client gets the same refusal. "
            + diagnosis.summary,
            _engine(diagnosis)
            or "Check the name your client announces in EHLO (a fully qualified name or an "
            "address literal such as [192.0.2.1]).",
        )
    ]


def _size_findings(capabilities: Capabilities) -> list[Finding]:
    size = capabilities.size
    if size is None:
        return []
    check = "smtp.size"
    if size == 0:
        return [
            Finding(
                Area.SMTP, check, Status.PASS, "The server announces no fixed size limit (SIZE 0)."
            )
        ]
    megabytes = size / 1024 / 1024
    files = megabytes / 1.37
    if size < SMALL_SIZE_LIMIT:
        return [
            Finding(
                Area.SMTP,
                check,
                Status.WARN,
                f"The server takes messages up to {megabytes:.1f} MB (SIZE {size}): attachments "
                f"of about {files:.1f} MB in all, after base64.",
                'Larger messages get "552 5.3.4 Message size exceeds fixed limit" at MAIL FROM '
                "or after DATA; most providers take 20 to 35 MB.",
                "Raise the limit (Postfix: message_size_limit; Exim: message_size_limit) or send "
                "large files as links.",
            )
        ]
    return [
        Finding(
            Area.SMTP,
            check,
            Status.PASS,
            f"The server takes messages up to {megabytes:.1f} MB (SIZE {size}): attachments of "
            f"about {files:.1f} MB in all, after base64.",
        )
    ]


def starttls_offer_finding(capabilities: Capabilities, port: int, mode: TlsMode) -> Finding | None:
    """Whether a plain connection can be upgraded (RFC 3207); None when STARTTLS will be tried."""
    if "STARTTLS" in capabilities.extensions or mode is TlsMode.STARTTLS:
        return None
    strict = port != RELAY_PORT
    return Finding(
        Area.SMTP,
        "smtp.starttls",
        Status.FAIL if strict else Status.WARN,
        f"The server does not offer STARTTLS on port {port}: everything, passwords included, "
        "travels in the clear.",
        'Mail clients set to STARTTLS stop with "the server does not support STARTTLS" (or '
        '"530 5.7.0 Must issue a STARTTLS command first" from servers that require it), and '
        "clients that fall back send the password readable by anyone on the path; Gmail shows "
        "mail received without TLS with a red padlock.",
        "Enable TLS with a certificate for the server's name (Postfix: smtpd_tls_security_level "
        "= may, smtpd_tls_chain_files = /etc/letsencrypt/live/HOST/privkey.pem, "
        "/etc/letsencrypt/live/HOST/fullchain.pem), or submit on port 465 with implicit TLS "
        "(check with --tls).",
    )


def starttls_refused_finding(reply: Reply) -> Finding:
    diagnosis = explain_reply(reply, Command.STARTTLS)
    return Finding(
        Area.SMTP,
        "smtp.starttls",
        Status.FAIL,
        f"The server refused STARTTLS: {_quote(reply)}. The check goes on in the clear.",
        'Mail clients set to STARTTLS stop here with "the server does not support '
        'STARTTLS" or a TLS error; those that go on send the password in the clear. '
        + diagnosis.summary,
        "Enable STARTTLS with a valid certificate (Postfix: smtpd_tls_security_level = may and "
        "smtpd_tls_chain_files), or submit on port 465 with implicit TLS (check with --tls).",
    )


def auth_offer_findings(
    before_tls: Capabilities | None, after: Capabilities, *, tls: bool, port: int
) -> list[Finding]:
    """The AUTH mechanisms offered, and whether they were offered before TLS."""
    findings: list[Finding] = []
    plaintext = {"PLAIN", "LOGIN"}
    if before_tls is not None and before_tls.auth_mechanisms:
        exposed = sorted(plaintext & set(before_tls.auth_mechanisms))
        if exposed:
            findings.append(
                Finding(
                    Area.SMTP,
                    "smtp.auth-before-tls",
                    Status.WARN,
                    f"AUTH {' '.join(before_tls.auth_mechanisms)} is offered on the "
                    "unencrypted connection, before TLS.",
                    f"A client that is not set to use TLS sends the password ({'/'.join(exposed)} "
                    "is only base64) readable by anyone on the path; RFC 4954 4 and RFC 8314 "
                    "ask servers not to offer such mechanisms before TLS.",
                    "Offer AUTH only after TLS (Postfix: smtpd_tls_auth_only = yes; Exim: "
                    "server_advertise_condition = ${if def:tls_in_cipher}) and set the clients to "
                    "STARTTLS (587) or TLS (465).",
                )
            )
    elif before_tls is not None and after.auth_mechanisms and tls:
        findings.append(
            Finding(
                Area.SMTP,
                "smtp.auth-before-tls",
                Status.PASS,
                "AUTH is offered only after STARTTLS: passwords never travel in the clear.",
            )
        )
    check = "smtp.auth-mechanisms"
    if after.auth_mechanisms:
        findings.append(
            Finding(
                Area.SMTP,
                check,
                Status.PASS,
                f"The server offers AUTH {' '.join(after.auth_mechanisms)}"
                + (" over TLS." if tls else " on an unencrypted connection."),
            )
        )
    elif port == RELAY_PORT:
        findings.append(
            Finding(
                Area.SMTP,
                check,
                Status.PASS,
                "The server offers no AUTH on port 25: normal for a server receiving mail, "
                "which relays for no one.",
            )
        )
    else:
        findings.append(
            Finding(
                Area.SMTP,
                check,
                Status.WARN,
                f"The server offers no AUTH on port {port}"
                + ("" if tls else " (not even before TLS)")
                + ".",
                'Mail clients cannot log in ("the server does not support authentication"); '
                "unless the server relays for your IP address, every recipient outside its own "
                'domains gets "554 5.7.1 Relay access denied" or "530 5.7.0 Authentication '
                'required".',
                "Enable SMTP AUTH on the submission port (Postfix: -o smtpd_sasl_auth_enable=yes "
                "on the submission line of master.cf, with Dovecot SASL), or use the port your "
                "provider documents for sending.",
            )
        )
    return findings


# -- AUTH ----------------------------------------------------------------------------------------

# RFC 4954 6 and what providers put in these replies.
_AUTH_REPLIES: dict[int, tuple[str, str]] = {
    535: (
        "The user name or password was refused: mail clients ask for the password again, "
        'applications fail with "535 5.7.8 Authentication credentials invalid", and nothing '
        "is sent.",
        "Check the user name (often the whole address) and the password. Providers with "
        "two-step sign-in want an app password (Gmail, Yahoo, iCloud); Microsoft 365 needs "
        'SMTP AUTH enabled for the mailbox (535 5.7.139 "SmtpClientAuthentication is '
        'disabled") or OAuth.',
    ),
    534: (
        'The server wants a stronger way of logging in: Gmail answers "534-5.7.9 '
        'Application-specific password required" or "534-5.7.14 Please log in via your web '
        "browser\" when the account's security settings block the password.",
        "Create an app password (Gmail, Yahoo, iCloud: in the account's security settings) "
        "and use it instead of the account password, or log in with OAuth (XOAUTH2).",
    ),
    538: (
        "The server accepts passwords only over an encrypted connection (RFC 4954 6): "
        'clients not set to use TLS get "538 5.7.11 Encryption required for requested '
        'authentication mechanism".',
        f"Set the client to STARTTLS on port {SUBMISSION_PORT} or TLS on port "
        f"{IMPLICIT_TLS_PORT}, and check again with --starttls or --tls.",
    ),
    454: (
        'The server could not check the password just now ("454 4.7.0 Temporary '
        'authentication failure"): its password backend is down or slow.',
        "Retry in a few minutes; if it persists, the server's administrator should check its "
        "SASL service (Postfix: Dovecot auth socket, saslauthd).",
    ),
    504: (
        "The server does not support the mechanism it was asked for.",
        "Use one of the mechanisms the server lists in its EHLO reply.",
    ),
    530: (
        'The server wants something else first, usually TLS ("530 5.7.0 Must issue a '
        'STARTTLS command first").',
        f"Use STARTTLS on port {SUBMISSION_PORT} or TLS on port {IMPLICIT_TLS_PORT}.",
    ),
}


def auth_finding(reply: Reply, *, user: str, mechanism: str) -> Finding:
    """The result of logging in as ``user`` with ``mechanism``."""
    check = "smtp.auth"
    if reply.code == 235:
        return Finding(
            Area.SMTP,
            check,
            Status.PASS,
            f"Logged in as {user} with AUTH {mechanism}: {_quote(reply)}.",
        )
    diagnosis = explain_reply(reply, Command.AUTH)
    why, fix = _AUTH_REPLIES.get(
        reply.code, (diagnosis.summary, _engine(diagnosis) or "Check the account's settings.")
    )
    status = Status.UNKNOWN if reply.code == 454 else Status.FAIL
    return Finding(
        Area.SMTP,
        check,
        status,
        f"Logging in as {user} with AUTH {mechanism} failed: {_quote(reply)}.",
        why,
        fix,
    )


# -- MAIL FROM and RCPT TO -----------------------------------------------------------------------

# What a refusal means on one's own submission server, by stage and the engine's reason; the
# engine's own summary and steps are used for the rest.
_ENVELOPE_ADVICE: dict[tuple[Command, Reason], tuple[str, str]] = {
    (Command.MAIL, Reason.SECURITYERROR): (
        "The server accepts mail only from clients that log in: your mail client gets "
        '"530 5.7.0 Authentication required" and nothing is sent.',
        "Turn on SMTP authentication in the mail client (same user name and password as for "
        "reading mail, unless your provider says otherwise) and check again with --user and "
        "--password-env.",
    ),
    (Command.MAIL, Reason.FAILEDSTARTTLS): (
        'The server takes no mail before TLS: your mail client gets "530 5.7.0 Must issue a '
        'STARTTLS command first".',
        f"Set the client's security to STARTTLS (port {SUBMISSION_PORT}) or SSL/TLS (port "
        f"{IMPLICIT_TLS_PORT}), and check again with --starttls or --tls.",
    ),
    (Command.MAIL, Reason.REJECTED): (
        "This account may not send with this sender address: the server refuses it before any "
        'recipient ("553 5.7.1 Sender address rejected: not owned by user").',
        "Send from the account's own address or an alias the server assigns to it (Postfix: "
        "smtpd_sender_login_maps with reject_sender_login_mismatch; Microsoft 365: Send As "
        "permission for the mailbox).",
    ),
    (Command.RCPT, Reason.SECURITYERROR): (
        'The server relays only for clients that log in: every recipient gets "530 5.7.0 '
        'Authentication required".',
        "Turn on SMTP authentication in the mail client and check again with --user and "
        "--password-env.",
    ),
    (Command.RCPT, Reason.FAILEDSTARTTLS): (
        "The server takes no recipients before TLS.",
        f"Set the client's security to STARTTLS (port {SUBMISSION_PORT}) or SSL/TLS (port "
        f"{IMPLICIT_TLS_PORT}).",
    ),
}
_RELAY_DENIED_ANONYMOUS = (
    "The server relays only for clients that log in (or for its own network): your mail client "
    'gets "554 5.7.1 Relay access denied" for every recipient outside the server\'s own '
    "domains, and nothing reaches them.",
    "Log in before sending: turn on SMTP authentication in the client and check again with "
    "--user and --password-env. If the server should relay for a fixed address instead, add it "
    "to the server's trusted networks (Postfix: mynetworks).",
)
_RELAY_DENIED_AUTHENTICATED = (
    "Even after logging in the server does not relay to outside domains for this account: "
    'every such recipient gets "554 5.7.1 Relay access denied".',
    "Let authenticated clients relay (Postfix: smtpd_relay_restrictions = permit_mynetworks, "
    "permit_sasl_authenticated, reject_unauth_destination, also in the -o options of the "
    "submission line in master.cf), or ask the provider whether this account may send to "
    "outside addresses.",
)


def envelope_finding(
    command: Command, address: str, reply: Reply, *, authenticated: bool
) -> Finding:
    """The reply to ``MAIL FROM:<address>`` or ``RCPT TO:<address>``."""
    check = "smtp.mail-from" if command is Command.MAIL else "smtp.rcpt-to"
    verb = "MAIL FROM" if command is Command.MAIL else "RCPT TO"
    if reply.code in (250, 251):
        if command is Command.RCPT and not authenticated:
            domain = address.rpartition("@")[2] or address
            return Finding(
                Area.SMTP,
                check,
                Status.WARN,
                f"{verb}:<{address}> was accepted without logging in: {_quote(reply)}.",
                f"Unless {domain} is a domain this server receives mail for, it relays for anyone "
                "who connects: an open relay is abused for spam within hours and then listed on "
                "every blocklist (Spamhaus, SpamCop), and its mail refused everywhere.",
                "Relay only for clients that log in and for your own networks (Postfix: "
                "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, "
                "reject_unauth_destination).",
            )
        return Finding(
            Area.SMTP, check, Status.PASS, f"{verb}:<{address}> accepted: {_quote(reply)}."
        )
    diagnosis = explain_reply(reply, command)
    if diagnosis.reason is Reason.NORELAYING:
        why, fix = _RELAY_DENIED_AUTHENTICATED if authenticated else _RELAY_DENIED_ANONYMOUS
    else:
        why, fix = _ENVELOPE_ADVICE.get(
            (command, diagnosis.reason),
            (diagnosis.summary, _engine(diagnosis) or "Ask the server's administrator."),
        )
    temporary = 400 <= reply.code < 500
    return Finding(
        Area.SMTP,
        check,
        Status.WARN if temporary else Status.FAIL,
        f"{verb}:<{address}> was refused: {_quote(reply)} ({diagnosis.reason}: "
        f"{diagnosis.headline.rstrip('.')}).",
        f"Your mail client gets {_quote(reply)}. {why}",
        fix,
    )


# -- connecting ----------------------------------------------------------------------------------


def connect_failure_finding(
    host: str, port: int, failures: list[str], *, timed_out: bool, refused: bool, timeout: float
) -> Finding:
    where = f"{host}:{port}"
    blocked = (
        f"Port {RELAY_PORT} is blocked for outgoing connections by most ISPs and cloud providers "
        "(AWS, Google Cloud, Azure, home connections): "
        if port == RELAY_PORT
        else ""
    )
    try_ports = (
        f"{blocked}check the port your provider documents for sending, {ALTERNATIVE_PORTS}, "
        f"e.g. bouncekit check-smtp {host}:{SUBMISSION_PORT}."
    )
    fix = try_ports[0].upper() + try_ports[1:]
    if refused:
        return Finding(
            Area.SMTP,
            "smtp.connect",
            Status.FAIL,
            f"Nothing accepts connections on {where}: connection refused. " + " ".join(failures),
            'Your mail client reports "connection refused" and sends nothing: no server listens '
            "on this port, or a firewall rejects it.",
            fix,
        )
    if timed_out:
        return Finding(
            Area.SMTP,
            "smtp.connect",
            Status.FAIL,
            f"No answer from {where} within {timeout:g} s: the port looks filtered. "
            + " ".join(failures),
            "Your mail client waits and then reports a timeout: a firewall on the way (your "
            "network's, your ISP's or the server's) drops the connection.",
            fix,
        )
    return Finding(
        Area.SMTP,
        "smtp.connect",
        Status.FAIL,
        f"Could not connect to {where}. " + " ".join(failures),
        "Your mail client cannot reach the server and sends nothing.",
        "Check the server name (its A/AAAA records) and the network path; " + try_ports,
    )
