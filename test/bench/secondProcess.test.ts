/** The quick bench's second process runs under the first one's heap limit (npm start sets one). */
import { describe, expect, it } from 'vitest'
import { sharedNodeOptions } from '../../bench/suite.ts'

describe("the bench's second process", () => {
  it('gets the V8 heap limit of the first, and nothing else of its Node options', () => {
    const argv = ['--max-old-space-size=1024', '--inspect', '--import', 'tsx', '--expose-gc']
    expect(sharedNodeOptions(argv)).toEqual(['--max-old-space-size=1024'])
    expect(sharedNodeOptions(['--expose-gc'])).toEqual([])
  })
})
