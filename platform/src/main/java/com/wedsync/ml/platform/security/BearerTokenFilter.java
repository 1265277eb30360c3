package com.wedsync.ml.platform.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request that carries {@code Authorization: Bearer <token>} as the token's user, with the user's
 * role; an unknown, expired or revoked token is answered 401 at once (never passed on as anonymous).
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        ApiTokens.Check c;
        try {
            c = tokens.check(header.substring(7).strip());
        } catch (RuntimeException e) {
            if (!ProblemResponses.databaseDown(e)) {
                throw e;
            }
            ProblemResponses.databaseUnavailable(response);
            return;
        }
        if (!c.valid()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException(switch (c.refusal()) {
                case UNKNOWN -> "unknown API token";
                case EXPIRED -> "the API token has expired";
                case REVOKED -> "the API token has been revoked";
                case USER_DISABLED -> "the API token's user is disabled";
            }));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(c.username(), null,
                java.util.List.of(c.role().authority()));
        authentication.setDetails("token:" + c.tokenId());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
