"""The register as JSON (``api/certificats.json``): one file while a static host serves it,
an index of pages beyond.

Past ``API_PAGE_SIZE`` certificates the single file would outgrow what static hosts serve
(Cloudflare Pages refuses files over 25 MiB: about 8,000 certificates of 3 kB, as the
benchmark measures them at 1000 companies). The address stays:
it then holds an index (how many certificates, how many per page, the pages' addresses) and
the certificates are in ``api/certificats/page-1.json``, ``page-2.json``... each a list of the
same shape as the single file. Pages follow the single file's order (company, then
référentiel), so reading them in turn gives exactly the single file's list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .certificates import dumps

API_URI = "api/certificats.json"
PAGES_DIR = "api/certificats"
#: Certificates per page, and the most the single file holds (about 15 MB: room for
#: certificates whose history grows).
API_PAGE_SIZE = 5_000


def page_uri(number: int) -> str:
    return f"{PAGES_DIR}/page-{number}.json"


def register_json_files(
    documents: list[dict[str, Any]],
    site_url: str,
    as_of: str,
    csv_uri: str,
    page_size: int = API_PAGE_SIZE,
) -> Iterator[tuple[str, str]]:
    """(site path, content) of the JSON register: ``api/certificats.json`` with every one of
    the certificates' ``documents`` while they fit in ``page_size``, else the index and its
    pages. ``as_of``: the status date; ``csv_uri``: the whole register as one CSV file."""
    if len(documents) <= page_size:
        yield API_URI, dumps(documents)
        return
    pages = [documents[start : start + page_size] for start in range(0, len(documents), page_size)]
    yield (
        API_URI,
        dumps(
            {
                "as_of": as_of,
                "total": len(documents),
                "page_size": page_size,
                "pages": [f"{site_url}{page_uri(n)}" for n in range(1, len(pages) + 1)],
                "csv": f"{site_url}{csv_uri}",
            }
        ),
    )
    for number, page in enumerate(pages, start=1):
        yield page_uri(number), dumps(page)
