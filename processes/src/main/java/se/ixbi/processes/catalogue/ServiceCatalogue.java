package se.ixbi.processes.catalogue;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import se.ixbi.processes.cases.CaseStage;
import se.ixbi.processes.cases.KnownUseCases;

/**
 * The services the cluster offers and the use cases that combine them (see {@code catalogue/services.yml}); the
 * board's SLA clocks and the statistics' targets come from here, not from constants in code.
 */
public final class ServiceCatalogue implements KnownUseCases {

    private final List<ServiceOffer> services;
    private final List<UseCase> useCases;
    private final Map<String, ServiceOffer> servicesById;
    private final Map<String, UseCase> useCasesById;

    /** @throws IllegalArgumentException naming the first mistake: a duplicate id, an unknown service, no target */
    public ServiceCatalogue(List<ServiceOffer> services, List<UseCase> useCases) {
        this.services = List.copyOf(services);
        this.useCases = List.copyOf(useCases);
        this.servicesById = byId(this.services, ServiceOffer::id, "service");
        this.useCasesById = byId(this.useCases, UseCase::id, "use case");
        for (ServiceOffer s : this.services) {
            require(s.name() != null && !s.name().isBlank(), "service " + s.id() + " has no name");
            require(!s.accessModes().isEmpty(), "service " + s.id() + " names no access mode");
            require(!s.turnaround().isEmpty(), "service " + s.id() + " names no stage with a turnaround target");
            s.turnaround().forEach((stage, target) -> require(target != null && !target.isNegative()
                    && !target.isZero(), "service " + s.id() + " has no positive turnaround target for " + stage));
            require(s.capacityPerWeek() >= 0, "service " + s.id() + " has a negative capacity");
            require(s.readiness() != null, "service " + s.id() + " has no readiness");
        }
        for (UseCase u : this.useCases) {
            require(!u.services().isEmpty(), "use case " + u.id() + " needs no service");
            for (String service : u.services()) {
                require(servicesById.containsKey(service), "use case " + u.id() + " needs the service " + service
                        + ", which the catalogue does not offer");
            }
        }
    }

    public List<ServiceOffer> services() {
        return services;
    }

    public List<UseCase> useCases() {
        return useCases;
    }

    @Override
    public List<String> ids() {
        return useCases.stream().map(UseCase::id).toList();
    }

    @Override
    public String name(String id) {
        return useCase(id).map(UseCase::name).filter(n -> n != null && !n.isBlank()).orElse(id);
    }

    public Optional<UseCase> useCase(String id) {
        return Optional.ofNullable(useCasesById.get(id));
    }

    /**
     * The target for a case of this use case in this stage: the longest of its services' targets for the stage
     * (services that share a stage run in parallel), or none when no service of it names the stage.
     */
    public Optional<Duration> target(String useCase, CaseStage stage) {
        return useCase(useCase).stream().flatMap(u -> u.services().stream()).map(servicesById::get)
                .map(s -> s.turnaround().get(stage)).filter(t -> t != null).max(Comparator.naturalOrder());
    }

    /** Per stage, the longest target any service names for it: the figure the stage statistics show. */
    public Map<CaseStage, Duration> stageTargets() {
        Map<CaseStage, Duration> targets = new LinkedHashMap<>();
        for (CaseStage stage : CaseStage.values()) {
            services.stream().map(s -> s.turnaround().get(stage)).filter(t -> t != null)
                    .max(Comparator.naturalOrder()).ifPresent(t -> targets.put(stage, t));
        }
        return targets;
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id, String kind) {
        Map<String, T> found = new LinkedHashMap<>();
        for (T item : items) {
            String key = id.apply(item);
            require(key != null && key.matches("[a-z0-9][a-z0-9-]{1,63}"),
                    "a " + kind + " id must be 2-64 lower-case letters, digits or dashes: " + key);
            require(found.put(key, item) == null, "two of the catalogue's " + kind + "s have the id " + key);
        }
        return Map.copyOf(found);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public String toString() {
        return services.stream().map(ServiceOffer::id).collect(Collectors.joining(", ", "services [", "]"));
    }
}
