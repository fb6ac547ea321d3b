import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hasLoneSurrogate } from '../../../src/engine/disks/paths.ts'
import { minimalEdit, replaceText } from '../../../src/engine/disks/textEdit.ts'

const apply = (prev: string, e: { index: number; remove: number; insert: string }): string =>
  prev.slice(0, e.index) + e.insert + prev.slice(e.index + e.remove)

describe('minimal text edit', () => {
  it('replaces only what lies between the common prefix and suffix', () => {
    expect(minimalEdit('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' })
    expect(minimalEdit('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' })
    expect(minimalEdit('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' })
  })

  it('never splits a surrogate pair', () => {
    // U+1F30A and U+1F30B share their high surrogate.
    const e = minimalEdit('x\u{1F30A}y', 'x\u{1F30B}y')
    expect(e).toEqual({ index: 1, remove: 2, insert: '\u{1F30B}' })
    expect(minimalEdit('\u{1F30A}', '\u{1F40A}').insert).toBe('\u{1F40A}')
  })

  test.prop([fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' })])(
    'turns any text into any other, on a Y.Text too',
    (prev, next) => {
      const e = minimalEdit(prev, next)
      expect(apply(prev, e)).toBe(next)
      expect(hasLoneSurrogate(e.insert)).toBe(false)
      const doc = new Y.Doc()
      const text = doc.getText('t')
      text.insert(0, prev)
      replaceText(text, next)
      expect(text.toString()).toBe(next)
    },
  )
})
