package com.wedsync.ml.platform.security;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document says how to sign in (HTTP Basic or a bearer token) and, on each operation, the role it
 * needs: {@code x-required-role}, read from {@link AccessRules} (so the document and the policy cannot differ),
 * and a sentence in its description.
 */
@Component
class OpenApiSecurity implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("a user name and password (POST /api/users, or the first start's admin)"));
        openApi.getComponents().addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("wst_...").description("an API token (POST /api/tokens, or ops/admin.sh create-token on the host)"));
        openApi.setSecurity(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.readOperationsMap().entrySet()) {
                AccessRules.Access access = AccessRules.accessFor(e.getKey().name(), path);
                String role = access.role().map(Role::id).orElse("none");
                Operation op = e.getValue();
                op.addExtension("x-required-role", role);
                String note = access == AccessRules.Access.OPEN ? "Open: no sign-in needed."
                        : "Needs the role " + role + " (or above: viewer < ml-engineer < admin)"
                        + (path.endsWith("/transitions") ? "; a transition to production needs admin" : "")
                        + (path.equals("/api/pipelines") && e.getKey() == PathItem.HttpMethod.POST
                        ? "; a schedule more frequent than wedsync.pipelines.minimum-schedule-interval needs admin" : "") + ".";
                op.setDescription(op.getDescription() == null ? note : op.getDescription() + "\n\n" + note);
                if (access == AccessRules.Access.OPEN) {
                    op.setSecurity(List.of());
                }
            }
        });
    }
}
