"""What the API answers to a request it cannot read: 422 with a sentence, never the input.

FastAPI's own 422 repeats every rejected value in full, so one bad megabyte comes back as a
megabyte; here each problem names where it is and shows at most a short excerpt. Text with a
lone surrogate (JSON allows ``"\\ud800"``; no encoding does) is refused in the same way
instead of failing later, when a response that repeats it cannot be encoded.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator

__all__ = ["EXCERPT_CHARS", "UnicodeText", "quote_rejected", "validation_problem"]

EXCERPT_CHARS = 60  # of a rejected value shown back, at most


def _whole_unicode(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"it is not valid Unicode text: character {error.start + 1} is a lone surrogate "
            f"({quote_rejected(text[error.start : error.end])}); send UTF-8 text"
        ) from None
    return text


# A str that every response can repeat: lone surrogates are refused with a 422.
UnicodeText = Annotated[str, AfterValidator(_whole_unicode)]


def quote_rejected(value: object) -> str:
    """A short, printable, encodable rendering of a rejected value."""
    text = value if isinstance(value, str) else repr(value)
    cut = len(text) > EXCERPT_CHARS
    shown = text[:EXCERPT_CHARS].encode("utf-8", "backslashreplace").decode("utf-8")
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in shown)
    return f"{shown!r}" + (f" (first {EXCERPT_CHARS} of {len(text):,} characters)" if cut else "")


def _where(location: tuple[Any, ...]) -> str:
    # A part of the location can be a key of the request's own JSON: bounded like a value.
    parts = [str(part)[:EXCERPT_CHARS] for part in location if part != "body"]
    return ".".join(parts) or "the body"


async def validation_problem(request: Request, error: Exception) -> JSONResponse:
    """The handler of :class:`RequestValidationError`: one sentence per problem."""
    assert isinstance(error, RequestValidationError)
    problems = []
    for item in error.errors():
        where = _where(tuple(item.get("loc", ())))
        message = str(item.get("msg", "is not valid")).removeprefix("Value error, ")
        problem: dict[str, str] = {"where": where, "problem": message}
        if "input" in item and item.get("type") != "missing":
            problem["excerpt"] = quote_rejected(item["input"])
        problems.append(problem)
    first = problems[0] if problems else {"where": "the body", "problem": "cannot be read"}
    more = f" ({len(problems) - 1} more problems below)" if len(problems) > 1 else ""
    return JSONResponse(
        status_code=422,
        content={
            "error": "invalid_request",
            "message": f"The request cannot be used: {first['where']}: {first['problem']}.{more} "
            "See /api/v1/openapi.json for the shape of each request.",
            "problems": problems[:20],
        },
    )
