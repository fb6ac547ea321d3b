/** Loads the report fixtures (hand-designed, realistic inputs of every page). */
import { readFileSync } from 'node:fs'
import type { BenchResult, ConformanceResult, IndexEntry, RunResult, SweepResult } from '../../src/report/inputs.ts'

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T

export const benchFixture = (): BenchResult => load('bench')
export const runFixture = (): RunResult => load('run')
export const conformanceFixture = (): ConformanceResult => load('conformance')
export const sweepFixture = (): SweepResult => load('sweep')
export const indexFixture = (): IndexEntry[] => load('index')

/** Strings that would run script or break out of markup if a renderer forgot to escape. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "'><svg onload=alert(3)>",
  '</script><script>alert(4)</script>',
]

/** Asserts-by-return: the hostile fragments that appear raw in `html`. */
export const rawHostile = (html: string): string[] =>
  ['<script>alert(', '<img src=x', '<svg onload', '</script><script>alert'].filter((h) => html.includes(h))
