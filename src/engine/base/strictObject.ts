/**
 * Strict zod objects whose unknown-key message lists what is allowed, and the one wording of
 * that message: the engine's argument check and the scenario loader both say
 * `unknown argument "text"; expected one of content, attachments, replyTo`.
 */
import { z } from 'zod'

/** Marker the scenario loader replaces with each unknown key (zod reports them in one issue). */
export const UNKNOWN_KEY_MARKER = '\u0000key\u0000'

/** `unknown <noun> <shown>; expected one of <allowed>` (`expected no <noun>s` when none is allowed). */
export const unknownKeyMessage = (noun: string, shown: string, allowed: readonly string[]): string =>
  `unknown ${noun} ${shown}; expected ${allowed.length > 0 ? `one of ${allowed.join(', ')}` : `no ${noun}s`}`

/**
 * A strict object whose unknown-key message lists what is allowed. `noun` names what the keys
 * are (`key`, `op`, `argument`), so a typo reads `unknown op "chat.sned"; expected one of chat.send, ...`.
 */
export function strict<S extends z.ZodRawShape>(shape: S, noun = 'key') {
  const message = unknownKeyMessage(noun, UNKNOWN_KEY_MARKER, Object.keys(shape))
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? message : undefined),
  })
}
