package se.ixbi.workers.house;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Workers use the compute library (and the service identity), never the engine's or the bridge's code; no package cycles. */
@AnalyzeClasses(packages = "se.ixbi.workers", importOptions = ImportOption.DoNotIncludeTests.class)
class HouseRulesTest {

    /** Each package its own slice, the module's root package too: no two may need each other. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("se.ixbi.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule boundaries = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("se.ixbi.processes..", "se.ixbi.fhirbridge..", "se.ixbi.objectreader..");
}
