import { checkClaim } from './src/properties/claimCheck.ts'
const [claim, profile, seed, runs] = process.argv.slice(2) as any
const r = checkClaim(claim, { profile, runs: Number(runs ?? 30), seed: Number(seed ?? 42) })
console.log(JSON.stringify(r.counterexample?.scenario, null, 0))
console.log(r.counterexample?.story.join('\n'))
