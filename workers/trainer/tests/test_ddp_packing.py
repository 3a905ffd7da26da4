"""DDP with packed batches cut into token-budget passes: ranks may cut their batches into different
numbers of passes, so all but the last pass must skip the all-reduce (no_sync) or the ranks hang or
desynchronise (checked: with every pass all-reducing, this run hangs and the test fails on its
timeout). Two CPU processes under torchrun (gloo), like test_ddp.py."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env, make_spec, write_spec


@pytest.mark.slow
def test_torchrun_packed_passes(tmp_path, tiny_model_dir, toy_data, event_validator):
    # ~1,050 tokens per 16-review batch, 300-token passes: 4-5 passes per step, differing between ranks
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, loggingSteps=1, evalSteps=4, packing=True, maxBatchTokens=300)
    torchrun = Path(sys.executable).with_name("torchrun")
    env = dict(cli_env(), OMP_NUM_THREADS="1")
    proc = subprocess.run([str(torchrun), "--standalone", "--nproc_per_node=2", "-m", "lora_trainer", "train",
                           str(write_spec(tmp_path, spec))], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    events = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    for event in events:
        assert not list(event_validator.iter_errors(event))
    total = events[0]["totalSteps"]
    assert total == 256 // (16 * 2)
    assert [e["step"] for e in events if e["event"] == "log"] == list(range(1, total + 1))
    evals = [e["eval_loss"] for e in events if e["event"] == "eval"]
    assert evals[-1] < evals[0], evals
    assert events[-1]["event"] == "completed"
