package se.ixbi.processes.decisions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The people's tasks whose completion the audit trail records with the evidence they were decided on. Consent and
 * the biopsy record themselves (CONSENT_RECORDED, SPECIMENS_REGISTERED) with their own details.
 */
final class HumanDecisions {

    private static final List<HumanDecision> ALL = List.of(
            HumanDecision.of("Task_ScheduleBeamtime", "BEAMTIME_SCHEDULED", "energyKev", "energy (keV)",
                    "pixelSizeUm", "pixel size (µm)", "projections", "projections", "propagationDistancesMm",
                    "propagation distances (mm)", "estimatedDoseGy", "estimated dose (Gy)"),
            HumanDecision.of("Task_ReviseAcquisition", "ACQUISITION_REVISED", "estimatedDoseGy",
                    "estimated dose (Gy)", "planNote", "plan", "targetResolutionUm", "target resolution before (µm)",
                    "specimenSizeMm", "specimen size before (mm)"),
            HumanDecision.of("Task_ReviewQc", "QC_REVIEWED", "qcSnr", "SNR", "qcCnr", "CNR", "qcRingScore",
                    "ring score", "qcResolutionUm", "resolution (µm)", "qcFailureReason", "QC found"),
            HumanDecision.of("Task_ConfirmRoi", "ROI_CONFIRMED", "roiCenterXUm", "proposed centre x (µm)",
                    "roiCenterYUm", "proposed centre y (µm)", "roiCenterZUm", "proposed centre z (µm)", "roiSizeUm",
                    "proposed edge (µm)", "roiProposal", "proposal"),
            HumanDecision.of("Task_PrepareVem", "VEM_BLOCK_PREPARED", "roiCenterXUm", "ROI centre x (µm)",
                    "roiCenterYUm", "ROI centre y (µm)", "roiCenterZUm", "ROI centre z (µm)"),
            HumanDecision.of("Task_ReviewVemRegistration", "REGISTRATION_REVIEWED", "vemRegistrationErrorUm",
                    "vEM error (µm)", "vemRegistrationOverlap", "overlap", "vemRegistrationMetric", "MI",
                    "vemRegistrationMode", "model", "registrationFailureReason", "registration found"),
            HumanDecision.of("Task_PrepareOmics", "OMICS_SECTION_PREPARED"),
            HumanDecision.of("Task_ReviewOmicsRegistration", "REGISTRATION_REVIEWED", "omicsRegistrationErrorUm",
                    "omics error (µm)", "omicsRegistrationOverlap", "overlap", "omicsRegistrationMetric", "MI",
                    "registrationFailureReason", "registration found"),
            HumanDecision.of("Task_ReviewFindings", "FINDINGS_REVIEWED", "fusionSummary", "findings",
                    "fusionCellTypes", "cell types", "fusionNiches", "niches", "fusionDatasetId", "findings dataset"),
            HumanDecision.of("Task_XrayUploadAgain", "UPLOAD_REFUSAL_READ", "refusedUploadUri", "upload",
                    "badUploadReason", "the check found"),
            HumanDecision.of("Task_VemUploadAgain", "UPLOAD_REFUSAL_READ", "refusedUploadUri", "upload",
                    "badUploadReason", "the check found"),
            HumanDecision.of("Task_OmicsUploadAgain", "UPLOAD_REFUSAL_READ", "refusedUploadUri", "upload",
                    "badUploadReason", "the check found"),
            HumanDecision.of("Task_ScheduleBiopsy", "BIOPSY_SCHEDULED"),
            HumanDecision.of("Task_ChaseSample", "SAMPLE_CHASED"),
            HumanDecision.of("Task_FollowUpOverdueCase", "OVERDUE_CASE_FOLLOWED_UP"),
            HumanDecision.of("Task_ResolveFhirConsentRefusal", "CLINICAL_RECORD_REFUSAL_RESOLVED", "fhirRefusal",
                    "the record refused"),
            HumanDecision.of("Task_ResolveFhirProcedureRefusal", "CLINICAL_RECORD_REFUSAL_RESOLVED", "fhirRefusal",
                    "the record refused"),
            HumanDecision.of("Task_ResolveFhirReportRefusal", "CLINICAL_RECORD_REFUSAL_RESOLVED", "fhirRefusal",
                    "the record refused"),
            HumanDecision.of("Task_ResolveWithdrawalFhirRefusal", "CLINICAL_RECORD_REFUSAL_RESOLVED", "fhirRefusal",
                    "the record refused"));

    private static final Map<String, HumanDecision> BY_TASK = ALL.stream()
            .collect(Collectors.toMap(HumanDecision::taskKey, Function.identity()));

    private HumanDecisions() {
    }

    static Optional<HumanDecision> of(String taskKey) {
        return Optional.ofNullable(BY_TASK.get(taskKey));
    }

    static List<HumanDecision> all() {
        return ALL;
    }
}
