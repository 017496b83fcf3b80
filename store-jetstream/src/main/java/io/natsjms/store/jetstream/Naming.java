package io.natsjms.store.jetstream;

/**
 * The names of everything one store keeps in JetStream, all derived from its prefix {@code P}:
 * the lease bucket {@code P_lease}, the state bucket {@code P_state}, and for each channel the stream
 * {@code P_ch_ID} taking the subject {@code P.ch.ID.EPOCH}, where {@code ID} is the channel's unique ID
 * and {@code EPOCH} the lease epoch of the server writing to it.
 */
record Naming(String prefix) {

    String leaseBucket() {
        return prefix + "_lease";
    }

    String stateBucket() {
        return prefix + "_state";
    }

    /** The subject a key of the state bucket is written on (the key-value layout of JetStream). */
    String stateSubject(String key) {
        return "$KV." + stateBucket() + "." + key;
    }

    String channelStream(String channelId) {
        return prefix + "_ch_" + channelId;
    }

    /** The subject the holder of lease {@code epoch} publishes a channel's messages on. */
    String channelSubject(String channelId, long epoch) {
        return prefix + ".ch." + channelId + "." + epoch;
    }
}
