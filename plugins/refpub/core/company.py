"""Companies (``audits/<company-id>/company.yaml``) and the audits filed in their folder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .audit import Audit

COMPANY_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Company:
    """A company as published: identity, scope and every audit filed for it (date order)."""

    id: str
    path: str
    name: str
    address: str
    sites: list[dict[str, str]] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    website: str | None = None
    aliases: list[str] = field(default_factory=list)
    audits: list[Audit] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, company_id: str, path: str, data: dict[str, Any]) -> Company:
        return cls(
            id=company_id, path=path, name=data["name"], address=data["address"],
            sites=list(data.get("sites", [])), activities=list(data.get("activities", [])),
            website=data.get("website"), aliases=list(data.get("aliases", [])), data=data,
        )

    @property
    def city(self) -> str:
        """The town for the register's filter: explicit, or taken after the postcode."""
        if self.data.get("city"):
            return self.data["city"]
        match = re.search(r"\b\d{5}\s+(.+)$", self.address)
        return match.group(1).strip() if match else ""
