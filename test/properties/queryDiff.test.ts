import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { differences } from '../../src/properties/queryDiff.ts'
import { OPERATORS } from '../../src/sim/scenario/queries.ts'

describe('differences of a final answer from its expectation', () => {
  it('equals on lists: missing and unexpected elements, or the same ones in another order', () => {
    expect(differences('equals', ['a', 'b', 'c'], ['b', 'd', 'a'])).toEqual(['missing "c"', 'unexpected "d"'])
    expect(differences('equals', ['a', 'b'], ['b', 'a'])).toEqual(['same elements in another order: ["b","a"]'])
    expect(differences('equals', ['a', 'a'], ['a'])).toEqual(['missing "a"'])
    expect(differences('equals', ['a'], ['a'])).toEqual([])
  })

  it('equals on objects: per field, down into nested lists', () => {
    expect(
      differences('equals', { todo: [], doing: ['x'], done: ['y'] }, { todo: [], doing: ['x', 'y'], done: ['y'] }),
    ).toEqual(['doing: unexpected "y"'])
    expect(differences('equals', { a: 1, 'in progress': [] }, { a: 2, b: 3 })).toEqual([
      'a: expected 1, got 2',
      '"in progress": missing (expected [])',
      'b: unexpected 3',
    ])
  })

  it('count, includes and excludes', () => {
    expect(differences('count', 3, ['a', 'b', 'c', 'd', 'e'])).toEqual(['expected 3 entries, got 5 (+2)'])
    expect(differences('count', 2, { a: 1, b: 2 })).toEqual([])
    expect(differences('includes', ['a', 'z'], ['a', 'b'])).toEqual(['missing "z"'])
    expect(differences('includes', { title: 'x', status: 'done' }, { title: 'x', status: 'todo', p: 1 })).toEqual([
      'status: expected "done", got "todo"',
    ])
    expect(differences('excludes', ['a', 'z'], ['a', 'b'])).toEqual(['present "a"'])
    expect(differences('excludes', { status: 'done' }, { status: 'todo' })).toEqual([])
  })

  it('an answer of another type than expected is a difference, never an error', () => {
    expect(differences('includes', { title: 'x' }, 'admin')).toEqual(['expected an object, got a string "admin"'])
    expect(differences('equals', { title: 'x' }, 'admin')).toEqual(['expected an object, got a string "admin"'])
    expect(differences('includes', ['x'], null)).toEqual(['expected a list, got null'])
    expect(differences('count', 1, 'admin')).toEqual([
      'expected a list or an object of 1 entries, got a string "admin"',
    ])
    const json = fc.jsonValue({ maxDepth: 3 })
    fc.assert(
      fc.property(fc.constantFrom(...OPERATORS), json, json, (op, expected, actual) => {
        const d = differences(op, expected, actual)
        expect(Array.isArray(d)).toBe(true)
        // Whatever the operator, an answer equal to the expectation of equals holds.
        if (op === 'equals') expect(differences(op, expected, expected)).toEqual([])
      }),
      { numRuns: 500 },
    )
  })
})
