package se.ixbi.fhirbridge.house;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The bridge talks to the engine over REST only: none of the engine's, the workers' or the compute library's code; no package cycles. */
@AnalyzeClasses(packages = "se.ixbi.fhirbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class HouseRulesTest {

    /** Each package its own slice, the module's root package too: no two may need each other. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("se.ixbi.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule boundaries = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("se.ixbi.processes..", "se.ixbi.workers..", "se.ixbi.gpu..");
}
