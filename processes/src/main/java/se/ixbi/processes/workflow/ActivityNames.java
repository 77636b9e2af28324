package se.ixbi.processes.workflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/** The names the models give their activities, read once per process definition. */
@Component
public class ActivityNames {

    private final RepositoryService repository;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public ActivityNames(RepositoryService repository) {
        this.repository = repository;
    }

    /** The activity's name in its model, or its id when the model gives none. */
    public String of(String processDefinitionId, String activityId) {
        if (processDefinitionId == null || activityId == null) {
            return activityId;
        }
        return names.computeIfAbsent(processDefinitionId + "#" + activityId, key -> {
            FlowElement element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
            return element != null && element.getName() != null ? element.getName().strip() : activityId;
        });
    }
}
