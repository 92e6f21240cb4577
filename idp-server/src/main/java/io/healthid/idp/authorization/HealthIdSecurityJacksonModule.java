package io.healthid.idp.authorization;

import io.healthid.idp.model.PractitionerAuthentication;
import java.util.Set;
import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import tools.jackson.core.Version;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Adds our own types to Spring Security's JSON support: the mixin that writes them, and their place on the allowlist
 * of classes a stored authorization may name in {@code @class}.
 */
final class HealthIdSecurityJacksonModule extends SecurityJacksonModule {

    private static final long serialVersionUID = 1L;

    /**
     * What {@code List.of}, {@code Set.of} and {@code Map.of} return. Claims hold such values (our {@code amr} list,
     * for one) and Spring Security's allowlist names only the older {@code java.util} collections. Exact names: the
     * rest of that nest of classes is no business of a stored document.
     */
    private static final Set<String> JDK_IMMUTABLE_COLLECTIONS = Set.of("java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Map1",
            "java.util.ImmutableCollections$MapN");

    HealthIdSecurityJacksonModule() {
        super(HealthIdSecurityJacksonModule.class.getName(), new Version(1, 0, 0, null, null, null));
    }

    @Override
    public void configurePolymorphicTypeValidator(BasicPolymorphicTypeValidator.Builder builder) {
        builder.allowIfSubType(PractitionerAuthentication.class)
            .allowIfSubType((context, type) -> JDK_IMMUTABLE_COLLECTIONS.contains(type.getName()));
    }

    @Override
    public void setupModule(SetupContext context) {
        context.setMixIn(PractitionerAuthentication.class, PractitionerAuthenticationMixin.class);
        // replaces SAS's mixin for the same class: this module is added after Spring Security's
        context.setMixIn(OAuth2AuthorizationRequest.class, AuthorizationRequestMixin.class);
    }
}
