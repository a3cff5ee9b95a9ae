package dev.continuum.workflow.expr;

/**
 * A one-entry inline cache of a name lookup, the base of the nodes that look names up (no extra object per node): the keys array of the object the name was last found in, and the
 * entry's index there. An {@link ObjectValue} owns its keys array, so the same array means the same (immutable)
 * object and the same index; it holds no value and keeps at most one keys array alive per node. Races are benign:
 * the entry is an immutable object published through a plain field. Nothing is cached on a node's first
 * evaluation, so trees parsed and evaluated once pay no allocation for it.
 */
abstract class LookupCache {
    /** An immutable cache entry. */
    record Entry(String[] keys, int index) {
    }

    /** The last hit, or null. */
    Entry entry;
    /** Whether the node was evaluated before; the cache fills from the second evaluation on. */
    boolean used;

    LookupCache() {
    }
}
