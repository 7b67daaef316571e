"""A fast path for the front matter that is fine: plain data straight from the parser's events.

PyYAML's C parser is fast, but composing its nodes (a Python object and a Python resolver
call per value) costs four times the parsing. Clean front matter needs no nodes: this
builds the data from the event stream with PyYAML's own resolvers and constructors, and
gives up (returns None) on anything unusual (a tag, an anchor, a duplicate key, a date
that does not exist, deep nesting, a syntax error), which then goes the full way in
frontmatter.py, with positions and messages. Tests compare the two on whole corpora.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.resolver import Resolver

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # only its scalar constructors are used
_RESOLVERS = Resolver.yaml_implicit_resolvers
_STR = "tag:yaml.org,2002:str"
# Whole numbers beyond this many bits (about 38 digits) are no amount, year or goal:
# frontmatter.py refuses them where YAML reads them, before Python is asked to print them
# (it refuses past 4,300 digits) or to compute with them.
MAX_INT_BITS = 128
_SCALARS = {
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


class _GiveUp(Exception):
    pass


def load(text: str, max_depth: int) -> dict | None:
    """The front matter as data, or None when it needs the full, careful parse."""
    parser = _Loader(text)
    try:
        return _build(iter(parser.get_event, None), max_depth)
    except (_GiveUp, yaml.YAMLError, ValueError, TypeError):
        return None
    finally:
        parser.dispose()


def _build(events, max_depth: int) -> Any:
    stack: list[Any] = []  # open containers: dicts and lists
    keys: list[Any] = []  # for each open dict: the key waiting for its value, or _NO_KEY
    document: Any = None
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _GiveUp
            value = _scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or (event.tag is not None and not event.implicit) or len(stack) >= max_depth:
                raise _GiveUp
            container: Any = {} if kind is yaml.MappingStartEvent else []
            stack.append(container)
            keys.append(_NO_KEY)
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()
            keys.pop()
        elif kind is yaml.AliasEvent:
            raise _GiveUp
        elif kind is yaml.StreamEndEvent:
            break
        else:  # stream and document boundaries
            continue
        if not stack:
            document = value
            continue
        parent = stack[-1]
        if type(parent) is list:
            parent.append(value)
        elif keys[-1] is _NO_KEY:
            if value in parent or type(value) in (dict, list) or value == "<<":
                raise _GiveUp  # a duplicate key, a key YAML cannot hash, a merge key
            keys[-1] = value
        else:
            parent[keys[-1]] = value
            keys[-1] = _NO_KEY
    return document


_NO_KEY = object()


def _scalar(event: yaml.ScalarEvent) -> Any:
    if not event.implicit[0]:
        return event.value  # quoted, or otherwise not plain: text as written
    return plain_value(event.value)


def plain_value(value: str) -> Any:
    """What YAML reads plain (unquoted) text as: "no" → False, "2019" → 2019, "x" → "x"."""
    for tag, regexp in _RESOLVERS.get(value[:1] or "", ()):
        if regexp.match(value):
            if tag == _STR:
                return value
            construct = _SCALARS.get(tag)
            if construct is None:
                raise _GiveUp  # merge, value: let the full parse decide
            result = construct(yaml.ScalarNode(tag, value))
            if type(result) is int and result.bit_length() > MAX_INT_BITS:
                raise _GiveUp  # a number too long to be one: the full parse says so
            return result
    return value
