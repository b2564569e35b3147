"""Job 1, explain one rejection: the page at ``/explain`` and ``POST /api/v1/explain``."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from bouncekit import Diagnosis, explain
from bouncekit.web.examples import EXAMPLES, EXAMPLES_BY_KEY
from bouncekit.web.limits import MAX_TEXT_BYTES, TOO_LARGE_MESSAGE
from bouncekit.web.templating import templates

router = APIRouter()

PASTE_INSTEAD = (
    "paste the rejection line with its three-digit code (such as '550 5.1.1 "
    "<a@example.com>: User unknown'), the MTA log lines about the recipient, or the whole "
    "bounce message with its headers."
)
NO_REPLY_MESSAGE = f"No SMTP reply was found in the text: {PASTE_INSTEAD}"
EMPTY_MESSAGE = "Paste a rejection, a log fragment or a bounce message first."
NOT_A_FORM_MESSAGE = "Send the text as an ordinary form field named 'text'."


class ExplainRequest(BaseModel):
    text: str = Field(
        description="A reply line, an MTA log fragment, a Diagnostic-Code field or a whole "
        "bounce message; at most 1 MB.",
        examples=[
            "550 5.1.1 <a@example.com>: Recipient address rejected: "
            "User unknown in local recipient table"
        ],
    )


class ExplainResponse(BaseModel):
    # The shape of Diagnosis.to_dict(), which is the contract shared with the CLI's --json.
    diagnoses: list[dict[str, Any]]


class ErrorResponse(BaseModel):
    error: str
    message: str


def _too_large(text: str) -> bool:
    return len(text) > MAX_TEXT_BYTES or len(_clean(text).encode("utf-8")) > MAX_TEXT_BYTES


def _clean(text: str) -> str:
    # JSON may carry lone surrogates (\ud800), which cannot be encoded in any response.
    return text.encode("utf-8", "replace").decode("utf-8")


@router.post(
    "/api/v1/explain",
    tags=["explain"],
    response_model=ExplainResponse,
    responses={
        413: {"model": ErrorResponse, "description": "The text is over 1 MB."},
        422: {"model": ErrorResponse, "description": "The text holds no SMTP reply."},
    },
)
def explain_api(payload: ExplainRequest) -> ExplainResponse | JSONResponse:
    """Explain every SMTP rejection in the text: one diagnosis per rejection."""
    if _too_large(payload.text):
        return _error(413, "too_large", TOO_LARGE_MESSAGE)
    diagnoses = explain(_clean(payload.text))
    if not diagnoses:
        return _error(422, "no_reply_found", NO_REPLY_MESSAGE)
    return ExplainResponse(diagnoses=[d.to_dict() for d in diagnoses])


def _error(status_code: int, error: str, message: str) -> JSONResponse:
    body = ErrorResponse(error=error, message=message)
    return JSONResponse(body.model_dump(), status_code=status_code)


@router.get("/explain", response_class=HTMLResponse, include_in_schema=False)
def explain_page(request: Request, example: str | None = None) -> HTMLResponse:
    chosen = EXAMPLES_BY_KEY.get(example) if example else None
    if chosen is None:
        return _render(request)
    return _render(request, text=chosen.text, diagnoses=explain(chosen.text), example=chosen.key)


@router.post("/explain", response_class=HTMLResponse, include_in_schema=False)
async def explain_form(request: Request) -> HTMLResponse:
    # The form is parsed here with the standard library: a urlencoded body is all the page
    # sends, and FastAPI's Form() would need python-multipart for it.
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return _render(request, error=NOT_A_FORM_MESSAGE, status_code=415)
    body = (await request.body()).decode("utf-8", "replace")
    fields = parse_qs(body, keep_blank_values=True, encoding="utf-8", errors="replace")
    text = fields.get("text", [""])[0]
    if _too_large(text):
        return _render(request, error=TOO_LARGE_MESSAGE, status_code=413)
    if not text.strip():
        return _render(request, text=text, error=EMPTY_MESSAGE)
    diagnoses = await run_in_threadpool(explain, text)
    return _render(request, text=text, diagnoses=diagnoses)


def _render(
    request: Request,
    *,
    text: str = "",
    diagnoses: list[Diagnosis] | None = None,
    example: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "explain.html",
        {
            "text": text,
            "diagnoses": diagnoses,
            "examples": EXAMPLES,
            "selected_example": example,
            "error": error,
            "paste_instead": PASTE_INSTEAD,
        },
        status_code=status_code,
    )
