package se.ixbi.processes.history;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "history")
class CaseHistoryController {

    private final CaseHistory history;

    CaseHistoryController(CaseHistory history) {
        this.history = history;
    }

    @GetMapping(path = "/api/cases/{caseId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('auditor', 'coordinator')")
    @Operation(summary = "Everything that happened to a case, in time order: tasks with who claimed and completed "
            + "them, decisions with inputs and outputs, BPMN errors, incidents, messages, the workers' tasks, consent, "
            + "custody and datasets; as JSON, or CSV with Accept: text/csv. Each read is recorded in the audit trail")
    List<HistoryEntry> json(@PathVariable String caseId, Principal reader) {
        return history.read(caseId, reader.getName(), "json");
    }

    @GetMapping(path = "/api/cases/{caseId}/history", produces = "text/csv")
    @PreAuthorize("hasAnyRole('auditor', 'coordinator')")
    ResponseEntity<String> csv(@PathVariable String caseId, Principal reader) {
        String body = HistoryCsv.write(history.read(caseId, reader.getName(), "csv"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + caseId + "-history.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(body);
    }
}
