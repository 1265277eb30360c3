package com.wedsync.ml.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.wedsync.ml.platform.WedSyncMlApplication;
import com.wedsync.ml.platform.support.FreePorts;
import com.wedsync.ml.platform.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** Start-up with bad settings ends with one line that says what to change, not a stack trace. */
class StartupFailureTest {

    /** Starts the application with these arguments and returns what it printed on standard error. */
    static String startAndCaptureErrors(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> SpringApplication.run(WedSyncMlApplication.class, args)).isNotNull();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    static String failureLine(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("wedsync-ml-platform failed to start:")).findFirst().orElse("");
    }

    @Test
    void anUnreachableDatabaseSaysWhichSettingToChange() {
        String err = startAndCaptureErrors("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "--server.port=0", "--jobrunr.dashboard.port=" + FreePorts.next());
        String line = failureLine(err);
        assertThat(line).contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere")
                .contains("SPRING_DATASOURCE_URL");
        assertThat(err).doesNotContain("\tat org.springframework");
    }

    @Test
    void aWrongDatabaseNameSaysWhichSettingToChange() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        String url = db.jdbcUrl().replaceAll("/[^/]+$", "/no_such_database");
        String line = failureLine(startAndCaptureErrors("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--server.port=0", "--jobrunr.dashboard.port=" + FreePorts.next()));
        assertThat(line).contains("no_such_database").contains("SPRING_DATASOURCE_URL");
    }

    @Test
    void aDashboardPortInUseSaysHowToChooseAnother() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        try (ServerSocket taken = new ServerSocket(0)) {
            String err = startAndCaptureErrors("--spring.datasource.url=" + db.jdbcUrl(),
                    "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                    "--server.port=0", "--jobrunr.dashboard.port=" + taken.getLocalPort(),
                    "--wedsync.simulator.load-on-startup=false");
            assertThat(failureLine(err)).contains("port " + taken.getLocalPort()).contains("JOBRUNR_DASHBOARD_PORT");
            assertThat(err).doesNotContain("\tat org.jobrunr");
        }
    }

    @Test
    void aSimulatorSizeOfZeroOrLessSaysWhatToSet() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        for (String size : new String[] {"0", "-3"}) {
            String err = startAndCaptureErrors("--spring.datasource.url=" + db.jdbcUrl(),
                    "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                    "--server.port=0", "--jobrunr.dashboard.port=" + FreePorts.next(), "--wedsync.simulator.suppliers=" + size);
            assertThat(failureLine(err)).as(size).contains("wedsync.simulator.suppliers").contains(size)
                    .contains("WEDSYNC_SIMULATOR_SUPPLIERS");
        }
    }

    @Test
    void theApiPortInUseIsOneLineToo() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        try (ServerSocket taken = new ServerSocket(0)) {
            String line = failureLine(startAndCaptureErrors("--spring.datasource.url=" + db.jdbcUrl(),
                    "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                    "--server.port=" + taken.getLocalPort(), "--jobrunr.dashboard.port=" + FreePorts.next(),
                    "--wedsync.simulator.load-on-startup=false"));
            assertThat(line).contains("Port " + taken.getLocalPort() + " was already in use");
        }
    }
}
