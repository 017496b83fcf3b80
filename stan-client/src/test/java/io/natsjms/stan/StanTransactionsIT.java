package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.ext.Xid;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transaction extension seen from the client: the ways a request can end without an answer. */
@ExtendWith(TestStanExtension.class)
class StanTransactionsIT {

    private static final Xid XID = Xid.newBuilder().setFormatId(7).setGlobalId(ByteString.copyFromUtf8("global"))
            .setBranchId(ByteString.copyFromUtf8("branch")).build();

    @Test
    void withNobodyOnTheTransactionSubjectARequestIsNotSupported(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("tx");
        stan.stopStreaming();
        StanTransactions transactions = new StanTransactions(connection, Duration.ofSeconds(10));

        assertThatThrownBy(() -> transactions.prepare(XID, List.of(new TxSend("orders", "g1", new byte[] {1})),
                List.of()))
                .isInstanceOfSatisfying(StanException.class, e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                        .isEqualTo(StanException.Kind.NOT_SUPPORTED))
                .hasMessageContaining("does not support XA transactions")
                .hasMessageContaining(transactions.subject());
    }

    @Test
    void aListenerThatNeverAnswersIsATimeout(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("tx");
        connection.subscribeCore("silent.tx", message -> { });
        connection.flush(Duration.ofSeconds(5));
        StanTransactions transactions = new StanTransactions(connection, "silent.tx", Duration.ofMillis(300));

        assertThatThrownBy(() -> transactions.commit(XID))
                .isInstanceOfSatisfying(StanException.class, e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                        .isEqualTo(StanException.Kind.TIMEOUT))
                .hasMessageContaining("COMMIT").hasMessageContaining("outcome unknown");
    }
}
