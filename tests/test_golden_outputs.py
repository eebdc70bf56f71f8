"""The machine-readable views of the small fixture's register, compared byte for byte with
reviewed copies: any change to what subscribers and integrators read shows up in a diff.

After an intended change, regenerate with ``REFPUB_UPDATE_GOLDEN=1 make test`` and review
the diff of tests/golden/ before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
OUTPUTS = {
    "api/certificats.json": "certificats.json",
    "certificats/demo-co/badge.svg": "demo-co-badge.svg",
    "certificats/demo-niveaux/badge.svg": "demo-niveaux-badge.svg",
    "certificats/feed.xml": "feed.xml",
}


@pytest.mark.parametrize("published", sorted(OUTPUTS))
def test_published_output_matches_its_reviewed_copy(mini_site: Path, published: str):
    built = (mini_site / published).read_bytes()
    golden = GOLDEN / OUTPUTS[published]
    if os.environ.get("REFPUB_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(built)
    assert golden.is_file(), f"{golden} absent : REFPUB_UPDATE_GOLDEN=1 pour le créer"
    assert built == golden.read_bytes(), (
        f"{published} a changé : relisez la différence puis REFPUB_UPDATE_GOLDEN=1"
    )
