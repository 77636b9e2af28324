package se.ixbi.processes.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.ixbi.processes.CaseDriver;
import se.ixbi.processes.IxbiTest;
import se.ixbi.processes.audit.AuditTrail;

/** What the workers wait for, hold and failed, and an operator's retry of a failure. */
@IxbiTest
class WorkQueueTest {

    @Autowired
    CaseDriver driver;
    @Autowired
    WorkQueue queue;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    AuditTrail trail;

    @Test
    void aTopicShowsWhatWaitsWhatIsHeldWithProgressAndWhatFailed() {
        String waiting = atReconstruction();
        String held = atReconstruction();
        String failed = atReconstruction();
        int waitingBefore = topic("xray.reconstruct").waiting();
        LockedExternalTask locked = driver.fetch(held, "xray.reconstruct");
        runtime.setVariables(locked.getProcessInstanceId(), Map.of("workProgressTopic", "xray.reconstruct",
                "workProgressPercent", 55, "workProgressStep", "back-projecting"));
        driver.fail(failed, "xray.reconstruct", "CUDA out of memory");

        WorkQueue.TopicQueue reconstruct = topic("xray.reconstruct");
        assertThat(reconstruct.waiting()).isEqualTo(waitingBefore - 2);
        WorkQueue.Held holding = reconstruct.held().stream().filter(h -> held.equals(h.caseId())).findFirst()
                .orElseThrow();
        assertThat(holding.workerId()).isEqualTo(locked.getWorkerId());
        assertThat(holding.percent()).isEqualTo(55);
        assertThat(holding.step()).isEqualTo("back-projecting");
        assertThat(holding.lockedUntil()).isAfter(new java.util.Date());
        assertThat(reconstruct.failed()).isGreaterThanOrEqualTo(1);
        assertThat(waiting).isNotBlank();

        WorkQueue.OpenIncident incident = queue.incidents().stream().filter(i -> failed.equals(i.caseId()))
                .findFirst().orElseThrow();
        assertThat(incident.message()).isEqualTo("CUDA out of memory");
        assertThat(incident.activity()).isEqualTo("Reconstruct volume");
        assertThat(incident.retryable()).isTrue();
    }

    @Test
    void aRetryGivesTheTaskBackToTheWorkersAndIsAudited() {
        String caseId = atReconstruction();
        driver.fail(caseId, "xray.reconstruct", "node lost");
        WorkQueue.OpenIncident incident = queue.incidents().stream().filter(i -> caseId.equals(i.caseId()))
                .findFirst().orElseThrow();

        assertThat(queue.retry(incident.id(), "operator")).contains(incident);

        assertThat(queue.incidents()).noneMatch(i -> caseId.equals(i.caseId()));
        assertThat(externalTasks.createExternalTaskQuery().topicName("xray.reconstruct").list().stream()
                .filter(t -> caseId.equals(t.getBusinessKey())).findFirst().orElseThrow().getRetries()).isEqualTo(1);
        assertThat(trail.latest(50)).anyMatch(e -> e.getAction().equals("INCIDENT_RETRIED")
                && caseId.equals(e.getCaseId()) && e.getActor().equals("operator")
                && e.getDetail().contains("node lost"));
        // a second retry of the same incident finds it resolved
        assertThat(queue.retry(incident.id(), "operator")).isEmpty();
    }

    private String atReconstruction() {
        String caseId = driver.register(1.0);
        driver.toReconstruction(caseId);
        return caseId;
    }

    private WorkQueue.TopicQueue topic(String name) {
        return queue.topics().stream().filter(t -> t.topic().equals(name)).findFirst().orElseThrow();
    }
}
