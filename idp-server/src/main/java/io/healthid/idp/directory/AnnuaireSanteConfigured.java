package io.healthid.idp.directory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The Annuaire Santé API is configured when {@link DirectoryProperties.AnnuaireSante#enabled()} says so. */
final class AnnuaireSanteConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment()).bindOrCreate("idp.directory", DirectoryProperties.class)
            .annuaireSante().enabled();
    }
}
