"""Attachments that receivers refuse: executables, disk images, macro documents, and archives
that hold them or cannot be opened.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Sequence

from bouncekit.sender.message.content import MB
from bouncekit.sender.message.parsing import Attachment
from bouncekit.sender.model import Area, Finding, Status, finding

# Gmail's blocked file types (support.google.com/mail/answer/6590) and their kin.
DANGEROUS_EXTENSIONS = frozenset(
    {
        ".exe", ".scr", ".js", ".jse", ".vbs", ".vbe", ".bat", ".cmd", ".com", ".pif", ".cpl",
        ".jar", ".iso", ".img", ".vhd", ".msi", ".msp", ".msc", ".hta", ".lnk", ".ps1", ".wsf",
        ".wsh", ".wsc", ".sct", ".chm", ".dll", ".reg", ".appx", ".apk", ".dmg", ".xll",
    }
)  # fmt: skip
MACRO_EXTENSIONS = frozenset(
    {".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppam", ".ppsm", ".sldm"}
)
ARCHIVE_EXTENSIONS = (".zip", ".tar", ".tar.gz", ".tgz", ".7z", ".rar", ".gz")
_OPENABLE_ARCHIVE_BYTES = 50 * MB

_GMAIL_CONTENT = (
    "Gmail 552 5.7.0 'This message was blocked because its content presents a potential "
    "security issue', Outlook.com 550 5.7.1 (content), and most company gateways quarantine it."
)


def _extension(name: str) -> str:
    lower = name.lower().strip().rstrip(".")
    for archive in (".tar.gz",):
        if lower.endswith(archive):
            return archive
    dot = lower.rfind(".")
    return lower[dot:] if dot >= 0 else ""


def _archive_members(attachment: Attachment) -> tuple[list[str], bool] | None:
    """Names inside a zip or tar archive, and whether it is encrypted; None if unreadable."""
    if len(attachment.payload) > _OPENABLE_ARCHIVE_BYTES:
        return None
    data = io.BytesIO(attachment.payload)
    if zipfile.is_zipfile(data):
        try:
            with zipfile.ZipFile(data) as archive:
                infos = archive.infolist()
                return [info.filename for info in infos], any(i.flag_bits & 0x1 for i in infos)
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    try:
        with tarfile.open(fileobj=io.BytesIO(attachment.payload)) as archive:
            return archive.getnames(), False
    except (tarfile.TarError, OSError, ValueError, EOFError):
        return None


def _dangerous(name: str) -> str:
    extension = _extension(name)
    if extension in DANGEROUS_EXTENSIONS:
        return f"{name} ({extension}, an executable or disk-image type)"
    if extension in MACRO_EXTENSIONS:
        return f"{name} ({extension}, an Office file with macros)"
    return ""


def attachment_findings(attachments: Sequence[Attachment]) -> list[Finding]:
    if not attachments:
        return [finding(Area.ATTACHMENTS, "types", Status.PASS, "The message has no attachments.")]
    problems: list[str] = []
    warnings: list[str] = []
    for attachment in attachments:
        name = attachment.filename or f"(unnamed {attachment.content_type})"
        problem = _dangerous(name)
        if problem:
            problems.append(problem)
            continue
        if _extension(name) in ARCHIVE_EXTENSIONS or "zip" in attachment.content_type:
            members = _archive_members(attachment)
            if members is None:
                warnings.append(f"{name} is an archive that could not be opened to check")
                continue
            names, encrypted = members
            inside = [item for item in map(_dangerous, names) if item]
            if inside:
                problems.append(f"{name} holds {', '.join(inside)}")
            if encrypted:
                warnings.append(f"{name} is password-protected, so it cannot be scanned")
    found = []
    if problems:
        found.append(
            finding(
                Area.ATTACHMENTS,
                "types",
                Status.FAIL,
                f"Attachments that receivers block: {'; '.join(problems)}.",
                _GMAIL_CONTENT,
                "Do not send executables, scripts, disk images or macro documents by mail; "
                "share them through a download link, and send documents as PDF or "
                "macro-free .docx/.xlsx.",
            )
        )
    if warnings:
        found.append(
            finding(
                Area.ATTACHMENTS,
                "archives",
                Status.WARN,
                f"Attachments that cannot be checked: {'; '.join(warnings)}.",
                "Gateways quarantine archives they cannot scan, and Gmail blocks encrypted "
                "archives that hold other archives or executables.",
                "Share such files through a download link.",
            )
        )
    if not found:
        listed = ", ".join(a.filename or a.content_type for a in attachments)
        found.append(
            finding(
                Area.ATTACHMENTS, "types", Status.PASS, f"Attachments are of safe types: {listed}."
            )
        )
    return found
