package se.ixbi.fhirbridge.specimen;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import se.ixbi.fhirbridge.engine.CaseFile;
import se.ixbi.fhirbridge.fhir.CodeSystems;
import se.ixbi.fhirbridge.fhir.Identifiers;
import se.ixbi.fhirbridge.fhir.Transaction;

/**
 * The case's specimen tree as FHIR Specimens: biopsy cores collected by the procedure, blocks and sections cut
 * from them ({@code parent}), each identified by its barcode.
 */
public final class SpecimenResources {

    private SpecimenResources() {
    }

    /**
     * Adds every specimen of the case, parents before children; returns each barcode's reference.
     *
     * @param collection what the cores' collection says: who, when, where in the body, how fixed
     */
    public static Map<String, Reference> add(Transaction tx, List<CaseFile.Specimen> specimens, Reference patient,
            Collection collection) {
        Map<String, Reference> refs = new LinkedHashMap<>();
        List<CaseFile.Specimen> pending = new java.util.ArrayList<>(specimens);
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                CaseFile.Specimen s = it.next();
                if (s.parentBarcode() == null || refs.containsKey(s.parentBarcode())) {
                    Identifier id = Identifiers.of(Identifiers.SPECIMEN, s.barcode());
                    refs.put(s.barcode(), tx.upsert(specimen(s, id, patient, refs.get(s.parentBarcode()), collection),
                            id));
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("specimens " + pending.stream().map(CaseFile.Specimen::barcode).toList()
                        + " name parents the case does not have");
            }
        }
        return refs;
    }

    static Specimen specimen(CaseFile.Specimen s, Identifier id, Reference patient, Reference parent,
            Collection collection) {
        Specimen r = new Specimen();
        r.addIdentifier(id.copy());
        r.setAccessionIdentifier(id.copy());
        r.setStatus(Specimen.SpecimenStatus.AVAILABLE);
        String kind = s.type() == null ? "core" : s.type().toLowerCase(Locale.ROOT);
        r.setType(new CodeableConcept(new Coding(CodeSystems.IXBI_SPECIMEN_KIND, kind, switch (kind) {
            case "core" -> "Biopsy core";
            case "block" -> "Resin block";
            case "section" -> "Tissue section";
            case "lamella" -> "FIB-SEM lamella";
            default -> kind;
        })).setText(s.description() != null ? s.description() : kind));
        r.setSubject(patient);
        if (parent != null) {
            r.addParent(parent);
        }
        if (s.createdAt() != null) {
            r.setReceivedTime(Date.from(s.createdAt()));
        }
        if (parent == null && collection != null) {
            Specimen.SpecimenCollectionComponent c = r.getCollection();
            if (collection.collector() != null) {
                c.setCollector(collection.collector());
            }
            if (collection.date() != null) {
                c.setCollected(new org.hl7.fhir.r4.model.DateTimeType(collection.date()));
            }
            if (collection.bodySite() != null) {
                c.setBodySite(collection.bodySite());
            }
            c.setMethod(new CodeableConcept(new Coding(CodeSystems.SNOMED, "129314006", "Biopsy - action"))
                    .setText("image-guided core needle biopsy"));
            if (s.sizeMm() != null) {
                c.getQuantity().setValue(s.sizeMm()).setUnit("mm").setSystem(CodeSystems.UCUM).setCode("mm");
            }
            if (collection.fixation() != null) {
                r.addProcessing().setDescription("fixation: " + collection.fixation());
            }
        } else if (parent != null) {
            r.addProcessing().setDescription(switch (kind) {
                case "block" -> "embedded in resin and trimmed";
                case "section" -> "sectioned";
                case "lamella" -> "milled by focused ion beam";
                default -> "prepared";
            });
        }
        r.addContainer().addIdentifier(id.copy()).setDescription(switch (kind) {
            case "core" -> "biopsy tube";
            case "block" -> "resin block holder";
            case "section" -> "glass slide";
            case "lamella" -> "TEM grid";
            default -> "container";
        });
        return r;
    }

    /** How the cores were collected: the same for every core of one biopsy. */
    public record Collection(Reference collector, String date, CodeableConcept bodySite, String fixation) {
    }
}
