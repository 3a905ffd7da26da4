"""DDP with packed batches cut into token-budget passes: ranks may cut their batches into different
numbers of passes, so all but the last pass must skip the all-reduce (no_sync) or the ranks hang or
desynchronise (checked: with every pass all-reducing, this run hangs and the test fails on its
timeout). Two CPU processes under torchrun (gloo), like test_ddp.py."""
import pytest

from conftest import make_spec
from test_ddp import run_two_ranks


@pytest.mark.slow
def test_torchrun_packed_passes(tmp_path, tiny_model_dir, toy_data, event_validator):
    # ~1,050 tokens per 16-review batch, 300-token passes: 4-5 passes per step, differing between ranks
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, loggingSteps=1, evalSteps=4, packing=True, maxBatchTokens=300)
    events = run_two_ranks(tmp_path, spec, event_validator)
    total = events[0]["totalSteps"]
    assert total == 256 // (16 * 2)
    assert [e["step"] for e in events if e["event"] == "log"] == list(range(1, total + 1))
    evals = [e["eval_loss"] for e in events if e["event"] == "eval"]
    assert evals[-1] < evals[0], evals
    assert events[-1]["event"] == "completed"
