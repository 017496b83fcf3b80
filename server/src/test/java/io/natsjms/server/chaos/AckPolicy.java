package io.natsjms.server.chaos;

/**
 * How a member acks: every message at once; every message but those whose sequence is a multiple of
 * {@code skipEvery}, which it never acks (so they are redelivered every AckWait); or nothing until the
 * run tells it to ack what it holds (a slow consumer, stalled at its MaxInFlight meanwhile).
 */
record AckPolicy(boolean hold, int skipEvery) {

    static final AckPolicy ALL = new AckPolicy(false, 0);
    static final AckPolicy HOLD = new AckPolicy(true, 0);

    static AckPolicy skipping(int every) {
        return new AckPolicy(false, every);
    }

    boolean keeps(long seq) {
        return hold || skipEvery > 0 && seq % skipEvery == 0;
    }

    @Override
    public String toString() {
        return hold ? "acks when told" : skipEvery > 0 ? "never acks seq%" + skipEvery + "==0" : "acks all";
    }
}
