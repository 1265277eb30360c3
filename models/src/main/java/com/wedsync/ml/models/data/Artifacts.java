package com.wedsync.ml.models.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A trained model as one self-contained byte array: Java serialisation of the model object, read back
 * with a filter that admits only the classes models are made of (Java, Tribuo, OLCUT, protobuf, XGBoost
 * and this project's models), so an artifact cannot instantiate anything else.
 */
public final class Artifacts {

    private static final String ALLOWED = "java.**;javax.**;org.tribuo.**;com.oracle.labs.mlrg.olcut.**;com.google.protobuf.**;"
            + "ml.dmlc.**;com.wedsync.ml.models.**;[*;!*";

    /**
     * The time Tribuo's data-source provenance records for a training split. Not the training time: that
     * is the platform clock's, kept in the registry; the data window is in the model's lineage. A fixed
     * value keeps this library off the system clock and the same data giving the same model bytes.
     */
    public static final java.time.OffsetDateTime DATA_SOURCE_TIME =
            java.time.OffsetDateTime.ofInstant(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);

    private Artifacts() {
    }

    /** @param what the model, for the error message, e.g. "the LTV model" */
    public static byte[] write(Serializable model, String what) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + what, e);
        }
    }

    /**
     * @param what what the artifact should be, with its article, e.g. "an LTV model"
     * @throws IllegalArgumentException "not {what} artifact: ..." if the bytes are not one
     */
    public static <T> T read(byte[] artifact, Class<T> type, String what) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(artifact))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(ALLOWED));
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("not " + what + " artifact: " + e.getMessage(), e);
        }
    }
}
