import { expect, it } from 'vitest'
import { runDemo } from '../../src/cli/demo.ts'

it('the demo shows the naive-ack prune race under spec and not under reference', () => {
  const lines: string[] = []
  expect(runDemo((l) => lines.push(l))).toBe(true)
  expect(lines.join('\n')).toMatch(/spec +alice pruned the tombstone: yes +carol still shows the message: yes/)
  expect(lines.join('\n')).toMatch(/reference alice pruned the tombstone: no/)
})
