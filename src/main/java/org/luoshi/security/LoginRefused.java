package org.luoshi.security;

import org.springframework.security.core.AuthenticationException;

/** A refused login with the message the person sees. */
public class LoginRefused extends AuthenticationException {

    public LoginRefused(String message) {
        super(message);
    }
}
