"""The build mode, read in one place: ``REFPUB_PUBLISH=1`` is the publish build (the publish
workflow sets it), which refuses what a preview only reports (no signing key, an example
site_url, a missing mark file, ...). Without it (``make site``, ``make serve``) the example
project builds from a fresh clone.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

PUBLISH_ENV = "REFPUB_PUBLISH"

PLACEHOLDER_HOSTS = frozenset(
    {"example.org", "example.com", "example.net", "localhost", "127.0.0.1", "0.0.0.0", "::1"}
)
PLACEHOLDER_SUFFIXES = (
    ".example",
    ".invalid",
    ".test",
    ".localhost",
    ".example.org",
    ".example.com",
    ".example.net",
    ".local",
    ".localdomain",
    ".internal",
    ".home.arpa",
)


class PublishModeError(ValueError):
    """REFPUB_PUBLISH holds something else than 1 or 0."""


def publish_value(value: str) -> bool:
    """Whether this build is the one that goes online (``REFPUB_PUBLISH=1``), from the
    variable's value (read by ``settings.py``); any value but 1, 0 or nothing is an error
    rather than a silent preview."""
    value = value.strip()
    if value in ("", "0"):
        return False
    if value == "1":
        return True
    raise PublishModeError(f"{PUBLISH_ENV}={value!r} : valeur attendue 1 (publication) ou 0")


def placeholder_url(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be the public address of the site, or None when it can."""
    if not site_url:
        return "site_url est vide"
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return f"site_url {site_url!r} n'est pas une adresse http(s) complète"
    if placeholder_host(host):
        return (
            f"site_url {site_url!r} est une adresse d'exemple ({host}) : les QR codes, "
            "badges et adresses du JSON pointeraient ailleurs que sur le site publié"
        )
    return None


def placeholder_host(host: str) -> bool:
    """Whether a host name is an example, reserved or local one (RFC 2606, RFC 6761, private
    and loopback addresses): nobody reaches the body there."""
    host = host.lower().strip("[]").rstrip(".")
    if (
        host in PLACEHOLDER_HOSTS
        or host.endswith(PLACEHOLDER_SUFFIXES)
        or "." not in host
        and ":" not in host
    ):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global
