"""Build the clause pipeline from ``config.cfg`` once per process, and run it on folded text.

In: folded texts (:func:`extractors.text.fold`). Out: spaCy ``Doc`` objects whose
``doc.spans["scopes"]`` say which sentences negate, defer, refer to an annex, allow a secondary
use of the data or leave a duty to the host's discretion (see ``components.py``).

>>> doc = analyse(["la reversibilite n'est pas prevue au present contrat."])[0]
>>> [s.label_ for s in doc.spans["scopes"]]
['NEGATED']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["CUES_VERSION", "analyse", "load_pipeline"]

CUES_VERSION = "cues.v1"
_HERE = Path(__file__).resolve().parent


@cache
def load_pipeline() -> Any:
    """The blank French pipeline with the cue components, patterns read at ``initialize``."""
    import spacy

    from extractors.nlp import components  # noqa: F401  (registers the factories)

    cues = _HERE.parent / "patterns" / f"{CUES_VERSION}.jsonl"
    config = spacy.util.load_config(_HERE / "config.cfg", overrides={"paths.cues": str(cues)})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return nlp


def analyse(texts: Iterable[str]) -> list[Any]:
    """One ``Doc`` per text, in order."""
    return list(load_pipeline().pipe(texts))
