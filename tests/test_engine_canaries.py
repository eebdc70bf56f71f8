"""Engine canaries: ``refpub render`` writes the site as a plain MkDocs project, which MkDocs
+ Material and ProperDocs build without the refpub plugin into the same pages as the plugin
build: same HTML pages, same titles, same article text, every register entry."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from credential_support import SITE_URL
from mkdocs.commands.build import build
from mkdocs.config import load_config

from refpub.cli import main
from refpub.site import rendered_tree

from conftest import EXAMPLE_ENV, PROJECT

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
ARTICLE = re.compile(r"<article.*?</article>", re.S)
SCRIPT = re.compile(r"<script.*?</script>", re.S)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {**EXAMPLE_ENV, "NO_MKDOCS_2_WARNING": "1"}.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def rendered(tmp_path: Path, env) -> Path:
    target = tmp_path / "rendu"
    assert rendered_tree.render(PROJECT / "mkdocs.yml", target) > 0
    return target


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def article_text(page: str) -> str:
    """What the reader reads in the page's article, tags and scripts aside."""
    found = ARTICLE.search(page)
    text = TAG.sub(" ", SCRIPT.sub("", found.group(0))) if found else ""
    return " ".join(html.unescape(text).split())


def title(page: str) -> str:
    found = TITLE.search(page)
    return found.group(1) if found else ""


def assert_same_site(plain_site: Path, plugin_site: Path) -> None:
    plain, ours = pages(plain_site), pages(plugin_site)
    assert sorted(plain) == sorted(ours)
    assert [n for n in ours if title(ours[n]) != title(plain[n])] == []
    assert [n for n in ours if article_text(ours[n]) != article_text(plain[n])] == []
    entries = json.loads((plugin_site / "api" / "certificats.json").read_text("utf-8"))
    assert entries, "le registre d'exemple a des certificats"
    register = article_text(plain["certificats/index.html"])
    for entry in entries:
        company = article_text(plain[f"certificats/{entry['company']}/index.html"])
        assert entry["certificate"] in company
        assert entry["name"] in register
    different = [
        name
        for name, content in other_files(plugin_site).items()
        if not (plain_site / name).is_file() or (plain_site / name).read_bytes() != content
    ]
    assert different == []


def other_files(site: Path) -> dict[str, bytes]:
    """Every file of a build but its pages and MkDocs' own sitemap: JSON, CSV, badges, QR
    codes, feeds, credentials, assets, PDFs, search index."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and path.suffix != ".html" and not path.name.startswith("sitemap.xml")
    }


def test_plain_mkdocs_builds_the_rendered_site_like_the_plugin(
    rendered: Path, built_site: Path, tmp_path: Path
) -> None:
    config = load_config(
        str(rendered / "mkdocs.yml"), site_dir=str(tmp_path / "plain"), strict=True
    )
    assert "refpub" not in config.plugins
    build(config)
    assert_same_site(tmp_path / "plain", built_site)


@pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None, reason="ProperDocs absent de l'environnement"
)
def test_properdocs_builds_the_rendered_site_like_the_plugin(
    rendered: Path, built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "properdocs"
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q"]
        + ["-f", str(rendered / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert_same_site(site, built_site)


def test_plain_mkdocs_builds_a_signed_site_at_a_host_root_with_its_credentials(
    signed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credential_support import SIGNED_ENV

    project = tmp_path / "projet"
    shutil.copytree(signed_project, project)
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace(SITE_URL, "https://certification.example/"), "utf-8")
    for name, value in {**SIGNED_ENV, "NO_MKDOCS_2_WARNING": "1"}.items():
        monkeypatch.setenv(name, value)
    plugin_site = tmp_path / "plugin"
    config = load_config(str(config_file), site_dir=str(plugin_site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    rendered_tree.render(config_file, tmp_path / "rendu")
    plain = load_config(
        str(tmp_path / "rendu" / "mkdocs.yml"), site_dir=str(tmp_path / "plain"), strict=True
    )
    build(plain)
    assert (tmp_path / "plain" / ".well-known" / "did.json").is_file()
    assert list((tmp_path / "plain").rglob("attestation-*.jwt"))
    assert_same_site(tmp_path / "plain", plugin_site)


def test_render_refuses_a_folder_that_is_not_a_previous_render(
    tmp_path: Path, env, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "occupe"
    target.mkdir()
    (target / "notes.txt").write_text("à garder", encoding="utf-8")
    assert main(["render", str(target), "--config-file", str(PROJECT / "mkdocs.yml")]) == 1
    assert "n'est pas un rendu précédent" in capsys.readouterr().err
    assert (target / "notes.txt").read_text(encoding="utf-8") == "à garder"


def test_render_replaces_a_previous_render(rendered: Path, capsys) -> None:
    leftover = rendered / "docs" / "ancienne-page.md"
    leftover.write_text("# ancienne\n", encoding="utf-8")
    assert main(["render", str(rendered), "--config-file", str(PROJECT / "mkdocs.yml")]) == 0
    assert "pages générées écrites" in capsys.readouterr().out
    assert not leftover.exists()
    assert (rendered / "docs" / "certificats" / "index.md").is_file()


def test_render_without_a_folder_is_a_usage_error_in_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["render"])
    assert stop.value.code == 2
    assert "DIR" in capsys.readouterr().err
