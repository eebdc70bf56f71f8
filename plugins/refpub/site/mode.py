"""The build mode, read in one place: ``REFPUB_PUBLISH=1`` is the publish build (the publish
workflow sets it), which refuses what a preview only reports (no signing key, ...)."""

from __future__ import annotations

import os

PUBLISH_ENV = "REFPUB_PUBLISH"


def publish_mode() -> bool:
    return os.environ.get(PUBLISH_ENV, "").strip() == "1"
