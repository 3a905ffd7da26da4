"use client";

import { useEffect, useRef, useState } from "react";
import type { JobLogLine } from "@loraboard/contracts";

/** The trainer's stderr, newest at the bottom; follows new lines unless the user scrolled up. */
export function LogConsole({ lines, isLoaded }: { lines: JobLogLine[]; isLoaded: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [isFollowing, setIsFollowing] = useState(true);

  useEffect(() => {
    const element = scroller.current;
    if (element && isFollowing) element.scrollTop = element.scrollHeight;
  }, [lines, isFollowing]);

  return (
    <section aria-labelledby="log-heading" className="flex flex-col rounded-lg border border-slate-200 bg-white">
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 id="log-heading" className="text-sm font-medium text-slate-800">
          Trainer log <span className="font-normal text-slate-500">({lines.length.toLocaleString("en-US")} lines)</span>
        </h2>
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          <input type="checkbox" className="h-3.5 w-3.5 accent-indigo-600" checked={isFollowing} onChange={(e) => setIsFollowing(e.target.checked)} />
          Follow
        </label>
      </div>
      {/* Absolutely placed, so a long log scrolls inside the box instead of growing the row. */}
      <div className="relative h-64 lg:h-auto lg:min-h-64 lg:flex-1">
        <div
          ref={scroller}
          tabIndex={0}
          role="log"
          aria-label="Trainer log"
          data-testid="log-console"
          onScroll={(event) => {
            const element = event.currentTarget;
            const isAtBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
            if (isAtBottom !== isFollowing) setIsFollowing(isAtBottom);
          }}
          className="absolute inset-0 overflow-auto rounded-b-lg bg-slate-950 px-3 py-2 font-mono text-xs leading-5 text-slate-200"
        >
          {lines.length === 0 ? (
            <p className="text-slate-500">{isLoaded ? "No output yet." : "Loading…"}</p>
          ) : (
            lines.map((line, i) => (
              <div key={line.id || `live-${i}`} className={`whitespace-pre-wrap break-all ${STREAM_CLASS[line.stream] ?? ""}`}>
                {line.line}
              </div>
            ))
          )}
        </div>
      </div>
    </section>
  );
}

/** The worker's own notes (cancel requested, attempts) stand apart from the trainer's output. */
const STREAM_CLASS: Record<string, string> = { stdout: "text-slate-400", worker: "text-amber-300" };
