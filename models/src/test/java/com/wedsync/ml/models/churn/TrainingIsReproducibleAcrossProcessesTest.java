package com.wedsync.ml.models.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The same data, parameters and seed give the same churn model in two separate JVMs: one limited to a single
 * processor and one thread for the native libraries, one with all of them (so neither thread scheduling nor
 * the pool sizes that follow the processor count can move a bit), and the same as this process's own training.
 * The ensemble is the platform's default (50 trees, 120 boosting rounds, a 32-16 network for 8 epochs), large
 * enough that ND4J's and XGBoost's native code runs multi-threaded where it may.
 */
class TrainingIsReproducibleAcrossProcessesTest {

    @Test
    void twoJvmsWithDifferentProcessorCountsTrainTheSameModelBitForBit() throws Exception {
        Process one = start(true, "-XX:ActiveProcessorCount=1");
        Process all = start(false);
        List<String> a = output(one);
        List<String> b = output(all);
        assertThat(a).as("the first JVM's fingerprint, metrics, weights and importance").hasSize(4);
        assertThat(b).as("the JVM with one processor and the one with all of them").containsExactlyElementsOf(a);

        ChurnEnsemble here = ReproducibleTraining.train();
        assertThat(a.get(0)).isEqualTo("fingerprint=" + here.fingerprint(ChurnEnsembleTest.draw(500, 9).x()));
    }

    /** @param oneThread also one thread for the native libraries (OpenMP and OpenBLAS under ND4J, XGBoost) */
    private static Process start(boolean oneThread, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(ReproducibleTraining.class.getName());
        ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (oneThread) {
            b.environment().put("OMP_NUM_THREADS", "1");
            b.environment().put("OPENBLAS_NUM_THREADS", "1");
        } else {
            b.environment().remove("OMP_NUM_THREADS");
            b.environment().remove("OPENBLAS_NUM_THREADS");
        }
        return b.start();
    }

    private static List<String> output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the training JVM ends within 3 minutes").isTrue();
        assertThat(p.exitValue()).as("exit code of the training JVM; its output:\n" + out).isZero();
        return out.lines().filter(l -> l.matches("(fingerprint|metrics|weights|importance)=.*")).toList();
    }
}
