package se.ixbi.processes.audit;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import se.ixbi.processes.console.ConsolePage;

/**
 * The auditors' page: the audit trail searched by case, user, action and days, exported as CSV or JSON, and the
 * chain's verification in plain words. Reading only: nothing here changes anything.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('auditor', 'coordinator')")
class AuditPage {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final AuditSearch search;
    private final AuditTrail trail;

    AuditPage(AuditSearch search, AuditTrail trail) {
        this.search = search;
        this.trail = trail;
    }

    /** The days of the form, both inclusive, as people pick them (UTC days). */
    record Days(LocalDate from, LocalDate to) {

        AuditSearch.Filter filter(String caseId, String actor, String action) {
            return new AuditSearch.Filter(caseId, actor, action,
                    from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    @GetMapping("/audit")
    String page(@RequestParam(required = false) String caseId, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        AuditSearch.Filter filter = new Days(from, to).filter(caseId, actor, action);
        model.addAttribute("filter", filter);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("found", search.find(filter, AuditSearch.PAGE_LIMIT));
        model.addAttribute("limit", AuditSearch.PAGE_LIMIT);
        model.addAttribute("chain", trail.verify());
        return "audit/audit";
    }

    /** The history of the case named in the form: its page, which records the read. */
    @GetMapping("/audit/case")
    String caseHistory(@RequestParam String caseId) {
        return "redirect:/cases/" + UriUtils.encodePathSegment(caseId.strip(), StandardCharsets.UTF_8);
    }

    @GetMapping(path = "/audit/trail.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String caseId,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Principal reader) {
        List<AuditEvent> events = search.export(new Days(from, to).filter(caseId, actor, action), "csv",
                reader.getName());
        StringBuilder csv = new StringBuilder("seq,occurred_at,actor,action,case_id,detail,previous_hash,hash\r\n");
        for (AuditEvent e : events) {
            csv.append(e.getSeq()).append(',').append(e.getOccurredAt()).append(',').append(field(e.getActor()))
                    .append(',').append(field(e.getAction())).append(',').append(field(e.getCaseId())).append(',')
                    .append(field(e.getDetail())).append(',').append(e.getPreviousHash()).append(',')
                    .append(e.getHash()).append("\r\n");
        }
        return download(csv.toString(), new MediaType("text", "csv", StandardCharsets.UTF_8),
                "audit-trail.csv");
    }

    @GetMapping(path = "/audit/trail.json")
    ResponseEntity<String> json(@RequestParam(required = false) String caseId,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Principal reader) throws JsonProcessingException {
        List<AuditEvent> events = search.export(new Days(from, to).filter(caseId, actor, action), "json",
                reader.getName());
        return download(JSON.writeValueAsString(events), MediaType.APPLICATION_JSON, "audit-trail.json");
    }

    private static ResponseEntity<String> download(String body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

    private static String field(String value) {
        return CsvField.of(value);
    }
}
