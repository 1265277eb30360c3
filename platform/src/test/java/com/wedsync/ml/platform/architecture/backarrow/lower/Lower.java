package com.wedsync.ml.platform.architecture.backarrow.lower;

import com.wedsync.ml.platform.architecture.backarrow.upper.Upper;

/** Fixture of {@code ModularityTest}: a lower package with a back arrow to the upper one, which the rules must refuse. */
public class Lower {
    public Upper backArrow() {
        return new Upper();
    }
}
