"""Rebuild time of the live preview (`make serve`) at N companies, after editing one audit.

`mkdocs serve` rebuilds in the same process after every change; refpub's content-keyed cache
(core/intake/cache.py) then re-checks only the edited file. This script builds a generated project
of N companies three times in one process, as the server does: cold, after editing one audit,
then after another edit with `--dirty`, as `make serve` runs, and prints the times.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from build_scaling import make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config


def timed_build(project: Path, site: Path, dirty: bool) -> float:
    """One build in this process, as `mkdocs serve [--dirty]` does after a change."""
    start = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="serve", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - start


def edit_one_audit(project: Path, stamp: str) -> Path:
    audit = next(
        p for p in sorted((project / "audits").rglob("*.yaml")) if p.name != "company.yaml"
    )
    text = audit.read_text("utf-8")
    audit.write_text(text + f"\n# modification {stamp}\n", "utf-8")
    return audit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--companies", type=int, default=400)
    args = parser.parse_args(argv)
    os.environ.setdefault("REFPUB_TODAY", "2026-11-23")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        make_project(project, args.companies)
        site = Path(tmp) / "site"
        cold = timed_build(project, site, dirty=True)
        edit_one_audit(project, "1")
        full = timed_build(project, site, dirty=False)
        timed_build(project, site, dirty=True)
        edit_one_audit(project, "2")
        fast = timed_build(project, site, dirty=True)
    print(
        f"{args.companies} entreprises : première construction {cold:.1f} s ; après "
        f"modification d'un audit : reconstruction complète {full:.1f} s, "
        f"reconstruction de make serve (--dirty, caches) {fast:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
