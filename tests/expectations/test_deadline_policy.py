"""The deadline policy file: defaults, per-establishment overrides, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations.policy import Policies, Policy, PolicyError, load_policies


def test_without_a_file_the_defaults() -> None:
    policies = load_policies(None)
    assert policies.for_establishment("CHB") == Policy(90, (7, 30, 90, 180), 90)
    assert load_policies(None, default_notice_days=None).default.default_notice_days is None


def test_overrides_per_establishment(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "default:\n  default_notice_days: 60\n  new_contract_days: 30\n"
        "establishments:\n  CHB:\n    windows: [90, 7, 30]\n  CSR:\n    default_notice_days: null\n",
        "utf-8",
    )
    policies = load_policies(path, default_notice_days=90)
    assert policies.default == Policy(60, (7, 30, 90, 180), 30)
    assert policies.for_establishment("CHB") == Policy(60, (7, 30, 90), 30)
    assert policies.for_establishment("CSR") == Policy(None, (7, 30, 90, 180), 30)
    assert policies.for_establishment(None) == policies.default
    assert policies.for_establishment("UNKNOWN") == policies.default


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"defaults": {}}, "unknown key 'defaults'"),
        ({"default": {"notice": 90}}, "default: clé inconnue / unknown key 'notice'"),
        ({"default": {"windows": [60]}}, "windows doit être une liste prise dans"),
        ({"default": {"windows": []}}, "windows doit être une liste prise dans"),
        ({"establishments": {"CHB": {"default_notice_days": "3 mois"}}}, "establishments.CHB"),
        ({"default": {"new_contract_days": -1}}, "nombre de jours attendu"),
    ],
)
def test_errors_name_the_key(data: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        Policies.from_mapping(data)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("- a list\n", "utf-8")
    with pytest.raises(PolicyError, match="YAML mapping is expected"):
        load_policies(path)
    with pytest.raises(PolicyError, match=r"absent\.yaml"):
        load_policies(tmp_path / "absent.yaml")
