package io.dockerdebug;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.freeze.FreezingArchRule.freeze;

/**
 * The layers of docs/architecture.md as rules on the main classes (imported once for all rules).
 *
 * <p>Rules wrapped in {@code freeze} do not hold yet: their known violations are listed, one file
 * per rule, in src/test/resources/archunit_store; a violation not listed there fails, a listed one
 * that is gone is dropped from its file on the next run. After a refactoring that moved known
 * violations (same dependency, another class or member name), write the list anew with
 * {@code mvn test -Dtest=LayersTest -Darchunit.freeze.refreeze=true} and read the diff of the store:
 * lines that only changed names are moves, a line with a new pair of packages is a new violation.
 */
class LayersTest {
    /** The main classes of docker-debug, imported once for all the rules. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dockerdebug");
    private static final String API = "io.dockerdebug";
    private static final String CLI = "io.dockerdebug.cli..";
    private static final String SERVER = "io.dockerdebug.server..";
    private static final String DEBUG = "io.dockerdebug.debug..";
    private static final String DOCKER = "io.dockerdebug.docker..";
    private static final String CONFIG = "io.dockerdebug.config..";
    private static final String TTY = "io.dockerdebug.tty..";
    private static final String JSON = "io.dockerdebug.json..";
    private static final String THREADS = "io.dockerdebug.threads..";

    /** The public API package as one slice, each package below it (with its sub-packages) as one. */
    private static final SliceAssignment PUBLIC_API_AND_EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (pkg.equals(API)) {
                return SliceIdentifier.of("the public API (io.dockerdebug)");
            }
            if (pkg.startsWith(API + ".")) {
                return SliceIdentifier.of(pkg.substring(API.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the public API package and each package below it";
        }
    };

    // The libraries each front end or layer brings: what a path does not use, it does not load.

    @Test
    void picocliOnlyInCli() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("picocli is the CLI's: the library and the server are used without it")
                .check(MAIN);
    }

    @Test
    void jettyOnlyInServer() {
        noClasses().that().resideOutsideOfPackage(SERVER)
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
                .because("Jetty is the server's: it never loads on the CLI's or the library's paths")
                .check(MAIN);
    }

    @Test
    void jlineOnlyInTty() {
        noClasses().that().resideOutsideOfPackage(TTY)
                .should().dependOnClassesThat().resideInAPackage("org.jline..")
                .because("the terminal (raw mode, size, signals) is package tty's, behind tty.Console")
                .check(MAIN);
    }

    @Test
    void dockerJavaOnlyInItsBridge() {
        noClasses()
                .that(not(belongTo("io.dockerdebug.DockerJavaTransport").or(belongTo("io.dockerdebug.DockerDebug"))))
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .because("docker-java-transport is kept only so that DockerDebug.Builder.dockerTransport takes"
                        + " a docker-java SSLConfig, which DockerJavaTransport maps onto our own transport")
                .check(MAIN);
    }

    // The front ends: cli and server use the public API.

    @Test
    void serverUsesThePublicApiOnly() {
        noClasses().that().resideInAPackage(SERVER)
                .should().dependOnClassesThat().resideInAnyPackage(DEBUG, DOCKER, CONFIG, TTY, CLI)
                .because("the server is a front end of the public library (io.dockerdebug, and the leaf"
                        + " packages json and threads), as the CLI is")
                .check(MAIN);
    }

    @Test
    void cliUsesThePublicApiOnly() {
        freeze(noClasses().that().resideInAPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage(DEBUG, DOCKER, CONFIG, TTY)
                .because("the CLI is a front end of the public library (io.dockerdebug, and the leaf packages"
                        + " json and threads); frozen: the config commands, the terminal and a few helpers"
                        + " still reach below it")).check(MAIN);
    }

    @Test
    void serveIsTheServersOneDoor() {
        noClasses()
                .that().resideOutsideOfPackage(SERVER).and(not(belongTo("io.dockerdebug.cli.ServeFrontEnd")))
                .should().dependOnClassesThat().resideInAPackage(SERVER)
                .because("the server is a front end beside the CLI: only `serve` (cli.ServeFrontEnd) starts it,"
                        + " so its classes load on no other path")
                .check(MAIN);
    }

    @Test
    void nothingButCliDependsOnCli() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAPackage(CLI)
                .because("the CLI is the top: picocli commands, Main's System.in/out/exit")
                .check(MAIN);
    }

    // The library's insides point down.

    @Test
    void debugIsBelowTheFrontEnds() {
        noClasses().that().resideInAPackage(DEBUG)
                .should().dependOnClassesThat().resideInAnyPackage(CLI, SERVER)
                .because("sessions and sidecar planning serve every front end and know none")
                .check(MAIN);
    }

    @Test
    void engineTerminalAndConfigAreBelowDebug() {
        noClasses()
                .that().resideInAnyPackage(TTY, CONFIG, DOCKER)
                .should().dependOnClassesThat().resideInAnyPackage(CLI, SERVER, DEBUG)
                .because("docker (engine calls), tty (the terminal) and config (config.toml) are the bottom"
                        + " layer that debug builds sessions on")
                .check(MAIN);
    }

    @Test
    void jsonIsALeaf() {
        leaf(JSON).check(MAIN);
    }

    @Test
    void threadsIsALeaf() {
        leaf(THREADS).check(MAIN);
    }

    @Test
    void noCyclesBetweenTheInternalPackages() {
        slices().matching("io.dockerdebug.(*)..")
                .should().beFreeOfCycles()
                .because("dependencies between the packages under io.dockerdebug point one way")
                .check(MAIN);
    }

    // What does not hold yet (frozen): the public API package is also the facade that builds the
    // insides, and the insides throw and read its types.

    @Test
    void theApiAndTheInsidesNeverDependOnEachOtherBothWays() {
        freeze(
                slices().assignedFrom(PUBLIC_API_AND_EACH_PACKAGE).should().beFreeOfCycles()
                        .because("an internal package depends on the public API or it on them, never both"
                                + " ways; frozen: the facade (DockerDebug, Connector, EngineInventory,"
                                + " StreamSession) builds the insides, and they throw the public exceptions"
                                + " and read the public options")).check(MAIN);
    }

    @Test
    void thePublicApiPackageHoldsTheApiOnly() {
        freeze(classes()
                .that().resideInAPackage(API).and().areTopLevelClasses()
                .should().bePublic()
                .because("io.dockerdebug is the public API: a type there that is not public is plumbing"
                        + " (streams, pipes, the facade's helpers) that belongs in a package of its own")).check(MAIN);
    }

    /** The rule that package {@code pkg} depends on no other package of docker-debug. */
    private static ArchRule leaf(String pkg) {
        return noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat(resideInAPackage("io.dockerdebug..").and(not(resideInAPackage(pkg))))
                .because("json and threads serve every layer, so they may use none");
    }

    /** A class and the classes nested in it (by name: package-private classes have no literal here). */
    private static DescribedPredicate<JavaClass> belongTo(String className) {
        return DescribedPredicate.describe("belong to " + className,
                c -> c.getName().equals(className) || c.getName().startsWith(className + "$"));
    }
}
