package se.ixbi.processes.specimen;

import java.util.Set;

/** The specimen tree: a biopsy core is cut into resin blocks and sections; blocks yield FIB-SEM lamellae. */
public enum SpecimenType {
    CORE, BLOCK, SECTION, LAMELLA;

    Set<SpecimenType> allowedParents() {
        return switch (this) {
            case CORE -> Set.of();
            case BLOCK -> Set.of(CORE);
            case SECTION -> Set.of(CORE, BLOCK);
            case LAMELLA -> Set.of(BLOCK);
        };
    }
}
