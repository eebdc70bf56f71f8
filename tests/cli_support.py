"""The ``refpub`` and ``mkdocs`` command lines run inside the test process: the same arguments,
output and exit code as a subprocess, without paying for a new interpreter at every call."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: What every command sees beside the caller's environment: MkDocs' banner about its next
#: major version would otherwise pollute the output the tests read.
BASE_ENV = {"NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@contextlib.contextmanager
def patched_environment(env: Mapping[str, str] | None) -> Iterator[None]:
    """``env`` over the current environment for the duration of the call, then restored."""
    saved = dict(os.environ)
    os.environ.update({**BASE_ENV, **(env or {})})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def inside(cwd: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(previous)


def _exit_code(code: object) -> int:
    """``SystemExit``'s argument as a process would report it."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def run_cli(args: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Run:
    """``refpub ARGS`` in ``cwd``: ``refpub.cli.main`` called with its output captured."""
    from refpub import cli

    out, err = io.StringIO(), io.StringIO()
    with (
        patched_environment(env),
        inside(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = cli.main(list(args))
        except SystemExit as leaving:
            code = _exit_code(leaving.code)
    return Run(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _mkdocs_logging() -> Iterator[None]:
    """What the MkDocs command line changes in the process's logging and warnings, undone
    afterwards: its handler, level and filters do not leak into the next test. MkDocs also
    keeps, process-wide, the instances of plugins that have ``on_startup`` (refpub's), for
    ``mkdocs serve``: each call starts without them, as a new process would."""
    from mkdocs import __main__ as mkdocs_main
    from mkdocs.commands import build
    from mkdocs.config.defaults import MkDocsConfig

    MkDocsConfig.plugins.plugin_cache.clear()

    logger = logging.getLogger("mkdocs")
    level, propagate, handlers = logger.level, logger.propagate, list(logger.handlers)
    filters = list(build.log.filters)
    width = mkdocs_main.ColorFormatter.text_wrapper.width
    # a subprocess writes to a pipe and never wraps; the test process may own a terminal
    mkdocs_main.ColorFormatter.text_wrapper.width = 0
    try:
        with warnings.catch_warnings():
            yield
    finally:
        mkdocs_main.ColorFormatter.text_wrapper.width = width
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate = propagate
        build.log.filters[:] = filters


def run_mkdocs(args: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Run:
    """``mkdocs ARGS`` in ``cwd``: MkDocs' own command line (options, logging format, exit
    codes) called in this process with its output captured."""
    from mkdocs.__main__ import cli

    out, err = io.StringIO(), io.StringIO()
    with (
        patched_environment(env),
        inside(cwd),
        _mkdocs_logging(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            cli.main(args=list(args), prog_name="mkdocs", standalone_mode=True)
            code = 0
        except SystemExit as leaving:
            code = _exit_code(leaving.code)
    return Run(code, out.getvalue(), err.getvalue())
