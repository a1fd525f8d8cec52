package org.luoshi.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/** The HTTP doors; command-line verbs run without a web server and so without these. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String[] BUSINESS = {"SUPERVISOR", "LEADER", "LIAISON", "UNIT_HEAD"};

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /**
     * No observations of the security chains at all. Switched off by a predicate, they were no-ops
     * still built on every request around every filter of the chain; the request's own observation
     * (metrics per endpoint) stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokenService tokens, Refusals refusals) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable()) // bearer tokens only: no cookie rides along
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, refusals), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(POST, "/api/v1/auth/token")
                        .permitAll()
                        .requestMatchers("/api/v1/public/**")
                        .permitAll()
                        .requestMatchers("/api/v1/me", "/api/v1/me/**", "/api/v1/auth/tokens/**", "/api/v1/calendar/**")
                        .authenticated()
                        .requestMatchers("/api/v1/jobs", "/api/v1/jobs/**")
                        .hasRole("SYSTEM_ADMIN")
                        .requestMatchers(GET, "/api/v1/units")
                        .hasRole("SYSTEM_ADMIN")
                        .requestMatchers(POST, "/api/v1/units")
                        .hasRole("SYSTEM_ADMIN")
                        .requestMatchers(GET, "/api/v1/units/*")
                        .hasAnyRole("SYSTEM_ADMIN", "SUPERVISOR", "LEADER", "LIAISON", "UNIT_HEAD")
                        .requestMatchers("/api/v1/accounts/**", "/api/v1/accounts")
                        .hasRole("SYSTEM_ADMIN")
                        // a role's work is refused at the door, before a body is read or an id looked up
                        .requestMatchers(
                                POST, "/api/v1/items", "/api/v1/sources", "/api/v1/bulletins", "/api/v1/assessments")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(PUT, "/api/v1/items/*", "/api/v1/items/*/indicators", "/api/v1/bulletins/*")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(
                                POST,
                                "/api/v1/items/*/remind",
                                "/api/v1/reports/*/accept",
                                "/api/v1/reports/*/return",
                                "/api/v1/bulletins/*/publish",
                                "/api/v1/assessments/*/adjustments",
                                "/api/v1/assessments/*/publicize",
                                "/api/v1/assessments/*/publish",
                                "/api/v1/assessments/*/what-if",
                                "/api/v1/assessments/*/appeals/*/answer")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(PUT, "/api/v1/assessments/*", "/api/v1/units/*/report-settings")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(DELETE, "/api/v1/bulletins/*", "/api/v1/assessments/*/adjustments/*")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(
                                "/api/v1/imports/**",
                                "/api/v1/summaries/plans/**",
                                "/api/v1/suggestions",
                                "/api/v1/suggestions/**",
                                "/api/v1/deliveries/**",
                                "/api/v1/units/*/channels",
                                "/api/v1/units/*/channels/**")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(POST, "/api/v1/reports/*/approve")
                        .hasRole("UNIT_HEAD")
                        .requestMatchers(POST, "/api/v1/items/*/reports", "/api/v1/assessments/*/appeals")
                        .hasAnyRole("LIAISON", "UNIT_HEAD")
                        .requestMatchers(PUT, "/api/v1/summaries/draft")
                        .hasAnyRole("SUPERVISOR", "LIAISON", "UNIT_HEAD")
                        .anyRequest()
                        .hasAnyRole(BUSINESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals::apiUnauthenticated)
                        .accessDeniedHandler(refusals::apiDenied))
                .headers(h -> h.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, LoginService logins, SecurityPolicyService policies, Refusals refusals)
            throws Exception {
        var handlers = new WebLoginHandlers(logins, policies);
        http.authenticationProvider(handlers)
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(handlers)
                        .failureHandler(handlers)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler(handlers)
                        .logoutSuccessUrl("/login?logout")
                        .deleteCookies("SESSION"))
                .sessionManagement(s -> s.invalidSessionStrategy(refusals::invalidSession))
                // the citizen's pages act for nobody signed in: no session, nothing for a forged request to ride
                .csrf(csrf -> csrf.ignoringRequestMatchers("/public/**"))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error",
                                "/error/**",
                                "/public/**")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("SYSTEM_ADMIN")
                        .requestMatchers(
                                "/admin/units/**", "/admin/accounts/**", "/admin/calendar/**", "/admin/jobs/**")
                        .hasRole("SYSTEM_ADMIN")
                        .requestMatchers("/admin/security/**", "/admin/roles/**")
                        .hasRole("SECURITY_ADMIN")
                        .requestMatchers("/audit/**")
                        .hasRole("AUDIT_ADMIN")
                        .requestMatchers(POST, "/items", "/sources", "/bulletins", "/assessments", "/summaries/plans")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(
                                "/items/new",
                                "/items/*/edit",
                                "/items/*/remind",
                                "/imports",
                                "/imports/**",
                                "/suggestions",
                                "/suggestions/**",
                                "/reminders",
                                "/reminders/**",
                                "/progress/items/*/indicators",
                                "/progress/reports/*/review")
                        .hasRole("SUPERVISOR")
                        .requestMatchers("/progress/settings", "/progress/reports/*/approve")
                        .hasRole("UNIT_HEAD")
                        .requestMatchers(POST, "/assessments/*/appeal")
                        .hasAnyRole("LIAISON", "UNIT_HEAD")
                        .requestMatchers(POST, "/bulletins/*/*", "/assessments/*/*")
                        .hasRole("SUPERVISOR")
                        .requestMatchers(POST, "/summaries/draft")
                        .hasAnyRole("SUPERVISOR", "LIAISON", "UNIT_HEAD")
                        .requestMatchers("/", "/password", "/tokens/**", "/swagger-ui/**", "/v3/api-docs/**")
                        .authenticated()
                        .anyRequest()
                        .hasAnyRole(BUSINESS))
                .exceptionHandling(e -> e.accessDeniedHandler(refusals::webDenied))
                .addFilterAfter(new PasswordChangeGate(), AuthorizationFilter.class)
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }
}
