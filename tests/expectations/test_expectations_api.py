"""One public face: every name in ``__all__`` exists, and every module says what it exports."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import expectations

MODULES = sorted(m.name for m in pkgutil.iter_modules(expectations.__path__))


def test_the_package_exports_what_it_lists() -> None:
    for name in expectations.__all__:
        assert getattr(expectations, name) is not None, name
    assert expectations.__all__ == sorted(expectations.__all__, key=lambda n: (not n.isupper(), n))


@pytest.mark.parametrize("name", MODULES)
def test_each_module_lists_its_exports(name: str) -> None:
    module = importlib.import_module(f"expectations.{name}")
    assert module.__doc__ and module.__doc__.strip(), name
    for export in module.__all__:
        assert hasattr(module, export), f"{name}.{export}"
