/**
 * Who can reach whom on a network: its peers (online or not) in the order they were added, and
 * one `Link` per ordered pair. The network's link faults change links here; what a fault does to
 * messages already waiting on a link comes back as deliveries, for the network to drop (a cut)
 * or to schedule again (a release).
 */
import { LabError } from '../engine/base/errors.ts'
import { Link, type Delivery } from './link.ts'

/** A peer as the network sees it. */
export interface NetPeer {
  readonly name: string
  readonly index: number
  online: boolean
  /** Outgoing links by the target's index. */
  readonly out: Link[]
}

/** The peers of a network and the links between them. */
export class Topology {
  private readonly byName = new Map<string, NetPeer>()

  /** @param fifo every link delivers in send order (the network's `reorder` off). */
  constructor(private readonly fifo: boolean) {}

  /** Adds a peer (online, all its links healthy). */
  add(name: string): void {
    if (this.byName.has(name))
      throw new LabError('INVALID_ARG', `peer ${JSON.stringify(name)} is already on the network`)
    const peer: NetPeer = { name, index: this.byName.size, online: true, out: [] }
    for (const other of this.byName.values()) {
      other.out.push(new Link(other.name, name, this.fifo))
      peer.out.push(new Link(name, other.name, this.fifo))
    }
    // A placeholder keeps `out[i]` the link to peer i; sending to oneself is refused.
    peer.out.push(new Link(name, name, this.fifo))
    this.byName.set(name, peer)
  }

  /** Peer names in the order they were added. */
  get names(): string[] {
    return [...this.byName.keys()]
  }

  /** The peer called `name`; an unknown name is an INVALID_ARG naming the peers there are. */
  peer(name: string): NetPeer {
    const p = this.byName.get(name)
    if (p === undefined)
      throw new LabError(
        'INVALID_ARG',
        `unknown peer ${JSON.stringify(name)}; the network has ${this.names.join(', ') || 'none'}`,
      )
    return p
  }

  /** The one direction `from` -> `to` (there is no link from a peer to itself). */
  link(from: string, to: string): Link {
    const src = this.peer(from)
    const dst = this.peer(to)
    if (src === dst) throw new LabError('INVALID_ARG', `there is no link from ${from} to itself`)
    return src.out[dst.index]!
  }

  /** Calls `f` on every link between two different peers. */
  eachLink(f: (link: Link) => void): void {
    for (const p of this.byName.values()) for (const link of p.out) if (link.from !== link.to) f(link)
  }

  /**
   * Symmetric partition: links between different groups are cut, links within a group heal (a
   * held link stays held: hold is its own fault). Peers named in no group form one more group
   * together. Replaces any earlier partition, one-way ones included. Returns what the cuts lost.
   */
  partition(groups: readonly (readonly string[])[]): Delivery[] {
    const groupOf = new Map<string, number>()
    groups.forEach((group, g) => {
      for (const name of group) {
        this.peer(name)
        if (groupOf.has(name)) throw new LabError('INVALID_ARG', `peer ${name} is in two partition groups`)
        groupOf.set(name, g)
      }
    })
    const lost: Delivery[] = []
    this.eachLink((link) => {
      const together = (groupOf.get(link.from) ?? groups.length) === (groupOf.get(link.to) ?? groups.length)
      if (!together) lost.push(...link.cut())
      else link.repair()
    })
    return lost
  }
}
