"""Reading a case-management system's export: a CSV file or an Excel workbook, as rows of cells.

Rows are numbered as a spreadsheet shows them (the header is row 1), so an officer can find a
rejected row in the file they exported. A file that cannot be read at all is an ExportError
naming the file, the line and the fix; a row that does not fit its header is left to the import
to report.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024


class ExportError(Exception):
    """The export cannot be read (a usage error: exit 2)."""


# One line of an export as read: a CSV line's texts, or a worksheet row's values.
Record = Sequence[object]
# A cell as the import reads it: text, or the date or time (a datetime) an Excel cell holds.
Cell = str | date


@dataclass(frozen=True)
class Row:
    """One data row: its spreadsheet row number and its cells by column name."""

    number: int
    cells: dict[str, Cell]
    width: int  # how many cells the row had (to spot a row that does not fit its header)


def read(
    path: Path, encoding: str = "utf-8-sig", sheet: str | None = None
) -> tuple[list[str], Iterator[Row]]:
    """The header and the rows of a .csv or .xlsx export."""
    if not path.is_file():
        raise ExportError(f"{path}: no such file; give the path of the exported .csv or .xlsx file")
    if path.stat().st_size > MAX_BYTES:
        raise ExportError(f"{path}: over {MAX_BYTES // 1048576} MiB; export a year at a time")
    suffix = path.suffix.lower()
    records: Iterator[Record]
    if suffix == ".csv":
        records = _csv(path, encoding)
    elif suffix in (".xlsx", ".xlsm"):
        records = _xlsx(path, sheet)
    else:
        raise ExportError(
            f"{path}: expected a .csv or .xlsx file; save the export in one of those formats"
        )
    header_cells = next(records, None)
    if header_cells is None:
        raise ExportError(f"{path}: the file is empty; export the report again")
    header = _header(path, header_cells)
    return header, _rows(header, records)


def _header(path: Path, cells: Record) -> list[str]:
    while cells and _blank(cells[-1]):
        cells = cells[:-1]
    header = [str(c).strip() if c is not None else "" for c in cells]
    for index, name in enumerate(header):
        if not name:
            raise ExportError(
                f"{path}: row 1, column {index + 1} has no name; "
                "every column of the export needs a header"
            )
        if header.index(name) != index:
            raise ExportError(
                f"{path}: row 1: the column '{name}' appears twice "
                f"(columns {header.index(name) + 1} and {index + 1}); "
                "rename one in the report and export again"
            )
    return header


def _rows(header: list[str], records: Iterator[Record]) -> Iterator[Row]:
    for number, cells in enumerate(records, start=2):
        while len(cells) > len(header) and _blank(cells[-1]):
            cells = cells[:-1]
        if all(_blank(c) for c in cells):
            continue
        values = {name: _clean(cells[i]) if i < len(cells) else "" for i, name in enumerate(header)}
        yield Row(number, values, len(cells))


def _csv(path: Path, encoding: str) -> Iterator[Record]:
    raw = path.read_bytes()
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ExportError(
            f"{path}: line {line} is not valid {encoding} text; save the export as UTF-8, "
            "or name its encoding in the mapping (encoding: cp1252 for older Windows exports)"
        ) from None
    except LookupError:
        raise ExportError(
            f"{path}: the mapping's encoding '{encoding}' is not one Python knows; "
            "use utf-8-sig or cp1252"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ExportError(
            f"{path}: line {line} holds a NUL byte: this is not a CSV text file; "
            "export it again as CSV"
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        yield from reader
    except csv.Error as error:
        raise ExportError(
            f"{path}: line {reader.line_num}: the CSV cannot be read ({error}); "
            "check the quotes on that line, or export the report again"
        ) from None


def _xlsx(path: Path, sheet: str | None) -> Iterator[Record]:
    from openpyxl import load_workbook  # only an Excel import pays for loading openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ExportError(
            f"{path}: not a readable Excel workbook ({error}); "
            "save it again as .xlsx, or export CSV"
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ExportError(
                f"{path}: there is no sheet '{sheet}' (sheets: {', '.join(workbook.sheetnames)}); "
                "correct sheet: in the mapping"
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for cells in worksheet.iter_rows(values_only=True):
            yield list(cells)
    finally:
        workbook.close()


def _clean(value: object) -> Cell:
    """A cell as text, or as the date or time an Excel cell holds."""
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
