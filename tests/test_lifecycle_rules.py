"""The contract's lifecycle rules (issue #19.7, #20.8) and the scope of each certificate
(issue #19.2), on files against the shipped référentiels: each refused decision is reported on
its own line, in French, with the way out."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from refpub.core.audits.company import published_company
from refpub.core.audits.repository import load_repository
from refpub.core.certification.register import build_register
from refpub.core.referentiels.referentiel import load_referentiel

from conftest import PROJECT

CLIQ = "cliq-2006"
AMARC = "amarc-re-mrc-03"
GOOD = "{approach: 2, deployment: 2, results: 2, review: 2}"
COMPANY = """name: Transports Périmètre SAS
address: 1 rue du Port, 44000 Nantes
sites:
  - {name: Entrepôt de Nantes, address: "1 rue du Port, 44000 Nantes"}
  - {name: Agence de Rennes, address: "2 rue de Brest, 35000 Rennes"}
activities: [transport, logistique]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A data root with the shipped référentiels and one company without audits."""
    shutil.copytree(PROJECT / "referentiels", tmp_path / "referentiels")
    folder = tmp_path / "audits" / "co"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text(COMPANY, encoding="utf-8")
    return tmp_path


def write_audit(
    root: Path,
    name: str,
    referentiel: str,
    kind: str,
    day: str,
    outcome: str | None = None,
    decided: str | None = None,
    certificate: str | None = None,
    *,
    level: str = "A",
    scope: str = "",
) -> Path:
    """An eligible audit file (every grade at the top, every item of ``level`` conform)
    with its decision last, ``scope`` being the YAML lines under ``decision.scope``."""
    ref = load_referentiel(
        root / "referentiels" / f"{referentiel}.yaml", f"referentiels/{referentiel}.yaml"
    )
    lines = [
        f"referentiel: {referentiel}",
        f"type: {kind}",
        f"date: {day}",
        "lead_auditor: Jeanne Martin",
    ]
    if ref.model == "radar":
        lines += ["grades:", *(f"  {rid}: {GOOD}" for rid in ref.requirements)]
    else:
        lines += [
            f"level: {level}",
            "items:",
            *(f'  "{r.id}": {{result: conform}}' for r in ref.requirements_for_level(level)),
        ]
    if outcome:
        lines += ["decision:", f"  date: {decided}", f"  outcome: {outcome}"]
        if certificate:
            lines.append(f"  certificate: {certificate}")
        if scope:
            lines += ["  scope:", *(f"    {line}" for line in scope.splitlines())]
    path = root / "audits" / "co" / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The first line of ``path`` holding ``text`` (1-based)."""
    return next(
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if text in line
    )


def problems_of(root: Path) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in load_repository(root).problems]


def certificates(root: Path, day: str):
    repo = load_repository(root)
    assert not repo.problems, repo.problems
    return build_register(list(repo.companies.values()), dt.date.fromisoformat(day)).certificates


# --- lifecycle rules ------------------------------------------------------------------------


def test_certified_after_a_surveillance_audit_is_refused_on_its_line(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2024-01-10", "certified", "2024-02-01", "CLIQ-1")
    late = write_audit(
        project, "a2", CLIQ, "suivi-1", "2024-12-10", "complementary-action", "2025-01-05"
    )
    # suivi-1 does not allow certified at all: the audit type's own list refuses it
    text = late.read_text().replace("complementary-action", "certified") + "  certificate: X-1\n"
    late.write_text(text)
    [(path, line, message)] = problems_of(project)
    assert (path, line) == ("audits/co/a2.yaml", line_of(late, "outcome:"))
    assert "non prévue après un audit « suivi-1 »" in message


def test_certified_on_a_complementary_audit_not_completing_an_initial_one_is_refused(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2021-01-10", "certified", "2021-02-01", "CLIQ-1")
    write_audit(project, "a2", CLIQ, "suivi-1", "2021-12-10", "maintained", "2022-01-05")
    # after expiry (2024-01-31), a complementary audit that completes no initial audit
    extra = write_audit(
        project, "a3", CLIQ, "complementaire", "2024-05-10", "certified", "2024-06-01", "CLIQ-2"
    )
    [(path, line, message)] = problems_of(project)
    assert (path, line) == ("audits/co/a3.yaml", line_of(extra, "outcome:"))
    assert "une certification suit un audit initial (« initial »)" in message


def test_certified_on_the_complementary_audit_completing_an_initial_one_is_fine(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2024-01-10", "complementary-action", "2024-02-01")
    write_audit(
        project, "a2", CLIQ, "complementaire", "2024-03-10", "certified", "2024-04-01", "CLIQ-1"
    )
    [cert] = certificates(project, "2024-06-01")
    assert (cert.number, cert.status) == ("CLIQ-1", "valid")


def test_certified_over_a_valid_certificate_is_refused_on_its_line(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2024-01-10", "certified", "2024-02-01", "CLIQ-1")
    again = write_audit(
        project, "a2", CLIQ, "initial", "2025-01-10", "certified", "2025-02-01", "CLIQ-2"
    )
    [(path, line, message)] = problems_of(project)
    assert (path, line) == ("audits/co/a2.yaml", line_of(again, "outcome:"))
    assert "l'entreprise détient déjà le certificat n° CLIQ-1" in message
    assert "« renewed » après un audit « renouvellement »" in message
    assert "retirez-le d'abord" in message


def test_certified_over_a_suspended_certificate_is_refused(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2024-01-10", "certified", "2024-02-01", "CLIQ-1")
    write_audit(project, "a2", CLIQ, "suivi-1", "2024-12-10", "suspended", "2025-01-05")
    write_audit(project, "a3", CLIQ, "initial", "2025-03-10", "certified", "2025-04-01", "CLIQ-2")
    [(path, _, message)] = problems_of(project)
    assert path == "audits/co/a3.yaml" and "(suspended, valable jusqu'au 2027-01-31)" in message


def test_certified_on_a_new_initial_audit_after_expiry_starts_a_new_certificate(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2020-01-10", "certified", "2020-02-01", "CLIQ-1")
    write_audit(project, "a2", CLIQ, "initial", "2023-05-10", "certified", "2023-06-01", "CLIQ-2")
    [cert] = certificates(project, "2024-01-01")
    assert (cert.number, cert.status, cert.first_certified) == (
        "CLIQ-2",
        "valid",
        dt.date(2023, 6, 1),
    )


def test_renewed_after_valid_until_is_refused_on_its_line(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2020-01-10", "certified", "2020-02-01", "CLIQ-1")
    late = write_audit(
        project, "a2", CLIQ, "renouvellement", "2022-07-10", "renewed", "2022-08-01", "CLIQ-2"
    )
    # 2.5 years after expiry (valid until 2023-01-31)
    late.write_text(
        late.read_text()
        .replace("date: 2022-07-10", "date: 2025-07-10")
        .replace("date: 2022-08-01", "date: 2025-08-01")
    )
    [(path, line, message)] = problems_of(project)
    assert (path, line) == ("audits/co/a2.yaml", line_of(late, "outcome:"))
    assert "renouvellement impossible : le certificat n° CLIQ-1 a expiré le 2023-02-01" in message
    assert "repasser un audit initial (« initial », décision « certified »)" in message


def test_renewed_before_valid_until_renews(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2020-01-10", "certified", "2020-02-01", "CLIQ-1")
    write_audit(
        project, "a2", CLIQ, "renouvellement", "2022-12-10", "renewed", "2023-01-31", "CLIQ-2"
    )
    [cert] = certificates(project, "2024-01-01")
    assert (cert.number, cert.valid_until) == ("CLIQ-2", dt.date(2026, 1, 30))


@pytest.mark.parametrize("referentiel", [CLIQ, AMARC])
def test_a_complementary_audit_cannot_carry_a_renewal(project: Path, referentiel: str):
    write_audit(
        project, "a1", referentiel, "initial", "2020-01-10", "certified", "2020-02-01", "CERT-1"
    )
    write_audit(
        project,
        "a2",
        referentiel,
        "renouvellement",
        "2022-11-10",
        "complementary-action",
        "2022-12-01",
    )
    extra = write_audit(
        project,
        "a3",
        referentiel,
        "complementaire",
        "2022-12-20",
        "renewed",
        "2023-01-10",
        "CERT-2",
    )
    [(path, line, message)] = problems_of(project)
    assert (path, line) == ("audits/co/a3.yaml", line_of(extra, "outcome:"))
    assert (
        "décision « renewed » impossible après un audit « complementaire » : seul "
        "l'audit de renouvellement (« renouvellement ») renouvelle un certificat"
    ) in message


def test_maintained_on_an_audit_below_the_certificate_level_is_refused_on_its_line(project: Path):
    write_audit(
        project,
        "a1",
        AMARC,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "QUALI-1",
        level="B",
    )
    low = write_audit(
        project, "a2", AMARC, "surveillance-1", "2025-01-10", "maintained", "2025-02-01", level="A"
    )
    [(path, line, message)] = problems_of(project)
    assert (path, line) == ("audits/co/a2.yaml", line_of(low, "outcome:"))
    assert (
        "maintien impossible : l'audit est réalisé au niveau A, inférieur au niveau B du "
        "certificat n° QUALI-1"
    ) in message


def test_maintained_at_the_certificate_level_or_above_keeps_it(project: Path):
    write_audit(
        project,
        "a1",
        AMARC,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "QUALI-1",
        level="A",
    )
    write_audit(
        project, "a2", AMARC, "surveillance-1", "2025-01-10", "maintained", "2025-02-01", level="B"
    )
    [cert] = certificates(project, "2025-06-01")
    assert (cert.status, cert.level) == ("valid", "A")


def test_the_level_order_comes_from_the_referentiel(project: Path):
    """Levels listed the other way round in the référentiel file: B is then the lower one."""
    path = project / "referentiels" / f"{AMARC}.yaml"
    ref = load_referentiel(path, f"referentiels/{AMARC}.yaml")
    assert ref.level_ids() == ("A", "B")
    text = path.read_text(encoding="utf-8")
    start = text.index("  levels:\n", text.index("evaluation:"))
    block_end = text.index("\n  results:", start)
    block = text[start:block_end]
    entries = block.split("\n    - ")
    swapped = "\n    - ".join([entries[0], *reversed(entries[1:])])
    path.write_text(text[:start] + swapped + text[block_end:], encoding="utf-8")
    assert load_referentiel(path, f"referentiels/{AMARC}.yaml").level_ids() == ("B", "A")
    write_audit(
        project,
        "a1",
        AMARC,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "QUALI-1",
        level="A",
    )
    write_audit(
        project, "a2", AMARC, "surveillance-1", "2025-01-10", "maintained", "2025-02-01", level="B"
    )
    [(_, _, message)] = problems_of(project)
    assert "niveau B, inférieur au niveau A" in message


def test_the_example_data_keeps_to_the_lifecycle_rules():
    assert load_repository(PROJECT).problems == []


# --- scope of each certificate --------------------------------------------------------------


def test_a_certificate_covers_the_whole_company_when_no_decision_states_a_scope(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2024-01-10", "certified", "2024-02-01", "CLIQ-1")
    [cert] = certificates(project, "2024-06-01")
    assert [s.name for s in cert.sites] == ["Entrepôt de Nantes", "Agence de Rennes"]
    assert cert.activities == ("transport", "logistique")
    assert not cert.partial_scope
    [change] = cert.scope_history
    assert change.first and not change.reduced


def test_each_certificate_of_a_company_carries_its_own_scope(project: Path):
    write_audit(
        project,
        "c1",
        CLIQ,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "CLIQ-1",
        scope="sites: [Entrepôt de Nantes]",
    )
    write_audit(
        project,
        "q1",
        AMARC,
        "initial",
        "2024-03-10",
        "certified",
        "2024-04-01",
        "QUALI-1",
        level="B",
        scope="activities: [logistique]",
    )
    amarc, cliq = certificates(project, "2024-06-01")
    assert ([s.name for s in cliq.sites], cliq.activities) == (
        ["Entrepôt de Nantes"],
        ("transport", "logistique"),
    )
    assert ([s.name for s in amarc.sites], amarc.activities) == (
        ["Entrepôt de Nantes", "Agence de Rennes"],
        ("logistique",),
    )
    assert amarc.level == "B" and cliq.partial_scope and amarc.partial_scope
    assert cliq.covered_company.sites == cliq.sites
    assert amarc.covered_company.activities == ("logistique",)


def test_a_maintained_decision_without_scope_keeps_the_scope_and_one_with_a_scope_changes_it(
    project: Path,
):
    write_audit(
        project,
        "a1",
        CLIQ,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "CLIQ-1",
        scope="activities: [transport]",
    )
    write_audit(project, "a2", CLIQ, "suivi-1", "2024-12-10", "maintained", "2025-01-05")
    [kept] = certificates(project, "2025-06-01")
    assert kept.activities == ("transport",) and len(kept.scope_history) == 1
    write_audit(
        project,
        "a3",
        CLIQ,
        "suivi-2",
        "2025-11-10",
        "maintained",
        "2025-12-01",
        scope="sites: [Agence de Rennes]\nactivities: [transport, logistique]",
    )
    [cert] = certificates(project, "2026-01-01")
    assert [s.name for s in cert.sites] == ["Agence de Rennes"]
    assert cert.activities == ("transport", "logistique")
    first, change = cert.scope_history
    assert change.reduced and change.removed_sites == ("Entrepôt de Nantes",)
    assert change.added_activities == ("logistique",)
    assert cert.history[-1].scope_change is change
    assert cert.history[1].scope_change is None  # the maintenance that kept the scope


def test_unknown_scope_names_are_errors_on_their_line_with_a_suggestion(project: Path):
    audit = write_audit(
        project,
        "a1",
        CLIQ,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "CLIQ-1",
        scope="sites:\n  - Entrepot de Nantes\nactivities:\n  - transport\n  - logistiqeu",
    )
    problems = problems_of(project)
    assert [(p, line) for p, line, _ in problems] == [
        ("audits/co/a1.yaml", line_of(audit, "Entrepot de Nantes")),
        ("audits/co/a1.yaml", line_of(audit, "logistiqeu")),
    ]
    assert (
        "site « Entrepot de Nantes » inconnu de l'entreprise co" in problems[0][2]
        and "vouliez-vous dire « Entrepôt de Nantes » ?" in problems[0][2]
    )
    assert (
        "activité « logistiqeu » inconnue" in problems[1][2]
        and "vouliez-vous dire « logistique » ?" in problems[1][2]
    )


def test_a_scope_naming_sites_of_a_company_without_sites_says_so(project: Path):
    (project / "audits/co/company.yaml").write_text(
        "name: Seule SA\naddress: 1 rue A, 75001 Paris\n", encoding="utf-8"
    )
    write_audit(
        project,
        "a1",
        CLIQ,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "CLIQ-1",
        scope="sites: [Siège]",
    )
    [(_, _, message)] = problems_of(project)
    assert "company.yaml ne déclare aucun champ « sites »" in message


def test_a_scope_on_a_decision_that_sets_none_is_an_error(project: Path):
    write_audit(project, "a1", CLIQ, "initial", "2024-01-10", "certified", "2024-02-01", "CLIQ-1")
    suspended = write_audit(
        project,
        "a2",
        CLIQ,
        "suivi-1",
        "2024-12-10",
        "suspended",
        "2025-01-05",
        scope="sites: [Agence de Rennes]",
    )
    [(path, line, message)] = problems_of(project)
    assert (path, line) == ("audits/co/a2.yaml", line_of(suspended, "scope:"))
    assert "« scope » sans effet sur une décision « suspended »" in message


def test_only_sites_left_out_make_a_partially_certified_network(project: Path):
    write_audit(
        project,
        "c1",
        CLIQ,
        "initial",
        "2024-01-10",
        "certified",
        "2024-02-01",
        "CLIQ-1",
        scope="activities: [transport]",
    )
    write_audit(
        project,
        "q1",
        AMARC,
        "initial",
        "2024-03-10",
        "certified",
        "2024-04-01",
        "QUALI-1",
        scope="sites: [Agence de Rennes]",
    )
    amarc, cliq = certificates(project, "2024-06-01")
    assert not cliq.covered_company.partial_network  # every site, fewer activities
    assert amarc.covered_company.partial_network
    assert [s.name for s in amarc.excluded_sites] == ["Entrepôt de Nantes"]


def test_the_published_register_counts_an_undecided_audit_as_performed(project: Path):
    """The public view of an undecided audit has no type, yet the next audit due is the one
    after it: statuses are replayed from the full audits, then shown through public views."""
    from refpub.core.certification.register import published_register

    write_audit(project, "a1", CLIQ, "initial", "2024-01-10", "certified", "2024-02-01", "CLIQ-1")
    write_audit(project, "a2", CLIQ, "suivi-1", "2024-12-10")
    repo = load_repository(project)
    as_of = dt.date(2025, 2, 1)
    companies = {c.id: published_company(c, as_of) for c in repo.companies.values()}
    [cert] = published_register(
        build_register(list(repo.companies.values()), as_of), companies
    ).certificates
    assert cert.next_audit is not None and cert.next_audit.type == "suivi-2"
    pending = next(a for a in cert.company.audits if a.id == "a2")
    assert pending.withheld and pending.type is None and pending.lead_auditor is None
    assert all(e.audit is companies["co"].audits[0] for e in cert.history)
