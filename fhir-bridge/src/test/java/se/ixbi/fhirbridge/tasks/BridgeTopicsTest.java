package se.ixbi.fhirbridge.tasks;

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
 * The bridge and the models meet only through topic names: every {@code fhir.*} topic of the BPMN files has a task
 * here, every task serves one, and {@code docs/topics.md} names them on its "FHIR bridge:" line.
 */
class BridgeTopicsTest {

    private static final Path MODELS = Path.of("..", "processes", "src", "main", "resources", "bpmn");
    private static final Path TOPICS_DOC = Path.of("..", "docs", "topics.md");

    @Test
    void everyFhirTopicOfTheModelsHasATaskHereAndTheDocsNameThem() throws IOException {
        Set<String> models = modelTopics().stream().filter(t -> t.startsWith("fhir."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(models).containsExactly("fhir.consent", "fhir.procedure", "fhir.report");
        assertThat(taskTopics()).isEqualTo(models);
        assertThat(documented()).isEqualTo(models);
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

    private static Set<String> taskTopics() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ClinicalRecordTask.class));
        ObjenesisStd objenesis = new ObjenesisStd();
        return scanner.findCandidateComponents("se.ixbi.fhirbridge").stream()
                .map(definition -> {
                    try {
                        // topic() is a constant: no need to build the task's collaborators
                        return ((ClinicalRecordTask) objenesis.newInstance(Class.forName(definition
                                .getBeanClassName()))).topic();
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> documented() throws IOException {
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
