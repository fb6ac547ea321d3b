/** The README shows what the lab really does: its examples are files the tests run. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../cli/crdtLab.ts'

const README = readFileSync(`${ROOT}/README.md`, 'utf8')
const blocks = (lang: string): string[] =>
  [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!)

describe('README', () => {
  it('the library example is test/library/readmeExample.test.ts, character for character', () => {
    expect(blocks('ts')).toContain(readFileSync(`${ROOT}/test/library/readmeExample.test.ts`, 'utf8'))
  })

  it('the scenario example is scenarios/edit-race.json, which the commands below it run', () => {
    expect(blocks('json')[0]).toBe(readFileSync(`${ROOT}/scenarios/edit-race.json`, 'utf8'))
    expect(README).toContain('npx crdt-lab run scenarios/edit-race.json')
  })
})
