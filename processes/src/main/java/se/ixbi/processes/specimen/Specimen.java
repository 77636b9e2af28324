package se.ixbi.processes.specimen;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

@Entity
public class Specimen {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String caseId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private Specimen parent;
    @Enumerated(EnumType.STRING)
    private SpecimenType type;
    private String barcode;
    private String tissueType;
    private Double sizeMm;
    private String description;
    private String createdBy;
    private Instant createdAt;

    protected Specimen() {
    }

    Specimen(String caseId, Specimen parent, SpecimenType type, String barcode, String tissueType, Double sizeMm,
            String description, String createdBy, Instant createdAt) {
        this.caseId = caseId;
        this.parent = parent;
        this.type = type;
        this.barcode = barcode;
        this.tissueType = tissueType;
        this.sizeMm = sizeMm;
        this.description = description;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getCaseId() {
        return caseId;
    }

    public Specimen getParent() {
        return parent;
    }

    public SpecimenType getType() {
        return type;
    }

    public String getBarcode() {
        return barcode;
    }

    public String getTissueType() {
        return tissueType;
    }

    public Double getSizeMm() {
        return sizeMm;
    }

    public String getDescription() {
        return description;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
