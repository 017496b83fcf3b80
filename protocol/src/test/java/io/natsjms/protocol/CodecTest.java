package io.natsjms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.protocol.pb.SubscriptionRequest;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void decodesAValidPayload() {
        byte[] wire = SubscriptionRequest.newBuilder().setClientID("c").setSubject("orders").build().toByteArray();

        SubscriptionRequest request = Codec.decode(SubscriptionRequest.parser(), wire, "SubscriptionRequest", "s");

        assertThat(request.getSubject()).isEqualTo("orders");
    }

    @Test
    void namesTypeAndSubjectOfAMalformedPayload() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};

        assertThatThrownBy(() -> Codec.decode(SubscriptionRequest.parser(), garbage, "SubscriptionRequest",
                "_STAN.sub.c1"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("bad SubscriptionRequest on _STAN.sub.c1: ");
    }

    @Test
    void caseClashErrorKeepsTheOriginalSpelling() {
        assertThat(ProtocolErrors.channelCaseClash("Foo", "foo")).isEqualTo(
                "rejecting channel \"Foo\" because channel \"foo\" alreay exists (different cases not allowed)");
    }
}
