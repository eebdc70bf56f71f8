"""What ``refpub validate`` checks of mkdocs.yml: the repository never configures the internal
build, which would publish the confidential audit detail.

The committee's site is built on demand (``make site-internal``); an
``internal:`` option under the refpub plugin of the published configuration is an error with
its line, so that the pull-request check fails before the publication would (publish mode
refuses it too). Read at the YAML node level: MkDocs' own tags (``!ENV``...) need no loader.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..checks.problems import Problem
from .yaml_errors import describe_syntax_error

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "refpub"
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})


def config_problems(root: Path) -> list[Problem]:
    """Problems of ``ROOT/mkdocs.yml`` and of the files it inherits from (``INHERIT:``); none
    when the file is absent (a data-only root)."""
    problems: list[Problem] = []
    path, seen = root / CONFIG_FILE, set()
    while path.is_file() and path.resolve() not in seen:
        seen.add(path.resolve())
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        node, file_problems = _compose(path, shown)
        problems += file_problems + _internal_problems(node, shown)
        parent = _value(node, "INHERIT")
        if not isinstance(parent, yaml.ScalarNode):
            break
        path = path.parent / parent.value
    return problems


def _compose(path: Path, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None, [Problem(shown, 1, 0, "fichier illisible (UTF-8 attendu)")]
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), []
    except yaml.YAMLError as error:
        return None, [Problem(shown, *describe_syntax_error(error, text))]


def _internal_problems(node: yaml.Node | None, shown: str) -> list[Problem]:
    option = _internal_option(node)
    if option is None or (
        isinstance(option, yaml.ScalarNode)
        and option.tag.endswith(":bool")
        and option.value in _FALSE
    ):
        return []
    return [
        Problem(
            shown,
            option.start_mark.line + 1,
            option.start_mark.column + 1,
            "internal: la configuration publiée construirait la version interne du "
            "comité de certification (personnes rencontrées, preuves, observations) ; "
            "retirez l'option : la version interne se construit à part "
            "(make site-internal) et n'est jamais publiée",
        )
    ]


def _internal_option(node: yaml.Node | None) -> yaml.Node | None:
    """The value node of ``plugins: - refpub: {internal: …}`` (list or mapping form)."""
    plugins = _value(node, "plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:
        options = _value(entry, PLUGIN)
        if options is not None:
            return _value(options, "internal")
    return None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next(
        (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None
    )
