package se.ixbi.processes.cases;

import java.util.List;

/**
 * The use cases a case may be registered for: the service catalogue's, whose services and targets the board
 * measures a case against. A port, so that cases need not know the catalogue (which knows the stages of a case).
 */
public interface KnownUseCases {

    /** Their ids, in the catalogue's order. */
    List<String> ids();

    /** What people call the use case ("Liver fibrosis staging"); the id itself where the catalogue has no name. */
    String name(String id);
}
