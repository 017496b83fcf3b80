package io.natsjms.server.streaming;

/**
 * A transaction request the engine refuses: the XA error code to answer with and why, in words (see
 * {@link XaCode}).
 */
final class TxRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final int xaCode;

    TxRefused(int xaCode, String reason) {
        super(reason, null, false, false);
        this.xaCode = xaCode;
    }

    int xaCode() {
        return xaCode;
    }
}
