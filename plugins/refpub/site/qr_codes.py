"""The QR code of every company page, made by worker processes while the build renders the
pages: a few milliseconds each with segno, seconds for a register of thousands.

The codes are written into a folder of the build's own and published from there (files
MkDocs copies into ``site/`` after every page is rendered), so the build waits for them only
then (:meth:`QrCodes.wait`, at ``on_env``)."""

from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..core.intake.workers import fork_pool
from .certificates import qr_svg

#: codes per job handed to a worker
CHUNK = 200


class QrCodes:
    """The QR codes of one build: (site path, URL encoded) each."""

    def __init__(self, codes: list[tuple[str, str]]):
        self.codes = codes
        self.folder = Path(tempfile.mkdtemp(prefix="refpub-qr-"))
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[None]] = []

    def start(self) -> list[tuple[str, Path]]:
        """Starts making the codes; where each will be: (site path, file)."""
        placed = [
            (uri, self.folder / f"{number}.svg") for number, (uri, _) in enumerate(self.codes)
        ]
        jobs = [(path, url) for (_, path), (_, url) in zip(placed, self.codes, strict=True)]
        chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
        self.pool = fork_pool(len(chunks), 2)
        if self.pool is None:
            for chunk in chunks:
                _write(chunk)
        else:
            self.futures = [self.pool.submit(_write, chunk) for chunk in chunks]
        return placed

    def wait(self) -> None:
        """Every code written (a worker's error is raised here)."""
        if self.pool is not None:
            with self.pool:
                for future in self.futures:
                    future.result()
            self.pool = None

    def remove(self) -> None:
        """The build is over (or failed): its folder goes."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        shutil.rmtree(self.folder, ignore_errors=True)


def _write(jobs: list[tuple[Path, str]]) -> None:
    for path, url in jobs:
        path.write_text(qr_svg(url), encoding="utf-8")
