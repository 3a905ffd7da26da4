"""The rules of the trainer's contract, declared once on the dataclass fields (config.py, event_types.py)
and read three ways: the trainer checks a spec with them (`check_object`), `generate_contract.py`
writes them out as JSON Schema and as zod for the TypeScript side (packages/contracts/src/generated).

A field's metadata holds JSON Schema keywords (minimum, exclusiveMaximum, minLength, enum, minItems,
uniqueItems, minProperties, maxProperties, pattern) plus our own:
  help            one line on what the field does (documentation, the form's hint)
  api             the flat name of the hyperparameter in the HTTP API (`loraR`), when the API exposes it
  itemEnum        the allowed values of a list's items
  distinctValues  a map whose values must differ from each other
  containsOnce    a string that must occur exactly once in the value
  atLeastField    (in the same object) a field this one must be at least, when both are set
  needsTrue       (in the same object) a boolean that must be true when this field is set
"""
from __future__ import annotations

import math
import types
import typing
from dataclasses import MISSING, Field, field, fields, is_dataclass
from typing import Any

RULE_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "enum", "minItems",
             "uniqueItems", "minProperties", "maxProperties", "pattern")


def spec_field(default: Any = MISSING, *, factory: Any = MISSING, help: str, **rules: Any) -> Any:
    """A dataclass field whose metadata carries its rules (keys: see the module docstring)."""
    metadata = {"help": help, **rules}
    if factory is not MISSING:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def field_default(f: Field) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return MISSING


def field_kind(cls: type, f: Field) -> tuple[str, bool, Any]:
    """(kind, nullable, nested dataclass or None); kind is integer, number, boolean, string, array,
    matrix, map or object."""
    hint = typing.get_type_hints(cls)[f.name]
    nullable = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable, hint = True, args[0]
    origin = typing.get_origin(hint)
    if origin is list:  # a list of names, or (a confusion matrix) a list of lists of counts
        return ("matrix" if typing.get_origin(typing.get_args(hint)[0]) is list else "array"), nullable, None
    if origin is dict:
        return "map", nullable, None
    if is_dataclass(hint):
        return "object", nullable, hint
    return {int: "integer", float: "number", bool: "boolean", str: "string"}[hint], nullable, None


def describe(kind: str, meta: dict) -> str:
    """The rule in words, the same in the trainer's error, the API's 422 and the form."""
    if kind in ("integer", "number"):
        what = "an integer" if kind == "integer" else "a number"
        if "minimum" in meta and "maximum" in meta:
            return f"must be {what} from {meta['minimum']} to {meta['maximum']}"
        bounds = [f"{words} {meta[key]}" for key, words in (("minimum", "of at least"), ("exclusiveMinimum", "above"),
                                                           ("maximum", "at most"), ("exclusiveMaximum", "below"))
                  if key in meta]
        return " ".join([f"must be {what}", " and ".join(bounds)]).strip()
    if kind == "boolean":
        return "must be true or false"
    if kind == "string" and "enum" in meta:
        return "must be one of " + ", ".join(f'"{v}"' for v in meta["enum"])
    if kind == "string" and "containsOnce" in meta:
        return f"must contain {meta['containsOnce']} exactly once"
    if kind == "string":
        return "must be a non-empty string" if meta.get("minLength") else "must be a string"
    if kind == "array":
        allowed = f" of {', '.join(meta['itemEnum'])}" if "itemEnum" in meta else " of names"
        return f"must be a list of {meta.get('minItems', 0)} or more different names{allowed}"
    if kind == "matrix":
        return "must be a list of rows of counts"
    if kind == "map":
        return (f"must map {meta.get('minProperties', 0)} to {meta.get('maxProperties', 'any number of')} labels "
                "to different non-empty words")
    return "must be an object"


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _value_ok(kind: str, meta: dict, v: Any) -> bool:
    if kind in ("integer", "number"):
        if not _is_number(v) or (kind == "integer" and not isinstance(v, int)):
            return False
        return (v >= meta.get("minimum", -math.inf) and v <= meta.get("maximum", math.inf)
                and v > meta.get("exclusiveMinimum", -math.inf) and v < meta.get("exclusiveMaximum", math.inf))
    if kind == "boolean":
        return isinstance(v, bool)
    if kind == "string":
        return (isinstance(v, str) and len(v) >= meta.get("minLength", 0)
                and ("enum" not in meta or v in meta["enum"])
                and ("containsOnce" not in meta or v.count(meta["containsOnce"]) == 1))
    if kind == "array":
        return (isinstance(v, list) and len(v) >= meta.get("minItems", 0)
                and all(isinstance(m, str) and m for m in v)
                and ("itemEnum" not in meta or all(m in meta["itemEnum"] for m in v))
                and (not meta.get("uniqueItems") or len(set(v)) == len(v)))
    if kind == "matrix":
        return isinstance(v, list) and all(isinstance(r, list) and all(type(c) is int and c >= 0 for c in r) for r in v)
    if kind == "map":
        return (isinstance(v, dict) and meta.get("minProperties", 0) <= len(v) <= meta.get("maxProperties", math.inf)
                and all(isinstance(k, str) and k for k in v)
                and all(isinstance(w, str) and w.strip() for w in v.values())
                and (not meta.get("distinctValues") or len(set(v.values())) == len(v)))
    return True


def check_object(obj: Any, where: str, fail) -> None:
    """Checks every field of dataclass instance `obj` (and nested ones) against its rules; calls
    fail(message) for the first broken one."""
    cls = type(obj)
    for f in fields(cls):
        kind, nullable, nested = field_kind(cls, f)
        value = getattr(obj, f.name)
        name = where + f.name
        if value is None and nullable:
            continue
        if nested is not None:
            check_object(value, name + ".", fail)
            continue
        if not _value_ok(kind, f.metadata, value):
            fail(f"{name} {describe(kind, f.metadata)}" + (" or null" if nullable else ""))
        other = f.metadata.get("atLeastField")
        if other and getattr(obj, other) is not None and value < getattr(obj, other):
            fail(f"{name} must be at least {where}{other} ({getattr(obj, other)})")
        needed = f.metadata.get("needsTrue")
        if needed and getattr(obj, needed) is not True:
            fail(f"{name} needs {where}{needed}: true")
