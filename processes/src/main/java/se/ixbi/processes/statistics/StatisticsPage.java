package se.ixbi.processes.statistics;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import se.ixbi.processes.catalogue.ServiceCatalogue;
import se.ixbi.processes.console.ConsolePage;

/** Stage statistics for coordinators and operators: turnaround against the catalogue's targets, the bottleneck. */
@Controller
@ConsolePage
class StatisticsPage {

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StageStatistics statistics;
    private final ServiceCatalogue catalogue;

    StatisticsPage(StageStatistics statistics, ServiceCatalogue catalogue) {
        this.statistics = statistics;
        this.catalogue = catalogue;
    }

    @GetMapping("/statistics")
    @PreAuthorize("hasAnyRole('coordinator', 'operator')")
    String statistics(@RequestParam(required = false) String useCase, Model model) throws JsonProcessingException {
        String known = useCase == null || catalogue.useCase(useCase).isEmpty() ? null : useCase;
        StatisticsReport report = statistics.read(known);
        model.addAttribute("report", report);
        model.addAttribute("useCases", catalogue.useCases());
        // the charts' data; the tables beside them hold the same figures for those who do not see the charts
        model.addAttribute("weeklyChart", JSON.writeValueAsString(Map.of(
                "labels", report.finishedPerWeek().stream().map(w -> WEEK.format(w.start())).toList(),
                "series", List.of(Map.of("name", "Cases finished",
                        "values", report.finishedPerWeek().stream().map(StatisticsReport.Week::cases).toList())))));
        model.addAttribute("turnaroundChart", JSON.writeValueAsString(Map.of(
                "labels", report.stages().stream().map(s -> s.stage().label()).toList(),
                "unit", "days",
                "series", List.of(
                        Map.of("name", "Median", "values", days(report.stages().stream().map(StageFigures::median))),
                        Map.of("name", "90th percentile",
                                "values", days(report.stages().stream().map(StageFigures::p90))),
                        Map.of("name", "Target", "values", days(report.stages().stream().map(StageFigures::target)))))));
        return "statistics/statistics";
    }

    private static List<Double> days(java.util.stream.Stream<Duration> durations) {
        return durations.map(d -> d == null ? null : Math.round(d.toMinutes() / 144.0) / 10.0).toList();
    }
}
