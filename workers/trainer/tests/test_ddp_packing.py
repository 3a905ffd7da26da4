"""DDP with packed batches cut into token-budget passes: ranks may cut their batches into different
numbers of passes, so all but the last pass must skip the all-reduce (no_sync) or the ranks hang or
desynchronise (checked: with every pass all-reducing, this run hangs and the test fails on its
timeout). The same holds for evaluation: with eval batches cut into passes, a collective per pass
(transformers' prediction_step all-gathers its token count on every call) hung two H200s at the first
evaluation and crashes gloo. Two CPU processes under torchrun (gloo), like test_ddp.py."""
import pytest

from conftest import make_spec, toy_rows, write_jsonl
from test_ddp import run_two_ranks


@pytest.mark.slow
def test_torchrun_packed_passes(tmp_path, tiny_model_dir, toy_data, event_validator):
    # ~1,050 tokens per 16-review batch, 300-token passes: 4-5 passes per step, differing between ranks.
    # 128 validation reviews: each rank evaluates its own two batches of 32, cut into different
    # numbers of passes (the shared 32-review set would give both ranks the same single batch).
    data = dict(toy_data, val=write_jsonl(tmp_path / "val.jsonl", toy_rows(128, 7)))
    spec = make_spec(tmp_path, tiny_model_dir, data, loggingSteps=1, evalSteps=4, packing=True, maxBatchTokens=300)
    events = run_two_ranks(tmp_path, spec, event_validator)
    total = events[0]["totalSteps"]
    assert total == 256 // (16 * 2)
    assert [e["step"] for e in events if e["event"] == "log"] == list(range(1, total + 1))
    evals = [e["eval_loss"] for e in events if e["event"] == "eval"]
    assert evals[-1] < evals[0], evals
    assert events[-1]["event"] == "completed"


@pytest.mark.slow
def test_ranks_get_token_balanced_packed_batches(tmp_path, tiny_model_dir, toy_data):
    # Each step waits for the rank with the most tokens; packed batches are split between the ranks by
    # tokens (data.rank_balanced_order). Checked on what accelerate really hands each rank.
    import json
    import subprocess
    import sys
    from pathlib import Path

    from conftest import cli_env, write_spec

    spec = make_spec(tmp_path, tiny_model_dir, toy_data, packing=True, groupByLength=False)
    probe = Path(__file__).with_name("ddp_batches_probe.py")
    # torchrun as a module (test_ddp.py says why not the venv's script)
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", str(probe), str(write_spec(tmp_path, spec)),
                           str(tmp_path)], capture_output=True, text=True, timeout=300, env=dict(cli_env(), OMP_NUM_THREADS="1"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    rank0, rank1 = (json.loads((tmp_path / f"rank{r}.json").read_text()) for r in (0, 1))
    assert len(rank0) == len(rank1) == 256 // (16 * 2)
    heavier = sum(max(a, b) for a, b in zip(rank0, rank1)) / (sum(rank0 + rank1) / 2)
    assert heavier < 1.01, (rank0, rank1)
