"""Job 4, address lists: ``POST /api/v1/verify`` verifies up to 1,000 addresses."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from bouncekit.resolver import Resolver
from bouncekit.verify.model import VerifyOptions
from bouncekit.verify.run import verify_addresses
from bouncekit.web.problems import UnicodeText

router = APIRouter()
MAX_ADDRESSES = 1_000  # a request waits for its answer: larger lists belong to the CLI


class VerifyRequest(BaseModel):
    addresses: list[UnicodeText] = Field(description="The addresses, as given; at most 1,000.")
    offline: bool = Field(
        default=False, description="Syntax, duplicates, typos and lists only: no DNS, no SMTP."
    )


class VerifyResponse(BaseModel):
    # The shape of VerifyResult.to_dict(), shared with `bouncekit verify --json`.
    results: list[dict[str, Any]]


@router.post("/api/v1/verify", tags=["verify"], response_model=VerifyResponse)
async def verify_api(request: Request, payload: VerifyRequest) -> VerifyResponse | JSONResponse:
    """One result per address, in the order given."""
    if len(payload.addresses) > MAX_ADDRESSES:
        return JSONResponse(
            status_code=413,
            content={
                "error": "too_many",
                "message": f"Send at most {MAX_ADDRESSES:,} addresses; use `bouncekit verify` "
                "for larger lists.",
            },
        )
    options = VerifyOptions(offline=payload.offline)
    resolver: Resolver = request.app.state.resolver  # the application's, built in create_app
    verified = verify_addresses(payload.addresses, options=options, resolver=resolver)
    results = [result.to_dict() async for result in verified]
    return VerifyResponse(results=results)
