"""The Atom feed is built by an XML library: any company name gives well-formed XML, and
every entry has its own id, which names the référentiel."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import factories
import yaml

from refpub.core.audits.repository import load_repository
from refpub.core.certification.register import build_register
from refpub.site.certificates import FEED_ENTRIES, atom_feed

ATOM = "{http://www.w3.org/2005/Atom}"
#: (U+2028, once here, is refused by validate since issue #20: tests/test_values.py)
HOSTILE = 'A&B <script>alert(1)</script> "L\'Étoile" ]]> --> \u00a0 😀'


def _feed(root: Path, **options: int) -> ET.Element:
    repo = load_repository(root)
    assert repo.problems == []
    register = build_register(list(repo.companies.values()), dt.date(2026, 11, 1))
    text = atom_feed(
        register,
        "https://example.org/",
        "https://example.org/certificats/feed.xml",
        lambda cert: f"https://example.org/certificats/{cert.company.id}/",
        **options,
    )
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=")
    return ET.fromstring(text.encode("utf-8"))


def test_a_hostile_company_name_gives_well_formed_xml(mini_project: Path):
    company = mini_project / "audits/demo-co/company.yaml"
    data = yaml.safe_load(company.read_text(encoding="utf-8"))
    company.write_text(
        yaml.safe_dump({**data, "name": HOSTILE}, allow_unicode=True), encoding="utf-8"
    )
    feed = _feed(mini_project)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert any(title.startswith(HOSTILE) for title in titles)


def test_entry_ids_are_unique_and_name_the_referentiel(mini_project: Path):
    # demo-niveaux also decided on the same day as demo-co, under another référentiel
    audit = mini_project / "audits/demo-niveaux/2025-05-01-initial.yaml"
    audit.write_text(
        audit.read_text(encoding="utf-8").replace("2025-05-20", "2026-02-01"), encoding="utf-8"
    )
    feed = _feed(mini_project)
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)) == 2
    base = "https://example.org/certificats"
    assert ids == [
        f"{base}/demo-niveaux/#demo-levels-DEMO-L-0001-2026-02-01-certified",
        f"{base}/demo-co/#demo-radar-DEMO-2026-0001-2026-02-01-certified",
    ]


def test_the_feed_is_reproducible(mini_project: Path):
    first = ET.tostring(_feed(mini_project))
    assert ET.tostring(_feed(mini_project)) == first


def test_the_feed_carries_only_the_latest_changes(mini_project: Path):
    everything = [e.findtext(f"{ATOM}id") for e in _feed(mini_project).iter(f"{ATOM}entry")]
    latest = _feed(mini_project, entries=1)
    assert len(everything) > 1
    assert [e.findtext(f"{ATOM}id") for e in latest.iter(f"{ATOM}entry")] == everything[:1]
    newest = latest.find(f"{ATOM}entry").findtext(f"{ATOM}updated")
    assert latest.findtext(f"{ATOM}updated") == newest


def test_a_large_register_publishes_a_feed_of_the_latest_entries_only():
    ref = factories.radar_ref()
    companies = [
        factories.company(
            factories.audit(
                ref,
                "initial",
                "initial",
                "2025-01-06",
                "certified",
                f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
                f"DEMO-2025-{n:04d}",
            ),
            company_id=f"co-{n:03d}",
        )
        for n in range(FEED_ENTRIES + 30)
    ]
    register = build_register(companies, dt.date(2026, 11, 1))
    feed = ET.fromstring(
        atom_feed(
            register,
            "https://example.org/",
            "https://example.org/f.xml",
            lambda cert: f"https://example.org/{cert.company.id}/",
        )
    )
    dates = [e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")]
    assert len(dates) == FEED_ENTRIES
    assert dates == sorted(dates, reverse=True) and dates[0] == "2025-12-28T00:00:00Z"
