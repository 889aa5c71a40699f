"""The one error tree of hdswatch. Every error a user can see carries a stable ``code`` and says
what to do next.

    HdswatchError
    ├── ConfigError           a setting is missing or wrong (fix the environment variable named)
    ├── InputError            a file or argument given by the user cannot be used
    │   ├── DocumentNotFound  a path given does not exist
    │   ├── LabelsInvalid     a labels file for ``hdswatch eval`` is not JSONL in the report's format
    │   └── UploadRefused     a file uploaded on the review page is not a PDF or is too large
    ├── RegistryError         the registry database cannot be reached or is inconsistent
    ├── DeliveryError         an e-mail could not be handed to the SMTP server (it stays in the outbox)
    └── StorageError          the S3 inbox cannot be read (network, server error, retries exhausted)
        ├── ObjectGone        the object was deleted before it could be read
        ├── StorageDenied     the credentials were refused or lack a permission
        ├── StorageThrottled  the store kept answering "slow down" after every retry
        └── ChecksumMismatch  the bytes read do not match the checksum the store gave

Problems inside a PDF are not exceptions: they are reported as the report's ``kind`` and ``errors``.

>>> str(DocumentNotFound("x.pdf"))
'[document_not_found] x.pdf: fichier introuvable / file not found'
"""

from __future__ import annotations

__all__ = [
    "ChecksumMismatch",
    "ConfigError",
    "DeliveryError",
    "DocumentNotFound",
    "HdswatchError",
    "InputError",
    "LabelsInvalid",
    "ObjectGone",
    "RegistryError",
    "StorageDenied",
    "StorageError",
    "StorageThrottled",
    "UploadRefused",
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


class UploadRefused(InputError):
    code = "upload_refused"


class RegistryError(HdswatchError):
    code = "registry_error"


class DeliveryError(HdswatchError):
    code = "delivery_error"


class StorageError(HdswatchError):
    """The S3 inbox could not be read; nothing is lost: the next run tries again."""

    code = "storage_error"


class ObjectGone(StorageError):
    code = "object_gone"


class StorageDenied(StorageError):
    code = "storage_denied"


class StorageThrottled(StorageError):
    code = "storage_throttled"


class ChecksumMismatch(StorageError):
    code = "checksum_mismatch"
