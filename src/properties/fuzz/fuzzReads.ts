/**
 * What the fuzz harness asks of a replica after each input: every read of the project (answers
 * as one text, to compare replicas), and one local op, which must work or be refused with a
 * typed error. A throw that is no LabError, or an INTERNAL one, is a crash.
 */
import { isLabError } from '../../engine/base/errors.ts'
import type { Replica } from '../../engine/replica/replica.ts'
import { canonicalJson } from '../../sim/canonicalJson.ts'

/**
 * Reads of every concern, and the replica's own views of membership and tombstones. Reads marked
 * `own` depend on who reads (a member removed by a forged op holds no disk key) and are not compared.
 */
const READS: readonly [string, (r: Replica, e: string) => unknown, ('own' | 'slow')?][] = [
  ['chat.list', (r, e) => r.query('chat.list', e)],
  ['kanban.board', (r, e) => r.query('kanban.board', e)],
  ['canvas.list', (r, e) => r.query('canvas.list', e)],
  ['canvas.metadata', (r, e) => r.query('canvas.metadata', e)],
  ['member.list', (r, e) => r.query('member.list', e)],
  ['member.role', (r, e) => r.query('member.role', e, { member: 'carol' })],
  ['disk.read', (r, e) => r.query('disk.read', e, { disk: 'shared', path: '/alice.md' }), 'own'],
  ['tombstones', (r, e) => r.tombstones(e).length, 'slow'],
]

const failure = (e: unknown): string | undefined =>
  isLabError(e) && e.code !== 'INTERNAL' ? undefined : e instanceof Error ? `${e.name}: ${e.message}` : String(e)

/** Every read's answer (or its typed refusal) as one text (`all`: the slow ones too); `error` names the first crash. */
export function readAll(r: Replica, entity: string, all: boolean): { text: string; error?: string } {
  const parts: string[] = []
  let error: string | undefined
  for (const [name, read, mark] of READS) {
    if (mark === 'slow' && !all) continue
    const own = mark === 'own'
    try {
      const answer = canonicalJson(read(r, entity) as never)
      if (!own) parts.push(`${name}=${answer}`)
    } catch (e) {
      const f = failure(e)
      if (f && !error) error = `${name} threw ${f}`
      if (!own) parts.push(`${name}!${isLabError(e) ? e.code : 'throw'}`)
    }
  }
  return { text: parts.join('\n'), ...(error ? { error } : {}) }
}

/** Local op number `turn` (in turn: a message, an element, an issue, a column); a crash's description, if any. */
export function writeOne(r: Replica, entity: string, turn: number): string | undefined {
  const ops: [string, Record<string, unknown>][] = [
    ['chat.send', { content: 'still here' }],
    ['canvas.add', { elementType: 'text', x: 0, y: 0, width: 1, height: 1 }],
    ['issues.create', { title: 'after fuzz' }],
    ['kanban.addColumn', { title: 'after fuzz' }],
  ]
  const [op, args] = ops[turn % ops.length]!
  try {
    r.execute(op, entity, args)
    return undefined
  } catch (e) {
    const f = failure(e)
    return f ? `${op} threw ${f}` : undefined
  }
}
