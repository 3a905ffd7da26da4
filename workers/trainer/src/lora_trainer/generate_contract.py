"""Writes the trainer contract for the other side from its one source (config.py, event_types.py,
presets.json):
  workers/trainer/spec.schema.json, workers/trainer/events.schema.json   JSON Schema
  packages/contracts/src/generated/trainer-contract.ts                   zod + the API's hyperparameter table

    .venv/bin/python -m lora_trainer.generate_contract           # rewrite the files
    .venv/bin/python -m lora_trainer.generate_contract --check   # exit 1 when a file is stale

tests/test_contract.py fails when a committed file differs from what this writes."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import MISSING, fields
from pathlib import Path

from .config import (DEFAULT_LABEL_WORDS, DEFAULT_TEMPLATE, DEMO_MODEL_ID, SMOLLM2_LABEL_WORDS, SMOLLM2_MODEL_ID,
                     SMOLLM2_TEMPLATE, TARGET_MODULES, TrainSpec)
from .contract import RULE_KEYS, describe, field_default, field_kind
from .event_types import EVENTS
from .presets import read_presets

REPO = Path(__file__).resolve().parents[4]
TRAINER_DIR = REPO / "workers" / "trainer"
TS_OUT = REPO / "packages" / "contracts" / "src" / "generated" / "trainer-contract.ts"


def _js(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---- JSON Schema --------------------------------------------------------------------------------

def _field_schema(cls, f) -> dict:
    kind, nullable, nested = field_kind(cls, f)
    meta = f.metadata
    if nested is not None:
        return {"$ref": f"#/$defs/{nested.__name__}", "description": meta["help"]}
    rules = {k: meta[k] for k in RULE_KEYS if k in meta}
    if kind == "array":
        item = {"type": "string", "minLength": 1, **({"enum": meta["itemEnum"]} if "itemEnum" in meta else {})}
        schema = {"type": "array", "items": item, **rules}
    elif kind == "matrix":
        schema = {"type": "array", "items": {"type": "array", "items": {"type": "integer", "minimum": 0}}, **rules}
    elif kind == "map":
        schema = {"type": "object", "propertyNames": {"minLength": 1},
                  "additionalProperties": {"type": "string", "pattern": "\\S"}, **rules}
    else:
        schema = {"type": kind, **rules}
        if "containsOnce" in meta:
            x = re.escape(meta["containsOnce"])
            schema["pattern"] = f"^(?![\\s\\S]*{x}[\\s\\S]*{x})[\\s\\S]*{x}[\\s\\S]*$"
    if nullable:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:  # an enum constrains the type too: null must be one of its values
            schema["enum"] = [*schema["enum"], None]
    schema["description"] = f"{meta['help']}; {describe(kind, meta)}"
    default = field_default(f)
    if default is not MISSING:
        schema["default"] = default
    return schema


def object_schema(cls) -> dict:
    return {"type": "object", "additionalProperties": False,
            "properties": {f.name: _field_schema(cls, f) for f in fields(cls)},
            "required": [f.name for f in fields(cls) if field_default(f) is MISSING]}


def spec_schema() -> dict:
    nested = [field_kind(TrainSpec, f)[2] for f in fields(TrainSpec)]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "loraboard/trainer-spec.schema.json",
            "title": "The spec of `python -m lora_trainer train` (docs/trainer-protocol.md). Generated from "
                     "lora_trainer/config.py by lora_trainer.generate_contract: do not edit.",
            **object_schema(TrainSpec),
            "$defs": {cls.__name__: object_schema(cls) for cls in nested if cls is not None}}


def events_schema() -> dict:
    variants = []
    for name, cls in EVENTS.items():
        schema = object_schema(cls)
        variants.append({"properties": {"event": {"const": name}, **schema["properties"]}, "required": schema["required"]})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "loraboard/trainer-events.schema.json",
            "title": "One stdout line of `python -m lora_trainer train` (docs/trainer-protocol.md). Generated from "
                     "lora_trainer/event_types.py by lora_trainer.generate_contract: do not edit.",
            "type": "object", "required": ["event", "time"],
            "properties": {"event": {"enum": list(EVENTS)}, "time": {"type": "number", "description": "unix seconds"}},
            "oneOf": variants}


# ---- zod ----------------------------------------------------------------------------------------

def _zod(cls, f, message: str, optional: bool) -> str:
    kind, nullable, nested = field_kind(cls, f)
    meta, m = f.metadata, _js(message)
    if nested is not None:
        code = nested.__name__
    elif kind in ("integer", "number"):
        code = f"z.number({{ error: {m} }})" + (f".int({m})" if kind == "integer" else "")
        for key, method in (("minimum", "min"), ("maximum", "max"), ("exclusiveMinimum", "gt"), ("exclusiveMaximum", "lt")):
            if key in meta:
                code += f".{method}({meta[key]}, {m})"
    elif kind == "boolean":
        code = f"z.boolean({{ error: {m} }})"
    elif kind == "string" and "enum" in meta:
        code = f"z.enum({_js(meta['enum'])}, {{ error: {m} }})"
    elif kind == "string":
        code = f"z.string({{ error: {m} }})" + (f".min({meta['minLength']}, {m})" if "minLength" in meta else "")
        if "containsOnce" in meta:
            code += f".refine((s) => s.split({_js(meta['containsOnce'])}).length === 2, {m})"
    elif kind == "array":
        item = f"z.enum({_js(meta['itemEnum'])}, {{ error: {m} }})" if "itemEnum" in meta else f"z.string().min(1, {m})"
        code = f"z.array({item}, {{ error: {m} }}).min({meta.get('minItems', 0)}, {m})"
        if meta.get("uniqueItems"):
            code += f".refine((a) => new Set(a).size === a.length, {m})"
    elif kind == "matrix":
        code = f"z.array(z.array(z.number().int({m}).min(0, {m})), {{ error: {m} }})"
    else:  # map
        low, high = meta.get("minProperties", 0), meta.get("maxProperties", "Infinity")
        code = (f"z.record(z.string().min(1, {m}), z.string({{ error: {m} }}).regex(/\\S/, {m}), {{ error: {m} }})"
                f".refine((o) => Object.keys(o).length >= {low} && Object.keys(o).length <= {high}, {m})")
        if meta.get("distinctValues"):
            code += f".refine((o) => new Set(Object.values(o)).size === Object.keys(o).length, {m})"
    if nullable:
        code += ".nullable()"
    return code + (".optional()" if optional else "")


def _zod_object(cls, where: str, const: str, optional_defaults: bool) -> str:
    """A spec object refuses unknown keys as the trainer does; an event object (optional_defaults
    False) ignores them, so a newer trainer's extra fields break no older worker."""
    lines = [f"export const {const} = z.{'strictObject' if optional_defaults else 'object'}({{"]
    for f in fields(cls):
        kind, nullable, _ = field_kind(cls, f)
        message = f"{where}{f.name} {describe(kind, f.metadata)}" + (" or null" if nullable else "")
        optional = field_default(f) is not MISSING  # an event field with a default may be absent
        lines.append(f"  {f.name}: {_zod(cls, f, message, optional)},")
    return "\n".join(lines + ["});"])


def _cross_field_rules() -> list[dict]:
    rules = []
    for f in fields(TrainSpec):
        nested = field_kind(TrainSpec, f)[2]
        for g in fields(nested) if nested else []:
            for key in ("atLeastField", "needsTrue"):
                if key in g.metadata:
                    rules.append({"object": f.name, "field": g.name, key: g.metadata[key]})
    return rules


def hyperparameter_table() -> dict:
    table = {}
    for f in fields(TrainSpec):
        nested = field_kind(TrainSpec, f)[2]
        for g in fields(nested) if nested else []:
            if "api" in g.metadata:
                kind, nullable, _ = field_kind(nested, g)
                table[g.metadata["api"]] = {
                    "specPath": [f.name, g.name], "kind": kind, "nullable": nullable, "default": field_default(g),
                    "help": g.metadata["help"], "rule": describe(kind, g.metadata) + (" or null" if nullable else ""), **{k: g.metadata[k] for k in RULE_KEYS if k in g.metadata}}
    return table


def _one_line_each(entries: dict) -> str:
    return "{\n" + "".join(f"  {_js(k)}: {_js(v)},\n" for k, v in entries.items()) + "}"


def typescript() -> str:
    nested = [(f.name, field_kind(TrainSpec, f)[2]) for f in fields(TrainSpec) if field_kind(TrainSpec, f)[2]]
    api_lines = []
    for name, cls in nested:
        for g in fields(cls):
            if "api" in g.metadata:
                kind, nullable, _ = field_kind(cls, g)
                rule = describe(kind, g.metadata) + (" or null" if nullable else "")
                code = _zod(cls, g, f"{g.metadata['api']} {rule}", False)
                default = _js(field_default(g))
                if "enum" in g.metadata and isinstance(field_default(g), str):  # typed as the enum's value, not string
                    default += " as const"
                if "itemEnum" in g.metadata:  # typed as the enum's items, not string[]
                    default += f" as ({' | '.join(_js(v) for v in g.metadata['itemEnum'])})[]"
                api_lines.append(f"  {g.metadata['api']}: {code}.default(() => {default}),")
    events = [f"  z.object({{ event: z.literal({_js(name)}), time: z.number(), "
              f"...{cls.__name__}Event.shape }}),\n" for name, cls in EVENTS.items()]
    parts = [
        "// GENERATED by `.venv/bin/python -m lora_trainer.generate_contract` from workers/trainer/src/lora_trainer/\n"
        "// (config.py, event_types.py) and workers/trainer/presets.json: edit those, then rerun. A test\n"
        "// (workers/trainer/tests/test_contract.py) fails when this file is stale. docs/trainer-protocol.md.\n"
        'import { z } from "zod";\n',
        f"export const DEFAULT_PROMPT_TEMPLATE = {_js(DEFAULT_TEMPLATE)};",
        f"export const DEFAULT_LABEL_WORDS = {_js(DEFAULT_LABEL_WORDS)} as const;",
        f"export const DEMO_MODEL_ID = {_js(DEMO_MODEL_ID)};",
        f"export const SMOLLM2_MODEL_ID = {_js(SMOLLM2_MODEL_ID)};",
        f"export const SMOLLM2_PROMPT_TEMPLATE = {_js(SMOLLM2_TEMPLATE)};",
        f"export const SMOLLM2_LABEL_WORDS = {_js(SMOLLM2_LABEL_WORDS)} as const;",
        f"export const TARGET_MODULES = {_js(list(TARGET_MODULES))} as const;\n",
        *[_zod_object(cls, f"{name}.", cls.__name__, True) + "\n" for name, cls in nested],
        "/** Rules between two fields of one object, checked on the whole spec. */",
        f"export const CROSS_FIELD_RULES = {_js(_cross_field_rules())} as const;\n",
        _zod_object(TrainSpec, "", "TrainSpecFields", True) + "\n",
        *[_zod_object(cls, "", f"{cls.__name__}Event", False) + "\n" for cls in EVENTS.values()],
        f"export const TrainerEventSchema = z.discriminatedUnion(\"event\", [\n{''.join(events)}]);\n",
        "/** The hyperparameters the HTTP API exposes, by their flat API name: where each goes in the spec,\n"
        " * its default and bounds. */",
        f"export const HYPERPARAMETER_FIELDS = {_one_line_each(hyperparameter_table())} as const;\n",
        "export const hyperparameterSchemas = {", *api_lines, "};\n",
        "/** The new-job form's named starting points (workers/trainer/presets.json). */",
        f"export const PRESET_HYPERPARAMETERS = {_one_line_each(read_presets())} as const;",
    ]
    return "\n".join(parts) + "\n"


def outputs() -> dict[Path, str]:
    return {TRAINER_DIR / "spec.schema.json": json.dumps(spec_schema(), ensure_ascii=False, indent=2) + "\n",
            TRAINER_DIR / "events.schema.json": json.dumps(events_schema(), ensure_ascii=False, indent=2) + "\n",
            TS_OUT: typescript()}


def main(argv: list[str]) -> int:
    stale = [path for path, text in outputs().items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"stale: {path.relative_to(REPO)} (run python -m lora_trainer.generate_contract)", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
