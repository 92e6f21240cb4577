package io.healthid.idp.claims;

import io.healthid.idp.model.PractitionerAuthentication;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity claims PSC puts in its tokens, from the authenticated practitioner: {@code SubjectNameID},
 * {@code preferred_username}, {@code authMode}, plus the standard {@code acr} and {@code amr} that PSC leaves out.
 * Directory claims ({@code SubjectRefPro}, names, roles) are added to userinfo by the practitioner directory.
 */
public final class PscClaims {

    private PscClaims() {
    }

    public static Map<String, Object> identity(PractitionerAuthentication person) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("SubjectNameID", person.getNationalId());
        claims.put("preferred_username", person.getNationalId());
        claims.put("authMode", person.getMethod().name());
        claims.put("acr", person.getAcr());
        claims.put("amr", person.getAmr());
        return claims;
    }
}
