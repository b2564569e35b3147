"""Amazon SNS message signatures: the string to sign, and the signing certificate.

https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html

- SignatureVersion 1 is SHA1withRSA, version 2 SHA256withRSA (PKCS #1 v1.5).
- The string to sign is ``Name\\nvalue\\n`` for fixed keys in a fixed order.
- The certificate is fetched only over HTTPS from ``sns.<region>.amazonaws.com``: a looser test
  let any host serve the key (django-ses's CVE, its PR #284); no redirect is followed.
- The SubscribeURL is visited only on the same host pattern, and only for a pinned topic.

:class:`SigningCertificates` is the one place that does I/O. Tests pass ``allowed_origin`` and
``context`` to let it use a loopback HTTPS server of their own; the SNS host rule stays.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import re
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from bouncekit.errors import BouncekitError
from bouncekit.ingest.webhooks import WebhookRefused

__all__ = [
    "CertificateUnavailable",
    "SigningCertificates",
    "SubscriptionNotConfirmed",
    "is_sns_url",
    "string_to_sign",
    "verify_signature",
]


class CertificateUnavailable(BouncekitError):
    """The signing certificate could not be fetched (a network failure): the message is
    neither accepted nor refused, and SNS sends it again (HTTP 503)."""


class SubscriptionNotConfirmed(BouncekitError):
    """Visiting the SubscribeURL failed: SNS sends the confirmation again (HTTP 502)."""


# sns.us-east-1.amazonaws.com, sns.us-gov-west-1.amazonaws.com: the whole host, nothing else.
_SNS_HOST = re.compile(r"sns\.[a-z]{2}(?:-[a-z]+)+-\d\.amazonaws\.com")
_NOTIFICATION_KEYS = ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
_SUBSCRIPTION_KEYS = (
    "Message",
    "MessageId",
    "SubscribeURL",
    "Timestamp",
    "Token",
    "TopicArn",
    "Type",
)
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {"1": hashes.SHA1, "2": hashes.SHA256}
MAX_CERTIFICATE_BYTES = 64 * 1024
FETCH_TIMEOUT = 10.0  # seconds


def is_sns_url(url: str, *, path_suffix: str = "") -> bool:
    """Whether ``url`` is ``https://sns.<region>.amazonaws.com/...`` exactly: no user, no
    port, no other host that merely contains the name."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and _SNS_HOST.fullmatch(parts.netloc) is not None
        and parts.path.startswith("/")
        and parts.path.endswith(path_suffix)
    )


def string_to_sign(message: Mapping[str, object]) -> bytes:
    """The bytes SNS signed: each key present, in the documented order, ``key\\nvalue\\n``."""
    kind = message.get("Type")
    keys = _NOTIFICATION_KEYS if kind == "Notification" else _SUBSCRIPTION_KEYS
    parts = []
    for key in keys:
        value = message.get(key)
        if value is None:
            if key == "Subject":
                continue  # only a notification with a subject signs it
            raise WebhookRefused(f"The SNS message lacks {key}, which its signature covers.")
        parts.append(f"{key}\n{value}\n")
    return "".join(parts).encode("utf-8")


def verify_signature(message: Mapping[str, object], certificate: x509.Certificate) -> None:
    """Raise :class:`WebhookRefused` unless the message's signature is the certificate's."""
    version = str(message.get("SignatureVersion", ""))
    algorithm = _HASHES.get(version)
    if algorithm is None:
        raise WebhookRefused(f"SNS SignatureVersion {version!r} is not 1 or 2.")
    signature_text = message.get("Signature")
    if not isinstance(signature_text, str) or not signature_text:
        raise WebhookRefused("The SNS message has no Signature.", missing=True)
    try:
        signature = base64.b64decode(signature_text, validate=True)
    except (binascii.Error, ValueError):
        raise WebhookRefused("The SNS Signature is not base64.") from None
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise WebhookRefused("The SNS signing certificate does not hold an RSA key.")
    now = datetime.datetime.now(datetime.UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise WebhookRefused("The SNS signing certificate is not valid now.")
    try:
        key.verify(signature, string_to_sign(message), padding.PKCS1v15(), algorithm())
    except InvalidSignature:
        raise WebhookRefused("The SNS signature does not match the message.") from None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect could lead anywhere: the answer must come from the SNS host


@dataclass(eq=False)
class SigningCertificates:
    """Fetches (and keeps) SNS signing certificates, and visits SubscribeURLs.

    Only ``https://sns.<region>.amazonaws.com/`` URLs are fetched. ``allowed_origin``
    (``https://localhost:PORT``) and ``context`` (trusting the test's authority) exist for
    tests, which serve their own certificate on loopback; production leaves them unset.
    """

    allowed_origin: str | None = None
    context: ssl.SSLContext | None = None
    _cache: dict[str, x509.Certificate] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def allowed(self, url: str, *, path_suffix: str = "") -> bool:
        if is_sns_url(url, path_suffix=path_suffix):
            return True
        if self.allowed_origin is None:
            return False
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.allowed_origin and parts.path.endswith(
            path_suffix
        )

    def _get(self, url: str) -> bytes:
        opener = urllib.request.build_opener(
            _NoRedirects(), urllib.request.HTTPSHandler(context=self.context)
        )
        with opener.open(url, timeout=FETCH_TIMEOUT) as response:
            data: bytes = response.read(MAX_CERTIFICATE_BYTES + 1)
        return data

    def certificate(self, url: str) -> x509.Certificate:
        """The certificate at ``url`` (kept after the first fetch)."""
        if not self.allowed(url, path_suffix=".pem"):
            raise WebhookRefused(
                f"The SNS SigningCertURL {url[:200]!r} is not an https://sns.<region>."
                "amazonaws.com/....pem URL: the message is not from Amazon SNS."
            )
        with self._lock:
            cached = self._cache.get(url)
        if cached is not None:
            return cached
        try:
            data = self._get(url)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise CertificateUnavailable(
                f"Cannot fetch the SNS signing certificate {url}: {error}; SNS will send the "
                "message again."
            ) from None
        if len(data) > MAX_CERTIFICATE_BYTES:
            raise WebhookRefused(f"The SNS signing certificate at {url} is too large.")
        try:
            certificate = x509.load_pem_x509_certificate(data)
        except ValueError:
            raise WebhookRefused(f"{url} does not hold a PEM certificate.") from None
        with self._lock:
            if len(self._cache) >= 32:  # certificates rotate rarely: a handful at most
                self._cache.clear()
            self._cache[url] = certificate
        return certificate

    def confirm(self, url: str) -> None:
        """Visit a SubscribeURL (the caller checked the signature and the topic)."""
        if not self.allowed(url):
            raise SubscriptionNotConfirmed(
                f"The SubscribeURL {url[:200]!r} is not on an sns.<region>.amazonaws.com host; "
                "not visited."
            )
        try:
            self._get(url)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise SubscriptionNotConfirmed(
                f"Confirming the SNS subscription at {url[:200]} failed: {error}."
            ) from None
