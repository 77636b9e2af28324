package se.ixbi.processes.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.springframework.stereotype.Component;

/**
 * Why BPMN errors were raised: the message the thrower gave, which the catching event's
 * {@code camunda:errorMessageVariable} holds. A second error of the same kind sets the variable again, so the n-th
 * catch reads the variable's n-th value from its update history (only the catching events write these variables).
 */
@Component
class ErrorReasons {

    private final RepositoryService repository;
    private final HistoryService history;

    ErrorReasons(RepositoryService repository, HistoryService history) {
        this.repository = repository;
        this.history = history;
    }

    /** @param caught the error events caught in one process instance; @return the reason of each that has one */
    Map<String, String> byActivityInstance(List<HistoricActivityInstance> caught) {
        Map<String, List<HistoricActivityInstance>> byVariable = new LinkedHashMap<>();
        caught.stream().sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
                .forEach(event -> messageVariable(event).ifPresent(variable -> byVariable
                        .computeIfAbsent(variable, v -> new ArrayList<>()).add(event)));
        Map<String, String> reasons = new HashMap<>();
        byVariable.forEach((variable, events) -> {
            List<String> values = values(events.get(0).getProcessInstanceId(), variable);
            for (int i = 0; i < Math.min(events.size(), values.size()); i++) {
                reasons.put(events.get(i).getId(), values.get(i));
            }
        });
        return reasons;
    }

    private Optional<String> messageVariable(HistoricActivityInstance caught) {
        if (!(repository.getBpmnModelInstance(caught.getProcessDefinitionId())
                .getModelElementById(caught.getActivityId()) instanceof Event event)) {
            return Optional.empty();
        }
        return event.getChildElementsByType(ErrorEventDefinition.class).stream()
                .map(ErrorEventDefinition::getCamundaErrorMessageVariable).filter(v -> v != null && !v.isBlank())
                .findFirst();
    }

    /** Every value the variable had, in the order it was set. */
    private List<String> values(String processInstanceId, String variable) {
        List<String> values = new ArrayList<>();
        for (HistoricVariableInstance instance : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(variable).list()) {
            history.createHistoricDetailQuery().variableInstanceId(instance.getId()).variableUpdates().list()
                    .stream().map(HistoricVariableUpdate.class::cast)
                    .sorted(Comparator.comparing(HistoricVariableUpdate::getRevision))
                    .forEach(update -> values.add(String.valueOf(update.getValue())));
        }
        return values;
    }
}
