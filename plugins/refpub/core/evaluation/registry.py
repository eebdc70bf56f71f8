"""The evaluation models by name: the built-in ones, and any a project registers.

The built-in models are named by module and imported on first use, as entry points are:
the référentiel loader asks the registry for a model, and the models' modules themselves
read the référentiel types, so no import of either module waits for the other.
"""

from __future__ import annotations

import importlib

from .model import Model

#: The built-in models and the module whose ``MODEL`` each is.
BUILT_IN = {"radar": "refpub.core.evaluation.radar", "levels": "refpub.core.evaluation.levels"}

_registered: dict[str, Model] = {}


def register(model: Model) -> None:
    """Make ``model`` known by its name (it replaces a model of the same name)."""
    _registered[model.name] = model


def unregister(name: str) -> None:
    """Forget a registered model (a test's toy model, once the test is over)."""
    _registered.pop(name, None)


def known_names() -> list[str]:
    """Every model a référentiel may declare, built-in ones first."""
    return [*BUILT_IN, *(name for name in _registered if name not in BUILT_IN)]


def model_named(name: str) -> Model:
    """The model called ``name``; KeyError for an unknown one (the schema reports it first)."""
    if name in _registered:
        return _registered[name]
    if name in BUILT_IN:
        model: Model = importlib.import_module(BUILT_IN[name]).MODEL
        return model
    raise KeyError(name)
