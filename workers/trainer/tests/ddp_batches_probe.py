"""Run by test_ddp_packing.py under torchrun: builds the trainer for a spec exactly as a job does and
writes, per rank, the token count of each batch its train dataloader (what trainer.train() iterates)
hands it over one epoch. Not a test module itself (no test_ prefix)."""
import json
import os
import sys
from pathlib import Path

from lora_trainer.config import load_spec
from lora_trainer.data import read_jsonl
from lora_trainer.distributed import shutdown_distributed
from lora_trainer.train import build_trainer, load_base

spec = load_spec(sys.argv[1])
tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
trainer, _ = build_trainer(spec, tokenizer, model, device, dtype, read_jsonl(spec.train), [])
loader = trainer.get_train_dataloader()
tokens = [int(batch["num_real_tokens"]) for batch in loader]
Path(sys.argv[2], f"rank{os.environ['RANK']}.json").write_text(json.dumps(tokens))
shutdown_distributed()
