import { describe, expect, it } from 'vitest'
import { concernsFor, diskDocId, docIdsOf, formatDocId, parseDocId, parseEntityId } from '../../src/engine/base/ids.ts'
import { LabError } from '../../src/engine/base/errors.ts'

const codeOf = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    if (e instanceof LabError) return e.code
    throw e
  }
  throw new Error('expected a LabError')
}

describe('document ids', () => {
  it('parses and formats the spec examples', () => {
    const d = parseDocId('project:gentle-wave-moon-fire:kanban')
    expect(d).toEqual({
      type: 'project',
      id: 'gentle-wave-moon-fire',
      concern: 'kanban',
      entityId: 'project:gentle-wave-moon-fire',
      docId: 'project:gentle-wave-moon-fire:kanban',
    })
    expect(formatDocId('group:ocean-forest-moon-star', 'chat')).toBe('group:ocean-forest-moon-star:chat')
    expect(parseEntityId('channel:bright-river-wind-star').type).toBe('channel')
  })

  it('lists concerns per entity type: kanban and issues for projects only', () => {
    expect(concernsFor('group')).toEqual(['core', 'chat', 'canvas'])
    expect(concernsFor('project')).toEqual(['core', 'chat', 'canvas', 'kanban', 'issues'])
    expect(docIdsOf('organization:acme')).toEqual([
      'organization:acme:core',
      'organization:acme:chat',
      'organization:acme:canvas',
    ])
  })

  it("names each virtual disk a document of every entity type, outside the spec's five concerns", () => {
    expect(diskDocId('group:ocean-forest-moon-star', 'public')).toBe('group:ocean-forest-moon-star:disk-public')
    expect(diskDocId('organization:acme', 'private')).toBe('organization:acme:disk-private')
    expect(parseDocId('channel:bright-river-wind-star:disk-shared')).toEqual({
      type: 'channel',
      id: 'bright-river-wind-star',
      concern: 'disk-shared',
      entityId: 'channel:bright-river-wind-star',
      docId: 'channel:bright-river-wind-star:disk-shared',
    })
    expect(docIdsOf('project:gentle-wave-moon-fire').some((d) => d.includes('disk'))).toBe(false)
    expect(codeOf(() => parseDocId('group:x:disk-secret'))).toBe('UNKNOWN_CONCERN')
    expect(codeOf(() => diskDocId('group:x', 'secret' as never))).toBe('INVALID_ARG')
    expect(codeOf(() => diskDocId('group:../x', 'public'))).toBe('BAD_ENTITY_ID')
    expect(codeOf(() => formatDocId('group:x', 'disk-public' as never))).toBe('UNKNOWN_CONCERN')
  })

  it('rejects bad ids with typed errors', () => {
    expect(codeOf(() => parseDocId('group:../../etc:core'))).toBe('BAD_DOC_ID')
    expect(codeOf(() => parseDocId('../../etc'))).toBe('BAD_DOC_ID')
    expect(codeOf(() => parseDocId('team:x:core'))).toBe('UNKNOWN_ENTITY_TYPE')
    expect(codeOf(() => parseDocId('group:x:wiki'))).toBe('UNKNOWN_CONCERN')
    expect(codeOf(() => parseDocId('group:x:kanban'))).toBe('CONCERN_NOT_ALLOWED')
    expect(codeOf(() => parseEntityId('group:Upper'))).toBe('BAD_ENTITY_ID')
    expect(codeOf(() => parseEntityId(`group:${'a'.repeat(65)}`))).toBe('BAD_ENTITY_ID')
    expect(codeOf(() => parseEntityId('group:a--b'))).toBe('BAD_ENTITY_ID')
    expect(codeOf(() => parseEntityId('group:'))).toBe('BAD_ENTITY_ID')
  })

  it('names the offending value in the message', () => {
    expect(() => parseDocId('group:x:kanban')).toThrow(/projects only; group:x is a group/)
    expect(() => parseDocId('group:../../etc:core')).toThrow(/"\.\.\/\.\.\/etc"/)
  })
})
