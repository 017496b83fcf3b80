package io.natsjms.store.mapdb;

/** A file whose written data a commit forces to disk ({@link SegmentForcer} forces many at once). */
interface Forceable {

    /**
     * Forces what was written to the file.
     *
     * @throws io.natsjms.store.StoreException {@code IO} when the file could not be forced
     */
    void force();
}
