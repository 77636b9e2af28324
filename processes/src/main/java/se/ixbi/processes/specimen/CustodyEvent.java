package se.ixbi.processes.specimen;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import org.hibernate.annotations.Immutable;

/** One link in a specimen's chain of custody. Rows are never changed or deleted (a database trigger holds it). */
@Entity
@Immutable
public class CustodyEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long specimenId;
    @Enumerated(EnumType.STRING)
    private CustodyAction action;
    private String location;
    private String actor;
    private String note;
    private Instant occurredAt;

    protected CustodyEvent() {
    }

    CustodyEvent(Long specimenId, CustodyAction action, String location, String actor, String note, Instant at) {
        this.specimenId = specimenId;
        this.action = action;
        this.location = location;
        this.actor = actor;
        this.note = note;
        this.occurredAt = at;
    }

    Long getSpecimenId() {
        return specimenId;
    }

    CustodyAction getAction() {
        return action;
    }

    String getLocation() {
        return location;
    }

    String getActor() {
        return actor;
    }

    String getNote() {
        return note;
    }

    Instant getOccurredAt() {
        return occurredAt;
    }
}
