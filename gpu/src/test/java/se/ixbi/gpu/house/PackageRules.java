package se.ixbi.gpu.house;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** Each package its own slice (the root package too): no two packages may need each other, directly or around a ring. */
public final class PackageRules {

    private PackageRules() {
    }

    public static ArchRule noPackageCycles() {
        return slices().matching("se.ixbi.(**)").should().beFreeOfCycles();
    }
}
