package com.wedsync.ml.platform.security;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the signed-in principal as the audit trail names it ({@code user:<name>}), and its role.
 * Outside a request (the platform's own jobs) there is nobody; those record {@code system:<job>}.
 */
@Component
public class CurrentUser {

    /** The signed-in principal's actor name, {@code user:<name>}, or empty outside a signed-in request. */
    public Optional<String> actor() {
        return authentication().map(a -> "user:" + a.getName());
    }

    /** The actor name of the request's principal; {@code system:<fallback>} outside a signed-in request. */
    public String actorOr(String systemJob) {
        return actor().orElse("system:" + systemJob);
    }

    /** The principal's role, or empty outside a signed-in request. */
    public Optional<Role> role() {
        return authentication().map(a -> Role.highest(a.getAuthorities()));
    }

    /** Whether the principal has at least {@code role}. */
    public boolean has(Role role) {
        return role().map(r -> r.atLeast(role)).orElse(false);
    }

    /**
     * @throws RoleRequiredException (403) with {@code rule} as its message when the principal has less than {@code role}
     */
    public void require(Role role, String rule) {
        if (!has(role)) {
            throw new RoleRequiredException(role, rule + " needs the role " + role.id() + role().map(r -> "; " + actor().orElse("")
                    + " has " + r.id()).orElse(""));
        }
    }

    private static Optional<Authentication> authentication() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken ? Optional.empty() : Optional.of(a);
    }
}
