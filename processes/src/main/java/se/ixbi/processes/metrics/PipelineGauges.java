package se.ixbi.processes.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import se.ixbi.processes.board.SlaState;
import se.ixbi.processes.cases.Case;
import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.catalogue.ServiceCatalogue;

/**
 * The pipeline as Prometheus sees it: external tasks per topic (waiting, locked, failed), open incidents, active
 * cases per stage and how many are at risk or late against the catalogue's target. Read every
 * {@code ixbi.metrics.refresh} with a fixed number of count queries, not at each scrape, so that many scrapers and
 * many engine nodes cost the database the same. Every engine node reports the same figures for the whole cluster:
 * dashboards and the autoscaler take {@code max by (topic)}.
 */
@Component
class PipelineGauges {

    private static final List<String> INCIDENT_TYPES = List.of("failedExternalTask", "failedJob");

    private final ExternalTaskService externalTasks;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final Cases cases;
    private final ServiceCatalogue catalogue;
    private final Clock clock;
    private final MultiGauge waiting;
    private final MultiGauge locked;
    private final MultiGauge failed;
    private final MultiGauge incidents;
    private final MultiGauge active;
    private final MultiGauge atRisk;
    private final MultiGauge late;
    private final Set<String> topics = new TreeSet<>();

    PipelineGauges(MeterRegistry registry, ExternalTaskService externalTasks, RuntimeService runtime,
            RepositoryService repository, Cases cases, ServiceCatalogue catalogue, Clock clock) {
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.repository = repository;
        this.cases = cases;
        this.catalogue = catalogue;
        this.clock = clock;
        waiting = gauge(registry, "ixbi.external.tasks.waiting", "external tasks a worker may fetch now");
        locked = gauge(registry, "ixbi.external.tasks.locked", "external tasks a worker holds");
        failed = gauge(registry, "ixbi.external.tasks.failed", "external tasks with no retries left (an incident)");
        incidents = gauge(registry, "ixbi.incidents.open", "open incidents, root causes and their echoes alike");
        active = gauge(registry, "ixbi.cases.active", "active cases per stage");
        atRisk = gauge(registry, "ixbi.cases.at.risk", "active cases past 80 % of their stage's target");
        late = gauge(registry, "ixbi.cases.late", "active cases past their stage's target (SLA breached)");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${ixbi.metrics.refresh:PT15S}")
    void refresh() {
        refreshTasks();
        refreshIncidents();
        refreshCases();
    }

    private void refreshTasks() {
        topics.addAll(modelTopics());
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> lockedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> failedRows = new ArrayList<>();
        for (String topic : topics) {
            Tags tags = Tags.of("topic", topic);
            waitingRows.add(MultiGauge.Row.of(tags, externalTasks.createExternalTaskQuery().topicName(topic)
                    .notLocked().withRetriesLeft().active().count()));
            lockedRows.add(MultiGauge.Row.of(tags, externalTasks.createExternalTaskQuery().topicName(topic)
                    .locked().withRetriesLeft().count()));
            failedRows.add(MultiGauge.Row.of(tags, externalTasks.createExternalTaskQuery().topicName(topic)
                    .noRetriesLeft().count()));
        }
        waiting.register(waitingRows, true);
        locked.register(lockedRows, true);
        failed.register(failedRows, true);
    }

    /** The topics of the deployed models' external service tasks, so that an idle topic reports 0, not nothing. */
    private Set<String> modelTopics() {
        Set<String> found = new TreeSet<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
            for (ServiceTask task : repository.getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(ServiceTask.class)) {
                if ("external".equals(task.getCamundaType()) && task.getCamundaTopic() != null) {
                    found.add(task.getCamundaTopic());
                }
            }
        }
        return found;
    }

    private void refreshIncidents() {
        incidents.register(INCIDENT_TYPES.stream().<MultiGauge.Row<?>>map(type -> MultiGauge.Row.of(
                Tags.of("type", type), runtime.createIncidentQuery().incidentType(type).count())).toList(), true);
    }

    private void refreshCases() {
        Instant now = clock.instant();
        Map<CaseStage, int[]> byStage = new EnumMap<>(CaseStage.class);
        for (CaseStage stage : CaseStage.values()) {
            if (stage != CaseStage.CLOSED) {
                byStage.put(stage, new int[3]);
            }
        }
        for (Case c : cases.active()) {
            int[] counts = byStage.computeIfAbsent(c.getStage(), s -> new int[3]);
            counts[0]++;
            Duration target = catalogue.target(c.getUseCase(), c.getStage()).orElse(null);
            SlaState sla = SlaState.of(Duration.between(c.getStageEnteredAt(), now), target);
            if (sla == SlaState.AT_RISK) {
                counts[1]++;
            } else if (sla == SlaState.LATE) {
                counts[2]++;
            }
        }
        active.register(rows(byStage, 0), true);
        atRisk.register(rows(byStage, 1), true);
        late.register(rows(byStage, 2), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<CaseStage, int[]> byStage, int index) {
        return byStage.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(
                Tags.of("stage", e.getKey().name().toLowerCase()), e.getValue()[index])).toList();
    }
}
