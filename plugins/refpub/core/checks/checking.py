"""JSON Schema validation whose findings read as French ``PATH:LINE: message`` problems.

The schemas are the single definition of each file format: the same dictionaries validate
the data here and are published by ``refpub schema`` for the auditors' editors.

Two validators read each schema. jsonschema is the reference: it explains every mistake,
but walking thousands of audits with it was the largest part of loading a register. For the
files that come by thousands (audits, companies), fastjsonschema compiles the same schema to
Python code (about 20 times faster) that only answers « valid or not »: a document it
accepts is done; one it refuses is validated again by jsonschema, which alone decides and
words the problems. The fast validator is never looser than the reference
(tests/test_schema_fast_path.py compares them on mutated documents), so it can only save
time, never let a mistake through.
"""

from __future__ import annotations

import functools
import json
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema._utils import Unset
from jsonschema.exceptions import ValidationError

from ..intake.source import Located
from . import values
from .problems import Problem, quoted_list, suggestion

_QUOTE_HINT = ' ; un texte qui contient « : » ou « , » doit être écrit entre guillemets ("...")'

_TYPES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un ensemble de clés (mapping)",
    "null": "une valeur vide",
}


def schema_problems(doc: Located, schema: dict[str, Any], *, many: bool = False) -> list[Problem]:
    """Every place where ``doc`` breaks ``schema``, in French, one problem per mistake.
    ``many``: the schema checks files that come by thousands (audits, companies), worth the
    compiled fast validator."""
    checkers = _checkers(schema)
    if many and checkers.accepts(doc.data):
        return []
    problems: list[Problem] = []
    for error in checkers.reference.iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    return problems


class _Checkers:
    """The compiled fast validator and the reference validator of one schema."""

    def __init__(self, schema: dict[str, Any]):
        self.schema = schema
        self.reference = Draft202012Validator(schema, format_checker=_FORMATS)

    @functools.cached_property
    def fast(self) -> Callable[[Any], Any]:
        """Compiled on first use only: on the deep référentiel schema, fastjsonschema's code
        formats error paths even in valid documents and is slower than the reference."""
        return fastjsonschema.compile(self.schema, formats=_FAST_FORMATS)

    def accepts(self, data: Any) -> bool:
        """Whether the fast validator accepts ``data`` (False: ask the reference)."""
        try:
            self.fast(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True


def _project_formats() -> FormatChecker:
    """jsonschema's format checks and the project's own (``core/values.py``: visible texts,
    dates from 1990 to 2100, websites, SIREN and SIRET), which replace its date check."""
    checker = FormatChecker()
    for name in values.EXPLAIN:
        checker.checks(name)(functools.partial(values.conforms, name))
    return checker


_FORMATS = _project_formats()
#: The reference's format checks, so both validators agree on them.
_FAST_FORMATS = {
    name: (lambda value, name=name: _FORMATS.conforms(value, name)) for name in _FORMATS.checkers
}
#: Checkers by schema object (each kept with its schema, so that the id is not reused while
#: it is here) and by schema content; both bounded, as loads keep building new schemas.
_BY_ID: OrderedDict[int, tuple[dict[str, Any], _Checkers]] = OrderedDict()
_BY_CONTENT: OrderedDict[str, _Checkers] = OrderedDict()
_KEPT = 64


def _checkers(schema: dict[str, Any]) -> _Checkers:
    """Compiling is worth it only when reused: once per schema object, and once per schema
    content (an audit schema is rebuilt, the same, by every load of a repository)."""
    entry = _BY_ID.get(id(schema))
    if entry is None or entry[0] is not schema:
        content = json.dumps(schema)
        checkers = _BY_CONTENT.get(content) or _Checkers(schema)
        _remember(_BY_CONTENT, content, checkers)
        entry = (schema, checkers)
    _remember(_BY_ID, id(schema), entry)
    return entry[1]


def _remember(kept: OrderedDict[Any, Any], key: Any, value: Any) -> None:
    kept[key] = value
    kept.move_to_end(key)
    if len(kept) > _KEPT:
        kept.popitem(last=False)


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """For oneOf/anyOf, the errors of the closest alternative rather than a vague summary."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = max(error.context, key=lambda e: len(e.absolute_path))
        depth = len(best.absolute_path)
        deepest = [e for e in error.context if len(e.absolute_path) == depth]
        if depth > len(error.absolute_path):
            for sub in deepest:
                yield from _leaves(sub)
            return
        fitting = _alternatives_of_its_type(error)
        if len(fitting) == 1:  # a text among texts and lists: why the text is wrong
            for sub in fitting[0]:
                yield from _leaves(sub)
            return
    yield error


def _alternatives_of_its_type(error: ValidationError) -> list[list[ValidationError]]:
    """The errors of each alternative of a oneOf/anyOf that the value's type fits."""
    by_alternative: dict[Any, list[ValidationError]] = {}
    for sub in error.context or ():
        by_alternative.setdefault(sub.relative_schema_path[0], []).append(sub)
    return [
        errors
        for errors in by_alternative.values()
        if not any(e.validator == "type" and not e.relative_path for e in errors)
    ]


def _explain(doc: Located, error: ValidationError) -> Iterator[Problem]:
    for leaf in _leaves(error):
        yield from _explain_one(doc, leaf)


def _explain_one(doc: Located, error: ValidationError) -> Iterator[Problem]:
    where = tuple(error.absolute_path)
    kind = error.validator
    # A validator's errors always carry the value and the keyword's value (the stubs also allow
    # hand-made errors, where they are unset); a boolean subschema has no keywords to read.
    value, keyword_value = error.instance, error.validator_value
    assert not isinstance(value, Unset) and not isinstance(keyword_value, Unset)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    name = f"« {where[-1]} »" if where else "le document"
    if kind == "additionalProperties":
        allowed = [k for k in schema.get("properties", {}) if not k.startswith("$")]
        listing = f" (clés possibles : {quoted_list(allowed)})" if len(allowed) <= 15 else ""
        for key in [k for k in value if k not in allowed]:
            hint = suggestion(key, allowed) or (_QUOTE_HINT if " " in str(key) else "")
            yield doc.problem((*where, key), f"clé inconnue « {key} »{hint}{listing}", key=True)
    elif kind == "enum" and "propertyNames" in error.schema_path:
        yield doc.problem((*where, value), f"clé « {value} » non admise ici", key=True)
    elif kind == "required":
        missing = error.message.split("'")[1]
        context = f"dans {name}" if where else "dans le fichier"
        yield doc.problem(where, f"champ obligatoire « {missing} » manquant {context}", key=True)
    elif kind == "type":
        expected: list[str] = keyword_value if isinstance(keyword_value, list) else [keyword_value]
        wanted = " ou ".join(_TYPES.get(t, t) for t in expected)
        yield doc.problem(where, f"{name} doit être {wanted} (trouvé : {value!r})")
    elif kind == "enum":
        choices = keyword_value
        yield doc.problem(
            where,
            f"valeur « {value} » non admise pour {name}"
            f"{suggestion(value, choices)} (valeurs possibles : "
            f"{quoted_list(choices)})",
        )
    elif kind == "const":
        yield doc.problem(where, f"{name} doit valoir « {keyword_value} »")
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = (
            f"entre {low} et {high}"
            if low is not None and high is not None
            else (f"au moins {low}" if low is not None else f"au plus {high}")
        )
        yield doc.problem(where, f"{name} vaut {value} : la valeur doit être {bounds}")
    elif kind == "pattern":
        hint = schema.get("description", f"motif {keyword_value}")
        yield doc.problem(where, f"{name} : « {value} » n'a pas la forme attendue ({hint})")
    elif kind == "format" and keyword_value in values.EXPLAIN:
        reason = values.EXPLAIN[keyword_value](value)
        yield doc.problem(where, f"{name} : « {value} » {reason}")
    elif kind in ("minItems", "minLength"):
        yield doc.problem(where, f"{name} ne doit pas être vide")
    elif kind in ("maxLength", "maxItems"):
        yield doc.problem(where, f"{name} est trop long (maximum {keyword_value})")
    elif kind == "uniqueItems":
        yield doc.problem(where, f"{name} contient des doublons")
    else:
        yield doc.problem(where, f"{name} : valeur invalide ({error.message})")
