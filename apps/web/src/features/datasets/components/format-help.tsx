// What an upload file should look like, shown beside the upload form until there is an error.
const EXAMPLES = [
  { name: "JSON array", code: '[{"sentence": "质量很好", "label": 1},\n {"sentence": "物流太慢", "label": 0}]' },
  { name: "JSONL", code: '{"sentence": "质量很好", "label": 1}\n{"sentence": "物流太慢", "label": "0"}' },
  { name: "CSV", code: 'sentence,label\n"好看, 也好用",1\n物流太慢,0' },
];

export function FormatHelp() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-800">What the file should look like</summary>
      <dl className="mt-3 grid grid-cols-[6rem_minmax(0,1fr)] items-start gap-x-3 gap-y-2">
        {EXAMPLES.map((example) => (
          <div key={example.name} className="contents">
            <dt className="pt-2 text-xs font-medium uppercase tracking-wide text-slate-500">{example.name}</dt>
            <dd>
              <pre className="whitespace-pre-wrap break-all rounded-md bg-slate-50 px-2 py-1.5 text-xs leading-relaxed text-slate-800">{example.code}</pre>
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-slate-500">
        Extra fields are ignored with a warning; duplicates, very long sentences and a single class are warnings; a bad or missing label, an
        empty sentence or one sentence with both labels stops the upload.
      </p>
    </details>
  );
}
