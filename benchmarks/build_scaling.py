"""Benchmark (``make bench``): every figure of issue #12 for the refpub site at N companies,
beside a plain Material for MkDocs site of as many ordinary pages built in the same run.

For each N, generates in a temporary folder a copy of the project (mkdocs.yml, docs/,
overrides/, referentiels/) with N fictional companies, each with a full certification cycle
(CLIQ® 2006; one company in ten AMARC RE/MRC/03), builds it with ``mkdocs build`` in a
subprocess, then builds a plain Material site (Material's own search plugin, as a plain site
has it) whose pages are a heading, a paragraph and a 20-row table, out of the navigation as
our generated pages are. Then, in Debian's Chromium against a local server: what a reader
downloads to land on the home page and get a first search result, the time to that result,
the time to open the register and to filter it. Prints one Markdown table per N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import functools
import http.server
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from refpub.core.referentiels.referentiel import load_referentiel

PROJECT = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "docs", "overrides", "referentiels")
CLIQ_SUBCRITERIA = (
    "org-1.1",
    "org-1.2",
    "org-1.3",
    "org-2.1",
    "org-2.2",
    "org-3.1",
    "op-1.1",
    "op-1.2",
    "op-1.3",
    "op-1.4",
    "op-2.1",
    "op-2.2",
    "op-3.1",
    "op-3.2",
    "op-3.3",
)
CLIQ_CYCLE = (
    ("initial", 0, "certified"),
    ("suivi-1", 11, "maintained"),
    ("suivi-2", 22, "maintained"),
    ("renouvellement", 33, "renewed"),
)
AMARC_CYCLE = (
    ("initial", 0, "certified"),
    ("surveillance-1", 12, "maintained"),
    ("surveillance-2", 24, "maintained"),
    ("renouvellement", 34, "renewed"),
)
FIRST_AUDIT = dt.date(2021, 9, 6)
DECISION_DELAY = dt.timedelta(days=21)
TODAY = "2026-11-23"
CHROMIUM = Path("/usr/bin/chromium")

# --- fictional data ----------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


CITIES = (
    "75000 Paris",
    "69003 Lyon",
    "13002 Marseille",
    "31000 Toulouse",
    "44000 Nantes",
    "67000 Strasbourg",
    "33000 Bordeaux",
    "59000 Lille",
    "35000 Rennes",
    "21000 Dijon",
    "38000 Grenoble",
    "76000 Rouen",
    "51100 Reims",
    "37000 Tours",
    "87000 Limoges",
)


def company_name(index: int) -> str:
    return f"Entreprise Fictive n° {index} SAS"


def company_yaml(index: int) -> str:
    return (
        f"name: {company_name(index)}\n"
        f"address: {index} rue des Essais Imaginaires, {CITIES[index % len(CITIES)]}\n"
        "sites:\n"
        f"  - name: Plateforme fictive {index}\n"
        f"    address: {index} avenue du Banc d'Essai, 69000 Lyon\n"
        "activities: [transport routier, logistique]\n"
        f"website: https://entreprise-{index}.example\n"
    )


def audit_header(ref: str, kind: str, date: dt.date, index: int) -> list[str]:
    return [
        f"referentiel: {ref}",
        f"type: {kind}",
        f"date: {date.isoformat()}",
        "lead_auditor: Claire Exemple",
        "auditors: [Claire Exemple, Julien Essai]",
        f"public_summary: \"Audit {kind} de l'entreprise fictive n° {index} : système "
        'de relation client en place, engagements de service suivis et revus."',
        "observations: Données de test générées par le banc de mesure ; aucune entreprise réelle.",
        "corrective_actions:",
        '  - "op-3.2 : enregistrer toutes les réclamations."',
    ]


def decision_lines(date: dt.date, outcome: str, certificate: str | None) -> list[str]:
    lines = ["decision:", f"  date: {(date + DECISION_DELAY).isoformat()}", f"  outcome: {outcome}"]
    if certificate:
        lines.append(f"  certificate: {certificate}")
    return lines


def cliq_grades(index: int, step: int) -> list[str]:
    lines = ["grades:"]
    for position, ident in enumerate(CLIQ_SUBCRITERIA):
        results = 1 + (index + step + position) % 2
        lines += [
            f"  {ident}:",
            "    approach: 2",
            "    deployment: 2",
            f"    results: {results}",
            "    review: 1",
        ]
        if position % 5 == 0:
            lines += [
                "    persons_met:",
                "      - {name: Paul Essai, function: Responsable}",
                "    evidence:",
                "      - {type: record, reference: REC-1, title: Registre de suivi}",
            ]
    return lines


def amarc_items(items: list[str]) -> list[str]:
    return ["level: A", "items:"] + [f'  "{ident}": {{result: conform}}' for ident in items]


def write_company(audits: Path, index: int, amarc_items_a: list[str]) -> None:
    folder = audits / f"entreprise-fictive-{index:05d}"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text(company_yaml(index), encoding="utf-8")
    amarc = index % 10 == 0
    ref, cycle, prefix = (
        ("amarc-re-mrc-03", AMARC_CYCLE, "QUALICERT")
        if amarc
        else ("cliq-2006", CLIQ_CYCLE, "CLIQ")
    )
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
        (folder / f"{date.isoformat()}-{kind}.yaml").write_text(
            "\n".join(body) + "\n", encoding="utf-8"
        )


def make_project(target: Path, companies: int) -> None:
    target.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    items = [
        r.id
        for r in load_referentiel(
            target / "referentiels" / "amarc-re-mrc-03.yaml"
        ).requirements_for_level("A")
    ]
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
  features: [navigation.indexes, navigation.sections, content.tooltips]
  font: false
plugins:
  - search:
      lang: fr
markdown_extensions: [attr_list, md_in_html, tables, admonition, {toc: {permalink: true}}]
nav:
  - Accueil: index.md
not_in_nav: |
  /pages/
"""


def plain_page(index: int) -> str:
    """An ordinary page: a heading, a paragraph and a 20-row table."""
    lines = [
        f"# Page ordinaire {index}",
        "",
        "Texte ordinaire d'une page de documentation, avec des mots, des phrases et "
        f"un [lien vers l'accueil](../index.md) (page {index}).",
        "",
        "| Engagement | Élément | Note | Résultat |",
        "|---|---|---|---|",
    ]
    lines += [f"| Engagement {row} | Élément {row} | 75,0 % | conforme |" for row in range(1, 21)]
    return "\n".join(lines) + "\n"


def make_plain(target: Path, pages: int) -> None:
    docs = target / "docs"
    (docs / "pages").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n\nSite témoin.\n", encoding="utf-8")
    for index in range(1, pages):
        (docs / "pages" / f"page-{index:05d}.md").write_text(plain_page(index), encoding="utf-8")


# --- building ----------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    pages: int
    size_mb: float
    bytes_by_type: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: what a host counts: files, the largest one (bytes), sitemap files, the JSON register
    files: int = 0
    largest_file: int = 0
    sitemaps: int = 0
    api_json_bytes: int = 0


#: page types of the refpub site, by the path of their index.html
PAGE_TYPES = (
    ("audit", re.compile(r"^certificats/[^/]+/audits/")),
    ("document d'information", re.compile(r"^certificats/[^/]+/document-information/")),
    ("registre (page 1)", re.compile(r"^certificats/index\.html$")),
    ("registre (page suivante)", re.compile(r"^certificats/page_\d+/")),
    ("entreprise", re.compile(r"^certificats/[^/]+/index\.html$")),
    ("engagement", re.compile(r"^referentiels/[^/]+/engagement-")),
    ("accueil", re.compile(r"^index\.html$")),
    ("page ordinaire (témoin)", re.compile(r"^pages/")),
)


def run_build(
    project: Path, log: Path, site: str = "site", cache: Path | None = None
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, the processes it waited for included:
    Pagefind, PDF workers) and peak resident memory (MB) of one ``mkdocs build``
    subprocess, with the build cache folder ``cache`` (REFPUB_CACHE_DIR) or without any.
    On a shared machine the CPU time varies much less than the wall time."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "REFPUB_TODAY": TODAY,
        "SOURCE_DATE_EPOCH": "1700000000",
    }
    env.pop("REFPUB_CACHE_DIR", None)
    if cache is not None:
        env["REFPUB_CACHE_DIR"] = str(cache)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(project / site),
    ]
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"échec de la construction de {project} :\n{log.read_text()[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure_build(project: Path, cache: Path | None = None) -> Build:
    seconds, cpu, peak = run_build(project, project / "build.log", cache=cache)
    site = project / "site"
    html = list(site.rglob("*.html"))
    sizes = [f.stat().st_size for f in site.rglob("*") if f.is_file()]
    size = sum(sizes)
    api = site / "api" / "certificats.json"
    by_type: dict[str, list[int]] = defaultdict(list)
    for page in html:
        path = page.relative_to(site).as_posix()
        kind = next((name for name, pattern in PAGE_TYPES if pattern.search(path)), None)
        if kind:
            by_type[kind].append(page.stat().st_size)
    return Build(
        seconds,
        cpu,
        peak,
        len(html),
        size / 1e6,
        {k: (len(v), sum(v) // len(v)) for k, v in by_type.items()},
        len(sizes),
        max(sizes, default=0),
        len(list(site.glob("sitemap*.xml"))),
        api.stat().st_size if api.is_file() else 0,
    )


@dataclass
class Rebuild:
    """The same project built again with the cache folder the first build filled, as the
    publish workflow does with the folder it restores."""

    seconds: float
    cpu_seconds: float
    identical: bool


def rebuild_with_cache(project: Path, cache: Path) -> Rebuild:
    seconds, cpu, _ = run_build(project, project / "rebuild.log", site="site-again", cache=cache)
    comparison = filecmp.dircmp(project / "site", project / "site-again")
    return Rebuild(seconds, cpu, _same_tree(comparison))


def pagefind_reproducible(site: Path) -> bool:
    """Indexes the built site a second time elsewhere: the same files, byte for byte."""
    from refpub.site import search

    again = site.parent / "pagefind-again"
    subprocess.run(
        [
            str(search.executable()),
            "--site",
            str(site),
            "--output-path",
            str(again),
            "--force-language",
            search.LANGUAGE,
            "--exclude-selectors",
            search.EXCLUDED,
            "--silent",
        ],
        check=True,
    )
    for name in search.UNUSED_BUNDLE_FILES:
        (again / name).unlink(missing_ok=True)
    comparison = filecmp.dircmp(site / search.BUNDLE_DIR, again)
    return _same_tree(comparison)


def _same_tree(comparison: filecmp.dircmp) -> bool:
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    return (
        not mismatch and not errors and all(_same_tree(sub) for sub in comparison.subdirs.values())
    )


# --- in the browser ----------------------------------------------------------------------


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and counts the bytes of every file sent."""

    sent: list[int]

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        self.sent.append(len(data))
        outputfile.write(data)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[int]]]:
    sent: list[int] = []
    handler = type("Handler", (CountingHandler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Reader:
    search_bytes: int = 0
    search_seconds: float = 0.0
    register_seconds: float | None = None
    filter_first_seconds: float | None = None
    filter_next_seconds: float | None = None


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()


def first_search(
    browser: Any, site: Path, query: str, input_selector: str, result_selector: str
) -> tuple[int, float]:
    """Bytes downloaded from landing on the home page to the first result of ``query``, and
    seconds from the first key typed to that result (fresh browser cache)."""
    with counting_server(site) as (url, sent):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.click(input_selector)
        start = time.perf_counter()
        page.type(input_selector, query)
        page.wait_for_selector(result_selector, timeout=60_000)
        seconds = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        context.close()
        return sum(sent), seconds


def register_times(browser: Any, site: Path, query: str) -> tuple[float, float, float]:
    """Seconds to open the register (load event), to filter it the first time (its data
    fetched when the reader entered the field: the time runs from the query typed) and a
    second time."""
    with counting_server(site) as (url, _):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url + "certificats/", wait_until="load")
        opened = time.perf_counter() - start
        timings = []
        page.click("#refpub-filters input[name=q]")  # a reader enters the field, then types
        for text in (query, query + " "):
            page.evaluate(
                "document.querySelector('#refpub-register').removeAttribute('data-filtered')"
            )
            start = time.perf_counter()
            page.fill("#refpub-filters input[name=q]", text)
            page.wait_for_function(
                "() => document.querySelector('#refpub-register').hasAttribute('data-filtered')",
                timeout=60_000,
            )
            timings.append(time.perf_counter() - start)
        context.close()
        return opened, timings[0], timings[1]


def read_refpub(browser: Any, site: Path, companies: int) -> Reader:
    name = company_name(companies // 2 + 1)
    search_bytes, seconds = first_search(
        browser,
        site,
        name,
        "[data-refpub-search] input[name=query]",
        "[data-refpub-search] .md-search-result__item",
    )
    opened, first, following = register_times(browser, site, name)
    return Reader(search_bytes, seconds, opened, first, following)


def read_plain(browser: Any, site: Path, pages: int) -> Reader:
    search_bytes, seconds = first_search(
        browser,
        site,
        f"Page ordinaire {pages // 2}",
        ".md-search__input",
        ".md-search-result__item",
    )
    return Reader(search_bytes, seconds)


# --- report ------------------------------------------------------------------------------


@dataclass
class Row:
    companies: int
    refpub: Build
    plain: Build | None
    refpub_reader: Reader | None
    plain_reader: Reader | None
    reproducible: bool
    rebuild: Rebuild


def bench(companies: int, work: Path, browser: Any | None, with_plain: bool = True) -> Row:
    project = work / f"refpub-{companies}"
    make_project(project, companies)
    cache = work / f"cache-{companies}"
    refpub = measure_build(project, cache)  # an empty cache folder: a cold build
    reproducible = pagefind_reproducible(project / "site")
    rebuild = rebuild_with_cache(project, cache)
    shutil.rmtree(cache, ignore_errors=True)
    refpub_reader = read_refpub(browser, project / "site", companies) if browser else None
    shutil.rmtree(project, ignore_errors=True)
    plain, plain_reader = None, None
    if with_plain:
        plain_dir = work / f"plain-{companies}"
        make_plain(plain_dir, refpub.pages - 1)
        plain = measure_build(plain_dir)
        plain_reader = read_plain(browser, plain_dir / "site", plain.pages) if browser else None
        shutil.rmtree(plain_dir, ignore_errors=True)
    return Row(companies, refpub, plain, refpub_reader, plain_reader, reproducible, rebuild)


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pagefind-bin")
    )
    return (
        f"machine : {os.cpu_count()} cœurs, {memory:.1f} Gio, {platform.platform()}, "
        f"Python {platform.python_version()}, {versions}"
    )


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def print_row(row: Row) -> None:
    r, p = row.refpub, row.plain
    reader, plain_reader = row.refpub_reader, row.plain_reader
    print(
        f"\n### {row.companies} entreprises ({r.pages} pages HTML ; témoin : "
        f"{p.pages if p else 'non construit'})\n"
    )
    print("| mesure | refpub | site témoin | cible |")
    print("|---|---|---|---|")
    print(
        f"| construction à froid (`mkdocs build`) : durée murale ; CPU ; mémoire | "
        f"{r.seconds:.1f} s ; {r.cpu_seconds:.1f} s ; {r.peak_mb:.0f} Mo | "
        f"{f'{p.seconds:.1f} s ; {p.cpu_seconds:.1f} s ; {p.peak_mb:.0f} Mo' if p else '—'}"
        " | ≤ 30 s, < 1 Go (à 1000) |"
    )
    print(
        f"| reconstruction avec le cache restauré (PDF) | "
        f"{row.rebuild.seconds:.1f} s ; {row.rebuild.cpu_seconds:.1f} s, site identique "
        f"octet pour octet : {'oui' if row.rebuild.identical else 'NON'} | — | identique |"
    )
    if p:
        per_page = (r.seconds / r.pages) / (p.seconds / p.pages)
        per_page_cpu = (r.cpu_seconds / r.pages) / (p.cpu_seconds / p.pages)
        print(
            f"| coût par page (rapport au témoin) : durée murale ; CPU | {per_page:.2f} × ; "
            f"{per_page_cpu:.2f} × | 1 × | ≤ 1,0 × |"
        )
    if reader:
        print(
            f"| téléchargé pour l'accueil + un premier résultat de recherche | "
            f"{reader.search_bytes / 1e6:.2f} Mo | "
            f"{f'{plain_reader.search_bytes / 1e6:.2f} Mo' if plain_reader else '—'}"
            " | ≤ 3 Mo, constant |"
        )
        print(
            f"| premier résultat après la saisie d'un nom (Chromium) | "
            f"{seconds(reader.search_seconds)} | "
            f"{seconds(plain_reader.search_seconds if plain_reader else None)} | ≤ 1,5 s |"
        )
    print(
        f"| taille du site | {r.size_mb:.1f} Mo (× 1000 / {row.companies} : "
        f"{r.size_mb * 1000 / row.companies:.0f} Mo) | "
        f"{f'{p.size_mb:.1f} Mo' if p else '—'} | ≤ 100 Mo pour 1000 |"
    )
    print(
        f"| fichiers ; le plus gros | {r.files} ; {r.largest_file / 2**20:.2f} Mio | "
        f"{f'{p.files} ; {p.largest_file / 2**20:.2f} Mio' if p else '—'} | "
        "≤ 20 000 fichiers, ≤ 25 Mio (Cloudflare Pages gratuit) |"
    )
    print(
        f"| fichiers sitemap ; `api/certificats.json` | {r.sitemaps} ; "
        f"{r.api_json_bytes / 2**20:.2f} Mio | — | ≤ 50 000 adresses par sitemap |"
    )
    if reader:
        print(
            f"| registre : ouverture ; premier filtre ; filtre suivant | "
            f"{seconds(reader.register_seconds)} ; {seconds(reader.filter_first_seconds)} ; "
            f"{seconds(reader.filter_next_seconds)} | — | ≤ 1,5 s ; ≤ 0,2 s |"
        )
    print(
        f"| index Pagefind reproductible (deux indexations identiques) | "
        f"{'oui' if row.reproducible else 'NON'} | — | oui |"
    )
    plain_kinds = {
        kind if "témoin" in kind else f"{kind} (témoin)": value
        for kind, value in (p.bytes_by_type if p else {}).items()
    }
    kinds = {**r.bytes_by_type, **plain_kinds}
    print(
        "\nOctets par type de page (nombre de pages, taille moyenne du HTML) : "
        + " ; ".join(
            f"{kind} {count} × {size / 1000:.1f} ko" for kind, (count, size) in kinds.items()
        ),
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="100,1000",
        help="nombres d'entreprises, séparés par des virgules (10000 possible)",
    )
    parser.add_argument("--no-browser", action="store_true", help="sans les mesures dans Chromium")
    parser.add_argument(
        "--plain-up-to",
        type=int,
        default=None,
        help="ne construire le site témoin que jusqu'à ce nombre d'entreprises",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(machine())
    print(
        f"REFPUB_TODAY={TODAY} ; construction = durée murale du processus « mkdocs build "
        "--strict », mémoire = son ru_maxrss ; navigateur : Chromium de Debian, serveur "
        "local sans compression, cache vide"
    )
    with tempfile.TemporaryDirectory(prefix="refpub-bench-") as tmp:
        use_browser = not args.no_browser and CHROMIUM.is_file()
        with chromium() if use_browser else _nothing() as browser:
            for companies in sizes:
                plain = args.plain_up_to is None or companies <= args.plain_up_to
                print_row(bench(companies, Path(tmp), browser, plain))
    return 0


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


if __name__ == "__main__":
    raise SystemExit(main())
