package org.luoshi.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/** The login form's check, and what follows success, failure and logout. */
class WebLoginHandlers
        implements AuthenticationProvider, AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

    static final String LAST_ERROR = "luoshi.login.error";
    static final String LAST_USERNAME = "luoshi.login.username";

    private final LoginService logins;
    private final SecurityPolicyService policies;

    WebLoginHandlers(LoginService logins, SecurityPolicyService policies) {
        this.logins = logins;
        this.policies = policies;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        CurrentUser user = logins.authenticate(
                authentication.getName(), String.valueOf(authentication.getCredentials()), "网页", address);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException {
        var session = request.getSession();
        session.setMaxInactiveInterval((int) policies.current().idleTimeout().toSeconds());
        session.removeAttribute(LAST_ERROR);
        session.removeAttribute(LAST_USERNAME);
        CurrentUser user = (CurrentUser) auth.getPrincipal();
        response.sendRedirect(request.getContextPath() + (user.passwordChangeDue() ? "/password" : "/"));
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var session = request.getSession();
        session.setAttribute(LAST_ERROR, exception instanceof LoginRefused ? exception.getMessage() : "用户名或密码错误");
        session.setAttribute(LAST_USERNAME, request.getParameter("username"));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            logins.loggedOut(user);
        }
    }
}
