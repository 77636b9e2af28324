package se.ixbi.gpu.house;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The compute library stands alone: no Spring, no other module of the project, and no package cycles. */
@AnalyzeClasses(packages = "se.ixbi.gpu", importOptions = ImportOption.DoNotIncludeTests.class)
class HouseRulesTest {

    @ArchTest
    static final ArchRule noPackageCycles = PackageRules.noPackageCycles();

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule noOtherModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("se.ixbi.workers..", "se.ixbi.processes..", "se.ixbi.fhirbridge..",
                    "se.ixbi.objectreader..", "se.ixbi.serviceidentity..");

    @Test
    void theCycleRuleFindsACycle() {
        assertThatThrownBy(() -> PackageRules.noPackageCycles()
                .check(new ClassFileImporter().importPackages("se.ixbi.gpu.house.cyclic")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("se.ixbi.gpu.house.cyclic.a")
                .hasMessageContaining("se.ixbi.gpu.house.cyclic.b");
    }

    @Test
    void theCycleRuleFindsAPackageThatNeedsItsOwnSubpackageBack() {
        assertThatThrownBy(() -> PackageRules.noPackageCycles()
                .check(new ClassFileImporter().importPackages("se.ixbi.gpu.house.cyclic")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("se.ixbi.gpu.house.cyclic.Parent")
                .hasMessageContaining("se.ixbi.gpu.house.cyclic.c.Child");
    }
}
