"""The site a certification body puts its name on: public navigation and home, the body's
identity as configuration, publish mode (no example address, no missing mark), marks never
replaced by a look-alike, French elision, badge and QR code files."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from cli_support import run_mkdocs

from refpub.core.french import de
from refpub.site import identity
from refpub.site import mode as publish

from conftest import FIXTURES, PROJECT

FIXTURES_MINI = FIXTURES / "mini"

PUBLIC_URL = "https://registre.certificateur.fr/"
AUTOCARS = "autocars-imaginaires-bourgogne"
DURAND = "transports-fictifs-durand"


class Nav(HTMLParser):
    """Titles and targets of the links of Material's primary navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (values.get("class") or ""):
            self.depth = 1
        elif self.depth and tag == "nav":
            self.depth += 1
        if self.depth and tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "nav":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and data.strip():
            self.text.append(data.strip())


def _nav(page: Path) -> Nav:
    parser = Nav()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _build(project: Path, env: dict[str, str], strict: bool = True):
    args = ["build", "-d", str(project / "out")]
    return run_mkdocs(args + (["--strict"] if strict else ["--no-strict"]), cwd=project, env=env)


# --- the body's site: navigation, home, footer, legal notice ---------------------------------


def test_public_navigation_holds_only_what_the_body_publishes(built_site: Path) -> None:
    nav = _nav(built_site / "index.html")
    text = " ".join(nav.text)
    for section in (
        "Certificats",
        "Référentiels",
        "Guide de la relation client",
        "Outils",
        "Auditeurs",
        "Organisme",
    ):
        assert section in text, section
    for maintainer in ("Architecture", "Performances", "Migration", "Formats des données"):
        assert maintainer not in text, maintainer
    assert any(link.startswith("auditeurs/") for link in nav.links)
    assert any(link.startswith("organisme/") for link in nav.links)
    assert not (built_site / "formats").exists()
    assert (built_site / "auditeurs" / "format-referentiel" / "index.html").is_file()
    for page in ("architecture", "performance", "migration", "maintainers"):
        assert not list(built_site.glob(f"**/{page}/index.html")), page


def test_home_page_speaks_to_the_public(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "YAML" not in home and "dépôt git" not in home
    assert 'href="certificats/"' in home and "Vérifier un certificat" in home


class Links(HTMLParser):
    """Every link of a page as (text, href), and the texts of its h2 headings."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.headings: list[str] = []
        self._open: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "h2"):
            self._open, self._href = [], dict(attrs).get("href") or ""
            self._tag = tag

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._tag:
            text = " ".join("".join(self._open).split()).removesuffix("¶").strip()
            if tag == "a" and self._href and text:
                self.links.append((text, self._href))
            elif tag == "h2":
                self.headings.append(text)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _links(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_navigation_lists_every_tool_under_its_own_name(built_site: Path) -> None:
    nav = _nav(built_site / "index.html")
    pairs = dict(zip(nav.text, nav.links, strict=False))
    links = dict(_links(built_site / "index.html").links)
    assert links["Autoévaluation"] == "autoevaluation/"
    assert links["Simulateur de pré-audit CLIQ®"] == "outils/simulateur-cliq/"
    assert links["Outils"] == "outils/"
    assert "Autoévaluation" in pairs and "Simulateur de pré-audit CLIQ®" in pairs
    tools = (built_site / "outils" / "index.html").read_text(encoding="utf-8")
    for target in ("../autoevaluation/", "simulateur-cliq/", "indicateurs/", "nps/"):
        assert f'href="{target}"' in tools, target
    assert (built_site / "outils" / "simulateur-cliq" / "index.html").is_file()


def test_one_name_leads_to_one_destination_on_the_home_page(built_site: Path) -> None:
    home = _links(built_site / "index.html")
    targets: dict[str, set[str]] = {}
    for text, href in home.links:
        if not href.startswith("#"):
            targets.setdefault(text, set()).add(href.removesuffix("index.html"))
    assert {text: hrefs for text, hrefs in targets.items() if len(hrefs) > 1} == {}
    # a section of the home page never bears the name of a navigation item leading elsewhere
    assert not set(home.headings) & set(targets), set(home.headings) & set(targets)
    assert targets["Vérifier un certificat"] == {"verification/"}


def test_home_page_links_the_register_data_files(built_site: Path) -> None:
    links = dict(_links(built_site / "index.html").links)
    assert links["api/certificats.json"] == "api/certificats.json"
    assert links["certificats/feed.xml"] == "certificats/feed.xml"
    assert (built_site / "api" / "certificats.json").is_file()
    assert (built_site / "certificats" / "feed.xml").is_file()


def test_site_title_names_the_body_after_the_configured_site_name(built_site: Path) -> None:
    config = yaml.safe_load(
        (PROJECT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )
    title = f"{config['site_name']} — {config['extra']['organisme']['name']}"
    home = unescape((built_site / "index.html").read_text(encoding="utf-8"))
    assert f"<title>{title}</title>" in home
    assert re.search(r'md-header__topic">\s*<span class="md-ellipsis">\s*' + re.escape(title), home)
    page = unescape((built_site / "outils" / "nps" / "index.html").read_text(encoding="utf-8"))
    assert f"<title>Calculateur NPS - {title}</title>" in page


def test_auditors_corner_summarises_the_submission_steps(built_site: Path) -> None:
    page = (built_site / "auditeurs" / "index.html").read_text(encoding="utf-8")
    for step in (
        "refpub new-audit",
        "refpub validate",
        "pull request",
        "public_summary",
        "confidentiel",
    ):
        assert step in page, step


def test_footer_names_the_body_in_french_on_every_page(built_site: Path) -> None:
    name = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))[
        "extra"
    ]["organisme"]["name"]
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Made with" not in html and "Material for MkDocs</a>" not in html, page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    footer = home[home.index('<footer class="md-footer">') :]
    assert f"Site publié par {name}" in footer.replace("&#39;", "'")
    assert 'href="mentions-legales/"' in footer and "Mentions légales" in footer
    assert (
        "Identité et marques d&#39;exemple" in footer or "Identité et marques d'exemple" in footer
    )


def test_legal_notice_comes_from_the_configuration(built_site: Path) -> None:
    page = (built_site / "mentions-legales" / "index.html").read_text(encoding="utf-8")
    for heading in (
        "Éditeur du site",
        "Directeur ou directrice de la publication",
        "Hébergeur",
        "Données personnelles",
    ):
        assert heading in page, heading
    assert "Camille Exemple" in page and "Valeurs d'exemple" in page.replace("&#39;", "'")


def test_header_logo_is_the_bodys_with_its_name(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'src="organisme/exemple/logo-organisme-exemple.svg"' in home
    assert 'alt="Logotype d&#39;Organisme certificateur Exemple (fictif)"' in home


def test_identity_configuration_is_checked() -> None:
    assert identity.load({}) == identity.Organisme()
    with pytest.raises(identity.IdentityError, match="nom"):
        identity.load({"organisme": {"email": "a@b.fr"}})
    with pytest.raises(identity.IdentityError, match="adress"):
        identity.load({"organisme": {"name": "X", "adress": "1 rue"}})
    with pytest.raises(identity.IdentityError, match="legal.host"):
        identity.load({"organisme": {"name": "X", "legal": {"host": " "}}})
    body = identity.load({"organisme": {"name": "X", "marks": {"cliq-2006": "m.svg"}}})
    assert body.configured and body.marks == {"cliq-2006": "m.svg"}


# --- addresses right by construction -------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://example.org/refpub/",
        "http://www.example.com/",
        "https://registre.example/",
        "https://x.invalid/",
        "http://localhost:8000/",
        "http://127.0.0.1:8000/",
        "https://site.test/",
        "/refpub/",
    ],
)
def test_placeholder_addresses_are_refused(url: str) -> None:
    assert publish.placeholder_url(url)


@pytest.mark.parametrize("url", [PUBLIC_URL, "https://organisme.github.io/registre/"])
def test_public_addresses_are_accepted(url: str) -> None:
    assert publish.placeholder_url(url) is None


def test_publish_switch_is_one_variable() -> None:
    from refpub.site.settings import SettingsError, read_settings

    assert read_settings({}).publishing is False
    assert read_settings({"REFPUB_PUBLISH": "1"}).publishing is True
    with pytest.raises(SettingsError, match="REFPUB_PUBLISH"):
        read_settings({"REFPUB_PUBLISH": "oui"})


def test_publish_mode_refuses_the_example_address(mini_project: Path) -> None:
    result = _build(mini_project, {"REFPUB_PUBLISH": "1"})
    assert result.returncode != 0
    assert "publication (REFPUB_PUBLISH=1) refusée" in result.output
    assert "site_url est vide" in result.output and "REFPUB_SITE_URL" in result.output
    assert "la publication exige la clé" in result.output  # every reason at once
    assert "Traceback" not in result.output


def test_publish_build_uses_the_public_address(site_build, publishable_project: Path) -> None:
    from credential_support import SIGNED_ENV

    site = site_build(
        publishable_project, {**SIGNED_ENV, "REFPUB_PUBLISH": "1", "REFPUB_SITE_URL": PUBLIC_URL}
    )
    api = json.loads((site / "api" / "certificats.json").read_text(encoding="utf-8"))
    assert {c["url"] for c in api} == {f"{PUBLIC_URL}certificats/{c['company']}/" for c in api}
    qr = (site / "certificats" / DURAND / "qr.svg").read_text(encoding="utf-8")
    assert f"{PUBLIC_URL}certificats/{DURAND}/" in qr
    page = (site / "certificats" / DURAND / "index.html").read_text(encoding="utf-8")
    assert f"{PUBLIC_URL}certificats/{DURAND}/badge.svg" in page
    assert "example.org" not in page


def test_publish_workflow_sets_the_address_and_the_mode() -> None:
    workflow = yaml.safe_load(
        (PROJECT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    )
    jobs = workflow["jobs"]
    address = next(
        job_id
        for job_id, job in jobs.items()
        if any(str(s.get("uses", "")).startswith("actions/configure-pages@") for s in job["steps"])
    )
    pages = next(
        s
        for s in jobs[address]["steps"]
        if str(s.get("uses", "")).startswith("actions/configure-pages@")
    )
    assert f"steps.{pages['id']}.outputs.base_url" in jobs[address]["outputs"]["base_url"]
    build = next(s for s in jobs["build"]["steps"] if "mkdocs build" in s.get("run", ""))
    assert build["env"]["REFPUB_PUBLISH"] == "1"
    assert f"needs.{address}.outputs.base_url" in build["env"]["REFPUB_SITE_URL"]
    needs = jobs["build"]["needs"]
    assert address in ([needs] if isinstance(needs, str) else needs)


def test_make_serve_and_readme_agree_on_the_address() -> None:
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    serve = makefile[makefile.index("\nserve:") :].split("\n\n")[0]
    assert "REFPUB_SITE_URL=http://127.0.0.1:8000/" in serve and "127.0.0.1:8000" in serve
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8000/" in readme
    assert "python3 -m http.server --bind 127.0.0.1 -d site" in readme
    assert "Open `site/index.html`" not in readme
    assert "extra.organisme.marks" in readme and "docs/organisme/marques/" in readme


def test_readme_lists_every_environment_variable_the_code_reads() -> None:
    code = "\n".join(
        f.read_text(encoding="utf-8") for f in (PROJECT / "plugins" / "refpub").rglob("*.py")
    )
    read = set(re.findall(r'"((?:REFPUB|SOURCE_DATE|NO_MKDOCS)_[A-Z0-9_]+)"', code))
    assert {"REFPUB_TODAY", "REFPUB_SIGNING_KEY", "REFPUB_CACHE_DIR", "REFPUB_PUBLISH"} <= read
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Environment") : readme.index("## Skipped tests")]
    listed = set(re.findall(r"^\| `([A-Z_0-9]+)", table, flags=re.MULTILINE))
    assert read | {"SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING"} <= listed, read - listed
    assert "publish mode refuses" in table


def test_a_dirty_build_prints_no_english_warning(tmp_path: Path) -> None:
    args = ["build", "--dirty", "-d", str(tmp_path / "out")]
    done = run_mkdocs(args, cwd=FIXTURES_MINI, env={"REFPUB_TODAY": "2026-11-23"})
    assert done.returncode == 0, done.stderr
    assert "Documentation built" in done.stderr  # the build ran and logged
    assert "WARNING" not in done.stderr and "A 'dirty' build" not in done.stderr


# --- marks -----------------------------------------------------------------------------------

MINI_MARK = Path("docs") / "marque-fictive-exemple.svg"
MARK_WARNING = "le logotype de la marque Marque fictive (demo-levels) est introuvable"


def test_missing_mark_is_a_warning_shown_once_and_no_stand_in(mini_project: Path) -> None:
    (mini_project / MINI_MARK).unlink()
    result = _build(mini_project, {"REFPUB_TODAY": "2026-01-15"}, strict=False)
    assert result.returncode == 0, result.output
    assert result.output.count(MARK_WARNING) == 1
    assert "WARNING" in result.output.split(MARK_WARNING)[0].splitlines()[-1]
    page = (
        mini_project
        / "out"
        / "certificats"
        / "demo-niveaux"
        / "document-information"
        / "index.html"
    ).read_text(encoding="utf-8")
    mention = page.split('data-mention="mark-logo"')[1].split("</section>")[0]
    assert "<img" not in mention and "Marque fictive" in mention


def test_a_second_build_in_the_same_process_warns_again(mini_project: Path) -> None:
    """Warnings are remembered by one plugin instance (a ``mkdocs serve`` session), not by the
    process: a new build says again what is missing."""
    (mini_project / MINI_MARK).unlink()
    for _ in range(2):
        result = _build(mini_project, {"REFPUB_TODAY": "2026-01-15"}, strict=False)
        assert result.returncode == 0, result.output
        assert result.output.count(MARK_WARNING) == 1


def test_missing_mark_refuses_the_publication(mini_project: Path) -> None:
    (mini_project / MINI_MARK).unlink()
    config = mini_project / "mkdocs.yml"
    config.write_text(
        f"site_url: {PUBLIC_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = _build(mini_project, {"REFPUB_PUBLISH": "1"})
    assert result.returncode != 0
    assert MARK_WARNING in result.output and "docs/marque-fictive-exemple.svg" in result.output


def test_example_marks_are_shown_as_examples(built_site: Path) -> None:
    page = (built_site / "certificats" / AUTOCARS / "index.html").read_text(encoding="utf-8")
    img = re.search(r'<img src="([^"]*marque-qualicert-exemple\.svg)" alt="([^"]*)"', page)
    assert img is not None
    alt = unescape(img.group(2))
    assert alt.startswith("Logotype d'exemple, à remplacer")
    assert "Qualicert" in alt
    assert not (built_site / "assets" / "refpub" / "mark-placeholder.svg").exists()


# --- French elision ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Autocars Imaginaires", "d'Autocars Imaginaires"),
        ("Transports Fictifs", "de Transports Fictifs"),
        ("Éts Martin", "d'Éts Martin"),
        ("Ynov", "d'Ynov"),
        ("« Opale »", "d'« Opale »"),
        ("Hôtel du Port", "de Hôtel du Port"),
        ("3F Logistique", "de 3F Logistique"),
    ],
)
def test_de_is_elided_before_a_vowel(name: str, expected: str) -> None:
    assert de(name) == expected


def test_elision_in_descriptions_badges_and_captions(built_site: Path) -> None:
    autocars = unescape(
        (built_site / "certificats" / AUTOCARS / "index.html").read_text(encoding="utf-8")
    )
    assert '<meta name="description" content="Certificats d\'Autocars' in autocars
    assert "de Autocars" not in autocars
    assert "alt=\"Badge de statut du certificat d'Autocars" in autocars
    assert "Statut du certificat d'Autocars" in autocars  # embed snippets
    durand = (built_site / "certificats" / DURAND / "index.html").read_text(encoding="utf-8")
    assert "Certificats de Transports" in durand
    audit = next((built_site / "certificats" / DURAND / "audits").glob("*/index.html"))
    assert "sous-critères de Transports" in audit.read_text(encoding="utf-8")
    every = "\n".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    assert not re.search(r"\bde (Autocars|Eaux|Entrepôts|Affrètement|Autocar)", every)


# --- badge and QR code files ------------------------------------------------------------------


def test_badge_names_the_holder_and_the_certificate(built_site: Path) -> None:
    badge = (built_site / "certificats" / DURAND / "badge.svg").read_text(encoding="utf-8")
    api = json.loads((built_site / "api" / "certificats.json").read_text(encoding="utf-8"))
    cert = next(c for c in api if c["company"] == DURAND)
    assert cert["name"] in badge and cert["certificate"] in badge
    assert re.search(r'aria-label="[^"]*' + re.escape(cert["name"]), badge)


def test_qr_code_has_a_white_background_and_a_four_module_quiet_zone(built_site: Path) -> None:
    qr = (built_site / "certificats" / DURAND / "qr.svg").read_text(encoding="utf-8")
    scale = 4
    size = int(re.search(r'width="(\d+)"', qr).group(1))
    modules = size // scale
    assert f'<path fill="#fff" d="M0 0h{modules}v{modules}h-{modules}z"/>' in qr
    # the first dark module is 4 modules in from the top-left corner (finder pattern)
    assert 'd="M4 4.5h7' in qr
    assert (modules - 8 - 21) % 4 == 0  # a QR symbol is 21 + 4k modules wide


def test_a_fresh_clone_has_the_example_identity_and_marks() -> None:
    """What `make site` needs from a fresh clone is in git, and named as an example."""
    import subprocess

    tracked = set(
        subprocess.run(
            ["git", "ls-files", "docs"], cwd=PROJECT, check=True, capture_output=True, text=True
        ).stdout.split()
    )
    config = yaml.safe_load(
        (PROJECT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )
    body = identity.load(config["extra"])
    assert body.example and "exemple" in body.name.lower()
    files = [body.logo, *body.marks.values()]
    assert len(body.marks) == 2
    for path in files:
        assert f"docs/{path}" in tracked, path
        assert "exemple" in Path(path).name, path
