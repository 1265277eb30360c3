package com.wedsync.ml.platform.api;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Request parameters that are numbers are plain decimal numbers. Spring's default number conversion also
 * reads {@code 0x10} and {@code #10} as 16 (and falls back to it when a stricter converter refuses), which no
 * caller of this API means; these editors, registered on every binder, read decimal text only, so anything
 * else is a 400 naming the parameter.
 */
@ControllerAdvice
class StrictNumbers {

    @InitBinder
    void strictNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, editor(s -> Integer.valueOf(decimal(s))));
        binder.registerCustomEditor(Integer.class, editor(s -> Integer.valueOf(decimal(s))));
        binder.registerCustomEditor(long.class, editor(s -> Long.valueOf(decimal(s))));
        binder.registerCustomEditor(Long.class, editor(s -> Long.valueOf(decimal(s))));
        binder.registerCustomEditor(double.class, editor(StrictNumbers::finite));
        binder.registerCustomEditor(Double.class, editor(StrictNumbers::finite));
    }

    private static PropertyEditorSupport editor(Function<String, Object> parse) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null || text.isBlank() ? null : parse.apply(text));
            }
        };
    }

    private static String decimal(String s) {
        String t = s.trim();
        if (!t.matches("[+-]?\\d{1,18}")) {
            throw new IllegalArgumentException("not a whole decimal number");
        }
        return t;
    }

    private static Double finite(String s) {
        String t = s.trim();
        if (!t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?")) {
            throw new IllegalArgumentException("not a decimal number");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number");
        }
        return v;
    }
}
