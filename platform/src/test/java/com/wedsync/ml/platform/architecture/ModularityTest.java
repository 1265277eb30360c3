package com.wedsync.ml.platform.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of DESIGN.md, checked on the compiled classes: dependencies point one way,
 * {@code platform -> pipelines -> models}; {@code models} is plain Java ML (no Spring, JobRunr, SQL or the
 * other modules); {@code pipelines} knows no framework and not the platform; inside the platform, the
 * feature packages form no cycle, and the plumbing packages depend on no feature.
 */
class ModularityTest {

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(TimeSourceArchitectureTest.PRODUCTION).importPackages("com.wedsync.ml");
    }

    static final ArchRule NO_CYCLES_BETWEEN_PLATFORM_PACKAGES = slices().matching("com.wedsync.ml.platform.(*)..")
            .should().beFreeOfCycles()
            .because("a back arrow between platform packages hides a dependency the design does not have");

    static final ArchRule MODELS_ARE_PLAIN_JAVA_ML = noClasses().that().resideInAPackage("com.wedsync.ml.models..")
            .should().dependOnClassesThat().resideInAnyPackage("com.wedsync.ml.pipelines..", "com.wedsync.ml.platform..",
                    "org.springframework..", "org.jobrunr..", "java.sql..", "javax.sql..", "jakarta.persistence..")
            .because("models is pure Java ML: no Spring, no SQL, no I/O (DESIGN.md)");

    static final ArchRule PIPELINES_KNOW_NO_FRAMEWORK = noClasses().that().resideInAPackage("com.wedsync.ml.pipelines..")
            .should().dependOnClassesThat().resideInAnyPackage("com.wedsync.ml.platform..", "org.springframework..", "org.jobrunr..",
                    "jakarta.persistence..")
            .because("pipelines talks to the world only through its ports (DESIGN.md)");

    static final String[] PLUMBING = {"com.wedsync.ml.platform.jobs..", "com.wedsync.ml.platform.json..",
            "com.wedsync.ml.platform.config.."};

    static final ArchRule PLUMBING_DEPENDS_ON_NO_FEATURE = noClasses().that().resideInAnyPackage(PLUMBING)
            .should().dependOnClassesThat(resideInAPackage("com.wedsync.ml.platform..").and(not(resideInAnyPackage(PLUMBING))))
            .because("jobs, json and config are used by every feature and so may use none");

    @Test
    void platformPackagesFormNoCycle() {
        NO_CYCLES_BETWEEN_PLATFORM_PACKAGES.check(production);
    }

    @Test
    void modelsDependOnNoFrameworkAndNoOtherModule() {
        MODELS_ARE_PLAIN_JAVA_ML.check(production);
    }

    @Test
    void pipelinesDependOnNoFrameworkAndNotOnThePlatform() {
        PIPELINES_KNOW_NO_FRAMEWORK.check(production);
    }

    @Test
    void thePlumbingPackagesDependOnNoFeature() {
        PLUMBING_DEPENDS_ON_NO_FEATURE.check(production);
    }

    @Test
    void theRulesRefuseABackArrow() {
        ArchRule rule = slices().matching("com.wedsync.ml.platform.architecture.backarrow.(*)..").should().beFreeOfCycles();
        JavaClasses withBackArrow = new ClassFileImporter().importPackages("com.wedsync.ml.platform.architecture.backarrow");
        assertThat(withBackArrow.contain("com.wedsync.ml.platform.architecture.backarrow.lower.Lower")).isTrue();
        assertThat(rule.evaluate(withBackArrow).hasViolation()).as("a cycle upper -> lower -> upper is reported").isTrue();
    }
}
