import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatMs, formatValue, formatVirtualTime } from '../../src/report/format.ts'

describe('unit formatting', () => {
  it('formats bytes with binary prefixes', () => {
    expect(formatBytes(500)).toBe('500 B')
    expect(formatBytes(51200)).toBe('50.0 KB')
    expect(formatBytes(2 * 1024 * 1024)).toBe('2.00 MB')
    expect(formatBytes(-2048)).toBe('-2.0 KB')
  })

  it('formats milliseconds by magnitude', () => {
    expect(formatMs(0.01234)).toBe('0.0123 ms')
    expect(formatMs(4.567)).toBe('4.57 ms')
    expect(formatMs(45.67)).toBe('45.7 ms')
    expect(formatMs(456.7)).toBe('457 ms')
    expect(formatMs(1234)).toBe('1.23 s')
    expect(formatVirtualTime(180_000)).toBe('3.0 min')
  })

  it('formats values in a row unit, and missing values as a dash', () => {
    expect(formatValue(100000, 'items')).toBe('100,000 items')
    expect(formatValue(1024, 'B')).toBe('1.0 KB')
    expect(formatValue(null, 'B')).toBe('—')
    expect(formatValue(12000, '/s')).toBe('12,000 /s')
    expect(formatValue(1.4567, '×')).toBe('1.46×')
    expect(formatCount(1234.4)).toBe('1,234')
  })
})
