package se.ixbi.processes.specimen;

import java.time.Instant;

public record SpecimenView(String barcode, SpecimenType type, String parentBarcode, String tissueType, Double sizeMm,
        String description, Instant createdAt) {

    public static SpecimenView of(Specimen s) {
        return new SpecimenView(s.getBarcode(), s.getType(), s.getParent() == null ? null : s.getParent().getBarcode(),
                s.getTissueType(), s.getSizeMm(), s.getDescription(), s.getCreatedAt());
    }
}
