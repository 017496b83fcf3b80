package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.envelope.BodyType;
import io.natsjms.protocol.envelope.Envelope;
import io.natsjms.protocol.envelope.EnvelopeFormat;
import io.natsjms.protocol.envelope.Headers;
import io.natsjms.protocol.envelope.NamedValue;
import io.natsjms.protocol.envelope.TypedValue;
import io.natsjms.protocol.pb.MsgProto;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a queue member's selector selects on the server: the JMS envelope's headers and properties. */
class SelectorFilterTest {

    private static MsgProto stored(long sequence, byte[] payload) {
        return MsgProto.newBuilder().setSequence(sequence).setSubject("orders").setTimestamp(7_000_000_000L)
                .setData(ByteString.copyFrom(payload)).build();
    }

    private static MsgProto enveloped(Headers.Builder headers, NamedValue... properties) {
        Envelope.Builder envelope = Envelope.newBuilder().setBodyType(BodyType.BODY_TYPE_TEXT).setText("t")
                .setHeaders(headers);
        for (NamedValue property : properties) {
            envelope.addProperties(property);
        }
        return stored(1, EnvelopeFormat.frame(envelope.build()));
    }

    private static NamedValue property(String name, TypedValue.Builder value) {
        return NamedValue.newBuilder().setName(name).setValue(value).build();
    }

    private static boolean selects(String selector, MsgProto msg) throws RequestRejected {
        return SelectorFilter.compile(selector).selects(msg, 1);
    }

    @Test
    void propertiesOfEveryTypeAreSeen() throws Exception {
        MsgProto msg = enveloped(Headers.newBuilder().setDeliveryMode(2).setPriority(4),
                property("color", TypedValue.newBuilder().setStringValue("red")),
                property("weight", TypedValue.newBuilder().setIntValue(70)),
                property("ratio", TypedValue.newBuilder().setDoubleValue(0.5)),
                property("big", TypedValue.newBuilder().setLongValue(1L << 40)),
                property("urgent", TypedValue.newBuilder().setBooleanValue(true)),
                property("tiny", TypedValue.newBuilder().setByteValue(3)));

        assertThat(selects("color = 'red' AND weight > 50", msg)).isTrue();
        assertThat(selects("ratio < 1 AND big > 1000 AND urgent AND tiny = 3", msg)).isTrue();
        assertThat(selects("color = 'blue'", msg)).isFalse();
        assertThat(selects("missing = 1", msg)).as("an unknown value does not select").isFalse();
        assertThat(selects("missing IS NULL", msg)).isTrue();
    }

    @Test
    void headersAreSeenAsTheProviderShowsThem() throws Exception {
        MsgProto msg = enveloped(Headers.newBuilder().setDeliveryMode(1).setPriority(8).setMessageId("ID:abc")
                .setTimestamp(1234).setType("order").setCorrelationIdText("c-1"));

        assertThat(selects("JMSDeliveryMode = 'NON_PERSISTENT' AND JMSPriority > 5", msg)).isTrue();
        assertThat(selects("JMSMessageID = 'ID:abc' AND JMSTimestamp = 1234", msg)).isTrue();
        assertThat(selects("JMSType = 'order' AND JMSCorrelationID LIKE 'c-%'", msg)).isTrue();
        assertThat(selects("JMSDeliveryMode = 'PERSISTENT'", msg)).isFalse();
    }

    @Test
    void theDeliveryCountIsTheOneTheDeliveryWouldCarry() throws Exception {
        MsgProto msg = enveloped(Headers.newBuilder().setDeliveryMode(2));
        SelectorFilter firstTwo = SelectorFilter.compile("JMSXDeliveryCount < 3");

        assertThat(firstTwo.selects(msg, 1)).isTrue();
        assertThat(firstTwo.selects(msg, 2)).isTrue();
        assertThat(firstTwo.selects(msg, 3)).isFalse();
    }

    @Test
    void aPayloadThatIsNoEnvelopeLooksLikeTheProvidersPlainMessage() throws Exception {
        MsgProto plain = stored(42, "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(selects("JMSMessageID = 'ID:STAN:orders:42' AND JMSTimestamp = 7000", plain)).isTrue();
        assertThat(selects("JMSDeliveryMode = 'PERSISTENT' AND JMSPriority = 4", plain)).isTrue();
        assertThat(selects("color = 'red'", plain)).isFalse();
    }

    @Test
    void noSelectorSelectsEverything() throws Exception {
        assertThat(SelectorFilter.compile("").selectsAll()).isTrue();
        assertThat(SelectorFilter.compile("  ").selects(stored(1, new byte[0]), 1)).isTrue();
        assertThat(SelectorFilter.compile("a = 1").text()).isEqualTo("a = 1");
    }

    @Test
    void anInvalidSelectorIsRefusedWithTheSelectorInTheError() {
        assertThatThrownBy(() -> SelectorFilter.compile("color = "))
                .isInstanceOf(RequestRejected.class)
                .hasMessageStartingWith(Extensions.INVALID_SELECTOR + ": \"color = \" (");
    }
}
