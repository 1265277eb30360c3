package com.wedsync.ml.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import com.wedsync.ml.platform.support.TestDates;

/**
 * A first start with nothing configured: the generated admin and dashboard passwords are printed once each, and
 * they work; no other password or token (a user's, a token's, a wrong guess) appears in any line of the log or in
 * any error body, whatever the calls that carried them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SecretsStayOutOfLogsTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void firstStartWithNothingSet(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.register(registry, TestDates.base());
        registry.add("wedsync.security.admin-password", () -> "");
        registry.add("jobrunr.dashboard.password", () -> "");
    }

    static String printed(CapturedOutput output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output.getAll());
        assertThat(m.find()).as("printed: " + regex).isTrue();
        return m.group(1);
    }

    @Test
    void generatedPasswordsArePrintedOnceAndNoOtherSecretIsEverLogged(CapturedOutput output) {
        String admin = printed(output, "created user 'admin' \\(role admin\\) with the generated password (\\S+)");
        String dashboard = printed(output, "user 'admin', generated password (\\S+)");
        assertThat(output.getAll().split(Pattern.quote(admin), -1)).as("the admin password, printed once").hasSize(2);
        assertThat(output.getAll().split(Pattern.quote(dashboard), -1)).as("the dashboard password, printed once").hasSize(2);

        Api api = Api.on(port).withPassword("admin", admin);
        assertThat(api.get("/api/users").statusCode()).as("the printed password signs in").isEqualTo(200);
        List<String> secrets = new ArrayList<>();
        List<String> bodies = new ArrayList<>();

        HttpResponse<String> user = api.post("/api/users", "{\"username\": \"dora\", \"role\": \"viewer\"}");
        assertThat(user.statusCode()).isEqualTo(201);
        String doraPassword = (String) Json.readMap(user.body()).get("password");
        secrets.add(doraPassword);
        HttpResponse<String> token = api.post("/api/tokens", "{\"name\": \"svc\", \"username\": \"dora\"}");
        String secret = (String) Json.readMap(token.body()).get("secret");
        secrets.add(secret);
        assertThat(Api.on(port).withToken(secret).get("/api/models").statusCode()).isEqualTo(200);
        assertThat(Api.on(port).withPassword("dora", doraPassword).get("/api/models").statusCode()).isEqualTo(200);

        // calls that fail while carrying secrets
        String guess = "guess-" + java.util.UUID.randomUUID();
        secrets.add(guess);
        bodies.add(Api.on(port).withPassword("dora", guess).get("/api/models").body());
        bodies.add(Api.on(port).withPassword("nobody", guess).get("/api/models").body());
        String chosenTooShort = "sh0rt-" + Long.toHexString(System.nanoTime()).substring(0, 5);
        secrets.add(chosenTooShort);
        bodies.add(api.post("/api/users", "{\"username\": \"eve\", \"role\": \"viewer\", \"password\": \"" + chosenTooShort + "\"}").body());
        String chosen = "chosen-" + java.util.UUID.randomUUID();
        secrets.add(chosen);
        bodies.add(api.post("/api/users", "{\"username\": \"dora\", \"role\": \"viewer\", \"password\": \"" + chosen + "\"}").body());
        bodies.add(api.post("/api/users", "{\"username\": \"Bad Name\", \"role\": \"viewer\", \"password\": \"" + chosen + "\"}").body());
        String forged = secret.substring(0, secret.length() - 2) + "xx";
        secrets.add(forged);
        bodies.add(Api.on(port).withToken(forged).get("/api/models").body());
        bodies.add(Api.on(port).withToken(secret).post("/api/users", "{\"username\": \"x\"}").body());
        assertThat(api.delete("/api/tokens/" + Json.readMap(Json.write(Json.readMap(token.body()).get("token"))).get("id"))
                .statusCode()).isEqualTo(200);
        bodies.add(Api.on(port).withToken(secret).get("/api/models").body());

        String log = output.getAll();
        for (String s : secrets) {
            assertThat(log).as("the log").doesNotContain(s);
            assertThat(bodies).as("the error bodies").noneMatch(b -> b.contains(s));
        }
        assertThat(bodies).noneMatch(b -> b.contains(admin));
        assertThat(log).doesNotContain("Using generated security password"); // Spring Boot's own default user is not there
    }
}
