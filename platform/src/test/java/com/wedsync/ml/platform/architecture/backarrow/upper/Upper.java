package com.wedsync.ml.platform.architecture.backarrow.upper;

import com.wedsync.ml.platform.architecture.backarrow.lower.Lower;

/** Fixture of {@code ModularityTest}: an upper package that uses a lower one, as it may. */
public class Upper {
    public Lower lower() {
        return new Lower();
    }
}
