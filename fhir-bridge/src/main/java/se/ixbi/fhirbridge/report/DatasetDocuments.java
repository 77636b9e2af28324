package se.ixbi.fhirbridge.report;

import java.util.Date;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import se.ixbi.fhirbridge.engine.CaseFile;
import se.ixbi.fhirbridge.fhir.CodeSystems;
import se.ixbi.fhirbridge.fhir.Identifiers;

/**
 * A dataset as a DocumentReference: where it lies (the OME-Zarr URI), how to check it (SHA-256, size), what it is
 * (modality, level) and what made it (software and version). The data itself never goes to the clinical record.
 */
final class DatasetDocuments {

    private DatasetDocuments() {
    }

    static DocumentReference of(CaseFile.Dataset d, Identifier id, Reference patient, Reference specimen) {
        DocumentReference doc = new DocumentReference();
        doc.addIdentifier(id.copy());
        doc.addIdentifier(Identifiers.of(Identifiers.SHA256, d.sha256()));
        doc.setStatus("SUPERSEDED".equals(d.status()) ? Enumerations.DocumentReferenceStatus.SUPERSEDED
                : Enumerations.DocumentReferenceStatus.CURRENT);
        String level = d.level().toLowerCase(Locale.ROOT);
        doc.setType(new CodeableConcept(new Coding(CodeSystems.IXBI_DATA_LEVEL, d.level(), level))
                .setText(modality(d.modality()) + ", " + level + (d.uri().endsWith(".zarr") ? " (OME-Zarr)" : "")));
        doc.addCategory(new CodeableConcept(new Coding(CodeSystems.IXBI_MODALITY, d.modality(),
                modality(d.modality()))));
        doc.setSubject(patient);
        if (d.createdAt() != null) {
            doc.setDate(Date.from(d.createdAt()));
        }
        if (d.producedBy() != null) {
            doc.addAuthor(new Reference().setType("Device").setDisplay(d.producedBy()
                    + (d.softwareVersion() == null ? "" : " " + d.softwareVersion())));
        }
        doc.setDescription(modality(d.modality()) + " dataset " + d.id() + ", " + d.sizeBytes() + " bytes, SHA-256 "
                + d.sha256());
        DocumentReference.DocumentReferenceContentComponent content = doc.addContent();
        content.getAttachment().setUrl(d.uri()).setTitle(d.id());
        if (d.sizeBytes() <= Integer.MAX_VALUE) {
            // R4's Attachment.size is a 32-bit count: larger datasets state their size in the description only
            content.getAttachment().setSize((int) d.sizeBytes());
        }
        if (specimen != null) {
            doc.getContext().addRelated(specimen);
        }
        return doc;
    }

    private static String modality(String modality) {
        return switch (modality) {
            case "XRAY" -> "Phase-contrast X-ray tomography";
            case "VEM" -> "Volume electron microscopy (FIB-SEM)";
            case "OMICS" -> "Spatial omics";
            case "FUSION" -> "Cross-scale analysis";
            default -> modality;
        };
    }
}
