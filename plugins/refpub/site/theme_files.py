"""The theme side of the build: the plugin's theme templates placed between the project's
custom_dir and Material, Material's files the site never loads left out, and the templates'
stamp that a dirty rebuild compares."""

from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .producer import THEME


def templates_stamp(env: Any) -> str:
    """Modification times of every template the pages may use: editing one rebuilds all."""
    loader = env.loader
    names = sorted(env.list_templates())
    return repr([(name, os.path.getmtime(loader.get_source(env, name)[1])) for name in names])


#: Material's files that the published site never loads: its lunr search (the header search
#: is Pagefind's) and the source maps of its scripts.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def drop_unused(files: Files) -> None:
    """Material's lunr search and source maps stay out of site/."""
    for file in list(files):
        if file.src_uri.startswith(UNUSED_THEME_FILES) or (
            file.src_uri.startswith("assets/javascripts/") and file.src_uri.endswith(".map")
        ):
            files.remove(file)


def add_theme_dir(config: MkDocsConfig) -> None:
    """The plugin's theme templates come after the project's custom_dir (which may override
    them) and before Material's."""
    theme_dir = str(THEME)
    if theme_dir in config.theme.dirs:
        return
    position = 1 if config.theme.custom_dir else 0
    config.theme.dirs.insert(position, theme_dir)
