package com.wedsync.ml.models.frozen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Model artifacts frozen in the test resources ({@code frozen/<name>.bin}) with the scores they gave when
 * they were written ({@code frozen/<name>.scores}): a later version of the code must still load them and
 * score the same rows the same, as Tribuo's frozen model tests do. Regenerate one only on purpose (a format
 * change the registry must migrate), with the {@code main} of its test, from the models directory.
 */
public final class FrozenArtifacts {

    private FrozenArtifacts() {
    }

    public static byte[] artifact(String name) {
        return read("frozen/" + name + ".bin");
    }

    public static double[] scores(String name) {
        return Arrays.stream(new String(read("frozen/" + name + ".scores"), StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
    }

    /** Writes an artifact and its scores under src/test/resources/frozen (run from the models module). */
    public static void write(String name, byte[] artifact, double[] scores) throws IOException {
        Path dir = Path.of("src/test/resources/frozen");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".bin"), artifact);
        StringBuilder s = new StringBuilder();
        for (double v : scores) {
            s.append(Double.toString(v)).append('\n');
        }
        Files.writeString(dir.resolve(name + ".scores"), s.toString());
    }

    private static byte[] read(String resource) {
        try (InputStream in = FrozenArtifacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
