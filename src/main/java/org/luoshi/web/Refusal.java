package org.luoshi.web;

import java.util.Locale;
import org.luoshi.DomainException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

/** A domain refusal in the reader's language. */
public final class Refusal {

    private Refusal() {}

    public static String message(DomainException e, MessageSource messages, Locale locale) {
        return messages.getMessage("error." + e.code(), e.args(), e.getMessage(), locale);
    }

    public static HttpStatus status(DomainException e) {
        return HttpStatus.valueOf(e.kind().status());
    }
}
