"""float32 against bf16 autocast on the CPU (training.cpuBf16), side by side in one run: the same
spec trained twice through the trainer's CLI, each half with cpuBf16 false then true, alternating
(float32, bf16, float32, bf16 with --repeat 2) so that a noisy machine hits both alike.

    python3 workers/trainer/bench/cpu_precision.py SPEC.json [--repeat 1] [--vary lora.topLayers=10,20,null]

--vary compares any other spec field the same way (a dotted path, JSON values; `products` then names
the value).

SPEC.json is an ordinary trainer spec (docs/trainer-protocol.md); set training.maxSteps small and
loggingSteps so that several `log` events arrive. Prints, per run: training samples/s and tokens/s
(mean of the `log` events after the first, which holds start-up), seconds of the final validation
pass, its eval loss and accuracy."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def run(spec: dict, field: str, value, work: Path) -> dict:
    spec = json.loads(json.dumps(spec))
    *parents, key = field.split(".")
    node = spec
    for part in parents:
        node = node.setdefault(part, {})
    node[key] = value
    name = ("bf16" if value else "float32") if field == "training.cpuBf16" else f"{key}-{json.dumps(value)}"
    spec["outputDir"], spec["adapterDir"] = str(work / name / "out"), str(work / name / "adapter")
    path = work / f"{name}.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lora_trainer", "train", str(path)], capture_output=True, text=True)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0:
        raise SystemExit(f"{name} run failed: {proc.stderr[-2000:]}")
    started = next(e for e in events if e["event"] == "started")
    logs = [e for e in events if e["event"] == "log"][1:]
    evals = [e for e in events if e["event"] == "eval"]
    last_log = max((e for e in events if e["event"] == "log"), key=lambda e: e["time"])
    mean = lambda key: sum(e[key] for e in logs) / max(len(logs), 1)
    label = (started.get("autocast") or "float32") if field == "training.cpuBf16" else f"{field}={json.dumps(value)}"
    return {"products": label, "samples_per_s": round(mean("samples_per_second"), 2),
            "tokens_per_s": round(mean("tokens_per_second"), 1),
            "final_eval_s": round(evals[-1]["time"] - last_log["time"], 1) if evals else None,
            "eval_loss": evals[-1]["eval_loss"] if evals else None,
            "eval_accuracy": evals[-1].get("eval_accuracy") if evals else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("spec")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--vary", default="training.cpuBf16=false,true", help="FIELD=JSON,JSON,...")
    args = parser.parse_args()
    field, values = args.vary.split("=", 1)
    spec = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            for value in values.split(","):
                rows.append(run(spec, field, json.loads(value), Path(tmp)))
                print(json.dumps(rows[-1]), flush=True)
    print("| products | training samples/s | tokens/s | final validation pass (s) | eval loss | accuracy |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        loss = "" if r["eval_loss"] is None else f"{r['eval_loss']:.4f}"  # a spec without `val` has no eval
        print(f"| {r['products']} | {r['samples_per_s']} | {r['tokens_per_s']} | {r['final_eval_s']} | "
              f"{loss} | {r['eval_accuracy']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
