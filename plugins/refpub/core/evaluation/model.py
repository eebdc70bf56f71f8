"""What an evaluation model is: the one object that owns everything model-specific.

A référentiel declares its model by name (``evaluation.model``); every place that used to
branch on that name asks the model instead: the schema of the référentiel's ``evaluation``
block and its cross-checks, the typed evaluation built from it, the audit schema, the scorer,
the audit skeleton of ``refpub new-audit``, the terminal report of ``refpub score`` and the
templates that show a result. ``maintainers/models.md`` shows how to add one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..checks.problems import Problem
    from ..intake.source import Located

#: A loaded référentiel (``referentiels.referentiel.Referentiel``), not imported: the
#: référentiel loader finds its model here, so this module may not depend on it.
Referentiel = Any


class Result(Protocol):
    """A scored audit, whatever its model: what pages, ledger and CLI read of every result."""

    @property
    def model(self) -> str: ...

    @property
    def referentiel(self) -> str: ...

    @property
    def eligible(self) -> bool: ...

    @property
    def failures(self) -> tuple[str, ...]: ...

    def as_json(self) -> dict[str, Any]: ...


class Model(Protocol):
    """An evaluation model. ``templates`` names its templates by place (``evaluation``: the
    référentiel's evaluation page; partials: ``audit``, ``company``, ``engagement``,
    ``referentiel``); ``template_dir`` is the folder holding
    them when they are not among the package's templates; ``takes_level``: whether an audit
    is against a requested level (``refpub new-audit --level``)."""

    name: str
    takes_level: bool
    templates: Mapping[str, str]

    @property
    def template_dir(self) -> str | None: ...

    def referentiel_schema(self) -> dict[str, Any]:
        """The JSON schema of the référentiel's ``evaluation`` block for this model."""
        ...

    def referentiel_problems(self, doc: Located) -> Iterator[Problem]:
        """What the schema cannot check of the ``evaluation`` block (ids it names...)."""
        ...

    def build(self, data: dict[str, Any]) -> Any:
        """The typed evaluation (``kind``: the model's name) from a référentiel's raw data,
        once its schema and checks passed."""
        ...

    def audit_schema(self, ref: Referentiel, public_only: bool) -> dict[str, Any]:
        """The schema of an audit against ``ref`` (its model-free fields:
        ``schemas.audit.common_properties``); ``public_only``: without its sealed detail."""
        ...

    def score(self, ref: Referentiel, audit: Mapping[str, Any]) -> Result:
        """The result of a valid audit against ``ref``."""
        ...

    def skeleton(self, ref: Referentiel, level: str | None) -> list[str]:
        """The YAML lines of an audit's results to fill in, for ``refpub new-audit``."""
        ...

    def describe(self, result: Any) -> list[str]:
        """The lines of ``refpub score`` that are this model's own."""
        ...


#: The places a model is shown, each by a template of its own.
TEMPLATE_PLACES = ("evaluation", "audit", "company", "engagement", "referentiel")


def model_templates(name: str) -> dict[str, str]:
    """The partials of model ``name`` by place: ``refpub/models/<name>/<place>.html``."""
    return {place: f"refpub/models/{name}/{place}.html" for place in TEMPLATE_PLACES}
