"""Tables of the review page's people: who may log in, with which role, for which establishments,
and the access log (who opened which contract, when).

Roles: ``rssi`` (every establishment), ``dpo`` and ``legal`` (their establishments, may decide),
``auditor`` (every establishment, read only), ``admin`` (every establishment, reads the access log).

>>> sorted(t for t in Base.metadata.tables if t.startswith(("users", "access")))
['access_log', 'user_establishments', 'users']
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hdswatch.registry.models import Base, Establishment

__all__ = ["ALL_ESTABLISHMENTS", "DECIDERS", "USER_ROLES", "AccessLog", "User"]

USER_ROLES = ("rssi", "dpo", "legal", "auditor", "admin")
ALL_ESTABLISHMENTS = ("rssi", "auditor", "admin")
"""Roles that see every establishment."""
DECIDERS = ("rssi", "dpo", "legal", "admin")
"""Roles that may record a decision."""

user_establishments = Table(
    "user_establishments",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "establishment_id", ForeignKey("establishments.id", ondelete="CASCADE"), primary_key=True
    ),
)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # see USER_ROLES
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id
    lang: Mapped[str] = mapped_column(String(2), default="fr")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    establishments: Mapped[list[Establishment]] = relationship(
        secondary=user_establishments, order_by="Establishment.code"
    )

    @property
    def sees_all(self) -> bool:
        return self.role in ALL_ESTABLISHMENTS

    @property
    def may_decide(self) -> bool:
        return self.role in DECIDERS


class AccessLog(Base):
    """One look at something confidential: a contract page, a page image, an API answer."""

    __tablename__ = "access_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    login: Mapped[str] = mapped_column(String(255), index=True)
    action: Mapped[str] = mapped_column(
        String(32)
    )  # view_contract | view_page | api_contract | denied | login …
    contract_id: Mapped[int | None] = mapped_column(
        Integer, index=True
    )  # kept if the contract goes
    detail: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(64))
