from __future__ import annotations

from datetime import date

import pytest

from expectations.deadlines import current_term, dated_alert, notice_deadline, window

AS_OF = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date(2026, 11, 28), None),  # yesterday: past
        (date(2026, 11, 29), 7),  # today
        (date(2026, 12, 6), 7),  # day 7
        (date(2026, 12, 7), 30),  # day 8
        (date(2026, 12, 29), 30),  # day 30
        (date(2026, 12, 30), 90),  # day 31
        (date(2027, 2, 27), 90),  # day 90
        (date(2027, 2, 28), 180),  # day 91
        (date(2027, 5, 28), 180),  # day 180
        (date(2027, 5, 29), None),  # day 181
    ],
)
def test_window_boundaries(when: date, expected: int | None) -> None:
    assert window(AS_OF, when) == expected


@pytest.mark.parametrize(
    ("end", "amount", "unit", "expected"),
    [
        (date(2026, 12, 31), 3, "months", date(2026, 9, 30)),
        (date(2027, 3, 31), 90, "days", date(2026, 12, 31)),
        (date(2027, 3, 31), 1, "months", date(2027, 2, 28)),  # month end, common year
        (date(2028, 3, 31), 1, "months", date(2028, 2, 29)),  # month end, leap year
        (date(2028, 2, 29), 1, "years", date(2027, 2, 28)),  # 29 February minus a year
    ],
)
def test_notice_deadline_counts_as_the_contract_does(
    end: date, amount: int, unit: str, expected: date
) -> None:
    assert notice_deadline(end, amount, unit) == expected


def test_current_term_rolls_tacit_renewals_forward() -> None:
    term = current_term(date(2025, 3, 31), AS_OF, tacit=True, renewal_months=12)
    assert (term.end, term.renewals) == (date(2027, 3, 31), 2)


def test_current_term_without_tacit_renewal_stays() -> None:
    assert current_term(date(2025, 3, 31), AS_OF, tacit=False, renewal_months=12).end == date(
        2025, 3, 31
    )


def test_current_term_ending_today_is_not_rolled() -> None:
    assert current_term(AS_OF, AS_OF, tacit=True, renewal_months=12).renewals == 0


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date(2026, 11, 28), "expired:hds_certificate"),
        (date(2026, 12, 19), "expiring_30d:hds_certificate"),
        (date(2027, 12, 1), None),
    ],
)
def test_dated_alert(when: date, expected: str | None) -> None:
    assert dated_alert("expiring", "hds_certificate", AS_OF, when) == expected
