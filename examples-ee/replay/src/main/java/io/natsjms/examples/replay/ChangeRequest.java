package io.natsjms.examples.replay;

/**
 * The body of {@code POST /api/stock/{sku}}: {@code {"delta": 10}} (received) or {@code {"delta": -3}}
 * (shipped).
 *
 * @param delta the change of the article's stock
 */
public record ChangeRequest(Long delta) {
}
