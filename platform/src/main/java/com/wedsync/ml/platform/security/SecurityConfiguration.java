package com.wedsync.ml.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Spring Security on port 8080. Three ways in, one policy ({@link AccessRules}):
 * <ul>
 * <li>HTTP Basic (people and scripts) and bearer tokens (services, {@link BearerTokenFilter}) on every request;
 *     neither opens a session, and a request that carries either needs no CSRF token;</li>
 * <li>the sign-in page ({@code /login}) for browsers, which opens a session: every state change in a
 *     session needs its CSRF token;</li>
 * <li>a browser that is not signed in is sent to the sign-in page; any other client gets a 401 problem detail.</li>
 * </ul>
 * Password sign-ins go through the {@link SignInThrottle}. Every answer carries a content security policy
 * without inline scripts or styles, frame denial and a same-origin referrer policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Spring Security's delegating encoder: bcrypt for new passwords, the stored id says how to check an old one. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationManager authenticationManager(Users users, PasswordEncoder encoder, SignInThrottle throttle) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new ThrottledAuthentication(new ProviderManager(dao), throttle);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager, ApiTokens tokens)
            throws Exception {
        ProblemResponses problems = new ProblemResponses();
        AuthenticationEntryPoint entryPoint = new BrowserOrClient(new LoginUrlAuthenticationEntryPoint("/login"), problems);
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(a -> a.anyRequest().access(new AccessRules()))
                .httpBasic(b -> b.authenticationEntryPoint(problems))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/analytics", false)
                        .failureHandler(SecurityConfiguration::signInFailed).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                // CSRF guards what a browser session can do; a request with its own credentials, or an API call without
                // a session (which then needs credentials: 401), carries nothing a forged request could ride on
                .csrf(c -> c.ignoringRequestMatchers(r -> r.getHeader("Authorization") != null
                        || (r.getSession(false) == null && r.getRequestURI().startsWith("/api/"))))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class);
        return http.build();
    }

    private static void signInFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInThrottledException t) {
            response.setHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
            response.sendRedirect(request.getContextPath() + "/login?throttled=" + t.retryAfterSeconds());
        } else {
            response.sendRedirect(request.getContextPath() + "/login?error");
        }
    }

    /** A browser asking for a page goes to the sign-in page; every other client gets a 401 problem detail. */
    private record BrowserOrClient(AuthenticationEntryPoint browser, AuthenticationEntryPoint client) implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException, jakarta.servlet.ServletException {
            String accept = request.getHeader("Accept");
            boolean page = accept != null && accept.contains("text/html") && request.getHeader("Authorization") == null
                    && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With")) && !request.getRequestURI().startsWith("/api/");
            (page ? browser : client).commence(request, response, e);
        }
    }
}
