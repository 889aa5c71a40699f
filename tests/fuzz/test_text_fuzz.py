"""Fuzzing the text-to-values code on generated French and English contract text: dates,
durations, numbers, countries and the whole value extraction never raise and return the types
the report needs."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from extractors.countries import find_countries, find_country_spans, is_eea
from extractors.dates import find_dates, find_durations, parse_date, parse_number
from extractors.types import Duration, Values
from extractors.values import extract_values
from tests.extractors.textlines import parts
from tests.fuzz.conftest import examples
from tests.fuzz.mutations import contract_text

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ORDERS = st.sampled_from(["DMY", "MDY"])


@examples(300)
@given(text=contract_text(), order=ORDERS)
def test_dates_in_any_text(text: str, order: str) -> None:
    for found, (start, end) in find_dates(text, order):
        assert isinstance(found, date)
        assert 0 <= start < end <= len(text)
    parsed = parse_date(text, order)
    assert parsed is None or isinstance(parsed, date)


@examples(300)
@given(text=contract_text())
def test_durations_and_numbers_in_any_text(text: str) -> None:
    for duration in find_durations(text):
        assert isinstance(duration, Duration)
        assert isinstance(duration.amount, int) and duration.amount >= 0
        assert duration.unit in ("days", "months", "years")
        assert isinstance(duration.days, int)
    number = parse_number(text[:40])
    assert number is None or isinstance(number, int)


@examples(300)
@given(text=contract_text())
def test_countries_in_any_text(text: str) -> None:
    codes = find_countries(text)
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    assert len(codes) == len(set(codes))
    for code, at in find_country_spans(text):
        assert 0 <= at <= len(text) and isinstance(is_eea(code), bool)


@examples(150)
@given(
    pages=st.lists(
        st.lists(contract_text(max_words=25).map(lambda t: t.replace("\n", " ")), max_size=12),
        min_size=1,
        max_size=3,
    )
)
def test_value_extraction_on_any_lines(pages: list[list[str]]) -> None:
    values = extract_values(parts(*pages))
    assert isinstance(values, Values)
    for name in (
        "signature_date",
        "effective_date",
        "end_date",
        "hds_certificate_expiry",
    ):
        value = getattr(values, name)
        assert value is None or ISO.match(value), (name, value)
        if value is not None:
            date.fromisoformat(value)
    for name in ("initial_term", "renewal_term", "notice_period"):
        duration = getattr(values, name)
        assert duration is None or isinstance(duration, Duration)
    assert values.tacit_renewal in (None, True, False)
    assert values.non_eea_access in (None, True, False)
    hours = values.breach_notification_hours
    assert hours is None or (isinstance(hours, int) and hours >= 0)
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in values.storage_countries)
