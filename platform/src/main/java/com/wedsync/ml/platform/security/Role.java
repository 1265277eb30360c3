package com.wedsync.ml.platform.security;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The role ladder: each role may do everything the roles below it may. {@code viewer} reads models, runs,
 * forecasts, predictions, reports and the analytics page; {@code ml-engineer} also registers pipelines, starts
 * runs and experiments and moves versions to staged or retired; {@code admin} also moves a version to
 * production by hand and manages users, tokens and the actuator.
 */
public enum Role {
    VIEWER("viewer"), ML_ENGINEER("ml-engineer"), ADMIN("admin");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The name users, the API and the database use: viewer, ml-engineer, admin. */
    public String id() {
        return id;
    }

    /** Whether this role may do what {@code required} may. */
    public boolean atLeast(Role required) {
        return ordinal() >= required.ordinal();
    }

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + id);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role parse(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("role must be one of " + ids() + " (got '" + id + "')"));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Role::id).toList();
    }

    /** The highest role among granted authorities, or null when there is none. */
    public static Role highest(java.util.Collection<? extends GrantedAuthority> authorities) {
        Role best = null;
        for (GrantedAuthority a : authorities) {
            for (Role r : values()) {
                if (a.getAuthority().equals("ROLE_" + r.id) && (best == null || r.atLeast(best))) {
                    best = r;
                }
            }
        }
        return best;
    }
}
