package com.wedsync.ml.platform.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password: too many failures on this name (answered 429). */
public class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("too many failed sign-ins for this user name: wait " + seconds(retryAfter) + " s before trying again");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1 (the Retry-After header). */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
