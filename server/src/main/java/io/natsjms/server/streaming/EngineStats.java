package io.natsjms.server.streaming;

/** Traffic counters of the engine. Written on the engine loop only. */
final class EngineStats {

    /** Publishes received (every PubMsg, stored or not). */
    long inMsgs;
    /** Their encoded size. */
    long inBytes;
    /** Publishes acknowledged without being stored: their guid was in the duplicate window or scheduled. */
    long duplicates;
    /** Messages sent to subscribers, redeliveries included. */
    long outMsgs;
    /** Their encoded size. */
    long outBytes;
    /** Redeliveries among them. */
    long redeliveredMsgs;
}
