"""``POST /api/v1/webhooks/{esp}``: ESP event webhooks into the bounce store.

The request is checked (signature or credentials), read, and written through the store in
one transaction before the answer: 200 only once stored, so an ESP that sees anything else
sends it again, and a request sent twice stores nothing twice. 401 without a signature or
credential, 403 with a wrong one (or an ESP not configured here), 400 for a body that is not
the ESP's format, 404 for an ESP we do not read, 503 when the store cannot be written or
SNS's signing certificate cannot be fetched (the ESP sends it again), 502 when an SNS
subscription cannot be confirmed.

The store is the one of ``BOUNCEKIT_DB`` (else the SQLite file in the user's data
directory), opened on the first webhook; the secrets come from the environment
(:class:`~bouncekit.ingest.webhooks.WebhookSettings`). Tests set ``app.state.webhook_settings``
and ``app.state.store_url`` instead.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

if TYPE_CHECKING:
    from bouncekit.ingest.webhooks import WebhookSettings
    from bouncekit.store import Store

router = APIRouter()
STORE_EXTRA_MISSING = (
    "Webhooks write to the bounce store, which needs the [store] extra: "
    "pip install 'bouncekit[store]'."
)
_opening = threading.Lock()


def _problem(status: int, error: str, message: str, **more: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Basic realm="bouncekit webhooks"'} if status == 401 else None
    return JSONResponse(
        status_code=status,
        content={"error": error, "message": message, **more},
        headers=headers,
    )


def _settings(request: Request) -> WebhookSettings:
    from bouncekit.ingest.webhooks import WebhookSettings

    state = request.app.state
    settings = getattr(state, "webhook_settings", None)
    if settings is None:
        settings = state.webhook_settings = WebhookSettings.from_environment()
    assert isinstance(settings, WebhookSettings)
    return settings


def _store(request: Request) -> Store:
    """The application's store, opened (and migrated) once, on the first webhook."""
    from bouncekit.store import Store, default_url, open_store

    state = request.app.state
    with _opening:
        store = getattr(state, "webhook_store", None)
        if store is None:
            url = getattr(state, "store_url", None) or default_url()
            store = state.webhook_store = open_store(url)
    assert isinstance(store, Store)
    return store


def _handle(request: Request, name: str, body: bytes, headers: dict[str, str]) -> JSONResponse:
    # Imported on the first webhook: the pages and the other API routes do not need the store
    # (nor SQLAlchemy, which the [web] extra alone does not install).
    try:
        from bouncekit.errors import StoreError
        from bouncekit.events.version import classifier_version
        from bouncekit.ingest.webhooks import (
            MalformedWebhook,
            WebhookRefused,
            esp,
            esps,
            write_parsed,
        )
        from bouncekit.ingest.webhooks.sns import CertificateUnavailable, SubscriptionNotConfirmed
    except ModuleNotFoundError as missing:
        if (missing.name or "").partition(".")[0] not in {"sqlalchemy", "alembic"}:
            raise
        return _problem(503, "store_unavailable", STORE_EXTRA_MISSING)
    found = esp(name)
    if found is None:
        return _problem(
            404,
            "unknown_esp",
            f"There is no webhook for {name[:40]!r}; the ESPs read are: "
            f"{', '.join(sorted(esps()))}.",
        )
    settings = _settings(request)
    try:
        found.verify(body, headers, settings)
        parsed = found.parse(body, headers)
        if parsed.confirm_url is not None:
            # SNS: the signature and the pinned topic were checked by verify.
            settings.certificates.confirm(parsed.confirm_url)
            return JSONResponse({"esp": name, "subscription": "confirmed"})
        written = write_parsed(_store(request), parsed, classifier_version())
    except WebhookRefused as refused:
        if refused.missing:
            return _problem(401, "not_authenticated", str(refused))
        return _problem(403, "forbidden", str(refused))
    except MalformedWebhook as malformed:
        return _problem(400, "malformed_payload", str(malformed))
    except SubscriptionNotConfirmed as failed:
        return _problem(502, "subscription_not_confirmed", str(failed))
    except CertificateUnavailable as unavailable:
        return _problem(503, "certificate_unavailable", str(unavailable))
    except StoreError as error:
        return _problem(503, "store_unavailable", str(error))
    return JSONResponse({"esp": name, **written.to_dict()})


@router.post("/api/v1/webhooks/{esp_name}", tags=["webhooks"])
async def webhook_api(request: Request, esp_name: str) -> JSONResponse:
    """Take one webhook request of an ESP (ses, sendgrid, mailgun, postmark, sparkpost)."""
    body = await request.body()
    headers = {name.lower(): value for name, value in request.headers.items()}
    # The signing certificate's fetch and the store's transaction block: off the event loop.
    return await run_in_threadpool(_handle, request, esp_name, body, headers)
