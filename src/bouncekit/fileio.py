"""Files in and out: inputs read with a stated limit, the one CSV writer, and output files
that never destroy what is not ours.

An input (a file, standard input, a FIFO, ``/dev/zero``) is read in chunks up to a limit, and
passing the limit is an :class:`~bouncekit.errors.InputError` naming the input and the limit:
nothing grows until the memory runs out (:func:`read_limited`, :func:`read_file_limited`).

Two kinds of CSV leave bouncekit, and they are written differently on purpose:

* **reports for people** (``verify -o``, ``parse -f csv``), opened in spreadsheets: a cell that
  a spreadsheet would run as a formula gets a leading ``'`` (OWASP "CSV injection"), unless
  the user asks for ``--no-formula-guard``;
* **data for the next program** (``verify --clean``, the list to send to): written exactly as
  read, since ``+a16@example.com`` and ``+1 555 0100`` are valid values, not formulas.

An output path is written so that an interrupted run leaves nothing half-written and so that
only the file the user named changes:

* a regular file, or a name that does not exist yet, is written under a temporary name beside
  it and renamed over it on :meth:`OutputFile.commit`; a new file gets the mode the umask
  gives (``0666 & ~umask``), an existing one keeps its mode;
* a symbolic link is followed: its target is replaced, the link stays;
* anything else (``-`` for standard output, a character device such as ``/dev/null``, a FIFO,
  a socket) is opened and written directly, never renamed over.

    with OutputFile("results.csv", encoding="utf-8") as stream:
        writer = CsvWriter(stream, delimiter=",")
        writer.header(["email", "verdict"])
        writer.write(["ann@example.com", "deliverable"])
"""

from __future__ import annotations

import csv
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from bouncekit.errors import InputError

__all__ = [
    "STDIN",
    "STDOUT",
    "CsvWriter",
    "OutputFile",
    "neutralise",
    "read_file_limited",
    "read_limited",
    "size_text",
]

STDIN = STDOUT = "-"
_CHUNK = 1 << 16

# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(_FORMULA_START)  # each is one character: looked up by the first


def size_text(size: int) -> str:
    """``16M`` for 16 MiB: a size as :func:`read_limited` names it in its error."""
    for unit, factor in (("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor}{unit}"
    return f"{size} bytes"


def read_limited(stream: IO[bytes], limit: int, name: str) -> bytes:
    """All of ``stream``, read in chunks, or :class:`InputError` as soon as it passes
    ``limit`` bytes (``name`` is how the error names the input)."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(
                f"{name}: more than {size_text(limit)}, the most this command reads. Give a "
                "smaller input, or a larger limit with --max-input SIZE (such as 512M)."
            )


def read_file_limited(path: str, limit: int, *, stdin: IO[bytes] | None = None) -> bytes:
    """A file, or ``-`` for ``stdin`` (standard input by default), read with
    :func:`read_limited`; a missing or unreadable file is an :class:`InputError`."""
    if path == STDIN:
        return read_limited(stdin if stdin is not None else sys.stdin.buffer, limit, STDIN)
    try:
        with open(path, "rb") as stream:
            return read_limited(stream, limit, path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a directory, not a file.") from None
    except OSError as failure:
        raise InputError(f"{path}: cannot be read ({failure.strerror}).") from None


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made text by a leading single quote."""
    return "'" + cell if cell[:1] in _FORMULA_FIRST else cell


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class CsvWriter:
    """Rows of cells to a text stream as CSV; with ``formula_guard`` (the default) every cell a
    spreadsheet would run is neutralised. ``None`` is written as an empty cell and a bool as
    ``true`` / ``false``."""

    def __init__(
        self, stream: IO[str], *, delimiter: str = ",", formula_guard: bool = True
    ) -> None:
        self._writer = csv.writer(stream, delimiter=delimiter)
        self.formula_guard = formula_guard
        self.rows = 0

    def _cells(self, cells: Iterable[object]) -> list[str]:
        # Once per row of a list: a str, the usual cell, is taken as it is, and the guard is
        # neutralise() inline.
        texts = [cell if type(cell) is str else _cell(cell) for cell in cells]
        if not self.formula_guard:
            return texts
        # Most rows need no quote: checked by their first characters in one pass, copied
        # only when one does.
        if _FORMULA_FIRST.isdisjoint([text[:1] for text in texts]):
            return texts
        return ["'" + text if text[:1] in _FORMULA_FIRST else text for text in texts]

    def header(self, cells: Iterable[object]) -> None:
        self._writer.writerow(self._cells(cells))

    def write(self, cells: Iterable[object]) -> None:
        self._writer.writerow(self._cells(cells))
        self.rows += 1


def _umask() -> int:
    # The only way to read the umask is to set it; it is put back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class OutputFile:
    """A text file to write, put in place only by :meth:`commit` when it is a regular file
    (see the module's docstring for what happens to devices, FIFOs, links and ``-``)."""

    def __init__(self, path: str | os.PathLike[str], *, encoding: str = "utf-8") -> None:
        self.path = Path(path)
        self._temporary: Path | None = None
        self._own = True  # False for standard output, which this does not close
        name = os.fspath(path)
        if name == STDOUT:
            self._own = False
            self.stream: IO[str] = sys.stdout
            return
        # A link is followed: its target is what gets written (and, if regular, replaced).
        target = Path(os.path.realpath(name))
        try:
            existing: os.stat_result | None = target.stat()
        except FileNotFoundError:
            existing = None
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            # A device, a FIFO or a socket: renaming over it would destroy it.
            self.stream = open(target, "w", encoding=encoding, newline="")  # noqa: SIM115
            return
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by commit() or discard()
            "w",
            encoding=encoding,
            newline="",
            dir=target.parent,
            prefix=f".{target.name}.",
            suffix=".tmp",
            delete=False,
        )
        self._temporary = Path(handle.name)
        # NamedTemporaryFile makes 0600; the file the user gets has the mode a new file of
        # theirs would have, or the mode of the file it replaces.
        mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
        os.chmod(handle.fileno(), mode)
        self._target = target
        self.stream = handle

    def commit(self) -> None:
        """Put the file in place (a regular file), or flush what was written (anything else)."""
        if not self._own:
            self.stream.flush()
            return
        self.stream.close()
        if self._temporary is not None:
            os.replace(self._temporary, self._target)
            self._temporary = None

    def discard(self) -> None:
        """Forget the output: a temporary file is removed; what was already written to a
        device, a FIFO or standard output cannot be taken back."""
        if not self._own:
            return
        self.stream.close()
        if self._temporary is not None:
            self._temporary.unlink(missing_ok=True)
            self._temporary = None

    def __enter__(self) -> IO[str]:
        return self.stream

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()
