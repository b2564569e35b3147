"""``python -m bouncekit.web [--host HOST] [--port PORT] [--token-file FILE]``: serve the
pages and the API.

On a loopback address (the default, 127.0.0.1) no token is needed and only requests that
address the server by its loopback name are answered. Any other address needs a token,
from the environment variable ``BOUNCEKIT_WEB_TOKEN`` or the first line of ``--token-file``
(never on the command line, where other users of the machine can read it).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bouncekit.errors import BouncekitError, ConfigurationError

WEB_EXTRA_MISSING = (
    "The web app needs its [web] extra (FastAPI, Uvicorn and Jinja2): pip install 'bouncekit[web]'."
)

try:
    from bouncekit.web.app import DEFAULT_HOST, DEFAULT_PORT, serve
    from bouncekit.web.guard import TOKEN_ENVIRONMENT_VARIABLE, WebAccess
except ModuleNotFoundError as missing:
    if (missing.name or "").partition(".")[0] not in {"fastapi", "starlette", "uvicorn", "jinja2"}:
        raise  # a missing module of bouncekit itself is a bug, not a missing extra
    print(f"error: {WEB_EXTRA_MISSING}", file=sys.stderr)
    raise SystemExit(2) from None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bouncekit.web",
        description="Serve bouncekit's web pages and HTTP API.",
        epilog=f"A host other than a loopback address needs a token: set "
        f"{TOKEN_ENVIRONMENT_VARIABLE} or give --token-file. Requests then send "
        "'Authorization: Bearer TOKEN', or a browser opens any page once with ?token=TOKEN.",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--token-file",
        type=Path,
        default=None,
        help=f"a file whose first line is the token every request must carry "
        f"(default: ${TOKEN_ENVIRONMENT_VARIABLE}, if set)",
    )
    return parser.parse_args(argv)


def access_from(args: argparse.Namespace) -> WebAccess:
    """The server's address and token from the arguments and the environment."""
    token = os.environ.get(TOKEN_ENVIRONMENT_VARIABLE) or None
    if args.token_file is not None:
        try:
            lines = args.token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeError) as error:
            raise ConfigurationError(
                f"--token-file {args.token_file}: cannot be read ({error}); give a file whose "
                "first line is the token."
            ) from None
        token = lines[0].strip() if lines and lines[0].strip() else None
        if token is None:
            raise ConfigurationError(
                f"--token-file {args.token_file} is empty; write the token on its first line."
            )
    return WebAccess(host=args.host, port=args.port, token=token)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    try:
        access = access_from(args)
    except BouncekitError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    serve(access)


if __name__ == "__main__":
    main()
