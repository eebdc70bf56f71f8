"""The site's full-text search index, written by Pagefind (PyPI ``pagefind[bin]``, a binary
shipped inside the package) from the built HTML.

Pagefind splits the index into small chunks and one fragment per page: a reader's browser
fetches an entry file, then only what a query needs, so what one reader downloads does not
grow with the register (Material's lunr index was one file, fetched by every page view).
Only page bodies marked ``data-pagefind-body`` are indexed (theme/main.html marks every page
but those whose front matter says ``search: {exclude: true}``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

BUNDLE_DIR = "pagefind"
LANGUAGE = "fr"
#: Parts of a page body that are not worth a search entry: code (embedding snippets), inline
#: charts, and anything a template marks ``data-pagefind-ignore``.
EXCLUDED = "pre, code, svg, script, .refpub-snippet"
#: Files of Pagefind's own ready-made interfaces: the site uses its header search instead
#: (assets/refpub/search.js), so they are not published.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                       "pagefind-modular-ui.css", "pagefind-component-ui.js",
                       "pagefind-component-ui.css", "pagefind-highlight.js")


def executable() -> Path:
    """The Pagefind binary of the ``pagefind-bin`` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise PluginError("refpub : la recherche du site demande Pagefind "
                          "(pip install 'pagefind[bin]')") from error
    return get_executable()


def index_site(site_dir: Path) -> None:
    """Indexes the written site into ``site_dir/pagefind/``; the output depends only on the
    pages, so two builds of the same data give the same files."""
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
               "--force-language", LANGUAGE, "--exclude-selectors", EXCLUDED, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PluginError(f"refpub : l'indexation Pagefind de {site_dir} a échoué :\n"
                          f"{done.stdout}{done.stderr}")
    for name in UNUSED_BUNDLE_FILES:
        (site_dir / BUNDLE_DIR / name).unlink(missing_ok=True)
