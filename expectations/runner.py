"""The one module that imports Great Expectations: an ephemeral context, the suites built in code
from the typed rules of :mod:`expectations.rules`, the validation of the clause and contract tables,
and Data Docs.

GX is imported on first use, once per process (≈ 5 s), never when ``expectations`` is imported nor
when Airflow parses a DAG. The context keeps nothing on disk; progress bars and analytics are off;
no Data Docs site exists until :func:`build_docs` asks for one in a given folder. The context, the
batch definitions and the suites are built once per process and reused by every validation.

A validation's fixed cost is GX building the metric graph of each expectation (≈ 0.2 s for one
contract, whatever the number of rows): judge many contracts in one call where they are judged
together. While this module validates, two memos that GX lacks cut that cost (see
:class:`_Memos`): an expectation's configuration, rebuilt by GX from its pydantic fields some
sixty times per validation, is built once; and a row condition is applied to the batch's frame
once, not once per metric. Both live for one validation only; results are the same with or
without them (tested).

In: a catalogue version, the two tables as columns (see :mod:`expectations.records`) and the
reference date. Out: :class:`Failure` rows, one per unexpected row of a failed expectation.

>>> failures = validate(catalogue, clause_columns, contract_columns, date(2026, 11, 29))  # doctest: +SKIP
>>> failures[0]                                                                           # doctest: +SKIP
Failure(rule='clause_present', key='c02.pdf [9f2c…]', clause_id='reversibility', value='missing')
"""

from __future__ import annotations

import json
import math
import threading
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from expectations.catalogue import Catalogue
from expectations.findings import french
from expectations.records import CLAUSE_COLUMNS, CONTRACT_COLUMNS
from expectations.rules import (
    Param,
    Rule,
    ValuesBetween,
    ValuesInSet,
    ValuesNotInSet,
    ValuesNotNull,
    ValuesNull,
    When,
    clause_rules,
    contract_rules,
    expectation_type,
)

__all__ = [
    "Failure",
    "RunnerError",
    "build_docs",
    "suite_dict",
    "suite_name",
    "validate",
    "warm_up",
]

Part = Literal["clauses", "contract"]
_GX_SEVERITY = {"critical": "critical", "high": "warning", "medium": "warning", "info": "info"}
_SITE = "hdswatch_audit"


class RunnerError(RuntimeError):
    """An expectation could not be evaluated (a bug, never a finding): its message says which."""


@dataclass(frozen=True)
class Failure:
    """One unexpected row: the rule, the contract's key, the clause (clause table) and the value."""

    rule: str
    key: str
    clause_id: str | None
    value: Any


def suite_name(catalogue: Catalogue, part: Part) -> str:
    return f"{catalogue.name}.{part}"


def rules_of(catalogue: Catalogue, part: Part) -> list[Rule]:
    return clause_rules(catalogue) if part == "clauses" else contract_rules(catalogue)


class _Memos:
    """Per-validation memos wrapped around two GX methods (installed once per process, active
    only inside ``with memos:``, emptied when the validation ends).

    - ``Expectation.configuration``: built from the expectation's pydantic fields on every
      access; GX reads it dozens of times per expectation while building the metric graph.
      Keyed by the expectation object (held until the end, so its id is not reused).
    - ``PandasExecutionEngine._apply_row_condition_filter``: ``DataFrame.query`` of the same
      condition on the same frame for every metric of an expectation. Keyed by the frame and the
      condition's JSON form.
    """

    def __init__(self, expectation_class: Any, engine_class: Any) -> None:
        self.depth = 0
        self.lock = threading.Lock()
        self.configurations: dict[int, tuple[Any, Any]] = {}
        self.filtered: dict[tuple[int, str], tuple[Any, Any]] = {}
        configuration = expectation_class.configuration.fget
        apply_filter = engine_class._apply_row_condition_filter
        memos = self

        def memo_configuration(expectation: Any) -> Any:
            if not memos.depth:
                return configuration(expectation)
            hit = memos.configurations.get(id(expectation))
            if hit is None or hit[0] is not expectation:
                hit = (expectation, configuration(expectation))
                memos.configurations[id(expectation)] = hit
            return hit[1]

        def memo_filter(
            engine: Any, data: Any, row_condition: Any, domain_kwargs: dict[str, Any]
        ) -> Any:
            if not memos.depth:
                return apply_filter(engine, data, row_condition, domain_kwargs)
            key = (id(data), _condition_key(row_condition, domain_kwargs))
            hit = memos.filtered.get(key)
            if hit is None or hit[0] is not data:
                hit = (data, apply_filter(engine, data, row_condition, domain_kwargs))
                memos.filtered[key] = hit
            return hit[1]

        expectation_class.configuration = property(memo_configuration)
        engine_class._apply_row_condition_filter = memo_filter

    def __enter__(self) -> None:
        with self.lock:
            self.depth += 1

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.depth -= 1
            if not self.depth:
                self.configurations.clear()
                self.filtered.clear()


def _condition_key(row_condition: Any, domain_kwargs: Mapping[str, Any]) -> str:
    """A row condition as text, the same for equal conditions."""
    form = row_condition.dict() if hasattr(row_condition, "dict") else row_condition
    parser = domain_kwargs.get("condition_parser")
    return json.dumps([form, parser], sort_keys=True, default=str)


class _Runner:
    """The ephemeral context and what lives in it; one per process."""

    def __init__(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import great_expectations as gx
            import great_expectations.expectations as gxe
            import pandas as pd
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )
            from great_expectations.execution_engine.pandas_execution_engine import (
                PandasExecutionEngine,
            )
            from great_expectations.expectations.expectation import Expectation
            from great_expectations.expectations.row_conditions import Column
            from tqdm import std as tqdm_std

        # GX makes a (disabled) progress bar per validation; tqdm would start a monitor thread
        # for it, and a process with a thread can no longer fork its batch workers safely.
        tqdm_std.tqdm.monitor_interval = 0
        self.gx, self.gxe, self.pd, self.Column = gx, gxe, pd, Column
        self.memos = _Memos(Expectation, PandasExecutionEngine)
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False),
        )
        self.context = gx.get_context(mode="ephemeral", project_config=config)
        source = self.context.data_sources.add_pandas("hdswatch")
        self.batches = {
            "clauses": source.add_dataframe_asset("clauses").add_batch_definition_whole_dataframe(
                "all_clauses"
            ),
            "contract": source.add_dataframe_asset(
                "contracts"
            ).add_batch_definition_whole_dataframe("all_contracts"),
        }
        self.suites: dict[str, Any] = {}

    # -- suites ------------------------------------------------------------------------------

    def _condition(self, when: When | None) -> Any:
        if when is None:
            return None
        parts: list[Any] = [self.Column(name) == value for name, value in when.equals]
        parts += [self.Column(name).is_not_null() for name in when.not_null]
        condition = parts[0]
        for part in parts[1:]:
            condition = condition & part
        return condition

    def _bound(self, value: float | Param | None) -> Any:
        return {"$PARAMETER": value.name} if isinstance(value, Param) else value

    def expectation(self, rule: Rule) -> Any:
        gxe, check = self.gxe, rule.check
        common: dict[str, Any] = {
            "column": check.column,
            "description": french(f"{rule.title_fr} ({rule.legal_ref})"),
            "severity": _GX_SEVERITY[rule.severity],
            "meta": {
                "rule": rule.id,
                "code": rule.code,
                "clause_id": rule.clause_id,
                "legal_ref": rule.legal_ref,
                "title_en": rule.title_en,
            },
        }
        condition = self._condition(check.when)
        if condition is not None:
            common["row_condition"] = condition
        expectation: Any
        match check:
            case ValuesInSet():
                expectation = gxe.ExpectColumnValuesToBeInSet(
                    value_set=list(check.value_set), **common
                )
            case ValuesNotInSet():
                expectation = gxe.ExpectColumnValuesToNotBeInSet(
                    value_set=list(check.value_set), **common
                )
            case ValuesBetween():
                expectation = gxe.ExpectColumnValuesToBeBetween(
                    min_value=self._bound(check.min_value),
                    max_value=self._bound(check.max_value),
                    **common,
                )
            case ValuesNull():
                expectation = gxe.ExpectColumnValuesToBeNull(**common)
            case ValuesNotNull():
                expectation = gxe.ExpectColumnValuesToNotBeNull(**common)
        assert expectation.expectation_type == expectation_type(check)
        return expectation

    def suite(self, catalogue: Catalogue, part: Part) -> Any:
        name = suite_name(catalogue, part)
        if name not in self.suites:
            what = "clauses obligatoires" if part == "clauses" else "règles du contrat"
            suite = self.gx.ExpectationSuite(
                name=name,
                meta={
                    "catalogue": catalogue.name,
                    "part": part,
                    "in_force_from": catalogue.in_force_from,
                },
                notes=french(
                    f"hdswatch : {what} selon {catalogue.name} (en vigueur à partir du "
                    f"{catalogue.in_force_from})."
                ),
            )
            for rule in rules_of(catalogue, part):
                suite.add_expectation(self.expectation(rule))
            self.suites[name] = self.context.suites.add(suite)
        return self.suites[name]

    # -- data --------------------------------------------------------------------------------

    def frame(self, columns: Mapping[str, list[Any]], kinds: Mapping[str, str]) -> Any:
        pd = self.pd
        data: dict[str, Any] = {}
        for name, kind in kinds.items():
            values = columns[name]
            if kind == "date":
                data[name] = pd.to_datetime(pd.Series(values, dtype=object))
            elif kind == "float":
                data[name] = pd.Series(values, dtype="float64")
            elif kind == "bool":
                data[name] = pd.Series(values, dtype=bool)
            elif kind == "category":
                data[name] = pd.Series(values, dtype="category")
            else:
                data[name] = pd.Series(values, dtype=object)
        return pd.DataFrame(data)

    def result_format(self, part: Part) -> dict[str, Any]:
        index = ["contract", "clause_id"] if part == "clauses" else ["contract"]
        return {"result_format": "COMPLETE", "unexpected_index_column_names": index}

    def failures(self, result: Any) -> list[Failure]:
        out = []
        for item in result.results:
            config = item.expectation_config
            rule = config.meta["rule"]
            if item.exception_info.get("raised_exception"):
                message = item.exception_info.get("exception_message")
                raise RunnerError(f"{rule}: {message}")
            if item.success:
                continue
            column = config.kwargs["column"]
            for row in item.result.get("unexpected_index_list") or ():
                out.append(
                    Failure(rule, row["contract"], row.get("clause_id"), _plain(row.get(column)))
                )
        return out

    def validate(
        self, catalogue: Catalogue, part: Part, columns: Mapping[str, list[Any]], as_of: date
    ) -> list[Failure]:
        if not columns["contract"]:
            return []
        kinds = CLAUSE_COLUMNS if part == "clauses" else CONTRACT_COLUMNS
        batch = self.batches[part].get_batch(
            batch_parameters={"dataframe": self.frame(columns, kinds)}
        )
        with warnings.catch_warnings(), self.memos:
            warnings.simplefilter("ignore", DeprecationWarning)
            result = batch.validate(
                self.suite(catalogue, part),
                result_format=self.result_format(part),
                expectation_parameters={"as_of": self.pd.Timestamp(as_of)},
            )
        return self.failures(result)

    # -- Data Docs ---------------------------------------------------------------------------

    def build_docs(
        self,
        catalogue: Catalogue,
        tables: Mapping[Part, Mapping[str, list[Any]]],
        as_of: date,
        folder: Path,
        run_name: str,
    ) -> None:
        from great_expectations.core.run_identifier import RunIdentifier

        self.context.add_data_docs_site(
            _SITE,
            {
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(folder),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        run_id = RunIdentifier(run_name=run_name, run_time=datetime.now(UTC))
        try:
            self._checkpoints(catalogue, tables, as_of, run_id)
        finally:  # the site lives only for this build
            self.context.delete_data_docs_site(_SITE)

    def _checkpoints(
        self,
        catalogue: Catalogue,
        tables: Mapping[Part, Mapping[str, list[Any]]],
        as_of: date,
        run_id: Any,
    ) -> None:
        gx = self.gx
        for part, columns in tables.items():
            if not columns["contract"]:
                continue
            kinds = CLAUSE_COLUMNS if part == "clauses" else CONTRACT_COLUMNS
            suite = self.suite(catalogue, part)
            name = suite_name(catalogue, part)
            for store in (self.context.checkpoints, self.context.validation_definitions):
                if any(item.name == name for item in store.all()):  # an earlier build's
                    store.delete(name)
            definition = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=self.batches[part], suite=suite)
            )
            checkpoint = self.context.checkpoints.add(
                gx.Checkpoint(
                    name=name,
                    validation_definitions=[definition],
                    actions=[
                        gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[_SITE])
                    ],
                    result_format=self.result_format(part),
                )
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                checkpoint.run(
                    batch_parameters={"dataframe": self.frame(columns, kinds)},
                    expectation_parameters={"as_of": self.pd.Timestamp(as_of)},
                    run_id=run_id,
                )


def _plain(value: Any) -> Any:
    """A JSON-ready value: NaN and NaT become None, timestamps ISO dates, numpy numbers Python's."""
    if value is None:
        return None
    if hasattr(value, "to_pydatetime"):
        try:
            return value.to_pydatetime().date().isoformat()
        except ValueError:
            return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    return value


_RUNNER: _Runner | None = None


def _runner() -> _Runner:
    global _RUNNER
    if _RUNNER is None:
        _RUNNER = _Runner()
    return _RUNNER


def validate(
    catalogue: Catalogue,
    clause_columns: Mapping[str, list[Any]] | None,
    contract_columns: Mapping[str, list[Any]] | None,
    as_of: date,
) -> list[Failure]:
    """Validate the clause table and the contract table (either may be None: not validated)
    against the suites of ``catalogue``, with ``as_of`` as the date parameter."""
    runner = _runner()
    failures = []
    if clause_columns is not None:
        failures += runner.validate(catalogue, "clauses", clause_columns, as_of)
    if contract_columns is not None:
        failures += runner.validate(catalogue, "contract", contract_columns, as_of)
    return failures


def warm_up(catalogue: Catalogue) -> None:
    """Import GX, build the context and the two suites of ``catalogue`` now rather than on the
    first validation (a batch does it once before forking its workers)."""
    runner = _runner()
    runner.suite(catalogue, "clauses")
    runner.suite(catalogue, "contract")


def suite_dict(catalogue: Catalogue, part: Part) -> dict[str, Any]:
    """The suite as JSON, without the ids GX gives it in a context (the snapshot's form)."""
    data: dict[str, Any] = _runner().suite(catalogue, part).to_json_dict()
    data.pop("id", None)
    data.get("meta", {}).pop("great_expectations_version", None)
    for expectation in data["expectations"]:
        expectation.pop("id", None)
    return data


def build_docs(
    catalogue: Catalogue,
    clause_columns: Mapping[str, list[Any]],
    contract_columns: Mapping[str, list[Any]],
    as_of: date,
    folder: Path,
    run_name: str,
) -> None:
    """Validate both tables through checkpoints that write GX Data Docs into ``folder``."""
    tables: dict[Part, Mapping[str, list[Any]]] = {
        "clauses": clause_columns,
        "contract": contract_columns,
    }
    _runner().build_docs(catalogue, tables, as_of, folder, run_name)
