"""Address verification before sending: offline checks, DNS, and SMTP mailbox probes.

The parts, each usable alone:

- ``offline``: normalising, syntax (email-validator), duplicates (also Gmail dots and
  ``+tags``), typo suggestions, disposable, role and free-mail addresses; no network.
- ``mx``: where a domain's mail goes (MX, implicit MX from A/AAAA, null MX), through the one
  resolver seam.
- ``smtp``: the probe: a sans-IO session state machine and the asyncio driver that runs it,
  with per-host limits, greylisting retries and catch-all detection.
- ``run``: ``verify_addresses()``, which puts them together, one result per address.
"""
