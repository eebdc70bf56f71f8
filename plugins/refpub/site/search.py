"""The site's full-text search index, written by Pagefind (PyPI ``pagefind[bin]``, a binary
shipped inside the package) from the built HTML.

Pagefind splits the index into small chunks and one fragment per page: a reader's browser
fetches an entry file, then only what a query needs, so what one reader downloads does not
grow with the register (Material's lunr index was one file, fetched by every page view).
Only page bodies marked ``data-pagefind-body`` are indexed (theme/main.html marks every page
but those whose front matter says ``search: {exclude: true}``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

BUNDLE_DIR = "pagefind"
#: what theme/main.html puts around a searchable page body
BODY_MARK = "data-pagefind-body"
LANGUAGE = "fr"
#: Parts of a page body that are not worth a search entry: code (embedding snippets), inline
#: charts, and anything a template marks ``data-pagefind-ignore``.
EXCLUDED = "pre, code, svg, script, .refpub-snippet"
#: Files of Pagefind's own ready-made interfaces: the site uses its header search instead
#: (assets/refpub/search.js), so they are not published.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


SCRIPT = Path(__file__).resolve().parent.parent / "assets" / "search.js"
#: The theme's words the header search shows (Material's translation keys), by their name
#: in the script.
TEXT_KEYS = {
    "label": "search.placeholder",
    "reset": "search.reset",
    "none": "search.result.none",
    "one": "search.result.one",
    "other": "search.result.other",
    "placeholder": "search.result.placeholder",
}


def search_script(config: MkDocsConfig) -> str:
    """assets/refpub/search.js with the theme's words in the site's language written in: the
    script carries them once, not each of thousands of pages."""
    language = config.theme.get_env().from_string(
        '{% import "partials/language.html" as lang with context %}'
        + "\x1f".join(f"{{{{ lang.t({key!r}) }}}}" for key in TEXT_KEYS.values())
    )
    words = language.render(config=config).split("\x1f")
    texts = json.dumps(dict(zip(TEXT_KEYS, words, strict=True)), ensure_ascii=False)
    return SCRIPT.read_text("utf-8").replace("__REFPUB_SEARCH_TEXTS__", texts)


def executable() -> Path:
    """The Pagefind binary of the ``pagefind-bin`` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise PluginError(
            "refpub : la recherche du site demande Pagefind (pip install 'pagefind[bin]')"
        ) from error
    return get_executable()


def index_site(site_dir: Path, pages: list[Path] | None = None) -> None:
    """Indexes the written site into ``site_dir/pagefind/``; the output depends only on the
    pages, so two builds of the same data give the same files.

    ``pages``: the HTML files that carry a searchable body, when the build knows them. Only
    those are handed to Pagefind (linked into a staging folder that mirrors the site's
    paths), which otherwise reads every page of the site, thousands of audit pages included,
    to find that they have nothing to index."""
    if pages is None:
        _run_pagefind(site_dir, site_dir)
        return
    with tempfile.TemporaryDirectory(prefix=".refpub-pagefind-", dir=site_dir.parent) as tmp:
        staging = Path(tmp)
        for page in pages:
            target = staging / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(page, target)
        _run_pagefind(staging, site_dir)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _run_pagefind(pages_dir: Path, site_dir: Path) -> None:
    output = site_dir / BUNDLE_DIR
    command = [
        str(executable()),
        "--site",
        str(pages_dir),
        "--output-path",
        str(output),
        "--force-language",
        LANGUAGE,
        "--exclude-selectors",
        EXCLUDED,
        "--silent",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError(
            f"refpub : l'indexation Pagefind de {site_dir} a échoué :\n{done.stdout}{done.stderr}"
        )
    for name in UNUSED_BUNDLE_FILES:
        (output / name).unlink(missing_ok=True)
