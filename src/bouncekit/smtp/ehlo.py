"""The EHLO reply read once: the server's name and each extension with its parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bouncekit.smtp.reply import Reply

__all__ = ["Capabilities", "parse_ehlo"]


@dataclass(frozen=True, slots=True)
class Capabilities:
    """The EHLO reply: the server's name, each extension and its parameters (RFC 5321 4.1.1.1)."""

    name: str
    extensions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def auth_mechanisms(self) -> tuple[str, ...]:
        return self.extensions.get("AUTH", ())

    @property
    def size(self) -> int | None:
        """The SIZE limit in bytes (RFC 1870): 0 is "no fixed limit"; None when not announced."""
        value = self.extensions.get("SIZE")
        if value is None:
            return None
        return int(value[0]) if value and value[0].isdigit() else 0

    def offers(self, keyword: str) -> bool:
        """Whether the server announced the extension ``keyword`` ("STARTTLS", "PIPELINING")."""
        return keyword.upper() in self.extensions

    def describe(self) -> str:
        return ", ".join(
            " ".join((keyword, *parameters)) for keyword, parameters in self.extensions.items()
        )


def parse_ehlo(reply: Reply) -> Capabilities:
    """The first line greets; each further line names one extension and its parameters."""
    messages = reply.messages
    name = messages[0].split(" ", 1)[0] if messages and messages[0].strip() else ""
    extensions: dict[str, tuple[str, ...]] = {}
    for message in messages[1:]:
        # "AUTH=LOGIN": the form some servers still send for clients from before RFC 4954.
        words = (
            message.replace("=", " ", 1).split()
            if message.upper().startswith("AUTH=")
            else message.split()
        )
        if not words:
            continue
        keyword = words[0].upper()
        parameters = tuple(w.upper() for w in words[1:]) if keyword == "AUTH" else tuple(words[1:])
        if keyword == "AUTH" and "AUTH" in extensions:  # "AUTH=LOGIN" beside "AUTH LOGIN PLAIN"
            parameters = tuple(dict.fromkeys((*extensions["AUTH"], *parameters)))
        extensions[keyword] = parameters
    return Capabilities(name, extensions)
