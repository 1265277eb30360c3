package com.wedsync.ml.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real MLflow tracking server for tests, started with {@code ops/mlflow/start.sh} on a free port
 * with its own data directory (so it can be stopped and restarted with its data). Needs
 * {@code ops/mlflow/install.sh} to have run (the README's test command does it).
 */
public final class MlflowServer implements AutoCloseable {

    private final Path ops;
    private final Path data;
    private final int port;

    private MlflowServer(Path ops, Path data, int port) {
        this.ops = ops;
        this.data = data;
        this.port = port;
    }

    public static MlflowServer start() {
        Path ops = Path.of("").toAbsolutePath();
        while (ops != null && !Files.isDirectory(ops.resolve("ops/mlflow"))) {
            ops = ops.getParent();
        }
        if (ops == null) {
            throw new IllegalStateException("cannot find ops/mlflow above " + Path.of("").toAbsolutePath());
        }
        ops = ops.resolve("ops/mlflow");
        if (!Files.isExecutable(ops.resolve(".venv/bin/mlflow"))) {
            throw new IllegalStateException("MLflow is not installed: run ops/mlflow/install.sh first (ops/test.sh does)");
        }
        try {
            MlflowServer s = new MlflowServer(ops, Files.createTempDirectory("wedsync-mlflow-test"), FreePorts.next());
            s.up();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Python of MLflow's virtual environment, with MLflow's own client (and pandas) installed. */
    public Path python() {
        return ops.resolve(".venv/bin/python");
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public void up() {
        run("start.sh");
    }

    public void down() {
        run("stop.sh");
    }

    private void run(String script) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(ops.resolve(script).toString(), Integer.toString(port)))
                    .redirectErrorStream(true);
            pb.environment().put("MLFLOW_DATA_DIR", data.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(script + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        down();
    }
}
