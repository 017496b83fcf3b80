package io.natsjms.ra;

/**
 * How one delivery to an endpoint ended.
 *
 * @param succeeded whether onMessage returned and the container transaction, if any, committed
 * @param reason    why it failed (for the log and the dead-letter copy), or null on success
 * @param cause     the exception behind the failure, or null
 */
record DeliveryOutcome(boolean succeeded, String reason, Throwable cause) {

    private static final DeliveryOutcome SUCCESS = new DeliveryOutcome(true, null, null);

    static DeliveryOutcome success() {
        return SUCCESS;
    }

    static DeliveryOutcome failure(String what, Throwable cause) {
        return new DeliveryOutcome(false, cause == null ? what : what + ": " + cause, cause);
    }
}
