"""Build-scaling benchmark (``make bench``): the refpub site against a plain Material site.

For each N, generates in a temporary folder a copy of the project (mkdocs.yml, docs/,
overrides/, referentiels/) with N fictional companies, each with a full certification cycle
(CLIQ® 2006; one company in ten AMARC RE/MRC/03), builds it with ``mkdocs build`` in a
subprocess, then builds a plain Material for MkDocs site with as many ordinary Markdown pages
of similar size, kept out of the navigation (``not_in_nav``) as our generated pages are.
Prints a Markdown table: wall time, peak memory of the build process, HTML pages, site size,
plain build time and the ratio, then T(N max) / T(N min).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from refpub.core.referentiel import load_referentiel

PROJECT = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "docs", "overrides", "referentiels")
CLIQ_SUBCRITERIA = ("org-1.1", "org-1.2", "org-1.3", "org-2.1", "org-2.2", "org-3.1",
                    "op-1.1", "op-1.2", "op-1.3", "op-1.4", "op-2.1", "op-2.2", "op-3.1",
                    "op-3.2", "op-3.3")
CLIQ_CYCLE = (("initial", 0, "certified"), ("suivi-1", 11, "maintained"),
              ("suivi-2", 22, "maintained"), ("renouvellement", 33, "renewed"))
AMARC_CYCLE = (("initial", 0, "certified"), ("surveillance-1", 12, "maintained"),
               ("surveillance-2", 24, "maintained"), ("renouvellement", 34, "renewed"))
FIRST_AUDIT = dt.date(2021, 9, 6)
DECISION_DELAY = dt.timedelta(days=21)
TODAY = "2026-11-23"
ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.S)


@dataclass
class Build:
    seconds: float
    peak_mb: float
    pages: int
    size_mb: float
    article_chars: int


@dataclass
class Row:
    companies: int
    refpub: Build
    plain: Build
    plain_in_nav: Build | None


# --- fictional data ----------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def company_yaml(index: int) -> str:
    return (f"name: Entreprise Fictive n° {index} SAS\n"
            f"address: {index} rue des Essais Imaginaires, 75000 Paris\n"
            "sites:\n"
            f"  - name: Plateforme fictive {index}\n"
            f"    address: {index} avenue du Banc d'Essai, 69000 Lyon\n"
            "activities: [transport routier, logistique]\n"
            f"website: https://entreprise-{index}.example\n")


def audit_header(ref: str, kind: str, date: dt.date, index: int) -> list[str]:
    return [f"referentiel: {ref}", f"type: {kind}", f"date: {date.isoformat()}",
            "lead_auditor: Claire Exemple", "auditors: [Claire Exemple, Julien Essai]",
            f"public_summary: \"Audit {kind} de l'entreprise fictive n° {index} : système "
            "de relation client en place, engagements de service suivis et revus.\"",
            "observations: Données de test générées par le banc de mesure ; aucune "
            "entreprise réelle.",
            "corrective_actions:", "  - \"op-3.2 : enregistrer toutes les réclamations.\""]


def decision_lines(date: dt.date, outcome: str, certificate: str | None) -> list[str]:
    lines = ["decision:", f"  date: {(date + DECISION_DELAY).isoformat()}",
             f"  outcome: {outcome}"]
    if certificate:
        lines.append(f"  certificate: {certificate}")
    return lines


def cliq_grades(index: int, step: int) -> list[str]:
    lines = ["grades:"]
    for position, ident in enumerate(CLIQ_SUBCRITERIA):
        results = 1 + (index + step + position) % 2
        lines += [f"  {ident}:", "    approach: 2", "    deployment: 2",
                  f"    results: {results}", "    review: 1"]
        if position % 5 == 0:
            lines += ["    persons_met:", "      - {name: Paul Essai, function: Responsable}",
                      "    evidence:",
                      "      - {type: record, reference: REC-1, title: Registre de suivi}"]
    return lines


def amarc_items(items: list[str]) -> list[str]:
    return ["level: A", "items:"] + [f"  \"{ident}\": {{result: conform}}" for ident in items]


def write_company(audits: Path, index: int, amarc_items_a: list[str]) -> None:
    folder = audits / f"entreprise-fictive-{index:05d}"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text(company_yaml(index), encoding="utf-8")
    amarc = index % 10 == 0
    ref, cycle, prefix = (("amarc-re-mrc-03", AMARC_CYCLE, "QUALICERT") if amarc
                          else ("cliq-2006", CLIQ_CYCLE, "CLIQ"))
    start = FIRST_AUDIT + dt.timedelta(days=index % 365)
    certified = start + DECISION_DELAY
    for step, (kind, months, outcome) in enumerate(cycle):
        date = start if months == 0 else add_months(certified, months) - dt.timedelta(days=7)
        number = None
        if outcome in ("certified", "renewed"):
            number = f"{prefix}-{date.year}-{index:05d}"
        body = audit_header(ref, kind, date, index)
        body += amarc_items(amarc_items_a) if amarc else cliq_grades(index, step)
        body += decision_lines(date, outcome, number)
        (folder / f"{date.isoformat()}-{kind}.yaml").write_text("\n".join(body) + "\n",
                                                                encoding="utf-8")


def make_project(target: Path, companies: int) -> None:
    target.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    items = [r.id for r in load_referentiel(target / "referentiels" / "amarc-re-mrc-03.yaml")
             .requirements_for_level("A")]
    audits = target / "audits"
    audits.mkdir()
    for index in range(1, companies + 1):
        write_company(audits, index, items)


# --- the plain Material site -------------------------------------------------------------

PLAIN_CONFIG = """site_name: Site témoin
site_url: https://example.org/temoin/
theme:
  name: material
  language: fr
  features: [navigation.indexes, navigation.sections, search.highlight, content.tooltips]
  font: false
plugins:
  - search:
      lang: fr
markdown_extensions: [attr_list, md_in_html, tables, admonition, {toc: {permalink: true}}]
"""


def plain_page(index: int, chars: int) -> str:
    """An ordinary page: a title, paragraphs and a table, about ``chars`` characters of HTML."""
    lines = [f"# Page ordinaire {index}", "", "## Présentation", ""]
    paragraph = ("Texte ordinaire d'une page de documentation, avec des mots, des phrases et "
                 f"un [lien vers l'accueil](../index.md) (page {index}). ")
    row = "| Engagement {0} | Élément {0} | 75,0 % | conforme |"
    lines += ["| Engagement | Élément | Note | Résultat |", "|---|---|---|---|"]
    position = 0
    while sum(len(line) for line in lines) * 2 < chars:
        position += 1
        lines.append(row.format(position))
        if position % 10 == 0:
            lines += ["", f"## Section {position}", "", paragraph * 3, "",
                      "| Engagement | Élément | Note | Résultat |", "|---|---|---|---|"]
    return "\n".join(lines) + "\n"


def make_plain(target: Path, pages: int, chars: int, in_nav: bool) -> None:
    docs = target / "docs"
    (docs / "pages").mkdir(parents=True)
    config = PLAIN_CONFIG
    if not in_nav:
        config += "nav:\n  - Accueil: index.md\nnot_in_nav: |\n  /pages/\n"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n\nSite témoin.\n", encoding="utf-8")
    for index in range(1, pages):
        (docs / "pages" / f"page-{index:05d}.md").write_text(plain_page(index, chars),
                                                             encoding="utf-8")


# --- measuring ---------------------------------------------------------------------------

def run_build(project: Path, log: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one ``mkdocs build`` subprocess."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REFPUB_TODAY": TODAY,
           "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
               str(project / "mkdocs.yml"), "-d", str(project / "site")]
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"échec de la construction de {project} :\n{log.read_text()[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def measure(project: Path) -> Build:
    seconds, peak = run_build(project, project / "build.log")
    site = project / "site"
    html = list(site.rglob("*.html"))
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    articles = [len(m.group(1)) for f in html
                if (m := ARTICLE.search(f.read_text(encoding="utf-8")))]
    mean_article = sum(articles) // len(articles) if articles else 0
    return Build(seconds, peak, len(html), size / 1e6, mean_article)


def bench(companies: int, work: Path, nav_included: bool) -> Row:
    project = work / f"refpub-{companies}"
    make_project(project, companies)
    refpub = measure(project)
    plain_dir = work / f"plain-{companies}"
    make_plain(plain_dir, refpub.pages - 1, refpub.article_chars, in_nav=False)
    plain = measure(plain_dir)
    in_nav = None
    if nav_included:
        nav_dir = work / f"plain-nav-{companies}"
        make_plain(nav_dir, refpub.pages - 1, refpub.article_chars, in_nav=True)
        in_nav = measure(nav_dir)
    for folder in (project, plain_dir, work / f"plain-nav-{companies}"):
        shutil.rmtree(folder, ignore_errors=True)
    return Row(companies, refpub, plain, in_nav)


# --- report ------------------------------------------------------------------------------

def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(f"{name} {metadata.version(name)}"
                         for name in ("mkdocs", "mkdocs-material", "jinja2", "markdown"))
    return (f"machine : {os.cpu_count()} cœurs, {memory:.1f} Gio, {platform.platform()}, "
            f"Python {platform.python_version()}, {versions}")


def print_row(row: Row) -> None:
    r, p = row.refpub, row.plain
    print(f"| {row.companies} | {r.seconds:.1f} s | {r.peak_mb:.0f} Mo | {r.pages} | "
          f"{r.size_mb:.1f} Mo | {p.seconds:.1f} s | {r.seconds / p.seconds:.2f} | "
          f"{r.article_chars} / {p.article_chars} |", flush=True)


def report(rows: list[Row]) -> None:
    first, last = rows[0], rows[-1]
    if len(rows) > 1:
        growth = last.refpub.seconds / first.refpub.seconds
        print(f"\nT({last.companies}) / T({first.companies}) = {growth:.2f} "
              f"(linéaire : {last.companies / first.companies:.0f})")
    for row in rows:
        if row.plain_in_nav is not None:
            nav = row.plain_in_nav
            print(f"site témoin à {nav.pages} pages TOUTES dans la navigation : "
                  f"{nav.seconds:.1f} s ({nav.seconds / row.plain.seconds:.1f} × la version "
                  f"hors navigation, {nav.size_mb:.1f} Mo)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,400,1000",
                        help="nombres d'entreprises, séparés par des virgules")
    parser.add_argument("--nav-sizes", default="100",
                        help="tailles où mesurer aussi le site témoin avec toutes ses pages "
                             "dans la navigation (coût quadratique ; vide pour aucune)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    nav_sizes = {int(s) for s in args.nav_sizes.split(",") if s.strip()}
    print(machine())
    print(f"REFPUB_TODAY={TODAY} ; temps = durée murale du processus « mkdocs build --strict » ;"
          " mémoire = ru_maxrss de ce processus\n")
    print("| entreprises | temps refpub | mémoire max | pages HTML | taille du site | "
          "temps témoin | ratio | contenu moyen (car.) refpub / témoin |")
    print("|---|---|---|---|---|---|---|---|")
    rows = []
    with tempfile.TemporaryDirectory(prefix="refpub-bench-") as tmp:
        for companies in sizes:
            row = bench(companies, Path(tmp), companies in nav_sizes)
            print_row(row)
            rows.append(row)
    report(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
