"""``refpub render DIR``: the site as a plain MkDocs project that any MkDocs-compatible engine
builds without the refpub plugin. The plugin renders every generated page and file once;
DIR receives ``docs/`` (the project's pages, the generated pages as Markdown with their front
matter and rendered HTML body, every generated file), ``theme/`` (the plugin's theme
templates under the project's ``custom_dir``) and a ``mkdocs.yml`` inheriting the project's."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from ..core.french import de
from .identity import Organisme
from .producer import THEME, front_matter

#: The file that marks DIR as a previous render, which a new render may replace.
MARKER = ".refpub-render"
#: What MkDocs writes by itself in every build: the plain build writes it again.
ENGINE_FILES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})


class RenderError(Exception):
    """A render that cannot be made, told in French."""


def render(config_file: Path, target: Path) -> int:
    """Renders the project of ``config_file`` into ``target``; the number of generated pages."""
    _prepare(target)
    with tempfile.TemporaryDirectory(prefix="refpub-render-") as scratch:
        config, plugin, rendered = _build(config_file, Path(scratch) / "site")
        site = Path(config.site_dir)
        docs = target / "docs"
        shutil.copytree(config.docs_dir, docs)
        for src_uri, body in rendered.items():
            page = _markdown(front_matter(plugin.specs[src_uri]), body)
            _write(docs / src_uri, page.encode("utf-8"))
        files = _generated_files(plugin.files, rendered, site)
        for uri in files:
            _write(docs / uri, (site / uri).read_bytes())
        _write_theme(config, target / "theme")
        outside_nav = sorted(uri for uri, spec in plugin.specs.items() if not spec.in_nav)
        plain = _plain_config(config_file, target, config, plugin.organisme, outside_nav)
        plain += _dot_folders_included(files)
        _write(target / "mkdocs.yml", plain.encode("utf-8"))
        (target / MARKER).write_text("refpub render\n", encoding="utf-8")
        return len(rendered)


def _prepare(target: Path) -> None:
    """An empty or absent DIR, or a previous render (replaced whole); anything else is kept."""
    if target.exists() and not target.is_dir():
        raise RenderError(f"{target} existe et n'est pas un dossier")
    if target.is_dir() and any(target.iterdir()):
        if not (target / MARKER).is_file():
            raise RenderError(
                f"{target} n'est pas vide et n'est pas un rendu précédent ({MARKER} absent) : "
                "choisissez un dossier vide ou absent"
            )
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


def _build(config_file: Path, site_dir: Path) -> tuple[Any, Any, dict[str, str]]:
    """The plugin build, in this process, recording the generated pages' bodies (only for
    this build: MkDocs keeps the plugin instance for the process)."""
    if not config_file.is_file():
        raise RenderError(f"{config_file} introuvable")
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        plugin = config.plugins.get("refpub")
        if plugin is None:
            raise RenderError(f"{config_file} : le plugin refpub n'est pas configuré")
        plugin.rendered = {}
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            rendered, plugin.rendered = plugin.rendered, None
            config.plugins.on_shutdown()
    except PluginError as error:
        raise RenderError(str(error)) from error
    except Abort as error:
        raise RenderError(f"la construction a échoué : {error}") from error
    return config, plugin, rendered


def _markdown(front_matter: str, body: str) -> str:
    """A generated page as Markdown: its front matter, then its rendered body in one HTML
    block, which Markdown keeps as it is (links already relative, resolved by path)."""
    return f'{front_matter}\n<div class="refpub-rendered">\n{body}\n</div>\n'


def _generated_files(files: Any, rendered: dict[str, str], site: Path) -> list[str]:
    """Every file of the plugin build that is neither a page nor from docs/ or the theme:
    the files the plugin added (JSON, badges, QR codes, credentials, assets) and those written
    after the pages (PDFs, the search index)."""
    known = {f.dest_uri for f in files}
    added = [
        f.dest_uri
        for f in files
        if f.generated_by and f.src_uri not in rendered and (site / f.dest_uri).is_file()
    ]
    afterwards = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file()
        and path.relative_to(site).as_posix() not in known | ENGINE_FILES
        and not path.name.endswith(".html")
    ]
    return sorted(set(added) | set(afterwards))


def _write_theme(config: Any, theme: Path) -> None:
    """The plugin's theme templates, then the project's custom_dir over them: the order the
    plugin gives MkDocs (the project's templates win)."""
    shutil.copytree(THEME, theme)
    custom_dir = config.theme.custom_dir
    if custom_dir and Path(custom_dir).is_dir():
        shutil.copytree(custom_dir, theme, dirs_exist_ok=True, ignore=_page_templates)


def _page_templates(folder: str, names: list[str]) -> list[str]:
    """The overrides of generated page bodies (``refpub/``) are already applied."""
    return ["refpub"] if "refpub" in names and Path(folder).name != "refpub" else []


def _plain_config(
    config_file: Path, target: Path, config: Any, organisme: Organisme, outside_nav: list[str]
) -> str:
    """mkdocs.yml of the render: the project's, inherited, without the plugin; what the
    plugin set at build time (logo, style sheet, the logo's text, the generated pages kept
    outside the navigation) written out."""
    theme: dict[str, Any] = {"custom_dir": "theme"}
    if config.theme.get("logo"):
        theme["logo"] = config.theme["logo"]
    plain: dict[str, Any] = {
        "INHERIT": os.path.relpath(config_file.resolve(), target.resolve()),
        "docs_dir": "docs",
        "site_dir": "site",
        "plugins": [],
        "not_in_nav": "".join(f"/{uri}\n" for uri in outside_nav),
        "theme": theme,
        "extra_css": list(config.extra_css),
        "extra": {"organisme": {"logo_alt": f"Logotype {de(organisme.name)}"}}
        if organisme.name
        else {},
    }
    return yaml.safe_dump(plain, allow_unicode=True, sort_keys=False)


def _dot_folders_included(files: list[str]) -> str:
    """MkDocs leaves out of docs/ every folder whose name starts with a dot; a generated one
    (``.well-known/``, the DID document of a site at a host's root) is listed back in."""
    folders = sorted({uri.split("/", 1)[0] for uri in files if uri.startswith(".")})
    if not folders:
        return ""
    return yaml.safe_dump({"exclude_docs": "".join(f"!/{name}/\n" for name in folders)})


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
