"""Password hashing with Argon2id (the one module that touches argon2-cffi).

>>> stored = hash_password("correct horse")
>>> stored.startswith("$argon2id$"), verify_password(stored, "correct horse")
(True, True)
>>> verify_password(stored, "wrong")
False
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["hash_password", "verify_password"]

_HASHER = PasswordHasher()  # argon2id, the library's current recommended parameters


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
