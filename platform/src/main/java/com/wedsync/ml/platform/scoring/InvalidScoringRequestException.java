package com.wedsync.ml.platform.scoring;

/** A scoring or forecast request whose named field is wrong (e.g. a horizon the model does not forecast). */
public class InvalidScoringRequestException extends RuntimeException {

    private final String field;

    public InvalidScoringRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
