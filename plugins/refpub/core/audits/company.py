"""Companies (``audits/<company-id>/company.yaml``) and the audits filed in their folder.

One type, three states, told apart by the type of their audits: ``Company[Audit]`` as the core
reads it (every validated audit, confidential detail included), :data:`PublishedCompany`
(public views only: what the public pages receive, produced by :func:`published_company`) and
:data:`InternalCompany` (internal views with their confidential detail: the committee's build,
produced by :func:`internal_company`). A function typed for a published company cannot reach
a confidential detail: the type checker refuses it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

from .audit import Audit, InternalAudit, PublicAudit, internal_audit, public_audit

#: the audits a company holds: validated (core), public views or internal views
AuditT = TypeVar("AuditT", bound=Audit | PublicAudit, covariant=True)


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
class Company(Generic[AuditT]):
    """A company: identity, scope and every audit filed for it (date order), validated
    audits or their views (the module's docstring)."""

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
    audits: tuple[AuditT, ...] = ()

    @classmethod
    def from_data(cls, company_id: str, path: str, data: dict[str, Any]) -> Company[Audit]:
        return Company[Audit](
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

    def site_named(self, name: str) -> Site | None:
        return next((site for site in self.sites if site.name == name), None)


#: A company as the public site shows it: public views of its audits only.
PublishedCompany = Company[PublicAudit]
#: A company as the committee's internal build shows it: views with confidential detail.
InternalCompany = Company[InternalAudit]


def published_company(
    company: Company[Audit], as_of: dt.date | None = None, auditors: bool = False
) -> PublishedCompany:
    """``company`` with public views of its audits (results once decided by ``as_of``;
    auditors' names when ``auditors``): the form public pages receive."""
    return _with_audits(
        company, tuple(public_audit(a, False, as_of, auditors) for a in company.audits)
    )


def internal_company(company: Company[Audit]) -> InternalCompany:
    """``company`` with internal views of its audits, confidential detail included: the
    committee's build reads it here, never from the repository again."""
    return _with_audits(company, tuple(internal_audit(a) for a in company.audits))


def _with_audits(company: Company[Audit], audits: tuple[AuditT, ...]) -> Company[AuditT]:
    """The same company (identity, scope) holding other forms of its audits."""
    identity = {f.name: getattr(company, f.name) for f in fields(company) if f.name != "audits"}
    return Company(**identity, audits=audits)
