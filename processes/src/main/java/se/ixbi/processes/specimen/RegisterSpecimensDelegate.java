package se.ixbi.processes.specimen;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;
import se.ixbi.processes.workflow.FormRefusal;
import se.ixbi.processes.workflow.TaskActor;

/** Registers the biopsy cores named in the biopsy form; a bad or taken barcode refuses the form. */
@Component("registerSpecimens")
class RegisterSpecimensDelegate implements JavaDelegate {

    private final SpecimenRegistry registry;

    RegisterSpecimensDelegate(SpecimenRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object raw = execution.getVariable("specimenBarcodes");
        List<String> barcodes = raw instanceof String s
                ? Arrays.stream(s.split(",")).map(String::strip).filter(b -> !b.isEmpty()).toList()
                : List.of();
        Object count = execution.getVariable("coreCount");
        if (!(count instanceof Number n) || n.intValue() != barcodes.size()) {
            throw FormRefusal.of(ErrorCode.INVALID_SPECIMEN, count + " cores recorded but " + barcodes.size()
                    + " barcodes given; give one barcode per core");
        }
        Object size = execution.getVariable("specimenSizeMm");
        try {
            registry.registerCores(execution.getProcessBusinessKey(), barcodes,
                    (String) execution.getVariable("tissueType"),
                    size instanceof Number s ? s.doubleValue() : null, "CIR", TaskActor.of(execution));
        } catch (IxbiException e) {
            throw FormRefusal.of(e.code(), e.getMessage());
        }
        execution.setVariable("specimenBarcodes", String.join(",", barcodes));
        // the clinician who recorded the biopsy is its performer in the clinical record (fhir.procedure)
        execution.setVariable("biopsyRecordedBy", TaskActor.of(execution));
    }
}
