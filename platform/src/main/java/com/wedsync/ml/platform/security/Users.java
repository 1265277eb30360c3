package com.wedsync.ml.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The {@code platform_users} table: people and scripts that sign in with a name and password. */
@Service
public class Users implements UserDetailsService {

    /** The shortest password a person may choose (generated ones are 24 characters). */
    public static final int MINIMUM_PASSWORD_LENGTH = 12;

    /** A user as the API shows it: never the hash. */
    public record UserView(String username, String role, boolean enabled, Instant createdAt, String createdBy,
                           Instant passwordChangedAt) {
    }

    /** A user just created, with the password when it was generated (shown this once). */
    public record Created(UserView user, String generatedPassword) {
    }

    /** A name that is taken. */
    public static final class UserExistsException extends RuntimeException {
        UserExistsException(String username) {
            super("a user named '" + username + "' exists already");
        }
    }

    /** What a user name looks like (the table's check says the same). */
    public static final String NAME_FORMAT = "^[a-z0-9][a-z0-9._-]{0,63}$";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final AuditLog audit;

    Users(JdbcClient jdbc, PasswordEncoder encoder, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled FROM platform_users WHERE username = :u")
                .param("u", username)
                .query((rs, i) -> User.withUsername(rs.getString(1)).password(rs.getString(2))
                        .authorities(Role.parse(rs.getString(3)).authority()).disabled(!rs.getBoolean(4)).build())
                .optional().orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    public Optional<UserView> find(String username) {
        return jdbc.sql(SELECT + " WHERE username = :u").param("u", username).query(Users::view).optional();
    }

    public List<UserView> all() {
        return jdbc.sql(SELECT + " ORDER BY username").query(Users::view).list();
    }

    /**
     * Creates a user; with a null password one is generated and returned once.
     *
     * @throws IllegalArgumentException naming a bad name, role or password
     * @throws UserExistsException      when the name is taken
     */
    @Transactional
    public Created create(String username, Role role, String password, String actor) {
        if (username == null || !username.matches(NAME_FORMAT)) {
            throw new IllegalArgumentException("username must be 1-64 characters of a-z, 0-9, '.', '_', '-', starting with a letter "
                    + "or digit (got '" + username + "')");
        }
        String generated = password == null ? Secrets.password() : null;
        String chosen = password == null ? generated : password;
        if (chosen.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
        try {
            jdbc.sql("INSERT INTO platform_users (username, password_hash, role, created_at, created_by, password_changed_at) "
                            + "VALUES (:u, :h, :r, :now, :by, :now)")
                    .param("u", username).param("h", encoder.encode(chosen)).param("r", role.id()).param("now", now)
                    .param("by", actor).update();
        } catch (DuplicateKeyException e) {
            throw new UserExistsException(username);
        }
        audit.record(actor, "user.created", "user:" + username, java.util.Map.of("role", role.id(),
                "password", generated == null ? "chosen" : "generated"));
        return new Created(find(username).orElseThrow(), generated);
    }

    /** Sets a new password (the host's admin command, or an admin); the old one stops working at once. */
    @Transactional
    public void setPassword(String username, String password, String actor) {
        if (password.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        int n = jdbc.sql("UPDATE platform_users SET password_hash = :h, password_changed_at = :now WHERE username = :u")
                .param("u", username).param("h", encoder.encode(password))
                .param("now", java.sql.Timestamp.from(clock.instant())).update();
        if (n == 0) {
            throw new IllegalArgumentException("no user named '" + username + "'");
        }
        audit.record(actor, "user.password-changed", "user:" + username, java.util.Map.of());
    }

    /** Whether any user exists (the first start creates the admin when none does). */
    public boolean none() {
        return !jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform_users)").query(Boolean.class).single();
    }

    private static final String SELECT = "SELECT username, role, enabled, created_at, created_by, password_changed_at FROM platform_users";

    private static UserView view(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new UserView(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }
}
