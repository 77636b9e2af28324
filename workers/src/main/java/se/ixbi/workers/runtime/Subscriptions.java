package se.ixbi.workers.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.client.ExternalTaskClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Opens a subscription for each configured topic; a topic with no handler stops the start with its name. */
@Component
class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final ExternalTaskClient client;
    private final TaskRunner runner;
    private final WorkerProperties properties;
    private final Map<String, TopicHandler> handlers;

    Subscriptions(ExternalTaskClient client, TaskRunner runner, WorkerProperties properties,
            List<TopicHandler> handlers) {
        this.client = client;
        this.runner = runner;
        this.properties = properties;
        this.handlers = handlers.stream()
                .collect(Collectors.toMap(TopicHandler::topic, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("two handlers for topic " + a.topic());
                }, TreeMap::new));
    }

    Set<String> topics() {
        Set<String> wanted = properties.topics().isEmpty() ? handlers.keySet()
                : new LinkedHashSet<>(properties.topics().stream().map(String::trim).toList());
        for (String topic : wanted) {
            if (!handlers.containsKey(topic)) {
                throw new IllegalStateException("ixbi.workers.topics names " + topic
                        + ", which this worker has no handler for; it handles " + handlers.keySet());
            }
        }
        return wanted;
    }

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        Set<String> topics = topics();
        for (String topic : topics) {
            client.subscribe(topic)
                    .lockDuration(properties.lockDuration().toMillis())
                    .handler(runner.handlerFor(handlers.get(topic)))
                    .open();
        }
        log.info("subscribed to {} with {} task(s) at a time", topics, properties.concurrency());
    }
}
