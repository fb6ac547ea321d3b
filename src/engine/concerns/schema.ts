/**
 * Root types of each concern's document. They are instantiated on every document before anything
 * is loaded into it: Yjs otherwise integrates remote items under an untyped placeholder root that
 * `doc.toJSON()` leaves out and observers cannot read as a map, until local code calls getMap.
 * New concerns add their roots here.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { DocConcern } from '../base/ids.ts'
import { BLOBS, FILES } from '../disks/layout.ts'

type RootKind = 'map' | 'array' | 'text'

/** Roots of both profiles (a profile that does not use one leaves it empty). */
const DISK_ROOTS = { [FILES]: 'map', [BLOBS]: 'map', _clients: 'map', _acks: 'map' } as const

export const ROOTS: Readonly<Record<DocConcern, Readonly<Record<string, RootKind>>>> = {
  core: {
    metadata: 'map',
    members: 'map',
    active_members: 'map',
    member_fences: 'map',
    _clients: 'map',
    _acks: 'map',
  },
  chat: { messages: 'map', threads: 'map', metadata: 'map', _clients: 'map', _stable: 'map', _acks: 'map' },
  canvas: { elements: 'map', metadata: 'map', _clients: 'map', _acks: 'map' },
  kanban: {
    columns: 'array',
    cards: 'map',
    column_meta: 'map',
    metadata: 'map',
    _clients: 'map',
    _stable: 'map',
    _acks: 'map',
  },
  issues: { issues: 'map', metadata: 'map', _clients: 'map', _stable: 'map', _acks: 'map' },
  'disk-private': DISK_ROOTS,
  'disk-public': DISK_ROOTS,
  'disk-shared': DISK_ROOTS,
}

/** Doc plugin: instantiates the concern's roots with their types. */
export function schemaPlugin(md: ManagedDoc): void {
  const roots = ROOTS[md.parsed.concern]
  for (const [name, kind] of Object.entries(roots)) {
    if (kind === 'map') md.doc.getMap(name)
    else if (kind === 'array') md.doc.getArray(name)
    else md.doc.getText(name)
  }
}
