"""Audit files: loading against their référentiel, scoring, and the public/confidential split."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .evaluation import Result, evaluate
from .referentiel import Referentiel
from .schemas.audit import PUBLIC_AUDIT_KEYS, PUBLIC_DECISION_KEYS
from .source import Located


@dataclass
class Decision:
    date: dt.date
    outcome: str
    certificate: str | None


@dataclass
class Audit:
    """One validated audit and its computed result."""

    id: str            # file stem, unique within the company
    path: str          # relative to the data root
    file: Path
    referentiel: Referentiel
    type: str
    date: dt.date
    lead_auditor: str
    decision: Decision | None
    result: Result
    data: dict[str, Any]
    certificate_line: int = 1

    @classmethod
    def from_data(cls, file: Path, path: str, ref: Referentiel, doc: Located) -> Audit:
        data = doc.data
        decision = data.get("decision")
        return cls(
            id=file.stem, path=path, file=file, referentiel=ref, type=data["type"],
            date=dt.date.fromisoformat(data["date"]), lead_auditor=data["lead_auditor"],
            decision=Decision(dt.date.fromisoformat(decision["date"]), decision["outcome"],
                              decision.get("certificate")) if decision else None,
            result=evaluate(ref, data), data=data,
            certificate_line=doc.line_of(("decision", "certificate"))[0],
        )

    @property
    def type_label(self) -> str:
        audit_type = self.referentiel.audit_type(self.type)
        return audit_type.label if audit_type else self.type

    def public_data(self) -> dict[str, Any]:
        """The audit without confidential detail: only whitelisted keys, grades without notes."""
        return strip_confidential(self.data)


def strip_confidential(data: dict[str, Any]) -> dict[str, Any]:
    """Keep only what the public may read; unknown or new fields are confidential by default."""
    public: dict[str, Any] = {k: v for k, v in data.items() if k in PUBLIC_AUDIT_KEYS}
    if "decision" in public:
        public["decision"] = {k: v for k, v in public["decision"].items()
                              if k in PUBLIC_DECISION_KEYS}
    if "grades" in public:
        public["grades"] = {sid: {k: v for k, v in grades.items() if isinstance(v, int)}
                            for sid, grades in public["grades"].items()}
    if "items" in public:
        public["items"] = {iid: {"result": item["result"]}
                           for iid, item in public["items"].items()}
    return public
