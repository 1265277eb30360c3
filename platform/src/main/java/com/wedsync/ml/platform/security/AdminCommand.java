package com.wedsync.ml.platform.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The host operator's way in when no admin password is known ({@code ops/admin.sh}): sets a new password for a user,
 * or creates an API token for one, straight in the platform's PostgreSQL, without the HTTP API. Runs on the host
 * that holds the database: {@code SPRING_DATASOURCE_URL} (and _USERNAME, _PASSWORD), or else the running embedded
 * PostgreSQL found through its {@code postmaster.pid} in {@code WEDSYNC_EMBEDDED_POSTGRES_DATA_DIRECTORY}
 * (default {@code ~/.wedsync/pgdata}). The new secret is printed once on standard output; the audit log records
 * {@code host:<operator>}.
 *
 * <pre>
 * ops/admin.sh reset-password admin        # prints a generated password (or takes WEDSYNC_NEW_PASSWORD)
 * ops/admin.sh create-token admin [days]   # prints a new API token (default 90 days)
 * </pre>
 */
public final class AdminCommand {

    private AdminCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !List.of("reset-password", "create-token").contains(args[0])) {
            System.err.println("usage: ops/admin.sh reset-password <user> | create-token <user> [days]");
            System.exit(2);
        }
        String user = args[1];
        String actor = "host:" + System.getProperty("user.name", "operator");
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            if (args[0].equals("reset-password")) {
                String chosen = System.getenv("WEDSYNC_NEW_PASSWORD");
                String password = chosen == null || chosen.isBlank() ? Secrets.password() : chosen;
                if (password.length() < Users.MINIMUM_PASSWORD_LENGTH) {
                    fail("WEDSYNC_NEW_PASSWORD must be at least " + Users.MINIMUM_PASSWORD_LENGTH + " characters");
                }
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE platform_users SET password_hash = ?, password_changed_at = now() WHERE username = ?")) {
                    st.setString(1, PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password));
                    st.setString(2, user);
                    if (st.executeUpdate() == 0) {
                        fail("no user named '" + user + "'");
                    }
                }
                audit(c, actor, "user.password-changed", "user:" + user);
                c.commit();
                System.out.println(chosen == null || chosen.isBlank() ? "new password of " + user + " (shown once): " + password
                        : "password of " + user + " set from WEDSYNC_NEW_PASSWORD");
            } else {
                int days = args.length > 2 ? Integer.parseInt(args[2]) : 90;
                if (days < 1 || days > ApiTokens.MAXIMUM_LIFETIME.toDays()) {
                    fail("days must be between 1 and " + ApiTokens.MAXIMUM_LIFETIME.toDays());
                }
                String token = Secrets.token();
                UUID id = UUID.randomUUID();
                try (PreparedStatement st = c.prepareStatement("INSERT INTO api_tokens (id, username, name, token_sha256, created_at, "
                        + "created_by, expires_at) SELECT ?, username, 'host command', ?, now(), ?, now() + make_interval(days => ?) "
                        + "FROM platform_users WHERE username = ?")) {
                    st.setObject(1, id);
                    st.setString(2, Secrets.sha256(token));
                    st.setString(3, actor);
                    st.setInt(4, days);
                    st.setString(5, user);
                    if (st.executeUpdate() == 0) {
                        fail("no user named '" + user + "'");
                    }
                }
                audit(c, actor, "token.created", "token:" + id);
                c.commit();
                System.out.println("API token of " + user + " for " + days + " days (shown once): " + token);
                System.out.println("use it as: curl -H 'Authorization: Bearer " + token + "' http://localhost:8080/api/models");
            }
        }
    }

    /** Times are the database's own ({@code now()}): a host command has no platform clock to ask. */
    private static void audit(Connection c, String actor, String action, String target) throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_log (at, actor, action, target) VALUES (now(), ?, ?, ?)")) {
            st.setString(1, actor);
            st.setString(2, action);
            st.setString(3, target);
            st.executeUpdate();
        }
    }

    private static Connection connect() throws Exception {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url != null && !url.isBlank()) {
            return DriverManager.getConnection(url, System.getenv("SPRING_DATASOURCE_USERNAME"), System.getenv("SPRING_DATASOURCE_PASSWORD"));
        }
        String dir = System.getenv().getOrDefault("WEDSYNC_EMBEDDED_POSTGRES_DATA_DIRECTORY",
                System.getProperty("user.home") + "/.wedsync/pgdata");
        Path pid = Path.of(dir, "postmaster.pid");
        if (!Files.exists(pid)) {
            fail("the embedded PostgreSQL is not running (no " + pid + "): start the platform (ops/run.sh), or set SPRING_DATASOURCE_URL");
        }
        // postmaster.pid: line 4 is the port the server listens on
        String port = Files.readAllLines(pid).get(3).strip();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
    }

    private static void fail(String message) {
        System.err.println("admin: " + message);
        System.exit(1);
    }
}
