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
