package io.natsjms.server.monitor;

import java.util.List;

/**
 * Which part of a sorted list a request asked for.
 *
 * @param offset how many entries to skip; never negative
 * @param limit  how many entries at most; always positive
 */
record Paging(int offset, int limit) {

    /** The page size when none (or one below 1) is asked for. */
    static final int DEFAULT_LIMIT = 1024;

    /** {@code offset} and {@code limit} of the query, the original's way: negative offset is 0, limit below 1 is the default. */
    static Paging of(Query query) throws BadRequest {
        int offset = Math.max(0, query.intValue("offset", 0));
        int limit = query.intValue("limit", 0);
        return new Paging(offset, limit <= 0 ? DEFAULT_LIMIT : limit);
    }

    <T> List<T> page(List<T> all) {
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) offset + limit, all.size());
        return all.subList(from, to);
    }
}
