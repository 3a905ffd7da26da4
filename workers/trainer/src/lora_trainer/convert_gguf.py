"""`convert-gguf`: a GGUF checkpoint (llama.cpp's format) into a Hugging Face directory that the
trainer, the merge and vLLM all read: bf16 safetensors, tokenizer.json, the chat template.

transformers reads GGUF (with the `gguf` package) and dequantizes it, but what it loads is not ready
to save or serve: the config keeps a GGUF quantization config (save_pretrained refuses it), and the
tokenizer's special tokens come out wrong (SmolLM2's eos loads as <|im_start|>). The special tokens
are therefore taken from the GGUF metadata's ids. The pad token is a token other than EOS, so that
nothing which masks padding can mask the answer's EOS. Written to a sibling temporary folder and
renamed into place, with a marker file last, so a directory with the marker is complete.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from .config import TrainerError

MARKER = ".loraboard-converted.json"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_converted(out_dir: str | Path) -> bool:
    return (Path(out_dir) / MARKER).is_file()


def _special_token_ids(gguf_path: Path) -> dict[str, int]:
    from gguf import GGUFReader

    reader = GGUFReader(str(gguf_path))
    ids = {}
    for name in ("bos", "eos", "unknown", "padding"):
        field = reader.fields.get(f"tokenizer.ggml.{name}_token_id")
        if field is not None and field.data:
            ids[name] = int(field.parts[field.data[0]][0])
    return ids


def convert_gguf(gguf: str, out: str) -> dict:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gguf_path, out_dir = Path(gguf).resolve(), Path(out)
    if not gguf_path.is_file():
        raise TrainerError(f"no GGUF file at {gguf}", "model_not_found")
    if is_converted(out_dir):
        return {"path": str(out_dir), "skipped": True}
    if out_dir.exists():
        raise TrainerError(f"{out} exists without {MARKER}; delete it to convert again", "already_exists")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        source = {"pretrained_model_name_or_path": str(gguf_path.parent), "gguf_file": gguf_path.name}
        tokenizer = AutoTokenizer.from_pretrained(**source)
        ids = _special_token_ids(gguf_path)
        tokens = {k: tokenizer.convert_ids_to_tokens(v) for k, v in ids.items()}
        tokenizer.bos_token = tokens.get("bos", tokenizer.bos_token)
        tokenizer.eos_token = tokens.get("eos", tokenizer.eos_token)
        tokenizer.unk_token = tokens.get("unknown", tokenizer.unk_token)
        pad = tokens.get("padding")
        tokenizer.pad_token = pad if pad not in (None, tokenizer.eos_token) else (tokenizer.unk_token or tokenizer.eos_token)

        loaded = AutoModelForCausalLM.from_pretrained(**source, dtype=torch.bfloat16)
        # The loaded weights are already dequantized, but the model keeps its GGUF quantizer, which
        # save_pretrained refuses: the same weights go into a plain model built from the config.
        config = loaded.config
        if hasattr(config, "quantization_config"):
            del config.quantization_config
        model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16)
        model.load_state_dict(loaded.state_dict())
        model.generation_config = loaded.generation_config
        del loaded
        model.config.name_or_path = gguf_path.stem
        for name in ("bos", "eos", "pad"):
            token_id = getattr(tokenizer, f"{name}_token_id")
            setattr(model.config, f"{name}_token_id", token_id)
            setattr(model.generation_config, f"{name}_token_id", token_id)
        # BPE: cleaning up spaces would corrupt decoded text; the context is the model's own.
        tokenizer.clean_up_tokenization_spaces = False
        tokenizer.model_max_length = getattr(model.config, "max_position_embeddings", tokenizer.model_max_length)
        model.save_pretrained(str(tmp), safe_serialization=True)
        tokenizer.save_pretrained(str(tmp))
        marker = {"source": gguf_path.name, "sha256": sha256_of(gguf_path),
                  "eos": tokenizer.eos_token, "pad": tokenizer.pad_token}
        (tmp / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    files = sorted(p.name for p in out_dir.iterdir())
    return {"path": str(out_dir), "files": files, "eos": tokenizer.eos_token, "pad": tokenizer.pad_token}
