package newsroom.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The architecture every module keeps, for each module's {@code ArchitectureTests}: no cycles between any two of its
 * packages (each package is its own slice, so {@code tree} and {@code tree.internal} are two), and no service using
 * another service's classes (they talk over HTTP and Kafka, through {@code contracts}).
 */
public final class ArchitectureRules {

    /** The root packages of the services. */
    public static final List<String> SERVICES = List.of("newsroom.article", "newsroom.category", "newsroom.stats",
            "newsroom.portal");

    private ArchitectureRules() {
    }

    /**
     * The module's main classes under its root package, read from its {@code target/classes} (tests run in the
     * module's folder): scanning the class path for the package took ~20 s per module on a busy machine.
     */
    public static JavaClasses mainClasses(String rootPackage) {
        // Only the module's own classes matter to these rules: no resolving of every referenced library class.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        Path classes = Path.of("target", "classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("No " + classes.toAbsolutePath() + ": run from the module's folder");
        }
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        return imported.that(JavaClass.Predicates.resideInAPackage(rootPackage + ".."));
    }

    /** No package depends, directly or through others, on a package that depends on it. */
    public static ArchRule noPackageCycles() {
        return slices().matching("newsroom.(**)").namingSlices("$1").should().beFreeOfCycles()
                .because("a package cycle makes neither package understandable or changeable without the other");
    }

    /** Classes under {@code rootPackage} use no class of another service. */
    public static ArchRule noOtherServices(String rootPackage) {
        String[] others = SERVICES.stream().filter(service -> !service.equals(rootPackage))
                .map(service -> service + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk over HTTP and Kafka, through contracts, never through each other's classes");
    }

    /** Classes under {@code rootPackage} (a shared module or a tool) use no class of any service. */
    public static ArchRule noServices(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream().map(s -> s + "..")
                        .toArray(String[]::new))
                .because("shared modules stay below the services; the services run as their own processes");
    }
}
