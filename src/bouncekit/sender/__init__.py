"""The sender's own house: SPF, DKIM, DMARC, reverse DNS, blocklists, TLS and bulk-sender rules.

Each check is a function of the domain (and the sending IPs, selectors, HELO name) that asks the
one resolver seam and returns :class:`~bouncekit.sender.model.Finding` records: what passed,
what is wrong, which rejections it causes, and the fix.
"""
