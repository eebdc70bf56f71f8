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

from .problems import Problem
from .yaml_errors import describe_syntax_error

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "refpub"
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})


def config_problems(root: Path) -> list[Problem]:
    """Problems of ``ROOT/mkdocs.yml`` (none when the file is absent: a data-only root)."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return [Problem(CONFIG_FILE, 1, 0, "fichier illisible (UTF-8 attendu)")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return [Problem(CONFIG_FILE, *describe_syntax_error(error, text))]
    option = _internal_option(node)
    if option is None or (isinstance(option, yaml.ScalarNode) and option.tag.endswith(":bool")
                          and option.value in _FALSE):
        return []
    return [Problem(CONFIG_FILE, option.start_mark.line + 1, option.start_mark.column + 1,
                    "internal: la configuration publiée construirait la version interne du "
                    "comité de certification (personnes rencontrées, preuves, observations) ; "
                    "retirez l'option : la version interne se construit à part "
                    "(make site-internal) et n'est jamais publiée")]


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
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key),
                None)
