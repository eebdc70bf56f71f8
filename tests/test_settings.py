"""The build's environment is read once, into one settings object: the plugin's modules
receive values and read no variable themselves."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from refpub.site.settings import SettingsError, read_settings

SITE = Path(__file__).resolve().parents[1] / "plugins" / "refpub" / "site"


def test_settings_hold_the_status_date_the_modes_and_the_keys() -> None:
    settings = read_settings(
        {
            "REFPUB_TODAY": "2026-11-23",
            "REFPUB_PUBLISH": "1",
            "REFPUB_INTERNAL": "oui",
            "REFPUB_SIGNING_KEY": "PEM",
            "REFPUB_COMMITTEE_IDENTITY": "AGE",
        }
    )
    assert settings.status_date == dt.date(2026, 11, 23)
    assert settings.publishing is True
    assert settings.internal_setting == "REFPUB_INTERNAL=oui"
    assert (settings.signing_pem, settings.committee_identity) == ("PEM", "AGE")


def test_without_variables_the_status_date_is_today_and_the_build_a_preview() -> None:
    settings = read_settings({})
    assert settings.status_date == dt.date.today()
    assert settings.publishing is False
    assert settings.internal_setting == ""


def test_an_unreadable_status_date_is_told_in_french() -> None:
    with pytest.raises(SettingsError, match="REFPUB_TODAY='23/11/2026' n'est pas une date"):
        read_settings({"REFPUB_TODAY": "23/11/2026"})


@pytest.mark.parametrize("day", ["1989-12-31", "2101-01-01", "0001-01-01", "9999-12-31"])
def test_a_status_date_outside_the_plausible_range_is_refused_in_french(day: str):
    """The same range as the data's dates: a build dated 0001 or 9999 would compute
    certificates no credential can hold."""
    with pytest.raises(SettingsError, match=f"REFPUB_TODAY='{day}' est hors de la période"):
        read_settings({"REFPUB_TODAY": day})


def test_the_build_variables_are_read_in_settings_alone() -> None:
    readers = [
        path.name
        for path in sorted(SITE.glob("*.py"))
        if re.search(r"os\.environ|getenv", path.read_text(encoding="utf-8"))
        and re.search(r"REFPUB_(TODAY|PUBLISH|INTERNAL|SIGNING_KEY)", path.read_text("utf-8"))
    ]
    assert readers == ["settings.py"]
