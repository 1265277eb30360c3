package com.wedsync.ml.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for services: stored only as the SHA-256 of their text (the text is shown once, when the token
 * is created), each with an expiry, the time it was last used, and a revocation. A token acts as its user,
 * with that user's role.
 */
@Service
public class ApiTokens {

    /** A token as the API lists it: never its text nor its hash. */
    public record TokenView(UUID id, String name, String username, Instant createdAt, String createdBy, Instant expiresAt,
                            Instant lastUsedAt, Instant revokedAt, String revokedBy) {
    }

    /** A token just created: its text, shown this once. */
    public record Created(TokenView token, String secret) {
    }

    /** Why a presented token does not sign anyone in. */
    public enum Refusal { UNKNOWN, EXPIRED, REVOKED, USER_DISABLED }

    /** The outcome of presenting a token: its user and role, or why not. */
    public record Check(String username, Role role, UUID tokenId, Refusal refusal) {
        public boolean valid() {
            return refusal == null;
        }
    }

    /** The longest life a token may be given. */
    public static final Duration MAXIMUM_LIFETIME = Duration.ofDays(366);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    ApiTokens(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Creates a token for {@code username} valid for {@code lifetime}.
     *
     * @throws IllegalArgumentException naming a bad name, user or lifetime
     */
    @Transactional
    public Created create(String username, String name, Duration lifetime, String actor) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required: what the token is for (e.g. 'scoring-service')");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAXIMUM_LIFETIME) > 0) {
            throw new IllegalArgumentException("a token lives between 1 and " + MAXIMUM_LIFETIME.toDays() + " days (got "
                    + lifetime.toDays() + ")");
        }
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM platform_users WHERE username = :u)").param("u", username)
                .query(Boolean.class).single();
        if (!exists) {
            throw new IllegalArgumentException("no user named '" + username + "'");
        }
        String secret = Secrets.token();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO api_tokens (id, username, name, token_sha256, created_at, created_by, expires_at) "
                        + "VALUES (:id, :u, :name, :hash, :now, :by, :expires)")
                .param("id", id).param("u", username).param("name", name.strip()).param("hash", Secrets.sha256(secret))
                .param("now", java.sql.Timestamp.from(now)).param("by", actor)
                .param("expires", java.sql.Timestamp.from(now.plus(lifetime))).update();
        audit.record(actor, "token.created", "token:" + id, Map.of("user", username, "name", name.strip(),
                "expiresAt", now.plus(lifetime).toString()));
        return new Created(find(id).orElseThrow(), secret);
    }

    /** Revokes a token; it stops working at once. Revoking a revoked token changes nothing. */
    @Transactional
    public Optional<TokenView> revoke(UUID id, String actor) {
        int n = jdbc.sql("UPDATE api_tokens SET revoked_at = :now, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .param("id", id).param("by", actor).param("now", java.sql.Timestamp.from(clock.instant())).update();
        if (n == 1) {
            audit.record(actor, "token.revoked", "token:" + id, Map.of());
        }
        return find(id);
    }

    /**
     * Who a presented token signs in, or why it does not; a valid token's last-used time is brought up to date
     * (at most once a minute, so a busy service does not write on every call).
     */
    public Check check(String secret) {
        Instant now = clock.instant();
        Optional<Check> found = jdbc.sql("""
                        SELECT t.id, t.username, u.role, u.enabled, t.expires_at, t.revoked_at
                        FROM api_tokens t JOIN platform_users u ON u.username = t.username WHERE t.token_sha256 = :h""")
                .param("h", Secrets.sha256(secret))
                .query((rs, i) -> {
                    Refusal refusal = rs.getTimestamp(6) != null ? Refusal.REVOKED
                            : !rs.getTimestamp(5).toInstant().isAfter(now) ? Refusal.EXPIRED
                            : !rs.getBoolean(4) ? Refusal.USER_DISABLED : null;
                    return new Check(rs.getString(2), Role.parse(rs.getString(3)), rs.getObject(1, UUID.class), refusal);
                }).optional();
        Check c = found.orElse(new Check(null, null, null, Refusal.UNKNOWN));
        if (c.valid()) {
            jdbc.sql("UPDATE api_tokens SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :minuteAgo)")
                    .param("id", c.tokenId()).param("now", java.sql.Timestamp.from(now))
                    .param("minuteAgo", java.sql.Timestamp.from(now.minusSeconds(60))).update();
        }
        return c;
    }

    public Optional<TokenView> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ApiTokens::view).optional();
    }

    /** Every token, newest first, optionally of one user. */
    public List<TokenView> all(String username) {
        return jdbc.sql(SELECT + " WHERE (CAST(:u AS text) IS NULL OR username = :u) ORDER BY created_at DESC")
                .param("u", username).query(ApiTokens::view).list();
    }

    private static final String SELECT = "SELECT id, name, username, created_at, created_by, expires_at, last_used_at, revoked_at, "
            + "revoked_by FROM api_tokens";

    private static TokenView view(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new TokenView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                rs.getString(9));
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
