package io.healthid.idp.authorization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.PractitionerAuthentication;
import java.time.Instant;

/**
 * JSON shape of {@link PractitionerAuthentication} inside a stored authorization: its five constructor arguments and
 * nothing else. The factor authority is not written: the constructor derives it (factor and {@code issuedAt}) from
 * the method and the authentication instant, so it comes back identical. Auto-detection is off because the
 * inherited getters would write the credentials, the details and {@code getPrincipal()}, which returns the object
 * itself.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
abstract class PractitionerAuthenticationMixin {

    @JsonCreator
    PractitionerAuthenticationMixin(@JsonProperty("nationalId") String nationalId,
            @JsonProperty("method") AuthMethod method, @JsonProperty("acr") String acr,
            @JsonProperty("authenticatedAt") Instant authenticatedAt, @JsonProperty("sessionId") String sessionId) {
    }

    @JsonProperty("nationalId")
    abstract String getNationalId();

    @JsonProperty("method")
    abstract AuthMethod getMethod();

    @JsonProperty("acr")
    abstract String getAcr();

    @JsonProperty("authenticatedAt")
    abstract Instant getAuthenticatedAt();

    @JsonProperty("sessionId")
    abstract String getSessionId();
}
