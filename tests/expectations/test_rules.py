"""Every rule of the suites, table-driven: a passing and a failing case each, judged through the
real GX suites (all cases of one reference date validated together, as the nightly audit does)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from expectations import Evaluation, Policies, Policy, Subject, evaluate_many
from expectations.hostlist import HostList, HostRecord
from expectations.rules import CONTRACT_RULE_IDS
from extractors.types import Extraction
from tests.expectations.builders import IDS, days, extraction, months

AS_OF = date(2026, 11, 29)
DAY = timedelta(days=1)
POLICIES = Policies(Policy(default_notice_days=None), {"ASSUME90": Policy(default_notice_days=90)})
HOSTS = HostList(
    (
        HostRecord(
            "NUAGESANTE", ("1", "2", "3", "4", "5", "6"), "AFNOR", "HDS-1", None, "2028-01-01"
        ),
        HostRecord("DataSoin Hébergement", ("1", "2"), "LSTI", "HDS-2", None, "2028-01-01"),
    ),
    "liste.csv",
    "2026-11-01",
)


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    document: Extraction
    alerts: tuple[str, ...]
    as_of: date = AS_OF
    establishment: str | None = None
    hosts: bool = False

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"


def case(rule: str, name: str, alerts: tuple[str, ...] = (), **kwargs: object) -> Case:
    options = {k: kwargs.pop(k) for k in ("as_of", "establishment", "hosts") if k in kwargs}
    return Case(rule, name, extraction(f"{rule}-{name}.pdf", **kwargs), alerts, **options)  # type: ignore[arg-type]


TACIT = {"tacit_renewal": True, "renewal_term": months(12)}
CASES = [
    # required clause present (the clause suite)
    case("clause", "complete"),
    case("clause", "missing", ("missing:reversibility",), missing=("reversibility",)),
    case(
        "clause",
        "non_compliant_as_read",
        ("non_compliant:purpose_limitation",),
        non_compliant={"purpose_limitation": "réutilisation à des fins statistiques"},
    ),
    case(
        "clause",
        "dpa_without_hosting_clause",
        contract_type="dpa",
        missing=("contractual_contact",),
    ),
    case(
        "clause",
        "dpa_without_gdpr_clause",
        ("missing:gdpr_security_measures",),
        contract_type="dpa",
        missing=("gdpr_security_measures",),
    ),
    case("clause", "amendment_alone", contract_type="amendment", missing=tuple(IDS)),
    # storage inside the EEA
    case("storage_in_eea", "eea", storage_countries=["FR", "NO"]),
    case(
        "storage_in_eea",
        "outside",
        ("non_compliant:hosting_locations",),
        storage_countries=["FR", "US"],
    ),
    case(
        "storage_in_eea",
        "clause_missing",
        ("missing:hosting_locations",),
        storage_countries=["US"],
        missing=("hosting_locations",),
    ),
    case(
        "storage_in_eea",
        "amendment",
        ("non_compliant:hosting_locations",),
        contract_type="amendment",
        storage_countries=["CA"],
    ),
    # breach notification delay
    case("breach_notification_delay", "72h", breach_notification_hours=72),
    case(
        "breach_notification_delay",
        "73h",
        ("non_compliant:breach_notification_to_controller",),
        breach_notification_hours=73,
    ),
    case("breach_notification_delay", "not_stated", breach_notification_hours=None),
    case(
        "breach_notification_delay",
        "clause_missing",
        ("missing:breach_notification_to_controller",),
        breach_notification_hours=96,
        missing=("breach_notification_to_controller",),
    ),
    # certificate
    case("certificate_expiry_known", "known"),
    case(
        "certificate_expiry_known",
        "unknown",
        ("unknown:hds_certificate_expiry",),
        hds_certificate_expiry=None,
    ),
    case("certificate_not_expired", "far_ahead", hds_certificate_expiry="2027-06-01"),
    case(
        "certificate_not_expired",
        "today",
        ("expiring_7d:hds_certificate",),
        hds_certificate_expiry=AS_OF.isoformat(),
    ),
    case(
        "certificate_not_expired",
        "yesterday",
        ("expired:hds_certificate",),
        hds_certificate_expiry=(AS_OF - DAY).isoformat(),
    ),
    case("certificate_referential_current", "v2", hds_referential="v2", as_of=date(2026, 5, 16)),
    case(
        "certificate_referential_current", "unknown", hds_referential=None, as_of=date(2026, 5, 16)
    ),
    case(
        "certificate_referential_current",
        "v1_on_15_may",
        hds_referential="v1.1",
        as_of=date(2026, 5, 15),
    ),
    case(
        "certificate_referential_current",
        "v1_on_16_may",
        hds_referential="v1.1",
        as_of=date(2026, 5, 16),
    ),
    case(
        "certificate_referential_current",
        "v1_on_17_may",
        ("outdated_referential:hds_certificate",),
        hds_referential="v1.1",
        as_of=date(2026, 5, 17),
    ),
    case("subprocessors_certified", "none_uncertified", subprocessors_not_certified=[]),
    case(
        "subprocessors_certified",
        "one_uncertified",
        ("subprocessor_not_hds_certified",),
        subprocessors_not_certified=["Acme Analytics"],
    ),
    # dates of the contract
    case("end_date_known", "known"),
    case("end_date_known", "unknown", ("unknown:end_date",), end_date=None),
    case("contract_not_expired", "far_ahead", end_date="2027-06-01"),
    case(
        "contract_not_expired",
        "ends_today",
        ("expiring_7d:contract",),
        end_date=AS_OF.isoformat(),
    ),
    case(
        "contract_not_expired",
        "ended_yesterday",
        ("expired:contract",),
        end_date=(AS_OF - DAY).isoformat(),
    ),
    case("notice_period_known", "stated", end_date="2028-03-31", notice_period=months(3), **TACIT),
    case(
        "notice_period_known",
        "not_stated",
        ("unknown:notice_period_days",),
        end_date="2028-03-31",
        notice_period=None,
        **TACIT,
    ),
    case(
        "notice_period_known",
        "not_stated_default_assumed",
        ("unknown:notice_period_days", "notice_deadline_within_30d"),
        end_date=(AS_OF + 110 * DAY).isoformat(),
        notice_period=None,
        establishment="ASSUME90",
        **TACIT,
    ),
    case(
        "notice_deadline_not_passed",
        "far_ahead",
        end_date="2028-03-31",
        notice_period=days(90),
        **TACIT,
    ),
    case(
        "notice_deadline_not_passed",
        "due_today",
        ("notice_deadline_within_7d",),
        end_date=(AS_OF + 90 * DAY).isoformat(),
        notice_period=days(90),
        **TACIT,
    ),
    case(
        "notice_deadline_not_passed",
        "passed_yesterday",
        ("notice_deadline_passed",),
        end_date=(AS_OF + 89 * DAY).isoformat(),
        notice_period=days(90),
        **TACIT,
    ),
    case(
        "renewal_term_known",
        "term_passed_unknown_renewal",
        ("unknown:renewal_term_months",),
        end_date=(AS_OF - DAY).isoformat(),
        notice_period=days(90),
        tacit_renewal=True,
        renewal_term=None,
    ),
    case(
        "renewal_term_known",
        "from_the_initial_term",
        end_date="2026-01-31",
        initial_term=months(24),
        notice_period=months(3),
        tacit_renewal=True,
    ),
    case(
        "tacit_renewal",
        "notice_alert_not_contract_alert",
        ("notice_deadline_within_90d",),
        end_date="2027-03-31",
        initial_term=months(36),
        notice_period=months(3),
        **TACIT,
    ),
    case(
        "unknown_dates",
        "both",
        ("unknown:hds_certificate_expiry", "unknown:end_date"),
        hds_certificate_expiry=None,
        end_date=None,
        tacit_renewal=True,
    ),
    case(
        "order",
        "certificate_then_contract",
        ("expired:hds_certificate", "expiring_30d:contract"),
        hds_certificate_expiry=(AS_OF - DAY).isoformat(),
        end_date="2026-12-19",
    ),
    # the law in force: a 2019 contract before and after the HDS v2 referential applies to it
    case(
        "law",
        "2019_contract_in_2025",
        as_of=date(2025, 1, 10),
        signature_date="2019-06-01",
        effective_date="2019-06-01",
        storage_countries=["US"],
        missing=("non_eea_access_safeguards",),
    ),
    case(
        "law",
        "2019_contract_in_2026",
        ("non_compliant:hosting_locations", "missing:non_eea_access_safeguards"),
        signature_date="2019-06-01",
        effective_date="2019-06-01",
        storage_countries=["US"],
        missing=("non_eea_access_safeguards",),
    ),
    case(
        "law",
        "gdpr_clause_before_25_may_2018",
        as_of=date(2018, 5, 24),
        signature_date="2018-04-10",
        effective_date="2018-04-10",
        hds_certificate_expiry="2021-01-01",
        end_date="2021-04-09",
        missing=("gdpr_security_measures",),
    ),
    case(
        "law",
        "gdpr_clause_from_25_may_2018",
        ("missing:gdpr_security_measures",),
        as_of=date(2018, 5, 25),
        signature_date="2018-04-10",
        effective_date="2018-04-10",
        hds_certificate_expiry="2021-01-01",
        end_date="2021-04-09",
        missing=("gdpr_security_measures",),
    ),
    # the ANS list of certified hosts
    case("host_listed", "listed", host="Nuagesanté SAS", hds_scope=["1", "6"], hosts=True),
    case("host_listed", "no_host_name", host=None, hosts=True),
    case("host_listed", "not_listed", ("not_listed:hds_host",), host="Cumulus Santé", hosts=True),
    case(
        "certificate_dates_match_list",
        "equal",
        host="NUAGESANTE",
        hds_certificate_expiry="2028-01-01",
        hosts=True,
    ),
    case(
        "certificate_dates_match_list",
        "differ",
        ("dates_differ:hds_certificate",),
        host="NuageSanté",
        hds_certificate_expiry="2027-12-31",
        hosts=True,
    ),
    case(
        "activities_covered_by_list",
        "narrower",
        ("activities_narrower:hds_certificate",),
        host="DataSoin Hébergement SA",
        hds_scope=["1", "2", "5"],
        hosts=True,
    ),
    case(
        "activities_covered_by_list",
        "covered",
        host="DataSoin Hébergement SA",
        hds_scope=["2"],
        hosts=True,
    ),
    *[
        case("unanalysed", kind, kind=kind, missing=("reversibility",), end_date=None)
        for kind in ("encrypted", "empty", "not_contract", "unreadable")
    ],
]


@pytest.fixture(scope="module")
def judged() -> dict[str, Evaluation]:
    groups: dict[tuple[date, bool], list[Case]] = defaultdict(list)
    for c in CASES:
        groups[(c.as_of, c.hosts)].append(c)
    out = {}
    for (as_of, with_hosts), cases in groups.items():
        subjects = [Subject(c.document, c.establishment) for c in cases]
        hosts = HOSTS if with_hosts else None
        results = evaluate_many(subjects, as_of, policies=POLICIES, hosts=hosts)
        out.update({c.id: r for c, r in zip(cases, results, strict=True)})
    return out


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_rule(c: Case, judged: dict[str, Evaluation]) -> None:
    assert judged[c.id].alerts == list(c.alerts)


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    rules = {c.rule for c in CASES}
    for rule in ("clause", *CONTRACT_RULE_IDS):
        assert rule in rules, rule
        outcomes = {bool(c.alerts) for c in CASES if c.rule == rule}
        assert outcomes == {True, False}, rule


def test_an_alert_code_appears_once(judged: dict[str, Evaluation]) -> None:
    twice = extraction(
        "twice.pdf",
        storage_countries=["US"],
        non_compliant={"hosting_locations": "stockage aux États-Unis"},
    )
    result = evaluate_many([twice], AS_OF, policies=POLICIES)[0]
    assert result.alerts == ["non_compliant:hosting_locations"]
    assert [f.rule for f in result.findings] == ["clause_present", "storage_in_eea"]


def test_unanalysed_documents_get_no_clause_and_no_date(judged: dict[str, Evaluation]) -> None:
    for kind in ("encrypted", "empty", "not_contract", "unreadable"):
        result = judged[f"unanalysed-{kind}"]
        assert (result.clauses, result.findings) == ({}, [])
        assert set(result.dates.values()) == {None}


def test_today_s_law_is_judged_apart_from_the_one_applied(judged: dict[str, Evaluation]) -> None:
    """2019 contract in January 2025: R.1111-11 (2018) applies, so no alert; today's version (HDS
    v2) would also find the storage outside the EEA and the missing non-EEA access clause."""
    result = judged["law-2019_contract_in_2025"]
    assert result.catalogue["applied"] == "hds_contract.r1111-11_2018.v1"
    assert result.judgements["today"] == {
        "catalogue": "hds_contract.hds_v2_2024.v1",
        "missing": ["non_eea_access_safeguards"],
        "non_compliant": ["hosting_locations"],
    }
    assert result.renewal_must_add == ["hosting_locations", "non_eea_access_safeguards"]
    assert result.clauses["hosting_locations"]["status"] == "present"
