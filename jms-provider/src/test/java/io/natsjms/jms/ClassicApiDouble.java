package io.natsjms.jms;

import io.natsjms.jms.message.NatsBytesMessage;
import io.natsjms.jms.message.NatsMapMessage;
import io.natsjms.jms.message.NatsMessage;
import io.natsjms.jms.message.NatsObjectMessage;
import io.natsjms.jms.message.NatsTextMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A classic-API connection for tests that need no server: it records every call made on it, its sessions
 * and their producers, and hands out real (unsent) message objects.
 */
final class ClassicApiDouble {

    /** One recorded call: the object ("connection", "session", "producer"), the method and its arguments. */
    record Call(String target, String method, List<Object> args) {
        String name() {
            return target + "." + method;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Connection connection = proxy(Connection.class, "connection", this::connectionAnswer);

    Connection connection() {
        return connection;
    }

    List<Call> calls() {
        return calls;
    }

    /** The names of the calls in order, e.g. {@code session.close}. */
    List<String> callNames() {
        return calls.stream().map(Call::name).toList();
    }

    /** The last call named {@code name}. */
    Call last(String name) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).name().equals(name)) {
                return calls.get(i);
            }
        }
        throw new AssertionError("no call " + name + " in " + callNames());
    }

    private Object connectionAnswer(String method, Object[] args) {
        return method.equals("createSession") ? proxy(Session.class, "session", this::sessionAnswer) : null;
    }

    private Object sessionAnswer(String method, Object[] args) {
        return switch (method) {
            case "createProducer" -> proxy(MessageProducer.class, "producer", (m, a) -> null);
            case "createMessage" -> new NatsMessage();
            case "createTextMessage" -> args == null ? new NatsTextMessage() : new NatsTextMessage((String) args[0]);
            case "createBytesMessage" -> new NatsBytesMessage();
            case "createMapMessage" -> new NatsMapMessage();
            case "createObjectMessage" -> objectMessage(args);
            default -> null;
        };
    }

    private static NatsObjectMessage objectMessage(Object[] args) {
        NatsObjectMessage message = new NatsObjectMessage();
        if (args != null) {
            try {
                message.setObject((Serializable) args[0]);
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        }
        return message;
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private <T> T proxy(Class<T> type, String target, Answer answer) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    return target;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    break;
            }
            calls.add(new Call(target, method.getName(), args == null ? List.of() : java.util.Arrays.asList(args)));
            Object result = answer.answer(method.getName(), args);
            return result != null ? result : defaultValue(method.getReturnType());
        });
        return type.cast(proxy);
    }

    private static final Map<Class<?>, Object> PRIMITIVE_DEFAULTS = Map.of(boolean.class, false, int.class, 0,
            long.class, 0L, byte.class, (byte) 0, short.class, (short) 0, float.class, 0f, double.class, 0d,
            char.class, '\0');

    private static Object defaultValue(Class<?> type) {
        return type.isPrimitive() ? PRIMITIVE_DEFAULTS.get(type) : null;
    }
}
