"""The one error tree of hdswatch. Every error a user can see carries a stable ``code`` and says
what to do next.

    HdswatchError
    ├── ConfigError           a setting is missing or wrong (fix the environment variable named)
    ├── InputError            a file or argument given by the user cannot be used
    │   ├── DocumentNotFound  a path given does not exist
    │   └── LabelsInvalid     a labels file for ``hdswatch eval`` is not JSONL in the report's format
    ├── RegistryError         the registry database cannot be reached or is inconsistent
    └── DeliveryError         an e-mail could not be handed to the SMTP server (it stays in the outbox)

Problems inside a PDF are not exceptions: they are reported as the report's ``kind`` and ``errors``.

>>> str(DocumentNotFound("x.pdf"))
'[document_not_found] x.pdf: fichier introuvable / file not found'
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DeliveryError",
    "DocumentNotFound",
    "HdswatchError",
    "InputError",
    "LabelsInvalid",
    "RegistryError",
]


class HdswatchError(Exception):
    """Base of every error raised on purpose by hdswatch."""

    code = "hdswatch_error"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ConfigError(HdswatchError):
    code = "config_error"


class InputError(HdswatchError):
    code = "input_error"


class DocumentNotFound(InputError):
    code = "document_not_found"

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: fichier introuvable / file not found")
        self.path = path


class LabelsInvalid(InputError):
    code = "labels_invalid"


class RegistryError(HdswatchError):
    code = "registry_error"


class DeliveryError(HdswatchError):
    code = "delivery_error"
