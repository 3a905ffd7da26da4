"""stdout carries JSON-line events and nothing else (docs/trainer-protocol.md; the events are declared in event_types.py). We keep a private copy of
the real stdout for events and point fd 1 at stderr, so stray prints, progress bars and C-level
library output can never corrupt the stream the worker parses."""
from __future__ import annotations

import json
import math
import os
import sys
import time
from typing import Any, TextIO

_event_stream: TextIO | None = None


def is_main_process() -> bool:
    # Under torchrun every rank runs this code; only global rank 0 speaks the protocol.
    return int(os.environ.get("RANK", "0")) == 0


def capture_stdout() -> None:
    """Reserve the real stdout for events; everything else written to fd 1 goes to stderr."""
    global _event_stream
    if _event_stream is not None:
        return
    sys.stdout.flush()
    event_fd = os.dup(1)
    os.dup2(2, 1)
    _event_stream = os.fdopen(event_fd, "w", encoding="utf-8", buffering=1)
    sys.stdout = sys.stderr


def _clean(value: Any) -> Any:
    # JSON has no NaN/Infinity; a diverged loss is reported as null rather than breaking the parser.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def emit(event: str, **fields: Any) -> None:
    if not is_main_process():
        return
    record = {"event": event, "time": round(time.time(), 3)}
    record.update({k: _clean(v) for k, v in fields.items()})
    stream = _event_stream or sys.stdout
    stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    stream.flush()
