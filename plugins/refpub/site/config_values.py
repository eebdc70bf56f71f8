"""The mkdocs.yml values the theme prints, treated as data: checked addresses, escaped texts.

Material's templates are not autoescaped: ``site_name`` and its siblings reach the header,
the navigation, ``<title>`` and the meta tags as they are written. The texts are therefore
handed to the theme already escaped (as ``Markup``, which the templates' own ``| e`` leaves
alone), and every address the theme or the pages link to must be an http(s) address, or a
path inside docs/ for a file: ``javascript:`` or a quote cannot become markup or a live link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, MutableMapping
from html import escape
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

#: Top-level texts of mkdocs.yml that Material prints (header, nav, <title>, meta, footer).
THEME_TEXTS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
#: Characters that an address written into an HTML attribute or a link never needs.
_UNSAFE = re.compile(
    r"[\s\"'<>`\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069"
    r"\ufeff]"
)


#: The part of ``extra`` that refpub reads and its own templates escape (``| e``): left as
#: written, for the identity's checks and French helpers.
OWN_EXTRA = "organisme"


def escape_theme_texts(config: Any) -> None:
    """Replace each theme text of the configuration, and every text under ``extra`` that is
    Material's (social links, language selector, consent banner, statuses...), by its escaped
    form, once: Markup is not escaped twice, by a rebuild or by a template's ``| e``."""
    for key in THEME_TEXTS:
        config[key] = _escaped(config.get(key))
    extra = config.get("extra")
    if isinstance(extra, MutableMapping):
        for key in list(extra):
            if key != OWN_EXTRA:
                extra[key] = _escaped(extra[key])


def _escaped(value: Any) -> Any:
    """Every string of a configuration value as Markup, in lists and mappings alike."""
    if isinstance(value, Markup) or not isinstance(value, (str, list, dict)):
        return value
    if isinstance(value, str):
        return Markup(escape(value, quote=True))
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return {key: _escaped(item) for key, item in value.items()}


def web_address_problem(key: str, value: Any) -> str | None:
    """Why ``value`` (configured under ``key``) is not a usable http(s) address, or None."""
    if not isinstance(value, str) or not value.strip():
        return f"{key} : adresse http(s) attendue"
    if _UNSAFE.search(value):
        return (
            f"{key} : l'adresse {value!r} contient un espace, un guillemet, un chevron ou "
            "un caractère invisible ; encodez-les (%20, %22…)"
        )
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return (
            f"{key} : {value!r} n'est pas une adresse http(s) complète "
            "(« https://… » attendu ; javascript:, data:, mailto: et les chemins sont "
            "refusés)"
        )
    if parts.username is not None or parts.password is not None:
        return (
            f"{key} : l'adresse {value!r} contient un identifiant avant « @ » : le lien "
            f"mènerait à {parts.hostname}, pas à ce qu'il semble annoncer"
        )
    return None


def docs_path_problem(key: str, value: Any) -> str | None:
    """Why ``value`` is not a relative path to a file inside docs/, or None."""
    if not isinstance(value, str) or not value.strip():
        return f"{key} : chemin d'un fichier dans docs/ attendu"
    parts = value.replace("\\", "/").split("/")
    if urlsplit(value).scheme or value.startswith(("/", "\\")) or ".." in parts:
        return (
            f"{key} : {value!r} doit être un chemin relatif à l'intérieur de docs/ "
            "(par exemple organisme/logo.svg), sans « .. », sans adresse ni « javascript: »"
        )
    if _UNSAFE.search(value.replace(" ", "")):
        return f"{key} : le chemin {value!r} contient un caractère invisible ou de balisage"
    return None


def link_problem(key: str, value: Any) -> str | None:
    """A link of the theme: an http(s) address, or a path of the site (no scheme)."""
    if isinstance(value, str) and not urlsplit(value).scheme and not value.startswith("//"):
        return docs_path_problem(key, value.lstrip("/") or ".")
    return web_address_problem(key, value)


def _theme_links(extra: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """The links Material draws from ``extra``: social icons and the language selector."""
    for section in ("social", "alternate"):
        entries = extra.get(section)
        if isinstance(entries, list):
            for i, entry in enumerate(entries):
                if isinstance(entry, Mapping) and "link" in entry:
                    yield f"extra.{section}[{i}].link", entry["link"]


def config_problems(config: Any) -> list[str]:
    """Every address of mkdocs.yml outside ``extra.organisme`` (checked with the identity)
    that the theme turns into a link: one French sentence per problem."""
    problems = []
    for key in ("site_url", "repo_url"):
        if config.get(key):
            problems.append(web_address_problem(key, config[key]))
    theme = config.get("theme")
    for key in ("logo", "favicon"):
        value = theme.get(key) if isinstance(theme, Mapping) else None
        if isinstance(value, str) and value:
            problems.append(link_problem(f"theme.{key}", value))
    extra = config.get("extra") or {}
    if isinstance(extra, Mapping):
        if extra.get("homepage"):
            problems.append(link_problem("extra.homepage", extra["homepage"]))
        problems.extend(link_problem(key, value) for key, value in _theme_links(extra))
    return [p for p in problems if p]


def configured_addresses(config: Any) -> list[tuple[str, str]]:
    """Every web address of the configuration, with its key, for the publish checks."""
    addresses = [
        (key, config[key])
        for key in ("site_url", "repo_url")
        if isinstance(config.get(key), str) and config[key]
    ]
    extra = config.get("extra") or {}
    if isinstance(extra, Mapping):
        if isinstance(extra.get("homepage"), str) and urlsplit(extra["homepage"]).scheme:
            addresses.append(("extra.homepage", extra["homepage"]))
        addresses.extend((k, v) for k, v in _theme_links(extra) if isinstance(v, str))
    return addresses


def section_problem(
    value: Any, where: str, known: Mapping[str, str], required: tuple[str, ...] = ()
) -> str | None:
    """Why a section of mkdocs.yml (``extra.organisme``, its ``complaints``...) is not the
    closed table of keys it must be, in French and naming the key; None when it is."""
    if not isinstance(value, dict):
        return f"{where} : tableau de clés attendu"
    unknown = sorted(set(value) - set(known))
    if unknown:
        return (
            f"{where} : clé(s) inconnue(s) {', '.join(unknown)} "
            f"(clés possibles : {', '.join(known)})"
        )
    missing = next((key for key in required if key not in value), None)
    return f"{where}.{missing} manquant : {known[missing]}" if missing else None
