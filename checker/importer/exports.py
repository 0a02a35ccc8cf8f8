"""Reading a case-management system's export: a CSV file or an Excel workbook, as rows of cells.

Rows are numbered as a spreadsheet shows them (the header is row 1), so an officer can find a
rejected row in the file they exported. A file that cannot be read at all is an ExportError
naming the file, the line and the fix; a row that does not fit its header is left to the import
to report. Every read is bounded before it is made: the file's size, a CSV row's length, the
cells in a row (MAX_COLUMNS) and the rows in a file (MAX_ROWS), and a worksheet's stated extent
(one stray cell far from the data would otherwise make a million empty rows of sixteen thousand
cells). A row keeps only the columns the mapping reads: the others, personal data among them, are
never copied.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from checker import ExtraMissing

MAX_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 1_000  # cells in any row, the header's included
MAX_ROWS = 100_000  # rows below the header (blank ones too): a year of the largest council's
MAX_ROW_CHARACTERS = 4 * 1024 * 1024  # one CSV row's text, however many lines it spans


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
) -> tuple[list[str], Iterator[Record]]:
    """The header of a .csv or .xlsx export, and its records below the header (each within the
    bounds; `rows` makes them Rows)."""
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
    records = _bounded(path, records)
    header_cells = next(records, None)
    if header_cells is None:
        raise ExportError(f"{path}: the file is empty; export the report again")
    header = _header(path, header_cells)
    return header, records


def rows(header: list[str], records: Iterator[Record], columns: Collection[str]) -> Iterator[Row]:
    """The data rows below the header (blank ones left out), each holding only `columns`."""
    wanted = [(index, name) for index, name in enumerate(header) if name in columns]
    for number, cells in enumerate(records, start=2):
        width = _width(cells)
        if not width:
            continue
        values = {name: _clean(cells[i]) if i < len(cells) else "" for i, name in wanted}
        yield Row(number, values, width)


def _bounded(path: Path, records: Iterator[Record]) -> Iterator[Record]:
    """The records, refused with their row number once a row or the file is out of bounds."""
    for number, cells in enumerate(records, start=1):
        if number > MAX_ROWS + 1:
            raise ExportError(
                f"{path}: more than {MAX_ROWS:,} rows below the header (row {number:,} and on); "
                "export a year at a time, and delete any empty rows below the data"
            )
        if len(cells) > MAX_COLUMNS:
            raise ExportError(
                f"{path}: row {number:,} has {len(cells):,} cells, more than the "
                f"{MAX_COLUMNS:,} columns an export may have (a run of empty columns, or a "
                "stray cell far to the right); delete the columns beyond the data and export again"
            )
        yield cells


def _header(path: Path, cells: Record) -> list[str]:
    header = [str(c).strip() if c is not None else "" for c in cells[: _width(cells)]]
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


def _width(cells: Record) -> int:
    """How many cells the row has, leaving out blank ones at its end (0 for a blank row)."""
    for index in range(len(cells) - 1, -1, -1):
        if not _blank(cells[index]):
            return index + 1
    return 0


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
    lines = _Lines(path, text)
    reader = csv.reader(lines, strict=True)
    try:
        for record in reader:
            lines.pending = 0
            yield record
    except csv.Error as error:
        raise ExportError(
            f"{path}: line {reader.line_num}: the CSV cannot be read ({error}); "
            "check the quotes on that line, or export the report again"
        ) from None


class _Lines:
    """A CSV text's lines, one at a time, refusing a row (however many lines its quotes join)
    longer than MAX_ROW_CHARACTERS before the CSV reader holds it all."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.source = io.StringIO(text, newline="")
        self.number = 0  # the line last read
        self.pending = 0  # characters read since the last whole row

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.source.readline(MAX_ROW_CHARACTERS + 1)  # never more than the bound
        if not line:
            raise StopIteration
        self.number += 1
        self.pending += len(line)
        if self.pending > MAX_ROW_CHARACTERS:
            raise ExportError(
                f"{self.path}: line {self.number:,}: a row of the CSV runs past "
                f"{MAX_ROW_CHARACTERS // 1048576} MiB (an unclosed quote, or a run of commas); "
                "check that line, or export the report again"
            )
        return line


def _xlsx(path: Path, sheet: str | None) -> Iterator[Record]:
    try:  # only an Excel import pays for loading openpyxl
        from openpyxl import load_workbook
        from openpyxl.utils import get_column_letter
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise ExtraMissing("import", "openpyxl", "Reading an Excel export") from None

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
        last_row, last_column = worksheet.max_row or 0, worksheet.max_column or 0
        if last_row > MAX_ROWS + 1 or last_column > MAX_COLUMNS:
            raise ExportError(
                f"{path}: the sheet '{worksheet.title}' reaches cell "
                f"{get_column_letter(min(last_column, 18278))}{last_row} ({last_row:,} rows, "
                f"{last_column:,} columns): more than the {MAX_ROWS:,} rows and {MAX_COLUMNS:,} "
                "columns an export may have. A stray cell far from the data does this (Ctrl+End "
                "in Excel goes to it): delete the rows and columns beyond the data, save, and "
                "import again"
            )
        # Each row as long as its own last cell: a sheet's stated extent may be wrong, and is
        # not needed once it is known to be within bounds (the rows are counted as they come).
        worksheet.reset_dimensions()
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
