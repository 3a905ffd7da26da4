"""Command line: `python -m lora_trainer {train,predict,merge,make-demo-model,convert-gguf}`. (Splitting a dataset is the
dashboard's rule, packages/domain; the benches' plain split is bench/split.py.)"""
from __future__ import annotations

import argparse
import faulthandler
import json
import signal
import sys
import traceback
from pathlib import Path

from .config import DEFAULT_LABEL_WORDS, DEFAULT_TEMPLATE, TrainerError, load_spec
from .events import capture_stdout, emit


def _cmd_train(args) -> int:
    from .train import StopFlag, main as train_main
    stop = StopFlag()
    stop.install()  # before the slow imports, so an early SIGTERM is not lost
    # `kill -USR1 <pid>` prints every thread's Python stack to stderr (the job's log) and carries on:
    # how to see where a stuck trainer (a rank waiting in a collective, a slow compile) is.
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    try:
        spec = load_spec(args.spec)
        return train_main(spec, stop)
    except TrainerError as exc:
        emit("failed", error=str(exc), code=exc.code)
        return 2 if exc.code == "invalid_spec" else 1
    except Exception as exc:  # anything unforeseen still ends with a protocol event
        traceback.print_exc(file=sys.stderr)
        emit("failed", error=f"{type(exc).__name__}: {exc}", code="internal_error")
        return 1
    finally:
        from .distributed import shutdown_distributed
        shutdown_distributed()


def _cmd_predict(args) -> int:
    from .predict import predict
    try:
        label_words = json.loads(args.label_words) if args.label_words else DEFAULT_LABEL_WORDS
        summary = predict(args.base, args.adapter, args.input, args.template, label_words,
                          args.max_new_tokens, args.batch_size)
    except TrainerError as exc:
        print(f"predict failed ({exc.code}): {exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    if args.summary:
        Path(args.summary).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


def _cmd_make_demo_model(args) -> int:
    from .demo_model import make_demo_model
    summary = make_demo_model(args.dir, seed=args.seed)
    print(f"demo model: {summary['params']:,} params, vocab {summary['vocabSize']} -> {summary['path']}", file=sys.stderr)
    return 0


def _cmd_merge(args) -> int:
    from .merge import merge_adapter
    try:
        summary = merge_adapter(args.base, args.adapter, args.out)
    except TrainerError as exc:
        print(f"merge failed ({exc.code}): {exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    return 0


def _cmd_convert_gguf(args) -> int:
    from .convert_gguf import convert_gguf
    try:
        summary = convert_gguf(args.gguf, args.out)
    except TrainerError as exc:
        print(f"convert-gguf failed ({exc.code}): {exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lora_trainer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("train", help="fine-tune a LoRA adapter; JSON-line events on stdout")
    p.add_argument("spec", help="path of the JSON spec (docs/trainer-protocol.md)")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("predict", help="batched greedy generation; one JSON line per input row")
    p.add_argument("--base", required=True, help="base model directory")
    p.add_argument("--adapter", help="LoRA adapter directory (omit for the base model alone)")
    p.add_argument("--input", required=True, help='JSONL rows {"sentence": ..., "label"?: a key of the label words}')
    p.add_argument("--template", default=DEFAULT_TEMPLATE, help="prompt template containing {sentence}")
    p.add_argument("--label-words", help='JSON like {"0": "消极", "1": "积极"}: each label to its answer word')
    p.add_argument("--max-new-tokens", type=int, default=4)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--summary", help="also write the accuracy summary JSON to this file")
    p.set_defaults(func=_cmd_predict)

    p = sub.add_parser("merge", help="fold a LoRA adapter into its base; bf16 safetensors + tokenizer in --out")
    p.add_argument("--base", required=True, help="base model directory")
    p.add_argument("--adapter", required=True, help="LoRA adapter directory")
    p.add_argument("--out", required=True, help="directory to create (must not exist; written atomically)")
    p.set_defaults(func=_cmd_merge)

    p = sub.add_parser("make-demo-model", help="write the small random-weight Llama + Chinese char tokenizer")
    p.add_argument("dir")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_cmd_make_demo_model)

    p = sub.add_parser("convert-gguf", help="a GGUF checkpoint into a HF directory (bf16 safetensors, tokenizer, "
                                            "chat template); does nothing when --out is already converted")
    p.add_argument("--gguf", required=True, help="the .gguf file")
    p.add_argument("--out", required=True, help="directory to create (written atomically)")
    p.set_defaults(func=_cmd_convert_gguf)

    return parser


def main(argv: list[str] | None = None) -> int:
    capture_stdout()  # from here on, fd 1 is stderr; events and prediction rows use the saved stdout
    args = build_parser().parse_args(argv)
    return args.func(args)
