/**
 * The chart.js browser build, read from the installed package so pages work from `file://`
 * without any network. The package's `unpkg` field names its UMD build (`dist/chart.umd.min.js`
 * in 4.x); we fall back to `dist/chart.umd.js` if a future version drops the field.
 */
import { readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

let cached: string | undefined

/** Directory of the installed chart.js package (found through its CommonJS entry). */
function chartJsDir(): string {
  const require = createRequire(import.meta.url)
  // `chart.js` resolves to `<pkg>/dist/chart.cjs`; its package.json is not in `exports`.
  return dirname(dirname(require.resolve('chart.js')))
}

/** Path of the UMD build that defines `window.Chart`. */
export function chartJsPath(): string {
  const dir = chartJsDir()
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { unpkg?: string; jsdelivr?: string }
  for (const rel of [pkg.unpkg, pkg.jsdelivr, 'dist/chart.umd.min.js', 'dist/chart.umd.js']) {
    if (rel !== undefined && existsSync(join(dir, rel))) return join(dir, rel)
  }
  throw new Error(`no UMD build of chart.js found in ${dir}`)
}

/**
 * The UMD source, safe to inline in a `<script>`: the source-map comment is removed (a browser
 * with DevTools open would otherwise fetch the map) and any `</script` is broken up.
 */
export function chartJsSource(): string {
  if (cached === undefined) {
    cached = readFileSync(chartJsPath(), 'utf8')
      .replace(/\/\/# sourceMappingURL=\S+\s*$/, '')
      .replace(/<\/script/gi, '<\\/script')
  }
  return cached
}
