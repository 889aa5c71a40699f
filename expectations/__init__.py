"""Rules as expectation suites: the versioned clause catalogue, the deadlines, and the judgement of
contract extractions through Great Expectations suites built in code.

    catalogue    versions of the clause catalogue (data files), chosen by the contract's dates
    rules        the typed rules of the two suites per version (clauses, contract)
    records      an extraction judged at a date: its versions, dates and table rows
    deadlines    term rolled forward, notice deadline, lead windows 180/90/30/7
    policy       default notice, windows, per-establishment overrides
    runner       the one module importing great_expectations (ephemeral context, Data Docs)
    findings     failures and deadlines → findings with severity, legal basis, evidence, FR/EN
    evaluation   evaluate / evaluate_many → what the report shows
    hostlist     the ANS list of certified hosts (CSV/XLSX import); hostcheck: a host against it
    datadocs     Data Docs made to render offline; snapshot: suites exported as JSON

Importing the package stays light: great_expectations and pandas load on the first validation.

>>> evaluation = evaluate(extraction, as_of=date(2026, 11, 29))   # doctest: +SKIP
>>> evaluation.alerts, evaluation.findings[0].severity            # doctest: +SKIP
(['missing:reversibility'], 'critical')
"""

from __future__ import annotations

from expectations.catalogue import (
    Catalogue,
    ClauseRule,
    applicable,
    chronology,
    in_force_on,
    load_catalogue,
)
from expectations.evaluation import Evaluation, evaluate, evaluate_many
from expectations.findings import Finding
from expectations.hostlist import HostList, HostListError, HostRecord, read_host_list
from expectations.policy import Policies, Policy, PolicyError, load_policies
from expectations.records import Subject
from expectations.severity import SEVERITIES, severity_of

__all__ = [
    "SEVERITIES",
    "Catalogue",
    "ClauseRule",
    "Evaluation",
    "Finding",
    "HostList",
    "HostListError",
    "HostRecord",
    "Policies",
    "Policy",
    "PolicyError",
    "Subject",
    "applicable",
    "chronology",
    "evaluate",
    "evaluate_many",
    "in_force_on",
    "load_catalogue",
    "load_policies",
    "read_host_list",
    "severity_of",
]
