"""Deadlines: the boundaries of every lead window (the day before, the day of, the day after), for
the certificate, the contract and the notice deadline, on ordinary days, leap years and month ends;
the notice counted as the contract counts it; tacit renewals rolled forward; the default notice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from expectations import Evaluation, Policies, Policy, Subject, evaluate_many
from expectations.deadlines import current_term, dated_alert, notice_deadline, schedule, window
from tests.expectations.builders import days, extraction, months, values

DAY = timedelta(days=1)
#: An ordinary day, a leap day, the eve of a leap day, and a month end before a short month.
REFERENCE_DATES = (date(2026, 11, 29), date(2028, 2, 29), date(2028, 2, 28), date(2027, 1, 31))
#: (days ahead, window expected): each window's day before, day of and day after.
BOUNDARIES = (
    (-1, None),
    (0, 7),
    (6, 7),
    (7, 7),
    (8, 30),
    (29, 30),
    (30, 30),
    (31, 90),
    (89, 90),
    (90, 90),
    (91, 180),
    (179, 180),
    (180, 180),
    (181, None),
)


@pytest.mark.parametrize("as_of", REFERENCE_DATES)
@pytest.mark.parametrize(("ahead", "expected"), BOUNDARIES)
def test_window_boundaries(as_of: date, ahead: int, expected: int | None) -> None:
    assert window(as_of, as_of + ahead * DAY) == expected


@pytest.mark.parametrize(
    ("windows", "ahead", "expected"),
    [((30, 90), 5, 30), ((30, 90), 91, None), ((7,), 7, 7), ((7,), 8, None)],
)
def test_window_with_fewer_windows(
    windows: tuple[int, ...], ahead: int, expected: int | None
) -> None:
    as_of = date(2026, 11, 29)
    assert window(as_of, as_of + ahead * DAY, windows) == expected


@pytest.mark.parametrize(
    ("end", "amount", "unit", "expected"),
    [
        (date(2026, 12, 31), 3, "months", date(2026, 9, 30)),
        (date(2027, 3, 31), 90, "days", date(2026, 12, 31)),
        (date(2027, 3, 31), 1, "months", date(2027, 2, 28)),  # month end, common year
        (date(2028, 3, 31), 1, "months", date(2028, 2, 29)),  # month end, leap year
        (date(2028, 5, 31), 3, "months", date(2028, 2, 29)),
        (date(2028, 2, 29), 1, "years", date(2027, 2, 28)),  # 29 February minus a year
        (date(2028, 3, 1), 1, "days", date(2028, 2, 29)),
        (date(2027, 3, 1), 1, "days", date(2027, 2, 28)),
        (date(2026, 6, 30), 3, "months", date(2026, 3, 30)),  # same day number, not month end
    ],
)
def test_notice_deadline_counts_as_the_contract_does(
    end: date, amount: int, unit: str, expected: date
) -> None:
    assert notice_deadline(end, amount, unit) == expected


@pytest.mark.parametrize(
    ("end", "as_of", "renewal", "expected_end", "renewals"),
    [
        (date(2025, 3, 31), date(2026, 11, 29), 12, date(2027, 3, 31), 2),
        (date(2026, 11, 29), date(2026, 11, 29), 12, date(2026, 11, 29), 0),  # ends today
        (date(2026, 11, 28), date(2026, 11, 29), 12, date(2027, 11, 28), 1),  # ended yesterday
        (date(2027, 2, 28), date(2027, 3, 1), 12, date(2028, 2, 29), 1),  # into a leap year
        (date(2028, 2, 29), date(2028, 3, 1), 12, date(2029, 2, 28), 1),  # out of it
        (date(2026, 1, 31), date(2026, 3, 15), 1, date(2026, 3, 31), 2),  # monthly, no drift
        (date(2024, 2, 29), date(2026, 11, 29), 24, date(2028, 2, 29), 2),
    ],
)
def test_current_term_rolls_tacit_renewals_forward(
    end: date, as_of: date, renewal: int, expected_end: date, renewals: int
) -> None:
    term = current_term(end, as_of, tacit=True, renewal_months=renewal)
    assert (term.end, term.renewals) == (expected_end, renewals)


@pytest.mark.parametrize("tacit", [False, None])
def test_current_term_without_tacit_renewal_stays(tacit: bool | None) -> None:
    term = current_term(date(2025, 3, 31), date(2026, 11, 29), tacit=tacit, renewal_months=12)
    assert (term.end, term.renewals) == (date(2025, 3, 31), 0)


@pytest.mark.parametrize(
    ("ahead", "expected"),
    [(-1, "expired:hds_certificate"), (20, "expiring_30d:hds_certificate"), (181, None)],
)
def test_dated_alert(ahead: int, expected: str | None) -> None:
    as_of = date(2026, 11, 29)
    assert dated_alert("expiring", "hds_certificate", as_of, as_of + ahead * DAY) == expected


def test_default_notice_is_assumed_and_flagged() -> None:
    as_of = date(2026, 11, 29)
    v = values(tacit_renewal=True, renewal_term=months(12), end_date="2027-03-19")
    plan = schedule(v, as_of, default_notice_days=90)
    assert (plan.notice_deadline, plan.notice_assumed_days) == (date(2026, 12, 19), 90)
    assert [(d.code, d.assumed) for d in plan.deadlines] == [("notice_deadline_within_30d", True)]
    stated = schedule(
        values(**{**v.__dict__, "notice_period": months(1)}), as_of, default_notice_days=90
    )
    assert (stated.notice_deadline, stated.notice_assumed) == (date(2027, 2, 19), False)


# --- the same boundaries, through the suites and the report's alert codes -------------------------

SUBJECTS = ("hds_certificate", "contract", "notice")


def _document(subject: str, as_of: date, ahead: int) -> object:
    due = as_of + ahead * DAY
    name = f"{subject}-{as_of}-{ahead}.pdf"
    far = (as_of + 400 * DAY).isoformat()
    if subject == "hds_certificate":
        return extraction(name, hds_certificate_expiry=due.isoformat(), end_date=far)
    if subject == "contract":
        return extraction(name, hds_certificate_expiry=far, end_date=due.isoformat())
    return extraction(
        name,
        hds_certificate_expiry=far,
        end_date=(due + 30 * DAY).isoformat(),
        tacit_renewal=True,
        renewal_term=months(12),
        notice_period=days(30),
    )


def _expected(subject: str, ahead: int, size: int | None) -> list[str]:
    if subject == "notice":
        if ahead < 0:
            return ["notice_deadline_passed"]
        return [f"notice_deadline_within_{size}d"] if size else []
    if ahead < 0:
        return [f"expired:{subject}"]
    return [f"expiring_{size}d:{subject}"] if size else []


@pytest.fixture(scope="module")
def judged() -> dict[tuple[str, date, int], Evaluation]:
    out = {}
    for as_of in REFERENCE_DATES:
        keys = [(s, as_of, ahead) for s in SUBJECTS for ahead, _ in BOUNDARIES]
        subjects = [Subject(_document(s, as_of, ahead)) for s, _, ahead in keys]  # type: ignore[arg-type]
        policies = Policies(Policy(default_notice_days=None))
        results = evaluate_many(subjects, as_of, policies=policies)
        out.update(dict(zip(keys, results, strict=True)))
    return out


@pytest.mark.parametrize("as_of", REFERENCE_DATES)
@pytest.mark.parametrize(("ahead", "size"), BOUNDARIES)
@pytest.mark.parametrize("subject", SUBJECTS)
def test_alert_codes_at_each_boundary(
    judged: dict[tuple[str, date, int], Evaluation],
    subject: str,
    as_of: date,
    ahead: int,
    size: int | None,
) -> None:
    result = judged[(subject, as_of, ahead)]
    assert result.alerts == _expected(subject, ahead, size)
    dated = [f for f in result.findings if f.due]
    if size is not None and ahead >= 0:
        assert [f.due for f in dated] == [(as_of + ahead * DAY).isoformat()]


def test_per_establishment_windows_and_default_notice() -> None:
    as_of = date(2026, 11, 29)
    certificate = extraction("cert.pdf", hds_certificate_expiry=(as_of + 100 * DAY).isoformat())
    silent = extraction(
        "silent.pdf",
        tacit_renewal=True,
        renewal_term=months(12),
        end_date=(as_of + 200 * DAY).isoformat(),
    )
    policies = Policies(
        Policy(default_notice_days=None),
        {"CHB": Policy(default_notice_days=180, windows=(7, 30, 90))},
    )
    subjects = [
        Subject(certificate),
        Subject(certificate, "CHB"),
        Subject(silent),
        Subject(silent, "CHB"),
    ]
    results = evaluate_many(subjects, as_of, policies=policies)
    assert [r.alerts for r in results] == [
        ["expiring_180d:hds_certificate"],
        [],
        ["unknown:notice_period_days"],
        ["unknown:notice_period_days", "notice_deadline_within_30d"],
    ]
    assumed = results[3].findings[-1]
    assert (assumed.code, assumed.assumed, assumed.due) == (
        "notice_deadline_within_30d",
        True,
        (as_of + 20 * DAY).isoformat(),
    )
    assert "180 jours" in assumed.explanation_fr and "180 days" in assumed.explanation_en
    assert results[3].dates["notice_deadline"] is None  # never a guess in the report's dates
