"""The spaCy side of the extraction: a rule pipeline built from ``config.cfg`` with registered
components and JSONL patterns (``pipeline.analyse``), and the packaged statistical French model
for organisation names where rules fall short (``parties.organisations``). Both load once per
process and never download anything.

>>> from extractors.nlp import analyse
>>> docs = analyse(["l'hebergeur pourra utiliser les donnees a des fins statistiques."])
>>> [s.label_ for s in docs[0].spans["scopes"]]
['SECONDARY_USE']
"""

from __future__ import annotations

from extractors.nlp.parties import organisations
from extractors.nlp.pipeline import CUES_VERSION, analyse, load_pipeline

__all__ = ["CUES_VERSION", "analyse", "load_pipeline", "organisations"]
