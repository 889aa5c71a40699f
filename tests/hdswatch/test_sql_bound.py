"""SQL only through bound parameters: no statement of the product is built from a formatted
string. Every call of ``text``, ``execute``, ``exec_driver_sql``, ``executescript`` (and
``op.execute`` in migrations) in the product's code is parsed; its first argument may not be an
f-string, a ``%`` or ``+`` of strings, nor a ``.format()`` call."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRODUCT = ("plugins", "extractors", "expectations", "dags", "bench")
SQL_CALLS = {"text", "execute", "exec_driver_sql", "executescript", "executemany"}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _built(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "format_map", "join")
    )


def string_built_sql(source: str, filename: str = "<source>") -> list[int]:
    """Line numbers of SQL calls whose statement is built from a formatted string."""
    lines = []
    for node in ast.walk(ast.parse(source, filename)):
        call = isinstance(node, ast.Call) and _name(node.func) in SQL_CALLS and node.args
        if call and _built(node.args[0]):  # type: ignore[attr-defined]
            lines.append(node.lineno)
    return lines


def test_the_check_catches_each_form() -> None:
    bad = (
        "session.execute(text(f\"SELECT * FROM documents WHERE sha256 = '{sha}'\"))\n"
        'conn.exec_driver_sql("DELETE FROM emails WHERE id = %s" % email_id)\n'
        'text("SELECT * FROM t WHERE a = {}".format(a))\n'
        'op.execute("DROP TABLE " + name)\n'
    )
    assert sorted(string_built_sql(bad)) == [1, 2, 3, 4]
    good = (
        'session.execute(text("SELECT * FROM documents WHERE sha256 = :sha"), {"sha": sha})\n'
        'op.execute("CREATE TRIGGER t BEFORE DELETE ON access_log BEGIN SELECT 1; END")\n'
        'path.write_text(f"{pid}")\n'
    )
    assert string_built_sql(good) == []


def test_no_string_built_sql_in_the_product() -> None:
    found = {}
    for folder in PRODUCT:
        for path in sorted((REPO / folder).rglob("*.py")):
            if ".venv" in path.parts:
                continue
            lines = string_built_sql(path.read_text("utf-8"), str(path))
            if lines:
                found[str(path.relative_to(REPO))] = lines
    assert found == {}
