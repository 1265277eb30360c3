package com.wedsync.ml.platform.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.security.ApiTokens;
import com.wedsync.ml.platform.security.AuditLog;
import com.wedsync.ml.platform.security.CurrentUser;
import com.wedsync.ml.platform.security.Role;
import com.wedsync.ml.platform.security.SecurityProperties;
import com.wedsync.ml.platform.security.Users;

/** Users, API tokens and the audit log: for admins (security/AccessRules). */
@RestController
class UserController {

    private final Users users;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final CurrentUser current;
    private final SecurityProperties properties;

    UserController(Users users, ApiTokens tokens, AuditLog audit, CurrentUser current, SecurityProperties properties) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.current = current;
        this.properties = properties;
    }

    /** Body of a new user: a name, a role, and a password (at least 12 characters) or none to have one generated. */
    record NewUser(String username, String role, String password) {
    }

    /** Body of a new token: what it is for, whose it is (default: the caller), how many days it lives (default 90). */
    record NewToken(String name, String username, Integer expiresInDays) {
    }

    /** Creates a user; a generated password is in the answer, this once. */
    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createUser(@RequestBody NewUser body) {
        if (body == null || body.username() == null || body.username().isBlank()) {
            throw new BadRequestException("username", "'username' is required");
        }
        if (body.role() == null) {
            throw new BadRequestException("role", "'role' is required: one of " + Role.ids());
        }
        Role role;
        try {
            role = Role.parse(body.role());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("role", e.getMessage());
        }
        Users.Created c;
        try {
            c = users.create(body.username(), role, body.password(), actor());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage().startsWith("password") ? "password" : "username", e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", c.user());
        if (c.generatedPassword() != null) {
            answer.put("password", c.generatedPassword());
            answer.put("note", "the generated password is shown this once");
        }
        return answer;
    }

    @GetMapping("/api/users")
    List<Users.UserView> users() {
        return users.all();
    }

    /** Creates an API token; its text is in the answer, this once (only its SHA-256 is stored). */
    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createToken(@RequestBody NewToken body) {
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw new BadRequestException("name", "'name' is required: what the token is for (e.g. 'scoring-service')");
        }
        String user = body.username() == null ? current.actor().orElseThrow().substring("user:".length()) : body.username();
        Duration lifetime = body.expiresInDays() == null ? properties.tokenLifetime() : Duration.ofDays(body.expiresInDays());
        if (body.expiresInDays() != null && (body.expiresInDays() < 1 || lifetime.compareTo(ApiTokens.MAXIMUM_LIFETIME) > 0)) {
            throw new BadRequestException("expiresInDays", "expiresInDays must be between 1 and " + ApiTokens.MAXIMUM_LIFETIME.toDays()
                    + " (got " + body.expiresInDays() + ")");
        }
        ApiTokens.Created c;
        try {
            c = tokens.create(user, body.name(), lifetime, actor());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage().startsWith("no user") ? "username" : "name", e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", c.token());
        answer.put("secret", c.secret());
        answer.put("note", "the token is shown this once: send it as 'Authorization: Bearer <secret>'");
        return answer;
    }

    @GetMapping("/api/tokens")
    List<ApiTokens.TokenView> tokens(@RequestParam(required = false) String username) {
        return tokens.all(username);
    }

    /** Revokes a token: it stops working at once. */
    @DeleteMapping("/api/tokens/{id}")
    ApiTokens.TokenView revoke(@PathVariable UUID id) {
        return tokens.revoke(id, actor()).orElseThrow(() -> new NotFoundException("no token " + id));
    }

    /** The audit log, newest first: who did what, for every state change the registry's history does not hold. */
    @GetMapping("/api/audit")
    List<AuditLog.Entry> audit(@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
                               @RequestParam(defaultValue = "100") int limit) {
        return audit.recent(action, actor, Math.max(1, Math.min(limit, 1000)));
    }

    private String actor() {
        return current.actor().orElseThrow();
    }
}
