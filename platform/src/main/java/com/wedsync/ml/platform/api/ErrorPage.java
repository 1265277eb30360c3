package com.wedsync.ml.platform.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to {@code /error} (a request no handler took: a rejected path, a
 * filter's refusal, an exception outside Spring MVC) answers in the platform's problem shape instead of
 * Spring Boot's {@code {"timestamp","status","error"}} page. Any role, anonymous included: it only words
 * an answer already decided.
 */
@RestController
class ErrorPage implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? "an internal error occurred"
                : status == HttpStatus.NOT_FOUND ? "no endpoint at " + ApiExceptionHandler.cut(String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)))
                : status.getReasonPhrase();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiExceptionHandler.problem(status, status.getReasonPhrase(), detail, "request"));
    }
}
