package io.healthid.idp.directory;

import io.healthid.idp.claims.DirectoryClaims;
import io.healthid.rpps.claims.PscClaimsMapper;
import io.healthid.rpps.lookup.PractitionerLookup;
import java.util.Map;
import reactor.core.publisher.Mono;

/** PSC's userinfo claims ({@code SubjectRefPro} with every profession and site, roles, sector, ...) from the directory. */
public class DirectoryUserInfoClaims implements DirectoryClaims {

    private final PractitionerLookup directory;
    private final PscClaimsMapper mapper = new PscClaimsMapper();

    public DirectoryUserInfoClaims(PractitionerLookup directory) {
        this.directory = directory;
    }

    @Override
    public Mono<Map<String, Object>> claimsFor(String nationalId) {
        return this.directory.findByNationalId(nationalId).map(this.mapper::userInfoClaims);
    }
}
