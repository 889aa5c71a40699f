"""Exports of the registry for the legal team and the contract tools they use: the deadlines as
an iCalendar feed, the contract register and the open findings as CSV or XLSX.

In: the registry's URL and a language (``"fr"`` by default, or ``"en"``). Out: text or files.
``icalendar`` and ``openpyxl`` are imported only when a calendar or a workbook is written.

>>> from hdswatch.exports import export_calendar, export_csv, export_xlsx
>>> export_calendar("sqlite:///var/registry.db")                       # doctest: +SKIP
'BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\n…'
>>> export_xlsx("sqlite:///var/registry.db", Path("registre.xlsx"))   # doctest: +SKIP
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hdswatch.exports.files import csv_text, write_xlsx
from hdswatch.exports.ics import calendar_feed
from hdswatch.exports.tables import Table, contracts_table, findings_table
from hdswatch.registry.db import session_scope

__all__ = [
    "Table",
    "calendar_feed",
    "contracts_table",
    "export_calendar",
    "export_csv",
    "export_xlsx",
    "findings_table",
]


def export_calendar(
    db_url: str, *, lang: str = "fr", base_url: str | None = None, now: datetime | None = None
) -> str:
    with session_scope(db_url) as session:
        return calendar_feed(session, lang=lang, base_url=base_url, now=now)


def export_csv(db_url: str, what: str, *, lang: str = "fr", base_url: str | None = None) -> str:
    """``what`` is ``"contracts"`` (the register) or ``"findings"`` (the open findings)."""
    build = {"contracts": contracts_table, "findings": findings_table}[what]
    with session_scope(db_url) as session:
        return csv_text(build(session, lang=lang, base_url=base_url), lang=lang)


def export_xlsx(db_url: str, path: Path, *, lang: str = "fr", base_url: str | None = None) -> Path:
    """One workbook: the register, then the open findings."""
    with session_scope(db_url) as session:
        tables = [
            contracts_table(session, lang=lang, base_url=base_url),
            findings_table(session, lang=lang, base_url=base_url),
        ]
    return write_xlsx(tables, path)
