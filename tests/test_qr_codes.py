"""QR codes made by worker processes while the build renders pages: the same files as made
one by one, and nothing left behind once the build is over."""

from __future__ import annotations

from pathlib import Path

import pytest

from refpub.core.intake import workers
from refpub.site import qr_codes
from refpub.site.certificates import qr_svg


def test_codes_made_by_workers_are_those_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    monkeypatch.setattr(qr_codes, "CHUNK", 3)
    codes = [
        (f"certificats/co-{n}/qr.svg", f"https://example.org/certificats/co-{n}/")
        for n in range(10)
    ]
    made = qr_codes.QrCodes(codes)
    placed = made.start()
    assert made.pool is not None  # 4 jobs of at most 3 codes, on worker processes
    made.wait()
    assert [uri for uri, _ in placed] == [uri for uri, _ in codes]
    for (_, path), (_, url) in zip(placed, codes, strict=True):
        assert path.read_text("utf-8") == qr_svg(url)
    folder = made.folder
    made.remove()
    assert not folder.exists()


def test_without_workers_the_codes_are_written_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers.threading, "active_count", lambda: 2)  # as under mkdocs serve
    made = qr_codes.QrCodes([("certificats/a/qr.svg", "https://example.org/certificats/a/")])
    [(_, path)] = made.start()
    assert made.pool is None and Path(path).read_text("utf-8").startswith("<svg")
    made.remove()
