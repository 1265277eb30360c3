package com.wedsync.ml.platform.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;


/**
 * Refuses a request body over {@code wedsync.api.max-body-size} (default 1 MiB: a pipeline definition is a
 * few kB) with 413 problem details, before anything reads it. Headers and the request line are bounded by
 * Tomcat ({@code server.max-http-request-header-size}), which answers 400 in the same shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(@Value("${wedsync.api.max-body-size:1048576}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            var p = ApiExceptionHandler.problem(HttpStatus.CONTENT_TOO_LARGE, "Content too large",
                    "the request body has " + length + " bytes; at most " + maxBytes + " are accepted", "body");
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType("application/problem+json");
            response.setHeader("Connection", "close");
            response.getWriter().write(ApiExceptionHandler.toJson(p));
            return;
        }
        chain.doFilter(request, response);
    }
}
