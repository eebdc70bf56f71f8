"""What a company.yaml must respect beyond its schema: its sites' SIRET numbers are
establishments of its own SIREN, each listed once.

The schema checks each number alone (digits, INSEE checksum); a SIRET begins with the SIREN of
the company the establishment belongs to, which only the whole file can tell.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..checks.problems import Problem
from ..intake.source import Located


def identifier_problems(doc: Located) -> Iterator[Problem]:
    """Every SIRET of ``doc`` that is not an establishment of its SIREN, or listed twice."""
    siren = doc.data.get("siren")
    first_site: dict[str, int] = {}
    for index, site in enumerate(doc.data.get("sites", [])):
        siret = site.get("siret")
        if siret is None:
            continue
        where = ("sites", index, "siret")
        if siren is None:
            yield doc.problem(
                where,
                f"SIRET « {siret} » sans SIREN de l'entreprise : ajoutez "
                f'« siren: "{siret[:9]}" » à company.yaml',
            )
        elif not siret.startswith(siren):
            yield doc.problem(
                where,
                f"le SIRET « {siret} » n'est pas un établissement du "
                f"SIREN « {siren} » : ses 9 premiers chiffres doivent "
                "être ceux du SIREN",
            )
        if siret in first_site:
            line = doc.line_of(("sites", first_site[siret], "siret"))[0]
            yield doc.problem(
                where,
                f"SIRET « {siret} » déjà donné à un autre site (ligne "
                f"{line}) : chaque établissement a son propre SIRET",
            )
        first_site.setdefault(siret, index)
