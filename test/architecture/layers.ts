/**
 * Layer rules as data, and the check that enforces them: a table gives each folder a rank, and a
 * file may import from its own folder or from a folder of lower rank, nothing else. Folders of
 * equal rank are siblings: neither imports the other. docs/architecture.md shows both tables.
 */
import type { ImportGraph } from './importGraph.ts'

/** Folders (paths from the repository root) and their ranks: lower ranks are imported by higher ones. */
export type LayerTable = Readonly<Record<string, number>>

/** One import that breaks the table. */
export interface LayerViolation {
  readonly file: string
  readonly imports: string
  readonly why: string
}

/** The layer of `file`: the longest folder of the table that holds it. */
export function layerOf(table: LayerTable, file: string): string | undefined {
  let best: string | undefined
  for (const folder of Object.keys(table))
    if ((file === folder || file.startsWith(`${folder}/`)) && (best === undefined || folder.length > best.length))
      best = folder
  return best
}

/**
 * Every import of a file under `scope` (default: every file of the graph) that the table forbids:
 * into a higher-ranked folder, into a sibling folder, or out of every ranked folder. A file under
 * `scope` outside every folder of the table is reported too, so a new folder cannot slip in unranked.
 */
export function layerViolations(graph: ImportGraph, table: LayerTable, scope?: string): LayerViolation[] {
  const out: LayerViolation[] = []
  for (const [file, deps] of graph.imports) {
    if (scope !== undefined && !file.startsWith(`${scope}/`)) continue
    const from = layerOf(table, file)
    if (from === undefined) {
      out.push({ file, imports: '', why: `${file} is in no folder of the layer table` })
      continue
    }
    for (const dep of deps) {
      const to = layerOf(table, dep)
      if (to === from) continue
      if (to === undefined) out.push({ file, imports: dep, why: `${dep} is outside the layers ${from} may import` })
      else if (table[to]! > table[from]!)
        out.push({
          file,
          imports: dep,
          why: `${from} (rank ${table[from]}) imports ${to} (rank ${table[to]}), above it`,
        })
      else if (table[to] === table[from])
        out.push({ file, imports: dep, why: `${from} imports its sibling ${to} (both rank ${table[to]})` })
    }
  }
  return out
}

/** A violation as one line: the file, the import, the rule. */
export const describeViolation = (v: LayerViolation): string =>
  v.imports ? `${v.file} imports ${v.imports}: ${v.why}` : v.why

/**
 * The engine's layers (docs/architecture.md, "The engine's layers"), lowest first. Ranks, not
 * positions, matter: folders of one rank are siblings.
 */
export const ENGINE_LAYERS: LayerTable = {
  'src/engine/base': 0,
  'src/engine/store': 1,
  'src/engine/sync': 1,
  'src/engine/docs': 2,
  'src/engine/ports': 3,
  'src/engine/authorship': 3,
  'src/engine/disks': 4,
  'src/engine/context': 5,
  'src/engine/spec': 6,
  'src/engine/reference': 6,
  'src/engine/concerns': 7,
  'src/engine/sql': 8,
  'src/engine/fallback': 9,
  'src/engine/profile': 10,
  'src/engine/ops': 11,
  'src/engine/replica': 12,
  'src/engine/mutants': 13,
}

/** The project's layers (docs/architecture.md, "The project's layers"). */
export const PROJECT_LAYERS: LayerTable = {
  'src/engine': 0,
  'src/sim': 1,
  'src/report': 1,
  'src/properties': 2,
  bench: 2,
  'src/cli': 3,
  'src/api': 4,
  'src/index.ts': 5,
}

/**
 * Folders whose files may import only their own folder, the listed files and the listed packages:
 * stricter than a rank. The oracle's reader (src/properties/oracle/reader) judges the engine, so
 * it reads documents with plain Yjs (and lib0) and the base value sets, never with engine code: a
 * reader built on the engine's own reads would grade the engine with the engine's own figures.
 */
export interface Isolation {
  readonly files: readonly string[]
  readonly packages: readonly string[]
}

export const ISOLATED: Readonly<Record<string, Isolation>> = {
  'src/properties/oracle/reader': { files: ['src/engine/base/enums.ts'], packages: ['yjs', 'lib0'] },
}

/** Bare package names a TypeScript file imports (`lib0/encoding` -> `lib0`; `node:fs` as it is). */
export function packagesOf(text: string): string[] {
  const out = new Set<string>()
  for (const m of text.matchAll(
    /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    const spec = m[1] ?? m[2]!
    if (spec.startsWith('.') || spec.startsWith('/')) continue
    out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
  }
  return [...out].sort()
}

/**
 * Imports of files under each isolated folder that its rule forbids: a local file outside the
 * folder and its list, or a package not in its list. `text` gives a file's source.
 */
export function isolationViolations(
  graph: ImportGraph,
  rules: Readonly<Record<string, Isolation>>,
  text: (file: string) => string,
): LayerViolation[] {
  const out: LayerViolation[] = []
  for (const [folder, rule] of Object.entries(rules)) {
    for (const [file, deps] of graph.imports) {
      if (!file.startsWith(`${folder}/`)) continue
      for (const dep of deps)
        if (!dep.startsWith(`${folder}/`) && !rule.files.includes(dep))
          out.push({ file, imports: dep, why: `${folder} may import only its own files and ${rule.files.join(', ')}` })
      for (const pkg of packagesOf(text(file)))
        if (!rule.packages.includes(pkg))
          out.push({ file, imports: pkg, why: `${folder} may import only the packages ${rule.packages.join(', ')}` })
    }
  }
  return out
}
