package com.wedsync.ml.pipelines.spi;

import java.util.List;

/** A forecast option with a value the forecaster cannot use: names the option and, where known, its valid values. */
public class InvalidForecastOptionException extends IllegalArgumentException {

    private final String option;
    private final List<String> validValues;

    public InvalidForecastOptionException(String option, String message, List<String> validValues) {
        super(message);
        this.option = option;
        this.validValues = List.copyOf(validValues);
    }

    public String option() {
        return option;
    }

    /** The values the option accepts; empty when they are not a list (e.g. a range). */
    public List<String> validValues() {
        return validValues;
    }
}
