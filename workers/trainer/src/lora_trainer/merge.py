"""`merge`: base model + LoRA adapter folded into one bf16 model, for serving without LoRA.

The base loads on the CPU in its checkpoint's dtype (a merge is one pass; the GPUs stay with
training), peft's merge_and_unload folds the adapter in, and the result is cast to bf16 and written as
safetensors with the base's tokenizer files. Nothing half written is ever visible:
everything goes to a sibling temporary folder that is renamed onto the target only when complete.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .config import TrainerError

# Tokenizer and generation files the base may carry that save_pretrained does not always rewrite.
_EXTRA_FILES = ("generation_config.json", "chat_template.jinja", "chat_template.json")


def merge_adapter(base: str, adapter: str, out: str) -> dict:
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base_dir, adapter_dir, out_dir = Path(base), Path(adapter), Path(out)
    if not (base_dir / "config.json").is_file():
        raise TrainerError(f"base model directory {base} has no config.json", "model_not_found")
    if not (adapter_dir / "adapter_config.json").is_file():
        raise TrainerError(f"adapter directory {adapter} has no adapter_config.json", "adapter_not_found")
    if out_dir.exists():
        raise TrainerError(f"{out} already exists; delete it to merge again", "already_exists")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # One name per target: a merge killed midway leaves a folder that the next attempt clears.
    tmp = out_dir.parent / f".{out_dir.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(base_dir), local_files_only=True)
        # In the checkpoint's own dtype: a 7B base in fp32 would need 28 GB of memory for no gain,
        # since the result is rounded to bf16 anyway.
        model = AutoModelForCausalLM.from_pretrained(str(base_dir), dtype="auto", local_files_only=True)
        model = PeftModel.from_pretrained(model, str(adapter_dir)).merge_and_unload()
        model = model.to(torch.bfloat16)
        model.save_pretrained(str(tmp), safe_serialization=True)
        tokenizer.save_pretrained(str(tmp))
        for name in _EXTRA_FILES:
            if (base_dir / name).is_file() and not (tmp / name).exists():
                shutil.copy2(base_dir / name, tmp / name)
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    files = sorted(p.name for p in out_dir.iterdir())
    size = sum(p.stat().st_size for p in out_dir.iterdir() if p.is_file())
    return {"path": str(out_dir), "files": files, "bytes": size}
