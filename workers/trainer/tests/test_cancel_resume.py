"""SIGTERM stops at a step boundary with a checkpoint; resuming continues with the next step."""
import json
import signal
import subprocess
import sys

from conftest import cli_env, make_spec, run_cli, write_spec


def test_sigterm_then_resume_gives_contiguous_steps(tmp_path, tiny_model_dir, toy_data, event_validator):
    # batch 4 over 256 rows = 64 steps, every step logged; eval/save rarely so the checkpoint comes from SIGTERM.
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, batchSize=4, loggingSteps=1, evalSteps=1000)
    proc = subprocess.Popen([sys.executable, "-m", "lora_trainer", "train", str(write_spec(tmp_path, spec))],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=cli_env())
    first = []
    for line in proc.stdout:
        event = json.loads(line)
        first.append(event)
        if event["event"] == "log" and event["step"] == 3:
            proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=120) == 143
    assert first[-1]["event"] == "failed" and first[-1]["code"] == "cancelled"
    checkpoints = [e for e in first if e["event"] == "checkpoint"]
    assert len(checkpoints) == 1
    stopped_at = checkpoints[0]["step"]
    total = first[0]["totalSteps"]
    assert 3 <= stopped_at < total

    spec["resumeFromCheckpoint"] = checkpoints[0]["path"]
    rc, second, stderr = run_cli("train", str(write_spec(tmp_path, spec, "resume.json")))
    assert rc == 0, stderr[-3000:]
    for event in first + second:
        assert not list(event_validator.iter_errors(event))
    steps = [e["step"] for e in first + second if e["event"] == "log"]
    assert steps == list(range(1, total + 1)), steps  # nothing logged twice, nothing skipped
    assert second[-1]["event"] == "completed" and second[-1]["steps"] == total
