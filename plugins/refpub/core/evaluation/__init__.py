"""Evaluation models: one object per model a référentiel may declare, found by name in
:mod:`registry`; none per référentiel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .model import Result
from .registry import model_named

if TYPE_CHECKING:
    from ..referentiels.referentiel import Referentiel

__all__ = ["Result", "evaluate"]


def evaluate(ref: Referentiel, audit: Mapping[str, Any]) -> Result:
    """Score an audit (already valid against its référentiel's schema) by the declared model."""
    return model_named(ref.model).score(ref, audit)
