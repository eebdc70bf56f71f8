"""Worker processes for the heavy work of a load or a build (reading thousands of YAML files,
PDFs, QR codes): forked, so they start at once with the data already loaded, and run on
every core, while the build writes pages where it can."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor


def fork_pool(jobs: int, at_least: int) -> ProcessPoolExecutor | None:
    """A pool of up to one worker per core for ``jobs`` jobs, or None: do them here, in
    order. None when there are fewer than ``at_least`` (starting workers costs more), one
    core, or another thread in this process (as under ``mkdocs serve``: forking a threaded
    process is unsafe)."""
    workers = min(os.cpu_count() or 1, jobs)
    if jobs < at_least or workers < 2 or threading.active_count() > 1:
        return None
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
