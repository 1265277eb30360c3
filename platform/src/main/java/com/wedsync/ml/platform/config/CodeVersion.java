package com.wedsync.ml.platform.config;

/** The platform's code version, from the jar manifest (or "dev" when run from classes). */
public final class CodeVersion {

    private CodeVersion() {
    }

    public static String get() {
        String v = CodeVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
