package com.wedsync.ml.models.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ArmAssignmentTest {

    private static final double UNIT_EXP_42 = 0.47150445048850786;

    private static String[] uuids(int n) {
        SplittableRandom r = new SplittableRandom(20240611);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = new UUID(r.nextLong(), r.nextLong()).toString();
        }
        return ids;
    }

    @Test
    void theSameInputsGiveTheSameArm() {
        for (String id : uuids(100)) {
            assertThat(ArmAssignment.arm("exp-1", id, 0.5)).isEqualTo(ArmAssignment.arm("exp-1", id, 0.5));
        }
    }

    @Test
    void aKnownDigestMapsAsDocumented() {
        // echo -n "exp:42" | sha256sum  starts 78b48402c43f6f49; (0x78b48402c43f6f49 >>> 11) / 2^53 in Python:
        double u = ArmAssignment.unit("exp", "42");
        assertThat(u).isEqualTo(UNIT_EXP_42);
        assertThat(ArmAssignment.arm("exp", "42", Math.nextUp(u))).isEqualTo("B");
        assertThat(ArmAssignment.arm("exp", "42", u)).isEqualTo("A");
    }

    @Test
    void theShareOfBMatchesTheSplit() {
        int b = 0;
        for (String id : uuids(10_000)) {
            b += ArmAssignment.arm("checkout-2024", id, 0.3).equals("B") ? 1 : 0;
        }
        assertThat(b / 10_000.0).isBetween(0.285, 0.315);
    }

    @Test
    void differentExperimentsAssignIndependently() {
        int same = 0;
        String[] ids = uuids(2_000);
        for (String id : ids) {
            same += ArmAssignment.arm("exp-1", id, 0.5).equals(ArmAssignment.arm("exp-2", id, 0.5)) ? 1 : 0;
        }
        // independent 50/50 assignments agree about half the time
        assertThat(same / 2_000.0).isBetween(0.45, 0.55);
    }

    @Test
    void raisingTheTrafficOnlyMovesEntitiesToB() {
        for (String id : uuids(1_000)) {
            if (ArmAssignment.arm("exp-1", id, 0.2).equals("B")) {
                assertThat(ArmAssignment.arm("exp-1", id, 0.5)).isEqualTo("B");
            }
        }
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> ArmAssignment.arm("e", "x", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
        assertThatThrownBy(() -> ArmAssignment.arm("e", "x", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
        assertThatThrownBy(() -> ArmAssignment.arm("e", "x", Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> ArmAssignment.arm(" ", "x", 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmAssignment.arm("a:b", "x", 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a:b");
        assertThatThrownBy(() -> ArmAssignment.arm("e", null, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
