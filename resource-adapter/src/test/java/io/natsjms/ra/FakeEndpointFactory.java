package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.transaction.xa.XAResource;

/**
 * A message-driven bean as the container presents it to the adapter: endpoints that record each delivery and
 * run a settable behaviour. A transacted factory begins a container transaction in beforeDelivery, enlisting
 * the XAResource the endpoint was created with, and ends it in afterDelivery, rolled back when onMessage
 * threw or the behaviour marked it rollback-only, as container-managed transactions do.
 */
final class FakeEndpointFactory implements MessageEndpointFactory {

    /** What the bean does with a message; an exception is the bean's failure. */
    @FunctionalInterface
    interface Behaviour {
        void onMessage(Message message) throws Exception;
    }

    /** One call of onMessage. */
    record Delivery(String text, int deliveryCount, boolean redelivered, String thread, int endpoint, Message message) {
    }

    private final FakeTransactions transactions;
    private final AtomicInteger endpoints = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger beforeDeliveries = new java.util.concurrent.atomic.AtomicInteger();
    /** The XAResource of each endpoint created (null entries for none). */
    private final List<XAResource> xaResources = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile Behaviour behaviour = message -> { };
    /** Roll back a delivery transaction in which onMessage did not run (as Open Liberty does). */
    private volatile boolean rollBackWithoutOnMessage;

    /** @param transactions the container transactions to run deliveries in, or null for none */
    FakeEndpointFactory(FakeTransactions transactions) {
        this.transactions = transactions;
    }

    void behave(Behaviour value) {
        behaviour = value;
    }

    /** From now on, a transaction whose delivery ran no onMessage rolls back, as Open Liberty's do. */
    void rollBackWithoutOnMessage() {
        rollBackWithoutOnMessage = true;
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** The texts delivered, in delivery order (redeliveries included). */
    List<String> texts() {
        return deliveries.stream().map(Delivery::text).collect(Collectors.toList());
    }

    /** The JMSXDeliveryCount of each delivery, in delivery order. */
    List<Integer> deliveryCounts() {
        return deliveries.stream().map(Delivery::deliveryCount).collect(Collectors.toList());
    }

    int endpointsCreated() {
        return endpoints.get();
    }

    int endpointsReleased() {
        return released.get();
    }

    /** The XAResource each endpoint was created with, null where none. */
    List<XAResource> xaResources() {
        synchronized (xaResources) {
            return new java.util.ArrayList<>(xaResources);
        }
    }

    /** Calls that broke the before/on/after protocol (should stay empty). */
    /** How many times the adapter called beforeDelivery (each a container transaction, when transacted). */
    int beforeDeliveries() {
        return beforeDeliveries.get();
    }

    List<String> protocolErrors() {
        return protocolErrors;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
        if (transactions != null && xaResource == null) {
            protocolErrors.add("a transacted endpoint was created without an XAResource");
        }
        xaResources.add(xaResource);
        return new Endpoint(endpoints.incrementAndGet(), xaResource);
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return transactions != null;
    }

    @Override
    public String getActivationName() {
        return "fake-mdb";
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    /** One endpoint instance; the adapter uses it from one thread at a time. */
    final class Endpoint implements MessageEndpoint, MessageListener {

        private final int id;
        private final XAResource xaResource;
        private boolean inDelivery;
        private boolean calledOnMessage;
        private boolean released;

        Endpoint(int id, XAResource xaResource) {
            this.id = id;
            this.xaResource = xaResource;
        }

        @Override
        public void beforeDelivery(Method method) {
            if (inDelivery || released || !EndpointDelivery.ON_MESSAGE.equals(method)) {
                protocolErrors.add("beforeDelivery(" + method + ") on endpoint " + id + " in delivery " + inDelivery
                        + ", released " + released);
            }
            beforeDeliveries.incrementAndGet();
            inDelivery = true;
            calledOnMessage = false;
            if (transactions != null) {
                transactions.begin();
                if (xaResource != null) {
                    try {
                        transactions.enlist(xaResource);
                    } catch (javax.transaction.xa.XAException e) {
                        transactions.rollback();
                        inDelivery = false;
                        throw new IllegalStateException("enlisting " + xaResource + " failed", e);
                    }
                }
            }
        }

        @Override
        public void onMessage(Message message) {
            if (!inDelivery) {
                protocolErrors.add("onMessage without beforeDelivery on endpoint " + id);
            }
            calledOnMessage = true;
            deliveries.add(new Delivery(text(message), count(message), redelivered(message),
                    Thread.currentThread().getName(), id, message));
            try {
                behaviour.onMessage(message);
            } catch (Exception e) {
                if (transactions != null) {
                    transactions.setRollbackOnly();
                }
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        }

        @Override
        public void afterDelivery() {
            if (!inDelivery) {
                protocolErrors.add("afterDelivery without beforeDelivery on endpoint " + id);
            }
            inDelivery = false;
            if (transactions != null) {
                if (rollBackWithoutOnMessage && !calledOnMessage) {
                    transactions.setRollbackOnly();
                }
                transactions.commit();
            }
        }

        @Override
        public void release() {
            if (inDelivery) {
                protocolErrors.add("release during a delivery on endpoint " + id);
            }
            released = true;
            FakeEndpointFactory.this.released.incrementAndGet();
        }
    }

    private static String text(Message message) {
        try {
            return message instanceof TextMessage text ? text.getText() : message.toString();
        } catch (JMSException e) {
            return "unreadable: " + e;
        }
    }

    private static int count(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            return -1;
        }
    }

    private static boolean redelivered(Message message) {
        try {
            return message.getJMSRedelivered();
        } catch (JMSException e) {
            return false;
        }
    }
}
