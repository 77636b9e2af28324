package se.ixbi.workers.simulate;

import picocli.CommandLine.Option;
import se.ixbi.workers.demo.AcquisitionPlan;
import se.ixbi.workers.demo.DemoUsers;

/**
 * {@code --case}: simulate for a case, with its acquisition plan, read from the engine as the operator; so the data
 * is taken as planned and the case's reconstruction, QC and registrations take it as a real upload.
 */
final class CaseOptions {

    @Option(names = "--case", description = "a case waiting at the beamline: simulate with its acquisition plan "
            + "(energy, pixel size, propagation distance), read from the engine")
    String caseId;

    @Option(names = "--url", defaultValue = "http://localhost:8080",
            description = "the engine, with --case (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--issuer", description = "Keycloak mode: the realm's issuer, with --case (default: "
            + "IXBI_IDENTITY_ISSUER_URI when IXBI_IDENTITY_MODE=keycloak)")
    String issuer;

    /** The case's plan, or null without {@code --case}. */
    AcquisitionPlan plan() {
        if (caseId == null) {
            return null;
        }
        AcquisitionPlan plan = AcquisitionPlan.read(url, DemoUsers.signIn(DemoUsers.issuer(issuer)), "operator",
                caseId);
        System.err.println("case " + caseId + ": acquisition plan " + plan);
        return plan;
    }
}
