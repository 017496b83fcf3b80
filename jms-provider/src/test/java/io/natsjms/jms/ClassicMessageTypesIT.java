package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.receive;
import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.server.config.StoreType;
import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The five message types, properties and headers end to end, and payloads from plain STAN clients. */
class ClassicMessageTypesIT {

    @ClassicTest
    void allFiveMessageTypesRoundTripWithTheirProperties(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("types");
        MessageConsumer consumer = session.createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);

        TextMessage text = session.createTextMessage("grüße ✓");
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeInt(42);
        bytes.writeUTF("utf");
        bytes.writeBytes(new byte[] {1, 2, 3});
        MapMessage map = session.createMapMessage();
        map.setInt("int", 7);
        map.setString("string", "s");
        map.setBoolean("flag", true);
        map.setBytes("bytes", new byte[] {9, 8});
        map.setDouble("double", 2.5);
        StreamMessage stream = session.createStreamMessage();
        stream.writeString("first");
        stream.writeLong(Long.MAX_VALUE);
        stream.writeBoolean(false);
        stream.writeBytes(new byte[] {5});
        ArrayList<Object> object = new ArrayList<>(List.of("a", 1, LocalDate.of(2024, 5, 1)));
        ObjectMessage objectMessage = session.createObjectMessage(object);
        Message plain = session.createMessage();

        List<Message> sent = List.of(text, bytes, map, stream, objectMessage, plain);
        int i = 0;
        for (Message message : sent) {
            setProperties(message, i++);
            producer.send(message);
        }

        TextMessage textIn = (TextMessage) receive(consumer);
        assertThat(textIn.getText()).isEqualTo("grüße ✓");
        assertProperties(textIn, 0);

        BytesMessage bytesIn = (BytesMessage) receive(consumer);
        assertThat(bytesIn.readInt()).isEqualTo(42);
        assertThat(bytesIn.readUTF()).isEqualTo("utf");
        byte[] tail = new byte[10];
        assertThat(bytesIn.readBytes(tail)).isEqualTo(3);
        assertThat(tail).startsWith(1, 2, 3);
        assertProperties(bytesIn, 1);

        MapMessage mapIn = (MapMessage) receive(consumer);
        assertThat(mapIn.getInt("int")).isEqualTo(7);
        assertThat(mapIn.getString("string")).isEqualTo("s");
        assertThat(mapIn.getBoolean("flag")).isTrue();
        assertThat(mapIn.getBytes("bytes")).containsExactly(9, 8);
        assertThat(mapIn.getDouble("double")).isEqualTo(2.5);
        assertThat(Collections.list(mapIn.getMapNames())).containsExactlyInAnyOrder("int", "string", "flag", "bytes",
                "double");
        assertProperties(mapIn, 2);

        StreamMessage streamIn = (StreamMessage) receive(consumer);
        assertThat(streamIn.readString()).isEqualTo("first");
        assertThat(streamIn.readLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(streamIn.readBoolean()).isFalse();
        byte[] one = new byte[1];
        assertThat(streamIn.readBytes(one)).isEqualTo(1);
        assertThat(one).containsExactly(5);
        assertProperties(streamIn, 3);

        ObjectMessage objectIn = (ObjectMessage) receive(consumer);
        assertThat(objectIn.getObject()).isEqualTo(object);
        assertProperties(objectIn, 4);

        Message plainIn = receive(consumer);
        assertThat(plainIn).isNotInstanceOfAny(TextMessage.class, BytesMessage.class, MapMessage.class,
                StreamMessage.class, ObjectMessage.class);
        assertProperties(plainIn, 5);
    }

    private static void setProperties(Message message, int index) throws Exception {
        message.setBooleanProperty("boolean", true);
        message.setByteProperty("byte", (byte) -3);
        message.setShortProperty("short", (short) 300);
        message.setIntProperty("index", index);
        message.setLongProperty("long", 1L << 40);
        message.setFloatProperty("float", 1.5f);
        message.setDoubleProperty("double", -0.25);
        message.setStringProperty("string", "ünïcode");
        message.setObjectProperty("object", 99);
        message.setJMSCorrelationID("corr-" + index);
        message.setJMSType("type-" + index);
    }

    private static void assertProperties(Message message, int index) throws Exception {
        assertThat(message.getBooleanProperty("boolean")).isTrue();
        assertThat(message.getByteProperty("byte")).isEqualTo((byte) -3);
        assertThat(message.getShortProperty("short")).isEqualTo((short) 300);
        assertThat(message.getIntProperty("index")).isEqualTo(index);
        assertThat(message.getLongProperty("long")).isEqualTo(1L << 40);
        assertThat(message.getFloatProperty("float")).isEqualTo(1.5f);
        assertThat(message.getDoubleProperty("double")).isEqualTo(-0.25);
        assertThat(message.getStringProperty("string")).isEqualTo("ünïcode");
        assertThat(message.getObjectProperty("object")).isEqualTo(99);
        assertThat(message.getJMSCorrelationID()).isEqualTo("corr-" + index);
        assertThat(message.getJMSType()).isEqualTo("type-" + index);
        assertThat(message.getJMSMessageID()).startsWith("ID:");
        assertThat(message.getJMSTimestamp()).isPositive();
        assertThat(message.getJMSDestination()).isEqualTo(new NatsChannelTopic("types"));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void headersRoundTripIncludingReplyTo(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("headers");
        MessageConsumer consumer = session.createConsumer(topic);
        TextMessage message = session.createTextMessage("h");
        message.setJMSReplyTo(session.createQueue("replies"));
        session.createProducer(topic).send(message);

        Message received = receive(consumer);
        assertThat(received.getJMSReplyTo()).isEqualTo(session.createQueue("replies"));
        assertThat(received.getJMSDestination()).isEqualTo(topic);
        assertThat(received.getJMSMessageID()).isEqualTo(message.getJMSMessageID());
        assertThat(received.getJMSTimestamp()).isEqualTo(message.getJMSTimestamp());
    }

    @ClassicTest
    void aPlainStanPayloadArrivesAsABytesMessage(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        MessageConsumer consumer = session.createConsumer(session.createTopic("legacy"));
        byte[] payload = "from a STAN client".getBytes(StandardCharsets.UTF_8);
        server.stan("legacy-publisher").publishSync("legacy", payload);

        Message received = receive(consumer);
        assertThat(received).isInstanceOf(BytesMessage.class);
        BytesMessage bytes = (BytesMessage) received;
        assertThat(bytes.getBodyLength()).isEqualTo(payload.length);
        assertThat(bytes.getBody(byte[].class)).isEqualTo(payload);
        assertThat(received.getJMSDestination()).isEqualTo(session.createTopic("legacy"));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aMessageOfAnotherProviderIsSentAsItsCopy(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("foreign");
        MessageConsumer consumer = session.createConsumer(topic);
        Map<String, Object> state = new HashMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("origin", "elsewhere");
        properties.put("count", 3);
        TextMessage foreign = (TextMessage) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> foreignCall(state, properties, method, args));
        state.put("Text", "from another provider");
        state.put("JMSType", "foreign-type");

        session.createProducer(topic).send(foreign);

        assertThat((String) state.get("JMSMessageID")).startsWith("ID:");
        Message received = receive(consumer);
        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("from another provider");
        assertThat(received.getStringProperty("origin")).isEqualTo("elsewhere");
        assertThat(received.getIntProperty("count")).isEqualTo(3);
        assertThat(received.getJMSType()).isEqualTo("foreign-type");
        assertThat(received.getJMSMessageID()).isEqualTo(state.get("JMSMessageID"));
        assertThat(received.getJMSDestination()).isEqualTo(topic);
    }

    /** A bean-like foreign message: setX stores, getX reads; properties by name. */
    private static Object foreignCall(Map<String, Object> state, Map<String, Object> properties, Method method,
                                      Object[] args) {
        String name = method.getName();
        if (name.equals("getPropertyNames")) {
            return Collections.enumeration(properties.keySet());
        }
        if (name.equals("propertyExists")) {
            return properties.containsKey((String) args[0]);
        }
        if (name.startsWith("get") && name.endsWith("Property")) {
            return properties.get((String) args[0]);
        }
        if (name.startsWith("set") && args != null && args.length == 1) {
            state.put(name.substring(3), args[0]);
            return null;
        }
        if (name.startsWith("get") && (args == null || args.length == 0)) {
            Object value = state.get(name.substring(3));
            Class<?> type = method.getReturnType();
            if (value == null && type.isPrimitive()) {
                return type == boolean.class ? Boolean.FALSE : type == long.class ? (Object) 0L : (Object) 0;
            }
            return value;
        }
        if (name.equals("hashCode")) {
            return System.identityHashCode(state);
        }
        if (name.equals("equals")) {
            return false;
        }
        if (name.equals("toString")) {
            return "ForeignTextMessage" + state;
        }
        throw new UnsupportedOperationException(name);
    }
}
