"""Job 2, bounces: ``POST /api/v1/bounces`` parses one bounce message."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from bouncekit.bounces import parse_bounce
from bouncekit.web.limits import MAX_TEXT_BYTES

router = APIRouter()


class BounceResponse(BaseModel):
    kind: str
    decoded_by: str | None
    note: str
    # The shape of BounceRecord.to_dict(), shared with `bouncekit parse`'s JSON lines.
    records: list[dict[str, Any]]


@router.post("/api/v1/bounces", tags=["bounces"], response_model=BounceResponse)
async def parse_bounce_api(request: Request) -> BounceResponse | JSONResponse:
    """Parse the raw message in the request body (message/rfc822): one record per recipient."""
    data = await request.body()
    if len(data) > MAX_TEXT_BYTES * 8:
        return JSONResponse(
            status_code=413,
            content={"error": "too_large", "message": "The message is larger than 8 MB."},
        )
    report = parse_bounce(data)
    return BounceResponse(
        kind=report.kind.value,
        decoded_by=report.decoded_by,
        note=report.note,
        records=[record.to_dict() for record in report.records],
    )
