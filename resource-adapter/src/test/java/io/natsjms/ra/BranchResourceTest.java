package io.natsjms.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

/** The pooled connection's XAResource reports its branch state and otherwise is the provider's. */
class BranchResourceTest {

    private final List<String> calls = new ArrayList<>();
    private final List<Boolean> active = new ArrayList<>();
    private final Xid xid = FakeTransactions.FakeXid.of(7, 1);

    @Test
    void startAndEndSwitchTheSessionsAndReachTheProvider() throws Exception {
        RecordingResource provider = new RecordingResource(null);
        BranchResource branch = new BranchResource(provider, active::add);

        branch.start(xid, XAResource.TMNOFLAGS);
        branch.end(xid, XAResource.TMSUSPEND);
        branch.start(xid, XAResource.TMRESUME);
        branch.end(xid, XAResource.TMSUCCESS);
        assertThat(branch.prepare(xid)).isEqualTo(XAResource.XA_RDONLY);
        branch.commit(xid, false);

        assertThat(active).containsExactly(true, false, true, false);
        assertThat(calls).containsExactly("start " + XAResource.TMNOFLAGS, "end " + XAResource.TMSUSPEND,
                "start " + XAResource.TMRESUME, "end " + XAResource.TMSUCCESS, "prepare", "commit false");
    }

    @Test
    void aRefusedStartLeavesTheSessionsOutsideTheBranch() {
        RecordingResource provider = new RecordingResource(new XAException(XAException.XAER_DUPID));
        BranchResource branch = new BranchResource(provider, active::add);

        assertThatThrownBy(() -> branch.start(xid, XAResource.TMNOFLAGS)).isInstanceOf(XAException.class);
        assertThat(active).isEmpty();
    }

    @Test
    void anotherBranchResourceIsComparedByItsProviderResource() throws Exception {
        RecordingResource provider = new RecordingResource(null);
        BranchResource branch = new BranchResource(provider, active::add);
        BranchResource other = new BranchResource(provider, active::add);

        assertThat(branch.isSameRM(other)).isTrue();
        assertThat(branch.isSameRM(provider)).isTrue();
        assertThat(branch.isSameRM(new RecordingResource(null))).isFalse();
    }

    /** A provider resource that records the calls and is the same resource manager only as itself. */
    private final class RecordingResource implements XAResource {

        private final XAException startFailure;

        RecordingResource(XAException startFailure) {
            this.startFailure = startFailure;
        }

        @Override
        public void start(Xid id, int flags) throws XAException {
            if (startFailure != null) {
                throw startFailure;
            }
            calls.add("start " + flags);
        }

        @Override
        public void end(Xid id, int flags) {
            calls.add("end " + flags);
        }

        @Override
        public int prepare(Xid id) {
            calls.add("prepare");
            return XA_RDONLY;
        }

        @Override
        public void commit(Xid id, boolean onePhase) {
            calls.add("commit " + onePhase);
        }

        @Override
        public void rollback(Xid id) {
            calls.add("rollback");
        }

        @Override
        public void forget(Xid id) {
            calls.add("forget");
        }

        @Override
        public Xid[] recover(int flag) {
            return new Xid[0];
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }
    }
}
