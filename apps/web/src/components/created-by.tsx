import type { Creator } from "@loraboard/contracts";

/** "by Ada" under a record's date in the lists; members share one workspace, so this says whose a
 * dataset, job, evaluation or adapter is. Nothing for records without one (API_TOKEN, older rows). */
export function CreatedBy({ creator }: { creator: Creator | null | undefined }) {
  if (!creator) return null;
  return (
    <div className="truncate text-xs text-slate-500" title={creator.email} data-testid="created-by">
      by {creator.name}
    </div>
  );
}
