/**
 * Number and unit formatting for the pages. Sizes use binary prefixes (1 KB = 1024 B), as the
 * spec's tables do when they say "~50KB"; the bench JSON stores plain bytes and milliseconds.
 */

/** `51200` -> `50.0 KB`; negative sizes (heap deltas can be) keep their sign. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes)
  const abs = Math.abs(bytes)
  if (abs < 1024) return `${Math.round(bytes)} B`
  if (abs < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  if (abs < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MB`
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`
}

/** Milliseconds with a precision that suits the magnitude: `0.0123 ms`, `4.56 ms`, `1.23 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  const abs = Math.abs(ms)
  if (abs >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (abs >= 1000) return `${(ms / 1000).toFixed(2)} s`
  if (abs >= 100) return `${ms.toFixed(0)} ms`
  if (abs >= 10) return `${ms.toFixed(1)} ms`
  if (abs >= 1) return `${ms.toFixed(2)} ms`
  return `${ms.toPrecision(3)} ms`
}

/** `100000` -> `100,000`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  return Math.round(n).toLocaleString('en-US')
}

/** A value in the unit a bench row declares (`B`, `ms`, `items`, `×` a ratio, `/s`, anything else verbatim). */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—'
  switch (unit) {
    case 'B':
      return formatBytes(value)
    case 'ms':
      return formatMs(value)
    case 'items':
      return `${formatCount(value)} items`
    case '×':
      return `${value.toFixed(2)}×`
    default:
      return `${formatCount(value)} ${unit}`.trim()
  }
}

/** Virtual time of a run: `950 ms`, `12.5 s`, `3.2 min`. */
export function formatVirtualTime(ms: number): string {
  if (ms >= 120_000) return `${(ms / 60_000).toFixed(1)} min`
  return formatMs(ms)
}
