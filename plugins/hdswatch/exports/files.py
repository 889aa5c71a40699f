"""Write export tables as CSV (standard library) or XLSX (openpyxl, imported here only).

CSV is what a spreadsheet opens without asking: UTF-8 with a byte-order mark, ``;`` between
columns in French (the list separator of French spreadsheets) and ``,`` in English, dates as
ISO ``YYYY-MM-DD``. XLSX has one sheet per table, a bold frozen header row, filters, real date
cells and readable column widths.

>>> table = Table("Contrats", ("id", "end"), ["N°", "Fin"], [[1, date(2027, 3, 31)]])
>>> csv_text(table, lang="fr")
'\\ufeffN°;Fin\\r\\n1;2027-03-31\\r\\n'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from hdswatch.exports.tables import Table

__all__ = ["csv_text", "write_csv", "write_xlsx"]

_DELIMITER = {"fr": ";", "en": ","}
_WIDEST = 60


def csv_text(table: Table, *, lang: str = "fr") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=_DELIMITER[lang], lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([_plain(value) for value in row] for row in table.rows)
    return "\ufeff" + out.getvalue()


def write_csv(table: Table, path: Path, *, lang: str = "fr") -> Path:
    path.write_text(csv_text(table, lang=lang), "utf-8", newline="")
    return path


def write_xlsx(tables: Sequence[Table], path: Path) -> Path:
    """One sheet per table, in order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append(row)
        header = PatternFill("solid", fgColor="1D4F91")
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = header
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for column, title in enumerate(table.columns, start=1):
            values = [row[column - 1] for row in table.rows]
            if any(isinstance(v, date) for v in values):
                for cell in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                    cell[0].number_format = "yyyy-mm-dd"
            width = max([len(title), *(len(_plain(v)) for v in values)], default=8)
            sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, _WIDEST)
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
    return path


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
