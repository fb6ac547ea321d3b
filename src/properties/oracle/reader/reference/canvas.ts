/**
 * The reference canvas layout (src/engine/concerns/canvas/refCanvas.ts documents it): each element
 * a record of `elements`, every geometry field and every `data.k` key its own LWW field.
 */
import type * as Y from 'yjs'
import type { CoreRead, ElementRead, ItemRecord } from '../views.ts'
import { readRecord, readRecords } from './records.ts'

export const refElementRecord = (doc: Y.Doc, core: CoreRead, id: string): ItemRecord | undefined =>
  readRecord(doc, 'canvas', core, doc.getMap<unknown>('elements'), id, 'deleted')

/** Every element held (tombstones included), by id. */
export const refElements = (doc: Y.Doc, core: CoreRead): ElementRead[] =>
  readRecords(doc, 'canvas', core, doc.getMap<unknown>('elements'), 'deleted').map((r) => ({
    id: r.id,
    deleted: r.deleted,
    record: r,
  }))
