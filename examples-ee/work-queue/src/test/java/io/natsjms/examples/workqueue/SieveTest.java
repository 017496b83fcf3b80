package io.natsjms.examples.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SieveTest {

    @Test
    void countsKnownPrimeCounts() {
        assertThat(Sieve.countPrimesUpTo(1)).isZero();
        assertThat(Sieve.countPrimesUpTo(2)).isEqualTo(1);
        assertThat(Sieve.countPrimesUpTo(10)).isEqualTo(4);
        assertThat(Sieve.countPrimesUpTo(100)).isEqualTo(25);
        assertThat(Sieve.countPrimesUpTo(1_000_000)).isEqualTo(78_498);
    }
}
