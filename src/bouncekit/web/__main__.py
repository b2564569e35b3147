"""``python -m bouncekit.web [--host HOST] [--port PORT]``: serve the pages and the API."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bouncekit.web.app import DEFAULT_HOST, DEFAULT_PORT, serve


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bouncekit.web",
        description="Serve bouncekit's web pages and HTTP API.",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    serve(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
