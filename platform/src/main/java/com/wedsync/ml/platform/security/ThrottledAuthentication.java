package com.wedsync.ml.platform.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password sign-in (HTTP Basic and the sign-in page) behind the {@link SignInThrottle}: a throttled name is
 * refused before its password is checked; a wrong password counts; a right one clears the count.
 */
final class ThrottledAuthentication implements AuthenticationManager {

    private final AuthenticationManager passwords;
    private final SignInThrottle throttle;

    ThrottledAuthentication(AuthenticationManager passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        if (!(request instanceof UsernamePasswordAuthenticationToken)) {
            return passwords.authenticate(request);
        }
        String name = request.getName();
        var wait = throttle.waitFor(name);
        if (wait.isPresent()) {
            throw new SignInThrottledException(wait.get());
        }
        try {
            Authentication a = passwords.authenticate(request);
            throttle.succeeded(name);
            return a;
        } catch (BadCredentialsException e) {
            throttle.failed(name);
            throw new BadCredentialsException("wrong user name or password");
        } catch (AuthenticationException e) {
            throttle.failed(name);
            throw e;
        }
    }
}
