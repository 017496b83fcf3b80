/**
 * The {@code memory} store: every channel, message and subscription lives in the heap and is gone
 * when the store closes. It enforces the same limits as the persistent stores, through
 * {@link io.natsjms.store.LimitEnforcer} and {@link io.natsjms.store.ChannelAdmission}.
 */
package io.natsjms.store.memory;
