// Hands each concurrent training job a GPU of its own (GPU_IDS); CPU mode has one slot, no GPU.
export class GpuPool {
  private readonly free: (string | null)[];

  constructor(gpuIds: string[]) {
    this.free = gpuIds.length > 0 ? [...gpuIds] : [null];
  }

  acquire(): string | null {
    if (this.free.length === 0) throw new Error("no free GPU: the train consumer's concurrency exceeds GPU_IDS");
    return this.free.shift()!;
  }

  release(gpuId: string | null) {
    this.free.push(gpuId);
  }
}
