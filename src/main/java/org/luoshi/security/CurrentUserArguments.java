package org.luoshi.security;

import java.util.List;
import org.luoshi.org.UnitScope;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets any controller take {@link CurrentUser} or the caller's {@link UnitScope} as a parameter,
 * so modules below security need not know how a request was authenticated.
 */
@Component
class CurrentUserArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final DataScopes scopes;

    CurrentUserArguments(DataScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == CurrentUser.class || type == UnitScope.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        CurrentUser user = current();
        if (parameter.getParameterType() == CurrentUser.class) {
            return user;
        }
        return user == null ? UnitScope.none() : scopes.of(user);
    }

    static CurrentUser current() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser user ? user : null;
    }
}
