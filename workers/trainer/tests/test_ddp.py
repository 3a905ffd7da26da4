"""DDP under torchrun (2 CPU processes, gloo): one event stream from rank 0, steps shared by the ranks."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env, make_spec, write_spec


def run_two_ranks(tmp_path, spec, event_validator) -> list[dict]:
    """`torchrun --nproc_per_node=2 -m lora_trainer train`; asserts exit 0 and valid events, returns them."""
    env = dict(cli_env(), OMP_NUM_THREADS="1")
    # torchrun as a module of this interpreter: the venv's `torchrun` script carries the shebang of
    # the path the venv was installed through, dead once that clone is gone (CI keeps the venv).
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", "-m", "lora_trainer", "train",
                           str(write_spec(tmp_path, spec))], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    events = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    for event in events:
        assert not list(event_validator.iter_errors(event))
    return events


@pytest.mark.slow
def test_torchrun_two_processes(tmp_path, tiny_model_dir, toy_data, event_validator):
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, loggingSteps=1, evalSteps=4)
    events = run_two_ranks(tmp_path, spec, event_validator)
    kinds = [e["event"] for e in events]
    assert kinds.count("started") == 1 and kinds.count("completed") == 1  # rank 1 stays silent
    total = events[0]["totalSteps"]
    assert total == 256 // (16 * 2)  # each step consumes one batch per rank
    assert [e["step"] for e in events if e["event"] == "log"] == list(range(1, total + 1))
    assert (Path(spec["adapterDir"]) / "adapter_model.safetensors").is_file()
