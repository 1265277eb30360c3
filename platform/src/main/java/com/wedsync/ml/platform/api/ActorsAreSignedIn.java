package com.wedsync.ml.platform.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.databind.JsonNode;
import com.wedsync.ml.platform.json.Json;

/**
 * Who did something is who signed in: a request that says otherwise, with an {@code X-Actor} header or an
 * {@code actor} field in its JSON body, is refused with 400 naming it, before anything is stored.
 */
@ControllerAdvice
class ActorsAreSignedIn extends RequestBodyAdviceAdapter implements HandlerInterceptor {

    /** Puts the header check in front of every handler. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Registration implements org.springframework.web.servlet.config.annotation.WebMvcConfigurer {
        private final ActorsAreSignedIn check;

        Registration(ActorsAreSignedIn check) {
            this.check = check;
        }

        @Override
        public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
            registry.addInterceptor(check);
        }
    }

    static final String MESSAGE = "is not accepted: every change is recorded under the signed-in user (HTTP Basic or a token); "
            + "put any note in 'reason'";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getHeader("X-Actor") != null) {
            throw new BadRequestException("X-Actor", "the X-Actor header " + MESSAGE);
        }
        return true;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (RuntimeException notJson) {
            json = null; // the converter reports it
        }
        if (json != null && json.isObject() && json.has("actor")) {
            throw new BadRequestException("actor", "the field 'actor' " + MESSAGE);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }
}
