package io.natsjms.server.chaos;

import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.natsjms.protocol.pb.MsgProto;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Listens to every delivery inbox ({@code _INBOX.<token>}, where the official client subscribes) and
 * checks what the official client cannot show: a message flagged redelivered carries a redelivery
 * count of at least 1, a first delivery carries none, and the count of a sequence sent again to the
 * same inbox grows while the server runs.
 */
final class WireTap implements AutoCloseable {

    private record Sent(int restartEpoch, int count) {
    }

    private final Model model;
    private final Set<String> channels;
    private final Connection connection;
    private final Map<String, Sent> lastCount = new HashMap<>();
    private long deliveries;
    private long redeliveries;

    WireTap(String natsUrl, Model model, Set<String> channels) throws Exception {
        this.model = model;
        this.channels = channels;
        this.connection = Nats.connect(new io.nats.client.Options.Builder().server(natsUrl).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(50)).build());
        Dispatcher dispatcher = connection.createDispatcher(this::onMessage);
        dispatcher.subscribe("_INBOX.*");
        connection.flush(Duration.ofSeconds(5));
    }

    private void onMessage(Message message) {
        MsgProto msg;
        try {
            msg = MsgProto.parseFrom(message.getData());
        } catch (InvalidProtocolBufferException e) {
            return;
        }
        if (msg.getSequence() <= 0 || !channels.contains(msg.getSubject())) {
            return;
        }
        synchronized (this) {
            deliveries++;
            String where = msg.getSubject() + " seq " + msg.getSequence() + " to " + message.getSubject();
            if (msg.getRedelivered() != msg.getRedeliveryCount() > 0) {
                model.violations.add(where + ": redelivered=" + msg.getRedelivered() + " with redeliveryCount "
                        + msg.getRedeliveryCount());
            }
            if (!msg.getRedelivered()) {
                return;
            }
            redeliveries++;
            int epoch = model.restartEpoch();
            Sent before = lastCount.put(message.getSubject() + "/" + msg.getSequence(),
                    new Sent(epoch, msg.getRedeliveryCount()));
            if (before != null && before.restartEpoch == epoch && before.count >= msg.getRedeliveryCount()) {
                model.violations.add(where + ": redeliveryCount " + msg.getRedeliveryCount() + " after "
                        + before.count);
            }
        }
    }

    synchronized String summary() {
        return deliveries + " deliveries seen on the wire, " + redeliveries + " of them redeliveries";
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
