"""A contract's host checked against the imported ANS list of certified hosts: is it listed, do the
certificate's dates agree with the contract's, does the certificate cover every hosting activity
the contract names?

In: the contract's :class:`extractors.types.Values` and a :class:`HostList`. Out: a
:class:`HostCheck` (None when there is no list or no host name to look up), whose fields become
columns of the contract table that the suites validate.

Names are compared without case, accents, punctuation and legal forms (SAS, SA, B.V., GmbH …):
« Nuagesanté SAS » matches « NUAGESANTE ».

>>> normalise_name("Cirrus Medica Hosting B.V.")
'cirrus medica hosting'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from expectations.hostlist import HostList, HostRecord, fold
from extractors.types import Values

__all__ = ["HostCheck", "check_host", "find_host", "normalise_name"]

_LEGAL_FORMS = frozenset({
    "sa", "sas", "sasu", "sarl", "eurl", "sca", "snc", "sci", "gie", "gip", "scop", "selarl",
    "ltd", "limited", "inc", "llc", "plc", "gmbh", "bv", "nv", "ag", "spa", "srl", "sl", "oy",
    "ab", "as", "aps", "se", "corp", "corporation", "co",
})  # fmt: skip


def normalise_name(name: str) -> str:
    tokens = fold(name.replace(".", "")).split()
    kept = [t for t in tokens if t not in _LEGAL_FORMS]
    return " ".join(kept or tokens)


def find_host(name: str, hosts: HostList) -> list[HostRecord]:
    """The rows of ``hosts`` naming this host: the same normalised name, or else a name whose
    words all appear in the other (« OVH » and « OVH Groupe »)."""
    wanted = normalise_name(name)
    exact = [r for r in hosts.records if normalise_name(r.name) == wanted]
    if exact or not wanted:
        return exact
    words = set(wanted.split())
    found = []
    for record in hosts.records:
        theirs = set(normalise_name(record.name).split())
        shared = words & theirs
        if (words <= theirs or theirs <= words) and any(len(w) >= 3 for w in shared):
            found.append(record)
    return found


@dataclass(frozen=True)
class HostCheck:
    host: str
    listed: bool
    records: tuple[HostRecord, ...]
    list_expiry: date | None  # the listed expiry closest to the contract's
    gap_days: int | None  # days between the contract's expiry and the listed one
    missing_activities: tuple[str, ...] | None  # None: the list gives no activities

    @property
    def source(self) -> str:
        return ", ".join(sorted({r.certifier for r in self.records if r.certifier})) or "ANS"


def check_host(values: Values, hosts: HostList | None) -> HostCheck | None:
    if hosts is None or not values.host:
        return None
    records = tuple(find_host(values.host, hosts))
    if not records:
        return HostCheck(values.host, False, (), None, None, None)
    gap = list_expiry = None
    contract_expiry = values.hds_certificate_expiry
    if contract_expiry:
        mine = date.fromisoformat(contract_expiry)
        dated = [date.fromisoformat(r.expires) for r in records if r.expires]
        if dated:
            list_expiry = min(dated, key=lambda d: abs((d - mine).days))
            gap = abs((list_expiry - mine).days)
    certified = {a for r in records for a in r.activities}
    missing = None
    if certified:
        missing = tuple(a for a in sorted(set(values.hds_scope)) if a not in certified)
    return HostCheck(values.host, True, records, list_expiry, gap, missing)
