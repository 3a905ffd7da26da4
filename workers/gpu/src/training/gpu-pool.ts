// Hands each concurrent training job a GPU of its own (GPU_IDS); CPU mode has one slot, no GPU.
export class GpuPool {
  private readonly free: (string | null)[];

  constructor(private readonly gpuIds: string[]) {
    this.free = gpuIds.length > 0 ? [...gpuIds] : [null];
  }

  /** Whether jobs here train on GPUs (their spec then gets the GPU recipe, @loraboard/domain gpu-recipe.ts). */
  get hasGpus(): boolean {
    return this.gpuIds.length > 0;
  }

  acquire(): string | null {
    if (this.free.length === 0) throw new Error("no free GPU: the train consumer's concurrency exceeds GPU_IDS");
    return this.free.shift()!;
  }

  release(gpuId: string | null) {
    this.free.push(gpuId);
  }
}
