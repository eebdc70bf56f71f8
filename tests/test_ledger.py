"""The ledger of published certificates (issue #20): a certificate once published is never
forgotten. Its line in attestations/index-statut.yaml keeps its index and last status;
validate reports a certificate whose data disappeared on that line, and the status lists
keep its recorded status (decoded here from the signed lists the build writes).

The project is the signed mini project (credential_support): one certificate per status.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import run_mkdocs
from credential_support import SIGNED_ENV, SITE_URL
from test_credentials import register_entries, status_list_bits, token_at, verify_independently
from verification_cases import python_verdict

from refpub.cli import main
from refpub.core.attestations import status_list as sl
from refpub.core.certification.ledger import LEDGER_PATH, load_ledger

WITHDRAWN_NUMBER = "DEMO-2024-0003"
WITHDRAWN_KEY = "demo-radar:DEMO-2024-0003:2024-03-20"


@pytest.fixture
def recorded(signed_project: Path, tmp_path: Path, capsys) -> Path:
    """A copy of the signed project whose ledger records every certificate."""
    project = tmp_path / "project"
    shutil.copytree(signed_project, project)
    assert main(["index-statut", str(project), "--ecrire"]) == 0
    assert main(["validate", str(project)]) == 0
    capsys.readouterr()
    return project


def validate(project: Path, capsys) -> tuple[int, str]:
    code = main(["validate", str(project)])
    return code, capsys.readouterr().out


def ledger_line(project: Path, key: str) -> int:
    lines = (project / LEDGER_PATH).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f'"{key}"'))


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> str:
    """A build without --strict (the ledger's warnings would stop a strict one)."""
    result = run_mkdocs(
        ["build", "--no-strict", "-d", str(site)],
        cwd=project,
        env={**SIGNED_ENV, **(env or {})},
    )
    assert result.returncode == 0, result.output
    return result.output


def revoked(site: Path, token: str) -> bool:
    """Whether the revocation list of ``site`` sets the bit the credential names."""
    credential = verify_independently(token, site)
    [entry] = [s for s in credential["credentialStatus"] if s["statusPurpose"] == "revocation"]
    bits = status_list_bits(site, entry["statusListCredential"], "revocation")
    return sl.bit_at(bits, int(entry["statusListIndex"]))


def test_the_ledger_records_index_and_last_status_of_every_certificate(recorded: Path) -> None:
    ledger, problems = load_ledger(recorded)
    assert not problems
    statuses = {entry.standing.company: entry.standing.status for entry in ledger.entries.values()}
    assert statuses == {
        "demo-co": "valid",
        "demo-niveaux": "valid",
        "demo-suspendu": "suspended",
        "demo-retire": "withdrawn",
        "demo-expire": "valid",
    }
    withdrawn = ledger.entries[WITHDRAWN_KEY].standing
    assert (withdrawn.since.isoformat(), withdrawn.certificate, withdrawn.audit) == (
        "2025-03-05",
        WITHDRAWN_NUMBER,
        "audits/demo-retire/2024-03-01-initial.yaml",
    )


def test_deleting_a_withdrawn_company_is_reported_on_its_ledger_line(
    recorded: Path, capsys
) -> None:
    shutil.rmtree(recorded / "audits/demo-retire")
    code, out = validate(recorded, capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if WITHDRAWN_NUMBER in line]
    assert line.startswith(f"{LEDGER_PATH}:{ledger_line(recorded, WITHDRAWN_KEY)}: ")
    assert "audits/demo-retire/" in line and "a disparu" in line
    assert "« withdrawn »" in line and "ne s'efface pas" in line


def test_a_deleted_withdrawn_company_stays_revoked_in_the_status_list(
    recorded: Path, signed_site: Path, tmp_path: Path
) -> None:
    [entry] = [e for e in register_entries(signed_site) if e["company"] == "demo-retire"]
    token = token_at(signed_site, entry["credential"])
    assert revoked(signed_site, token)
    shutil.rmtree(recorded / "audits/demo-retire")
    site = tmp_path / "site"
    output = build(recorded, site)
    assert WITHDRAWN_NUMBER in output and "WARNING" in output
    assert not (site / "certificats/demo-retire").exists()
    assert revoked(site, token)
    assert python_verdict(site, token).state == "withdrawn"


def test_deleting_the_issuing_audit_is_reported_and_the_suspension_kept(
    recorded: Path, signed_site: Path, tmp_path: Path, capsys
) -> None:
    (recorded / "audits/demo-suspendu/2025-01-15-initial.yaml").unlink()
    code, out = validate(recorded, capsys)
    assert code == 1
    assert "DEMO-2025-0002" in out
    assert "l'audit qui l'a délivré (audits/demo-suspendu/2025-01-15-initial.yaml) a disparu" in out
    [entry] = [e for e in register_entries(signed_site) if e["company"] == "demo-suspendu"]
    token = token_at(signed_site, entry["credential"])
    credential = verify_independently(token, signed_site)
    [status] = [s for s in credential["credentialStatus"] if s["statusPurpose"] == "suspension"]
    shutil.rmtree(recorded / "audits/demo-suspendu")
    site = tmp_path / "site"
    build(recorded, site)
    bits = status_list_bits(site, status["statusListCredential"], "suspension")
    assert sl.bit_at(bits, int(status["statusListIndex"]))
    assert python_verdict(site, token).state == "suspended"


def test_removing_the_withdrawal_decision_is_refused(
    recorded: Path, signed_site: Path, tmp_path: Path, capsys
) -> None:
    """The data says valid again: a revocation is final, validate and the command refuse,
    and the build keeps the revocation published."""
    (recorded / "audits/demo-retire/2025-02-01-suivi-1.yaml").unlink()
    before = (recorded / LEDGER_PATH).read_text(encoding="utf-8")
    code, out = validate(recorded, capsys)
    assert code == 1
    assert f"{LEDGER_PATH}:{ledger_line(recorded, WITHDRAWN_KEY)}: " in out
    assert "un retrait est définitif" in out
    assert main(["index-statut", str(recorded), "--ecrire"]) == 1
    assert "un retrait est définitif" in capsys.readouterr().out
    assert (recorded / LEDGER_PATH).read_text(encoding="utf-8") == before
    [entry] = [e for e in register_entries(signed_site) if e["company"] == "demo-retire"]
    site = tmp_path / "site"
    build(recorded, site)
    assert python_verdict(site, token_at(signed_site, entry["credential"])).state == "withdrawn"


def test_a_revocation_lifted_by_hand_in_the_ledger_is_refused(
    recorded: Path, signed_site: Path, tmp_path: Path, capsys
) -> None:
    ledger = recorded / LEDGER_PATH
    text = ledger.read_text(encoding="utf-8")
    line = text.splitlines()[ledger_line(recorded, WITHDRAWN_KEY) - 1]
    ledger.write_text(
        text.replace(line, line.replace("status: withdrawn", "status: valid")), encoding="utf-8"
    )
    code, out = validate(recorded, capsys)
    assert code == 1
    assert "pas à jour pour le certificat DEMO-2024-0003 : « retiré »" in out
    [entry] = [e for e in register_entries(signed_site) if e["company"] == "demo-retire"]
    site = tmp_path / "site"
    build(recorded, site)
    assert revoked(site, token_at(signed_site, entry["credential"]))


def test_a_new_decision_must_be_recorded_before_validate_accepts(recorded: Path, capsys) -> None:
    from credential_support import audit_yaml

    folder = recorded / "audits/demo-suspendu"
    (folder / "2026-06-01-suivi.yaml").write_text(
        audit_yaml("suivi-1", "2026-06-01", "2026-06-20", "maintained", None), encoding="utf-8"
    )
    code, out = validate(recorded, capsys)
    assert code == 1
    assert (
        "pas à jour pour le certificat DEMO-2025-0002 : « valide » depuis le 2026-06-20" in out
        and "refpub index-statut --ecrire" in out
    )
    fresh = recorded / "audits/demo-nouveau"
    fresh.mkdir()
    (fresh / "company.yaml").write_text(
        "name: Nouvelle SA\naddress: 1 rue Neuve, 75001 Paris\n", encoding="utf-8"
    )
    (fresh / "2026-05-01-initial.yaml").write_text(
        audit_yaml("initial", "2026-05-01", "2026-05-20", "certified", "DEMO-2026-0077"),
        encoding="utf-8",
    )
    code, out = validate(recorded, capsys)
    assert "audits/demo-nouveau/2026-05-01-initial.yaml:" in out
    assert "DEMO-2026-0077 n'est pas inscrit au registre" in out
    assert main(["index-statut", str(recorded), "--ecrire"]) == 0
    assert validate(recorded, capsys)[0] == 0


def test_renewal_with_a_new_number_and_renaming_keep_the_index(recorded: Path, capsys) -> None:
    from credential_support import audit_yaml

    key = "demo-radar:DEMO-2020-0004:2020-02-01"
    index = load_ledger(recorded)[0].entries[key].index
    old = recorded / "audits/demo-expire"
    (old / "2022-12-01-renouvellement.yaml").write_text(
        audit_yaml("renouvellement", "2022-12-01", "2023-01-10", "renewed", "DEMO-2023-0100"),
        encoding="utf-8",
    )
    new = recorded / "audits/demo-renomme"
    old.rename(new)
    company = new / "company.yaml"
    company.write_text(
        company.read_text(encoding="utf-8") + "aliases: [demo-expire]\n", encoding="utf-8"
    )
    code, out = validate(recorded, capsys)
    assert code == 1 and "a disparu" not in out
    assert "pas à jour pour le certificat DEMO-2023-0100" in out
    assert main(["index-statut", str(recorded), "--ecrire"]) == 0
    assert validate(recorded, capsys)[0] == 0
    entry = load_ledger(recorded)[0].entries[key]
    assert (entry.index, entry.standing.certificate, entry.standing.company) == (
        index,
        "DEMO-2023-0100",
        "demo-renomme",
    )


def test_a_fresh_repository_without_ledger_validates_but_is_not_published(
    signed_project: Path, tmp_path: Path, capsys
) -> None:
    assert not (signed_project / LEDGER_PATH).exists()
    assert main(["validate", str(signed_project)]) == 0
    assert "pas encore de registre des attestations" in capsys.readouterr().err
    result = run_mkdocs(
        ["build", "-d", str(tmp_path / "site")],
        cwd=signed_project,
        env={**SIGNED_ENV, "REFPUB_PUBLISH": "1", "REFPUB_SITE_URL": SITE_URL},
    )
    assert result.returncode != 0
    assert "le registre des attestations manque" in result.output
    assert "refpub index-statut --ecrire" in result.output


def test_publish_mode_refuses_a_ledger_that_is_not_current(recorded: Path, tmp_path: Path) -> None:
    (recorded / "audits/demo-suspendu/2026-01-08-suivi-1.yaml").unlink()
    result = run_mkdocs(
        ["build", "-d", str(tmp_path / "site")],
        cwd=recorded,
        env={**SIGNED_ENV, "REFPUB_PUBLISH": "1"},
    )
    assert result.returncode != 0
    assert "registre des attestations pas à jour pour le certificat DEMO-2025-0002" in result.output


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('"demo-radar:demo-1:2020-01-01": 3', "clé « demo-radar:demo-1:2020-01-01 » invalide"),
        (
            '"r:NUM-1:2020-01-01": {index: 3, status: revoked, since: 2020-01-01, '
            "certificate: NUM-1, company: c, audit: a}",
            "statut « revoked » invalide",
        ),
        (
            '"r:NUM-1:2020-01-01": {index: 3, status: valid, since: 2020-13-01, '
            "certificate: NUM-1, company: c, audit: a}",
            "date « 2020-13-01 » invalide",
        ),
        (
            '"r:NUM-1:2020-01-01": {index: 3, status: valid, since: 2020-01-01, '
            "certificate: NUM-1, company: c, audit: a, note: x}",
            "champ « note » inconnu",
        ),
        (
            '"r:NUM-1:2020-01-01": {index: 3, status: valid, since: 2020-01-01, '
            "certificate: NUM-1, audit: a}",
            "« company » manque",
        ),
    ],
)
def test_a_malformed_ledger_line_is_reported_on_its_line(
    tmp_path: Path, line: str, message: str
) -> None:
    file = tmp_path / LEDGER_PATH
    file.parent.mkdir()
    file.write_text(f"# commentaire\n{line}\n", encoding="utf-8")
    problems = load_ledger(tmp_path)[1]
    assert [(p.path, p.line) for p in problems] == [(LEDGER_PATH, 2)]
    assert message in problems[0].message


def test_an_unreadable_audit_is_reported_as_such_not_as_a_lost_certificate(
    recorded: Path, capsys
) -> None:
    (recorded / "audits/demo-retire/2024-03-01-initial.yaml").write_text(
        "referentiel: [demo-radar\n", encoding="utf-8"
    )
    code, out = validate(recorded, capsys)
    assert code == 1
    assert "audits/demo-retire/2024-03-01-initial.yaml:" in out
    assert "a disparu" not in out and "n'est plus dans les données" not in out


def test_the_previous_ledger_catches_data_and_ledger_edited_together(
    recorded: Path, tmp_path: Path, capsys
) -> None:
    """Company folder and ledger line deleted in one change: only the published ledger
    (--registre-precedent, e.g. the main branch's) still knows the certificate."""
    ledger = recorded / LEDGER_PATH
    previous = tmp_path / "registre-publie.yaml"
    shutil.copy2(ledger, previous)
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    withdrawn = ledger_line(recorded, WITHDRAWN_KEY)
    ledger.write_text("".join(lines[: withdrawn - 1] + lines[withdrawn:]), encoding="utf-8")
    shutil.rmtree(recorded / "audits/demo-retire")
    assert validate(recorded, capsys)[0] == 0
    assert main(["validate", str(recorded), "--registre-precedent", str(previous)]) == 1
    out = capsys.readouterr().out
    assert (
        f"{LEDGER_PATH}:1: la ligne du certificat « {WITHDRAWN_KEY} » (publié) a été supprimée"
        in out
        and "« withdrawn »" in out
    )


def test_the_previous_ledger_forbids_moving_an_index_or_lifting_a_revocation(
    recorded: Path, tmp_path: Path, capsys
) -> None:
    ledger = recorded / LEDGER_PATH
    previous = tmp_path / "registre-publie.yaml"
    shutil.copy2(ledger, previous)
    text = ledger.read_text(encoding="utf-8")
    line = text.splitlines()[ledger_line(recorded, WITHDRAWN_KEY) - 1]
    index = load_ledger(recorded)[0].entries[WITHDRAWN_KEY].index
    ledger.write_text(
        text.replace(line, line.replace("status: withdrawn", "status: valid")), encoding="utf-8"
    )
    assert main(["validate", str(recorded), "--registre-precedent", str(previous)]) == 1
    assert "un retrait est définitif, le registre ne peut pas le lever" in capsys.readouterr().out
    ledger.write_text(
        text.replace(f"{{index: {index},", f"{{index: {index + 1},"), encoding="utf-8"
    )
    assert main(["validate", str(recorded), "--registre-precedent", str(previous)]) == 1
    assert f"est passé de {index} à {index + 1}" in capsys.readouterr().out
    ledger.write_text(text, encoding="utf-8")
    assert main(["validate", str(recorded), "--registre-precedent", str(previous)]) == 0
