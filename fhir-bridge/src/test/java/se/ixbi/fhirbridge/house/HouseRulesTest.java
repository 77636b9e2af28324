package se.ixbi.fhirbridge.house;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** The bridge talks to the engine over REST only: none of the engine's, the workers' or the compute library's code; no package cycles. */
@AnalyzeClasses(packages = "se.ixbi.fhirbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class HouseRulesTest {

    /** Each package on its own (the same rule as the gpu module's, whose test shows it finds a cycle). */
    @ArchTest
    static final ArchRule noPackageCycles = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            return SliceIdentifier.of(type.getPackageName());
        }

        @Override
        public String getDescription() {
            return "each package";
        }
    }).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule boundaries = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("se.ixbi.processes..", "se.ixbi.workers..", "se.ixbi.gpu..");
}
