"""Companies (``audits/<company-id>/company.yaml``) and the audits filed in their folder."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from .audit import Audit, PublicAudit, public_audit


@dataclass(frozen=True)
class Site:
    name: str
    address: str | None = None
    siret: str | None = None

    def as_json(self) -> dict[str, str]:
        """Name, then address and SIRET where the company file gives them."""
        return {
            "name": self.name,
            **({"address": self.address} if self.address else {}),
            **({"siret": self.siret} if self.siret else {}),
        }


@dataclass(frozen=True)
class Company:
    """A company as published: identity, scope and every audit filed for it (date order).

    ``audits`` are the validated audits (core) or, once :meth:`published`, their public
    views: what the site's templates receive."""

    id: str
    path: str
    name: str
    address: str
    sites: tuple[Site, ...] = ()
    activities: tuple[str, ...] = ()
    website: str | None = None
    siren: str | None = None
    aliases: tuple[str, ...] = ()
    declared_city: str | None = None
    partial_network: bool = False
    audits: tuple[Audit | PublicAudit, ...] = ()

    @classmethod
    def from_data(cls, company_id: str, path: str, data: dict[str, Any]) -> Company:
        return cls(
            id=company_id,
            path=path,
            name=data["name"],
            address=data["address"],
            sites=tuple(
                Site(s["name"], s.get("address"), s.get("siret")) for s in data.get("sites", [])
            ),
            activities=tuple(data.get("activities", [])),
            website=data.get("website"),
            siren=data.get("siren"),
            aliases=tuple(data.get("aliases", [])),
            declared_city=data.get("city"),
            partial_network=bool(data.get("partial_network")),
        )

    @property
    def city(self) -> str:
        """The town for the register's filter: explicit, or taken after the postcode."""
        if self.declared_city:
            return self.declared_city
        match = re.search(r"\b\d{5}\s+(.+)$", self.address)
        return match.group(1).strip() if match else ""

    @property
    def multi_site(self) -> bool:
        return len(self.sites) > 1

    @property
    def multi_activity(self) -> bool:
        return len(self.activities) > 1

    def published(
        self, internal: bool = False, as_of: dt.date | None = None, auditors: bool = False
    ) -> Company:
        """This company with public views of its audits (results once decided by ``as_of``;
        auditors' names when ``auditors``), the only form templates receive."""
        return replace(
            self,
            audits=tuple(
                public_audit(a, internal, as_of, auditors) if isinstance(a, Audit) else a
                for a in self.audits
            ),
        )

    def site_named(self, name: str) -> Site | None:
        return next((site for site in self.sites if site.name == name), None)
