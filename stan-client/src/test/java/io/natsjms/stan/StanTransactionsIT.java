package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.ext.Xid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transaction extension seen from the client: a branch prepared, listed and committed; one larger than a
 * NATS message, staged first; and the ways a request can end without an answer.
 */
@ExtendWith(TestStanExtension.class)
class StanTransactionsIT {

    private static final Xid XID = Xid.newBuilder().setFormatId(7).setGlobalId(ByteString.copyFromUtf8("global"))
            .setBranchId(ByteString.copyFromUtf8("branch")).build();

    @Test
    void withNobodyOnTheTransactionSubjectARequestIsNotSupported(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("tx");
        stan.stopStreaming();
        StanTransactions transactions = new StanTransactions(connection, Duration.ofMillis(500));

        // until the broker has dropped the stopped server's subscriptions a request may go unanswered
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> transactions.prepare(XID,
                List.of(new TxSend("orders", "g1", new byte[] {1})), List.of()))
                .isInstanceOfSatisfying(StanException.class, e -> assertThat(e.kind())
                        .isEqualTo(StanException.Kind.NOT_SUPPORTED))
                .hasMessageContaining("does not support XA transactions")
                .hasMessageContaining(transactions.subject()));
    }

    @Test
    void aListenerThatNeverAnswersIsATimeout(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("tx");
        connection.subscribeCore("silent.tx", message -> { });
        connection.flush(Duration.ofSeconds(5));
        StanTransactions transactions = new StanTransactions(connection, "silent.tx", Duration.ofMillis(300));

        assertThatThrownBy(() -> transactions.commit(XID))
                .isInstanceOfSatisfying(StanException.class, e -> assertThat(e.kind())
                        .isEqualTo(StanException.Kind.TIMEOUT))
                .hasMessageContaining("COMMIT").hasMessageContaining("outcome unknown");
    }

    @Test
    void aPreparedSendIsListedByRecoverAndReachesItsChannelAtCommit(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("tx");
        Received received = Received.acking();
        connection.subscribe(SubscriptionSpec.of("orders"), received);
        StanTransactions transactions = new StanTransactions(connection);

        assertThat(transactions.prepare(XID, List.of(new TxSend("orders", "g1", new byte[] {42})), List.of())
                .getXaCode()).isZero();
        assertThat(transactions.recover().getPreparedList()).containsExactly(XID);
        assertThat(received.size()).isZero();

        assertThat(transactions.commit(XID).getXaCode()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(received.messages().get(0).data()).containsExactly(42);
        assertThat(transactions.recover().getPreparedList()).isEmpty();
        assertThat(transactions.commit(XID).getXaCode()).isEqualTo(-4); // XAER_NOTA: done already
    }

    @Test
    void aBranchLargerThanOneNatsMessageIsStagedThenCommittedWhole(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("tx");
        Received received = Received.acking();
        connection.subscribe(SubscriptionSpec.of("big"), received);
        long max = connection.maxPayload();
        int each = (int) (max / 3);
        List<TxSend> sends = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> {
            byte[] data = new byte[each];
            data[0] = (byte) i;
            sends.add(new TxSend("big", "big-" + i, data));
        });

        assertThat(new StanTransactions(connection).commitOnePhase(XID, sends, List.of()).getXaCode()).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 5);
        assertThat(received.messages()).extracting(m -> (int) m.data()[0]).containsExactly(0, 1, 2, 3, 4);
        assertThat(received.messages()).allSatisfy(m -> assertThat(m.data()).hasSize(each));
    }
}
