"""The sender's own house (issue 5): ``check-sender`` (the domain's DNS, blocklists, TLS and the
bulk-sender requirements), ``check-message`` (a test message) and ``check-smtp`` (the sender's
submission or relay server). The logic is in :mod:`bouncekit.sender`; this module parses the
options and renders the reports.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bouncekit import fileio
from bouncekit.cli import _render
from bouncekit.errors import BouncekitError
from bouncekit.sender.smtpcheck import (
    IMPLICIT_TLS_PORT,
    SUBMISSION_PORT,
    SmtpReport,
    TlsMode,
    check_smtp,
    parse_target,
)

if TYPE_CHECKING:
    from bouncekit.cli import Settings


# -- check-sender: MX, SPF, DKIM, DMARC, reverse DNS, blocklists, TLS, requirements by area ----

_FINDING_STYLE = {
    "pass": "green",
    "warn": "yellow",
    "fail": "bold red",
    "unknown": "dim",
    "needs-input": "cyan",
}
_AREA_TITLES = {
    "mx": "MX records",
    "spf": "SPF",
    "dkim": "DKIM",
    "dmarc": "DMARC",
    "ptr": "Reverse DNS",
    "blocklist": "Blocklists",
    "tls": "TLS (MTA-STS, TLS-RPT, STARTTLS)",
    "requirements": "Bulk-sender requirements (Gmail, Yahoo, Microsoft)",
}


def check_sender_command(
    context: typer.Context,
    domain: Annotated[
        str, typer.Argument(metavar="DOMAIN", help="The domain you send from.", show_default=False)
    ],
    ips: Annotated[
        list[str] | None,
        typer.Option(
            "--ip", help="A sending server's IP address (repeatable).", show_default=False
        ),
    ] = None,
    selectors: Annotated[
        list[str] | None,
        typer.Option(
            "--selector",
            help="A DKIM selector (repeatable); default: try the common ones.",
            show_default=False,
        ),
    ] = None,
    helo: Annotated[
        str | None,
        typer.Option("--helo", help="The name your server gives in HELO/EHLO.", show_default=False),
    ] = None,
    active: Annotated[
        bool,
        typer.Option(
            "--active",
            help="Also fetch the MTA-STS policy over HTTPS and connect to each MX host for "
            "STARTTLS.",
        ),
    ] = False,
    dqs_key: Annotated[
        str | None,
        typer.Option(
            "--dqs-key", help="A Spamhaus DQS key for the Spamhaus lists.", show_default=False
        ),
    ] = None,
    smtp_port: Annotated[
        int,
        typer.Option(
            "--smtp-port",
            min=1,
            max=65535,
            help="The MX hosts' SMTP port for --active.",
            hidden=True,
        ),
    ] = 25,
    json_output: _render.JsonOption = False,
    verbose: _render.VerboseOption = False,
) -> None:
    """Check your sending domain: MX, SPF, DKIM, DMARC, reverse DNS, blocklists, TLS, and the
    Gmail / Yahoo / Microsoft bulk-sender requirements, each with its fix. Exits 1 when a check
    fails."""
    from bouncekit.sender.check import AREAS, check_sender

    settings: Settings = context.obj
    report = check_sender(
        domain,
        ips=ips or (),
        selectors=selectors or (),
        helo=helo,
        resolver=settings.resolver,
        active=active,
        dqs_key=dqs_key,
        smtp_port=smtp_port,
        # A port other than 25 only makes sense for a test server on this machine.
        allow_private=smtp_port != 25,
    )
    if _render.json_wanted(context, json_output):
        _render.print_json(report.to_dict())
    else:
        grouped = report.by_area()
        for area in [*AREAS, *(a for a in grouped if a not in AREAS)]:
            if area in grouped:
                _render.stdout.print(
                    _area_panel(area, grouped[area], _render.verbose_wanted(context, verbose))
                )
        _render.stdout.print(
            Text.assemble(
                (f"{_render.safe(report.domain)}: ", "bold"),
                *(
                    (f"{count} {status}  ", _FINDING_STYLE.get(status, ""))
                    for status, count in report.counts.items()
                    if count
                ),
            )
        )
    _exit_on_failure(finding.status.value for finding in report.findings)


def _exit_on_failure(statuses: Iterable[str]) -> None:
    """Exit 1 when any check failed, for scripts and CI; warnings alone still exit 0."""
    if "fail" in set(statuses):
        raise typer.Exit(_render.EXIT_CHECK_FAILED)


def _area_panel(area: str, findings: list[Any], verbose: bool) -> Panel:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("status", no_wrap=True, width=11)
    table.add_column("finding", ratio=1, overflow="fold")
    for finding in findings:
        status = finding.status.value
        body = _render.text(finding.summary)
        if verbose:
            body.append(f"  [{_render.safe(finding.check)}]", style="dim")
        if status != "pass":
            if finding.why:
                body.append("\nwhy: ", style="bold")
                body.append(_render.safe(finding.why), style="dim")
            if finding.fix:
                body.append("\nfix: ", style="bold")
                body.append(_render.safe(finding.fix), style="cyan")
        table.add_row(Text(status, style=_FINDING_STYLE.get(status, "")), body)
    failing = sum(1 for f in findings if f.status.value == "fail")
    title = Text.assemble(
        (f" {_AREA_TITLES.get(area, area)} ", "bold"),
        (f" {failing} fail " if failing else "", _FINDING_STYLE["fail"]),
    )
    return Panel(table, title=title, title_align="left", border_style=_panel_border(findings))


def _panel_border(findings: list[Any]) -> str:
    statuses = {f.status.value for f in findings}
    for status, style in (("fail", "red"), ("warn", "yellow")):
        if status in statuses:
            return style
    return "green" if statuses <= {"pass"} else "white"


# -- check-message: headers, authentication and content of a test message ---------------------

_MESSAGE_AREAS = {
    "headers": "Headers",
    "dkim": "DKIM signatures",
    "spf": "SPF",
    "dmarc": "DMARC alignment",
    "unsubscribe": "Unsubscribe (RFC 8058)",
    "size": "Size",
    "content": "Content",
    "links": "Links",
    "attachments": "Attachments",
    "spamassassin": "SpamAssassin",
}
# A test message with its attachments; a message larger than this would be refused by every
# receiver anyway.
_MAX_MESSAGE_TEXT = "64M"
_MESSAGE_STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red", "unknown": "dim"}


def check_message_command(
    context: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.eml",
            help="The message as received or sent, headers and body (- for stdin).",
            show_default=False,
        ),
    ],
    ip: Annotated[
        str | None,
        typer.Option("--ip", help="The sending server's IP address, for SPF.", show_default=False),
    ] = None,
    spamd: Annotated[
        str | None,
        typer.Option("--spamd", help="Ask SpamAssassin's spamd at HOST:PORT.", show_default=False),
    ] = None,
    json_output: _render.JsonOption = False,
    verbose: _render.VerboseOption = False,
    max_input: Annotated[int, _render.max_input_option(_MAX_MESSAGE_TEXT)] = _render.parse_size(
        _MAX_MESSAGE_TEXT
    ),
) -> None:
    """Check a test message: headers, DKIM, SPF, DMARC alignment, unsubscribe, size, content,
    links and attachments, each with its fix. Exits 1 when a check fails."""
    from bouncekit.sender.message import check_message

    settings: Settings = context.obj
    name = str(path)
    if name == _render.STDIN_PATH:
        data = fileio.read_limited(sys.stdin.buffer, max_input, name)
    elif _render.is_file(name):
        data = fileio.read_file_limited(name, max_input)
    else:
        raise BouncekitError(f"{name} is not a file; give the path of a saved message (.eml).")
    report = check_message(
        data, ip=ip, resolver=settings.resolver, spamd=spamd, timeout=settings.timeout * 6
    )
    verbose = _render.verbose_wanted(context, verbose)
    if _render.json_wanted(context, json_output):
        _render.print_json(report.to_dict())
        _exit_on_failure(finding.status.value for finding in report.findings)
        return
    grouped = report.by_area()
    for area in [*_MESSAGE_AREAS, *(a for a in grouped if a not in _MESSAGE_AREAS)]:
        if area in grouped:
            _render.stdout.print(
                _message_panel(_MESSAGE_AREAS.get(area, area), grouped[area], verbose)
            )
    counts = Counter(f.status.value for f in report.findings)
    _render.stdout.print(
        Text.assemble(
            (f"{_render.safe(path.name)}: ", "bold"),
            *(
                (f"{counts[status]} {status}  ", style)
                for status, style in _MESSAGE_STATUS_STYLE.items()
                if counts[status]
            ),
        )
    )
    _exit_on_failure(counts)


def _message_panel(title: str, findings: list[Any], verbose: bool) -> Panel:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("status", no_wrap=True, width=8)
    table.add_column("finding", ratio=1, overflow="fold")
    for finding in findings:
        status = finding.status.value
        body = _render.text(finding.summary)
        if verbose:
            body.append(f"  [{_render.safe(finding.check)}]", style="dim")
        if status != "pass":
            for label, text, style in (("why", finding.why, "dim"), ("fix", finding.fix, "cyan")):
                if text:
                    body.append(f"\n{label}: ", style="bold")
                    body.append(_render.safe(text), style=style)
        table.add_row(Text(status, style=_MESSAGE_STATUS_STYLE.get(status, "")), body)
    statuses = {f.status.value for f in findings}
    border = "red" if "fail" in statuses else "yellow" if "warn" in statuses else "green"
    return Panel(table, title=Text(f" {title} "), title_align="left", border_style=border)


# -- check-smtp: connect, greeting, EHLO, TLS, certificate, AUTH, envelope without DATA -------

_SMTP_STATUS_STYLE = {
    "pass": "green",
    "warn": "yellow",
    "fail": "bold red",
    "unknown": "dim",
}


def check_smtp_command(
    context: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="HOST[:PORT]",
            help="Your submission or relay server; the port defaults to 587 (465 with --tls).",
            show_default=False,
        ),
    ],
    implicit_tls: Annotated[
        bool, typer.Option("--tls", help="Implicit TLS from the first byte (port 465).")
    ] = False,
    starttls: Annotated[
        bool,
        typer.Option("--starttls", help="Ask for STARTTLS even when the server does not offer it."),
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(
            "--user", help="Log in as this user (with --password-env).", show_default=False
        ),
    ] = None,
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env",
            metavar="VAR",
            help="The environment variable holding the password (never the password itself).",
            show_default=False,
        ),
    ] = None,
    mail_from: Annotated[
        str | None,
        typer.Option("--mail-from", help="Send MAIL FROM with this address.", show_default=False),
    ] = None,
    rcpt: Annotated[
        str | None,
        typer.Option(
            "--rcpt", help="Send RCPT TO with this address (never DATA).", show_default=False
        ),
    ] = None,
    helo: Annotated[
        str | None,
        typer.Option(
            "--helo",
            help="The name to give in EHLO; default: this machine's address as [a.b.c.d].",
            show_default=False,
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow a server on a private, loopback or link-local address."
        ),
    ] = False,
    show_transcript: Annotated[
        bool, typer.Option("--transcript", help="Show the SMTP dialogue (passwords hidden).")
    ] = False,
    json_output: _render.JsonOption = False,
    verbose: _render.VerboseOption = False,
) -> None:
    """Check your own SMTP server step by step: connect, TLS, certificate, AUTH, relaying.
    Exits 1 when a check fails."""
    settings: Settings = context.obj
    verbose = _render.verbose_wanted(context, verbose)
    if implicit_tls and starttls:
        raise BouncekitError(
            "--tls and --starttls exclude each other: --tls for implicit TLS (port 465), "
            "--starttls for STARTTLS (port 587)."
        )
    mode = TlsMode.TLS if implicit_tls else TlsMode.STARTTLS if starttls else TlsMode.AUTO
    host, port = parse_target(
        target, default_port=IMPLICIT_TLS_PORT if implicit_tls else SUBMISSION_PORT
    )
    password = None
    if (user is None) != (password_env is None):
        raise BouncekitError(
            "Logging in needs --user and --password-env together, e.g. "
            "SMTP_PASSWORD=... bouncekit check-smtp HOST --user you@example.com "
            "--password-env SMTP_PASSWORD."
        )
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise BouncekitError(
                f"The environment variable {password_env} is not set: export it with the "
                "password (the password is never taken from the command line, where other "
                "users and the shell history see it)."
            )
    report = check_smtp(
        host,
        port,
        mode=mode,
        user=user,
        password=password,
        mail_from=mail_from,
        rcpt=rcpt,
        timeout=settings.timeout,
        allow_private=allow_private,
        helo=helo,
        resolver=settings.resolver,
    )
    if _render.json_wanted(context, json_output):
        _render.print_json(report.to_dict())
    else:
        _render.stdout.print(_smtp_findings_table(report, verbose))
        if show_transcript or verbose:
            _render.stdout.print(Text("\nTranscript", style="bold underline"))
            _render.stdout.print(_render.text("\n".join(report.transcript), style="dim"))
    _exit_on_failure(finding.status.value for finding in report.findings)


def _smtp_findings_table(report: SmtpReport, verbose: bool) -> Table:
    table = Table(
        title=Text(f"SMTP server {_render.safe(report.host)}:{report.port}"),
        title_justify="left",
        box=None,
        header_style="bold",
        pad_edge=False,
        show_lines=True,
    )
    table.add_column("status", no_wrap=True)
    table.add_column("check", no_wrap=True)
    table.add_column("finding", overflow="fold")
    for finding in report.findings:
        cell = _render.text(finding.summary)
        if finding.why and (verbose or finding.status.value != "pass"):
            cell.append("\n" + _render.safe(finding.why), style="dim")
        if finding.fix:
            cell.append("\nfix: " + _render.safe(finding.fix), style="cyan")
        table.add_row(
            Text(finding.status.value, style=_SMTP_STATUS_STYLE.get(finding.status.value, "")),
            _render.text(finding.check.removeprefix("smtp.")),
            cell,
        )
    return table
