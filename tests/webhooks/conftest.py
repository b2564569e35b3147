"""The webhooks' fixtures: the store on SQLite and a real PostgreSQL (the store's own
fixtures), a loopback HTTPS server standing in for SNS's certificate host, and the real app."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bouncekit.ingest.webhooks import WebhookSettings
from bouncekit.ingest.webhooks.sns import SigningCertificates
from bouncekit.web import create_app
from tests.store.conftest import postgres_url, store, store_url
from tests.support.certificates import make_certificate
from tests.webhooks.payloads import (
    MAILGUN_KEY,
    POSTMARK_AUTH,
    SPARKPOST_AUTH,
    TOPIC,
    SendGridSigner,
    SnsSigner,
)

__all__ = ["postgres_url", "store", "store_url"]

CERT_PATH = "/SimpleNotificationService-0123456789abcdef.pem"


@dataclass
class SnsHost:
    """The loopback HTTPS server: serves the signing certificate, records every request."""

    origin: str
    client_context: ssl.SSLContext
    cert_path: str = CERT_PATH
    requests: list[str] = field(default_factory=list)

    @property
    def cert_url(self) -> str:
        return self.origin + self.cert_path

    @property
    def subscribe_url(self) -> str:
        return self.origin + "/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=2336"

    def certificates(self) -> SigningCertificates:
        """A fetcher allowed to use this server (and only it, beside the SNS hosts)."""
        return SigningCertificates(allowed_origin=self.origin, context=self.client_context)


@pytest.fixture(scope="session")
def sns_signer() -> SnsSigner:
    return SnsSigner()


@pytest.fixture(scope="session")
def sendgrid_signer() -> SendGridSigner:
    return SendGridSigner()


@pytest.fixture(scope="session")
def sns_host(sns_signer: SnsSigner, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SnsHost]:
    tls = make_certificate(common_name="localhost", names=["localhost"])
    directory: Path = tmp_path_factory.mktemp("sns-host")
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            if self.path == CERT_PATH:
                body = sns_signer.pem
            elif self.path.startswith("/?Action=ConfirmSubscription"):
                body = b"<ConfirmSubscriptionResponse/>"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = tls.server_context(directory).wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = ssl.create_default_context(cadata=tls.pem.decode())
    host = SnsHost(f"https://localhost:{server.server_address[1]}", client, requests=requests)
    try:
        yield host
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def settings(sns_host: SnsHost, sendgrid_signer: SendGridSigner) -> WebhookSettings:
    return WebhookSettings(
        sendgrid_public_key=sendgrid_signer.public_key,
        mailgun_signing_key=MAILGUN_KEY,
        postmark_auth=POSTMARK_AUTH,
        sparkpost_auth=SPARKPOST_AUTH,
        ses_topic_arns=frozenset({TOPIC}),
        certificates=sns_host.certificates(),
    )


@pytest.fixture
def client(store_url: str, settings: WebhookSettings) -> Iterator[TestClient]:
    """The real app, its webhooks writing to the test's store."""
    app = create_app()
    app.state.store_url = store_url
    app.state.webhook_settings = settings
    with TestClient(app, base_url="http://127.0.0.1:8550") as test_client:
        yield test_client
    opened = getattr(app.state, "webhook_store", None)
    if opened is not None:
        opened.close()
