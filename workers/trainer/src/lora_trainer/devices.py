"""Where a run trains and in which dtype: a CUDA GPU in bf16 (fp16 where bf16 is missing), else the
CPU in float32, with bf16 matrix products under autocast where the CPU computes bf16 products natively
(Intel AMX tiles, or AVX512-BF16 as on AMD EPYC Zen 4)."""
from __future__ import annotations

from .config import TrainSpec


def pick_device():
    """(device, the weights' dtype)."""
    import torch
    if torch.cuda.is_available():
        return "cuda", (torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16)
    return "cpu", torch.float32


def cpu_bf16_autocast(spec: TrainSpec, device: str) -> bool:
    """Whether a CPU run computes in bfloat16: only where the CPU does bf16 products natively, with AMX tiles
    (Intel Xeon 4th generation and later) or AVX512-BF16 (AMD EPYC Zen 4: SmolLM2's preset trained 1.98x
    float32's samples/s); elsewhere bf16 is emulated and slower than float32. Autocast rather than bf16
    weights: on AMX the latter was slower than float32 (SmolLM2, LoRA q/k/v/o, 2 cores: 145 tokens/s
    float32, 454 autocast, 71 with bf16 weights), and the LoRA weights and AdamW stay float32."""
    import torch
    amx = getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    avx512_bf16 = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)
    return device == "cpu" and spec.training.cpuBf16 and bool(amx() or avx512_bf16())
