package se.ixbi.processes.statistics;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.Cases;
import se.ixbi.processes.catalogue.ServiceCatalogue;

/**
 * Turnaround per stage from the engine's history: a stage is a call activity of the case process (volume EM and
 * spatial omics are two, side by side, in one stage: it lasts from the first start to the last end). Read with a
 * fixed number of queries over the window, not case by case.
 */
@Service
public class StageStatistics {

    static final int WINDOW_DAYS = 30;
    static final int WEEKS = 12;
    static final String CASE_PROCESS = "ixbi-case";
    /** The case model's call activities and the stage each carries out. */
    static final Map<String, CaseStage> STAGE_OF = Map.of(
            "CallActivity_Consent", CaseStage.CONSENT,
            "CallActivity_Biopsy", CaseStage.BIOPSY,
            "CallActivity_Xray", CaseStage.XRAY,
            "CallActivity_Vem", CaseStage.CORRELATIVE,
            "CallActivity_Omics", CaseStage.CORRELATIVE,
            "CallActivity_Analysis", CaseStage.ANALYSIS);
    private static final List<CaseStage> PIPELINE = List.of(CaseStage.REGISTERED, CaseStage.CONSENT,
            CaseStage.BIOPSY, CaseStage.XRAY, CaseStage.CORRELATIVE, CaseStage.ANALYSIS);

    private final HistoryService history;
    private final Cases cases;
    private final ServiceCatalogue catalogue;
    private final Clock clock;

    StageStatistics(HistoryService history, Cases cases, ServiceCatalogue catalogue, Clock clock) {
        this.history = history;
        this.cases = cases;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** One case's time in one stage: from its first call activity's start to its last one's end. */
    private record Visit(String processInstanceId, CaseStage stage, Instant start, Instant end) {

        Duration duration() {
            return Duration.between(start, end);
        }
    }

    /** @param useCase only the cases of this use case, or all for null */
    public StatisticsReport read(String useCase) {
        Instant now = clock.instant();
        Date since = Date.from(now.minus(Duration.ofDays(WINDOW_DAYS)));
        List<Visit> all = finishedVisits(since);
        Map<String, String> useCaseOf = useCases(all);
        List<Visit> visits = useCase == null ? all
                : all.stream().filter(v -> useCase.equals(useCaseOf.get(v.processInstanceId()))).toList();
        Map<CaseStage, Long> inStageNow = cases.activeByStage(useCase);
        Map<CaseStage, Duration> targets = catalogue.stageTargets();
        List<StageFigures> stages = new ArrayList<>();
        for (CaseStage stage : PIPELINE) {
            List<Visit> ofStage = visits.stream().filter(v -> v.stage() == stage).toList();
            List<Duration> durations = ofStage.stream().map(Visit::duration).sorted().toList();
            Double onTime = ofStage.isEmpty() ? null : (double) ofStage.stream().filter(v -> catalogue
                    .target(useCaseOf.get(v.processInstanceId()), stage)
                    .map(target -> v.duration().compareTo(target) <= 0).orElse(true)).count() / ofStage.size();
            stages.add(new StageFigures(stage, inStageNow.getOrDefault(stage, 0L).intValue(), ofStage.size(),
                    percentile(durations, 50), percentile(durations, 90), onTime, targets.get(stage)));
        }
        StageFigures bottleneck = stages.stream().filter(s -> s.load() != null)
                .max(Comparator.comparing(StageFigures::load)).orElse(null);
        return new StatisticsReport(WINDOW_DAYS, useCase, stages, bottleneck, finishedPerWeek(now, useCase));
    }

    private List<Visit> finishedVisits(Date since) {
        // a stage with two call activities has ended only when both have
        Set<String> unfinished = new HashSet<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().activityType("callActivity")
                .unfinished().list()) {
            if (STAGE_OF.containsKey(a.getActivityId())) {
                unfinished.add(a.getProcessInstanceId() + "#" + STAGE_OF.get(a.getActivityId()));
            }
        }
        Map<String, Visit> visits = new LinkedHashMap<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().activityType("callActivity")
                .finishedAfter(since).list()) {
            CaseStage stage = STAGE_OF.get(a.getActivityId());
            String key = a.getProcessInstanceId() + "#" + stage;
            if (stage == null || unfinished.contains(key)) {
                continue;
            }
            Visit visit = new Visit(a.getProcessInstanceId(), stage, a.getStartTime().toInstant(),
                    a.getEndTime().toInstant());
            visits.merge(key, visit, (one, other) -> new Visit(one.processInstanceId(), stage,
                    one.start().isBefore(other.start()) ? one.start() : other.start(),
                    one.end().isAfter(other.end()) ? one.end() : other.end()));
        }
        return new ArrayList<>(visits.values());
    }

    /** Each visit's case's use case: one history query for the business keys, one for the cases. */
    private Map<String, String> useCases(List<Visit> visits) {
        Set<String> instanceIds = visits.stream().map(Visit::processInstanceId).collect(Collectors.toSet());
        if (instanceIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> caseOf = new HashMap<>();
        for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery().processInstanceIds(instanceIds)
                .list()) {
            if (p.getBusinessKey() != null) {
                caseOf.put(p.getId(), p.getBusinessKey());
            }
        }
        Map<String, String> useCaseOfCase = cases.useCases(caseOf.values());
        Map<String, String> useCaseOf = new HashMap<>();
        caseOf.forEach((instance, caseId) -> {
            String useCase = useCaseOfCase.get(caseId);
            if (useCase != null) {
                useCaseOf.put(instance, useCase);
            }
        });
        return useCaseOf;
    }

    private List<StatisticsReport.Week> finishedPerWeek(Instant now, String useCase) {
        LocalDate thisWeek = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisWeek.minusWeeks(WEEKS - 1);
        Map<LocalDate, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < WEEKS; i++) {
            counts.put(first.plusWeeks(i), 0);
        }
        Date from = Date.from(first.atStartOfDay(ZoneOffset.UTC).toInstant());
        List<HistoricProcessInstance> finished = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(CASE_PROCESS).finishedAfter(from).list();
        Map<String, String> useCaseOf = useCase == null ? Map.of() : cases.useCases(finished.stream()
                .map(HistoricProcessInstance::getBusinessKey).filter(k -> k != null).toList());
        for (HistoricProcessInstance p : finished) {
            if (useCase != null && !useCase.equals(useCaseOf.get(p.getBusinessKey()))) {
                continue;
            }
            LocalDate week = LocalDate.ofInstant(p.getEndTime().toInstant(), ZoneOffset.UTC)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            counts.computeIfPresent(week, (w, n) -> n + 1);
        }
        return counts.entrySet().stream().map(e -> new StatisticsReport.Week(e.getKey(), e.getValue())).toList();
    }

    /** Nearest-rank percentile of sorted durations, or null for none. */
    static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
