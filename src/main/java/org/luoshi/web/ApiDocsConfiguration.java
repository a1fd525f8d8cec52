package org.luoshi.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's browsable description: bearer tokens, and without the caller's identity as a parameter. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static {
        // resolved from the session or token, never sent by the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class, UnitScope.class);
    }

    @Bean
    OpenAPI luoshiApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("落实 Luoshi API")
                        .version("v1")
                        .description("督查督办与目标绩效：事项、来源、佐证材料、单位、账户与工作日历。"
                                + "请求须带 Authorization: Bearer lst_…（在“接口令牌”页或 POST /api/v1/auth/token 获取）。"))
                .components(new Components()
                        .addSecuritySchemes(
                                "token",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
