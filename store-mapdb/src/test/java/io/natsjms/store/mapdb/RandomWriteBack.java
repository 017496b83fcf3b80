package io.natsjms.store.mapdb;

import io.natsjms.store.mapdb.TrackedFile.Fate;
import io.natsjms.store.mapdb.TrackedFile.Pending;
import io.natsjms.store.mapdb.TrackedFile.TornTail;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The random {@link TrackedFile.WriteBack} of the power-loss test. For one power cut it picks one way for all files:
 * every unforced operation kept (as a process crash leaves them), all dropped, or per file a random <em>prefix</em>
 * of them kept, the first one not kept maybe torn at a sector boundary with nothing after the cut: a file holds
 * what was forced plus a prefix of what was written since, the model the store's recovery is built on.
 *
 * <p>With {@code unordered}, a fourth way decides each operation on its own: a later write may reach the disk
 * while an earlier one does not (a hole of zeros in between, as a writeback in any order leaves), and a torn write
 * may leave zeros after its cut (the file's new size reached the disk, its last sectors did not). With
 * {@code garbage} such a torn part may also hold random bytes.
 */
final class RandomWriteBack implements TrackedFile.WriteBack {

    private final Random random;
    private final int way;
    private final boolean garbage;

    RandomWriteBack(Random random, boolean unordered, boolean garbage) {
        this.random = random;
        this.way = random.nextInt(unordered ? 4 : 3);
        this.garbage = garbage;
    }

    /** What this power cut does, in words. */
    String way() {
        return new String[] {"all unforced operations kept", "all unforced operations dropped",
            "a prefix of each file's unforced operations kept", "each unforced operation kept, torn or dropped"}[way];
    }

    @Override
    public List<Fate> decide(Path file, List<Pending> operations) {
        List<Fate> fates = new ArrayList<>(operations.size());
        int kept = switch (way) {
            case 0 -> operations.size();
            case 1 -> 0;
            default -> random.nextInt(operations.size() + 1);
        };
        for (int i = 0; i < operations.size(); i++) {
            Pending op = operations.get(i);
            if (way == 3) {
                int choice = random.nextInt(3);
                fates.add(choice == 0 ? Fate.DROPPED : choice == 1 || op.boundaries() == 0 ? Fate.APPLIED
                        : Fate.torn(op.boundary(random.nextLong(op.boundaries())), tail(true)));
            } else if (i < kept) {
                fates.add(Fate.APPLIED);
            } else if (i == kept && op.boundaries() > 0 && random.nextBoolean()) {
                fates.add(Fate.torn(op.boundary(random.nextLong(op.boundaries())), tail(false)));
            } else {
                fates.add(Fate.DROPPED);
            }
        }
        return fates;
    }

    private TornTail tail(boolean unordered) {
        if (garbage && random.nextInt(3) == 0) {
            return TornTail.GARBAGE;
        }
        return unordered && random.nextBoolean() ? TornTail.ZEROS : TornTail.ABSENT;
    }
}
