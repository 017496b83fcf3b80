package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** The real files ({@link StoreFiles#SYSTEM}), for tests that only watch or change one hook of the seam. */
class PassThroughFiles implements StoreFiles {

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return StoreFiles.SYSTEM.open(file, options);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        StoreFiles.SYSTEM.forceDirectory(directory);
    }
}
