"""Reading address lists as spreadsheets export them, and writing results safely."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from bouncekit.errors import InputError
from bouncekit.replies.model import Verdict
from bouncekit.verify.csvio import (
    CsvOutput,
    Row,
    RowProblem,
    fit,
    neutralise,
    read_path,
    read_table,
    result_cells,
    result_header,
    sniff_delimiter,
    sniff_encoding,
    unreadable_result,
)
from bouncekit.verify.model import VerifyReason, VerifyResult

CONTACTS = "Name,Email,City\nJosé Müller,jose@example.com,Köln\nZoë,zoe@example.org,Zürich\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CONTACTS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CONTACTS.encode("utf-8"), "utf-8-sig"),
        (CONTACTS.encode("utf-16"), "utf-16"),  # with its BOM
        (CONTACTS.encode("utf-16-le"), "utf-16-le"),  # no BOM: NUL in every other byte
        ((CONTACTS + "Ève,eve@example.net,€\n").encode("cp1252"), "cp1252"),
        (CONTACTS.encode("latin-1") + b"X,x@example.com,\x81\n", "latin-1"),  # not cp1252
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "cp1252", "latin-1"],
)
def test_encodings_are_sniffed_and_the_text_read_right(data: bytes, encoding: str) -> None:
    assert sniff_encoding(data) == encoding
    table = read_table(data)
    assert table.encoding == encoding
    assert table.header == ("Name", "Email", "City")
    assert table.rows[0].cells == ("José Müller", "jose@example.com", "Köln")
    assert [row.address for row in table.rows[:2]] == ["jose@example.com", "zoe@example.org"]
    assert not table.bad_rows


def test_a_utf8_file_with_one_damaged_line_keeps_the_line_as_a_bad_row() -> None:
    data = CONTACTS.encode("utf-8") + "Renée,renee@example.com,Genève\n".encode("latin-1")
    table = read_table(data)
    assert table.encoding == "utf-8"
    assert len(table.rows) == 3
    (bad,) = table.bad_rows
    assert bad.line == 4
    assert bad.problem is RowProblem.ENCODING
    assert bad.cells == ("Ren\ufffde", "renee@example.com", "Gen\ufffdve")
    assert "line 4" in bad.detail
    assert "UTF-8" in bad.detail


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed_with_quoted_cells(delimiter: str) -> None:
    lines = [
        ["Name", "Email", "Notes"],
        ["Doe, Jane; Ms|Dr", "jane@example.com", 'said: "hi"\tthere'],
        ["Roe", "roe@example.com", ""],
        ["Poe", "poe@example.org", "x"],
    ]
    text = "\r\n".join(
        delimiter.join('"' + cell.replace('"', '""') + '"' for cell in line) for line in lines
    )
    assert sniff_delimiter(text) == delimiter
    table = read_table(text.encode())
    assert table.delimiter == delimiter
    assert table.rows[0].cells == tuple(lines[1])
    assert [row.address for row in table.rows] == [
        "jane@example.com",
        "roe@example.com",
        "poe@example.org",
    ]


def test_delimiter_fallback_counts_when_the_sniffer_gives_up() -> None:
    assert sniff_delimiter("email\na@example.com\nb@example.com\n") == ","
    assert sniff_delimiter("a;b;c\n1;2;3\n4;5;6\n") == ";"


def test_a_damaged_first_address_is_not_taken_for_a_header() -> None:
    table = read_table(b"ann@@example\nbob@example.com\ncy@example.com\n")
    assert table.header is None
    assert table.rows[0].address == "ann@@example"


def test_a_file_without_header_finds_the_column_holding_addresses() -> None:
    table = read_table(b"Ann;12;ann@example.com\nBob;7;bob@example.com\n")
    assert table.header is None
    assert table.column == 2
    assert [row.line for row in table.rows] == [1, 2]
    assert table.output_header() == ("column_1", "column_2", "email")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("name,E-mail Address,phone", 1),
        ("name,courriel,phone", 1),
        ("Email opt-in,Work email,phone", 1),  # the named column whose cells hold addresses
        ("name,contact,phone", 1),  # no name says it: the column whose cells hold addresses
    ],
)
def test_the_address_column_is_found_by_its_name_or_its_cells(header: str, expected: int) -> None:
    body = "yes,ann@example.com,555\nno,bob@example.com,556\n"
    table = read_table(f"{header}\n{body}".encode())
    assert table.header == tuple(header.split(","))
    assert table.column == expected


@pytest.mark.parametrize(("column", "expected"), [("Mail", 1), ("mail", 1), ("3", 2)])
def test_column_is_chosen_by_name_ignoring_case_or_by_number(column: str, expected: int) -> None:
    data = b"Name,Mail,Other\nAnn,ann@example.com,old@example.com\n"
    assert read_table(data, column=column).column == expected


def test_an_unknown_column_name_lists_the_columns() -> None:
    with pytest.raises(InputError, match=r"no column named 'mail'.*Name, Email"):
        read_table(b"Name,Email\nAnn,ann@example.com\n", column="mail", source="x.csv")


def test_a_file_without_addresses_asks_for_the_column() -> None:
    with pytest.raises(InputError, match="--column"):
        read_table(b"a,b\n1,2\n3,4\n")


def test_bad_rows_are_kept_with_their_line_numbers() -> None:
    data = (
        b"name,email,note\n"
        b'"Ann","ann@example.com","two\nlines"\n'  # lines 2-3: one record
        b"Bob,bob@example.com\n"  # line 4: a cell short
        b"Cy,cy@example.com,a,b\n"  # line 5: a cell too many
        b"\n"  # line 6: blank, no row
        b"Dee,,x\n"  # line 7: no address
        b"Eve,eve@example.com,ok\n"
    )
    table = read_table(data)
    assert [(row.line, row.problem) for row in table.rows] == [
        (2, None),
        (4, RowProblem.CELLS),
        (5, RowProblem.CELLS),
        (7, RowProblem.EMPTY),
        (8, None),
    ]
    assert table.rows[1].detail.startswith("line 4: 2 cells where the header has 3.")
    assert table.rows[3].detail == "line 7: no address in the column 'email'."


def test_a_txt_file_is_one_address_a_line(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(b"ann@example.com\r\n\r\n  bob@example.com  \r\nnot, an address\r\n")
    table = read_path(str(path))
    assert [(row.line, row.address) for row in table.rows] == [
        (1, "ann@example.com"),
        (3, "bob@example.com"),
        (4, "not, an address"),  # a .txt line is not split at commas
    ]
    assert table.output_header() == ("email",)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(str(tmp_path / "nope.csv"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("ann@example.com", "ann@example.com"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_csv_output_neutralises_and_appears_only_on_commit(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    output = CsvOutput(path, encoding="utf-8", delimiter=";")
    output.header(["email", "note"])
    output.write(["ann@example.com", "=cmd|' /C calc'!A0"])
    assert not path.exists()
    output.commit()
    with path.open(newline="", encoding="utf-8") as stream:
        assert list(csv.reader(stream, delimiter=";")) == [
            ["email", "note"],
            ["ann@example.com", "'=cmd|' /C calc'!A0"],
        ]
    discarded = CsvOutput(tmp_path / "gone.csv", encoding="utf-8", delimiter=",")
    discarded.discard()
    assert list(tmp_path.iterdir()) == [path]


def test_rows_are_fitted_to_the_header_without_losing_cells() -> None:
    assert fit(("a",), 3, ",") == ("a", "", "")
    assert fit(("a", "b", "c", "d"), 3, ",") == ("a", "b", "c,d")


def test_result_columns_and_names_that_clash_with_the_input() -> None:
    result = VerifyResult(
        input="ann@example.com",
        address="ann@example.com",
        verdict=Verdict.RISKY,
        reason=VerifyReason.CATCH_ALL,
        detail="Accepts everything.",
        free=True,
        mx=("mx1.example.com", "mx2.example.com"),
        smtp_reply="250 2.1.5 OK",
        transcript=("C: RCPT TO:<ann@example.com>", "S: 250 2.1.5 OK"),
    )
    assert result_cells(result) == (
        "risky",
        "catch_all",
        "Accepts everything.",
        "",
        "",
        "false",
        "false",
        "true",
        "mx1.example.com mx2.example.com",
        "250 2.1.5 OK",
    )
    assert result_cells(result, transcript=True)[-1].splitlines() == list(result.transcript)
    assert result_header(["Email", "Verdict"])[:2] == ("verify_verdict", "reason")


@pytest.mark.parametrize(
    ("problem", "verdict", "reason"),
    [
        (RowProblem.EMPTY, Verdict.INVALID, VerifyReason.SYNTAX),
        (RowProblem.CELLS, Verdict.UNKNOWN, VerifyReason.NOT_CHECKED),
        (RowProblem.ENCODING, Verdict.UNKNOWN, VerifyReason.NOT_CHECKED),
    ],
)
def test_bad_rows_get_a_result_with_their_reason(
    problem: RowProblem, verdict: Verdict, reason: VerifyReason
) -> None:
    result = unreadable_result(Row(9, ("x",), "x", problem, "line 9: what is wrong."))
    assert (result.verdict, result.reason, result.detail) == (
        verdict,
        reason,
        "line 9: what is wrong.",
    )
