package io.natsjms.jms.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.natsjms.jms.NatsConnectionFactory;
import java.util.Collections;
import javax.naming.BinaryRefAddr;
import javax.naming.NamingException;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.Test;

class NatsObjectFactoryTest {

    private final NatsObjectFactory objectFactory = new NatsObjectFactory();

    @Test
    void theReferenceNamesTheFactoryAndHoldsOneAddressPerPropertySet() {
        NatsConnectionFactory factory = new NatsConnectionFactory("nats://u:p@h1:4222,h2:4222?clusterId=prod");
        factory.setAckWait(45);

        Reference reference = factory.getReference();

        assertThat(reference.getClassName()).isEqualTo(NatsConnectionFactory.class.getName());
        assertThat(reference.getFactoryClassName()).isEqualTo(NatsObjectFactory.class.getName());
        assertThat(Collections.list(reference.getAll())).extracting(RefAddr::getType, RefAddr::getContent)
                .containsExactly(
                        tuple("serverUrls", "nats://h1:4222,nats://h2:4222"),
                        tuple("clusterId", "prod"),
                        tuple("user", "u"),
                        tuple("password", "p"),
                        tuple("ackWait", "45"));
    }

    @Test
    void theObjectFactoryRebuildsAnEquivalentFactory() throws Exception {
        NatsConnectionFactory factory = new NatsConnectionFactory("tls://u:p@h1:4443?clusterId=prod&clientId=me"
                + "&connectTimeout=PT4S&pubAckTimeout=1500&maxInFlight=12&sendRawBodies=true&nonEnvelopeAsText=true"
                + "&objectClassAllowList=com.example&pingInterval=500&pingMaxOut=4");
        factory.setAckWait(45);

        Object rebuilt = objectFactory.getObjectInstance(factory.getReference(), null, null, null);

        assertThat(rebuilt).isInstanceOf(NatsConnectionFactory.class);
        assertThat(((NatsConnectionFactory) rebuilt).toConfig()).isEqualTo(factory.toConfig());
    }

    @Test
    void aDefaultFactoryRebuildsWithTheDefaults() throws Exception {
        Object rebuilt = objectFactory.getObjectInstance(new NatsConnectionFactory().getReference(), null, null, null);

        assertThat(((NatsConnectionFactory) rebuilt).toConfig()).isEqualTo(new NatsConnectionFactory().toConfig());
    }

    @Test
    void otherObjectsAreNotItsBusiness() throws Exception {
        assertThat(objectFactory.getObjectInstance("text", null, null, null)).isNull();
        assertThat(objectFactory.getObjectInstance(new Reference("com.example.Other"), null, null, null)).isNull();
    }

    @Test
    void aBadAddressFailsNamingIt() {
        Reference unknown = new Reference(NatsConnectionFactory.class.getName());
        unknown.add(new StringRefAddr("colour", "blue"));
        Reference badValue = new Reference(NatsConnectionFactory.class.getName());
        badValue.add(new StringRefAddr("maxInFlight", "0"));
        Reference binary = new Reference(NatsConnectionFactory.class.getName());
        binary.add(new BinaryRefAddr("clusterId", new byte[] {1}));

        assertThatThrownBy(() -> objectFactory.getObjectInstance(unknown, null, null, null))
                .isInstanceOf(NamingException.class)
                .hasMessageStartingWith("reference: property: \"colour\" (expected: url or one of serverUrls,")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> objectFactory.getObjectInstance(badValue, null, null, null))
                .hasMessage("reference: maxInFlight: 0 (expected: >= 1)");
        assertThatThrownBy(() -> objectFactory.getObjectInstance(binary, null, null, null))
                .hasMessage("reference address \"clusterId\": javax.naming.BinaryRefAddr (expected: a StringRefAddr)");
    }
}
