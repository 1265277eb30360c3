package com.wedsync.ml.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first start: while no user exists, creates {@code admin} with the password of
 * {@code WEDSYNC_ADMIN_PASSWORD} or, when that is unset, a generated one that is printed once to the log
 * (and stored only hashed). There is no default password.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    static final String NAME = "admin";

    private final Users users;
    private final SecurityProperties properties;

    FirstAdmin(Users users, SecurityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.none()) {
            return;
        }
        String chosen = properties.adminPassword() == null || properties.adminPassword().isBlank() ? null : properties.adminPassword();
        Users.Created created;
        try {
            created = users.create(NAME, Role.ADMIN, chosen, "system:first-start");
        } catch (Users.UserExistsException another) {
            return; // another instance created it at the same moment
        }
        if (created.generatedPassword() != null) {
            log.warn("first start: created user '{}' (role admin) with the generated password {} - shown this once; sign in at "
                    + "/login or with HTTP Basic, then create users and tokens (README, 'Signing in'); ops/admin.sh reset-password "
                    + "admin sets a new one", NAME, created.generatedPassword());
        } else {
            log.info("first start: created user '{}' (role admin) with the password of WEDSYNC_ADMIN_PASSWORD", NAME);
        }
    }
}
