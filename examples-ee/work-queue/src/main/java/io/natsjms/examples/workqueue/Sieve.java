package io.natsjms.examples.workqueue;

import java.util.BitSet;

/** The work a job does: counting primes with the sieve of Eratosthenes (CPU-bound, a few ms per million). */
final class Sieve {

    private Sieve() {
    }

    /** How many primes are at most {@code upTo}. */
    static int countPrimesUpTo(int upTo) {
        if (upTo < 2) {
            return 0;
        }
        BitSet composite = new BitSet(upTo + 1);
        for (long p = 2; p * p <= upTo; p++) {
            if (!composite.get((int) p)) {
                for (long multiple = p * p; multiple <= upTo; multiple += p) {
                    composite.set((int) multiple);
                }
            }
        }
        return upTo - 1 - composite.cardinality();
    }
}
