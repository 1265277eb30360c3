package com.wedsync.ml.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * One clock: no production class of models, pipelines or platform reads the system time except the
 * platform's clock provider ({@code config.ClockConfiguration}). Everything else takes a
 * {@link java.time.Clock} bean or a date handed to it, so that tests, demos and backfills run at any date.
 */
class TimeSourceArchitectureTest {

    static final String CLOCK_PROVIDER = "com.wedsync.ml.platform.config.ClockConfiguration";

    /** Production classes only: not test classes, nor the pipelines' test jar on this module's test classpath. */
    static final ImportOption PRODUCTION = location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
            && !location.contains("-tests.jar");

    /** A call that reads the system clock: {@code now()}/{@code now(ZoneId)} of java.time, the system clocks, the epoch millis. */
    static final DescribedPredicate<JavaCall<?>> READS_THE_SYSTEM_TIME = new DescribedPredicate<>("read the system time") {
        @Override
        public boolean test(JavaCall<?> call) {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            boolean javaTime = owner.startsWith("java.time.");
            boolean nowWithoutClock = javaTime && name.equals("now") && call.getTarget().getRawParameterTypes().stream()
                    .noneMatch(t -> t.isEquivalentTo(Clock.class));
            boolean systemClock = owner.equals(Clock.class.getName())
                    && (name.equals("systemUTC") || name.equals("systemDefaultZone"));
            boolean millis = owner.equals(System.class.getName()) && name.equals("currentTimeMillis");
            boolean date = owner.equals(java.util.Date.class.getName()) && name.equals("<init>")
                    && call.getTarget().getRawParameterTypes().isEmpty();
            return nowWithoutClock || systemClock || millis || date;
        }
    };

    static final ArchRule ONE_CLOCK = noClasses().that().doNotHaveFullyQualifiedName(CLOCK_PROVIDER)
            .should().callCodeUnitWhere(READS_THE_SYSTEM_TIME)
            .because("every \"today\" comes from the platform's one clock (a java.time.Clock bean, wedsync.clock.fixed-date)");

    @Test
    void noProductionClassReadsTheSystemTimeExceptTheClockProvider() {
        JavaClasses production = new ClassFileImporter().withImportOption(PRODUCTION).importPackages("com.wedsync.ml");
        assertThat(production.contain(CLOCK_PROVIDER)).as("the platform's classes were imported").isTrue();
        assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith("com.wedsync.ml.models")))
                .as("the models' classes were imported").isTrue();
        assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith("com.wedsync.ml.pipelines")))
                .as("the pipelines' classes were imported").isTrue();
        ONE_CLOCK.check(production);
    }

    @Test
    void theRuleCatchesAClassThatAsksTheSystemForToday() {
        EvaluationResult result = ONE_CLOCK.evaluate(new ClassFileImporter().importClasses(AsksTheSystemForToday.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).hasSize(3);
        assertThat(ONE_CLOCK.evaluate(new ClassFileImporter().importClasses(TakesTheClock.class)).hasViolation()).isFalse();
    }

    static final class AsksTheSystemForToday {
        LocalDate today() {
            return LocalDate.now();
        }

        long millis() {
            return System.currentTimeMillis();
        }

        Clock clock() {
            return Clock.systemUTC();
        }
    }

    static final class TakesTheClock {
        LocalDate today(Clock clock) {
            return LocalDate.now(clock);
        }
    }
}
