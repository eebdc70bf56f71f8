"""Evaluation models: one module per model a référentiel may declare, none per référentiel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..referentiels.referentiel import Referentiel
from ..vocabulary import RADAR
from .levels import LevelsResult, score_levels
from .radar import RadarResult, score_radar

Result = RadarResult | LevelsResult


def evaluate(ref: Referentiel, audit: Mapping[str, Any]) -> Result:
    """Score an audit (already valid against its référentiel's schema) by the declared model."""
    if ref.model == RADAR:
        return score_radar(ref, audit["grades"])
    return score_levels(ref, audit["level"], audit["items"])
