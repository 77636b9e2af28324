package se.ixbi.processes.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads every deployed model and form and checks the contracts around them: the topic table in
 * {@code docs/topics.md}, the forms of user tasks, and the names in {@link ProcessConstants}.
 */
class ModelContractTest {

    private static final Path TOPICS_TABLE = Path.of("..", "docs", "topics.md");
    private static final Pattern TOPIC_ROW = Pattern.compile("^\\|\\s*`([a-z.-]+)`\\s*\\|(.+)$", Pattern.MULTILINE);

    static Map<String, BpmnModelInstance> models = new TreeMap<>();
    static Map<String, JsonNode> forms = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        for (Resource r : resolver.getResources("classpath*:bpmn/*.bpmn")) {
            try (InputStream in = r.getInputStream()) {
                models.put(r.getFilename(), Bpmn.readModelFromStream(in));
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (Resource r : resolver.getResources("classpath*:forms/*.form")) {
            try (InputStream in = r.getInputStream()) {
                forms.put(r.getFilename(), json.readTree(in));
            }
        }
        assertThat(models).hasSize(7);
        assertThat(forms).isNotEmpty();
    }

    private static <T extends org.camunda.bpm.model.bpmn.instance.BaseElement> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        models.values().forEach(m -> found.addAll(m.getModelElementsByType(type)));
        return found;
    }

    static Set<String> modelTopics() {
        return all(ServiceTask.class).stream()
                .filter(t -> "external".equals(t.getCamundaType()))
                .map(ServiceTask::getCamundaTopic)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyTopicIsDocumentedWithInputsOutputsAndErrorsAndEveryDocumentedTopicExists() throws IOException {
        String table = Files.readString(TOPICS_TABLE);
        Map<String, String[]> rows = new TreeMap<>();
        Matcher m = TOPIC_ROW.matcher(table);
        while (m.find()) {
            rows.put(m.group(1), m.group(2).split("\\|"));
        }
        assertThat(rows.keySet()).as("topics in docs/topics.md").isEqualTo(modelTopics());
        rows.forEach((topic, cells) -> assertThat(cells).as("columns of %s: activity, inputs, outputs, errors", topic)
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(cell -> assertThat(cell).isNotBlank()));
    }

    @Test
    void topicsFollowTheStageVerbNamingOfTheArchitecture() {
        assertThat(modelTopics()).allMatch(t -> t.matches("(data|xray|analysis|vem|registration|omics|fhir)\\.[a-z-]+"));
    }

    @Test
    void everyUserTaskHasACandidateGroupAndADeployedForm() {
        List<UserTask> userTasks = all(UserTask.class);
        assertThat(userTasks).hasSizeGreaterThanOrEqualTo(13).allSatisfy(t -> {
            assertThat(t.getCamundaCandidateGroups()).as("candidate group of %s", t.getId())
                    .isIn("clinician", "coordinator", "operator");
            assertThat(t.getCamundaFormRefBinding()).as("form binding of %s", t.getId()).isEqualTo("deployment");
            assertThat(forms).as("form of %s", t.getId()).containsKey(t.getCamundaFormRef() + ".form");
        });
        Set<String> referenced = userTasks.stream().map(t -> t.getCamundaFormRef() + ".form").collect(Collectors.toSet());
        assertThat(forms.keySet()).as("forms no task uses").isSubsetOf(referenced);
    }

    @Test
    void everyFormIdMatchesItsFileAndEveryInputIsValidated() {
        forms.forEach((file, form) -> {
            assertThat(form.path("id").asText() + ".form").isEqualTo(file);
            for (JsonNode c : form.path("components")) {
                String type = c.path("type").asText();
                if (Set.of("textfield", "textarea", "number", "select", "radio", "datetime").contains(type)) {
                    assertThat(c.path("validate").path("required").isBoolean())
                            .as("%s field %s states whether it is required", file, c.path("key").asText()).isTrue();
                }
                if (type.equals("number")) {
                    assertThat(c.path("validate").has("min") && c.path("validate").has("max"))
                            .as("%s number %s has a range", file, c.path("key").asText()).isTrue();
                }
            }
        });
    }

    @Test
    void everyProcessKeyAndMessageInProcessConstantsExistsInTheModels() throws IllegalAccessException {
        Set<String> processKeys = all(Process.class).stream().map(Process::getId).collect(Collectors.toSet());
        Set<String> messages = all(Message.class).stream().map(Message::getName).collect(Collectors.toSet());
        for (Field f : ProcessConstants.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
                continue;
            }
            String value = (String) f.get(null);
            if (f.getName().endsWith("_PROCESS")) {
                assertThat(processKeys).contains(value);
            } else if (f.getName().startsWith("MSG_")) {
                assertThat(messages).contains(value);
            }
        }
        assertThat(processKeys).hasSize(7);
    }

    @Test
    void everyModelDeclaresAHistoryTimeToLive() {
        Collection<Process> processes = all(Process.class);
        assertThat(processes).allSatisfy(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).isNotBlank());
    }
}
