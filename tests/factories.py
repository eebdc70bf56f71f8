"""Companies and audits built in memory, for tests of rules that need no files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from refpub.core.audits.audit import Audit, Decision, freeze
from refpub.core.audits.company import Company, Site
from refpub.core.evaluation import evaluate
from refpub.core.referentiels.referentiel import Referentiel, load_referentiel

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "referentiels"
GOOD = {"approach": 2, "deployment": 2, "results": 1, "review": 1}
POOR = {"approach": 1, "deployment": 0, "results": 0, "review": 0}


def radar_ref() -> Referentiel:
    return load_referentiel(MINI / "demo-radar.yaml", "referentiels/demo-radar.yaml")


def levels_ref() -> Referentiel:
    return load_referentiel(MINI / "demo-levels.yaml", "referentiels/demo-levels.yaml")


def audit(
    ref: Referentiel,
    name: str,
    kind: str,
    day: str,
    outcome: str | None = None,
    decided: str | None = None,
    certificate: str | None = None,
    *,
    grades: dict[str, int] | None = None,
    level: str = "A",
    items: dict[str, str] | None = None,
    detail: dict[str, Any] | None = None,
) -> Audit:
    """An audit of ``ref`` (radar: every sub-criterion graded ``grades``; levels: every item
    of ``level`` conform unless ``items`` says otherwise)."""
    data: dict[str, Any] = {
        "referentiel": ref.id,
        "type": kind,
        "date": day,
        "lead_auditor": "A. Auditrice",
        **(detail or {}),
    }
    if ref.model == "radar":
        data["grades"] = {rid: dict(grades or GOOD) for rid in ref.requirements}
    else:
        data["level"] = level
        data["items"] = {
            r.id: {"result": (items or {}).get(r.id, "conform")}
            for r in ref.requirements_for_level(level)
        }
    decision = (
        Decision(dt.date.fromisoformat(decided), outcome, certificate)
        if outcome and decided
        else None
    )
    return Audit(
        id=name,
        path=f"audits/co/{name}.yaml",
        referentiel=ref,
        type=kind,
        date=dt.date.fromisoformat(day),
        lead_auditor="A. Auditrice",
        decision=decision,
        result=evaluate(ref, data),
        public_summary=data.get("public_summary"),
        detail=freeze(data),
    )


def company(
    *audits: Audit,
    company_id: str = "co",
    sites: int = 0,
    activities: int = 0,
    partial_network: bool = False,
) -> Company:
    return Company(
        id=company_id,
        path=f"audits/{company_id}/company.yaml",
        name="Société Exemple",
        address="1 rue A, 75001 Paris",
        sites=tuple(Site(f"Site {i}", f"{i} rue B") for i in range(sites)),
        activities=tuple(f"activité {i}" for i in range(activities)),
        partial_network=partial_network,
        audits=tuple(sorted(audits, key=lambda a: (a.date, a.id))),
    )
