package com.wedsync.ml.platform.security;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page for browser sessions (the form posts to {@code /login}, with its CSRF token). */
@Controller
class SignInController {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String signIn() {
        return "login";
    }
}
