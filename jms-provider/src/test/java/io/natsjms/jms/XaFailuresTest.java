package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.protocol.ext.TxResponse;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** How a refusal of the server and a request without an answer become XAExceptions. */
class XaFailuresTest {

    @Test
    void aRefusalKeepsTheServersCodeAndWords() {
        XAException failure = XaFailures.refused("prepare(xid 1)", TxResponse.newBuilder()
                .setXaCode(XAException.XA_RBROLLBACK).setError("stan: invalid publish request").build());

        assertThat(failure.errorCode).isEqualTo(XAException.XA_RBROLLBACK);
        assertThat(failure.getMessage()).contains("prepare(xid 1)").contains("stan: invalid publish request");
    }

    @Test
    void onlyTheRollbackCodesCountAsRolledBack() {
        assertThat(XaFailures.rolledBack(XAException.XA_RBROLLBACK)).isTrue();
        assertThat(XaFailures.rolledBack(XAException.XA_RBEND)).isTrue();
        assertThat(XaFailures.rolledBack(XAException.XA_RDONLY)).isFalse();
        assertThat(XaFailures.rolledBack(XAException.XAER_NOTA)).isFalse();
        assertThat(XaFailures.rolledBack(0)).isFalse();
    }

    @Test
    void aBranchKeyRefusesXidPartsOverSixtyFourBytes() {
        XAException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> XaBranchKey.of("c@[nats://h:4222]", new TestXid(1, new byte[64], new byte[65])),
                XAException.class);

        assertThat(failure.errorCode).isEqualTo(XAException.XAER_INVAL);
        assertThat(failure.getMessage()).contains("65 bytes").contains("at most 64");
    }

    @Test
    void branchKeysOfEqualXidsAreEqualWhateverTheXidClass() throws Exception {
        TestXid xid = new TestXid(7, new byte[] {1, 2}, new byte[] {3});
        NatsXid other = new NatsXid(XaBranchKey.of("rm", xid).toProto());

        assertThat(XaBranchKey.of("rm", other)).isEqualTo(XaBranchKey.of("rm", xid));
        assertThat(XaBranchKey.of("rm", other)).isNotEqualTo(XaBranchKey.of("other rm", xid));
        assertThat(xid.sameAs(other)).isTrue();
    }
}
