package org.luoshi.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
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
                        .requestMatchers(
                                "/", "/password", "/tokens/**", "/inbox/**", "/swagger-ui/**", "/v3/api-docs/**")
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
