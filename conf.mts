import { readFileSync, writeFileSync } from 'node:fs'
import { runConformance, departureLines } from './src/properties/conformance.ts'
const runs = Number(process.argv[2] ?? 50)
const t0 = performance.now()
const r = runConformance({ runs, seed: 42, expected: JSON.parse(readFileSync('conformance.expected.json', 'utf8')), wallClock: () => performance.now(), onProgress: (c, p, o) => console.log(c.padEnd(16), p.padEnd(9), o.verdict.padEnd(13), `${o.evaluated}/${o.runs}`, `${o.ms}ms`, o.counterexample?.detail.slice(0, 120) ?? '') })
console.log('total s', ((performance.now() - t0) / 1000).toFixed(0))
console.log(departureLines(r).join('\n'))
writeFileSync('/tmp/conf.json', JSON.stringify(r, null, 1))
