package io.healthid.idp.claims;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code profile} scope's {@code name} (OIDC Core 5.1), composed from the directory's given and family names. */
public final class ProfileClaims {

    private ProfileClaims() {
    }

    /** Adds {@code name} when the claims have a given or family name and no name yet. */
    public static void addName(Map<String, Object> claims) {
        String name = Stream.of(claims.get("given_name"), claims.get("family_name"))
            .filter(Objects::nonNull)
            .map(Object::toString)
            .filter(part -> !part.isBlank())
            .collect(Collectors.joining(" "));
        if (!name.isEmpty()) {
            claims.putIfAbsent("name", name);
        }
    }
}
