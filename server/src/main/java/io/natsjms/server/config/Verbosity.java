package io.natsjms.server.config;

/**
 * Which debug and trace logging was asked for: of the NATS broker ({@code -D}, {@code -V}) and of
 * the streaming server ({@code -SD}, {@code -SV}).
 *
 * @param natsDebug  debug logging of the broker
 * @param natsTrace  trace logging of the broker
 * @param stanDebug  debug logging of the streaming server
 * @param stanTrace  trace logging of the streaming server
 */
public record Verbosity(boolean natsDebug, boolean natsTrace, boolean stanDebug, boolean stanTrace) {

    /** No debug or trace logging. */
    public static final Verbosity QUIET = new Verbosity(false, false, false, false);

    /** Everything asked for here or in {@code other}. */
    public Verbosity or(Verbosity other) {
        return new Verbosity(natsDebug || other.natsDebug, natsTrace || other.natsTrace,
                stanDebug || other.stanDebug, stanTrace || other.stanTrace);
    }
}
