"""vLLM plugin loaded by the embedded default's inference servers (scripts/start-inference.sh).

`register` runs in every vLLM process (API server, engine core, worker) and may run more than once: it
only replaces module attributes, so repeating it is harmless.
"""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def register() -> None:
    from vllm.platforms import current_platform

    if not current_platform.is_cpu():
        return  # GPUs run vLLM's Triton punica kernels, which need no help
    from . import cpu_lora_ops

    cpu_lora_ops.install()
    logger.info("loraboard: LoRA on the CPU runs one matrix product per adapter, not per token")
