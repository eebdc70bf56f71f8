"""mkdocs.yml is data too: every text of it the theme prints is escaped on every page, and
every address it links to is http(s) (or a path inside docs/ for a file), in every mode."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from cli_support import run_mkdocs
from html_tree import parse
from markupsafe import Markup

from refpub.site import config_values, identity

SCRIPT = "<script>alert(1)</script>"
HOSTILE = {
    "site_name": SCRIPT,
    "site_description": f'"{SCRIPT}',
    "site_author": SCRIPT,
    "copyright": SCRIPT,
    "extra.social": [
        {
            "icon": "fontawesome/brands/github",
            "name": SCRIPT,
            "link": "https://www.certification-durand.fr/",
        }
    ],
    "extra.alternate": [{"name": SCRIPT, "link": "/", "lang": f'fr"{SCRIPT}'}],
}


def _build(project: Path):
    args = ["build", "--strict", "-d", str(project / "out")]
    return run_mkdocs(args, cwd=project, env={"REFPUB_TODAY": "2026-11-23"})


def _configure(project: Path, **values) -> None:
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in values.items():
        target = config
        *parents, last = key.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def test_configuration_texts_are_text_on_every_page(mini_project: Path) -> None:
    _configure(mini_project, **HOSTILE)
    result = _build(mini_project)
    assert result.returncode == 0, result.output
    pages = list((mini_project / "out").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        tree = parse(page)
        scripts = tree.find_all("script")
        assert not [s for s in scripts if "alert" in s.raw_text()], page
        assert all(
            "alert" not in value
            for node in tree.iter()
            for value in node.attrs.values()
            if node.tag == "script"
        ), page
    home = parse(mini_project / "out" / "index.html")
    assert SCRIPT in home.find_all("title")[0].text()
    assert any(SCRIPT in node.text() for node in home.find_all(cls="md-ellipsis"))
    described = [n for n in home.find_all("meta") if n.attrs.get("name") == "description"]
    assert described[0].attrs["content"] == f'"{SCRIPT}'


def test_escaping_is_done_once(mini_project: Path) -> None:
    config = {"site_name": "A & B", "copyright": None}
    config_values.escape_theme_texts(config)
    config_values.escape_theme_texts(config)  # a second build of mkdocs serve
    assert config["site_name"] == Markup("A &amp; B") and config["copyright"] is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("extra.organisme.website", "javascript:alert(1)"),
        ("extra.organisme.website", "https://trusted.fr@evil.example/"),
        ("extra.organisme.website", 'https://ok.fr/"onmouseover=alert(1)'),
        ("extra.organisme.logo", "javascript:alert(1)"),
        ("extra.organisme.logo", 'logo".svg'),
        ("extra.organisme.logo", "../../etc/passwd"),
        ("extra.organisme.marks.demo-levels", "data:image/svg+xml,<svg onload=alert(1)>"),
        ("extra.organisme.email", 'a@b.fr"><script>'),
        ("extra.homepage", "javascript:alert(1)"),
        ("repo_url", "javascript://x/%0aalert(1)"),
        ("site_url", 'https://x.fr/"><script>alert(1)</script>/'),
        ("theme.favicon", 'favicon.png" onload="alert(1)'),
        ("theme.logo", "javascript:alert(1)"),
    ],
)
def test_configured_addresses_are_http_or_docs_paths(
    mini_project: Path, key: str, value: str
) -> None:
    _configure(mini_project, **{key: value})
    result = _build(mini_project)
    assert result.returncode != 0
    assert f"{key} : " in result.output, result.output
    assert "Traceback" not in result.output


def test_a_quote_in_the_logo_path_never_reaches_an_attribute() -> None:
    with pytest.raises(identity.IdentityError, match="extra.organisme.logo"):
        identity.load({"organisme": {"name": "X", "logo": 'a" onerror="alert(1).svg'}})


def test_public_addresses_and_docs_paths_are_accepted() -> None:
    body = identity.load(
        {
            "organisme": {
                "name": "X",
                "website": "https://www.certification-durand.fr/qui-sommes-nous",
                "logo": "organisme/logo durand.svg",
                "email": "contact@certification-durand.fr",
                "marks": {"cliq-2006": "organisme/marques/cliq.svg"},
            }
        }
    )
    assert body.website.startswith("https://")
    assert (
        config_values.config_problems(
            {
                "site_url": "http://127.0.0.1:8000/",
                "extra": {"homepage": "/accueil/", "social": [{"link": "https://x.fr"}]},
            }
        )
        == []
    )


def test_theme_links_of_extra_are_checked_too() -> None:
    problems = config_values.config_problems(
        {
            "extra": {
                "social": [{"link": "javascript:alert(1)"}],
                "alternate": [{"link": "data:text/html,<script>", "name": "fr"}],
            }
        }
    )
    assert [p.split(" : ")[0] for p in problems] == [
        "extra.social[0].link",
        "extra.alternate[0].link",
    ]
