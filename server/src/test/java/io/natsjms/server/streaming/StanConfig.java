package io.natsjms.server.streaming;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Server settings for a test run by {@link StanServerExtension}, on the test method or its class (the
 * method wins). A negative value keeps the server default. Anything not covered here can be set with
 * {@link StanTestServer#restart}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface StanConfig {

    long hbIntervalMillis() default -1;

    long hbTimeoutMillis() default -1;

    int hbFailCount() default -1;

    boolean replaceDurable() default false;

    /** Runs on the MapDB store in a fresh data directory even when the suite runs on memory. */
    boolean persistent() default false;

    int maxChannels() default -1;

    long maxMsgs() default -1;

    long maxBytes() default -1;

    int maxSubs() default -1;

    long maxAgeMillis() default -1;

    long maxInactivityMillis() default -1;

    /** The duplicate window ({@code dup_window}); 0 turns it off. */
    long dupWindowMillis() default -1;
}
