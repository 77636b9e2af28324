package se.ixbi.fhirbridge.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * The Provenance of what one task wrote: every resource of the transaction as target, the bridge (software and
 * version) as agent, the task's inputs as entities. Keyed by a tag, so a task delivered again updates it.
 */
public final class Provenances {

    /** The software that writes, as it appears in every Provenance. */
    public static final String SOFTWARE = "ixbi-fhir-bridge";
    public static final String VERSION = version();

    private Provenances() {
    }

    /**
     * Adds the Provenance for everything in the transaction so far.
     *
     * @param key what the Provenance is of, unique per task kind and case, e.g. {@code fhir.consent/IXBI-2026-000001}
     * @param activity what the task did, in words
     * @param entities the inputs the written resources were derived from
     */
    public static void stamp(Transaction tx, String key, String activity, List<Reference> entities, Instant now) {
        Provenance p = new Provenance();
        p.setTarget(tx.targets());
        p.setRecorded(Date.from(now));
        p.setActivity(new CodeableConcept(new Coding(CodeSystems.DATA_OPERATION, "UPDATE", "revise"))
                .setText(activity));
        Provenance.ProvenanceAgentComponent agent = p.addAgent();
        agent.setType(new CodeableConcept(new Coding(CodeSystems.PROVENANCE_AGENT, "assembler", "Assembler")));
        agent.setWho(new Reference().setType("Device")
                .setIdentifier(Identifiers.of("https://ixbi.se/fhir/sid/software", SOFTWARE + "/" + VERSION))
                .setDisplay("IXBI FHIR bridge " + VERSION));
        for (Reference entity : entities) {
            p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(entity);
        }
        tx.upsertTagged(p, new Coding(Identifiers.PROVENANCE_TAG, key, null));
    }

    private static String version() {
        String v = Provenances.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
