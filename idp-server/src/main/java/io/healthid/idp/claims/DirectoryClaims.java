package io.healthid.idp.claims;

import java.util.Map;
import reactor.core.publisher.Mono;

/** The practitioner directory's userinfo claims for a national identifier (SubjectRefPro, names, roles, ...). */
public interface DirectoryClaims {

    /** The claims, empty when the person is not in the directory. */
    Mono<Map<String, Object>> claimsFor(String nationalId);
}
