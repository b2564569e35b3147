"""Rspamd's own wording: the replies its milter (rspamd_proxy) sends for its actions, and the
messages its Lua plugins set with ``task:set_pre_result`` (Debian rspamd 3.4).

The milter answers ``554 5.7.1`` for "reject" ("Spam message rejected" unless a plugin set a
message) and ``451 4.7.1`` for "soft reject" ("Try again later", also the greylist module's
default). Antivirus and external scanners report ``<scanner>: virus found: "<name>"``.

https://rspamd.com/doc/workers/rspamd_proxy.html
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

from .common import CAUSE, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # lualib/lua_scanners/*.lua: icap, oletools (the default messages of the scanners that
        # the generic virus wording does not cover).
        id="rspamd.scanner-threat",
        reason=Reason.VIRUSDETECTED,
        phrases=("threat found with icap scanner", "oletools threat message found"),
        examples=(
            '554 5.7.1 icap: threat found with icap scanner: "Win.Test.EICAR_HDB-1"',
            '554 5.7.1 oletools: Oletools threat message found: "AutoOpen"',
        ),
        priority=STRONG + 3,
    ),
    Rule(
        # lualib/lua_scanners/dcc.lua, pyzor.lua, spamassassin.lua: bulk-mail detectors.
        id="rspamd.scanner-bulk",
        reason=Reason.SPAMDETECTED,
        phrases=("bulk message found",),
        examples=(
            '554 5.7.1 dcc: bulk message found: "bulk Body=many"',
            '554 5.7.1 pyzor: Pyzor bulk message found: "pyzor"',
        ),
        priority=STRONG + 1,
    ),
    Rule(
        # src/plugins/lua/dmarc.lua maybe_force_action: the DMARC policy of the From domain
        # chose the action.
        id="rspamd.dmarc-action",
        reason=Reason.AUTHFAILURE,
        phrases=("action set by dmarc",),
        examples=("554 5.7.1 Action set by DMARC",),
        summary="Rspamd applied the DMARC policy of your From: domain: the message passed "
        "neither aligned SPF nor aligned DKIM.",
        priority=CAUSE,
    ),
)
