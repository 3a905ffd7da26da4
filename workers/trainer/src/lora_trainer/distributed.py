"""DDP helpers: agreeing across ranks, waiting for them, ending the process group."""
from __future__ import annotations


def any_rank(flag: bool, device) -> bool:
    """Under DDP every rank must stop at the same step (or the others hang in all-reduce), and SIGTERM
    can reach ranks between different steps: agree by an all-reduce of the flag."""
    import torch
    import torch.distributed as dist
    if not (dist.is_available() and dist.is_initialized()):
        return flag
    t = torch.tensor([1 if flag else 0], device=device)
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return bool(t.item())


def wait_for_all_ranks() -> None:
    import torch.distributed as dist
    if dist.is_available() and dist.is_initialized():
        dist.barrier()


def shutdown_distributed() -> None:
    """Ends the DDP process group before the interpreter exits: a rank that exits with the group
    alive aborts in C++ ("terminate called without an active exception", SIGABRT), and torchrun
    then reports the whole run as failed although training completed."""
    import sys
    if "torch" not in sys.modules:
        return
    import torch.distributed as dist
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()
