package newsroom.contracts;

import com.tngtech.archunit.core.domain.JavaClasses;
import newsroom.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The module's main classes keep the architecture: no package cycles, and no service's classes. */
class ArchitectureTests {

    private static final JavaClasses MAIN = ArchitectureRules.mainClasses("newsroom.contracts");

    @Test
    void hasNoPackageCycles() {
        ArchitectureRules.noPackageCycles().check(MAIN);
    }

    @Test
    void usesNoServicesClasses() {
        ArchitectureRules.noServices("newsroom.contracts").check(MAIN);
    }
}
