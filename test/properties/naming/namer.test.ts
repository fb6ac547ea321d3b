import { describe, expect, it } from 'vitest'
import { argsText } from '../../../src/properties/naming/argsText.ts'
import { Namer } from '../../../src/properties/naming/namer.ts'
import { runAndCheck } from '../../../src/properties/runAndCheck.ts'
import { loadScenario } from '../../../src/sim/scenario/load.ts'

const namer = new Namer([
  { id: 'card3m266nmhhxit', ref: '$notes', label: '"release notes"' },
  { id: 'coly65806dnitu2', ref: null, label: '"doing"' },
  { id: 'm0qbfh8tu1pg4', ref: null, label: null },
  { id: 'm0qbfh8tu1pg42', ref: '$long', label: null },
])

describe('Namer', () => {
  it('names an item by its $ref, else by its title or content, with the id beside the name', () => {
    expect(namer.name('card3m266nmhhxit')).toBe('$notes (card3m266nmhhxit)')
    expect(namer.name('coly65806dnitu2')).toBe('"doing" (coly65806dnitu2)')
    expect(namer.name('m0qbfh8tu1pg4')).toBe('m0qbfh8tu1pg4')
    expect(namer.name('never-created')).toBe('never-created')
  })

  it('names the ids in a text, quoted or not, and only whole ids (the longest first)', () => {
    expect(namer.text('card3m266nmhhxit.column_id on alice shows "coly65806dnitu2"')).toBe(
      '$notes (card3m266nmhhxit).column_id on alice shows "doing" (coly65806dnitu2)',
    )
    expect(namer.text('m0qbfh8tu1pg42 and m0qbfh8tu1pg4 and xm0qbfh8tu1pg4')).toBe(
      '$long (m0qbfh8tu1pg42) and m0qbfh8tu1pg4 and xm0qbfh8tu1pg4',
    )
  })

  it('leaves named text as it is: naming twice changes nothing', () => {
    const once = namer.text('card3m266nmhhxit is listed in coly65806dnitu2')
    expect(namer.text(once)).toBe(once)
  })

  it("renders an op's arguments in the run's names: refs alone, members bare, strings quoted", () => {
    expect(argsText({ card: 'card3m266nmhhxit', column: 'coly65806dnitu2', index: 0 }, namer)).toBe(
      '{card: $notes, column: "doing" (coly65806dnitu2), index: 0}',
    )
    expect(argsText({ member: 'bob', role: 'admin' }, namer)).toBe('{member: bob, role: "admin"}')
    expect(argsText({ card: 'card3m266nmhhxit', fields: { title: 'v2' } }, namer)).toBe(
      '{card: $notes, fields: {title: "v2"}}',
    )
    expect(argsText({}, namer)).toBe('{}')
  })
})

describe('a run names what the oracle found', () => {
  it('card-moves under the spec: cardOneColumn and lww name the card and columns as the scenario does', () => {
    const checked = runAndCheck(loadScenario('scenarios/card-moves.json'), { profile: 'spec' })
    const card = checked.result.checks.cardOneColumn!
    expect(card).toMatchObject({ evaluated: true, holds: false })
    const detail = card.evaluated ? card.detail : ''
    expect(detail).toMatch(/^\$notes \(card[a-z0-9]+\) on alice is listed in \$doing \(col[a-z0-9]+\) and \$done \(col/)
    // Every generated id in the text sits beside its name.
    expect(detail.match(/(?<!\()\b(card|col)[a-z0-9]{10,}\b/g)).toBeNull()
    expect(checked.namer.short(checked.run.bindings.get('notes')!)).toBe('$notes')
  })
})
