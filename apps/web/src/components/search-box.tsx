// The search box above a list of sentences (a dataset's rows, an evaluation's predictions).
export function SearchBox({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="Search sentences…"
        maxLength={200}
        className="w-56 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
    </>
  );
}
