package se.ixbi.fhirbridge.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator against the R4 base definitions, offline (in-memory terminology and the common code
 * systems). One per test JVM: its first call takes seconds, later ones a fraction.
 */
public final class R4Validator {

    private static FhirValidator validator;

    private R4Validator() {
    }

    /** The errors (and fatal errors) the R4 base definitions find in the resource. */
    public static synchronized List<String> errors(FhirContext context, IBaseResource resource) {
        if (validator == null) {
            ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                    new CommonCodeSystemsTerminologyService(context),
                    new InMemoryTerminologyServerValidationSupport(context),
                    new SnapshotGeneratingValidationSupport(context));
            validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        }
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(R4Validator::describe)
                .toList();
    }

    private static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
