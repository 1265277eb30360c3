package com.wedsync.ml.pipelines.spi;

import java.util.Optional;

/**
 * A hyper-parameter an algorithm takes: its name, whether it is a whole number, and its range, so a
 * definition is checked when it is registered, not when training fails on it.
 *
 * @param minExclusive whether {@code min} itself is outside the range (e.g. a learning rate in (0, 1])
 */
public record Hyperparameter(String name, boolean integer, double min, double max, boolean minExclusive) {

    /** A whole number from {@code min} to {@code max}. */
    public static Hyperparameter integer(String name, long min, long max) {
        return new Hyperparameter(name, true, min, max, false);
    }

    /** A number from {@code min} to {@code max}, both included. */
    public static Hyperparameter number(String name, double min, double max) {
        return new Hyperparameter(name, false, min, max, false);
    }

    /** A number above {@code min} up to {@code max}, e.g. a rate in (0, 1]. */
    public static Hyperparameter above(String name, double min, double max) {
        return new Hyperparameter(name, false, min, max, true);
    }

    /** A number the kind states no range for. */
    public static Hyperparameter any(String name) {
        return new Hyperparameter(name, false, -Double.MAX_VALUE, Double.MAX_VALUE, false);
    }

    /** The names in a kind's {@link ModelKind#hyperparameters()} table, as {@link ModelKind#algorithms()} gives them. */
    public static java.util.Map<String, java.util.Set<String>> names(java.util.Map<String, java.util.List<Hyperparameter>> table) {
        java.util.Map<String, java.util.Set<String>> out = new java.util.LinkedHashMap<>();
        table.forEach((a, hs) -> out.put(a, hs.stream().map(Hyperparameter::name).collect(java.util.stream.Collectors.toUnmodifiableSet())));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** What is wrong with a value given for it, if anything. */
    public Optional<String> problem(Object value) {
        if (!(value instanceof Number n)) {
            return Optional.of("must be a number" + range() + " (got " + describe(value) + ")");
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            return Optional.of("must be a finite number" + range() + " (got " + v + ")");
        }
        if (integer && v != Math.rint(v)) {
            return Optional.of("must be a whole number" + range() + " (got " + value + ")");
        }
        if (v > max || (minExclusive ? v <= min : v < min)) {
            return Optional.of("must be" + range() + " (got " + value + ")");
        }
        return Optional.empty();
    }

    private String range() {
        if (min == -Double.MAX_VALUE && max == Double.MAX_VALUE) {
            return "";
        }
        String lo = integer ? Long.toString((long) min) : Double.toString(min);
        String hi = integer ? Long.toString((long) max) : Double.toString(max);
        return minExclusive ? " in (" + lo + ", " + hi + "]" : " from " + lo + " to " + hi;
    }

    private static String describe(Object value) {
        String s = String.valueOf(value);
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return value instanceof String ? "'" + shown + "'" : shown;
    }
}
