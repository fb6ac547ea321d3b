/** The slice of madge's programmatic API the architecture tests use (madge ships no types). */
declare module 'madge' {
  interface MadgeConfig {
    readonly baseDir?: string
    readonly fileExtensions?: readonly string[]
    readonly tsConfig?: string
    readonly detectiveOptions?: Record<string, Record<string, unknown>>
  }
  interface MadgeResult {
    /** Each module and the modules it imports. */
    obj(): Record<string, string[]>
    /** The modules on each import circle. */
    circular(): string[][]
  }
  export default function madge(path: string | readonly string[], config?: MadgeConfig): Promise<MadgeResult>
}
