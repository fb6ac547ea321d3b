/**
 * Runs a sweep's seeds on worker threads (tinypool). Seeds go out in small chunks, so a slow seed
 * does not leave the other workers idle and progress moves steadily; each chunk returns only
 * small outcomes. Every worker starts at once (their start-up overlaps) from the bundled task
 * (`workerModule`).
 */
import Tinypool from 'tinypool'
import type { SeedOutcome, SweepTask } from './outcome.ts'
import { workerModule } from './workerModule.ts'

/** Chunks per worker to aim for (balance), and the largest chunk (progress). */
const CHUNKS_PER_WORKER = 16
const MAX_CHUNK = 8

export interface PoolOptions {
  readonly workers: number
  /** Called with each outcome as its chunk returns. */
  readonly onOutcome?: (o: SeedOutcome) => void
}

/** Splits `seeds` into chunks: about 16 per worker, each of 1 to 8 seeds. */
export function chunksOf(seeds: readonly number[], workers: number): number[][] {
  const size = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(seeds.length / (workers * CHUNKS_PER_WORKER))))
  const out: number[][] = []
  for (let i = 0; i < seeds.length; i += size) out.push(seeds.slice(i, i + size))
  return out
}

/** Runs every seed of `task` on `workers` threads; outcomes in seed order. */
export async function runOnWorkers(
  task: Omit<SweepTask, 'seeds'>,
  seeds: readonly number[],
  o: PoolOptions,
): Promise<SeedOutcome[]> {
  const workers = Math.max(1, Math.min(o.workers, seeds.length))
  const module = await workerModule()
  const pool = new Tinypool({ filename: module.href, minThreads: workers, maxThreads: workers, isolateWorkers: false })
  try {
    const runs = chunksOf(seeds, workers).map(async (chunk) => {
      const outcomes = (await pool.run({ ...task, seeds: chunk } satisfies SweepTask)) as SeedOutcome[]
      for (const out of outcomes) o.onOutcome?.(out)
      return outcomes
    })
    return (await Promise.all(runs)).flat()
  } finally {
    await pool.destroy()
    module.dispose()
  }
}
