package se.ixbi.processes.cases;

import java.time.Instant;

record CaseSummary(String id, String useCase, String pseudonym, CaseStatus status, CaseStage stage,
        String processInstanceId, Instant createdAt, Instant updatedAt) {

    static CaseSummary of(Case c) {
        return new CaseSummary(c.getId(), c.getUseCase(), c.getPseudonym(), c.getStatus(), c.getStage(),
                c.getProcessInstanceId(), c.getCreatedAt(), c.getUpdatedAt());
    }
}
