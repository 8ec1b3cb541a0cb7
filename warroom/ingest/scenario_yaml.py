"""Reading a scenario written in YAML, with the line of each key and inject.

YAML 1.1, which PyYAML follows, reads some scenario values as something else than what
their author wrote: ``at: +1:30`` as the number 90 (a base-60 integer), ``start:
2021-03-10T00:00:00Z`` as a datetime object, ``lang: no`` as ``False``. A scenario is
read with the YAML 1.2 core rules instead: only ``true``/``false`` are booleans, numbers
are plain decimal (or ``0x``/``0o``), ``null``/``~``/empty is null, and everything else —
times, dates, offsets — stays text, as it would be in the JSON form.
"""

from __future__ import annotations

import re

import yaml

from warroom.domain.scenario import Problem, ScenarioError

YAML_SUFFIXES = (".yaml", ".yml")


class _CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars; a key given twice is an error."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[object] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = self.construct_object(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} is given twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep)


_CoreLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL)$", "~nN"),
    ("merge", r"^<<$", "<"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    _CoreLoader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )
# An empty scalar ('key:' with nothing after it) has no first character to dispatch on.
_CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


# An explicit !!timestamp tag would still build a datetime: keep the text.
def _timestamp_as_text(loader: _CoreLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


_CoreLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def is_yaml(source: str) -> bool:
    name = source.lower().removesuffix(".gz")
    return name.endswith(YAML_SUFFIXES)


def parse_yaml(text: str, source: str) -> tuple[object, dict[str, int]]:
    """The decoded document and the lines of its top-level keys and ``injects[i]``."""
    loader = None
    try:
        loader = _CoreLoader(text)  # refuses control characters at once
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        line = mark.line + 1 if mark is not None else None
        column = f" (column {mark.column + 1})" if mark is not None else ""
        raise ScenarioError(
            source, [Problem("", f"not valid YAML: {what}{column}", line)]
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ScenarioError(
            source,
            [Problem("", f"not valid YAML: character {exc.character:#06x} is not allowed", line)],
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(source, [Problem("", f"not valid YAML: {exc}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc, _lines(node)


def _lines(node: yaml.Node | None) -> dict[str, int]:
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = key_node.start_mark.line + 1
        if key == "injects" and isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                lines[f"injects[{index}]"] = item.start_mark.line + 1
    return lines
