"""A document uploaded on the review page for a contract (an amendment, an annex): checked, then
written into the contract's inbox sub-folder through :func:`hdswatch.inbox.drop`, which raises
the signal the ingest DAG watches. The pipeline then reads it like any other inbox file.

In: the uploaded bytes, their file name, the contract, the inbox folder and the size limit.
Out: the path written in the inbox. A file that is not a PDF (by its first bytes, not its
name), empty or too large is :class:`~hdswatch.errors.UploadRefused`.

>>> inbox_name("Avenant n°2.pdf"), inbox_name("Annexe SLA.PDF"), inbox_name("../x")
('Avenant n°2.pdf', 'Annexe SLA.pdf', 'avenant-x.pdf')
>>> contract_folder("hebergement-chb", grouped=True), contract_folder("c02.pdf", grouped=False)
('hebergement-chb', 'c02')
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hdswatch.errors import UploadRefused
from hdswatch.inbox import DEFAULT_ESTABLISHMENT, drop
from hdswatch.registry.models import Contract
from hdswatch.registry.store import role_of

__all__ = ["PDF_MAGIC", "contract_folder", "inbox_name", "is_pdf", "save_upload"]

PDF_MAGIC = b"%PDF-"
_HEADER_WINDOW = 1024  # readers accept the header anywhere in the first kilobyte
_UNSAFE = re.compile(r"[^\w .,()°'+-]+")


def is_pdf(data: bytes) -> bool:
    """True when the PDF header is in the first kilobyte (as PDF readers accept it)."""
    return PDF_MAGIC in data[:_HEADER_WINDOW]


def inbox_name(file_name: str) -> str:
    """A safe file name that the pipeline files as an amendment or an annex: ``avenant-`` is put
    in front unless the name already says which; the extension is ``.pdf``."""
    stem = Path(file_name.replace("\\", "/")).name
    stem = _UNSAFE.sub("-", stem[:-4] if stem.lower().endswith(".pdf") else stem).strip(" .-")
    stem = stem[:120] or "document"
    name = f"{stem}.pdf"
    return name if role_of(name) != "main" else f"avenant-{name}"


def contract_folder(reference: str, *, grouped: bool) -> str:
    """The contract's inbox sub-folder: its own for a folder contract; for a single-file contract,
    a folder named after the file (``c02.pdf`` → ``c02/``), which the registry joins to it."""
    if grouped:
        return reference
    return reference[:-4] if reference.lower().endswith(".pdf") else reference


def save_upload(
    data: bytes, file_name: str, contract: Contract, inbox: Path, max_bytes: int
) -> Path:
    """Check the upload and drop it into the contract's inbox sub-folder; returns its path."""
    if not data:
        raise UploadRefused("fichier vide / empty file")
    if len(data) > max_bytes:
        raise UploadRefused(
            f"fichier trop volumineux (> {max_bytes // 2**20} Mo) / file too large "
            f"(> {max_bytes // 2**20} MB)"
        )
    if not is_pdf(data):
        raise UploadRefused("ce fichier n'est pas un PDF / this file is not a PDF")
    code = contract.establishment.code
    if code == DEFAULT_ESTABLISHMENT:
        raise UploadRefused(
            "contrat sans établissement : déposez le fichier avec « hdswatch drop » / "
            "contract without an establishment: drop the file with `hdswatch drop`"
        )
    folder = contract_folder(contract.reference, grouped=contract.grouped)
    name = _free_name(inbox / code / folder, inbox_name(file_name))
    with tempfile.TemporaryDirectory(prefix="hdswatch-upload-") as scratch:
        source = Path(scratch) / "upload.pdf"
        source.write_bytes(data)
        return drop(
            source,
            inbox,
            code,
            contract_folder=folder,
            name=name,
        )


def _free_name(folder: Path, name: str) -> str:
    """``name``, or ``name`` with ``-2``, ``-3`` … when taken: a document already registered
    keeps its file (its page images are read from it)."""
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{name[:-4]}-{n}.pdf"
    return candidate
