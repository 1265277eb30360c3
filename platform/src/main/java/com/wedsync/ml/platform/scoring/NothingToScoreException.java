package com.wedsync.ml.platform.scoring;

/** What a scoring request names cannot be scored: no production version, no such (or no longer active) entity. */
public class NothingToScoreException extends RuntimeException {

    public NothingToScoreException(String message) {
        super(message);
    }
}
