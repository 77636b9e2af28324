package se.ixbi.workers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.objenesis.ObjenesisStd;

/**
 * The workers and the models meet only through topic names: every topic in the BPMN files has a handler here or
 * is listed in {@code docs/topics.md} as the FHIR bridge's, and every handler serves a topic of the models.
 */
class TopicContractTest {

    private static final Path MODELS = Path.of("..", "processes", "src", "main", "resources", "bpmn");
    private static final Path TOPICS_DOC = Path.of("..", "docs", "topics.md");

    @Test
    void everyModelTopicHasAHandlerHereOrInTheFhirBridgeAndEveryHandlerATopic() throws IOException {
        Set<String> modelTopics = modelTopics();
        Set<String> handled = handlerTopics();
        Set<String> bridge = bridgeTopics();

        assertThat(modelTopics).as("topics in the models").hasSizeGreaterThan(10);
        assertThat(handled).as("handlers without a topic in the models").isSubsetOf(modelTopics);
        assertThat(bridge).as("FHIR bridge topics that are not in the models").isSubsetOf(modelTopics);
        assertThat(bridge).as("topics of the FHIR bridge handled here too").doesNotContainAnyElementsOf(handled);
        Set<String> uncovered = new TreeSet<>(modelTopics);
        uncovered.removeAll(handled);
        uncovered.removeAll(bridge);
        assertThat(uncovered).as("model topics with neither a handler here nor in the FHIR bridge").isEmpty();
        assertThat(handled).contains("data.verify", "xray.reconstruct", "xray.qc", "data.quarantine", "data.publish");
    }

    private static Set<String> modelTopics() throws IOException {
        Pattern topic = Pattern.compile("camunda:topic=\"([^\"]+)\"");
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> files = Files.list(MODELS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Matcher m = topic.matcher(Files.readString(file));
                while (m.find()) {
                    topics.add(m.group(1));
                }
            }
        }
        return topics;
    }

    private static Set<String> handlerTopics() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(TopicHandler.class));
        ObjenesisStd objenesis = new ObjenesisStd();
        return scanner.findCandidateComponents("se.ixbi.workers").stream()
                .map(definition -> {
                    try {
                        // topic() is a constant: no need to build the handler's collaborators
                        Class<?> type = Class.forName(definition.getBeanClassName());
                        return ((TopicHandler) objenesis.newInstance(type)).topic();
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> bridgeTopics() throws IOException {
        String line = Files.readAllLines(TOPICS_DOC).stream().filter(l -> l.startsWith("FHIR bridge:")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/topics.md has no 'FHIR bridge:' line"));
        Matcher m = Pattern.compile("`([a-z]+\\.[a-z-]+)`").matcher(line);
        Set<String> topics = new TreeSet<>();
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }
}
