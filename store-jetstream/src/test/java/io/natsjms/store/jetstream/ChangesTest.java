package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of the entries written last (prepared branches and their chunks): a chunk must reach the
 * bucket before the entry naming it, and a deletion of old chunks after it, also when a failed commit
 * is put back in front of newer changes.
 */
class ChangesTest {

    private static final byte[] V = {1};

    @Test
    void entriesWrittenLastKeepTheOrderOfTheirLatestChange() {
        Changes changes = new Changes();
        changes.putLast("ptx.a", V);
        changes.putLast("ptxc.a.g.0", V);
        changes.putLast("ptx.a", V); // changed again: now after its chunk
        changes.put("client.x", V);

        Changes.Batch batch = changes.take();

        assertThat(batch.last().keySet()).containsExactly("ptxc.a.g.0", "ptx.a");
        assertThat(batch.values().keySet()).containsExactly("client.x");
        assertThat(changes.take().isEmpty()).isTrue();
    }

    @Test
    void aFailedBatchPutBackGoesBeforeTheNewerChangesWhichKeepTheirOrder() {
        Changes changes = new Changes();
        changes.putLast("ptxc.a.g1.0", V);
        changes.putLast("ptx.a", V);
        Changes.Batch failed = changes.take();
        // after the failure: the branch is removed (entry first, then its chunk) and another one put
        changes.putLast("ptx.a", null);
        changes.putLast("ptxc.a.g1.0", null);
        changes.putLast("ptx.b", V);

        changes.putBack(failed);

        Map<String, byte[]> last = changes.take().last();
        assertThat(last.keySet()).containsExactly("ptx.a", "ptxc.a.g1.0", "ptx.b");
        assertThat(last.get("ptx.a")).isNull();
        assertThat(last.get("ptxc.a.g1.0")).isNull();
    }
}
