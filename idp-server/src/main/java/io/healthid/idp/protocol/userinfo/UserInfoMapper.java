package io.healthid.idp.protocol.userinfo;

import io.healthid.idp.claims.PscClaims;
import io.healthid.idp.claims.SubjectIdentifiers;
import io.healthid.idp.model.PractitionerAuthentication;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

/**
 * What SAS's userinfo provider answers for an active token: the subject and the identity claims of the practitioner
 * the token was issued to, the same as in the ID token. PSC's claim set needs no scope filtering: its one scope,
 * {@code scope_all}, grants all of them.
 */
public final class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

    private final SubjectIdentifiers subjects;

    public UserInfoMapper(SubjectIdentifiers subjects) {
        this.subjects = subjects;
    }

    @Override
    public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
        Principal principal = context.getAuthorization().getAttribute(Principal.class.getName());
        Map<String, Object> claims = new LinkedHashMap<>();
        if (principal instanceof PractitionerAuthentication person) {
            claims.put("sub", this.subjects.subjectOf(person.getNationalId()));
            claims.putAll(PscClaims.identity(person));
        }
        else {
            claims.put("sub", context.getAuthorization().getPrincipalName());
        }
        return new OidcUserInfo(claims);
    }
}
