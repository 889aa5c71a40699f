"""Deadline policy: the default notice assumed when a contract states none, the lead windows of
the dated alerts, and how recent a "new" contract is; per-establishment overrides.

In: an optional YAML file (``HDSWATCH_POLICY``) and the default notice from the environment. Out:
a :class:`Policies` whose :meth:`Policies.for_establishment` gives one :class:`Policy`.

The file::

    default:
      default_notice_days: 90     # assumed when a tacitly renewed contract states no notice
      windows: [180, 90, 30, 7]   # lead windows of the dated alerts (a subset of these four)
      new_contract_days: 90       # signed this recently: a missing clause is critical
    establishments:
      CHB:
        default_notice_days: 180
        windows: [90, 30, 7]

>>> policies = Policies.from_mapping({"establishments": {"CHB": {"windows": [30, 7]}}})
>>> policies.for_establishment("CHB").windows, policies.for_establishment("CSR").windows
((7, 30), (7, 30, 90, 180))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from expectations.deadlines import WINDOWS

__all__ = ["DEFAULT_NOTICE_DAYS", "Policies", "Policy", "PolicyError", "load_policies"]

DEFAULT_NOTICE_DAYS = 90
_KEYS = ("default_notice_days", "windows", "new_contract_days")


class PolicyError(ValueError):
    """The policy file or a policy value cannot be used; the message says which key to fix."""


@dataclass(frozen=True)
class Policy:
    default_notice_days: int | None = DEFAULT_NOTICE_DAYS
    windows: tuple[int, ...] = WINDOWS
    new_contract_days: int = 90

    def merged(self, overrides: Mapping[str, Any], where: str) -> Policy:
        unknown = sorted(set(overrides) - set(_KEYS))
        if unknown:
            raise PolicyError(
                f"{where}: clé inconnue / unknown key {unknown[0]!r} ({', '.join(_KEYS)})"
            )
        policy = self
        if "default_notice_days" in overrides:
            policy = replace(
                policy, default_notice_days=_days(overrides["default_notice_days"], where, True)
            )
        if "new_contract_days" in overrides:
            days = _days(overrides["new_contract_days"], where, False)
            policy = replace(policy, new_contract_days=days or 0)
        if "windows" in overrides:
            policy = replace(policy, windows=_windows(overrides["windows"], where))
        return policy


def _days(value: Any, where: str, nullable: bool) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PolicyError(
            f"{where}: nombre de jours attendu / a number of days is expected: {value!r}"
        )
    return value


def _windows(value: Any, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not value or not set(value) <= set(WINDOWS):
        raise PolicyError(
            f"{where}: windows doit être une liste prise dans / must be a list taken from "
            f"{list(WINDOWS)}: {value!r}"
        )
    return tuple(sorted(set(value)))


@dataclass(frozen=True)
class Policies:
    default: Policy = field(default_factory=Policy)
    establishments: Mapping[str, Policy] = field(default_factory=dict)

    def for_establishment(self, code: str | None) -> Policy:
        if code is None:
            return self.default
        return self.establishments.get(code, self.default)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], base: Policy | None = None) -> Policies:
        unknown = sorted(set(data) - {"default", "establishments"})
        if unknown:
            raise PolicyError(
                f"clé inconnue / unknown key {unknown[0]!r} (default, establishments)"
            )
        default = (base or Policy()).merged(data.get("default") or {}, "default")
        establishments = {
            str(code): default.merged(overrides or {}, f"establishments.{code}")
            for code, overrides in (data.get("establishments") or {}).items()
        }
        return cls(default, establishments)


def load_policies(
    path: Path | None, default_notice_days: int | None = DEFAULT_NOTICE_DAYS
) -> Policies:
    """Read the policy file (none: the defaults), on top of ``default_notice_days``."""
    base = Policy(default_notice_days=default_notice_days)
    if path is None:
        return Policies(base)
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise PolicyError(f"{path}: un dictionnaire YAML est attendu / a YAML mapping is expected")
    return Policies.from_mapping(data, base)
