package com.wedsync.ml.platform.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat refuses some requests before any servlet sees them (an encoded slash or NUL in the path, a
 * malformed URI, a header or request line over the limits) and words them with its own HTML page; this
 * valve words them as the platform's problem details instead, without repeating the request.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable t) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String title = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Content too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            default -> status >= 500 ? "Internal error" : "Error";
        };
        String detail = status >= 500 ? "an internal error occurred"
                : "the request was refused before it reached the platform (" + title.toLowerCase() + "): check its path, headers and size";
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
        org.springframework.http.ProblemDetail p = ApiExceptionHandler.problem(
                known == null ? org.springframework.http.HttpStatus.BAD_REQUEST : known, title, detail, "request");
        p.setStatus(status);
        String json = ApiExceptionHandler.toJson(p);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer w = response.getReporter();
            if (w != null) {
                w.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed: nothing more to say
        }
    }

    /** Installs the valve on Tomcat's host, so the container's own refusals use it. */
    @Configuration
    static class Install {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
