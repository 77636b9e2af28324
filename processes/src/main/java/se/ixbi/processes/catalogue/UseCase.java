package se.ixbi.processes.catalogue;

import java.util.List;

/** A pathology use case: what a case studies, and the services it needs (by id). */
public record UseCase(String id, String name, List<String> services) {

    public UseCase {
        services = services == null ? List.of() : List.copyOf(services);
    }
}
