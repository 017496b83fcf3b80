package io.natsjms.examples.replay;

/**
 * The stock of one article.
 *
 * @param sku   the article
 * @param level its stock: the sum of all its changes
 */
public record StockLevel(String sku, long level) {
}
