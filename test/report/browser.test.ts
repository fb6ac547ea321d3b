/**
 * Opens every rendered page from `file://` in headless Chromium and checks what a reader would
 * see: no console or page errors, no request but the file itself, every canvas drawn, SVG
 * pictures populated. Skips (with a message) only when /usr/bin/chromium is absent, and fails
 * instead when CRDT_LAB_REQUIRE_BROWSER=1 (as in CI).
 *
 * The pages are rendered from fixtures. To check pages a run wrote (e.g. `npm start`'s), name
 * their folder: `CRDT_LAB_REPORTS=reports npx vitest run test/report/browser.test.ts` opens every
 * `.html` file under it with the same checks (every canvas on the page must be drawn).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
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
  it(`finds ${CHROMIUM}`, () =>
    expect(existsSync(CHROMIUM), `${CHROMIUM} is absent; install Debian's chromium`).toBe(true))
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

const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Every `.html` file under `dir`, as paths relative to it. */
function htmlFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort()
}

/** What a page shows a reader, checked in a fresh browser profile. */
async function openPage(
  browser: Browser,
  file: string,
  canvases: number | 'all',
): Promise<{
  problems: string[]
  requests: string[]
  url: string
  canvases: number
  blank: string[]
  page: Page
  close(): Promise<void>
}> {
  const context = await browser.newContext() // a fresh, empty profile per page
  const page = await context.newPage()
  const problems: string[] = []
  const requests: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('request', (r) => requests.push(r.url()))
  const url = pathToFileURL(file).href
  await page.goto(url, { waitUntil: 'load' })
  const expected = canvases === 'all' ? await page.locator('canvas').count() : canvases
  if (expected > 0) await page.waitForSelector(`html[data-charts-ready="${expected}"]`, { timeout: 5000 })
  const blank = await page.evaluate<string[]>(BLANK_CANVASES)
  return {
    problems,
    requests,
    url,
    canvases: await page.locator('canvas').count(),
    blank,
    page,
    close: () => context.close(),
  }
}

const written = process.env.CRDT_LAB_REPORTS
describe.runIf(present && written !== undefined)(`pages written under ${written}`, () => {
  let browser: Browser
  const dir = resolve(written ?? '.')
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS })
  })
  afterAll(async () => {
    await browser?.close()
  })
  it('has pages', () => expect(htmlFiles(dir).length).toBeGreaterThan(0))
  for (const f of written === undefined ? [] : htmlFiles(resolve(written))) {
    it(`${f}: renders offline with no errors and every canvas drawn`, async () => {
      const r = await openPage(browser, join(dir, f), 'all')
      await r.close()
      expect(r.problems).toEqual([])
      expect(r.requests).toEqual([r.url])
      expect(r.blank).toEqual([])
    })
  }
})

describe.skipIf(!present)('reports in a browser', () => {
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crdt-lab-report-'))
    for (const p of PAGES) await writeReport(join(dir, `${p.name}.html`), p.html())
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  for (const p of PAGES) {
    it(`${p.name}: renders offline with no errors, drawn canvases and populated SVG`, async () => {
      const r = await openPage(browser, join(dir, `${p.name}.html`), p.canvases)
      const svgChildren = await Promise.all(
        p.svgs.map((s) => r.page.locator(`${s} line, ${s} rect, ${s} circle, ${s} path`).count()),
      )
      await r.close()
      const { problems, requests, url, canvases, blank } = r
      expect(problems).toEqual([])
      expect(requests).toEqual([url])
      expect(canvases).toBe(p.canvases)
      expect(blank).toEqual([])
      for (const n of svgChildren) expect(n).toBeGreaterThan(50)
    })
  }
})
