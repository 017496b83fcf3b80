package io.natsjms.examples.workqueue;

/**
 * Every name the work-queue example shares with the server and with its clients, in one place. Nothing here
 * is specific to natsjms except the two adapter names at the end, which are only strings.
 */
public final class WorkQueue {

    /** JNDI name of the connection factory the application defines on the natsjms resource adapter. */
    public static final String CONNECTION_FACTORY = "java:app/jms/work/ConnectionFactory";

    /** JNDI name of the queue the application defines for {@link #CHANNEL}. */
    public static final String QUEUE = "java:app/jms/work/Jobs";

    /** The channel that carries the jobs; its consumers form one queue group, so each job goes to one. */
    public static final String CHANNEL = "work.jobs";

    /** Sessions of the message-driven bean that process jobs in parallel. */
    public static final String MAX_SESSION = "4";

    /** Module name of the deployed resource adapter (natsjms-ra.rar). */
    public static final String RESOURCE_ADAPTER = "natsjms-ra";

    /** The adapter's Queue class, which WildFly needs to create an application-defined destination. */
    public static final String QUEUE_CLASS = "io.natsjms.ra.NatsQueue";

    private WorkQueue() {
    }
}
