/**
 * Writing a whole new version of a collaborative text as the smallest single edit: keep the
 * common prefix and suffix, replace what lies between. Two replicas that rewrite different parts
 * of one file then touch disjoint ranges of the Y.Text, and Yjs keeps both edits.
 *
 *   before: "# Notes\n[alice's line]\n...\n[bob's line]\n"
 *   after:  "# Notes\n[alice's line, edited]\n...\n[bob's line]\n"
 *            |-- common prefix --|-replaced-|--- common suffix ---|
 */
import type * as Y from 'yjs'

/** One splice in UTF-16 code units (Y.Text's unit): delete `remove` at `index`, then insert `insert`. */
export interface TextEdit {
  readonly index: number
  readonly remove: number
  readonly insert: string
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

/** The minimal prefix/suffix edit turning `prev` into `next`; never splits a surrogate pair. */
export function minimalEdit(prev: string, next: string): TextEdit {
  const max = Math.min(prev.length, next.length)
  let start = 0
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++
  // A shared high surrogate followed by different low ones is a different character.
  if (start > 0 && isHigh(prev.charCodeAt(start - 1))) start--
  let end = 0
  while (end < max - start && prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++
  if (end > 0 && isLow(prev.charCodeAt(prev.length - end))) end--
  return { index: start, remove: prev.length - start - end, insert: next.slice(start, next.length - end) }
}

/** Makes `text` read `next` by applying the minimal edit (nothing when it already does). */
export function replaceText(text: Y.Text, next: string): void {
  const edit = minimalEdit(text.toString(), next)
  if (edit.remove > 0) text.delete(edit.index, edit.remove)
  if (edit.insert.length > 0) text.insert(edit.index, edit.insert)
}
