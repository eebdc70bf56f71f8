"""The MkDocs plugin: MkDocs events only. It asks the core for the model and the page list,
adds the pages as virtual files and renders their bodies with the package's templates."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core.attestations.signing import load_previous_keys
from ..core.audits.company import (
    Company,
    InternalCompany,
    PublishedCompany,
    internal_company,
    published_company,
)
from ..core.audits.repository import AUDITS_DIR, REFERENTIELS_DIR, Repository, load_repository
from ..core.certification.ledger import (
    LEDGER_PATH,
    WRITE_COMMAND,
    Ledger,
    forgotten,
    issued_certificates,
    ledger_problems,
    load_ledger,
)
from ..core.certification.register import (
    Register,
    build_register,
    never_certified,
    published_register,
)
from ..core.checks.problems import Problem
from ..core.french import de
from ..core.intake import private_keys
from ..core.intake.cache import CheckedFiles
from ..core.sealing import sealed
from . import (
    applicants,
    compact,
    complaints,
    config_values,
    credentials,
    identity,
    information_pdf,
    key_files,
    mentions,
    outputs,
    producer,
    publication,
    quiet,
    register_api,
    register_listing,
    search,
    sitemaps,
    theme_files,
)
from . import pages as site_pages
from .identity import Organisme
from .mode import PUBLISH_ENV
from .notices import OnceLog
from .qr_codes import QrCodes
from .render import PACKAGE_TEMPLATES, anchor_ids, make_environment, toc_from_html
from .settings import INTERNAL_ENV, BuildSettings, SettingsError, read_settings

log = logging.getLogger("mkdocs.plugins.refpub")

SEARCH_JS_URI = "assets/refpub/search.js"


def internal_build(configured: bool, settings: BuildSettings) -> bool:
    """The committee's internal site: ``internal: true`` in mkdocs.yml or the internal
    variable (``settings.INTERNAL_ENV`` set to 1)."""
    return configured or settings.internal_requested == "1"


class _Count(opt.Type[int]):
    """A number of items per page or file: a whole number of at least 1, refused in French
    by MkDocs' configuration check otherwise (never a division by zero later)."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        count = super().run_validation(value)
        if isinstance(count, bool) or count < 1:
            raise ValidationError(f"un nombre entier d'au moins 1 est attendu, pas {value!r}")
        return count


class RefpubConfig(Config):
    root = opt.Type(str, default="")
    internal = opt.Type(bool, default=False)
    #: certificates per page of the register's listing
    register_page_size = _Count(register_listing.PAGE_SIZE)
    #: URLs per sitemap file, past which sitemap.xml becomes an index (the protocol's limit)
    sitemap_max_urls = _Count(sitemaps.MAX_URLS)
    #: certificates per page of api/certificats.json, past which it becomes an index
    api_page_size = _Count(register_api.API_PAGE_SIZE)


class _GeneratedPage(File):
    """A generated page whose rebuild is decided once, before rendering: MkDocs asks again
    after the page is rendered, when its fingerprint has already been recorded."""

    rebuild = True

    def is_modified(self) -> bool:
        return self.rebuild


class RefpubPlugin(BasePlugin[RefpubConfig]):
    """Publishes the référentiels, audits and certificates found under ``root``.

    One instance lives as long as ``mkdocs serve`` (it has ``on_startup``): it owns the
    checked files reused across rebuilds and the fingerprints of the pages it wrote."""

    def __init__(self) -> None:
        self.repo: Repository | None = None
        self.specs: dict[str, site_pages.PageSpec] = {}
        self.dirty = False
        self.fingerprints: dict[str, str] = {}
        self.pdf_bodies: dict[str, tuple[str, str]] = {}
        self.pdf_writer: information_pdf.PdfWriter | None = None
        #: PDFs made by this instance, by content key: a rebuild makes only the changed ones
        self.pdfs_made: dict[str, bytes] = {}
        self.qr: QrCodes | None = None
        self.searchable: list[Path] = []
        self.signed: credentials.SignedSite | None = None
        self.checked = CheckedFiles()
        #: warnings shown since the command started: a ``mkdocs serve`` rebuild does not
        #: repeat them, the next ``mkdocs build`` in the same process does
        self.warnings = OnceLog(log)
        #: fingerprint of each generated page last written, by destination path
        self.built: dict[str, str] = {}
        #: generated page bodies by source path, kept only when asked (``refpub render``)
        self.rendered: dict[str, str] | None = None
        #: every file of the last build, the generated ones included
        self.files: Files | None = None
        # what on_config reads and loads for the build under way
        self.settings: BuildSettings
        self.publishing = False
        self.internal = False
        self.env: jinja2.Environment = make_environment([])
        self.organisme: Organisme
        self.missing: list[str] = []
        self.marks: dict[str, str] = {}
        self.publish_settings: publication.PublishSettings | None = None
        # the companies and register as the site publishes them (_publish)
        self.register: Register
        self.companies: list[PublishedCompany | InternalCompany] = []
        self.applicants: list[Company] = []
        self.hidden: set[str] = set()
        # what signs the credentials, when the build has a key (_load_signing)
        self.signing_key: Ed25519PrivateKey | None = None
        self.ledger: Ledger
        self.previous_keys: list[dict[str, str]] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A command starts (MkDocs keeps this instance for the whole process): its warnings
        are told anew. ``mkdocs serve --dirty`` (``make serve``): unchanged company pages are
        not rebuilt, and MkDocs' English warning about dirty builds is not printed."""
        self.dirty = dirty
        self.warnings = OnceLog(log)
        if dirty:
            quiet.silence_dirty_warning()

    def _root(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / self.config.root).resolve() if self.config.root else base

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.settings = read_settings()
        except SettingsError as error:
            raise PluginError(f"refpub : {error}") from error
        self.publishing = self.settings.publishing
        # publish mode never builds the internal site, not even in memory: it lists the
        # request among its refusals instead
        self.internal = internal_build(self.config.internal, self.settings) and not self.publishing
        root = self._root(config)
        repo = load_repository(root, self.checked, self._committee_identities())
        if self.internal and repo.sealed and not repo.sealing.identities:
            raise PluginError(
                f"version interne ({INTERNAL_ENV}=1) : le détail confidentiel de "
                f"{len(repo.sealed)} audit(s) est scellé ; définissez "
                f"{sealed.IDENTITY_ENV} (clé secrète age du comité) pour le lire"
            )
        if repo.problems:
            lines = "\n".join(p.format_text() for p in repo.problems)
            raise PluginError(f"données invalides sous {root} :\n{lines}")
        self.repo = repo
        as_of = self.settings.status_date
        custom_dir = config.theme.custom_dir
        # templates are named "refpub/<name>": <custom_dir>/refpub/<name> overrides them
        overrides = (
            [Path(custom_dir)] if custom_dir and (Path(custom_dir) / "refpub").is_dir() else []
        )
        self.env = make_environment(overrides)
        theme_files.add_theme_dir(config)
        problems = config_values.config_problems(config)
        if problems:
            raise PluginError("refpub : mkdocs.yml :\n" + "\n".join(f"- {p}" for p in problems))
        config_values.escape_theme_texts(config)
        self._configure_identity(config, list(repo.referentiels.values()))
        self._publish(repo, as_of)
        signing_problem = None
        try:
            self._load_signing(root, config)
        except PluginError as error:
            if not self.publishing:
                raise
            signing_problem = str(error)  # publish mode: listed with every other reason
        self.publish_settings = (
            self._publish_settings(config, root, signing_problem) if self.publishing else None
        )
        if producer.CSS_URI not in config.extra_css:
            config.extra_css.append(producer.CSS_URI)
        return config

    def _publish(self, repo: Repository, as_of: dt.date) -> None:
        """The companies and the register the site shows. Statuses are replayed from the
        full audits; templates receive public views of them (results once decided, auditors'
        names where the body publishes them). A company that never held a certificate is an
        applicant: only the internal build shows it."""
        everyone = list(repo.companies.values())
        register = build_register(everyone, as_of)
        never = set() if self.internal else never_certified(everyone, register)
        self.applicants = [c for c in everyone if c.id in never]
        self.hidden = applicants.folders(self.applicants)
        published = {
            c.id: internal_company(c)
            if self.internal
            else published_company(c, as_of, self.organisme.publish_auditors)
            for c in everyone
            if c.id not in never
        }
        self.companies = list(published.values())
        self.register = published_register(register, published)

    def _committee_identities(self) -> tuple:
        """The committee's keys, read for the internal build only: the public build never
        needs them, whether the detail is sealed or not."""
        if not self.internal:
            return ()
        try:
            return sealed.identities_from_text(self.settings.committee_identity)
        except ValueError as error:
            raise PluginError(str(error)) from error

    def _load_signing(self, root: Path, config: MkDocsConfig) -> None:
        """The signing key and what credentials need; without a key a preview build says so
        once and goes on, a publish build (REFPUB_PUBLISH=1) stops."""
        self.signing_key = self.signed = None
        try:
            key = credentials.signing_key_from_pem(self.settings.signing_pem)
        except ValueError as error:
            raise PluginError(str(error)) from error
        if key is None:
            if self.publishing:
                raise PluginError(
                    f"{PUBLISH_ENV}=1 : la publication exige la clé de signature "
                    f"des attestations ({credentials.SIGNING_KEY_ENV}, clé "
                    "Ed25519 PEM PKCS#8)"
                )
            log.info(
                "attestations signées non produites : %s n'est pas défini (aperçu)",
                credentials.SIGNING_KEY_ENV,
            )
            return
        if not config.site_url:
            raise PluginError(
                f"{credentials.SIGNING_KEY_ENV} est défini mais site_url manque "
                "dans mkdocs.yml : l'identifiant did:web des attestations en dérive"
            )
        ledger, ledger_problems = load_ledger(root)
        previous, key_problems = load_previous_keys(root)
        problems = ledger_problems + key_problems
        if problems:
            raise PluginError("attestations :\n" + "\n".join(p.format_text() for p in problems))
        self._check_ledger(ledger)
        self.signing_key, self.ledger, self.previous_keys = key, ledger, previous

    def _check_ledger(self, ledger: Ledger) -> None:
        """A certificate the ledger records but the data has lost is a warning (its recorded
        status stays in the lists); publish mode refuses it, and refuses to sign what the
        ledger does not record as the data stands, so that nothing published is forgotten."""
        assert self.repo is not None
        companies = list(self.repo.companies.values())
        if self.publishing:
            problems = ledger_problems(ledger, companies)
            if not ledger.exists and issued_certificates(companies):
                problems = [
                    Problem(
                        LEDGER_PATH,
                        1,
                        0,
                        f"le registre des attestations manque : "
                        f"lancez « {WRITE_COMMAND} » et committez le fichier "
                        "avant de publier des attestations",
                    )
                ]
            if problems:
                raise PluginError(
                    "registre des attestations :\n" + "\n".join(p.format_text() for p in problems)
                )
            return
        if ledger.entries:
            for problem in forgotten(ledger, issued_certificates(companies), companies):
                self.warnings.warn(f"refpub : {problem.format_text()}")

    def _configure_identity(self, config: MkDocsConfig, referentiels: list) -> None:
        """The body's identity and mark files. What the body has not supplied is a warning
        (shown once) in a preview, and a publish refusal (listed with every other one)."""
        try:
            self.organisme = identity.load(config.extra)
        except ValueError as error:
            raise PluginError(f"refpub : {error}") from error
        docs_dir = Path(config.docs_dir)
        self.missing = identity.missing_files(self.organisme, referentiels, docs_dir)
        self.marks = identity.present_marks(self.organisme, referentiels, docs_dir)
        logo = (
            self.organisme.logo
            if self.organisme.logo and (docs_dir / self.organisme.logo).is_file()
            else None
        )
        if logo:
            config.theme["logo"] = logo
        self.env.globals.update(
            organisme=self.organisme,
            marks=self.marks,
            organisme_logo=logo,
            complaints_uri=complaints.COMPLAINTS_URI,
        )
        if self.publishing:
            return
        for line in self.missing:
            self.warnings.warn(
                f"refpub : {line} ; sans ce fichier la page n'affiche que le nom de "
                f"la marque, et la publication ({PUBLISH_ENV}=1) est refusée"
            )
        for line in identity.unentitled(self.organisme, referentiels):
            message = f"refpub : {line} ; la publication ({PUBLISH_ENV}=1) est refusée"
            if self.organisme.example:
                # the example identity stands in for the body that will publish: told,
                # not a warning, so that the example project builds with strict: true
                log.info(message)
            else:
                self.warnings.warn(message)

    def _publish_settings(
        self, config: MkDocsConfig, root: Path, signing_problem: str | None
    ) -> publication.PublishSettings:
        """What the publish rules read, from the configuration, the docs/ folder and the
        register (the files bound for site/ are scanned for keys once they are known)."""
        assert self.repo is not None
        named = [
            self.organisme.logo,
            *(self.organisme.mark_logo(ref) for ref in self.repo.referentiels.values()),
        ]
        published = {cert.referentiel.id: cert.referentiel for cert in self.register.certificates}
        return publication.PublishSettings(
            site_url=config.site_url,
            organisme=self.organisme,
            addresses=tuple(config_values.configured_addresses(config)),
            internal_env=self.settings.internal_setting,
            internal_config=self.config.internal,
            signing_problem=signing_problem,
            missing_files=tuple(self.missing),
            example_files=tuple(
                publication.example_files(Path(config.docs_dir), [n for n in named if n])
            ),
            referentiels=tuple(ref for _, ref in sorted(published.items())),
            all_referentiels=tuple(sorted(self.repo.referentiels.values(), key=lambda r: r.id)),
            sealing_problems=tuple(sealed.publish_refusals(root)),
        )

    def _refuse_leftovers(self, files: Files, config: MkDocsConfig) -> None:
        """Before anything is written: a file bound for site/ holding a private key stops
        every build; in publish mode, every refusal is listed in one error."""
        leaks = key_files.private_key_files(
            files, Path(config.config_file_path or ".").resolve().parent
        )
        if self.publish_settings is not None:
            reasons = publication.refusals(replace(self.publish_settings, key_files=tuple(leaks)))
            if reasons:
                raise PluginError(
                    f"publication ({PUBLISH_ENV}=1) refusée :\n"
                    + "\n".join(f"- {line}" for line in reasons)
                )
        if leaks:
            raise PluginError(
                "refpub : clé privée destinée à site/, jamais publiée :\n"
                + "\n".join(f"- {line}" for line in leaks)
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.repo is not None
        site_url = config.site_url or ""
        if self.signing_key is not None:
            try:
                self.signed = credentials.signed_site(
                    self.register,
                    self.companies,
                    site_url,
                    self.signing_key,
                    self.previous_keys,
                    self.ledger,
                    self.organisme.name,
                )
            except ValueError as error:
                raise PluginError(f"attestations : {error}") from error
        referentiels = list(self.repo.referentiels.values())
        specs = producer.page_specs(
            producer.SiteContent(
                repo=self.repo,
                register=self.register,
                companies=self.companies,
                organisme=self.organisme,
                marks=self.marks,
                site_url=site_url,
                register_page_size=self.config.register_page_size,
                pdf=information_pdf.available(),
            )
        )
        self.pdf_bodies = {}
        self.pdf_writer = None
        self.searchable = []
        self.specs = {}
        self.fingerprints = {}
        stamp = theme_files.templates_stamp(self.env) if self.dirty else ""
        for spec in specs:
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(
                    f"refpub: la page {spec.src_uri} est générée ; retirez le "
                    "fichier du même nom de docs/"
                )
            self.specs[spec.src_uri] = spec
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = _GeneratedPage.generated(
                config, spec.src_uri, content=producer.front_matter(spec), inclusion=inclusion
            )
            assert isinstance(file, _GeneratedPage)  # File.generated builds its own class
            if self.dirty and spec.sources:
                fingerprint = self._fingerprint(spec, config, stamp)
                self.fingerprints[spec.src_uri] = fingerprint
                file.rebuild = self._needs_rebuild(file, fingerprint)
            files.append(file)
        theme_files.drop_unused(files)
        for uri, path in producer.STATIC_ASSETS:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        files.append(File.generated(config, SEARCH_JS_URI, content=search.search_script(config)))
        files.append(
            File.generated(
                config,
                register_listing.DATA_URI,
                content=register_listing.register_data(self.register),
            )
        )
        for file in applicants.placeholder_files(config, self.applicants):
            files.append(file)
        self.qr = QrCodes(outputs.qr_codes(self.companies, site_url))
        for uri, path in self.qr.start():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        signed = self.signed
        for uri, content in outputs.certificate_files(
            self.companies,
            self.repo.digest_of,
            self.register,
            site_url,
            signed.urls if signed else None,
            self.organisme.name,
            referentiels,
            self.config.api_page_size,
        ):
            files.append(File.generated(config, uri, content=content))
        for uri, content in signed.files if signed else ():
            # INCLUDED explicitly: at a host's root the DID document is .well-known/did.json,
            # which MkDocs' default exclusion of dot-folders would drop
            files.append(
                File.generated(config, uri, content=content, inclusion=InclusionLevel.INCLUDED)
            )
        self._refuse_leftovers(files, config)
        self.files = files
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's partials (logo, footer) write French with the same helpers. Every
        page is rendered: MkDocs copies the files next, QR codes included, so they must be
        written by now."""
        env.filters["de"] = de
        if self.qr is not None:
            self.qr.wait()
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:  # a hand-written page: a link to an applicant keeps its text only
            return applicants.unlink(html, page.url, self.hidden)
        template = self.env.get_template(f"refpub/{spec.template}")

        def link(src_uri: str, anchor: str = "") -> str:
            target = files.get_file_from_path(src_uri)
            if target is None:
                raise PluginError(f"refpub: lien vers une page inexistante : {src_uri}")
            url = get_relative_url(target.url, page.url)
            return f"{url}#{anchor}" if anchor else url

        page_url = f"{config.site_url or ''}{page.url}"
        body = template.render(
            **spec.context,
            page_title=spec.title,
            link=link,
            internal=self.internal,
            page_url=page_url,
            credentials=self.signed.tokens if self.signed else {},
        )
        where = page.url or page.file.src_uri
        self._check_mentions(spec.context.get("communication_checks", ()), body, where, spec)
        snippets = spec.context.get("snippets")
        if snippets is not None:  # the embed code goes on the company's website (VIII.2)
            self._check_mentions(
                snippets.checks, snippets.html, f"{where} (code HTML du badge)", spec
            )
        if spec.context.get("pdf"):
            self.pdf_bodies[page.url] = (body, spec.title)
        page.toc = toc_from_html(body)
        page.present_anchor_ids = anchor_ids(body)
        if spec.src_uri in self.fingerprints:
            self.built[page.file.abs_dest_path] = self.fingerprints[spec.src_uri]
        if self.rendered is not None:
            self.rendered[spec.src_uri] = body
        return body

    def _check_mentions(
        self, checks: Any, html: str, where: str, spec: site_pages.PageSpec
    ) -> None:
        """A page or snippet lacking a mention its référentiel requires is not published."""
        for check in checks:
            absent = [
                m
                for m in mentions.missing(check, html)
                if not self._logo_known_missing(m, check, spec)
            ]
            if absent:
                raise PluginError(mentions.message(check, where, absent))

    def _needs_rebuild(self, file: File, fingerprint: str) -> bool:
        """A dirty build skips a generated page whose inputs are those of the page on disk."""
        return self.built.get(file.abs_dest_path) != fingerprint or not os.path.isfile(
            file.abs_dest_path
        )

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page without the theme's indentation (compact.py); the pages with a
        searchable body are noted for the search index. With the first page written, every
        body is rendered and the static files (logos) are in ``site/``: the information
        documents' PDFs start on the other cores while the build writes the rest. A page
        holding a private key is never written."""
        kind = private_keys.key_kind(output)
        if kind is not None:
            raise PluginError(
                f"refpub : la page {page.file.src_uri} contient une "
                f"{private_keys.describe(kind)} ; elle n'est jamais publiée : "
                "retirez-la de la page ou des données qui la remplissent"
            )
        if self.pdf_writer is None:
            self.pdf_writer = self._start_pdfs(config)
        if search.BODY_MARK in output:
            self.searchable.append(Path(page.file.abs_dest_path))
        return compact.collapse_whitespace(output)

    def _logo_known_missing(self, mention: Any, check: Any, spec: site_pages.PageSpec) -> bool:
        """A mark mention lacking only its logo, whose file is missing: already warned
        about (outside publish mode, which refuses it), not a second error."""
        ref = spec.context.get("ref")
        ref_id = check.scope.rstrip("/") or (ref.id if ref is not None else "")
        return mention.needs_image and ref_id not in self.marks

    def _fingerprint(self, spec: site_pages.PageSpec, config: MkDocsConfig, stamp: str) -> str:
        """Everything a company page is made from: its files, the référentiels, the status
        date, the build mode, the body (the issuer it names), the templates and its signed
        credentials (linked from it)."""
        assert self.repo is not None
        digests = [(path, self.repo.file_digests.get(path, "")) for path in spec.sources]
        company = spec.context.get("company")
        signed = sorted(
            token
            for (owner, _), token in (self.signed.tokens if self.signed else {}).items()
            if company is not None and owner == company.id
        )
        parts = (
            spec.src_uri,
            digests,
            self.repo.fingerprint(),
            self.register.as_of.isoformat(),
            self.internal,
            config.site_url,
            repr(self.organisme),
            stamp,
            signed,
        )
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The information documents as PDF (A4), next to their page, when WeasyPrint is
        here; then the full-text search index of the written site."""
        writer, self.pdf_writer = self.pdf_writer or self._start_pdfs(config), None
        writer.finish()
        self._remove_qr_folder()
        site_dir = Path(config.site_dir)
        sitemaps.split_sitemap(site_dir, config.site_url or "", self.config.sitemap_max_urls)
        # a dirty build (make serve) renders only what changed: then Pagefind reads the site
        search.index_site(site_dir, None if self.dirty else sorted(self.searchable))

    def _start_pdfs(self, config: MkDocsConfig) -> information_pdf.PdfWriter:
        site_dir = Path(config.site_dir)
        writer = information_pdf.PdfWriter(
            [
                (body, title, site_dir / url if url.endswith("/") else (site_dir / url).parent)
                for url, (body, title) in sorted(self.pdf_bodies.items())
            ],
            self.pdfs_made,
        )
        writer.start()
        return writer

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no worker nor temporary folder behind."""
        if self.pdf_writer is not None:
            self.pdf_writer.abandon()
            self.pdf_writer = None
        self._remove_qr_folder()

    def _remove_qr_folder(self) -> None:
        if self.qr is not None:
            self.qr.remove()
            self.qr = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = self._root(config)
        for folder in (REFERENTIELS_DIR, AUDITS_DIR):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        server.watch(str(PACKAGE_TEMPLATES))
        return server
