package com.wedsync.ml.platform.support;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of Spring integration tests: the application against a real PostgreSQL (see
 * {@link TestPostgres}): each test class gets its own application context, database and dashboard port,
 * and its context (with its JobRunr server and any job still running) is closed after the class, so
 * no class sees another's rows or jobs. The simulator does not load at start unless a test asks for it.
 *
 * <p>The platform clock is fixed at {@link TestDates#base()} ({@code wedsync.clock.fixed-date}); a class
 * that runs at another date uses {@link #register(DynamicPropertyRegistry, LocalDate)} instead (see
 * {@code MrrForecastAtTheOtherSeasonTest}). {@link #today()} is the platform's today.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class PostgresIntegrationTest {

    @Autowired
    protected Clock clock;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        register(registry, TestDates.base());
    }

    /**
     * A fresh database, a free dashboard port, no simulator at start, the platform clock at {@code today}, and the
     * first start's admin password {@link Api#ADMIN_PASSWORD} (the dashboard's {@link #DASHBOARD_PASSWORD}).
     * For a class that runs at another date: it does not extend this class but registers these itself with
     * its date (Spring applies the superclass's property sources over a subclass's).
     */
    public static void register(DynamicPropertyRegistry registry, LocalDate today) {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("wedsync.simulator.load-on-startup", () -> "false");
        int dashboardPort = FreePorts.next(); // chosen once: property suppliers are re-evaluated on each read
        registry.add("jobrunr.dashboard.port", () -> dashboardPort);
        registry.add("wedsync.clock.fixed-date", today::toString);
        registry.add("wedsync.security.admin-password", () -> Api.ADMIN_PASSWORD);
        registry.add("jobrunr.dashboard.password", () -> DASHBOARD_PASSWORD);
    }

    /** The JobRunr dashboard's password in tests (user admin). */
    public static final String DASHBOARD_PASSWORD = "test-dashboard-" + java.util.UUID.randomUUID();

    /** The platform clock's today (the class's fixed date). */
    protected LocalDate today() {
        return LocalDate.now(clock);
    }
}
