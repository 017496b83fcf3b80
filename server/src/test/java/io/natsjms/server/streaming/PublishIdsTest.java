package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.NewMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The duplicate window on its own, with explicit times. */
class PublishIdsTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aGuidIsKnownWithinTheWindowPerChannelAndForgottenAfterIt() {
        PublishIds ids = new PublishIds(Duration.ofSeconds(2));
        ids.add("orders", "g1", T0);
        ids.add("orders", "g2", T0 + SECOND);

        assertThat(ids.contains("orders", "g1", T0 + SECOND)).isTrue();
        assertThat(ids.contains("invoices", "g1", T0 + SECOND)).isFalse();
        assertThat(ids.contains("orders", "g1", T0 + 2 * SECOND + 1)).isFalse();
        assertThat(ids.contains("orders", "g2", T0 + 2 * SECOND + 1)).isTrue();
        assertThat(ids.contains("orders", "g2", T0 + 3 * SECOND + 1)).isFalse();
    }

    @Test
    void aRemovedGuidIsUnknown() {
        PublishIds ids = new PublishIds(Duration.ofMinutes(2));
        ids.add("orders", "g1", T0);
        ids.remove("orders", "g1");

        assertThat(ids.contains("orders", "g1", T0)).isFalse();
    }

    @Test
    void guidsThatShareAFingerprintAreToldApart() {
        PublishIds ids = new PublishIds(Duration.ofMinutes(2), guid -> 7);
        ids.add("orders", "g1", T0);
        ids.add("orders", "g2", T0 + 1);

        assertThat(ids.contains("orders", "g3", T0 + 2)).isFalse();
        ids.remove("orders", "g1");
        assertThat(ids.contains("orders", "g1", T0 + 2)).isFalse();
        assertThat(ids.contains("orders", "g2", T0 + 2)).isTrue();
    }

    @Test
    void aSweepForgetsChannelsWhoseGuidsAllExpired() {
        PublishIds ids = new PublishIds(Duration.ofSeconds(2));
        ids.add("orders", "g1", T0);
        ids.add("invoices", "g2", T0 + SECOND);

        ids.sweep(T0 + 2 * SECOND + 1);

        assertThat(ids.channels()).isEqualTo(1);
        assertThat(ids.size("orders")).isZero();
        assertThat(ids.size("invoices")).isEqualTo(1);
    }

    @Test
    void aZeroWindowRemembersNothing() {
        PublishIds ids = new PublishIds(Duration.ZERO);
        ids.add("orders", "g1", T0);

        assertThat(ids.enabled()).isFalse();
        assertThat(ids.contains("orders", "g1", T0)).isFalse();
    }

    @Test
    void theGuidTravelsInAFieldOfItsOwnAndSurvivesSerialization() throws Exception {
        NewMessage msg = NewMessage.withExtraField("orders", "", ByteString.copyFromUtf8("x"), T0,
                PublishIds.GUID_FIELD, "g1");

        MsgProto parsed = MsgProto.parseFrom(msg.toByteArray(1, T0));

        assertThat(PublishIds.guidOf(parsed)).isEqualTo("g1");
        assertThat(parsed.getData().toStringUtf8()).isEqualTo("x");
        assertThat(PublishIds.guidOf(MsgProto.getDefaultInstance())).isNull();
    }
}
