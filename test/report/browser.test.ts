/**
 * Opens every rendered page from `file://` in headless Chromium and checks what a reader would
 * see: no console or page errors, no request but the file itself, every canvas drawn, SVG
 * pictures populated. Skips (with a message) only when /usr/bin/chromium is absent, and fails
 * instead when CRDT_LAB_REQUIRE_BROWSER=1 (as in CI).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderBenchReport } from '../../src/report/benchReport.ts'
import { renderConformanceReport } from '../../src/report/conformanceReport.ts'
import { renderIndex } from '../../src/report/indexReport.ts'
import { renderRunReport } from '../../src/report/runReport.ts'
import { renderSweepReport } from '../../src/report/sweepReport.ts'
import { writeReport } from '../../src/report/write.ts'
import { benchFixture, conformanceFixture, indexFixture, runFixture, sweepFixture } from './fixtures.ts'

const CHROMIUM = '/usr/bin/chromium'
const present = existsSync(CHROMIUM)
/** `.ci/run` installs Chromium and sets this, so in CI an absent browser fails instead of skipping. */
const required = process.env.CRDT_LAB_REQUIRE_BROWSER === '1'
if (!present && !required) console.warn(`browser tests skipped: ${CHROMIUM} is absent (CI installs Debian's chromium)`)

describe.runIf(required && !present)('browser required', () => {
  it(`finds ${CHROMIUM}`, () => expect(existsSync(CHROMIUM), `${CHROMIUM} is absent; install Debian's chromium`).toBe(true))
})

/**
 * In-page script (a string: the tree is type-checked without the DOM library): ids of canvases
 * whose every pixel is still transparent, i.e. that no chart drew on.
 */
const BLANK_CANVASES = `[...document.querySelectorAll('canvas')].filter((c) => {
  const ctx = c.getContext('2d')
  if (ctx === null || c.width === 0 || c.height === 0) return true
  const pixels = ctx.getImageData(0, 0, c.width, c.height).data
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return false
  return true
}).map((c) => c.id)`

const PAGES: { name: string; html: () => string; canvases: number; svgs: string[] }[] = [
  { name: 'bench', html: () => renderBenchReport(benchFixture()), canvases: 5, svgs: [] },
  { name: 'run', html: () => renderRunReport(runFixture()), canvases: 1, svgs: ['#timeline', '#message-flow'] },
  { name: 'conformance', html: () => renderConformanceReport(conformanceFixture()), canvases: 0, svgs: [] },
  { name: 'sweep', html: () => renderSweepReport(sweepFixture()), canvases: 1, svgs: [] },
  { name: 'index', html: () => renderIndex(indexFixture()), canvases: 0, svgs: [] },
]

describe.skipIf(!present)('reports in a browser', () => {
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crdt-lab-report-'))
    for (const p of PAGES) await writeReport(join(dir, `${p.name}.html`), p.html())
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })

  afterAll(async () => {
    await browser?.close()
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  for (const p of PAGES) {
    it(`${p.name}: renders offline with no errors, drawn canvases and populated SVG`, async () => {
      const context = await browser.newContext() // a fresh, empty profile per page
      const page = await context.newPage()
      const problems: string[] = []
      const requests: string[] = []
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`) })
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
      page.on('request', (r) => requests.push(r.url()))
      const url = pathToFileURL(join(dir, `${p.name}.html`)).href
      await page.goto(url, { waitUntil: 'load' })

      if (p.canvases > 0) await page.waitForSelector(`html[data-charts-ready="${p.canvases}"]`, { timeout: 5000 })
      const blank = await page.evaluate<string[]>(BLANK_CANVASES)
      const canvases = await page.locator('canvas').count()
      const svgChildren = await Promise.all(p.svgs.map((s) => page.locator(`${s} line, ${s} rect, ${s} circle, ${s} path`).count()))
      await context.close()

      expect(problems).toEqual([])
      expect(requests).toEqual([url])
      expect(canvases).toBe(p.canvases)
      expect(blank).toEqual([])
      for (const n of svgChildren) expect(n).toBeGreaterThan(50)
    })
  }
})
