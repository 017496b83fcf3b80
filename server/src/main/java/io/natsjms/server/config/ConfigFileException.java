package io.natsjms.server.config;

/** A configuration file that cannot be read or does not say something the server understands. */
public final class ConfigFileException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param source the file's name
     * @param line   the 1-based line the problem is on, or 0 if it concerns the whole file
     * @param what   what is wrong and what was expected
     */
    public ConfigFileException(String source, int line, String what) {
        super(source + (line > 0 ? ":" + line : "") + ": " + what);
    }

    public ConfigFileException(String source, String what, Throwable cause) {
        super(source + ": " + what, cause);
    }
}
