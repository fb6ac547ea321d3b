/**
 * How the sampled tombstone rows reach their full size from a part of it.
 *
 * Which ackers a sampled tombstone row measures: spread evenly over all of them, so the sample's
 * mean is the whole's. The first ones alone would not do: ackers are numbered in member order,
 * their pinned clientIDs grow with it, and an id of 128 or more takes a byte more wherever an ack
 * names its client (a sample of the first 50 read 12% low at 1000 members).
 */
export function spread<T>(all: readonly T[], sample: number): T[] {
  if (sample >= all.length) return [...all]
  return Array.from({ length: sample }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / sample)]!)
}

/**
 * A figure that grows linearly with a count (what each acker or tombstone adds, on top of what is
 * paid once), at `all`: measured at `measured` and half of it, and extended along the line
 * through the two. Scaling one measure by `all / measured` would multiply the once-paid part too.
 */
export function alongTheLine(figure: (count: number) => number, measured: number, all: number): number {
  const half = Math.floor(measured / 2)
  const small = figure(half)
  const large = figure(measured)
  return large + ((large - small) / (measured - half)) * (all - measured)
}
