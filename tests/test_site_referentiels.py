"""The shipped site: both référentiels published word for word from their YAML files."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def _text(file: Path) -> str:
    """The visible text of a page, entities decoded and whitespace folded."""
    inline = re.sub(r"</?a\b[^>]*>", "", file.read_text(encoding="utf-8"))  # links join
    raw = re.sub(r"<[^>]+>", " ", inline)
    return " ".join(html.unescape(raw).split())


def _strings(blocks) -> list[str]:
    if isinstance(blocks, str):
        return [blocks]
    out: list[str] = []
    for block in blocks or []:
        out.extend([block] if isinstance(block, str) else block["list"])
    return out


@pytest.mark.parametrize("ref_id", ["cliq-2006", "amarc-re-mrc-03"])
def test_overview_carries_every_requirement_word_for_word(site: Path, ref_id: str):
    data = yaml.safe_load((PROJECT / "referentiels" / f"{ref_id}.yaml").read_text("utf-8"))
    text = _text(site / "referentiels" / ref_id / "index.html")
    count = 0
    for section in data["sections"]:
        for engagement in section["engagements"]:
            assert " ".join(engagement["title"].split()) in text
            for requirement in engagement["requirements"]:
                count += 1
                for sentence in _strings(requirement["text"]):
                    assert " ".join(sentence.split()) in text, (requirement["id"], sentence)
    assert count == {"cliq-2006": 15, "amarc-re-mrc-03": 67}[ref_id]


def test_cliq_engagement_pages_show_interlocutors_and_evidence(site: Path):
    data = yaml.safe_load((PROJECT / "referentiels/cliq-2006.yaml").read_text("utf-8"))
    for section in data["sections"]:
        for engagement in section["engagements"]:
            page = site / "referentiels/cliq-2006" / f"engagement-{engagement['id']}/index.html"
            text = _text(page)
            for requirement in engagement["requirements"]:
                for entry in requirement.get("interlocutors", []) + requirement.get(
                    "evidence_examples", []
                ):
                    entry = entry if isinstance(entry, str) else entry["heading"]
                    assert " ".join(entry.split()) in text


def test_amarc_items_table_has_levels_documents_and_methods(site: Path):
    page = (site / "referentiels/amarc-re-mrc-03/engagement-1/index.html").read_text("utf-8")
    row = page.split('id="item-1.2"')[1].split("</tr>")[0]
    assert "non exigé au Niveau A" in row and "exigé au Niveau B" in row
    row = page.split('id="item-1.1"')[1].split("</tr>")[0]
    assert row.count('aria-label="exigé au') == 2


def test_home_page_links_the_referentiels(site: Path):
    home = (site / "index.html").read_text("utf-8")
    assert 'href="referentiels/cliq-2006/"' in home
    assert 'href="referentiels/amarc-re-mrc-03/"' in home


def test_cliq_evaluation_page_links_the_pre_audit_simulator(site: Path):
    page = (site / "referentiels/cliq-2006/evaluation/index.html").read_text("utf-8")
    assert 'href="../../../outils/simulateur-cliq/"' in page
    assert (site / "outils/simulateur-cliq/index.html").is_file()
