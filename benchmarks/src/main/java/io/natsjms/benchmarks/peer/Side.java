package io.natsjms.benchmarks.peer;

/** Which server a run is against: ours, or the peer it is compared with. */
enum Side {
    OURS("ours"),
    PEER("peer");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
