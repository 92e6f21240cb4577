package io.healthid.idp.protocol;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/** The principal of a browser request with no live session; SAS's providers treat it as "not authenticated". */
public final class AnonymousPrincipal {

    public static final Authentication INSTANCE = new AnonymousAuthenticationToken("anonymous", "anonymousUser",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private AnonymousPrincipal() {
    }
}
