"""Address lists in, results out: CSV and plain-text files as spreadsheets and CRMs export them.

Reading sniffs what the file does not say: the encoding (UTF-8 with or without a BOM, UTF-16
with a BOM, else cp1252 or latin-1), the delimiter (``,`` ``;`` tab ``|``), whether the first
row is a header, and which column holds the addresses. A ``.txt`` file is one address a line.

No row is ever dropped. A row that cannot be used as it is (the wrong number of cells, bytes
that do not decode, no address) is a :class:`Row` with a ``problem`` naming its line, and
:func:`unreadable_result` gives it a result so that it still appears in the output.

Writing keeps the input's columns and appends the result columns, through the one CSV writer
of :mod:`bouncekit.fileio`: in the results every cell that a spreadsheet would run as a
formula is neutralised (see :func:`neutralise`); the clean export is written as read.

    table = read_path("contacts.csv")
    for row in table.rows:
        print(row.line, row.address, row.problem)
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from bouncekit.errors import InputError
from bouncekit.fileio import CsvWriter, OutputFile, neutralise, read_file_limited, read_limited
from bouncekit.replies.model import Verdict
from bouncekit.verify.model import VerifyReason, VerifyResult

__all__ = [
    "RESULT_COLUMNS",
    "CsvOutput",
    "InputTable",
    "Row",
    "RowProblem",
    "neutralise",
    "read_path",
    "read_table",
    "result_cells",
    "sniff_delimiter",
    "sniff_encoding",
    "unreadable_result",
]

STDIN = "-"
DELIMITERS = ",;\t|"
RESULT_COLUMNS = (
    "verdict",
    "reason",
    "detail",
    "suggestion",
    "duplicate_of",
    "disposable",
    "role",
    "free",
    "mx",
    "smtp_reply",
)
_SAMPLE_LINES = 50  # lines looked at to sniff the delimiter, the header and the column
_SAMPLE_CHARS = 64 * 1024
# The most a list is read into memory; --max-input raises it. Two million rows of addresses
# with a few columns fit.
MAX_INPUT_TEXT = "64M"
MAX_INPUT = 64 << 20
# Text files hold no NUL and few other control characters; a binary file (a spreadsheet saved
# as .xlsx, an archive, a program) is full of them, and of bytes that do not decode.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\udc80-\udcff\ufffd]")
_NOT_TEXT_SHARE = 0.1
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Something that holds an address: "a@b.example", also "Ann <a@b.example>".
_ADDRESS = re.compile(r"[^\s@<>,;\"']+@[^\s@<>,;\"']+\.[^\s@<>,;\"']+")
# Header names of an address column, in the languages CRMs export in.
_ADDRESS_HEADER = re.compile(r"e[-_ .]?mail|courriel|correo|adresse|address", re.IGNORECASE)
# What a failed decode leaves: surrogateescape's lone surrogates, or replace's U+FFFD.
_UNDECODED = re.compile("[\udc80-\udcff\ufffd]")


class RowProblem(StrEnum):
    """Why a row could not be verified as it is."""

    CELLS = "cells"  # not as many cells as the header (or most rows) has
    BROKEN = "broken"  # not readable as CSV: a quote that never closes, a cell too long
    ENCODING = "encoding"  # bytes that the file's encoding cannot decode
    EMPTY = "empty"  # nothing in the address column


@dataclass(frozen=True, slots=True)
class Row:
    """One record of the input, with the line it starts on (1-based, counting the header)."""

    line: int
    cells: tuple[str, ...]  # as read; undecodable bytes shown as U+FFFD
    address: str  # the address column's cell, stripped; "" when there is none
    problem: RowProblem | None = None
    detail: str = ""  # a sentence naming the line and what is wrong, when there is a problem


@dataclass(frozen=True, slots=True)
class InputTable:
    """A whole input: how it was read, its header and its rows."""

    source: str  # the path, or "-" for standard input
    encoding: str
    delimiter: str
    header: tuple[str, ...] | None  # None when the first row is data
    column: int  # 0-based index of the address column
    width: int  # cells a row should have
    rows: tuple[Row, ...]

    @property
    def column_name(self) -> str:
        if self.header is not None and self.column < len(self.header):
            return self.header[self.column]
        return f"column {self.column + 1}"

    @property
    def bad_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.problem is not None)

    def output_header(self) -> tuple[str, ...]:
        """The input's header, or names for its columns when it has none."""
        if self.header is not None:
            return self.header
        if self.width == 1:
            return ("email",)
        return tuple(
            "email" if index == self.column else f"column_{index + 1}"
            for index in range(self.width)
        )

    def output_encoding(self) -> str:
        """UTF-8; with a BOM unless the input was plain UTF-8, so that Excel reads it right."""
        return "utf-8" if self.encoding == "utf-8" else "utf-8-sig"

    def output_delimiter(self) -> str:
        return self.delimiter


# --- reading -------------------------------------------------------------------------------


def sniff_encoding(data: bytes) -> str:
    """The encoding of a text file: from its BOM, else UTF-8 if it decodes, else cp1252/latin-1.

    A file that is UTF-8 but for a few damaged lines stays UTF-8 (those lines become bad
    rows); a file whose non-ASCII lines mostly fail as UTF-8 is a legacy Windows export.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        # UTF-16 without a BOM: ASCII text has a NUL in every other byte.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 4 * even:
            return "utf-16-le"
        if even > 4 * odd:
            return "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    good = bad = 0
    for line in data.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
        else:
            good += 1
    if good > bad:
        return "utf-8"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: latin-1 takes all
        return "latin-1"
    return "cp1252"


def _decode(data: bytes, encoding: str) -> str:
    errors = "surrogateescape" if encoding.startswith("utf-8") else "replace"
    text = data.decode(encoding, errors=errors)
    return text[1:] if text.startswith("\ufeff") else text  # utf-16-le/be keep the BOM


def sniff_delimiter(sample: str) -> str:
    """The delimiter of a CSV sample: ``csv.Sniffer``'s guess, else the most regular count."""
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter in DELIMITERS and delimiter and delimiter in sample:
        return delimiter
    lines = [line for line in sample.splitlines() if line.strip()][:_SAMPLE_LINES]
    best, best_score = ",", (0.0, 0)
    for candidate in DELIMITERS:
        counts = Counter(line.count(candidate) for line in lines)
        if not counts:
            continue
        count, lines_with_it = counts.most_common(1)[0]
        score = (lines_with_it / len(lines), count)
        if count and score > best_score:
            best, best_score = candidate, score
    return best


def _holds_address(cell: str) -> bool:
    return _ADDRESS.search(cell) is not None


def _is_header(first: Sequence[str], others: Sequence[Sequence[str]]) -> bool:
    """A first row without an @ above rows with addresses, or naming an address column. (A
    damaged address first in a headerless list still has its @, so it stays a row.)"""
    if any("@" in cell for cell in first):
        return False
    if any(_ADDRESS_HEADER.search(cell) for cell in first):
        return True
    return any(_holds_address(cell) for row in others for cell in row)


def _address_share(rows: Sequence[Sequence[str]], index: int) -> float:
    cells = [row[index] for row in rows if index < len(row) and row[index].strip()]
    if not cells:
        return 0.0
    return sum(_holds_address(cell) for cell in cells) / len(cells)


def _choose_column(
    column: str | None,
    header: tuple[str, ...] | None,
    sample: Sequence[Sequence[str]],
    width: int,
    source: str,
) -> int:
    if column is not None:
        return _named_column(column, header, width, source)
    if header is not None:
        named = [index for index, name in enumerate(header) if _ADDRESS_HEADER.search(name)]
        for index in named:  # "Email" over "Email opt-in": the one whose cells hold addresses
            if _address_share(sample, index) >= 0.5:
                return index
        if named and not sample:
            return named[0]
    for index in range(width):
        if _address_share(sample, index) >= 0.5:
            return index
    if width == 1:
        return 0
    columns = ", ".join(header) if header else f"{width} columns without a header"
    raise InputError(
        f"{source}: no column of addresses found ({columns}). Name the column of addresses "
        "with --column NAME (or its number, 1 for the first)."
    )


def _named_column(column: str, header: tuple[str, ...] | None, width: int, source: str) -> int:
    if header is not None:
        if column in header:
            return header.index(column)
        folded = [name.strip().casefold() for name in header]
        if column.strip().casefold() in folded:
            return folded.index(column.strip().casefold())
    if column.isdigit() and 1 <= int(column) <= width:
        return int(column) - 1
    if header is None:
        raise InputError(
            f"{source}: the first row is data, not a header, so there is no column named "
            f"{column!r}. Give the column's number instead (1 to {width})."
        )
    raise InputError(
        f"{source}: no column named {column!r}. The columns are: {', '.join(header)}. Give "
        "one of these names (or a number, 1 for the first) to --column."
    )


def _undecoded(cells: Iterable[str]) -> bool:
    return any(_UNDECODED.search(cell) for cell in cells)


def _clean(cell: str) -> str:
    """Lone surrogates from undecodable bytes become U+FFFD, which any encoder can write."""
    if not _UNDECODED.search(cell):
        return cell
    return cell.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")


def _row(
    line: int, cells: list[str], width: int, column: int, column_name: str, expected: str
) -> Row:
    address = cells[column].strip() if column < len(cells) else ""
    if _undecoded(cells):
        return Row(
            line, tuple(_clean(cell) for cell in cells), _clean(address), RowProblem.ENCODING,
            f"line {line}: bytes that do not decode in the file's encoding. Save the file as "
            "UTF-8 and verify it again.",
        )  # fmt: skip
    clean = tuple(cells)  # decoded whole: nothing to clean
    if len(cells) != width:
        return Row(
            line, clean, address, RowProblem.CELLS,
            f"line {line}: {len(cells)} cells where {expected} {width}. Check its quoting "
            "(a delimiter inside a cell needs double quotes around the cell).",
        )  # fmt: skip
    if not address:
        return Row(
            line, clean, address, RowProblem.EMPTY,
            f"line {line}: no address in the column {column_name!r}.",
        )  # fmt: skip
    return Row(line, clean, address)


def _refuse_binary(text: str, source: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    if "\0" in sample or len(_NOT_TEXT.findall(sample)) > _NOT_TEXT_SHARE * len(sample):
        raise InputError(
            f"{source}: not a text list: it holds bytes that no text file has (NUL, control "
            "characters), as a spreadsheet (.xlsx), an archive or a program does. Save the list "
            "as CSV, or as plain text with one address a line."
        )


@dataclass(frozen=True, slots=True)
class _Record:
    line: int  # 1-based, where the record starts
    cells: list[str]
    broken: str = ""  # why the record could not be read as CSV, when it could not


def _merged_rows(cells: Sequence[str]) -> bool:
    """Whether a record that spans lines swallowed rows: a cell that runs over a line break
    and holds an address is an unclosed quote taking in the next rows (or a quote closing
    on the next line), not a note written on two lines."""
    return any(_LINE_BREAK.search(cell) and _ADDRESS.search(cell) for cell in cells)


def _records(text: str, delimiter: str) -> Iterator[_Record]:
    """The CSV records of ``text`` with the line each starts on, never merging rows silently.

    A record that the csv module cannot read (a cell over its field limit, a NUL) or that
    swallowed the rows after it (a quote opened and never closed) is given as broken, with the
    cells of its first line alone, and reading starts again on the next line. Each restart
    begins after the previous one, and a broken record reads at most the field limit further,
    so the whole file is read in linear time whatever its quoting.
    """
    lines = io.StringIO(text, newline="").readlines()
    start = 0
    while start < len(lines):
        # Lines from ``start`` on, without skipping or copying the ones before it: a file
        # with many broken rows restarts many times.
        following = (lines[index] for index in range(start, len(lines)))
        reader = csv.reader(following, delimiter=delimiter)
        while True:
            first = start + reader.line_num  # index of the record's first line
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                detail = f"it cannot be read as CSV ({error})"
                if "field larger than field limit" in str(error):
                    detail = (
                        f"a cell longer than {csv.field_size_limit():,} characters, or a "
                        "double quote that opens a cell and never closes it"
                    )
                yield _broken(first, lines, delimiter, detail)
                start = first + 1
                break
            end = start + reader.line_num
            if end - first > 1 and _merged_rows(cells):
                yield _broken(
                    first,
                    lines,
                    delimiter,
                    f"a double quote opens a cell that runs on to line {end}, taking in the "
                    f"rows of lines {first + 2} to {end}; those lines are read on their own",
                )
                start = first + 1
                break
            yield _Record(first + 1, cells)


def _broken(index: int, lines: Sequence[str], delimiter: str, detail: str) -> _Record:
    line = lines[index].rstrip("\r\n")
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [line])
    except csv.Error:
        cells = [line]
    return _Record(index + 1, cells, detail)


def read_table(
    data: bytes, *, source: str = STDIN, column: str | None = None, one_per_line: bool = False
) -> InputTable:
    """Read an address list from bytes. ``one_per_line``: a plain list (a ``.txt`` file), in
    which blank lines and ``#`` comment lines are skipped.

    Raises :class:`InputError` when the input is not text, holds no rows, or when no column of
    addresses can be found (or ``column`` names none).
    """
    encoding = sniff_encoding(data)
    text = _decode(data, encoding)
    _refuse_binary(text, source)
    if one_per_line:
        rows = tuple(
            _row(number, [line], 1, 0, "address", "a plain list has")
            for number, line in enumerate(_LINE_BREAK.split(text), 1)
            if line.strip() and not line.lstrip().startswith("#")
        )
        if not rows:
            raise InputError(f"{source}: the file holds no addresses.")
        return InputTable(source, encoding, ",", None, 0, 1, rows)
    delimiter = sniff_delimiter(text[:_SAMPLE_CHARS])
    # A blank line holds no row.
    records = [
        record for record in _records(text, delimiter) if any(cell.strip() for cell in record.cells)
    ]
    if not records:
        raise InputError(f"{source}: the file holds no rows.")
    readable = [record for record in records if not record.broken]
    first = records[0].cells
    sample = [record.cells for record in readable[1 : _SAMPLE_LINES + 1]]
    header: tuple[str, ...] | None = None
    if not records[0].broken and _is_header(first, sample):
        header = tuple(cell.strip() for cell in first)
        records = records[1:]
        width, expected = len(header), "the header has"
    else:
        sample = [record.cells for record in readable[: _SAMPLE_LINES + 1]]
        counts = Counter(len(record.cells) for record in readable or records)
        width = counts.most_common(1)[0][0]
        expected = "most rows have"
    index = _choose_column(column, header, sample, width, source)
    name = header[index] if header else f"column {index + 1}"
    rows = tuple(
        _broken_row(record, index)
        if record.broken
        else _row(record.line, record.cells, width, index, name, expected)
        for record in records
    )
    return InputTable(source, encoding, delimiter, header, index, width, rows)


def _broken_row(record: _Record, column: int) -> Row:
    cells = tuple(_clean(cell) for cell in record.cells)
    address = cells[column].strip() if column < len(cells) else ""
    return Row(
        record.line, cells, address, RowProblem.BROKEN,
        f"line {record.line}: {record.broken}. Check the quoting of this line (a double quote "
        "that starts a cell must close it), then verify it again.",
    )  # fmt: skip


def read_path(
    path: str,
    *,
    column: str | None = None,
    stdin: BinaryIO | None = None,
    limit: int = MAX_INPUT,
) -> InputTable:
    """Read a ``.csv`` (or any delimited file), a ``.txt`` list, or ``-`` for standard input,
    at most ``limit`` bytes of it (more is an :class:`InputError` naming the limit)."""
    if path == STDIN:
        if stdin is None:
            raise InputError("-: no standard input to read.")
        return read_table(read_limited(stdin, limit, STDIN), source=STDIN, column=column)
    try:
        data = read_file_limited(path, limit)
    except InputError as error:
        if os.path.exists(path) or os.path.islink(path):
            raise
        raise InputError(
            f"{path}: no such file. Give a .csv or .txt file of addresses, or - for standard input."
        ) from error
    plain = path.lower().endswith(".txt")
    if plain and column is not None:
        raise InputError(f"{path}: a .txt file is one address a line; it has no --column.")
    return read_table(data, source=path, column=column, one_per_line=plain)


def unreadable_result(row: Row) -> VerifyResult:
    """The result of a row that could not be verified: invalid when it holds no address."""
    if row.problem is RowProblem.EMPTY:
        verdict, reason = Verdict.INVALID, VerifyReason.SYNTAX
    else:
        verdict, reason = Verdict.UNKNOWN, VerifyReason.NOT_CHECKED
    return VerifyResult(
        input=row.address, address="", verdict=verdict, reason=reason, detail=row.detail
    )


# --- writing -------------------------------------------------------------------------------


_BOOLEAN = {True: "true", False: "false"}


def result_cells(result: VerifyResult, *, transcript: bool = False) -> tuple[str, ...]:
    """The result columns of one row, in the order of :data:`RESULT_COLUMNS`: text as it is,
    ``None`` empty, booleans ``true`` / ``false``, the MX hosts separated by spaces. (Once per
    row of a list: built field by field, with no conversion by type.)"""
    cells = (
        result.verdict.value,
        result.reason.value,
        result.detail,
        result.suggestion or "",
        result.duplicate_of or "",
        _BOOLEAN[result.disposable],
        _BOOLEAN[result.role],
        _BOOLEAN[result.free],
        " ".join(result.mx),
        result.smtp_reply or "",
    )
    if transcript:
        return (*cells, "\n".join(result.transcript))
    return cells


def result_header(input_header: Sequence[str], *, transcript: bool = False) -> tuple[str, ...]:
    """The result columns' names, prefixed with ``verify_`` where the input has the name."""
    taken = {name.casefold() for name in input_header}
    names = (*RESULT_COLUMNS, "transcript") if transcript else RESULT_COLUMNS
    return tuple(f"verify_{name}" if name.casefold() in taken else name for name in names)


def fit(cells: Sequence[str], width: int, delimiter: str) -> tuple[str, ...]:
    """A row made ``width`` cells wide so result columns line up: short rows padded, the
    surplus cells of long rows joined into the last one (nothing is lost)."""
    if len(cells) == width:  # the usual row
        return tuple(cells)
    if len(cells) < width:
        return (*cells, *([""] * (width - len(cells))))
    return (*cells[: width - 1], delimiter.join(cells[width - 1 :]))


class CsvOutput:
    """A CSV export of a verify run: :class:`~bouncekit.fileio.CsvWriter` on an
    :class:`~bouncekit.fileio.OutputFile`, so that an interrupted run never leaves half a file
    behind and a device or FIFO named as the output is written, not replaced.

    ``formula_guard``: neutralise formula cells (the results, for spreadsheets); off for the
    clean export, which is data for the next send and is written exactly as read."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        encoding: str,
        delimiter: str,
        formula_guard: bool = True,
    ) -> None:
        self.path = Path(path)
        self._file = OutputFile(path, encoding=encoding)
        self._writer = CsvWriter(
            self._file.stream, delimiter=delimiter, formula_guard=formula_guard
        )

    @property
    def rows(self) -> int:
        return self._writer.rows

    def header(self, cells: Iterable[str]) -> None:
        self._writer.header(cells)

    def write(self, cells: Iterable[str]) -> None:
        self._writer.write(cells)

    def commit(self) -> None:
        self._file.commit()

    def discard(self) -> None:
        self._file.discard()
