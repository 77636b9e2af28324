package se.ixbi.processes.specimen;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/** The append-only chain of custody of each specimen. */
@Service
public class CustodyLog {

    private final CustodyEventRepository events;
    private final Clock clock;

    CustodyLog(CustodyEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public CustodyEventView append(Specimen specimen, CustodyAction action, String location, String actor, String note) {
        return CustodyEventView.of(events.save(
                new CustodyEvent(specimen.getId(), action, location, actor, note, Instant.now(clock))));
    }

    @Transactional
    public List<CustodyEventView> chainOf(Long specimenId) {
        return events.findBySpecimenIdOrderById(specimenId).stream().map(CustodyEventView::of).toList();
    }
}
