/** The spec's priority values, shared by kanban cards and issues (`"urgent" | "high" | "medium" | "low"`). */
export const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]
export const DEFAULT_PRIORITY: Priority = 'medium'
