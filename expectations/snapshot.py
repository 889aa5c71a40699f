"""The suites exported as JSON snapshots, one file per suite in ``expectations/suites/``: the
suites themselves are built in code (:mod:`expectations.runner`); the files let a reviewer read and
diff them, and a test keeps them equal to what the code builds.

    python -m expectations.snapshot           rewrite the snapshots
    python -m expectations.snapshot --check   exit 1 when a snapshot differs from the code

>>> sorted(snapshot_texts())[0]                                     # doctest: +SKIP
'hds_contract.decret_2026-209.v1.clauses.json'
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from expectations.catalogue import chronology

__all__ = ["SUITES_DIR", "snapshot_texts", "stale_snapshots", "write_snapshots"]

SUITES_DIR = Path(__file__).resolve().parent / "suites"


def snapshot_texts() -> dict[str, str]:
    """File name → JSON text of every suite of every catalogue version of the chronology."""
    from expectations.runner import suite_dict, suite_name

    texts = {}
    for catalogue in chronology():
        for part in ("clauses", "contract"):
            data = suite_dict(catalogue, part)
            name = suite_name(catalogue, part)
            texts[f"{name}.json"] = (
                json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            )
    return texts


def stale_snapshots(folder: Path = SUITES_DIR) -> list[str]:
    """The snapshot files missing, different from the code, or left over."""
    texts = snapshot_texts()
    stale = [
        name
        for name, text in texts.items()
        if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text
    ]
    stale += [p.name for p in folder.glob("*.json") if p.name not in texts]
    return sorted(stale)


def write_snapshots(folder: Path = SUITES_DIR) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = snapshot_texts()
    for path in folder.glob("*.json"):
        if path.name not in texts:
            path.unlink()
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    return sorted(texts)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_snapshots()
        for name in stale:
            print(
                f"stale suite snapshot: {name} (python -m expectations.snapshot)", file=sys.stderr
            )
        return 1 if stale else 0
    for name in write_snapshots():
        print(SUITES_DIR / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
