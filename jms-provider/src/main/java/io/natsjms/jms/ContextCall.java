package io.natsjms.jms;

import jakarta.jms.JMSException;

/**
 * A call on the classic API made by the simplified API: its checked {@link JMSException} comes out as the
 * runtime twin ({@link RuntimeExceptions#of}), the one place where the simplified classes translate.
 *
 * @param <T> what the call returns
 */
@FunctionalInterface
interface ContextCall<T> {

    T call() throws JMSException;

    /** A call that returns nothing. */
    @FunctionalInterface
    interface Action {
        void run() throws JMSException;
    }

    /** The result of {@code call}, a JMSException rethrown as its runtime twin. */
    static <T> T get(ContextCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }

    /** Runs {@code action}, a JMSException rethrown as its runtime twin. */
    static void run(Action action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw RuntimeExceptions.of(e);
        }
    }
}
