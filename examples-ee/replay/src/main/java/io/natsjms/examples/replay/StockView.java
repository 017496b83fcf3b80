package io.natsjms.examples.replay;

import java.util.Map;

/**
 * The rebuilt state as {@code GET /api/stock} shows it.
 *
 * @param eventsApplied     events folded into the levels since the application started
 * @param duplicatesIgnored events seen again (a redelivery, or the history replayed after a reconnect) and
 *                          not applied twice
 * @param levels            stock per article, by article
 */
public record StockView(int eventsApplied, int duplicatesIgnored, Map<String, Long> levels) {
}
