"""What a build reads from its environment, read once when the build starts: the status
date, the publish and internal modes, the signing key and the committee's identity. Every
other module of the plugin receives these values and reads no environment variable."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.checks.values import date_problem
from ..core.sealing.sealed import IDENTITY_ENV
from .credentials import SIGNING_KEY_ENV
from .mode import PUBLISH_ENV, publish_value

TODAY_ENV = "REFPUB_TODAY"
INTERNAL_ENV = "REFPUB_INTERNAL"


class SettingsError(ValueError):
    """A variable whose value cannot be used, told in French."""


@dataclass(frozen=True)
class BuildSettings:
    """The environment of one build, as values."""

    #: the date at which certificate statuses are computed
    status_date: dt.date
    #: the publish build (REFPUB_PUBLISH=1), which refuses what a preview only reports
    publishing: bool
    #: REFPUB_INTERNAL as set: ``1`` asks for the internal build, publish mode refuses any
    #: other value but ``0`` all the same
    internal_requested: str
    #: the body's signing key (PEM text), empty in a preview without one
    signing_pem: str
    #: the committee's age secret key (text), empty when unset
    committee_identity: str

    @property
    def internal_setting(self) -> str:
        """``NAME=value`` when the variable asks for the internal build (any value but 0),
        for publish mode's refusal; empty otherwise."""
        value = self.internal_requested
        return f"{INTERNAL_ENV}={value}" if value not in ("", "0") else ""


def read_settings(environ: Mapping[str, str] = os.environ) -> BuildSettings:
    """The build's settings; SettingsError when REFPUB_TODAY or REFPUB_PUBLISH is unusable."""
    try:
        publishing = publish_value(environ.get(PUBLISH_ENV, ""))
    except ValueError as error:
        raise SettingsError(str(error)) from None
    return BuildSettings(
        status_date=_status_date(environ.get(TODAY_ENV, "")),
        publishing=publishing,
        internal_requested=environ.get(INTERNAL_ENV, "").strip(),
        signing_pem=environ.get(SIGNING_KEY_ENV, ""),
        committee_identity=environ.get(IDENTITY_ENV, ""),
    )


def _status_date(value: str) -> dt.date:
    """REFPUB_TODAY (YYYY-MM-DD) when set, else today: certificate statuses follow the calendar."""
    value = value.strip()
    if not value:
        return dt.date.today()
    problem = date_problem(value)
    if problem:  # a status date outside 1990–2100 would date certificates no record holds
        raise SettingsError(f"{TODAY_ENV}={value!r} {problem}")
    return dt.date.fromisoformat(value)
