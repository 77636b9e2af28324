package se.ixbi.processes.specimen;

import java.time.Instant;

public record CustodyEventView(CustodyAction action, String location, String actor, String note, Instant occurredAt) {

    static CustodyEventView of(CustodyEvent e) {
        return new CustodyEventView(e.getAction(), e.getLocation(), e.getActor(), e.getNote(), e.getOccurredAt());
    }
}
