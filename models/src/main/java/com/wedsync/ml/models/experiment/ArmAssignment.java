package com.wedsync.ml.models.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable assignment of an entity to arm "A" (champion) or "B" (challenger).
 *
 * <p>The unit value u is the SHA-256 digest of the UTF-8 bytes of {@code experimentId + ":" + entityId},
 * its first 8 bytes read big-endian as an unsigned 64-bit integer x, and u = floor(x / 2^11) / 2^53, that
 * is x / 2^64 truncated to the 53 bits a double holds exactly, so u lies in [0, 1) and can never round up
 * to 1. The entity goes to "B" when u &lt; trafficToB. The same ids always give the same arm (on any JVM,
 * and reproducibly in SQL or Python), different experiments give independent-looking assignments, and
 * raising trafficToB only moves entities from A to B, never back. Experiment ids may not contain ':' so
 * that the hashed string is unambiguous.
 */
public final class ArmAssignment {

    public static final String A = "A";
    public static final String B = "B";

    private ArmAssignment() {
    }

    /** "B" when {@link #unit} is below {@code trafficToB}, which must lie strictly in (0, 1); "A" otherwise. */
    public static String arm(String experimentId, String entityId, double trafficToB) {
        if (!(trafficToB > 0 && trafficToB < 1)) {
            throw new IllegalArgumentException("trafficToB must lie strictly between 0 and 1, got " + trafficToB);
        }
        return unit(experimentId, entityId) < trafficToB ? B : A;
    }

    /** The entity's uniform value in [0, 1) for this experiment (see the class comment). */
    public static double unit(String experimentId, String entityId) {
        if (experimentId == null || experimentId.isBlank()) {
            throw new IllegalArgumentException("experimentId must not be null or blank");
        }
        if (experimentId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("experimentId must not contain ':', got \"" + experimentId + "\"");
        }
        if (entityId == null) {
            throw new IllegalArgumentException("entityId must not be null");
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest((experimentId + ":" + entityId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = (x << 8) | (digest[i] & 0xFF);
        }
        return (x >>> 11) * 0x1.0p-53;
    }
}
