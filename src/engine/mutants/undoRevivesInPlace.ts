/**
 * undo-revives-in-place: the canvas defect the 500-seed swarm sweep found. Undo of a delete
 * revives the element under its old id (a revival record in its fragment) instead of re-creating
 * it. The deleter's ack is written with the deletion, so peers holding every ack prune while the
 * undo, not having heard of the prune, shows the element again on the deleter's replica.
 */
import { SemanticHistory } from '../concerns/canvas/refHistory.ts'
import { referenceMutant } from './mutant.ts'

export const undoRevivesInPlace = referenceMutant({
  name: 'undo-revives-in-place',
  description: 'canvas undo of a delete revives the element in place, racing its prune (a pruned element reappears)',
  kills: ['pruneSafety'],
  parts: () => ({ canvasHistory: new SemanticHistory('in-place') }),
})
