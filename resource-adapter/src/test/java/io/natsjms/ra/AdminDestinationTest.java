package io.natsjms.ra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminDestinationTest {

    @Test
    void channelAndNameAreOneProperty() {
        NatsTopic topic = new NatsTopic();
        topic.setChannel("orders?startPosition=first");
        assertThat(topic.getTopicName()).isEqualTo("orders?startPosition=first");
        assertThat(topic.getName()).isEqualTo("orders?startPosition=first");

        NatsQueue queue = new NatsQueue();
        queue.setName("work");
        assertThat(queue.getChannel()).isEqualTo("work");
        assertThat(queue.getQueueName()).isEqualTo("work");
        queue.setChannel("jobs");
        assertThat(queue.getQueueName()).isEqualTo("jobs");
    }
}
