// The vLLM commands that serve what the adapter page hands out, from the unzipped folders. The
// flags are the ones the product's own server uses (docs/base-models.md), minus the dashboard's
// runtime loading: a downloaded adapter is named on the command line with --lora-modules.

/** vLLM accepts only these --max-lora-rank values and refuses adapters of a larger rank. */
export const VLLM_LORA_RANKS = [1, 8, 16, 32, 64, 128, 256, 320, 512] as const;

const shellQuote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`);

export function vllmAdapterCommand(input: { basePath: string; baseName: string; adapterName: string; rank: number | null }) {
  const rank = VLLM_LORA_RANKS.find((allowed) => allowed >= (input.rank ?? 16)) ?? 512;
  return [
    "vllm serve", shellQuote(input.basePath),
    "--served-model-name", shellQuote(input.baseName),
    "--enable-lora", "--max-lora-rank", String(rank),
    "--lora-modules", shellQuote(`${input.adapterName}=./${input.adapterName}`),
  ].join(" ");
}

/** The merged model's zip unpacks to `<adapter>-merged/`; it serves under the adapter's name. */
export const mergedFolderName = (adapterName: string) => `${adapterName}-merged`;

export function vllmMergedCommand(adapterName: string) {
  return `vllm serve ./${shellQuote(mergedFolderName(adapterName))} --served-model-name ${shellQuote(adapterName)}`;
}
