package com.wedsync.ml.platform.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * A request the access table lets through but whose body asks for more (a transition to production, a schedule
 * more frequent than the minimum): answered 403 naming the rule and the role it needs.
 */
public class RoleRequiredException extends AccessDeniedException {

    private final Role required;

    public RoleRequiredException(Role required, String message) {
        super(message);
        this.required = required;
    }

    public Role required() {
        return required;
    }
}
