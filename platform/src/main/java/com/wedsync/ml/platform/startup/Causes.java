package com.wedsync.ml.platform.startup;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Walks an exception's cause chain. */
final class Causes {

    private Causes() {
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Throwable root(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = failure;
        while (t.getCause() != null && seen.add(t)) {
            t = t.getCause();
        }
        return t;
    }

    static boolean stackMentions(Throwable failure, String classPrefix) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith(classPrefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
